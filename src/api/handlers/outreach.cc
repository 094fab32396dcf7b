// Jemput bola (docs/outreach.md): who is missing, village priority and region flags, mobile
// teams, plans (PDF), visits with their invitations and outcomes, register tasks, the message
// outbox, recording targets and their projection. Lists of persons are audited with every NIK
// they return; counts, rankings and projections carry no personal data.
#include <cstdint>
#include <set>

#include "api/handlers/handlers.h"
#include "api/json_io.h"
#include "api/pipeline.h"
#include "api/problem.h"
#include "app/outreach_service.h"

namespace siak::api {
namespace {

OutreachService& Svc(RequestContext& ctx) { return *ctx.svc.outreach; }

std::string Query(RequestContext& ctx, const char* name, const std::string& fallback = "") {
  return ctx.req.HasQuery(name) ? ctx.req.Query(name) : fallback;
}

Result<int> Limit(RequestContext& ctx, int fallback = 100) {
  if (!ctx.req.HasQuery("limit")) return fallback;
  SIAK_ASSIGN_OR_RETURN(int64_t l, WholeNumber("limit", ctx.req.Query("limit"), 1, 1000, "must be 1..1000"));
  return static_cast<int>(l);
}

Result<int64_t> PathId(RequestContext& ctx, const char* param, const char* field) {
  return WholeNumber(field, ctx.req.params.at(param), 1, INT64_MAX, "must be a positive whole number");
}

// Refuses fields the request does not know, by name.
Status OnlyFields(const Json& body, std::initializer_list<const char*> known) {
  for (const auto& [k, v] : body.items()) {
    bool ok = false;
    for (const char* n : known) ok = ok || k == n;
    if (!ok) return Status::Invalid(k, "", "is not a field of this request");
  }
  return Status::Ok();
}

Result<std::vector<std::string>> StringList(const Json& body, const char* name, bool required) {
  std::vector<std::string> out;
  if (!body.contains(name) || body[name].is_null()) {
    if (required) return Status::Invalid(name, "", "is required");
    return out;
  }
  if (!body[name].is_array()) return Status::Invalid(name, "", "must be an array of strings").WithLocation("json");
  for (size_t i = 0; i < body[name].size(); ++i) {
    if (!body[name][i].is_string()) {
      return Status::Invalid(std::string(name) + "[" + std::to_string(i) + "]", "", "must be a string").WithLocation("json");
    }
    out.push_back(body[name][i].get<std::string>());
  }
  return out;
}

Json PersonJson(const MissingPerson& p) {
  return Json{{"nik", p.nik},
              {"nama", p.nama},
              {"tanggal_lahir", p.tanggal_lahir},
              {"jenis_kelamin", p.jenis_kelamin},
              {"kk_number", Nullable(p.kk_number)},
              {"region_code", p.region_code},
              {"alamat", p.alamat},
              {"rt", p.rt},
              {"rw", p.rw},
              {"ektp_status", std::string(EktpStatusName(static_cast<EktpStatus>(p.ektp_status)))}};
}

Json PersonList(RequestContext& ctx, const std::vector<MissingPerson>& persons) {
  Json list = Json::array();
  for (const auto& p : persons) {
    ctx.subjects.push_back(p.nik);
    list.push_back(PersonJson(p));
  }
  return list;
}

Json TeamJson(const TeamRecord& t) {
  return Json{{"id", t.id},
              {"name", t.name},
              {"region_code", t.region_code},
              {"home_district", t.home_district},
              {"members", Json::parse(t.members, nullptr, false)},
              {"devices", Json::parse(t.devices, nullptr, false)},
              {"capacity_per_day", t.capacity_per_day},
              {"working_days", t.working_days},
              {"active", t.active},
              {"created_by", t.created_by},
              {"created_at", t.created_at}};
}

Json VisitJson(const VisitRecord& v) {
  return Json{{"id", v.id},           {"plan_id", v.plan_id}, {"team_id", v.team_id},
              {"day", v.day},         {"village_code", v.village_code}, {"planned", v.planned},
              {"reasons", v.reasons}, {"state", v.state}};
}

Json PlanJson(const PlanRecord& p) {
  Json summary = Json::parse(p.summary, nullptr, false);
  return Json{{"id", p.id},
              {"region_code", p.region_code},
              {"starts_on", p.starts_on},
              {"ends_on", p.ends_on},
              {"state", p.state},
              {"replaces", p.replaces == 0 ? Json(nullptr) : Json(p.replaces)},
              {"summary", summary.is_discarded() ? Json(nullptr) : summary},
              {"created_by", p.created_by},
              {"created_at", p.created_at}};
}

Json OutcomeJson(const OutcomeRecord& o) {
  return Json{{"visit_id", o.visit_id},       {"nik", o.nik},   {"region_code", o.region_code},
              {"outcome", o.outcome},         {"recording_id", Nullable(o.recording_id)},
              {"note", Nullable(o.note)},     {"recorded_by", o.recorded_by}, {"recorded_at", o.recorded_at}};
}

Json TaskJson(const TaskRecord& t) {
  return Json{{"id", t.id},
              {"kind", t.kind},
              {"nik", t.nik},
              {"region_code", t.region_code},
              {"visit_id", t.visit_id},
              {"note", Nullable(t.note)},
              {"state", t.state},
              {"created_by", t.created_by},
              {"created_at", t.created_at},
              {"closed_by", Nullable(t.closed_by)},
              {"closed_at", Nullable(t.closed_at)},
              {"resolution", Nullable(t.resolution)}};
}

Json FlagJson(const RegionFlagRecord& f) {
  auto kind = PriorityFlagFromName(f.flag);
  return Json{{"region_code", f.region_code},
              {"flag", f.flag},
              {"label", kind.ok() ? std::string(PriorityFlagLabel(*kind)) : f.flag},
              {"source", f.source},
              {"note", Nullable(f.note)},
              {"set_by", f.set_by},
              {"set_at", f.set_at}};
}

Json OptDate(const std::optional<Date>& d) { return d ? Json(d->ToString()) : Json(nullptr); }

Result<PriorityWeights> WeightsFrom(RequestContext& ctx) {
  PriorityWeights w;
  struct Knob {
    const char* name;
    double* value;
  };
  for (Knob k : {Knob{"w_pulau_terluar", &w.pulau_terluar}, Knob{"w_perbatasan", &w.perbatasan},
                 Knob{"w_tertinggal", &w.tertinggal}, Knob{"w_low_rate", &w.low_rate}, Knob{"w_waiting", &w.waiting}}) {
    if (!ctx.req.HasQuery(k.name)) continue;
    SIAK_ASSIGN_OR_RETURN(int64_t tenths, WholeNumber(k.name, ctx.req.Query(k.name), 0, 100,
                                                      "must be a whole number 0..100 (tenths: 25 = 2.5)"));
    *k.value = static_cast<double>(tenths) / 10.0;
  }
  return w;
}

}  // namespace

// ---- who is missing -------------------------------------------------------------------------

HttpResponse UnrecordedCounts(RequestContext& ctx) {
  auto counts = Svc(ctx).UnrecordedCounts(*ctx.principal, Query(ctx, "region"));
  if (!counts.ok()) return ErrorResponse(counts.status());
  // By village, with the RT/RW break-down inside.
  Json villages = Json::array();
  int64_t total = 0, waiting = 0;
  for (const auto& c : *counts) {
    if (villages.empty() || villages.back()["region_code"] != c.region_code) {
      villages.push_back(Json{{"region_code", c.region_code}, {"persons", 0}, {"waiting_over_year", 0},
                              {"rt_rw", Json::array()}});
    }
    Json& v = villages.back();
    v["persons"] = v["persons"].get<int64_t>() + c.persons;
    v["waiting_over_year"] = v["waiting_over_year"].get<int64_t>() + c.waiting_over_year;
    v["rt_rw"].push_back(Json{{"rw", c.rw}, {"rt", c.rt}, {"persons", c.persons}});
    total += c.persons;
    waiting += c.waiting_over_year;
  }
  for (auto& v : villages) {
    const std::string code = v["region_code"];
    v["name"] = ctx.svc.regions.Get(code) ? ctx.svc.regions.Get(code)->name : "";
  }
  return JsonResponse(200, Json{{"total", total}, {"waiting_over_year", waiting}, {"villages", villages}}.dump());
}

HttpResponse ListUnrecorded(RequestContext& ctx) {
  auto limit = Limit(ctx);
  if (!limit.ok()) return ErrorResponse(limit.status());
  std::optional<OutreachStore::Cursor> after;
  if (ctx.req.HasQuery("after")) {
    // region_code.rw.rt.nik, as the previous page's next_after gave it.
    const std::string a = ctx.req.Query("after");
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t i = 0; i <= a.size(); ++i) {
      if (i == a.size() || a[i] == '.') {
        parts.push_back(a.substr(start, i - start));
        start = i + 1;
      }
    }
    auto bad = [&] { return ErrorResponse(Status::Invalid("after", a, "must be the next_after of the previous page")); };
    if (parts.size() != 4) return bad();
    auto rw = WholeNumber("after", parts[1], 0, 999, "");
    auto rt = WholeNumber("after", parts[2], 0, 999, "");
    if (!rw.ok() || !rt.ok()) return bad();
    after = OutreachStore::Cursor{parts[0], *rw, *rt, parts[3]};
  }
  auto persons = Svc(ctx).Unrecorded(*ctx.principal, Query(ctx, "region"), after, *limit);
  if (!persons.ok()) return ErrorResponse(persons.status());
  Json next = nullptr;
  if (static_cast<int>(persons->size()) == *limit) {
    const auto& l = persons->back();
    next = l.region_code + "." + std::to_string(l.rw) + "." + std::to_string(l.rt) + "." + l.nik;
  }
  return JsonResponse(200, Json{{"persons", PersonList(ctx, *persons)}, {"next_after", next}}.dump());
}

