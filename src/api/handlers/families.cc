// Families (KK): create with a head, read, add and remove members, change head, split, reissue.
#include "api/handlers/handlers.h"
#include "api/json_io.h"
#include "api/person_json.h"
#include "api/pipeline.h"

namespace siak::api {
namespace {

Result<KkNumber> KkParam(RequestContext& ctx) {
  return KkNumber::Parse(ctx.req.params.at("kk"), ctx.svc.districts, "kk_number");
}

Result<Nik> NikField(RequestContext& ctx, const Json& obj, const std::string& name) {
  SIAK_ASSIGN_OR_RETURN(std::optional<std::string> text, StringField(obj, name, true));
  return Nik::Parse(*text, ctx.svc.districts, name);
}

Result<Shdk> ShdkField(const Json& obj, const std::string& name) {
  SIAK_ASSIGN_OR_RETURN(std::optional<int64_t> n, IntField(obj, name, true));
  return CodeFromNumber<Shdk>(static_cast<int>(*n), name);
}

// [{"nik": "...", "shdk": 1}, ...]
Result<std::vector<FamilyMember>> MembersField(RequestContext& ctx, const Json& body, const std::string& name) {
  if (!body.contains(name)) return Status::Invalid(name, "", "is required");
  const Json& list = body[name];
  if (!list.is_array()) return Status::Invalid(name, "", "must be a JSON array").WithLocation("json");
  std::vector<FamilyMember> members;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = name + "[" + std::to_string(i) + "]";
    if (!list[i].is_object()) return Status::Invalid(prefix, "", "must be an object").WithLocation("json");
    auto nik = NikField(ctx, list[i], "nik");
    if (!nik.ok()) return nik.status().WithFieldPrefix(prefix);
    auto shdk = ShdkField(list[i], "shdk");
    if (!shdk.ok()) return shdk.status().WithFieldPrefix(prefix);
    members.push_back({*nik, *shdk});
  }
  return members;
}

HttpResponse FamilyResponse(int status, const Family& f, RequestContext& ctx) {
  ctx.subjects.push_back(f.kk_number.ToString());
  for (const auto& m : f.members) ctx.subjects.push_back(m.nik.ToString());
  HttpResponse r = JsonResponse(status, FamilyToJson(f, ctx.svc.regions).dump());
  if (status == 201) r.SetHeader("Location", "/api/v1/families/" + f.kk_number.ToString());
  return r;
}

}  // namespace

HttpResponse CreateFamily(RequestContext& ctx) {
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto wilayah_text = StringField(*body, "wilayah", true);
  if (!wilayah_text.ok()) return ErrorResponse(wilayah_text.status());
  auto wilayah = RegionCode::Parse(**wilayah_text, "wilayah");
  if (!wilayah.ok()) return ErrorResponse(wilayah.status());
  if (wilayah->level() != RegionLevel::kVillage) {
    return ErrorResponse(Status::Invalid("wilayah", **wilayah_text, "must be a desa/kelurahan code"));
  }
  auto alamat = StringField(*body, "alamat", true);
  if (!alamat.ok()) return ErrorResponse(alamat.status());
  auto rt = IntField(*body, "rt", true);
  if (!rt.ok()) return ErrorResponse(rt.status());
  auto rw = IntField(*body, "rw", true);
  if (!rw.ok()) return ErrorResponse(rw.status());
  auto members = MembersField(ctx, *body, "members");
  if (!members.ok()) return ErrorResponse(members.status());
  for (const auto& m : *members) ctx.subjects.push_back(m.nik.ToString());
  FamilyDraft draft{*wilayah, **alamat, static_cast<int>(**rt), static_cast<int>(**rw), *members};
  auto family = ctx.svc.reg.CreateFamily(*ctx.principal, draft);
  if (!family.ok()) return ErrorResponse(family.status());
  return FamilyResponse(201, *family, ctx);
}

HttpResponse GetFamily(RequestContext& ctx) {
  auto kk = KkParam(ctx);
  if (!kk.ok()) return ErrorResponse(kk.status());
  ctx.subjects.push_back(kk->ToString());
  auto family = ctx.svc.reg.GetFamily(*ctx.principal, *kk);
  if (!family.ok()) return ErrorResponse(family.status());
  return FamilyResponse(200, *family, ctx);
}

