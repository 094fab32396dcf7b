#include "domain/role.h"

#include "domain/region_code.h"

namespace siak {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kSupervisor: return "supervisor";
    case Role::kRegistrar: return "registrar";
    case Role::kRecordingOfficer: return "recording_officer";
    case Role::kPrintOfficer: return "print_officer";
    case Role::kAuditor: return "auditor";
    case Role::kPartner: return "partner";
  }
  return "?";
}

Result<Role> ParseRole(std::string_view name) {
  for (Role role : kAllRoles) {
    if (RoleName(role) == name) return role;
  }
  return Status::Invalid("role", name,
                         "must be one of admin, supervisor, registrar, recording_officer, print_officer, auditor, "
                         "partner");
}

Result<std::string> ParseScope(std::string_view text) {
  if (text == "national" || text.empty()) return std::string();
  auto code = RegionCode::Parse(text, "scope");
  if (!code.ok()) return code.status();
  if (code->level() != RegionLevel::kProvince && code->level() != RegionLevel::kRegency &&
      code->level() != RegionLevel::kDistrict) {
    return Status::Invalid("scope", text, "must be national, a province, a regency or a district code");
  }
  return code->digits();
}

std::string ScopeLabel(std::string_view scope) {
  return scope.empty() ? "national" : DottedRegionCode(scope);
}

}  // namespace siak
