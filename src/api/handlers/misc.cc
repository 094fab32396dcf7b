// Health, the API contract, login/logout, regions and the audit log.
#include <limits>
#include <mutex>

#include "api/handlers/handlers.h"
#include "domain/code_tables.h"
#include "api/json_io.h"
#include "api/pipeline.h"
#include "api/problem.h"
#include "common/text.h"

namespace siak::api {
namespace {

std::mutex g_openapi_mutex;
std::string g_openapi = "{}";

Json RegionJson(const Region& r, const RegionIndex& regions) {
  Json j{{"code", r.code.ToString()},
         {"name", r.name},
         {"level", std::string(RegionLevelName(r.code.level()))},
         {"path", regions.PathOf(r)}};
  if (r.code.level() == RegionLevel::kVillage) j["kind"] = std::string(VillageKindLabel(r.code.village_kind()));
  if (r.code.level() == RegionLevel::kIsland) {
    j["is_populated"] = r.is_populated;
    j["is_outermost_small"] = r.is_outermost_small;
  }
  return j;
}

}  // namespace

void SetOpenApiDocument(std::string document) {
  std::lock_guard lock(g_openapi_mutex);
  g_openapi = std::move(document);
}

HttpResponse Healthz(RequestContext&) { return JsonResponse(200, "{\"status\":\"ok\"}"); }

HttpResponse Readyz(RequestContext& ctx) {
  auto version = ctx.svc.store.SchemaVersion();
  if (!version.ok() || *version != Store::LatestSchemaVersion()) {
    return Problem(503, "not_ready", "", "the store is not reachable or not migrated");
  }
  if (ctx.svc.regions.size() == 0) return Problem(503, "not_ready", "", "no regions loaded; run siak regions import");
  return JsonResponse(200, "{\"status\":\"ready\",\"schema_version\":" + std::to_string(*version) + "}");
}

HttpResponse OpenApiDocument(RequestContext&) {
  std::lock_guard lock(g_openapi_mutex);
  return JsonResponse(200, g_openapi);
}

namespace {

// A login's body and its password check, done on a worker before the write: the check (argon2id,
// tens of milliseconds) holds no transaction, so it neither delays the writer's batch nor holds
// the user's row. The attempt is counted there, in a statement of its own.
struct PreparedLogin {
  Status parsed;  // the body's error, if any
  std::string username;
  std::optional<Result<CheckedLogin>> checked;  // when the body parsed
};

std::shared_ptr<PreparedLogin> ParseAndCheckLogin(Services& svc, const HttpRequest& req) {
  auto p = std::make_shared<PreparedLogin>();
  auto body = ParseJsonBody(req.body);
  if (!body.ok()) {
    p->parsed = body.status();
    return p;
  }
  auto username = StringField(*body, "username", true);
  if (!username.ok()) {
    p->parsed = username.status();
    return p;
  }
  auto password = StringField(*body, "password", true);
  if (!password.ok()) {
    p->parsed = password.status();
    return p;
  }
  p->username = **username;
  p->checked.emplace(svc.auth.CheckPassword(**username, **password));
  return p;
}

}  // namespace

void PrepareLogin(Services& svc, HttpRequest& req) { req.prepared = ParseAndCheckLogin(svc, req); }

HttpResponse Login(RequestContext& ctx) {
  auto prepared = std::static_pointer_cast<const PreparedLogin>(ctx.req.prepared);
  // (Always prepared: checking here would hash on the writer, holding up every write.)
  if (!prepared) return ErrorResponse(Status::Internal("the login was not checked before the write"));
  if (!prepared->parsed.ok()) return ErrorResponse(prepared->parsed);
  ctx.audit_actor = TruncateUtf8(prepared->username, 64);
  Result<LoginResult> result = prepared->checked->ok() ? ctx.svc.auth.OpenSession(**prepared->checked)
                                                       : Result<LoginResult>(prepared->checked->status());
  if (!result.ok()) {
    const Status& st = result.status();
    if (st.field() == "credentials") return Problem(401, "invalid_credentials", "", "wrong user name or password");
    if (st.code() == StatusCode::kFailedPrecondition) return Problem(403, "account_disabled", "username", st.rule());
    HttpResponse r = ErrorResponse(st);
    if (r.status == 429) r.SetHeader("Retry-After", "60");
    return r;
  }
  return JsonResponse(200, Json{{"token", result->token},
                                {"token_type", "Bearer"},
                                {"expires_at", IsoFromUnix(result->expires_at)},
                                {"username", result->principal.username},
                                {"role", std::string(RoleName(result->principal.role))},
                                {"scope", ScopeLabel(result->principal.scope)}}
                               .dump());
}

HttpResponse Logout(RequestContext& ctx) {
  const std::string auth = ctx.req.Header("Authorization");
  Status st = ctx.svc.auth.Logout(auth.substr(7));
  if (!st.ok()) return ErrorResponse(st);
  HttpResponse r;
  r.status = 204;
  return r;
}

HttpResponse Me(RequestContext& ctx) {
  return JsonResponse(200, Json{{"username", ctx.principal->username},
                                {"role", std::string(RoleName(ctx.principal->role))},
                                {"scope", ScopeLabel(ctx.principal->scope)}}
                               .dump());
}

HttpResponse ListRegions(RequestContext& ctx) {
  // Children of ?parent (a province, regency or district), or the provinces.
  std::string parent_digits;
  if (ctx.req.HasQuery("parent")) {
    auto parent = RegionCode::Parse(ctx.req.Query("parent"), "parent");
    if (!parent.ok()) return ErrorResponse(parent.status());
    if (!ctx.svc.regions.Get(parent->digits())) return ErrorResponse(Status::NotFound("parent", ctx.req.Query("parent")));
    parent_digits = parent->digits();
  }
  Json items = Json::array();
  for (const auto& r : ctx.svc.regions.regions()) {
    const bool child = parent_digits.empty() ? r.code.level() == RegionLevel::kProvince
                                             : r.code.HasParent() && r.code.Parent().digits() == parent_digits;
    if (child) items.push_back(RegionJson(r, ctx.svc.regions));
  }
  return JsonResponse(200, Json{{"items", items}}.dump());
}

namespace {
template <typename E>
void AddCodeTable(Json& out) {
  Json list = Json::array();
  for (const auto& e : CodeTable<E>::Entries()) list.push_back(Json{{"code", e.code}, {"label", e.label}});
  out[std::string(CodeTable<E>::kName)] = std::move(list);
}
}  // namespace

HttpResponse CodeTables(RequestContext&) {
  // The register's code tables with their Indonesian labels, for forms (one source: the domain).
  Json out = Json::object();
  AddCodeTable<Agama>(out);
  AddCodeTable<JenisKelamin>(out);
  AddCodeTable<GolonganDarah>(out);
  AddCodeTable<StatusPerkawinan>(out);
  AddCodeTable<Shdk>(out);
  AddCodeTable<Pendidikan>(out);
  AddCodeTable<Kewarganegaraan>(out);
  AddCodeTable<PenyandangCacat>(out);
  AddCodeTable<StatusDasar>(out);
  AddCodeTable<Pekerjaan>(out);
  HttpResponse r = JsonResponse(200, out.dump());
  r.SetHeader("Cache-Control", "private, max-age=3600");
  return r;
}

HttpResponse SearchRegions(RequestContext& ctx) {
  const std::string q = ctx.req.Query("q");
  if (Trim(q).empty()) return ErrorResponse(Status::Invalid("q", q, "type at least one letter or digit"));
  size_t limit = 10;
  if (ctx.req.HasQuery("limit")) {
    const std::string l = ctx.req.Query("limit");
    if (!IsAllDigits(l) || l.size() > 2 || std::stoi(l) < 1 || std::stoi(l) > 50) {
      return ErrorResponse(Status::Invalid("limit", l, "must be a number 1-50"));
    }
    limit = static_cast<size_t>(std::stoi(l));
  }
  // ?level=village (or district, regency, province): only regions of that level, for a form field
  // that needs one; the index is asked for more matches and the others are left out.
  const std::string level = ctx.req.Query("level");
  if (!level.empty() && level != "province" && level != "regency" && level != "district" && level != "village") {
    return ErrorResponse(Status::Invalid("level", level, "must be province, regency, district or village"));
  }
  Json items = Json::array();
  for (const auto& m : ctx.svc.regions.Find(q, level.empty() ? limit : 400)) {
    if (!level.empty() && RegionLevelName(m.region->code.level()) != level) continue;
    items.push_back(RegionJson(*m.region, ctx.svc.regions));
    if (items.size() == limit) break;
  }
  return JsonResponse(200, Json{{"items", items}}.dump());
}

HttpResponse GetRegion(RequestContext& ctx) {
  auto code = RegionCode::Parse(ctx.req.params.at("code"), "code");
  if (!code.ok()) return ErrorResponse(code.status());
  const Region* r = ctx.svc.regions.Get(code->digits());
  if (!r) return ErrorResponse(Status::NotFound("code", code->ToString()));
  return JsonResponse(200, RegionJson(*r, ctx.svc.regions).dump());
}

namespace {
// ?name=<an audit sequence number>, into *out when the query has it.
Status SequenceQuery(const HttpRequest& req, const char* name, int64_t* out) {
  if (!req.HasQuery(name)) return Status::Ok();
  SIAK_ASSIGN_OR_RETURN(*out, WholeNumber(name, req.Query(name), 0, std::numeric_limits<int64_t>::max(),
                                          "must be a sequence number"));
  return Status::Ok();
}
}  // namespace

HttpResponse QueryAudit(RequestContext& ctx) {
  Store::AuditQuery q;
  q.subject = ctx.req.Query("nik");
  q.actor = ctx.req.Query("user");
  q.from = ctx.req.Query("from");
  q.to = ctx.req.Query("to");
  if (!q.subject.empty() && !IsAllDigits(q.subject)) {
    return ErrorResponse(Status::Invalid("nik", q.subject, "must be a NIK or KK number (digits)"));
  }
  for (const auto& [name, value] : {std::pair{"from", q.from}, std::pair{"to", q.to}}) {
    if (!value.empty() && !Date::Parse(value.substr(0, 10), name).ok()) {
      return ErrorResponse(Status::Invalid(name, value, "must be an ISO date or timestamp, e.g. 2026-11-28 or 2026-11-28T08:00:00Z"));
    }
  }
  if (Status st = SequenceQuery(ctx.req, "after", &q.after_seq); !st.ok()) return ErrorResponse(st);
  // ?order=desc: the latest first, paged with ?before=<next_before>.
  const std::string order = ctx.req.Query("order");
  if (!order.empty() && order != "asc" && order != "desc") {
    return ErrorResponse(Status::Invalid("order", order, "must be asc or desc"));
  }
  q.newest_first = order == "desc";
  if (Status st = SequenceQuery(ctx.req, "before", &q.before_seq); !st.ok()) return ErrorResponse(st);
  if (ctx.req.HasQuery("limit")) {
    const std::string l = ctx.req.Query("limit");
    if (!IsAllDigits(l) || l.size() > 4 || std::stoi(l) < 1 || std::stoi(l) > 1000) {
      return ErrorResponse(Status::Invalid("limit", l, "must be a number 1-1000"));
    }
    q.limit = std::stoi(l);
  }
  // A regional auditor sees entries about a person in their region, or by a user whose scope
  // lies inside theirs; a national auditor sees everything.
  if (!ctx.principal->scope.empty()) {
    bool allowed = false;
    if (!q.subject.empty()) {
      auto nik = Nik::ParseStructure(q.subject, "nik");
      allowed = nik.ok() && ctx.svc.reg.GetPerson(*ctx.principal, *nik).ok();
    } else if (!q.actor.empty()) {
      auto user = ctx.svc.store.GetUser(q.actor);
      allowed = user.ok() && user->scope.starts_with(ctx.principal->scope);
    }
    if (!allowed) {
      return ErrorResponse(Status::Invalid("nik", q.subject,
                                           "a regional auditor queries by the NIK of a person in their region, or by a "
                                           "user of their region"));
    }
  }
  auto entries = ctx.svc.store.QueryAudit(q);
  if (!entries.ok()) return ErrorResponse(entries.status());
  Json items = Json::array();
  for (const auto& e : *entries) {
    items.push_back({{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"role", e.role}, {"source", e.source},
                     {"action", e.action}, {"subjects", e.subjects}, {"outcome", e.outcome}, {"detail", e.detail},
                     {"hash", e.hash}, {"prev_hash", e.prev_hash}});
  }
  if (!q.subject.empty()) ctx.subjects.push_back(q.subject);
  const Json last = entries->empty() ? Json(nullptr) : Json(entries->back().seq);
  return JsonResponse(200, Json{{"items", items},
                                {"next_after", q.newest_first ? Json(nullptr) : last},
                                {"next_before", q.newest_first ? last : Json(nullptr)}}
                               .dump());
}

}  // namespace siak::api
