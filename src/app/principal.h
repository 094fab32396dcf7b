// Principal: who is calling, as authentication established it.
#pragma once

#include <string>

#include "domain/role.h"

namespace siak {

struct Principal {
  std::string username;
  Role role = Role::kAuditor;
  std::string scope;  // region code prefix (digits), "" = national
};

}  // namespace siak
