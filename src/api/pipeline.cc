#include "api/pipeline.h"

#include <algorithm>

#include "api/problem.h"
#include "app/audit_log.h"
#include "common/crypto.h"

namespace siak::api {
namespace {

std::string Outcome(int status) {
  if (status < 400) return "ok";
  if (status == 401 || status == 403) return "denied";
  if (status == 404) return "not_found";
  if (status == 409 || status == 412 || status == 428) return "conflict";
  if (status < 500) return "rejected";
  return "error";
}

std::string JoinSubjects(std::vector<std::string> subjects) {
  std::sort(subjects.begin(), subjects.end());
  subjects.erase(std::unique(subjects.begin(), subjects.end()), subjects.end());
  std::string out;
  for (const auto& s : subjects) out += (out.empty() ? "" : ",") + s;
  return out;
}

Status AppendAudit(Services& svc, const Route& route, const RequestContext& ctx, int status) {
  AuditRecord r;
  r.at = svc.clock.NowIso();
  r.actor = ctx.principal ? ctx.principal->username : (ctx.audit_actor.empty() ? "-" : ctx.audit_actor);
  r.role = ctx.principal ? std::string(RoleName(ctx.principal->role)) : "";
  r.source = ctx.req.remote;
  r.action = route.operation_id;
  r.subjects = JoinSubjects(ctx.subjects);
  r.outcome = Outcome(status);
  r.detail = route.method + " " + route.pattern + " " + std::to_string(status);
  return AppendAuditEntry(svc.store, std::move(r)).status();
}

HttpResponse AuditUnavailable() {
  return Problem(503, "audit_unavailable", "", "the audit log cannot be written, so the request was not carried out");
}

// Stored idempotent answers: "status\nlocation\netag\n" then the body.
std::string EncodeStored(const HttpResponse& r) {
  return std::to_string(r.status) + "\n" + r.Header("Location") + "\n" + r.Header("ETag") + "\n" + r.body;
}

HttpResponse DecodeStored(const std::string& stored) {
  HttpResponse r;
  size_t a = stored.find('\n'), b = stored.find('\n', a + 1), c = stored.find('\n', b + 1);
  r.status = std::stoi(stored.substr(0, a));
  if (b > a + 1) r.SetHeader("Location", stored.substr(a + 1, b - a - 1));
  if (c > b + 1) r.SetHeader("ETag", stored.substr(b + 1, c - b - 1));
  r.body = stored.substr(c + 1);
  r.SetHeader("Idempotent-Replayed", "true");
  return r;
}

}  // namespace

HttpResponse JsonResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

namespace {

// Idempotency, handler, audit and the idempotent answer, on one store, inside the caller's
// transaction (or savepoint "job" when `savepoint` is true). Returns the response; on an audit
// failure everything the request did is undone and the answer is 503.
HttpResponse RunInTransaction(const Route& route, RequestContext& ctx, bool savepoint) {
  Services& svc = ctx.svc;
  auto undo = [&] {
    if (savepoint) {
      (void)svc.store.RollbackToSavepoint("job");
    } else {
      (void)svc.store.Rollback();
      (void)svc.store.Begin();
    }
  };
  // A retried POST gets the first answer and changes nothing.
  std::string idem_key, idem_hash;
  const std::string client_key =
      ctx.req.method == "POST" && !route.answer_holds_secret ? ctx.req.Header("Idempotency-Key") : "";
  if (!client_key.empty()) {
    if (client_key.size() > 200) return BadRequest("Idempotency-Key", "must be at most 200 characters");
    idem_key = Sha256Hex((ctx.principal ? ctx.principal->username : "-") + "\n" + ctx.req.method + " " + ctx.req.path +
                         "\n" + client_key);
    idem_hash = Sha256Hex(ctx.req.body);
    auto stored = svc.store.GetIdempotency(idem_key);
    if (!stored.ok()) return ProblemFromStatus(stored.status());
    if (*stored) {
      if ((*stored)->request_hash != idem_hash) {
        return Problem(409, "idempotency_key_reused", "Idempotency-Key",
                       "this key was used for a different request body; use a new key");
      }
      return DecodeStored((*stored)->response);
    }
  }
  HttpResponse response = route.handler(ctx);
  const bool success = response.status < 400;
  if (!success && !route.keep_changes_on_error) undo();  // a failed request changes nothing...
  if (route.audited && !AppendAudit(svc, route, ctx, response.status).ok()) {  // ...but is still audited
    undo();
    return AuditUnavailable();
  }
  if (success && !idem_key.empty()) {
    Status st = svc.store.PutIdempotency(IdempotencyRecord{idem_key, ctx.principal ? ctx.principal->username : "-",
                                                           idem_hash, response.status, EncodeStored(response),
                                                           svc.clock.NowUnix()});
    if (!st.ok()) {
      undo();
      return ProblemFromStatus(st);
    }
  }
  return response;
}

}  // namespace

namespace {

// Steps 2 and 3: authentication and authorization on `svc`. Returns the denial, if any.
std::optional<HttpResponse> Authorize(const Route& route, RequestContext& ctx) {
  if (route.public_route) return std::nullopt;
  const std::string auth = ctx.req.Header("Authorization");
  if (!auth.starts_with("Bearer ")) {
    HttpResponse denied =
        Problem(401, "unauthenticated", "Authorization", "send Authorization: Bearer <token> from /api/v1/auth/login");
    denied.SetHeader("WWW-Authenticate", "Bearer");
    return denied;
  }
  auto principal = ctx.svc.auth.Authenticate(auth.substr(7));
  if (!principal.ok()) {
    if (principal.status().code() != StatusCode::kNotFound) return ProblemFromStatus(principal.status());
    HttpResponse denied =
        Problem(401, "unauthenticated", "Authorization", "the token is unknown, expired or revoked; log in again");
    denied.SetHeader("WWW-Authenticate", "Bearer");
    return denied;
  }
  ctx.principal = *principal;
  if (std::find(route.roles.begin(), route.roles.end(), principal->role) == route.roles.end()) {
    return Problem(403, "forbidden", "", "the role " + std::string(RoleName(principal->role)) + " may not " +
                                             route.operation_id);
  }
  return std::nullopt;
}

// A whole change, run by the writer inside savepoint "job": authorize, then the work.
HttpResponse WriteJob(const Route& route, Services& w, HttpRequest& req) {
  RequestContext ctx{req, w, std::nullopt, {}, ""};
  if (auto denied = Authorize(route, ctx)) {
    if (route.audited && denied->status < 500 && !AppendAudit(w, route, ctx, denied->status).ok()) {
      (void)w.store.RollbackToSavepoint("job");
      return AuditUnavailable();
    }
    return *denied;
  }
  return RunInTransaction(route, ctx, /*savepoint=*/true);
}

// Responds with `response` once its audit entry is committed (503 if it cannot be).
void RespondAfterAudit(const Route& route, WriteBatcher& writer, const RequestContext& ctx, HttpResponse response,
                       const std::function<void(HttpResponse)>& respond) {
  auto entry_ctx = std::make_shared<RequestContext>(ctx);
  const int status = response.status;
  writer.SubmitAsync(
      [&route, entry_ctx, status](Services& w) {
        RequestContext audited{entry_ctx->req, w, entry_ctx->principal, entry_ctx->subjects, entry_ctx->audit_actor};
        if (!AppendAudit(w, route, audited, status).ok()) return AuditUnavailable();
        return HttpResponse{};
      },
      [response = std::move(response), respond](HttpResponse committed) {
        respond(committed.status < 400 ? response : committed);
      },
      WriteBatcher::Isolation::kSingleStatement);
}

}  // namespace

void HandleAsync(Router::Match match, Services& svc, WriteBatcher& writer, std::shared_ptr<HttpRequest> req,
                 std::function<void(HttpResponse)> respond) {
  // 1. Route (the match).
  if (!match.route) {
    if (match.path_known) return respond(Problem(405, "method_not_allowed", "", req->method + " is not allowed on " + req->path));
    return respond(Problem(404, "no_such_endpoint", "", "no endpoint at " + req->path));
  }
  const Route& route = *match.route;
  req->params = std::move(match.params);

  // A change with heavy checks: those here (only for an authorized caller), the rest on the writer.
  if (route.mode == Route::Mode::kPrepared) {
    RequestContext ctx{*req, svc, std::nullopt, {}, ""};
    if (!Authorize(route, ctx) && route.prepare) route.prepare(svc, *req);
    writer.SubmitAsync([&route, req](Services& w) { return WriteJob(route, w, *req); }, std::move(respond));
    return;
  }
  // A change: everything on the writer, in its group commit.
  if (route.mode == Route::Mode::kAuto && req->method != "GET") {
    writer.SubmitAsync([&route, req](Services& w) { return WriteJob(route, w, *req); }, std::move(respond));
    return;
  }

  // 2. Authenticate and 3. authorize on this worker (denials of audited routes are audited).
  RequestContext ctx{*req, svc, std::nullopt, {}, ""};
  if (auto denied = Authorize(route, ctx)) {
    if (route.audited && denied->status < 500) return RespondAfterAudit(route, writer, ctx, *denied, respond);
    return respond(*denied);
  }
  // 4. Slow work in a transaction of this worker's own (login: password hashing).
  if (route.mode == Route::Mode::kWorker) {
    if (Status st = svc.store.Begin(); !st.ok()) return respond(ProblemFromStatus(st));
    HttpResponse response = RunInTransaction(route, ctx, /*savepoint=*/false);
    if (Status st = svc.store.Commit(); !st.ok()) {
      (void)svc.store.Rollback();
      return respond(AuditUnavailable());
    }
    return respond(response);
  }
  // 4. A read on this worker's connection; the answer leaves after its audit entry.
  HttpResponse response = route.handler(ctx);
  if (route.audited) return RespondAfterAudit(route, writer, ctx, std::move(response), respond);
  respond(std::move(response));
}

}  // namespace siak::api
