// ABIS: de-duplication jobs, adjudication cases, 1:1 verification and engine statistics.
// Templates travel as base64 of the 520-byte serialized IrisCode (docs/abis.md); they are never
// returned.
#include <cstdint>

#include "abis/iris_code.h"
#include "api/handlers/handlers.h"
#include "api/json_io.h"
#include "api/pipeline.h"
#include "api/problem.h"
#include "common/crypto.h"
#include "common/text.h"

namespace siak::api {
namespace {

HttpResponse NotConfigured() {
  return Problem(503, "abis_unavailable", "", "the biometric engine is not running on this server");
}

// "irises": [{"eye": "right", "template": "<base64>"}, ...]
// `required`: the field must be there (verification); a job may carry fingers instead.
Result<std::vector<abis::IrisTemplate>> IrisesField(const Json& body, bool required = true) {
  auto it = body.find("irises");
  if (!required && it == body.end()) return std::vector<abis::IrisTemplate>{};
  if (it == body.end() || !it->is_array()) {
    return Status::Invalid("irises", "", "is required: an array of {eye, template} with one or two irises");
  }
  std::vector<abis::IrisTemplate> out;
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& item = (*it)[i];
    const std::string at = "irises[" + std::to_string(i) + "]";
    if (!item.is_object()) return Status::Invalid(at, "", "must be an object {eye, template}");
    auto eye_text = StringField(item, "eye", true);
    if (!eye_text.ok()) return eye_text.status().WithFieldPrefix(at);
    auto eye = abis::ParseEye(**eye_text);
    if (!eye.ok()) return eye.status().WithFieldPrefix(at);
    auto text = StringField(item, "template", true);
    if (!text.ok()) return text.status().WithFieldPrefix(at);
    auto bytes = FromBase64(**text);
    if (!bytes) return Status::Invalid(at + ".template", "", "must be base64 (RFC 4648, with padding)");
    auto t = abis::ParseIris(*bytes, at + ".template");
    if (!t.ok()) return t.status();
    if (t->eye != *eye) {
      return Status::Invalid(at + ".eye", **eye_text, "does not match the eye recorded in the template");
    }
    out.push_back(*t);
  }
  return out;
}

// fingers: [{position, template}] with ISO/IEC 19794-2 or ANSI 378 records in base64; optional.
Result<std::vector<DedupFinger>> FingersField(const Json& body) {
  std::vector<DedupFinger> out;
  auto it = body.find("fingers");
  if (it == body.end()) return out;
  if (!it->is_array()) return Status::Invalid("fingers", "", "must be an array of {position, template}");
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& item = (*it)[i];
    const std::string at = "fingers[" + std::to_string(i) + "]";
    if (!item.is_object()) return Status::Invalid(at, "", "must be an object {position, template}");
    auto pos = item.find("position");
    if (pos == item.end() || !pos->is_number_integer() || pos->get<int64_t>() < 1 || pos->get<int64_t>() > 10) {
      return Status::Invalid(at + ".position", pos == item.end() ? "" : pos->dump(),
                             "must be an ISO finger position 1-10");
    }
    auto text = StringField(item, "template", true);
    if (!text.ok()) return text.status().WithFieldPrefix(at);
    auto bytes = FromBase64(**text);
    if (!bytes) return Status::Invalid(at + ".template", "", "must be base64 (RFC 4648, with padding)");
    out.push_back(DedupFinger{pos->get<int>(), std::move(*bytes)});
  }
  return out;
}

Json ParsedDetail(const std::string& detail) {
  if (detail.empty()) return Json::object();
  auto j = Json::parse(detail, nullptr, false);
  return j.is_discarded() ? Json(detail) : j;
}

Json CaseJson(const AbisCaseRecord& c) {
  auto number = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(std::stod(s)); };
  return Json{{"id", c.id},
              {"job_id", c.job_id},
              {"nik", c.nik},
              {"candidate_nik", c.candidate_nik},
              {"score_right", number(c.score_right)},
              {"score_left", number(c.score_left)},
              {"false_match_probability", number(c.false_match_probability)},
              {"state", c.state},
              {"decision", Nullable(c.decision)},
              {"surviving_nik", Nullable(c.surviving_nik)},
              {"reason", Nullable(c.reason)},
              {"decided_by", Nullable(c.decided_by)},
              {"opened_at", c.opened_at},
              {"decided_at", Nullable(c.decided_at)}};
}

