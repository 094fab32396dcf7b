// Reading request bodies: typed field access whose errors name the field. A wrong JSON type
// or unreadable JSON is a malformed request (400, Status location "json"); a value of the
// right type that breaks a domain rule is a validation failure (422).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "api/http.h"
#include "common/result.h"

namespace siak::api {

using Json = nlohmann::json;

Result<Json> ParseJsonBody(const std::string& body);  // must be an object

// Absent (or null) optional fields give nullopt; absent required fields are 422 "is required".
Result<std::optional<std::string>> StringField(const Json& obj, const std::string& name, bool required);
Result<std::optional<int64_t>> IntField(const Json& obj, const std::string& name, bool required);
Result<std::optional<bool>> BoolField(const Json& obj, const std::string& name, bool required);

// A query or path parameter that is a whole number of at most 18 digits in [min, max], or the
// error naming `field` and `rule`.
Result<int64_t> WholeNumber(const std::string& field, const std::string& text, int64_t min, int64_t max,
                            const std::string& rule);

// JSON null for an empty string (an optional text column), else the string.
Json Nullable(const std::string& s);

// The response for a failed Status from a handler: 400 for JSON shape errors, else by code.
HttpResponse ErrorResponse(const Status& status);

}  // namespace siak::api