HttpResponse ListUpcomingWajib(RequestContext& ctx) {
  auto limit = Limit(ctx);
  if (!limit.ok()) return ErrorResponse(limit.status());
  if (!ctx.req.HasQuery("by")) return ErrorResponse(Status::Invalid("by", "", "is required: the date (YYYY-MM-DD)"));
  auto by = Date::Parse(ctx.req.Query("by"), "by");
  if (!by.ok()) return ErrorResponse(by.status());
  int64_t total = 0;
  auto persons = Svc(ctx).Upcoming(*ctx.principal, Query(ctx, "region"), *by, Query(ctx, "after"), *limit, &total);
  if (!persons.ok()) return ErrorResponse(persons.status());
  Json next = static_cast<int>(persons->size()) == *limit ? Json(persons->back().nik) : Json(nullptr);
  return JsonResponse(200, Json{{"by", by->ToString()}, {"total", total}, {"persons", PersonList(ctx, *persons)},
                                {"next_after", next}}
                               .dump());
}

HttpResponse ListWithoutCard(RequestContext& ctx) {
  auto limit = Limit(ctx);
  if (!limit.ok()) return ErrorResponse(limit.status());
  std::string after_region, after_nik;
  if (ctx.req.HasQuery("after")) {
    const std::string a = ctx.req.Query("after");
    const size_t dot = a.find('.');
    if (dot == std::string::npos) {
      return ErrorResponse(Status::Invalid("after", a, "must be the next_after of the previous page"));
    }
    after_region = a.substr(0, dot);
    after_nik = a.substr(dot + 1);
  }
  std::map<int, int64_t> totals;
  auto persons = Svc(ctx).WithoutCard(*ctx.principal, Query(ctx, "region"), after_region, after_nik, *limit, &totals);
  if (!persons.ok()) return ErrorResponse(persons.status());
  Json by_status = Json::object();
  int64_t total = 0;
  for (const auto& [status, n] : totals) {
    by_status[std::string(EktpStatusName(static_cast<EktpStatus>(status)))] = n;
    total += n;
  }
  Json next = static_cast<int>(persons->size()) == *limit
                  ? Json(persons->back().region_code + "." + persons->back().nik)
                  : Json(nullptr);
  return JsonResponse(200, Json{{"total", total}, {"by_status", by_status}, {"persons", PersonList(ctx, *persons)},
                                {"next_after", next}}
                               .dump());
}

