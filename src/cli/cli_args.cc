#include "cli/cli_args.h"

#include <iostream>

namespace siak::cli {

int Fail(const Status& status) {
  std::cerr << "siak: error: " << status.ToString() << "\n";
  return 1;
}

int Usage(const std::string& message) {
  std::cerr << "siak: " << message << "\n(run 'siak help' for usage)\n";
  return 2;
}

std::optional<Args> ParseArgs(const std::vector<std::string>& raw, std::string* error) {
  Args args;
  for (size_t i = 0; i < raw.size(); ++i) {
    const std::string& a = raw[i];
    if (a.starts_with("--")) {
      auto eq = a.find('=');
      if (eq != std::string::npos) {
        args.options[a.substr(2, eq - 2)] = a.substr(eq + 1);
      } else if (i + 1 < raw.size()) {
        args.options[a.substr(2)] = raw[++i];
      } else {
        *error = "option " + a + " needs a value";
        return std::nullopt;
      }
    } else {
      args.positional.push_back(a);
    }
  }
  return args;
}

std::string Option(const Args& args, const std::string& name, const char* env, const std::string& fallback) {
  if (auto it = args.options.find(name); it != args.options.end()) return it->second;
  if (env) {
    if (const char* v = std::getenv(env); v && *v) return v;
  }
  return fallback;
}

Result<std::unique_ptr<Store>> OpenMigrated(const Args& args) {
  auto store = OpenStore(Option(args, "store", "SIAK_STORE", "sqlite:var/siak.db"));
  if (!store.ok()) return store;
  SIAK_ASSIGN_OR_RETURN(int version, (*store)->SchemaVersion());
  if (version != Store::LatestSchemaVersion()) {
    return Status::FailedPrecondition("the store is at schema version " + std::to_string(version) + ", this siak needs " +
                                      std::to_string(Store::LatestSchemaVersion()) + "; run 'siak init'");
  }
  return store;
}

Result<int64_t> ParseCount(const std::string& text, const std::string& field) {
  try {
    size_t used = 0;
    const long long v = std::stoll(text, &used);
    if (used != text.size()) throw std::invalid_argument("trailing");
    return static_cast<int64_t>(v);
  } catch (const std::exception&) {
    return Status::Invalid(field, text, "must be a whole number");
  }
}

}  // namespace siak::cli
