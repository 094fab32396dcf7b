#include "common/status.h"

namespace siak {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kAlreadyExists: return "already_exists";
    case StatusCode::kFailedPrecondition: return "failed_precondition";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kResourceExhausted: return "resource_exhausted";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

Status Status::Invalid(std::string field, std::string_view value, std::string rule) {
  return Status(StatusCode::kInvalidArgument, std::move(field), std::string(value), std::move(rule));
}
Status Status::NotFound(std::string field, std::string_view value) {
  return Status(StatusCode::kNotFound, std::move(field), std::string(value), "does not exist");
}
Status Status::AlreadyExists(std::string field, std::string_view value) {
  return Status(StatusCode::kAlreadyExists, std::move(field), std::string(value), "already exists");
}
Status Status::FailedPrecondition(std::string message) {
  return Status(StatusCode::kFailedPrecondition, "", "", std::move(message));
}
Status Status::Conflict(std::string field, std::string_view value, std::string rule) {
  return Status(StatusCode::kConflict, std::move(field), std::string(value), std::move(rule));
}
Status Status::ResourceExhausted(std::string field, std::string message) {
  return Status(StatusCode::kResourceExhausted, std::move(field), "", std::move(message));
}
Status Status::Unavailable(std::string message) {
  return Status(StatusCode::kUnavailable, "", "", std::move(message));
}
Status Status::Internal(std::string message) {
  return Status(StatusCode::kInternal, "", "", std::move(message));
}

Status Status::WithFieldPrefix(std::string_view prefix) const {
  Status copy = *this;
  if (copy.field_.empty()) {
    copy.field_ = std::string(prefix);
  } else {
    copy.field_ = std::string(prefix) + "." + copy.field_;
  }
  return copy;
}

Status Status::WithLocation(std::string location) const {
  Status copy = *this;
  copy.location_ = std::move(location);
  return copy;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  if (!location_.empty()) out += location_ + ": ";
  if (!field_.empty()) {
    out += "field '" + field_ + "'";
    if (code_ == StatusCode::kInvalidArgument || code_ == StatusCode::kNotFound ||
        code_ == StatusCode::kAlreadyExists || code_ == StatusCode::kConflict) {
      out += " = \"" + value_ + "\"";
    }
    out += ": ";
  }
  out += rule_;
  return out;
}

}  // namespace siak