// ---- priority and flags ---------------------------------------------------------------------

HttpResponse OutreachPriority(RequestContext& ctx) {
  auto weights = WeightsFrom(ctx);
  if (!weights.ok()) return ErrorResponse(weights.status());
  auto limit = Limit(ctx, 1000);
  if (!limit.ok()) return ErrorResponse(limit.status());
  auto ranked = Svc(ctx).Priority(*ctx.principal, Query(ctx, "region"), *weights);
  if (!ranked.ok()) return ErrorResponse(ranked.status());
  Json list = Json::array();
  int rank = 0;
  for (const auto& r : *ranked) {
    if (++rank > *limit) break;
    Json reasons = Json::array();
    for (const auto& why : r.priority.reasons) {
      reasons.push_back(Json{{"code", why.code}, {"text", why.text}, {"label", why.label}, {"weight", why.weight}});
    }
    list.push_back(Json{{"rank", rank},
                        {"village_code", r.priority.code},
                        {"name", r.name},
                        {"district_code", r.district_code},
                        {"district_name", r.district_name},
                        {"wajib_ktp", r.wajib_ktp},
                        {"recorded", r.recorded},
                        {"unrecorded", r.priority.unrecorded},
                        {"waiting_over_year", r.waiting_over_year},
                        {"recording_rate", r.priority.rate},
                        {"tier", r.priority.tier},
                        {"weight", r.priority.weight},
                        {"score", r.priority.score},
                        {"reasons", reasons}});
  }
  return JsonResponse(200, Json{{"villages", list}, {"total_villages", ranked->size()}}.dump());
}

