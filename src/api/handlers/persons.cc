// Persons: create or import, read, update dynamic fields, correct static fields, history, search.
#include "api/handlers/handlers.h"
#include "api/json_io.h"
#include "api/person_json.h"
#include "api/pipeline.h"
#include "api/problem.h"
#include "app/register_events.h"
#include "common/text.h"

namespace siak::api {
namespace {

Result<Nik> NikParam(RequestContext& ctx) {
  return Nik::Parse(ctx.req.params.at("nik"), ctx.svc.districts, "nik");
}

HttpResponse PersonResponse(int status, const StoredPerson& p, RequestContext& ctx) {
  HttpResponse r = JsonResponse(status, PersonJsonText(p, ctx.svc.regions));
  r.SetHeader("ETag", PersonETag(p.version));
  return r;
}

// A person built from the request, around a given NIK, with defaults for optional fields.
Result<Person> BuildPerson(const Json& body, const Nik& nik, const Date& birth, JenisKelamin sex,
                           const RegionCode& wilayah) {
  Person p{.nik = nik, .kk_number = std::nullopt, .nama = "", .tempat_lahir = "", .tanggal_lahir = birth,
           .tanggal_lahir_presisi = BirthDatePrecision::kExact, .jenis_kelamin = sex,
           .golongan_darah = GolonganDarah::kTidakTahu, .agama = Agama::kIslam,
           .status_perkawinan = StatusPerkawinan::kBelumKawin,
           .perkawinan_tercatat = PencatatanPerkawinan::kTidakBerlaku, .pendidikan = Pendidikan::kTidakBelumSekolah,
           .pekerjaan = Pekerjaan::kBelumTidakBekerja, .kewarganegaraan = Kewarganegaraan::kWni, .kitap = false,
           .penyandang_cacat = std::nullopt, .status_dasar = StatusDasar::kHidup, .nama_ayah = "", .nama_ibu = "",
           .wilayah = wilayah, .alamat = "", .rt = 0, .rw = 0, .ektp_status = EktpStatus::kBelumWajib};
  SIAK_RETURN_IF_ERROR(ApplyPersonFields(body, &p, /*create=*/true));
  return p;
}

}  // namespace

HttpResponse CreatePerson(RequestContext& ctx) {
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  // What the NIK depends on: birth date, sex, and the kecamatan of first registration.
  auto born_text = StringField(*body, "tanggal_lahir", true);
  if (!born_text.ok()) return ErrorResponse(born_text.status());
  auto born = Date::Parse(**born_text, "tanggal_lahir");
  if (!born.ok()) return ErrorResponse(born.status());
  auto sex_number = IntField(*body, "jenis_kelamin", true);
  if (!sex_number.ok()) return ErrorResponse(sex_number.status());
  auto sex = CodeFromNumber<JenisKelamin>(static_cast<int>(**sex_number), "jenis_kelamin");
  if (!sex.ok()) return ErrorResponse(sex.status());
  auto wilayah_text = StringField(*body, "wilayah", true);
  if (!wilayah_text.ok()) return ErrorResponse(wilayah_text.status());
  auto wilayah = RegionCode::Parse(**wilayah_text, "wilayah");
  if (!wilayah.ok()) return ErrorResponse(wilayah.status());
  if (wilayah->level() != RegionLevel::kVillage || !ctx.svc.regions.Get(wilayah->digits())) {
    return ErrorResponse(Status::Invalid("wilayah", **wilayah_text, "must be a desa/kelurahan in the region data"));
  }

  auto nik_text = StringField(*body, "nik", false);
  if (!nik_text.ok()) return ErrorResponse(nik_text.status());
  const bool imported = nik_text->has_value();
  std::optional<Nik> nik;
  if (imported) {
    auto parsed = Nik::Parse(**nik_text, ctx.svc.districts, "nik");
    if (!parsed.ok()) return ErrorResponse(parsed.status());
    nik = *parsed;
  } else {
    RegionCode district = wilayah->Parent();
    auto district_text = StringField(*body, "nik_district", false);
    if (!district_text.ok()) return ErrorResponse(district_text.status());
    if (*district_text) {
      auto d = RegionCode::Parse(**district_text, "nik_district");
      if (!d.ok()) return ErrorResponse(d.status());
      if (d->level() != RegionLevel::kDistrict) {
        return ErrorResponse(Status::Invalid("nik_district", **district_text, "must be a kecamatan code PP.RR.DD"));
      }
      district = *d;
    }
    auto issued = ctx.svc.reg.NextNik(district, *born, *sex);
    if (!issued.ok()) return ErrorResponse(issued.status());
    nik = *issued;
  }
  auto person = BuildPerson(*body, *nik, *born, *sex, *wilayah);
  if (!person.ok()) return ErrorResponse(person.status());
  std::vector<NikWarning> warnings;
  auto stored = ctx.svc.reg.RegisterPerson(*ctx.principal, *person, imported, &warnings);
  if (!stored.ok()) return ErrorResponse(stored.status());
  ctx.subjects.push_back(nik->ToString());
  Json j = PersonToJson(*stored, ctx.svc.regions);
  if (!warnings.empty()) {
    Json w = Json::array();
    for (const auto& warning : warnings) w.push_back({{"field", warning.field}, {"message", warning.message}});
    j["warnings"] = w;
  }
  HttpResponse r = JsonResponse(201, j.dump());
  r.SetHeader("Location", "/api/v1/persons/" + nik->ToString());
  r.SetHeader("ETag", PersonETag(stored->version));
  return r;
}

HttpResponse GetPerson(RequestContext& ctx) {
  auto nik = NikParam(ctx);
  if (!nik.ok()) return ErrorResponse(nik.status());
  ctx.subjects.push_back(nik->ToString());
  auto p = ctx.svc.reg.GetPerson(*ctx.principal, *nik);
  if (!p.ok()) return ErrorResponse(p.status());
  return PersonResponse(200, *p, ctx);
}

namespace {

// Update and correction share the shape: If-Match, then fields applied to the current record.
HttpResponse ChangePerson(RequestContext& ctx, bool correction) {
  auto nik = NikParam(ctx);
  if (!nik.ok()) return ErrorResponse(nik.status());
  ctx.subjects.push_back(nik->ToString());
  const std::string if_match = ctx.req.Header("If-Match");
  if (if_match.empty()) return Problem(428, "precondition_required", "If-Match", "send If-Match with the ETag you read");
  auto version = VersionFromIfMatch(if_match);
  if (!version.ok()) return ErrorResponse(version.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto current = ctx.svc.reg.GetPerson(*ctx.principal, *nik);
  if (!current.ok()) return ErrorResponse(current.status());
  Person changed = current->person;
  Json fields = *body;
  std::string reason, document;
  if (correction) {
    auto r = StringField(*body, "reason", true);
    if (!r.ok()) return ErrorResponse(r.status());
    auto d = StringField(*body, "document", true);
    if (!d.ok()) return ErrorResponse(d.status());
    reason = **r;
    document = **d;
    fields.erase("reason");
    fields.erase("document");
  }
  if (Status st = ApplyPersonFields(fields, &changed, false); !st.ok()) return ErrorResponse(st);
  auto saved = correction ? ctx.svc.reg.CorrectPerson(*ctx.principal, changed, *version, reason, document)
                          : ctx.svc.reg.UpdatePerson(*ctx.principal, changed, *version);
  if (!saved.ok()) return ErrorResponse(saved.status());
  return PersonResponse(200, *saved, ctx);
}

}  // namespace

HttpResponse UpdatePerson(RequestContext& ctx) { return ChangePerson(ctx, false); }
HttpResponse CorrectPerson(RequestContext& ctx) { return ChangePerson(ctx, true); }

HttpResponse PersonHistory(RequestContext& ctx) {
  auto nik = NikParam(ctx);
  if (!nik.ok()) return ErrorResponse(nik.status());
  ctx.subjects.push_back(nik->ToString());
  auto events = ctx.svc.reg.History(*ctx.principal, *nik);
  if (!events.ok()) return ErrorResponse(events.status());
  Json items = Json::array();
  for (const auto& e : *events) {
    Json payload = Json::parse(e.payload, nullptr, false);
    items.push_back({{"seq", e.seq}, {"at", e.at}, {"type", e.type}, {"event", std::string(EventTypeName(e.type))},
                     {"actor", e.actor}, {"data", payload.is_discarded() ? Json(e.payload) : payload}});
  }
  return JsonResponse(200, Json{{"nik", nik->ToString()}, {"events", items}}.dump());
}

HttpResponse SearchPersons(RequestContext& ctx) {
  SearchQuery q;
  q.text = ctx.req.Query("q");
  if (ctx.req.HasQuery("birth_date")) {
    auto d = Date::Parse(ctx.req.Query("birth_date"), "birth_date");
    if (!d.ok()) return ErrorResponse(d.status());
    q.birth_date = *d;
  }
  if (ctx.req.HasQuery("region")) {
    auto code = RegionCode::Parse(ctx.req.Query("region"), "region");
    if (!code.ok()) return ErrorResponse(code.status());
    q.region_prefix = code->digits();
  }
  q.cursor = ctx.req.Query("cursor");
  if (!q.cursor.empty() && !(q.cursor.size() == 16 && IsAllDigits(q.cursor))) {
    return ErrorResponse(Status::Invalid("cursor", q.cursor, "must be the next_cursor of the previous page"));
  }
  if (ctx.req.HasQuery("limit")) {
    const std::string l = ctx.req.Query("limit");
    if (!IsAllDigits(l) || l.size() > 3) return ErrorResponse(Status::Invalid("limit", l, "must be a number 1-100"));
    q.limit = std::stoi(l);
  }
  auto page = ctx.svc.reg.Search(*ctx.principal, q);
  if (!page.ok()) return ErrorResponse(page.status());
  Json items = Json::array();
  for (const auto& p : page->persons) {
    ctx.subjects.push_back(p.person.nik.ToString());
    items.push_back(PersonToJson(p, ctx.svc.regions));
  }
  return JsonResponse(200, Json{{"items", items},
                                {"next_cursor", page->next_cursor.empty() ? Json(nullptr) : Json(page->next_cursor)}}
                               .dump());
}

}  // namespace siak::api
