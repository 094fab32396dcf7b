// Civil registration (pencatatan sipil): declare a birth, register or reject a declaration, read
// the events (docs/civil.md). Every call is audited with the persons it touched.
#include <cstdint>

#include "api/handlers/handlers.h"
#include "api/json_io.h"
#include "api/pipeline.h"
#include "api/problem.h"
#include "app/civil_service.h"

namespace siak::api {
namespace {

Json EventJson(const CivilEventRecord& e) {
  Json data = Json::parse(e.data, nullptr, false);
  return Json{{"id", e.id},
              {"kind", e.kind},
              {"state", e.state},
              {"region_code", e.region_code},
              {"subject_nik", Nullable(e.subject_nik)},
              {"event_date", e.event_date},
              {"timeliness", e.timeliness},
              {"late_decision", Nullable(e.late_decision)},
              {"declaration", data.is_discarded() ? Json(nullptr) : data},
              {"akta_number", Nullable(e.akta_number)},
              {"declared_by", e.declared_by},
              {"declared_at", e.declared_at},
              {"decided_by", Nullable(e.decided_by)},
              {"decided_at", Nullable(e.decided_at)},
              {"reason", Nullable(e.reason)}};
}

Result<int64_t> EventId(RequestContext& ctx) {
  return WholeNumber("id", ctx.req.params.at("id"), 1, INT64_MAX, "must be a positive whole number");
}

// The NIKs an event names: the child (once registered) and the parents.
void Subjects(RequestContext& ctx, const CivilEventRecord& e) {
  if (!e.subject_nik.empty()) ctx.subjects.push_back(e.subject_nik);
  Json data = Json::parse(e.data, nullptr, false);
  if (data.is_discarded()) return;
  for (const char* parent : {"ibu", "ayah"}) {
    const std::string v = data.value(parent, "");
    if (!v.empty()) ctx.subjects.push_back(v);
  }
}

Result<std::optional<Nik>> OptionalNik(RequestContext& ctx, const Json& body, const std::string& field) {
  SIAK_ASSIGN_OR_RETURN(std::optional<std::string> text, StringField(body, field, false));
  if (!text || text->empty()) return std::optional<Nik>();
  SIAK_ASSIGN_OR_RETURN(Nik nik, Nik::Parse(*text, ctx.svc.districts, field));
  return std::optional<Nik>(nik);
}

Result<BirthDeclaration> BirthBody(RequestContext& ctx, const Json& body) {
  SIAK_ASSIGN_OR_RETURN(std::optional<std::string> kk_text, StringField(body, "kk_number", true));
  SIAK_ASSIGN_OR_RETURN(KkNumber kk, KkNumber::Parse(*kk_text, ctx.svc.districts, "kk_number"));
  SIAK_ASSIGN_OR_RETURN(std::optional<int64_t> sex_number, IntField(body, "jenis_kelamin", true));
  SIAK_ASSIGN_OR_RETURN(JenisKelamin sex, CodeFromNumber<JenisKelamin>(static_cast<int>(*sex_number), "jenis_kelamin"));
  SIAK_ASSIGN_OR_RETURN(std::optional<std::string> born_text, StringField(body, "tanggal_lahir", true));
  SIAK_ASSIGN_OR_RETURN(Date born, Date::Parse(*born_text, "tanggal_lahir"));
  SIAK_ASSIGN_OR_RETURN(std::optional<Nik> ibu, OptionalNik(ctx, body, "ibu"));
  SIAK_ASSIGN_OR_RETURN(std::optional<Nik> ayah, OptionalNik(ctx, body, "ayah"));
  std::vector<std::string> saksi;
  auto it = body.find("saksi");
  if (it == body.end() || !it->is_array()) return Status::Invalid("saksi", "", "is required: the two witnesses' names");
  for (const auto& s : *it) {
    if (!s.is_string()) return Status::Invalid("saksi", s.dump(), "witnesses are names (strings)");
    saksi.push_back(s.get<std::string>());
  }
  auto text = [&](const char* name, bool required) -> Result<std::string> {
    SIAK_ASSIGN_OR_RETURN(std::optional<std::string> v, StringField(body, name, required));
    return v.value_or("");
  };
  SIAK_ASSIGN_OR_RETURN(std::string nama, text("nama", true));
  SIAK_ASSIGN_OR_RETURN(std::string waktu, text("waktu_lahir", true));
  SIAK_ASSIGN_OR_RETURN(std::string tempat, text("tempat_lahir", true));
  SIAK_ASSIGN_OR_RETURN(std::string dilahirkan, text("tempat_dilahirkan", true));
  SIAK_ASSIGN_OR_RETURN(std::string penolong, text("penolong", true));
  SIAK_ASSIGN_OR_RETURN(std::string nama_ibu, text("nama_ibu", false));
  SIAK_ASSIGN_OR_RETURN(std::string nama_ayah, text("nama_ayah", false));
  SIAK_ASSIGN_OR_RETURN(std::string late, text("late_decision", false));
  return BirthDeclaration{.kk = kk,
                          .nama = nama,
                          .jenis_kelamin = sex,
                          .tanggal_lahir = born,
                          .waktu_lahir = waktu,
                          .tempat_lahir = tempat,
                          .tempat_dilahirkan = dilahirkan,
                          .penolong = penolong,
                          .ibu = ibu,
                          .ayah = ayah,
                          .nama_ibu = nama_ibu,
                          .nama_ayah = nama_ayah,
                          .saksi = saksi,
                          .late_decision = late};
}

}  // namespace

HttpResponse DeclareBirth(RequestContext& ctx) {
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto birth = BirthBody(ctx, *body);
  if (!birth.ok()) return ErrorResponse(birth.status());
  ctx.subjects.push_back(birth->kk.ToString());
  auto e = ctx.svc.civil->DeclareBirth(*ctx.principal, *birth);
  if (!e.ok()) return ErrorResponse(e.status());
  Subjects(ctx, *e);
  HttpResponse r = JsonResponse(201, EventJson(*e).dump());
  r.SetHeader("Location", "/api/v1/civil/events/" + std::to_string(e->id));
  return r;
}

HttpResponse GetCivilEvent(RequestContext& ctx) {
  auto id = EventId(ctx);
  if (!id.ok()) return ErrorResponse(id.status());
  auto e = ctx.svc.civil->Get(*ctx.principal, *id);
  if (!e.ok()) return ErrorResponse(e.status());
  Subjects(ctx, *e);
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

HttpResponse RegisterCivilEvent(RequestContext& ctx) {
  auto id = EventId(ctx);
  if (!id.ok()) return ErrorResponse(id.status());
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
  auto e = ctx.svc.civil->Reject(*ctx.principal, *id, **reason);
  if (!e.ok()) return ErrorResponse(e.status());
  Subjects(ctx, *e);
  return JsonResponse(200, EventJson(*e).dump());
}

}  // namespace siak::api