HttpResponse ListRegionFlags(RequestContext& ctx) {
  auto flags = Svc(ctx).Flags(*ctx.principal, Query(ctx, "region"));
  if (!flags.ok()) return ErrorResponse(flags.status());
  Json list = Json::array();
  for (const auto& f : *flags) list.push_back(FlagJson(f));
  return JsonResponse(200, Json{{"flags", list}}.dump());
}

HttpResponse SetRegionFlag(RequestContext& ctx) {
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  if (Status s = OnlyFields(*body, {"region_code", "flag", "source", "note"}); !s.ok()) return ErrorResponse(s);
  auto region = StringField(*body, "region_code", true);
  auto flag = StringField(*body, "flag", true);
  auto source = StringField(*body, "source", true);
  auto note = StringField(*body, "note", false);
  for (const auto* r : {&region, &flag, &source, &note}) {
    if (!r->ok()) return ErrorResponse(r->status());
  }
  auto set = Svc(ctx).SetFlag(*ctx.principal, **region, **flag, **source, note->value_or(""));
  if (!set.ok()) return ErrorResponse(set.status());
  return JsonResponse(201, FlagJson(*set).dump());
}

HttpResponse DeleteRegionFlag(RequestContext& ctx) {
  Status st = Svc(ctx).RemoveFlag(*ctx.principal, ctx.req.params.at("region"), ctx.req.params.at("flag"));
  if (!st.ok()) return ErrorResponse(st);
  HttpResponse r;
  r.status = 204;
  return r;
}

HttpResponse ImportRegionFlags(RequestContext& ctx) {
  auto n = Svc(ctx).ImportFlags(*ctx.principal, ctx.req.body);
  if (!n.ok()) return ErrorResponse(n.status());
  return JsonResponse(200, Json{{"imported", *n}}.dump());
}

HttpResponse SeedIslandFlags(RequestContext& ctx) {
  auto seed = Svc(ctx).SeedIslandFlags(*ctx.principal);
  if (!seed.ok()) return ErrorResponse(seed.status());
  return JsonResponse(200,
                      Json{{"flagged", seed->flagged}, {"unmatched", seed->unmatched}, {"review", seed->review}}.dump());
}

// ---- teams and plans ------------------------------------------------------------------------

HttpResponse CreateTeam(RequestContext& ctx) {
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  if (Status s = OnlyFields(*body, {"name", "region_code", "home_district", "members", "devices", "capacity_per_day",
                                    "working_days"});
      !s.ok()) {
    return ErrorResponse(s);
  }
  TeamInput in;
  auto name = StringField(*body, "name", true);
  auto region = StringField(*body, "region_code", false);
  auto home = StringField(*body, "home_district", true);
  auto days = StringField(*body, "working_days", false);
  auto capacity = IntField(*body, "capacity_per_day", true);
  auto members = StringList(*body, "members", true);
  auto devices = StringList(*body, "devices", true);
  for (const auto* r : {&name, &region, &home, &days}) {
    if (!r->ok()) return ErrorResponse(r->status());
  }
  if (!capacity.ok()) return ErrorResponse(capacity.status());
  if (!members.ok()) return ErrorResponse(members.status());
  if (!devices.ok()) return ErrorResponse(devices.status());
  in.name = **name;
  in.region = region->value_or("");
  in.home_district = **home;
  std::string digits;
  for (char c : in.home_district) {
    if (c != '.') digits += c;
  }
  in.home_district = digits;
  in.members = *members;
  in.devices = *devices;
  in.capacity_per_day = **capacity;
  if (*days) in.working_days = **days;
  auto team = Svc(ctx).CreateTeam(*ctx.principal, in);
  if (!team.ok()) return ErrorResponse(team.status());
  return JsonResponse(201, TeamJson(*team).dump());
}

HttpResponse ListTeams(RequestContext& ctx) {
  auto teams = Svc(ctx).Teams(*ctx.principal, Query(ctx, "region"));
  if (!teams.ok()) return ErrorResponse(teams.status());
  Json list = Json::array();
  for (const auto& t : *teams) list.push_back(TeamJson(t));
  return JsonResponse(200, Json{{"teams", list}}.dump());
}

