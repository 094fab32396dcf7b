// RFC 9457 problem details: every error the API returns, with a stable machine `code`, the
// field and rule it concerns, and messages in Indonesian and English. Never a stack trace or
// an engine message: internal faults are logged with a reference the response carries.
#pragma once

#include <string>
#include <string_view>

#include "api/http.h"
#include "common/status.h"

namespace siak::api {

// A problem response. `field` may be empty.
HttpResponse Problem(int status, std::string_view code, std::string_view field, std::string_view detail_en);

// The problem for a failed Status, mapped by its code (invalid -> 422, not found -> 404, ...).
HttpResponse ProblemFromStatus(const Status& status);

// 400 for a body or parameter that is not what the endpoint reads (bad JSON, wrong type).
HttpResponse BadRequest(std::string_view field, std::string_view detail_en);

}  // namespace siak::api
