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

HttpResponse Handle(const Router& router, Services& svc, HttpRequest& req) {
  // 1. Route.
  Router::Match match = router.Find(req.method, req.path);
  if (!match.route) {
    if (match.path_known) return Problem(405, "method_not_allowed", "", req.method + " is not allowed on " + req.path);
    return Problem(404, "no_such_endpoint", "", "no endpoint at " + req.path);
  }
  const Route& route = *match.route;
  req.params = std::move(match.params);
  RequestContext ctx{req, svc, std::nullopt, {}, ""};

  // 2. Authenticate and 3. authorize (denials of audited routes are audited too).
  if (!route.public_route) {
    std::string auth = req.Header("Authorization");
    HttpResponse denied;
    bool ok = false;
    if (!auth.starts_with("Bearer ")) {
      denied = Problem(401, "unauthenticated", "Authorization", "send Authorization: Bearer <token> from /api/v1/auth/login");
    } else {
      auto principal = svc.auth.Authenticate(auth.substr(7));
      if (!principal.ok()) {
        if (principal.status().code() != StatusCode::kNotFound) return ProblemFromStatus(principal.status());
        denied = Problem(401, "unauthenticated", "Authorization", "the token is unknown, expired or revoked; log in again");
      } else if (std::find(route.roles.begin(), route.roles.end(), principal->role) == route.roles.end()) {
        ctx.principal = *principal;
        denied = Problem(403, "forbidden", "", "the role " + std::string(RoleName(principal->role)) + " may not " +
                                                   route.operation_id);
      } else {
        ctx.principal = *principal;
        ok = true;
      }
    }
    if (!ok) {
      if (denied.status == 401) denied.SetHeader("WWW-Authenticate", "Bearer");
      if (route.audited && !AppendAudit(svc, route, ctx, denied.status).ok()) return AuditUnavailable();
      return denied;
    }
  }

  // 4. Idempotency: a retried POST gets the first answer and changes nothing.
  std::string idem_key, idem_hash;
  const std::string client_key = req.method == "POST" ? req.Header("Idempotency-Key") : "";
  if (!client_key.empty()) {
    if (client_key.size() > 200) return BadRequest("Idempotency-Key", "must be at most 200 characters");
    idem_key = Sha256Hex((ctx.principal ? ctx.principal->username : "-") + "\n" + req.method + " " + req.path + "\n" +
                         client_key);
    idem_hash = Sha256Hex(req.body);
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

  // 5. The handler and its audit entry in one transaction.
  if (Status st = svc.store.Begin(); !st.ok()) return ProblemFromStatus(st);
  HttpResponse response = route.handler(ctx);
  const bool success = response.status < 400;
  const bool keep = success || route.keep_changes_on_error;
  if (!keep) (void)svc.store.Rollback();  // a failed request changes nothing...
  if (route.audited) {
    if (!keep && !svc.store.Begin().ok()) return AuditUnavailable();
    if (!AppendAudit(svc, route, ctx, response.status).ok()) {  // ...but is still audited
      (void)svc.store.Rollback();
      return AuditUnavailable();
    }
  }
  if (success && !idem_key.empty()) {
    Status st = svc.store.PutIdempotency(IdempotencyRecord{idem_key, ctx.principal ? ctx.principal->username : "-",
                                                           idem_hash, response.status, EncodeStored(response),
                                                           svc.clock.NowUnix()});
    if (st.code() == StatusCode::kAlreadyExists) {
      // A concurrent retry with the same key won: answer as it did, and undo ours.
      (void)svc.store.Rollback();
      auto stored = svc.store.GetIdempotency(idem_key);
      if (stored.ok() && *stored) return DecodeStored((*stored)->response);
      return Problem(409, "conflict", "Idempotency-Key", "a concurrent request with this key is in progress");
    }
    if (!st.ok()) {
      (void)svc.store.Rollback();
      return ProblemFromStatus(st);
    }
  }
  if (keep || route.audited) {
    if (Status st = svc.store.Commit(); !st.ok()) {
      (void)svc.store.Rollback();
      return route.audited ? AuditUnavailable() : ProblemFromStatus(st);
    }
  }
  return response;
}

}  // namespace siak::api
