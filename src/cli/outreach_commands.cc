#include "cli/outreach_commands.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include "app/clock.h"
#include "app/outreach_service.h"
#include "common/csv.h"
#include "common/rng.h"
#include "domain/region_index.h"
#include "store/ektp_store.h"

namespace siak::cli {
namespace {

struct OutreachContext {
  std::unique_ptr<Store> store;
  std::unique_ptr<RegionIndex> regions;
  SystemClock clock;
  std::unique_ptr<OutreachService> outreach;
  Principal who{"siak-cli", Role::kAdmin, ""};
};

Result<std::unique_ptr<OutreachContext>> Open(const Args& args) {
  auto ctx = std::make_unique<OutreachContext>();
  SIAK_ASSIGN_OR_RETURN(ctx->store, OpenMigrated(args));
  SIAK_ASSIGN_OR_RETURN(std::vector<Region> regions, ctx->store->LoadRegions());
  if (regions.empty()) return Status::FailedPrecondition("no regions in the store: run siak regions import");
  ctx->regions = std::make_unique<RegionIndex>(std::move(regions));
  ctx->outreach = std::make_unique<OutreachService>(*ctx->store, ctx->clock, *ctx->regions);
  return ctx;
}

std::string RegionArg(const Args& args) { return args.options.count("region") ? args.options.at("region") : ""; }

Result<int> Limit(const Args& args, int fallback) {
  if (!args.options.count("limit")) return fallback;
  SIAK_ASSIGN_OR_RETURN(int64_t n, ParseCount(args.options.at("limit"), "limit"));
  if (n < 1 || n > 100000) return Status::Invalid("limit", args.options.at("limit"), "must be 1..100000");
  return static_cast<int>(n);
}

std::string Pct(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * x);
  return buf;
}

int Missing(const Args& args) {
  auto ctx = Open(args);
  if (!ctx.ok()) return Fail(ctx.status());
  auto limit = Limit(args, 20);
  if (!limit.ok()) return Fail(limit.status());
  auto counts = (*ctx)->outreach->UnrecordedCounts((*ctx)->who, RegionArg(args));
  if (!counts.ok()) return Fail(counts.status());
  std::map<std::string, std::pair<int64_t, int64_t>> villages;
  int64_t total = 0, waiting = 0;
  for (const auto& c : *counts) {
    villages[c.region_code].first += c.persons;
    villages[c.region_code].second += c.waiting_over_year;
    total += c.persons;
    waiting += c.waiting_over_year;
  }
  std::vector<std::pair<std::string, std::pair<int64_t, int64_t>>> rows(villages.begin(), villages.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second.first != b.second.first ? a.second.first > b.second.first : a.first < b.first;
  });
  std::cout << "unrecorded wajib KTP: " << total << " in " << villages.size() << " villages (" << waiting
            << " waiting over a year)\n";
  int shown = 0;
  for (const auto& [code, n] : rows) {
    if (shown++ >= *limit) break;
    const siak::Region* r = (*ctx)->regions->Get(code);
    std::printf("  %s  %-28s %6lld  (%lld over a year)\n", code.c_str(), r ? r->name.c_str() : "",
                static_cast<long long>(n.first), static_cast<long long>(n.second));
  }
  return 0;
}

int Priority(const Args& args) {
  auto ctx = Open(args);
  if (!ctx.ok()) return Fail(ctx.status());
  auto limit = Limit(args, 20);
  if (!limit.ok()) return Fail(limit.status());
  auto ranked = (*ctx)->outreach->Priority((*ctx)->who, RegionArg(args));
  if (!ranked.ok()) return Fail(ranked.status());
  int rank = 0;
  for (const auto& r : *ranked) {
    if (++rank > *limit) break;
    std::printf("%3d  %s  %-22s %-18s unrecorded %5lld  rate %s  weight %.2f  score %.1f\n", rank,
                r.priority.code.c_str(), r.name.c_str(), r.district_name.c_str(),
                static_cast<long long>(r.priority.unrecorded), Pct(r.priority.rate).c_str(), r.priority.weight,
                r.priority.score);
    for (const auto& why : r.priority.reasons) std::printf("       - %s (+%.2f)\n", why.text.c_str(), why.weight);
  }
  return 0;
}

