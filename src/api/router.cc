#include "api/router.h"

namespace siak::api {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool MatchPattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params) {
  const auto ps = Segments(pattern);
  const auto xs = Segments(path);
  if (ps.size() != xs.size()) return false;
  std::map<std::string, std::string> captured;
  for (size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].size() > 2 && ps[i].front() == '{' && ps[i].back() == '}') {
      if (xs[i].empty()) return false;
      captured[std::string(ps[i].substr(1, ps[i].size() - 2))] = PercentDecode(xs[i]);
    } else if (ps[i] != xs[i]) {
      return false;
    }
  }
  *params = std::move(captured);
  return true;
}

}  // namespace

const std::vector<Role> kReaders = {Role::kAdmin, Role::kSupervisor, Role::kRegistrar, Role::kRecordingOfficer,
                                    Role::kPrintOfficer, Role::kAuditor};
const std::vector<Role> kRegistrars = {Role::kAdmin, Role::kRegistrar};
const std::vector<Role> kEveryone = {Role::kAdmin,       Role::kSupervisor, Role::kRegistrar, Role::kRecordingOfficer,
                                     Role::kPrintOfficer, Role::kAuditor,    Role::kPartner};
const std::vector<Role> kAuditors = {Role::kAdmin, Role::kAuditor};

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match m;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchPattern(route.pattern, path, &params)) continue;
    m.path_known = true;
    if (route.method == method) {
      m.route = &route;
      m.params = std::move(params);
      return m;
    }
  }
  return m;
}

}  // namespace siak::api
