// The siak command line: subcommands over the store. The composition root: the only place
// that picks concrete backends.
#pragma once

#include <string>
#include <vector>

namespace siak {

// Runs one invocation; returns the process exit code (0 ok, 1 failed, 2 usage error).
// Never throws: every error is printed as one line naming the field and the rule.
int RunCli(const std::vector<std::string>& args);

}  // namespace siak