Json JobJson(const AbisJobRecord& j) {
  return Json{{"id", j.id},
              {"recording_id", j.recording_id},
              {"nik", j.nik},
              {"state", j.state},
              {"outcome", Nullable(j.outcome)},
              {"detail", ParsedDetail(j.detail)},
              {"submitted_by", j.submitted_by},
              {"captured_at", j.captured_at},
              {"submitted_at", j.submitted_at},
              {"finished_at", Nullable(j.finished_at)}};
}

Result<int64_t> IdParam(RequestContext& ctx, const std::string& name) {
  return WholeNumber(name, ctx.req.params.at(name), 0, INT64_MAX, "must be a positive whole number");
}

}  // namespace

HttpResponse SubmitAbisJob(RequestContext& ctx) {
  if (!ctx.svc.dedup) return NotConfigured();
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto recording = StringField(*body, "recording_id", true);
  if (!recording.ok()) return ErrorResponse(recording.status());
  auto nik_text = StringField(*body, "nik", true);
  if (!nik_text.ok()) return ErrorResponse(nik_text.status());
  auto nik = Nik::Parse(**nik_text, ctx.svc.districts, "nik");
  if (!nik.ok()) return ErrorResponse(nik.status());
  auto captured = StringField(*body, "captured_at", false);
  if (!captured.ok()) return ErrorResponse(captured.status());
  if (*captured && ((*captured)->size() != 20 || (*captured)->back() != 'Z' || (**captured)[10] != 'T')) {
    return ErrorResponse(Status::Invalid("captured_at", **captured, "must be UTC time like 2026-11-28T08:00:00Z"));
  }
  auto irises = IrisesField(*body, false);
  if (!irises.ok()) return ErrorResponse(irises.status());
  auto fingers = FingersField(*body);
  if (!fingers.ok()) return ErrorResponse(fingers.status());
  ctx.subjects.push_back(nik->ToString());
  bool created = false;
  auto job = ctx.svc.dedup->Submit(ctx.svc.store, *ctx.principal,
                                   DedupSubmission{**recording, *nik, *irises, captured->value_or(""), *fingers},
                                   &created);
  if (!job.ok()) return ErrorResponse(job.status());
  HttpResponse r = JsonResponse(created ? 202 : 200, JobJson(*job).dump());
  r.SetHeader("Location", "/api/v1/abis/jobs/" + std::to_string(job->id));
  return r;
}

