// Roles and region scopes of the register's users (DESIGN.md, Security).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace siak {

enum class Role : uint8_t {
  kAdmin = 1,             // users, configuration; everything in scope
  kSupervisor = 2,        // reads, reports, approvals in scope
  kRegistrar = 3,         // registers and changes persons, families, moves
  kRecordingOfficer = 4,  // e-KTP recording; reads persons
  kPrintOfficer = 5,      // card printing; reads persons
  kAuditor = 6,           // reads the audit log and persons, changes nothing
  kPartner = 7,           // partner institution: verification API only
};
inline constexpr Role kAllRoles[] = {Role::kAdmin,       Role::kSupervisor, Role::kRegistrar, Role::kRecordingOfficer,
                                     Role::kPrintOfficer, Role::kAuditor,    Role::kPartner};

std::string_view RoleName(Role role);  // "recording_officer"
Result<Role> ParseRole(std::string_view name);

// A region scope: a prefix of region code digits. "" is national; otherwise a province (2),
// regency (4) or district (6) code that exists in the region data (checked by the caller).
Result<std::string> ParseScope(std::string_view text);  // accepts "national", "32", "32.73", "32.73.01"
// Whether a region (digits) lies in the scope.
inline bool InScope(std::string_view scope, std::string_view region_digits) {
  return region_digits.substr(0, scope.size()) == scope;
}
std::string ScopeLabel(std::string_view scope);  // "national" or "32.73"

}  // namespace siak
