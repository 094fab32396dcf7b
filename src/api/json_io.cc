#include "api/json_io.h"

#include "api/problem.h"
#include "common/text.h"

namespace siak::api {
namespace {

Status Shape(const std::string& field, const std::string& rule) {
  return Status::Invalid(field, "", rule).WithLocation("json");
}

const Json* Member(const Json& obj, const std::string& name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Result<Json> ParseJsonBody(const std::string& body) {
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Shape("body", "must be valid JSON");
  if (!j.is_object()) return Shape("body", "must be a JSON object");
  return j;
}

Result<std::optional<std::string>> StringField(const Json& obj, const std::string& name, bool required) {
  const Json* v = Member(obj, name);
  if (!v) {
    if (required) return Status::Invalid(name, "", "is required");
    return std::optional<std::string>();
  }
  if (!v->is_string()) return Shape(name, "must be a JSON string");
  return std::optional<std::string>(v->get<std::string>());
}

Result<std::optional<int64_t>> IntField(const Json& obj, const std::string& name, bool required) {
  const Json* v = Member(obj, name);
  if (!v) {
    if (required) return Status::Invalid(name, "", "is required");
    return std::optional<int64_t>();
  }
  if (!v->is_number_integer()) return Shape(name, "must be a JSON integer");
  return std::optional<int64_t>(v->get<int64_t>());
}

Result<std::optional<bool>> BoolField(const Json& obj, const std::string& name, bool required) {
  const Json* v = Member(obj, name);
  if (!v) {
    if (required) return Status::Invalid(name, "", "is required");
    return std::optional<bool>();
  }
  if (!v->is_boolean()) return Shape(name, "must be true or false");
  return std::optional<bool>(v->get<bool>());
}

HttpResponse ErrorResponse(const Status& status) {
  if (status.location() == "json") return BadRequest(status.field(), status.ToString());
  return ProblemFromStatus(status);
}

Result<int64_t> WholeNumber(const std::string& field, const std::string& text, int64_t min, int64_t max,
                            const std::string& rule) {
  if (!IsAllDigits(text) || text.size() > 18 || std::stoll(text) < min || std::stoll(text) > max) {
    return Status::Invalid(field, text, rule);
  }
  return std::stoll(text);
}

Json Nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace siak::api