HttpResponse CreatePlan(RequestContext& ctx) {
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  if (Status s = OnlyFields(*body, {"region_code", "from", "to", "team_ids", "holidays", "max_villages_per_day"});
      !s.ok()) {
    return ErrorResponse(s);
  }
  PlanRequest req;
  auto region = StringField(*body, "region_code", true);
  auto from = StringField(*body, "from", true);
  auto to = StringField(*body, "to", true);
  auto per_day = IntField(*body, "max_villages_per_day", false);
  auto holidays = StringList(*body, "holidays", false);
  for (const auto* r : {&region, &from, &to}) {
    if (!r->ok()) return ErrorResponse(r->status());
  }
  if (!per_day.ok()) return ErrorResponse(per_day.status());
  if (!holidays.ok()) return ErrorResponse(holidays.status());
  req.region = **region;
  auto f = Date::Parse(**from, "from");
  if (!f.ok()) return ErrorResponse(f.status());
  auto t = Date::Parse(**to, "to");
  if (!t.ok()) return ErrorResponse(t.status());
  req.from = *f;
  req.to = *t;
  for (size_t i = 0; i < holidays->size(); ++i) {
    auto h = Date::Parse((*holidays)[i], "holidays[" + std::to_string(i) + "]");
    if (!h.ok()) return ErrorResponse(h.status());
    req.holidays.push_back(*h);
  }
  if (*per_day) {
    if (**per_day < 1 || **per_day > 50) {
      return ErrorResponse(Status::Invalid("max_villages_per_day", std::to_string(**per_day), "must be 1..50"));
    }
    req.max_villages_per_day = static_cast<int>(**per_day);
  }
  if (body->contains("team_ids") && !(*body)["team_ids"].is_null()) {
    if (!(*body)["team_ids"].is_array()) {
      return ErrorResponse(Status::Invalid("team_ids", "", "must be an array of team ids").WithLocation("json"));
    }
    for (size_t i = 0; i < (*body)["team_ids"].size(); ++i) {
      const Json& id = (*body)["team_ids"][i];
      if (!id.is_number_integer()) {
        return ErrorResponse(
            Status::Invalid("team_ids[" + std::to_string(i) + "]", "", "must be a team id").WithLocation("json"));
      }
      req.team_ids.push_back(id.get<int64_t>());
    }
  }
  auto view = Svc(ctx).MakePlan(*ctx.principal, req);
  if (!view.ok()) return ErrorResponse(view.status());
  Json visits = Json::array();
  for (const auto& v : view->visits) visits.push_back(VisitJson(v));
  Json teams = Json::array();
  for (const auto& tm : view->teams) teams.push_back(TeamJson(tm));
  Json out = PlanJson(view->plan);
  out["visits"] = visits;
  out["teams"] = teams;
  HttpResponse r = JsonResponse(201, out.dump());
  r.headers.emplace_back("Location", "/api/v1/outreach/plans/" + std::to_string(view->plan.id));
  return r;
}

HttpResponse ListPlans(RequestContext& ctx) {
  auto plans = Svc(ctx).Plans(*ctx.principal, Query(ctx, "region"));
  if (!plans.ok()) return ErrorResponse(plans.status());
  Json list = Json::array();
  for (const auto& p : *plans) list.push_back(PlanJson(p));
  return JsonResponse(200, Json{{"plans", list}}.dump());
}