int ProjectionCmd(const Args& args) {
  auto ctx = Open(args);
  if (!ctx.ok()) return Fail(ctx.status());
  auto rows = (*ctx)->outreach->Projections((*ctx)->who, RegionArg(args));
  if (!rows.ok()) return Fail(rows.status());
  auto date = [](const std::optional<Date>& d) { return d ? d->ToString() : std::string("-"); };
  for (const auto& r : *rows) {
    const Projection& p = r.projection;
    std::printf("%-10s %-24s %-17s rate %s  target %s by %s%s  +%.0f/week  remaining %lld  projected %s [%s .. %s]\n",
                r.region_code.c_str(), r.name.c_str(), std::string(ProjectionStatusName(p.status)).c_str(),
                Pct(p.rate_now).c_str(), Pct(r.target.target_rate).c_str(), r.target.target_date.c_str(),
                r.default_target ? " (default)" : "", p.recorded_per_week, static_cast<long long>(p.remaining),
                date(p.projected).c_str(), date(p.earliest).c_str(), date(p.latest).c_str());
  }
  return 0;
}

int SnapshotCmd(const Args& args) {
  auto ctx = Open(args);
  if (!ctx.ok()) return Fail(ctx.status());
  auto rows = (*ctx)->outreach->Snapshot((*ctx)->clock.Today());
  if (!rows.ok()) return Fail(rows.status());
  std::cout << "coverage snapshot of " << (*ctx)->clock.Today().ToString() << ": " << *rows << " villages\n";
  return 0;
}

int TargetCmd(const Args& args) {
  if (!args.options.count("rate") || !args.options.count("date")) {
    return Usage("outreach target [--region R] --rate 0.98 --date YYYY-MM-DD");
  }
  auto ctx = Open(args);
  if (!ctx.ok()) return Fail(ctx.status());
  char* end = nullptr;
  const std::string& text = args.options.at("rate");
  const double rate = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') return Fail(Status::Invalid("rate", text, "must be a number in (0, 1]"));
  auto date = Date::Parse(args.options.at("date"), "date");
  if (!date.ok()) return Fail(date.status());
  Status st = (*ctx)->outreach->SetTarget((*ctx)->who, RegionArg(args), rate, *date);
  if (!st.ok()) return Fail(st);
  std::cout << "target set\n";
  return 0;
}

int Flags(const Args& args) {
  const auto& p = args.positional;
  auto ctx = Open(args);
  if (!ctx.ok()) return Fail(ctx.status());
  OutreachService& svc = *(*ctx)->outreach;
  if (p.size() == 3 && p[2] == "list") {
    auto flags = svc.Flags((*ctx)->who, RegionArg(args));
    if (!flags.ok()) return Fail(flags.status());
    for (const auto& f : *flags) {
      const siak::Region* r = (*ctx)->regions->Get(f.region_code);
      std::cout << f.region_code << "  " << f.flag << "  " << (r ? r->name : "") << "  (" << f.source << ")\n";
    }
    return 0;
  }
  if (p.size() == 3 && p[2] == "islands") {
    auto seed = svc.SeedIslandFlags((*ctx)->who);
    if (!seed.ok()) return Fail(seed.status());
    std::cout << seed->flagged << " districts/villages flagged pulau_terluar by name; " << seed->unmatched.size()
              << " populated outermost small islands matched no region name (flag them with siak outreach flags import):\n";
    for (const auto& u : seed->unmatched) std::cout << "  " << u << "\n";
    std::cout << seed->review.size() << " regions name an island among other words (not flagged; review them):\n";
    for (const auto& r : seed->review) std::cout << "  " << r << "\n";
    return 0;
  }
  if (p.size() == 4 && p[2] == "import") {
    auto text = ReadFile(p[3]);
    if (!text.ok()) return Fail(text.status());
    auto n = svc.ImportFlags((*ctx)->who, *text);
    if (!n.ok()) return Fail(n.status());
    std::cout << *n << " flags imported\n";
    return 0;
  }
  return Usage("outreach flags list [--region R] | flags islands | flags import FILE.csv");
}

