// What every siak subcommand shares: its parsed arguments, one-line errors, and the store.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace siak::cli {

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // --name value
};

// Prints "siak: error: ..." (the field and the rule) and returns exit code 1.
int Fail(const Status& status);
// Prints a usage error and returns exit code 2.
int Usage(const std::string& message);
std::optional<Args> ParseArgs(const std::vector<std::string>& raw, std::string* error);
// --name, else the environment variable `env` (if any), else `fallback`.
std::string Option(const Args& args, const std::string& name, const char* env, const std::string& fallback);
// The store from --store / $SIAK_STORE, which must be at the latest schema version.
Result<std::unique_ptr<Store>> OpenMigrated(const Args& args);
Result<int64_t> ParseCount(const std::string& text, const std::string& field);

}  // namespace siak::cli
