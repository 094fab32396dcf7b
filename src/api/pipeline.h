// The request pipeline, the same for every route, readable top to bottom in HandleAsync():
// route -> authenticate -> authorize -> { idempotency -> handler -> audit } committed -> respond.
// Writes run in the writer's group commit; reads run on the worker and only their audit entry
// goes through the writer (see Route::Mode). A Prepared write (a recording) first runs its
// store-free checks on the worker, for an authorized caller, then joins the writer like any write.
#pragma once

#include <functional>
#include <memory>

#include "api/router.h"
#include "api/write_batcher.h"

namespace siak::api {

// Handles one request completely, without blocking the calling thread on the writer: `respond`
// is called exactly once, on this thread or on the writer's; the request must outlive that call.
// Fail closed: when a route is audited and its audit entry cannot be written, the request's
// changes are rolled back and it fails with 503.
// `match` is the router's answer for the request (found once by the caller, which also uses it
// to choose the thread).
void HandleAsync(Router::Match match, Services& svc, WriteBatcher& writer, std::shared_ptr<HttpRequest> req,
                 std::function<void(HttpResponse)> respond);

// The JSON body of a handler's success: sets content type and body.
HttpResponse JsonResponse(int status, std::string body);

}  // namespace siak::api
