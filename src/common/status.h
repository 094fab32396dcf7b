// Status: the outcome of an operation, as a value (errors are values across layers).
//
// A failed Status carries a stable machine code, the field it concerns, the offending
// value and the rule that was broken, so that both the CLI and the API can tell a user
// exactly what to fix. A Status never carries an exception, a stack trace or an
// engine's raw message for user mistakes; engine faults are kInternal / kUnavailable.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace siak {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the input breaks a rule (names field + rule)
  kNotFound,           // the thing asked for does not exist (or is out of scope)
  kAlreadyExists,      // a unique key is taken
  kFailedPrecondition, // the state does not allow the operation
  kConflict,           // a concurrent change won
  kResourceExhausted,  // a finite space ran out (e.g. NIK serials)
  kUnavailable,        // the store or a service cannot be reached
  kInternal,           // a bug or an engine fault
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  // A rule violation on one field. `value` is echoed back to the user; never pass a secret.
  static Status Invalid(std::string field, std::string_view value, std::string rule);
  static Status NotFound(std::string field, std::string_view value);
  static Status AlreadyExists(std::string field, std::string_view value);
  static Status FailedPrecondition(std::string message);
  // A concurrent change won (stale version, lost race): reload and retry.
  static Status Conflict(std::string field, std::string_view value, std::string rule);
  static Status ResourceExhausted(std::string field, std::string message);
  static Status Unavailable(std::string message);
  static Status Internal(std::string message);

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::string& value() const { return value_; }
  const std::string& rule() const { return rule_; }

  // Adds context in front of the field, e.g. "line 12: villages.csv" or "members[2]".
  Status WithFieldPrefix(std::string_view prefix) const;
  // Adds a location (such as a line number) to the message.
  Status WithLocation(std::string location) const;
  const std::string& location() const { return location_; }

  // "field 'nik' = \"123\": must have 16 digits" style, one line, for CLI and logs.
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string field, std::string value, std::string rule)
      : code_(code), field_(std::move(field)), value_(std::move(value)), rule_(std::move(rule)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string field_;
  std::string value_;
  std::string rule_;  // the rule broken, or the message for non-field errors
  std::string location_;
};

}  // namespace siak
