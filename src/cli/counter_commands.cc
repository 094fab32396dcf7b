#include "cli/counter_commands.h"

#include <cstdio>
#include <iostream>

#include "app/audit_log.h"
#include "app/clock.h"
#include "app/counter_service.h"

namespace siak::cli {
namespace {

constexpr const char* kUsageText =
    "counter desks --site ID | counter open-desk --site ID --name N --services S[,S...] | "
    "counter issue --site ID --service S [--nik NIK] | counter call --desk ID | "
    "counter ticket <id> recall|start|finish|no-show | counter stats --site ID [--from D] [--to D] | "
    "counter display --site ID";

const Principal kCli{"siak-cli", Role::kAdmin, ""};

Result<int64_t> IdOption(const Args& args, const std::string& name) {
  auto it = args.options.find(name);
  if (it == args.options.end()) return Status::Invalid(name, "", "is required (--" + name + " ID)");
  auto n = ParseCount(it->second, name + "_id");
  if (!n.ok()) return n.status();
  if (*n < 1) return Status::Invalid(name + "_id", it->second, "must be a positive whole number");
  return *n;
}

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void PrintTicket(const CounterTicket& t) {
  std::cout << t.label << "  " << t.service << "  " << t.state << "  ticket " << t.id << "  day " << t.day;
  if (t.desk_id != 0) std::cout << "  desk " << t.desk_id;
  std::cout << "\n";
}

std::string Minutes(const DurationSummary& d) {
  if (d.count == 0) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f/%.1f/%.1f", d.mean / 60.0, static_cast<double>(d.p50) / 60.0,
                static_cast<double>(d.p90) / 60.0);
  return buf;
}

void PrintStatsRow(const std::string& what, const QueueStatsRow& r) {
  std::printf("  %-28s %7lld %7lld %7lld %7lld  %-17s %-17s\n", what.c_str(), static_cast<long long>(r.tickets),
              static_cast<long long>(r.done), static_cast<long long>(r.no_shows), static_cast<long long>(r.waiting),
              Minutes(r.wait).c_str(), Minutes(r.service_time).c_str());
}

int Run(const Args& args, Store& store) {
  SystemClock clock;
  CounterService counters(clock);
  const std::string sub = args.positional[1];
  if (sub == "desks") {
    auto site = IdOption(args, "site");
    if (!site.ok()) return Fail(site.status());
    auto desks = counters.ListDesks(store, kCli, *site);
    if (!desks.ok()) return Fail(desks.status());
    for (const auto& v : *desks) {
      std::cout << v.desk.id << "  " << v.desk.name << "  [" << v.desk.services << "]"
                << (v.desk.active ? "" : "  closed");
      if (v.current) std::cout << "  " << v.current->label << " " << v.current->state;
      std::cout << "\n";
    }
    return 0;
  }
  if (sub == "open-desk") {
    auto site = IdOption(args, "site");
    if (!site.ok()) return Fail(site.status());
    DeskInput in{Option(args, "name", nullptr, ""), SplitComma(Option(args, "services", nullptr, ""))};
    if (!args.options.count("services")) in.services.clear();
    auto desk = counters.OpenDesk(store, kCli, *site, in);
    if (!desk.ok()) return Fail(desk.status());
    std::cout << "desk " << desk->id << " " << desk->name << " [" << desk->services << "]\n";
    return 0;
  }
  if (sub == "issue") {
    auto site = IdOption(args, "site");
    if (!site.ok()) return Fail(site.status());
    TicketInput in{Option(args, "service", nullptr, ""), Option(args, "nik", nullptr, "")};
    Result<CounterTicket> t = Status::Internal("not issued");
    Status st = store.Transaction([&]() -> Status {
      t = counters.IssueTicket(store, kCli, *site, in);
      if (!t.ok()) return t.status();
      if (t->nik.empty()) return Status::Ok();
      // A ticket naming a resident is audited, like the API's issueQueueTicket.
      return AppendAuditEntry(store, AuditRecord{0, clock.NowIso(), kCli.username, "admin", "cli", "issueQueueTicket",
                                                 t->nik, "ok", "siak counter issue " + t->label, "", ""})
          .status();
    });
    if (!st.ok()) return Fail(st);
    PrintTicket(*t);
    return 0;
  }
  if (sub == "call") {
    auto desk = IdOption(args, "desk");
    if (!desk.ok()) return Fail(desk.status());
    auto t = counters.CallNext(store, kCli, *desk);
    if (!t.ok()) return Fail(t.status());
    if (!*t) {
      std::cout << "no one is waiting for this desk's services\n";
      return 0;
    }
    PrintTicket(**t);
    return 0;
  }
  if (sub == "ticket") {
    if (args.positional.size() != 4) return Usage(kUsageText);
    auto id = ParseCount(args.positional[2], "ticket_id");
    if (!id.ok()) return Fail(id.status());
    const std::string& verb = args.positional[3];
    TicketAction action = TicketAction::kRecall;
    if (verb == "recall") {
      action = TicketAction::kRecall;
    } else if (verb == "start") {
      action = TicketAction::kStart;
    } else if (verb == "finish") {
      action = TicketAction::kFinish;
    } else if (verb == "no-show") {
      action = TicketAction::kNoShow;
    } else {
      return Fail(Status::Invalid("action", verb, "must be recall, start, finish or no-show"));
    }
    auto t = counters.Act(store, kCli, *id, action);
    if (!t.ok()) return Fail(t.status());
    PrintTicket(*t);
    return 0;
  }
  if (sub == "stats") {
    auto site = IdOption(args, "site");
    if (!site.ok()) return Fail(site.status());
    auto s = counters.Stats(store, kCli, *site, Option(args, "from", nullptr, ""), Option(args, "to", nullptr, ""));
    if (!s.ok()) return Fail(s.status());
    std::cout << "site " << s->site_id << ", " << s->from << " to " << s->to
              << " (minutes: mean/p50/p90)\n";
    std::printf("  %-28s %7s %7s %7s %7s  %-17s %-17s\n", "", "tickets", "done", "no-show", "waiting", "wait",
                "service");
    for (const auto& r : s->by_service) PrintStatsRow(r.service, r);
    for (const auto& r : s->by_desk) PrintStatsRow(r.desk_id == 0 ? "(not called)" : r.desk_name, r);
    PrintStatsRow("total", s->total);
    return 0;
  }
  if (sub == "display") {
    auto site = IdOption(args, "site");
    if (!site.ok()) return Fail(site.status());
    auto d = counters.Display(store, *site, 6);
    if (!d.ok()) return Fail(d.status());
    std::cout << d->site_name << "  " << d->day << "\n";
    for (const auto& c : d->called) std::cout << "  " << c.label << "  " << c.desk_name << "  " << c.state << "\n";
    for (const auto& w : d->waiting) std::cout << "  menunggu " << w.letter << " " << w.service_label << ": " << w.count << "\n";
    return 0;
  }
  return Usage(kUsageText);
}

}  // namespace

int CmdCounter(const Args& args) {
  if (args.positional.size() < 2) return Usage(kUsageText);
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  return Run(args, **store);
}

}  // namespace siak::cli
