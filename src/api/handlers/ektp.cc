// e-KTP: recording sites and devices, perekaman, the blank ledger, printing, handover, reprints,
// Suket, the timeline and coverage. Images and templates travel as base64; photos, signatures
// and templates are never returned except rendered on the card or the Suket.
#include <cstdint>
#include <memory>
#include <optional>

#include "abis/iris_code.h"
#include "api/handlers/handlers.h"
#include "api/json_io.h"
#include "api/pipeline.h"
#include "api/problem.h"
#include "app/ektp_service.h"
#include "common/crypto.h"
#include "common/text.h"

namespace siak::api {
namespace {

HttpResponse NotConfigured() {
  return Problem(503, "ektp_unavailable", "", "the e-KTP service is not running on this server");
}

Json NullableId(int64_t v) { return v == 0 ? Json(nullptr) : Json(v); }
Json ParsedJson(const std::string& text) {
  if (text.empty()) return Json::object();
  auto j = Json::parse(text, nullptr, false);
  return j.is_discarded() ? Json(text) : j;
}

Result<int64_t> IdParam(RequestContext& ctx, const std::string& name) {
  return WholeNumber(name, ctx.req.params.at(name), 1, INT64_MAX, "must be a positive whole number");
}

Result<std::string> Base64Field(const Json& body, const std::string& name, bool required) {
  auto text = StringField(body, name, required);
  if (!text.ok()) return text.status();
  if (!*text) return std::string();
  auto bytes = FromBase64(**text);
  if (!bytes) return Status::Invalid(name, "", "must be base64 (RFC 4648, with padding)");
  return *bytes;
}

Json SiteJson(const SiteRecord& s) {
  return Json{{"id", s.id},           {"code", s.code},
              {"kind", s.kind},       {"name", s.name},
              {"region_code", s.region_code},
              {"print_site_id", NullableId(s.print_site_id)},
              {"starts_on", Nullable(s.starts_on)},
              {"ends_on", Nullable(s.ends_on)},
              {"active", s.active},   {"stock_account", "site:" + std::to_string(s.id)},
              {"created_at", s.created_at}};
}

Json DeviceJson(const DeviceRecord& d) {
  return Json{{"serial", d.serial}, {"site_id", d.site_id},     {"kind", d.kind},
              {"model", d.model},   {"active", d.active},       {"registered_at", d.registered_at}};
}

Json RecordingJson(const RecordingResult& r) {
  Json out{{"recording_id", r.recording.id},
           {"nik", r.recording.nik},
           {"site_id", r.recording.site_id},
           {"device_serial", r.recording.device_serial},
           {"officer", r.recording.officer},
           {"captured_at", r.recording.captured_at},
           {"submitted_at", r.recording.submitted_at},
           {"quality", ParsedJson(r.recording.quality)}};
  if (r.job.id != 0) {
    out["abis_job"] = Json{{"id", r.job.id},
                           {"state", r.job.state},
                           {"outcome", Nullable(r.job.outcome)},
                           {"finished_at", Nullable(r.job.finished_at)}};
  } else {
    out["abis_job"] = nullptr;
  }
  return out;
}

Json EntryJson(const StockEntry& e) {
  return Json{{"seq", e.seq},
              {"at", e.at},
              {"kind", e.kind},
              {"from", Nullable(e.from_account)},
              {"to", Nullable(e.to_account)},
              {"quantity", e.quantity},
              {"reason", e.reason},
              {"card_serial", Nullable(e.card_serial)},
              {"actor", e.actor}};
}

Json StockJson(const StockView& v) {
  return Json{{"account", v.account.account},
              {"on_hand", v.account.on_hand},
              {"monthly_quota", v.account.monthly_quota},
              {"low_stock", v.account.low_stock},
              {"received_this_month", v.delivered_this_month},
              {"low", v.low}};
}

Json RequestJson(const PrintRequestRecord& q) {
  return Json{{"id", q.id},
              {"nik", q.nik},
              {"site_id", NullableId(q.site_id)},
              {"reason", q.reason},
              {"priority", q.priority},
              {"state", q.state},
              {"document_ref", Nullable(q.document_ref)},
              {"old_serial", Nullable(q.old_serial)},
              {"card_serial", Nullable(q.card_serial)},
              {"requested_by", q.requested_by},
              {"requested_at", q.requested_at}};
}

Json CardJson(const CardRecord& c) {
  return Json{{"serial", c.serial},
              {"nik", c.nik},
              {"site_id", c.site_id},
              {"request_id", c.request_id},
              {"recording_id", c.recording_id},
              {"state", c.state},
              {"face", ParsedJson(c.face)},
              {"printed_by", c.printed_by},
              {"printed_at", c.printed_at},
              {"received_by", Nullable(c.received_by)},
              {"issued_by", Nullable(c.issued_by)},
              {"issued_at", Nullable(c.issued_at)},
              {"revoked_at", Nullable(c.revoked_at)},
              {"revoke_reason", Nullable(c.revoke_reason)},
              {"links",
               {{"pdf", "/api/v1/cards/" + c.serial + "/card.pdf"},
                {"png", "/api/v1/cards/" + c.serial + "/card.png"},
                {"chip", "/api/v1/cards/" + c.serial + "/chip"}}}};
}

Json SuketJson(const SuketRecord& s) {
  return Json{{"number", s.number},
              {"nik", s.nik},
              {"site_id", s.site_id},
              {"state", s.state},
              {"reference", s.reference},
              {"issued_by", s.issued_by},
              {"issued_at", s.issued_at},
              {"valid_until", s.valid_until},
              {"closed_at", Nullable(s.closed_at)},
              {"card_serial", Nullable(s.card_serial)},
              {"links", {{"pdf", "/api/v1/suket/" + s.number + "/suket.pdf"}}}};
}

Json CoverageRowJson(const CoverageRow& r) {
  return Json{{"region_code", r.region_code},
              {"name", r.name},
              {"residents", r.residents},
              {"wajib_ktp", r.wajib_ktp},
              {"recorded", r.recorded},
              {"recording_rate", r.recording_rate},
              {"print_ready", r.print_ready},
              {"cards_issued", r.cards_issued},
              {"suket_outstanding", r.suket_outstanding},
              {"blanks_on_hand", r.blanks_on_hand}};
}

}  // namespace

HttpResponse Binary(std::string body, const std::string& type, const std::string& filename) {
  HttpResponse r;
  r.status = 200;
  r.content_type = type;
  r.body = std::move(body);
  r.SetHeader("Content-Disposition", "inline; filename=\"" + filename + "\"");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

// ---- sites and devices ----

HttpResponse CreateSite(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  SiteInput in;
  for (auto [name, target, required] :
       {std::tuple{"code", &in.code, true}, std::tuple{"kind", &in.kind, true}, std::tuple{"name", &in.name, true},
        std::tuple{"region_code", &in.region_code, true}, std::tuple{"starts_on", &in.starts_on, false},
        std::tuple{"ends_on", &in.ends_on, false}}) {
    auto v = StringField(*body, name, required);
    if (!v.ok()) return ErrorResponse(v.status());
    *target = v->value_or("");
  }
  auto ps = IntField(*body, "print_site_id", false);
  if (!ps.ok()) return ErrorResponse(ps.status());
  in.print_site_id = ps->value_or(0);
  auto site = ctx.svc.ektp->CreateSite(ctx.svc.store, *ctx.principal, in);
  if (!site.ok()) return ErrorResponse(site.status());
  HttpResponse r = JsonResponse(201, SiteJson(*site).dump());
  r.SetHeader("Location", "/api/v1/sites/" + std::to_string(site->id));
  return r;
}

HttpResponse ListSites(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto sites = ctx.svc.ektp->ListSites(ctx.svc.store, *ctx.principal);
  if (!sites.ok()) return ErrorResponse(sites.status());
  Json list = Json::array();
  for (const auto& s : *sites) list.push_back(SiteJson(s));
  return JsonResponse(200, Json{{"sites", list}}.dump());
}

HttpResponse GetSite(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto id = IdParam(ctx, "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto site = ctx.svc.ektp->GetSite(ctx.svc.store, *ctx.principal, *id);
  if (!site.ok()) return ErrorResponse(site.status());
  auto devices = ctx.svc.ektp->ListDevices(ctx.svc.store, *ctx.principal, *id);
  if (!devices.ok()) return ErrorResponse(devices.status());
  auto stock = ctx.svc.ektp->Stock(ctx.svc.store, *ctx.principal, "site:" + std::to_string(*id));
  if (!stock.ok()) return ErrorResponse(stock.status());
  Json out = SiteJson(*site);
  out["devices"] = Json::array();
  for (const auto& d : *devices) out["devices"].push_back(DeviceJson(d));
  out["stock"] = StockJson(*stock);
  return JsonResponse(200, out.dump());
}

HttpResponse RegisterDevice(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto id = IdParam(ctx, "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  DeviceRecord d;
  for (auto [name, target] : {std::pair{"serial", &d.serial}, std::pair{"kind", &d.kind}, std::pair{"model", &d.model}}) {
    auto v = StringField(*body, name, true);
    if (!v.ok()) return ErrorResponse(v.status());
    *target = **v;
  }
  auto device = ctx.svc.ektp->RegisterDevice(ctx.svc.store, *ctx.principal, *id, d);
  if (!device.ok()) return ErrorResponse(device.status());
  return JsonResponse(201, DeviceJson(*device).dump());
}

// ---- recording ----

namespace {

// The body of POST /api/v1/recordings.
Result<RecordingInput> ParseRecording(const std::string& text) {
  auto body = ParseJsonBody(text);
  if (!body.ok()) return body.status();
  RecordingInput in;
  for (auto [name, target] : {std::pair{"recording_id", &in.recording_id}, std::pair{"nik", &in.nik},
                              std::pair{"device_serial", &in.device_serial}, std::pair{"captured_at", &in.captured_at}}) {
    auto v = StringField(*body, name, true);
    if (!v.ok()) return v.status();
    *target = **v;
  }
  auto site = IntField(*body, "site_id", true);
  if (!site.ok()) return site.status();
  in.site_id = **site;
  auto photo = Base64Field(*body, "photo", true);
  if (!photo.ok()) return photo.status();
  in.photo = *photo;
  auto signature = Base64Field(*body, "signature", true);
  if (!signature.ok()) return signature.status();
  in.signature = *signature;
  // fingers: [{position, template | missing}] ; irises: [{eye, template | missing}]
  auto fingers = body->find("fingers");
  if (fingers == body->end() || !fingers->is_array()) {
    return Status::Invalid("fingers", "", "is required: an array of ten {position, template|missing}");
  }
  for (size_t i = 0; i < fingers->size(); ++i) {
    const Json& f = (*fingers)[i];
    const std::string at = "fingers[" + std::to_string(i) + "]";
    if (!f.is_object()) return Status::Invalid(at, "", "must be an object {position, template|missing}");
    FingerInput fi;
    auto pos = IntField(f, "position", true);
    if (!pos.ok()) return pos.status().WithFieldPrefix(at);
    fi.position = static_cast<int>(std::clamp<int64_t>(**pos, -1, 99));
    auto t = Base64Field(f, "template", false);
    if (!t.ok()) return t.status().WithFieldPrefix(at);
    fi.template_bytes = *t;
    auto m = StringField(f, "missing", false);
    if (!m.ok()) return m.status().WithFieldPrefix(at);
    fi.missing = m->value_or("");
    in.fingers.push_back(std::move(fi));
  }
  auto irises = body->find("irises");
  if (irises == body->end() || !irises->is_array()) {
    return Status::Invalid("irises", "", "is required: an array of two {eye, template|missing}");
  }
  for (size_t i = 0; i < irises->size(); ++i) {
    const Json& x = (*irises)[i];
    const std::string at = "irises[" + std::to_string(i) + "]";
    if (!x.is_object()) return Status::Invalid(at, "", "must be an object {eye, template|missing}");
    IrisInput ii;
    auto eye_text = StringField(x, "eye", true);
    if (!eye_text.ok()) return eye_text.status().WithFieldPrefix(at);
    auto eye = abis::ParseEye(**eye_text);
    if (!eye.ok()) return eye.status().WithFieldPrefix(at);
    ii.eye = *eye;
    auto t = Base64Field(x, "template", false);
    if (!t.ok()) return t.status().WithFieldPrefix(at);
    if (!t->empty()) {
      auto parsed = abis::ParseIris(*t, at + ".template");
      if (!parsed.ok()) return parsed.status();
      if (parsed->eye != *eye) {
        return Status::Invalid(at + ".eye", **eye_text, "does not match the eye recorded in the template");
      }
      ii.iris = *parsed;
    }
    auto m = StringField(x, "missing", false);
    if (!m.ok()) return m.status().WithFieldPrefix(at);
    ii.missing = m->value_or("");
    in.irises.push_back(std::move(ii));
  }
  return in;
}

// A recording's body decoded and its captures checked, on a worker before the write.
struct PreparedRecording {
  Result<RecordingInput> input;
  std::optional<Result<CheckedCaptures>> checked;  // when the input parsed
};

}  // namespace

void PrepareRecording(Services& svc, HttpRequest& req) {
  if (!svc.ektp) return;
  auto p = std::make_shared<PreparedRecording>(PreparedRecording{ParseRecording(req.body), std::nullopt});
  if (p->input.ok()) p->checked.emplace(svc.ektp->CheckCaptures(*p->input));
  req.prepared = std::move(p);
}

HttpResponse CreateRecording(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto prepared = std::static_pointer_cast<const PreparedRecording>(ctx.req.prepared);
  Result<RecordingInput> parsed = prepared ? prepared->input : ParseRecording(ctx.req.body);
  if (!parsed.ok()) return ErrorResponse(parsed.status());
  const RecordingInput& in = *parsed;
  ctx.subjects.push_back(in.nik);
  auto rec = ctx.svc.ektp->Record(ctx.svc.store, *ctx.principal, in,
                                  prepared && prepared->checked ? &*prepared->checked : nullptr);
  if (!rec.ok()) return ErrorResponse(rec.status());
  HttpResponse r = JsonResponse(rec->created ? 201 : 200, RecordingJson(*rec).dump());
  r.SetHeader("Location", "/api/v1/recordings/" + rec->recording.id);
  return r;
}

HttpResponse GetRecording(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto rec = ctx.svc.ektp->GetRecording(ctx.svc.store, *ctx.principal, ctx.req.params.at("id"));
  if (!rec.ok()) return ErrorResponse(rec.status());
  ctx.subjects.push_back(rec->recording.nik);
  return JsonResponse(200, RecordingJson(*rec).dump());
}

HttpResponse EktpTimelineOf(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  const std::string nik = ctx.req.params.at("nik");
  auto t = ctx.svc.ektp->Timeline(ctx.svc.store, *ctx.principal, nik);
  if (!t.ok()) return ErrorResponse(t.status());
  ctx.subjects.push_back(nik);
  Json events = Json::array();
  for (const auto& e : t->events) {
    events.push_back({{"seq", e.seq}, {"at", e.at}, {"event", e.event}, {"actor", e.actor},
                      {"detail", ParsedJson(e.payload)}});
  }
  Json recordings = Json::array();
  for (const auto& r : t->recordings) recordings.push_back(RecordingJson(RecordingResult{r, {}, false}));
  Json requests = Json::array();
  for (const auto& q : t->print_requests) requests.push_back(RequestJson(q));
  Json cards = Json::array();
  for (const auto& c : t->cards) cards.push_back(CardJson(c));
  Json sukets = Json::array();
  for (const auto& s : t->sukets) sukets.push_back(SuketJson(s));
  return JsonResponse(200, Json{{"nik", t->nik},
                                {"status", t->status},
                                {"events", events},
                                {"recordings", recordings},
                                {"print_requests", requests},
                                {"cards", cards},
                                {"sukets", sukets}}
                               .dump());
}

HttpResponse GetPersonPhoto(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  const std::string nik = ctx.req.params.at("nik");
  auto photo = ctx.svc.ektp->LatestPhoto(ctx.svc.store, *ctx.principal, nik);
  if (!photo.ok()) return ErrorResponse(photo.status());
  ctx.subjects.push_back(nik);
  const bool png = photo->starts_with("\x89PNG");
  HttpResponse r = Binary(std::move(photo).value(), png ? "image/png" : "image/jpeg", nik + (png ? ".png" : ".jpg"));
  r.SetHeader("X-Content-Type-Options", "nosniff");
  return r;
}

// ---- stock ----

HttpResponse MoveStock(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  StockMoveInput in;
  for (auto [name, target, required] :
       {std::tuple{"kind", &in.kind, true}, std::tuple{"from", &in.from, false}, std::tuple{"to", &in.to, false},
        std::tuple{"reason", &in.reason, false}}) {
    auto v = StringField(*body, name, required);
    if (!v.ok()) return ErrorResponse(v.status());
    *target = v->value_or("");
  }
  auto q = IntField(*body, "quantity", true);
  if (!q.ok()) return ErrorResponse(q.status());
  in.quantity = **q;
  auto entry = ctx.svc.ektp->MoveStock(ctx.svc.store, *ctx.principal, in);
  if (!entry.ok()) return ErrorResponse(entry.status());
  return JsonResponse(201, EntryJson(*entry).dump());
}

HttpResponse ListStock(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto views = ctx.svc.ektp->StockAccounts(ctx.svc.store, *ctx.principal);
  if (!views.ok()) return ErrorResponse(views.status());
  Json list = Json::array();
  for (const auto& v : *views) list.push_back(StockJson(v));
  return JsonResponse(200, Json{{"accounts", list}}.dump());
}

HttpResponse GetStock(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  const std::string account = ctx.req.params.at("account");
  auto v = ctx.svc.ektp->Stock(ctx.svc.store, *ctx.principal, account);
  if (!v.ok()) return ErrorResponse(v.status());
  int64_t after = 0;
  if (ctx.req.HasQuery("after")) {
    auto a = WholeNumber("after", ctx.req.Query("after"), 0, INT64_MAX, "must be an entry number");
    if (!a.ok()) return ErrorResponse(a.status());
    after = *a;
  }
  auto entries = ctx.svc.ektp->StockEntries(ctx.svc.store, *ctx.principal, account, after, 200);
  if (!entries.ok()) return ErrorResponse(entries.status());
  Json out = StockJson(*v);
  out["entries"] = Json::array();
  for (const auto& e : *entries) out["entries"].push_back(EntryJson(e));
  return JsonResponse(200, out.dump());
}

HttpResponse SetStockQuota(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto quota = IntField(*body, "monthly_quota", true);
  if (!quota.ok()) return ErrorResponse(quota.status());
  auto low = IntField(*body, "low_stock", true);
  if (!low.ok()) return ErrorResponse(low.status());
  const std::string account = ctx.req.params.at("account");
  Status st = ctx.svc.ektp->SetQuota(ctx.svc.store, *ctx.principal, account, **quota, **low);
  if (!st.ok()) return ErrorResponse(st);
  auto v = ctx.svc.ektp->Stock(ctx.svc.store, *ctx.principal, account);
  if (!v.ok()) return ErrorResponse(v.status());
  return JsonResponse(200, StockJson(*v).dump());
}

// ---- printing ----

HttpResponse GetPrintQueue(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto id = IdParam(ctx, "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto queue = ctx.svc.ektp->PrintQueue(ctx.svc.store, *ctx.principal, *id, 200);
  if (!queue.ok()) return ErrorResponse(queue.status());
  Json list = Json::array();
  for (const auto& q : *queue) {
    list.push_back(RequestJson(q));
    ctx.subjects.push_back(q.nik);
  }
  return JsonResponse(200, Json{{"requests", list}}.dump());
}

HttpResponse PrintCard(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto id = IdParam(ctx, "id");
  if (!id.ok()) return ErrorResponse(id.status());
  int64_t request_id = 0;
  if (!ctx.req.body.empty()) {
    auto body = ParseJsonBody(ctx.req.body);
    if (!body.ok()) return ErrorResponse(body.status());
    auto r = IntField(*body, "request_id", false);
    if (!r.ok()) return ErrorResponse(r.status());
    request_id = r->value_or(0);
  }
  auto card = ctx.svc.ektp->Print(ctx.svc.store, *ctx.principal, *id, request_id);
  if (!card.ok()) return ErrorResponse(card.status());
  ctx.subjects.push_back(card->nik);
  HttpResponse r = JsonResponse(201, CardJson(*card).dump());
  r.SetHeader("Location", "/api/v1/cards/" + card->serial);
  return r;
}

HttpResponse GetCard(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto card = ctx.svc.ektp->GetCard(ctx.svc.store, *ctx.principal, ctx.req.params.at("serial"));
  if (!card.ok()) return ErrorResponse(card.status());
  ctx.subjects.push_back(card->nik);
  return JsonResponse(200, CardJson(*card).dump());
}

HttpResponse RenderCardFile(RequestContext& ctx, const std::string& format) {
  if (!ctx.svc.ektp) return NotConfigured();
  const std::string serial = ctx.req.params.at("serial");
  auto card = ctx.svc.ektp->GetCard(ctx.svc.store, *ctx.principal, serial);
  if (!card.ok()) return ErrorResponse(card.status());
  ctx.subjects.push_back(card->nik);
  auto bytes = ctx.svc.ektp->RenderCard(ctx.svc.store, *ctx.principal, serial, format);
  if (!bytes.ok()) return ErrorResponse(bytes.status());
  return Binary(std::move(*bytes), format == "pdf" ? "application/pdf" : "image/png", serial + "." + format);
}
HttpResponse GetCardPdf(RequestContext& ctx) { return RenderCardFile(ctx, "pdf"); }
HttpResponse GetCardPng(RequestContext& ctx) { return RenderCardFile(ctx, "png"); }

HttpResponse GetCardChip(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  const std::string serial = ctx.req.params.at("serial");
  auto card = ctx.svc.ektp->GetCard(ctx.svc.store, *ctx.principal, serial);
  if (!card.ok()) return ErrorResponse(card.status());
  ctx.subjects.push_back(card->nik);
  if (card->state == "revoked") {
    return ErrorResponse(Status::FailedPrecondition("card " + serial + " is revoked: its chip payload is not issued again"));
  }
  auto bytes = FromHex(card->chip);
  if (!bytes) return ErrorResponse(Status::Internal("the card's chip payload is not hex"));
  return Binary(std::move(*bytes), "application/octet-stream", serial + ".chip");
}

HttpResponse HandoverCard(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto who = StringField(*body, "received_by", true);
  if (!who.ok()) return ErrorResponse(who.status());
  auto card = ctx.svc.ektp->Handover(ctx.svc.store, *ctx.principal, ctx.req.params.at("serial"), **who);
  if (!card.ok()) return ErrorResponse(card.status());
  ctx.subjects.push_back(card->nik);
  return JsonResponse(200, CardJson(*card).dump());
}

HttpResponse MisprintCard(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto reason = StringField(*body, "reason", true);
  if (!reason.ok()) return ErrorResponse(reason.status());
  auto q = ctx.svc.ektp->Misprint(ctx.svc.store, *ctx.principal, ctx.req.params.at("serial"), **reason);
  if (!q.ok()) return ErrorResponse(q.status());
  ctx.subjects.push_back(q->nik);
  return JsonResponse(201, RequestJson(*q).dump());
}

HttpResponse RequestReprint(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto reason = StringField(*body, "reason", true);
  if (!reason.ok()) return ErrorResponse(reason.status());
  auto doc = StringField(*body, "document_ref", false);
  if (!doc.ok()) return ErrorResponse(doc.status());
  auto site = IntField(*body, "site_id", true);
  if (!site.ok()) return ErrorResponse(site.status());
  const std::string nik = ctx.req.params.at("nik");
  ctx.subjects.push_back(nik);
  auto q = ctx.svc.ektp->RequestReprint(ctx.svc.store, *ctx.principal, nik, **reason, doc->value_or(""), **site);
  if (!q.ok()) return ErrorResponse(q.status());
  return JsonResponse(201, RequestJson(*q).dump());
}

// ---- Suket ----

HttpResponse IssueSuket(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto nik = StringField(*body, "nik", true);
  if (!nik.ok()) return ErrorResponse(nik.status());
  auto site = IntField(*body, "site_id", true);
  if (!site.ok()) return ErrorResponse(site.status());
  ctx.subjects.push_back(**nik);
  auto s = ctx.svc.ektp->IssueSuket(ctx.svc.store, *ctx.principal, **nik, **site);
  if (!s.ok()) return ErrorResponse(s.status());
  HttpResponse r = JsonResponse(201, SuketJson(*s).dump());
  r.SetHeader("Location", "/api/v1/suket/" + s->number);
  return r;
}

HttpResponse ListSukets(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  int limit = 100;
  if (ctx.req.HasQuery("limit")) {
    auto l = WholeNumber("limit", ctx.req.Query("limit"), 1, 500, "must be 1..500");
    if (!l.ok()) return ErrorResponse(l.status());
    limit = static_cast<int>(*l);
  }
  const std::string state = ctx.req.HasQuery("state") ? ctx.req.Query("state") : "active";
  auto list = ctx.svc.ektp->ListSukets(ctx.svc.store, *ctx.principal, state == "all" ? "" : state,
                                       ctx.req.Query("after"), limit);
  if (!list.ok()) return ErrorResponse(list.status());
  Json items = Json::array();
  for (const auto& s : *list) {
    items.push_back(SuketJson(s));
    ctx.subjects.push_back(s.nik);
  }
  Json out{{"items", items}};
  out["next_after"] = static_cast<int>(list->size()) == limit ? Json(list->back().number) : Json(nullptr);
  return JsonResponse(200, out.dump());
}

HttpResponse GetSuket(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto s = ctx.svc.ektp->GetSuket(ctx.svc.store, *ctx.principal, ctx.req.params.at("number"));
  if (!s.ok()) return ErrorResponse(s.status());
  ctx.subjects.push_back(s->nik);
  return JsonResponse(200, SuketJson(*s).dump());
}

HttpResponse GetSuketPdf(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  const std::string number = ctx.req.params.at("number");
  auto s = ctx.svc.ektp->GetSuket(ctx.svc.store, *ctx.principal, number);
  if (!s.ok()) return ErrorResponse(s.status());
  ctx.subjects.push_back(s->nik);
  auto pdf = ctx.svc.ektp->RenderSuket(ctx.svc.store, *ctx.principal, number);
  if (!pdf.ok()) return ErrorResponse(pdf.status());
  return Binary(std::move(*pdf), "application/pdf", number + ".pdf");
}

// Public: anyone holding a Suket's QR text may check it (the NIK is masked in the answer).
HttpResponse VerifySuket(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  if (!ctx.req.HasQuery("ref")) return ErrorResponse(Status::Invalid("ref", "", "is required: the text of the QR code"));
  auto check = ctx.svc.ektp->CheckSuket(ctx.svc.store, ctx.req.Query("ref"));
  if (!check.ok()) return ErrorResponse(check.status());
  return JsonResponse(200, Json{{"signature_valid", check->signature_valid},
                                {"valid", check->valid_today},
                                {"number", Nullable(check->number)},
                                {"nik", Nullable(check->nik_masked)},
                                {"valid_until", Nullable(check->valid_until)},
                                {"state", Nullable(check->state)},
                                {"problem", Nullable(check->problem)}}
                               .dump());
}

// Public: the key card readers and Suket checkers verify signatures with.
HttpResponse CardPublicKey(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  const auto& key = ctx.svc.ektp->public_key();
  return JsonResponse(200, Json{{"algorithm", "Ed25519"}, {"public_key", key.Hex()}, {"key_id", key.KeyId()}}.dump());
}

// ---- coverage ----

HttpResponse GetCoverage(RequestContext& ctx) {
  if (!ctx.svc.ektp) return NotConfigured();
  auto c = ctx.svc.ektp->GetCoverage(ctx.svc.store, *ctx.principal, ctx.req.Query("region"));
  if (!c.ok()) return ErrorResponse(c.status());
  Json children = Json::array();
  for (const auto& row : c->children) children.push_back(CoverageRowJson(row));
  return JsonResponse(200, Json{{"region_code", c->region_code}, {"total", CoverageRowJson(c->total)},
                                {"children", children}}
                               .dump());
}

}  // namespace siak::api