int Outbox(const Args& args) {
  const auto& p = args.positional;
  if (p.size() != 3 || p[2] != "send" || !args.options.count("file")) {
    return Usage("outreach outbox send --file F [--limit N]");
  }
  auto ctx = Open(args);
  if (!ctx.ok()) return Fail(ctx.status());
  auto limit = Limit(args, 1000);
  if (!limit.ok()) return Fail(limit.status());
  FileOutboxSender sender(args.options.at("file"));
  auto sent = (*ctx)->outreach->Deliver(sender, *limit);
  if (!sent.ok()) return Fail(sent.status());
  std::cout << *sent << " messages sent to " << args.options.at("file") << "\n";
  return 0;
}

int PlanPdf(const Args& args) {
  const auto& p = args.positional;
  if (p.size() != 3 || !args.options.count("out")) return Usage("outreach plan-pdf <plan-id> --out F [--team T]");
  auto ctx = Open(args);
  if (!ctx.ok()) return Fail(ctx.status());
  auto id = ParseCount(p[2], "plan_id");
  if (!id.ok()) return Fail(id.status());
  std::optional<int64_t> team;
  if (args.options.count("team")) {
    auto t = ParseCount(args.options.at("team"), "team");
    if (!t.ok()) return Fail(t.status());
    team = *t;
  }
  auto pdf = (*ctx)->outreach->PlanPdf((*ctx)->who, *id, team);
  if (!pdf.ok()) return Fail(pdf.status());
  std::ofstream out(args.options.at("out"), std::ios::binary);
  out << *pdf;
  if (!out) return Fail(Status::Unavailable("cannot write " + args.options.at("out")));
  std::cout << "wrote " << args.options.at("out") << " (" << pdf->size() << " bytes)\n";
  return 0;
}

