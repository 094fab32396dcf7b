// Civil registration (pencatatan sipil): declare vital events, register or reject them, correct
// or cancel registered ones by further events, the akta (content, PDF, PNG, further kutipan),
// the public check of an akta's QR reference, and vital statistics (docs/civil.md). Every call
// that touches persons is audited with the NIKs the event names or changed.
#include <cstdint>
#include <map>

#include "api/handlers/handlers.h"
#include "api/json_io.h"
#include "api/pipeline.h"
#include "api/problem.h"
#include "app/civil_service.h"
#include "common/crypto.h"

namespace siak::api {
namespace {

Json EventJson(const CivilEventRecord& e) {
  Json data = Json::parse(e.data, nullptr, false);
  Json effects = Json::parse(e.effects, nullptr, false);
  return Json{{"id", e.id},
              {"kind", e.kind},
              {"state", e.state},
              {"region_code", e.region_code},
              {"subject_nik", Nullable(e.subject_nik)},
              {"event_date", e.event_date},
              {"timeliness", e.timeliness},
              {"late_decision", Nullable(e.late_decision)},
              {"declaration", data.is_discarded() ? Json(nullptr) : data},
              {"effects", effects.is_discarded() ? Json(nullptr) : effects},
              {"corrects", e.corrects == 0 ? Json(nullptr) : Json(e.corrects)},
              {"akta_number", Nullable(e.akta_number)},
              {"copies", e.copies},
              {"declared_by", e.declared_by},
              {"declared_at", e.declared_at},
              {"decided_by", Nullable(e.decided_by)},
              {"decided_at", Nullable(e.decided_at)},
              {"reason", Nullable(e.reason)}};
}

Json AktaJson(const AktaContent& a) {
  Json fields = Json::array();
  for (const auto& [label, value] : a.fields) fields.push_back(Json{{"label", label}, {"value", value}});
  return Json{{"title", a.title},
              {"akta_number", a.akta_number},
              {"kind", a.kind},
              {"subject_nik", Nullable(a.subject_nik)},
              {"fields", fields},
              {"marginal_notes", a.marginal_notes},
              {"copy", a.copy},
              {"issued_at", a.issued_at}};
}

Json AttachmentJson(const CivilAttachment& a) {
  return Json{{"id", a.id},          {"event_id", a.event_id}, {"jenis", a.jenis},       {"name", a.name},
              {"content_type", a.content_type}, {"size", a.size}, {"sha256", a.sha256}, {"added_by", a.added_by},
              {"added_at", a.added_at}};
}

Result<int64_t> EventId(RequestContext& ctx) {
  return WholeNumber("id", ctx.req.params.at("id"), 1, INT64_MAX, "must be a positive whole number");
}

void Subjects(RequestContext& ctx, const CivilEventRecord& e) {
  for (auto& nik : CivilService::PersonsOf(e)) ctx.subjects.push_back(std::move(nik));
}

// The persons a declaration's body names, audited even when it is refused.
void BodySubjects(RequestContext& ctx, const Json& body) {
  CivilEventRecord named;
  named.data = body.dump();
  Subjects(ctx, named);
}

// The event named by the path, in the caller's scope, its persons audited.
Result<CivilEventRecord> EventOf(RequestContext& ctx) {
  SIAK_ASSIGN_OR_RETURN(int64_t id, EventId(ctx));
  SIAK_ASSIGN_OR_RETURN(CivilEventRecord e, ctx.svc.civil->Get(*ctx.principal, id));
  Subjects(ctx, e);
  return e;
}

// A correction's or cancellation's request: the event, the body, its reason and document.
struct Further {
  int64_t id;
  Json body;
  std::string reason, document;
};
Result<Further> FurtherRequest(RequestContext& ctx) {
  SIAK_ASSIGN_OR_RETURN(int64_t id, EventId(ctx));
  SIAK_ASSIGN_OR_RETURN(Json body, ParseJsonBody(ctx.req.body));
  SIAK_ASSIGN_OR_RETURN(std::optional<std::string> reason, StringField(body, "reason", true));
  SIAK_ASSIGN_OR_RETURN(std::optional<std::string> document, StringField(body, "document", true));
  return Further{id, std::move(body), *reason, *document};
}

// The event's persons before an action on it (so that a refused action is audited with them).
void EventSubjects(RequestContext& ctx, int64_t id) {
  auto e = ctx.svc.civil->Get(*ctx.principal, id);
  if (e.ok()) Subjects(ctx, *e);
}

HttpResponse Declared(RequestContext& ctx, Result<CivilEventRecord> e) {
  if (!e.ok()) return ErrorResponse(e.status());
  Subjects(ctx, *e);
  HttpResponse r = JsonResponse(201, EventJson(*e).dump());
  r.SetHeader("Location", "/api/v1/civil/events/" + std::to_string(e->id));
  return r;
}

HttpResponse AktaFile(RequestContext& ctx, std::string_view format) {
  auto e = EventOf(ctx);
  if (!e.ok()) return ErrorResponse(e.status());
  auto bytes = ctx.svc.civil->RenderAkta(*ctx.principal, e->id, format);
  if (!bytes.ok()) return ErrorResponse(bytes.status());
  return Binary(std::move(*bytes), format == "pdf" ? "application/pdf" : "image/png",
                e->akta_number + "." + std::string(format));
}

}  // namespace

HttpResponse DeclareBirth(RequestContext& ctx) {
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  BodySubjects(ctx, *body);
  return Declared(ctx, ctx.svc.civil->Declare(*ctx.principal, VitalEventKind::kKelahiran, body->dump()));
}

HttpResponse DeclareCivilEvent(RequestContext& ctx) {
  auto kind = VitalEventKindFromName(ctx.req.params.at("kind"), "kind");
  if (!kind.ok()) return ErrorResponse(kind.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  BodySubjects(ctx, *body);
  return Declared(ctx, ctx.svc.civil->Declare(*ctx.principal, *kind, body->dump()));
}

HttpResponse GetCivilEvent(RequestContext& ctx) {
  auto e = EventOf(ctx);
  if (!e.ok()) return ErrorResponse(e.status());
  return JsonResponse(200, EventJson(*e).dump());
}

HttpResponse ListCivilEvents(RequestContext& ctx) {
  int limit = 50;
  int64_t after = 0;
  if (ctx.req.HasQuery("limit")) {
    auto l = WholeNumber("limit", ctx.req.Query("limit"), 1, 200, "must be 1..200");
    if (!l.ok()) return ErrorResponse(l.status());
    limit = static_cast<int>(*l);
  }
  if (ctx.req.HasQuery("after")) {
    auto a = WholeNumber("after", ctx.req.Query("after"), 0, INT64_MAX, "must be an event id");
    if (!a.ok()) return ErrorResponse(a.status());
    after = *a;
  }
  auto events = ctx.svc.civil->List(*ctx.principal, after, limit);
  if (!events.ok()) return ErrorResponse(events.status());
  Json list = Json::array();
  for (const auto& e : *events) {
    Subjects(ctx, e);
    list.push_back(EventJson(e));
  }
  return JsonResponse(200, Json{{"events", list}}.dump());
}

HttpResponse PersonCivilEvents(RequestContext& ctx) {
  auto nik = Nik::Parse(ctx.req.params.at("nik"), ctx.svc.districts, "nik");
  if (!nik.ok()) return ErrorResponse(nik.status());
  ctx.subjects.push_back(std::string(nik->digits()));
  auto events = ctx.svc.civil->OfPerson(*ctx.principal, *nik);
  if (!events.ok()) return ErrorResponse(events.status());
  Json list = Json::array();
  for (const auto& e : *events) {
    Subjects(ctx, e);
    list.push_back(EventJson(e));
  }
  return JsonResponse(200, Json{{"events", list}}.dump());
}

HttpResponse RegisterCivilEvent(RequestContext& ctx) {
  auto id = EventId(ctx);
  if (!id.ok()) return ErrorResponse(id.status());
  EventSubjects(ctx, *id);
  auto e = ctx.svc.civil->Register(*ctx.principal, *id);
  if (!e.ok()) return ErrorResponse(e.status());
  Subjects(ctx, *e);
  return JsonResponse(200, EventJson(*e).dump());
}

HttpResponse RejectCivilEvent(RequestContext& ctx) {
  auto id = EventId(ctx);
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto reason = StringField(*body, "reason", true);
  if (!reason.ok()) return ErrorResponse(reason.status());
  EventSubjects(ctx, *id);
  auto e = ctx.svc.civil->Reject(*ctx.principal, *id, **reason);
  if (!e.ok()) return ErrorResponse(e.status());
  Subjects(ctx, *e);
  return JsonResponse(200, EventJson(*e).dump());
}

HttpResponse CorrectCivilEvent(RequestContext& ctx) {
  auto req = FurtherRequest(ctx);
  if (!req.ok()) return ErrorResponse(req.status());
  auto changes = req->body.find("changes");
  if (changes == req->body.end() || !changes->is_object()) {
    return ErrorResponse(Status::Invalid("changes", "", "is required: an object of the fields to correct"));
  }
  EventSubjects(ctx, req->id);
  return Declared(ctx,
                  ctx.svc.civil->DeclareCorrection(*ctx.principal, req->id, changes->dump(), req->reason, req->document));
}

HttpResponse CancelCivilEvent(RequestContext& ctx) {
  auto req = FurtherRequest(ctx);
  if (!req.ok()) return ErrorResponse(req.status());
  EventSubjects(ctx, req->id);
  return Declared(ctx, ctx.svc.civil->DeclareCancellation(*ctx.principal, req->id, req->reason, req->document));
}

HttpResponse GetAkta(RequestContext& ctx) {
  auto e = EventOf(ctx);
  if (!e.ok()) return ErrorResponse(e.status());
  auto akta = ctx.svc.civil->Akta(*ctx.principal, e->id);
  if (!akta.ok()) return ErrorResponse(akta.status());
  Json out = AktaJson(*akta);
  auto reference = ctx.svc.civil->Reference(*ctx.principal, e->id);
  out["reference"] = reference.ok() ? Json(*reference) : Json(nullptr);  // the QR's text
  return JsonResponse(200, out.dump());
}

HttpResponse GetAktaPdf(RequestContext& ctx) { return AktaFile(ctx, "pdf"); }
HttpResponse GetAktaPng(RequestContext& ctx) { return AktaFile(ctx, "png"); }

HttpResponse IssueAktaCopy(RequestContext& ctx) {
  auto e = EventOf(ctx);
  if (!e.ok()) return ErrorResponse(e.status());
  auto akta = ctx.svc.civil->IssueCopy(*ctx.principal, e->id);
  if (!akta.ok()) return ErrorResponse(akta.status());
  return JsonResponse(201, AktaJson(*akta).dump());
}

HttpResponse AddCivilAttachment(RequestContext& ctx) {
  auto e = EventOf(ctx);
  if (!e.ok()) return ErrorResponse(e.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  std::string fields[4];
  const char* names[4] = {"jenis", "name", "content_type", "content"};
  for (int i = 0; i < 4; ++i) {
    auto v = StringField(*body, names[i], true);
    if (!v.ok()) return ErrorResponse(v.status());
    fields[i] = **v;
  }
  auto bytes = FromBase64(fields[3]);
  if (!bytes) return ErrorResponse(Status::Invalid("content", "", "must be base64"));
  auto a = ctx.svc.civil->AddAttachment(*ctx.principal, e->id, fields[0], fields[1], fields[2], std::move(*bytes));
  if (!a.ok()) return ErrorResponse(a.status());
  HttpResponse r = JsonResponse(201, AttachmentJson(*a).dump());
  r.SetHeader("Location", "/api/v1/civil/events/" + std::to_string(e->id) + "/attachments/" + std::to_string(a->id));
  return r;
}

HttpResponse ListCivilAttachments(RequestContext& ctx) {
  auto e = EventOf(ctx);
  if (!e.ok()) return ErrorResponse(e.status());
  auto list = ctx.svc.civil->Attachments(*ctx.principal, e->id);
  if (!list.ok()) return ErrorResponse(list.status());
  Json items = Json::array();
  for (const auto& a : *list) items.push_back(AttachmentJson(a));
  return JsonResponse(200, Json{{"attachments", items}}.dump());
}

HttpResponse GetCivilAttachment(RequestContext& ctx) {
  auto aid = WholeNumber("attachment_id", ctx.req.params.at("attachment_id"), 1, INT64_MAX,
                         "must be a positive whole number");
  if (!aid.ok()) return ErrorResponse(aid.status());
  auto e = EventOf(ctx);
  if (!e.ok()) return ErrorResponse(e.status());
  auto a = ctx.svc.civil->GetAttachment(*ctx.principal, e->id, *aid);
  if (!a.ok()) return ErrorResponse(a.status());
  return Binary(std::move(a->content), a->content_type, a->name);
}

// Public: anyone holding an akta checks its QR reference.
HttpResponse VerifyAkta(RequestContext& ctx) {
  if (!ctx.req.HasQuery("ref")) return ErrorResponse(Status::Invalid("ref", "", "is required: the text of the QR code"));
  auto check = ctx.svc.civil->CheckReference(ctx.req.Query("ref"));
  if (!check.ok()) return ErrorResponse(check.status());
  return JsonResponse(200, Json{{"signature_valid", check->signature_valid},
                                {"valid", check->valid},
                                {"akta_number", Nullable(check->akta_number)},
                                {"kind", Nullable(check->kind)},
                                {"nik", Nullable(check->nik_masked)},
                                {"copy", check->copy},
                                {"latest_copy", check->latest_copy},
                                {"state", Nullable(check->state)},
                                {"problem", Nullable(check->problem)}}
                               .dump());
}

HttpResponse CivilStatistics(RequestContext& ctx) {
  const std::string region = ctx.req.HasQuery("region") ? ctx.req.Query("region") : "";
  int level = 4;
  if (ctx.req.HasQuery("level")) {
    auto l = WholeNumber("level", ctx.req.Query("level"), 2, 10, "must be 2, 4, 6 or 10 (digits of the child region)");
    if (!l.ok()) return ErrorResponse(l.status());
    level = static_cast<int>(*l);
  }
  auto date = [&](const char* name, const std::string& fallback) -> Result<Date> {
    return Date::Parse(ctx.req.HasQuery(name) ? ctx.req.Query(name) : fallback, name);
  };
  auto from = date("from", "1900-01-01");
  if (!from.ok()) return ErrorResponse(from.status());
  auto to = date("to", "9999-12-31");
  if (!to.ok()) return ErrorResponse(to.status());
  auto counts = ctx.svc.civil->Statistics(*ctx.principal, region, level, *from, *to);
  if (!counts.ok()) return ErrorResponse(counts.status());
  // Per region and month: each kind's count, and how many of them were registered late.
  std::map<std::pair<std::string, std::string>, Json> rows;
  for (const auto& c : *counts) {
    Json& row = rows[{c.region, c.month}];
    if (row.is_null()) row = Json{{"region", c.region}, {"month", c.month}, {"events", Json::object()}};
    Json& k = row["events"][c.kind];
    if (k.is_null()) k = Json{{"total", 0}, {"late", 0}};
    k["total"] = k["total"].get<int64_t>() + c.count;
    if (c.timeliness == "late") k["late"] = k["late"].get<int64_t>() + c.count;
  }
  Json list = Json::array();
  for (auto& [key, row] : rows) list.push_back(std::move(row));
  return JsonResponse(200, Json{{"rows", list}}.dump());
}

}  // namespace siak::api