HttpResponse AddFamilyMember(RequestContext& ctx) {
  auto kk = KkParam(ctx);
  if (!kk.ok()) return ErrorResponse(kk.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto nik = NikField(ctx, *body, "nik");
  if (!nik.ok()) return ErrorResponse(nik.status());
  auto shdk = ShdkField(*body, "shdk");
  if (!shdk.ok()) return ErrorResponse(shdk.status());
  ctx.subjects.push_back(nik->ToString());
  auto family = ctx.svc.reg.AddMember(*ctx.principal, *kk, *nik, *shdk);
  if (!family.ok()) return ErrorResponse(family.status());
  return FamilyResponse(200, *family, ctx);
}

HttpResponse RemoveFamilyMember(RequestContext& ctx) {
  auto kk = KkParam(ctx);
  if (!kk.ok()) return ErrorResponse(kk.status());
  auto nik = Nik::Parse(ctx.req.params.at("nik"), ctx.svc.districts, "nik");
  if (!nik.ok()) return ErrorResponse(nik.status());
  ctx.subjects.push_back(nik->ToString());
  auto family = ctx.svc.reg.RemoveMember(*ctx.principal, *kk, *nik);
  if (!family.ok()) return ErrorResponse(family.status());
  return FamilyResponse(200, *family, ctx);
}

HttpResponse ChangeFamilyHead(RequestContext& ctx) {
  auto kk = KkParam(ctx);
  if (!kk.ok()) return ErrorResponse(kk.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto nik = NikField(ctx, *body, "new_head");
  if (!nik.ok()) return ErrorResponse(nik.status());
  auto shdk = ShdkField(*body, "old_head_shdk");
  if (!shdk.ok()) return ErrorResponse(shdk.status());
  ctx.subjects.push_back(kk->ToString());
  auto family = ctx.svc.reg.ChangeHead(*ctx.principal, *kk, *nik, *shdk);
  if (!family.ok()) return ErrorResponse(family.status());
  return FamilyResponse(201, *family, ctx);
}

HttpResponse SplitFamily(RequestContext& ctx) {
  auto kk = KkParam(ctx);
  if (!kk.ok()) return ErrorResponse(kk.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto leaving = MembersField(ctx, *body, "leaving");
  if (!leaving.ok()) return ErrorResponse(leaving.status());
  std::optional<Nik> staying_head;
  if (body->contains("staying_head")) {
    auto nik = NikField(ctx, *body, "staying_head");
    if (!nik.ok()) return ErrorResponse(nik.status());
    staying_head = *nik;
  }
  ctx.subjects.push_back(kk->ToString());
  auto result = ctx.svc.reg.Split(*ctx.principal, *kk, *leaving, staying_head);
  if (!result.ok()) return ErrorResponse(result.status());
  FamilyResponse(200, result->remaining, ctx);
  FamilyResponse(200, result->split_off, ctx);
  return JsonResponse(201, Json{{"remaining", FamilyToJson(result->remaining, ctx.svc.regions)},
                                {"split_off", FamilyToJson(result->split_off, ctx.svc.regions)}}
                               .dump());
}

HttpResponse ReissueFamily(RequestContext& ctx) {
  auto kk = KkParam(ctx);
  if (!kk.ok()) return ErrorResponse(kk.status());
  ctx.subjects.push_back(kk->ToString());
  auto family = ctx.svc.reg.Reissue(*ctx.principal, *kk);
  if (!family.ok()) return ErrorResponse(family.status());
  return FamilyResponse(200, *family, ctx);
}

HttpResponse CreateMove(RequestContext& ctx) {
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  if (!body->contains("movers") || !(*body)["movers"].is_array()) {
    return ErrorResponse(Status::Invalid("movers", "", "must be a JSON array of NIKs").WithLocation("json"));
  }
  MoveRequest req{{}, *RegionCode::Parse("11"), "", 0, 0, std::nullopt, std::nullopt, ""};
  const Json& movers = (*body)["movers"];
  for (size_t i = 0; i < movers.size(); ++i) {
    const std::string field = "movers[" + std::to_string(i) + "]";
    if (!movers[i].is_string()) return ErrorResponse(Status::Invalid(field, "", "must be a NIK string").WithLocation("json"));
    auto nik = Nik::Parse(movers[i].get<std::string>(), ctx.svc.districts, field);
    if (!nik.ok()) return ErrorResponse(nik.status());
    req.movers.push_back(*nik);
    ctx.subjects.push_back(nik->ToString());
  }
  auto dest = StringField(*body, "destination", true);
  if (!dest.ok()) return ErrorResponse(dest.status());
  auto code = RegionCode::Parse(**dest, "destination");
  if (!code.ok()) return ErrorResponse(code.status());
  req.destination = *code;
  auto alamat = StringField(*body, "alamat", !body->contains("join_kk"));
  if (!alamat.ok()) return ErrorResponse(alamat.status());
  req.alamat = alamat->value_or("");
  auto rt = IntField(*body, "rt", !body->contains("join_kk"));
  if (!rt.ok()) return ErrorResponse(rt.status());
  auto rw = IntField(*body, "rw", !body->contains("join_kk"));
  if (!rw.ok()) return ErrorResponse(rw.status());
  req.rt = static_cast<int>(rt->value_or(1));
  req.rw = static_cast<int>(rw->value_or(1));
  if (body->contains("join_kk")) {
    auto kk_text = StringField(*body, "join_kk", true);
    if (!kk_text.ok()) return ErrorResponse(kk_text.status());
    auto kk = KkNumber::Parse(**kk_text, ctx.svc.districts, "join_kk");
    if (!kk.ok()) return ErrorResponse(kk.status());
    req.join_kk = *kk;
  }
  if (body->contains("staying_head")) {
    auto nik = NikField(ctx, *body, "staying_head");
    if (!nik.ok()) return ErrorResponse(nik.status());
    req.staying_head = *nik;
  }
  auto reason = StringField(*body, "reason", false);
  if (!reason.ok()) return ErrorResponse(reason.status());
  req.reason = reason->value_or("");
  auto result = ctx.svc.reg.Move(*ctx.principal, req);
  if (!result.ok()) return ErrorResponse(result.status());
  Json reprint = Json::array();
  for (const auto& n : result->reprint) reprint.push_back(n.ToString());
  Json j{{"movers", (*body)["movers"]},
         {"destination", req.destination.ToString()},
         {"skpwni", result->skpwni.empty() ? Json(nullptr) : Json(result->skpwni)},
         {"destination_kk", result->destination_kk.ToString()},
         {"origin_kk", result->origin_kk ? Json(result->origin_kk->ToString()) : Json(nullptr)},
         {"ektp_reprint", reprint}};
  ctx.subjects.push_back(result->destination_kk.ToString());
  return JsonResponse(201, j.dump());
}

}  // namespace siak::api