// The demo regency's outreach set-up: the real outermost-island flags of the region data, two
// districts and a village flagged as DEMO examples (not an official list), two mobile teams, a
// regency target, and a SYNTHETIC coverage history for the projection (the demo population is
// generated as it is today; its past is back-cast from a plausible weekly recording pace).
int SeedDemo(const Args& args) {
  if (!args.options.count("region")) return Usage("outreach seed-demo --region R [--weeks N]");
  auto ctx = Open(args);
  if (!ctx.ok()) return Fail(ctx.status());
  auto code = RegionCode::Parse(args.options.at("region"), "region");
  if (!code.ok()) return Fail(code.status());
  const std::string r = code->digits();
  if (r.size() != 4) return Fail(Status::Invalid("region", args.options.at("region"), "must be a regency"));
  int weeks = 12;
  if (args.options.count("weeks")) {
    auto w = ParseCount(args.options.at("weeks"), "weeks");
    if (!w.ok()) return Fail(w.status());
    if (*w < 2 || *w > 104) return Fail(Status::Invalid("weeks", args.options.at("weeks"), "must be 2..104"));
    weeks = static_cast<int>(*w);
  }
  OutreachContext& c = **ctx;
  auto teams = c.outreach->Teams(c.who, r);
  if (!teams.ok()) return Fail(teams.status());
  if (!teams->empty()) {
    std::cout << "outreach demo of " << code->ToString() << " exists already\n";
    return 0;
  }
  std::vector<std::string> districts, villages;
  for (const auto& reg : c.regions->regions()) {
    const std::string& d = reg.code.digits();
    if (d.compare(0, 4, r) != 0) continue;
    if (d.size() == 6) districts.push_back(d);
    if (d.size() == 10) villages.push_back(d);
  }
  std::sort(districts.begin(), districts.end());
  std::sort(villages.begin(), villages.end());
  if (districts.size() < 3 || villages.empty()) return Fail(Status::Invalid("region", r, "has too few districts"));
  const Date today = c.clock.Today();
  Status st = c.store->Transaction([&]() -> Status {
    SIAK_RETURN_IF_ERROR(c.outreach->SeedIslandFlags(c.who).status());
    const std::string demo = "DEMO: contoh mekanisme, bukan daftar resmi";
    SIAK_RETURN_IF_ERROR(c.outreach->SetFlag(c.who, districts[districts.size() - 1], "perbatasan", demo, "").status());
    SIAK_RETURN_IF_ERROR(c.outreach->SetFlag(c.who, districts[districts.size() - 2], "perbatasan", demo, "").status());
    // The island example: the village with the tenth most unrecorded (someone to visit).
    SIAK_ASSIGN_OR_RETURN(auto counts, c.outreach->UnrecordedCounts(c.who, r));
    std::map<std::string, int64_t> per_village;
    for (const auto& m : counts) per_village[m.region_code] += m.persons;
    std::vector<std::pair<int64_t, std::string>> by_count;
    const std::string border_a = districts[districts.size() - 1], border_b = districts[districts.size() - 2];
    for (const auto& [v, n] : per_village) {
      if (v.compare(0, 6, border_a) != 0 && v.compare(0, 6, border_b) != 0) by_count.push_back({-n, v});
    }
    std::sort(by_count.begin(), by_count.end());
    const std::string island =
        by_count.empty() ? villages[villages.size() / 2] : by_count[std::min<size_t>(9, by_count.size() - 1)].second;
    SIAK_RETURN_IF_ERROR(c.outreach->SetFlag(c.who, island, "pulau_terluar", demo, "").status());
    for (int i = 0; i < 2; ++i) {
      TeamInput t;
      t.name = "Tim Jemput Bola " + std::to_string(i + 1);
      t.region = r;
      t.home_district = districts[i == 0 ? 0 : districts.size() / 2];
      t.members = {i == 0 ? "Dedi Supriadi (operator)" : "Rina Marlina (operator)",
                   i == 0 ? "Asep Hidayat (pengemudi)" : "Yusuf Maulana (pengemudi)"};
      t.devices = {"KIT-" + r + "-MOBIL-" + std::to_string(i + 1)};
      t.capacity_per_day = 60;
      t.working_days = "12345";
      SIAK_RETURN_IF_ERROR(c.outreach->CreateTeam(c.who, t).status());
    }
    SIAK_RETURN_IF_ERROR(c.outreach->SetTarget(c.who, r, 0.99, *Date::FromYmd(today.year() + 1, 6, 30)));
    // SYNTHETIC history: each village's recorded count `w` weeks ago is today's minus w weeks of
    // a pace drawn per village (0.02%..0.30% of its wajib KTP a week), and today's snapshot.
    SIAK_ASSIGN_OR_RETURN(auto coverage, EktpStore(*c.store).CoverageCounts(r, 10));
    Rng rng(4204);
    std::vector<SnapshotRow> rows;
    for (const auto& [village, by_status] : coverage) {
      int64_t wajib = 0, recorded = 0;
      for (const auto& [status, n] : by_status) {
        if (CountsAsWajib(status)) wajib += n;
        if (CountsAsRecorded(status)) recorded += n;
      }
      const double pace = static_cast<double>(wajib) * (0.0002 + 0.0028 * rng.Real());
      for (int w = 1; w <= weeks; ++w) {
        const int64_t then = std::max<int64_t>(0, recorded - std::llround(pace * w * (0.9 + 0.2 * rng.Real())));
        rows.push_back({today.AddDays(-7 * w).ToString(), village, wajib, std::min(then, recorded)});
      }
    }
    SIAK_RETURN_IF_ERROR(OutreachStore(*c.store).PutSnapshotRows(rows));
    return c.outreach->Snapshot(today).status();
  });
  if (!st.ok()) return Fail(st);
  std::cout << "outreach demo of " << code->ToString() << ": outermost-island flags from the region data, "
            << "2 districts and 1 village flagged as DEMO examples, 2 teams, target 99% by "
            << today.year() + 1 << "-06-30, " << weeks << " weeks of SYNTHETIC coverage history\n";
  return 0;
}

}  // namespace

int CmdOutreach(const Args& args) {
  const auto& p = args.positional;
  if (p.size() == 2 && p[1] == "missing") return Missing(args);
  if (p.size() == 2 && p[1] == "priority") return Priority(args);
  if (p.size() == 2 && p[1] == "projection") return ProjectionCmd(args);
  if (p.size() == 2 && p[1] == "snapshot") return SnapshotCmd(args);
  if (p.size() == 2 && p[1] == "target") return TargetCmd(args);
  if (p.size() >= 3 && p[1] == "flags") return Flags(args);
  if (p.size() >= 2 && p[1] == "outbox") return Outbox(args);
  if (p.size() >= 2 && p[1] == "plan-pdf") return PlanPdf(args);
  if (p.size() == 2 && p[1] == "seed-demo") return SeedDemo(args);
  return Usage(
      "outreach missing|priority|projection [--region R] | snapshot | target --rate X --date D [--region R] | "
      "flags list|islands|import F | outbox send --file F | plan-pdf <id> --out F [--team T] | seed-demo --region R");
}

}  // namespace siak::cli