HttpResponse GetPlan(RequestContext& ctx) {
  auto id = PathId(ctx, "id", "plan_id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto view = Svc(ctx).GetPlan(*ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.status());
  Json visits = Json::array();
  for (const auto& v : view->visits) visits.push_back(VisitJson(v));
  Json teams = Json::array();
  for (const auto& t : view->teams) teams.push_back(TeamJson(t));
  Json out = PlanJson(view->plan);
  out["visits"] = visits;
  out["teams"] = teams;
  return JsonResponse(200, out.dump());
}

HttpResponse GetPlanPdf(RequestContext& ctx) {
  auto id = PathId(ctx, "id", "plan_id");
  if (!id.ok()) return ErrorResponse(id.status());
  std::optional<int64_t> team;
  if (ctx.req.HasQuery("team")) {
    auto t = WholeNumber("team", ctx.req.Query("team"), 1, INT64_MAX, "must be a team id");
    if (!t.ok()) return ErrorResponse(t.status());
    team = *t;
  }
  auto pdf = Svc(ctx).PlanPdf(*ctx.principal, *id, team);
  if (!pdf.ok()) return ErrorResponse(pdf.status());
  return Binary(std::move(*pdf), "application/pdf",
                "rencana-" + std::to_string(*id) + (team ? "-tim-" + std::to_string(*team) : "") + ".pdf");
}

HttpResponse GetPlanProgress(RequestContext& ctx) {
  auto id = PathId(ctx, "id", "plan_id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto p = Svc(ctx).Progress(*ctx.principal, *id);
  if (!p.ok()) return ErrorResponse(p.status());
  auto rows = [](const std::vector<PlanProgress::Row>& rs, bool visit) {
    Json list = Json::array();
    for (const auto& r : rs) {
      Json j = {{"team_id", r.team_id}, {"day", r.day}, {"planned", r.planned}, {"outcomes", r.outcomes}};
      if (visit) {
        j["visit_id"] = r.visit_id;
        j["village_code"] = r.village_code;
      }
      list.push_back(std::move(j));
    }
    return list;
  };
  int64_t reached = 0;
  for (const auto& [k, n] : p->outcomes) reached += n;
  return JsonResponse(200, Json{{"plan_id", *id},
                                {"planned", p->planned},
                                {"outcomes", p->outcomes},
                                {"visited_persons", reached},
                                {"visits", rows(p->visits, true)},
                                {"team_days", rows(p->team_days, false)}}
                               .dump());
}

// ---- visits ---------------------------------------------------------------------------------

HttpResponse GetVisit(RequestContext& ctx) {
  auto id = PathId(ctx, "id", "visit_id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto view = Svc(ctx).GetVisit(*ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.status());
  Json out = VisitJson(view->visit);
  out["village_name"] = view->village_name;
  out["district_name"] = view->district_name;
  out["persons"] = PersonList(ctx, view->persons);
  Json outcomes = Json::array();
  for (const auto& o : view->outcomes) {
    ctx.subjects.push_back(o.nik);
    outcomes.push_back(OutcomeJson(o));
  }
  out["outcomes"] = outcomes;
  return JsonResponse(200, out.dump());
}

namespace {

Result<InvitationDetails> DetailsFrom(RequestContext& ctx) {
  InvitationDetails d;
  d.official_name = Query(ctx, "official_name");
  d.official_nip = Query(ctx, "official_nip");
  if (ctx.req.HasQuery("place")) d.place = ctx.req.Query("place");
  if (ctx.req.HasQuery("time")) d.visit_time = ctx.req.Query("time");
  if (ctx.req.HasQuery("contact")) d.contact = ctx.req.Query("contact");
  if (ctx.req.HasQuery("office_address")) d.office_address = ctx.req.Query("office_address");
  if (ctx.req.HasQuery("signed_place")) d.signed_place = ctx.req.Query("signed_place");
  if (ctx.req.HasQuery("channels")) {
    d.channels.clear();
    const std::string c = ctx.req.Query("channels");
    size_t start = 0;
    for (size_t i = 0; i <= c.size(); ++i) {
      if (i == c.size() || c[i] == ',') {
        if (i > start) d.channels.push_back(c.substr(start, i - start));
        start = i + 1;
      }
    }
  }
  return d;
}

}  // namespace

HttpResponse GetInvitationsPdf(RequestContext& ctx) {
  auto id = PathId(ctx, "id", "visit_id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto d = DetailsFrom(ctx);
  if (!d.ok()) return ErrorResponse(d.status());
  d->channels.clear();  // the letters only: messages are queued by the POST
  if (ctx.req.HasQuery("page")) {
    auto page = WholeNumber("page", ctx.req.Query("page"), 1, 100000, "must be a page number from 1");
    if (!page.ok()) return ErrorResponse(page.status());
    d->page = static_cast<int>(*page);
  }
  auto batch = Svc(ctx).Invite(*ctx.principal, *id, *d);
  if (!batch.ok()) return ErrorResponse(batch.status());
  for (auto& n : batch->niks) ctx.subjects.push_back(n);
  HttpResponse r = Binary(std::move(batch->pdf), "application/pdf",
                          "undangan-kunjungan-" + std::to_string(*id) + "-" + std::to_string(d->page) + ".pdf");
  r.SetHeader("X-Total-Pages", std::to_string(batch->pages));
  return r;
}

HttpResponse QueueInvitations(RequestContext& ctx) {
  auto id = PathId(ctx, "id", "visit_id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = ParseJsonBody(ctx.req.body.empty() ? "{}" : ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  if (Status s = OnlyFields(*body, {"official_name", "official_nip", "place", "time", "contact", "office_address",
                                    "signed_place", "channels"});
      !s.ok()) {
    return ErrorResponse(s);
  }
  InvitationDetails d;
  struct Text {
    const char* name;
    std::string* value;
  };
  for (Text t : {Text{"official_name", &d.official_name}, Text{"official_nip", &d.official_nip}, Text{"place", &d.place},
                 Text{"time", &d.visit_time}, Text{"contact", &d.contact}, Text{"office_address", &d.office_address},
                 Text{"signed_place", &d.signed_place}}) {
    auto v = StringField(*body, t.name, false);
    if (!v.ok()) return ErrorResponse(v.status());
    if (*v) *t.value = **v;
  }
  if (body->contains("channels")) {
    auto ch = StringList(*body, "channels", false);
    if (!ch.ok()) return ErrorResponse(ch.status());
    d.channels = *ch;
  }
  d.letters = false;  // the letters are the GET's, a document at a time
  auto batch = Svc(ctx).Invite(*ctx.principal, *id, d);
  if (!batch.ok()) return ErrorResponse(batch.status());
  for (auto& n : batch->niks) ctx.subjects.push_back(n);
  return JsonResponse(200, Json{{"visit_id", *id},
                                {"households", batch->households},
                                {"letter_documents", batch->pages},
                                {"persons", batch->persons},
                                {"messages_queued", batch->messages_queued},
                                {"letters", "/api/v1/outreach/visits/" + std::to_string(*id) + "/invitations.pdf"}}
                               .dump());
}

HttpResponse RecordVisitOutcome(RequestContext& ctx) {
  auto id = PathId(ctx, "id", "visit_id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  if (Status s = OnlyFields(*body, {"nik", "outcome", "recording_id", "note"}); !s.ok()) return ErrorResponse(s);
  auto nik = StringField(*body, "nik", true);
  auto outcome = StringField(*body, "outcome", true);
  auto rec = StringField(*body, "recording_id", false);
  auto note = StringField(*body, "note", false);
  for (const auto* r : {&nik, &outcome, &rec, &note}) {
    if (!r->ok()) return ErrorResponse(r->status());
  }
  ctx.subjects.push_back(**nik);
  auto o = Svc(ctx).RecordOutcome(*ctx.principal, *id,
                                  OutcomeInput{**nik, **outcome, rec->value_or(""), note->value_or("")});
  if (!o.ok()) return ErrorResponse(o.status());
  return JsonResponse(201, OutcomeJson(*o).dump());
}

// ---- tasks, outbox ---------------------------------------------------------------------------

HttpResponse ListRegisterTasks(RequestContext& ctx) {
  auto limit = Limit(ctx);
  if (!limit.ok()) return ErrorResponse(limit.status());
  int64_t after = 0;
  if (ctx.req.HasQuery("after")) {
    auto a = WholeNumber("after", ctx.req.Query("after"), 0, INT64_MAX, "must be a task id");
    if (!a.ok()) return ErrorResponse(a.status());
    after = *a;
  }
  auto tasks = Svc(ctx).Tasks(*ctx.principal, Query(ctx, "region"), Query(ctx, "state", "OPEN"), after, *limit);
  if (!tasks.ok()) return ErrorResponse(tasks.status());
  Json list = Json::array();
  for (const auto& t : *tasks) {
    ctx.subjects.push_back(t.nik);
    list.push_back(TaskJson(t));
  }
  return JsonResponse(200, Json{{"tasks", list}}.dump());
}

HttpResponse CloseRegisterTask(RequestContext& ctx) {
  auto id = PathId(ctx, "id", "task_id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  if (Status s = OnlyFields(*body, {"state", "resolution"}); !s.ok()) return ErrorResponse(s);
  auto state = StringField(*body, "state", true);
  auto res = StringField(*body, "resolution", true);
  if (!state.ok()) return ErrorResponse(state.status());
  if (!res.ok()) return ErrorResponse(res.status());
  auto t = Svc(ctx).CloseTask(*ctx.principal, *id, **state, **res);
  if (!t.ok()) return ErrorResponse(t.status());
  ctx.subjects.push_back(t->nik);
  return JsonResponse(200, TaskJson(*t).dump());
}

HttpResponse ListOutbox(RequestContext& ctx) {
  auto limit = Limit(ctx);
  if (!limit.ok()) return ErrorResponse(limit.status());
  int64_t after = 0;
  if (ctx.req.HasQuery("after")) {
    auto a = WholeNumber("after", ctx.req.Query("after"), 0, INT64_MAX, "must be a message id");
    if (!a.ok()) return ErrorResponse(a.status());
    after = *a;
  }
  auto msgs = Svc(ctx).Outbox(*ctx.principal, Query(ctx, "region"), after, *limit);
  if (!msgs.ok()) return ErrorResponse(msgs.status());
  Json list = Json::array();
  for (const auto& m : *msgs) {
    // The persons a message names (its household's members), for the audit.
    size_t start = 0;
    while (start < m.niks.size()) {
      size_t comma = m.niks.find(',', start);
      if (comma == std::string::npos) comma = m.niks.size();
      ctx.subjects.push_back(m.niks.substr(start, comma - start));
      start = comma + 1;
    }
    list.push_back(Json{{"id", m.id},           {"channel", m.channel},   {"recipient", m.recipient},
                        {"region_code", m.region_code}, {"visit_id", m.visit_id}, {"body", m.body},
                        {"state", m.state},     {"attempts", m.attempts}, {"last_error", Nullable(m.last_error)},
                        {"created_at", m.created_at}, {"sent_at", Nullable(m.sent_at)}});
  }
  return JsonResponse(200, Json{{"messages", list}}.dump());
}

// ---- targets, projection, snapshots ---------------------------------------------------------

HttpResponse SetRecordingTarget(RequestContext& ctx) {
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  if (Status s = OnlyFields(*body, {"region_code", "target_rate", "target_date"}); !s.ok()) return ErrorResponse(s);
  auto region = StringField(*body, "region_code", false);
  auto date = StringField(*body, "target_date", true);
  if (!region.ok()) return ErrorResponse(region.status());
  if (!date.ok()) return ErrorResponse(date.status());
  if (!body->contains("target_rate") || !(*body)["target_rate"].is_number()) {
    return ErrorResponse(Status::Invalid("target_rate", "", "is required: a number in (0, 1], e.g. 0.98"));
  }
  auto d = Date::Parse(**date, "target_date");
  if (!d.ok()) return ErrorResponse(d.status());
  Status st = Svc(ctx).SetTarget(*ctx.principal, region->value_or(""), (*body)["target_rate"].get<double>(), *d);
  if (!st.ok()) return ErrorResponse(st);
  return JsonResponse(200, Json{{"region_code", region->value_or("")},
                                {"target_rate", (*body)["target_rate"]},
                                {"target_date", d->ToString()}}
                               .dump());
}

HttpResponse GetProjection(RequestContext& ctx) {
  int window = 84;
  if (ctx.req.HasQuery("window_days")) {
    auto w = WholeNumber("window_days", ctx.req.Query("window_days"), 14, 730, "must be 14..730");
    if (!w.ok()) return ErrorResponse(w.status());
    window = static_cast<int>(*w);
  }
  auto rows = Svc(ctx).Projections(*ctx.principal, Query(ctx, "region"), window);
  if (!rows.ok()) return ErrorResponse(rows.status());
  Json list = Json::array();
  for (const auto& r : *rows) {
    const Projection& p = r.projection;
    list.push_back(Json{{"region_code", r.region_code},
                        {"name", r.name},
                        {"wajib_ktp", r.wajib_ktp},
                        {"recorded", r.recorded},
                        {"recording_rate", p.rate_now},
                        {"target_rate", r.target.target_rate},
                        {"target_date", r.target.target_date},
                        {"target_source", r.default_target ? "default" : r.target.region_code},
                        {"status", std::string(ProjectionStatusName(p.status))},
                        {"off_track", p.off_track()},
                        {"remaining", p.remaining},
                        {"recorded_per_week", p.recorded_per_week},
                        {"rate_per_week", p.rate_per_week},
                        {"points", p.points_used},
                        {"projected_date", OptDate(p.projected)},
                        {"earliest", OptDate(p.earliest)},
                        {"latest", OptDate(p.latest)}});
  }
  return JsonResponse(200, Json{{"window_days", window}, {"regions", list}}.dump());
}

HttpResponse GetCoverageHistory(RequestContext& ctx) {
  int days = 365;
  if (ctx.req.HasQuery("days")) {
    auto d = WholeNumber("days", ctx.req.Query("days"), 7, 3660, "must be 7..3660");
    if (!d.ok()) return ErrorResponse(d.status());
    days = static_cast<int>(*d);
  }
  auto points = Svc(ctx).History(*ctx.principal, Query(ctx, "region"), days);
  if (!points.ok()) return ErrorResponse(points.status());
  Json list = Json::array();
  for (const auto& p : *points) {
    list.push_back(Json{{"day", p.day.ToString()}, {"wajib_ktp", p.wajib_ktp}, {"recorded", p.recorded}});
  }
  return JsonResponse(200, Json{{"days", days}, {"points", list}}.dump());
}

HttpResponse TakeCoverageSnapshot(RequestContext& ctx) {
  auto rows = Svc(ctx).Snapshot(ctx.svc.clock.Today());
  if (!rows.ok()) return ErrorResponse(rows.status());
  return JsonResponse(200, Json{{"day", ctx.svc.clock.Today().ToString()}, {"villages", *rows}}.dump());
}

}  // namespace siak::api