HttpResponse GetAbisJob(RequestContext& ctx) {
  if (!ctx.svc.dedup) return NotConfigured();
  auto id = IdParam(ctx, "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto job = ctx.svc.dedup->GetJob(ctx.svc.store, *ctx.principal, *id);
  if (!job.ok()) return ErrorResponse(job.status());
  ctx.subjects.push_back(job->nik);
  Json j = JobJson(*job);
  auto cases = AbisStore(ctx.svc.store).CasesOfJob(*id);
  if (!cases.ok()) return ErrorResponse(cases.status());
  j["cases"] = Json::array();
  for (const auto& c : *cases) j["cases"].push_back(CaseJson(c));
  return JsonResponse(200, j.dump());
}

HttpResponse ListAbisCases(RequestContext& ctx) {
  if (!ctx.svc.dedup) return NotConfigured();
  int limit = 50;
  int64_t after = 0;
  const std::string state = ctx.req.HasQuery("state") ? ctx.req.Query("state") : "open";
  if (ctx.req.HasQuery("limit")) {
    auto l = WholeNumber("limit", ctx.req.Query("limit"), 1, 200, "must be 1..200");
    if (!l.ok()) return ErrorResponse(l.status());
    limit = static_cast<int>(*l);
  }
  if (ctx.req.HasQuery("after")) {
    auto a = WholeNumber("after", ctx.req.Query("after"), 0, INT64_MAX, "must be a case id");
    if (!a.ok()) return ErrorResponse(a.status());
    after = *a;
  }
  auto cases = ctx.svc.dedup->ListCases(ctx.svc.store, *ctx.principal, state == "all" ? "" : state, after, limit);
  if (!cases.ok()) return ErrorResponse(cases.status());
  Json list = Json::array();
  for (const auto& c : *cases) {
    list.push_back(CaseJson(c));
    ctx.subjects.push_back(c.nik);
    ctx.subjects.push_back(c.candidate_nik);
  }
  Json out{{"cases", list}};
  out["next_after"] = static_cast<int>(cases->size()) == limit ? Json(cases->back().id) : Json(nullptr);
  return JsonResponse(200, out.dump());
}

HttpResponse GetAbisCase(RequestContext& ctx) {
  if (!ctx.svc.dedup) return NotConfigured();
  auto id = IdParam(ctx, "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto c = ctx.svc.dedup->GetCase(ctx.svc.store, *ctx.principal, *id);
  if (!c.ok()) return ErrorResponse(c.status());
  ctx.subjects.push_back(c->nik);
  ctx.subjects.push_back(c->candidate_nik);
  return JsonResponse(200, CaseJson(*c).dump());
}

HttpResponse DecideAbisCase(RequestContext& ctx) {
  if (!ctx.svc.dedup) return NotConfigured();
  auto id = IdParam(ctx, "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto decision = StringField(*body, "decision", true);
  if (!decision.ok()) return ErrorResponse(decision.status());
  auto surviving = StringField(*body, "surviving_nik", **decision == "same");
  if (!surviving.ok()) return ErrorResponse(surviving.status());
  auto reason = StringField(*body, "reason", true);
  if (!reason.ok()) return ErrorResponse(reason.status());
  auto c = ctx.svc.dedup->Decide(ctx.svc.store, *ctx.principal, *id, **decision, surviving->value_or(""), **reason);
  if (!c.ok()) return ErrorResponse(c.status());
  ctx.subjects.push_back(c->nik);
  ctx.subjects.push_back(c->candidate_nik);
  return JsonResponse(200, CaseJson(*c).dump());
}

HttpResponse VerifyIris(RequestContext& ctx) {
  if (!ctx.svc.dedup) return NotConfigured();
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto nik_text = StringField(*body, "nik", true);
  if (!nik_text.ok()) return ErrorResponse(nik_text.status());
  auto nik = Nik::Parse(**nik_text, ctx.svc.districts, "nik");
  if (!nik.ok()) return ErrorResponse(nik.status());
  auto irises = IrisesField(*body, false);
  if (!irises.ok()) return ErrorResponse(irises.status());
  auto fingers = FingersField(*body);
  if (!fingers.ok()) return ErrorResponse(fingers.status());
  ctx.subjects.push_back(nik->ToString());
  auto v = ctx.svc.dedup->Verify(ctx.svc.store, *ctx.principal, *nik, *irises, *fingers);
  if (!v.ok()) return ErrorResponse(v.status());
  return JsonResponse(200, Json{{"nik", nik->ToString()},
                                {"match", v->match},
                                {"false_match_probability", v->false_match_probability},
                                {"right", IrisMatchJson(v->right)},
                                {"left", IrisMatchJson(v->left)},
                                {"fingers", FingerScoresJson(v->fingers)}}
                               .dump());
}

HttpResponse AbisStats(RequestContext& ctx) {
  if (!ctx.svc.dedup) return NotConfigured();
  auto s = ctx.svc.dedup->Stats(ctx.svc.store);
  if (!s.ok()) return ErrorResponse(s.status());
  const auto& engine = ctx.svc.dedup->engine();
  return JsonResponse(200, Json{{"galleries", {{"right", s->right}, {"left", s->left}}},
                                {"finger_gallery", {{"persons", s->finger_persons}, {"fingers", s->fingers},
                                                    {"kernel", s->finger_kernel}}},
                                {"enrolled_persons", s->enrolled},
                                {"gallery_log", {{"applied", s->log_position}, {"last", s->log_last}}},
                                {"jobs", s->jobs},
                                {"open_cases", s->open_cases},
                                {"kernel", abis::IrisKernelName(engine.options().kernel)},
                                {"threads", engine.options().threads},
                                {"rotations", engine.rotations()},
                                {"false_alarms_per_search", engine.policy().false_alarms_per_search},
                                {"false_match_limit", s->limits.per_comparison},
                                {"eye_search_threshold", s->limits.eye_threshold}}
                               .dump());
}

}  // namespace siak::api
