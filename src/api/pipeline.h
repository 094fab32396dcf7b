// The request pipeline, the same for every route, readable top to bottom in Handle():
// route -> authenticate -> authorize -> (idempotency) -> transaction { handler -> audit } -> respond.
#pragma once

#include "api/router.h"

namespace siak::api {

// Handles one request completely. Never throws. Fail closed: when a route is audited and its
// audit entry cannot be written, the request's changes are rolled back and it fails with 503.
HttpResponse Handle(const Router& router, Services& svc, HttpRequest& req);

// The JSON body of a handler's success: sets content type and body.
HttpResponse JsonResponse(int status, std::string body);

}  // namespace siak::api
