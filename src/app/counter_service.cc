#include "app/counter_service.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "domain/nik.h"
#include "domain/role.h"

namespace siak {
namespace {

constexpr size_t kMaxDeskName = 40;
constexpr int64_t kMaxStatsDays = 366;

// "2026-11-28T08:00:00Z" -> seconds since the epoch; nullopt for "" or another shape.
std::optional<int64_t> UnixOf(const std::string& iso) {
  if (iso.size() != 20 || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':' || iso[19] != 'Z') return std::nullopt;
  auto day = Date::Parse(std::string_view(iso).substr(0, 10));
  if (!day.ok()) return std::nullopt;
  auto two = [&](size_t at) { return (iso[at] - '0') * 10 + (iso[at + 1] - '0'); };
  return day->ToDays() * 86400 + two(11) * 3600 + two(14) * 60 + two(17);
}

DurationSummary Summarize(std::vector<int64_t> seconds) {
  DurationSummary s;
  s.count = static_cast<int64_t>(seconds.size());
  if (seconds.empty()) return s;
  std::sort(seconds.begin(), seconds.end());
  double sum = 0;
  for (int64_t v : seconds) sum += static_cast<double>(v);
  s.mean = sum / static_cast<double>(seconds.size());
  auto rank = [&](double p) {
    const auto n = static_cast<double>(seconds.size());
    size_t idx = static_cast<size_t>(std::ceil(p * n));
    return seconds[std::clamp<size_t>(idx, 1, seconds.size()) - 1];
  };
  s.p50 = rank(0.5);
  s.p90 = rank(0.9);
  return s;
}

// Accumulates the tickets of one statistics row.
struct Bucket {
  QueueStatsRow row;
  std::vector<int64_t> waits, services;
  void Add(const CounterTicket& t) {
    ++row.tickets;
    if (t.state == "WAITING") ++row.waiting;
    if (t.state == "CALLED") ++row.called;
    if (t.state == "SERVING") ++row.serving;
    if (t.state == "DONE") ++row.done;
    if (t.state == "NO_SHOW") ++row.no_shows;
    auto issued = UnixOf(t.issued_at), called = UnixOf(t.called_at);
    if (issued && called) waits.push_back(std::max<int64_t>(0, *called - *issued));
    auto started = UnixOf(t.started_at), finished = UnixOf(t.finished_at);
    if (t.state == "DONE" && started && finished) services.push_back(std::max<int64_t>(0, *finished - *started));
  }
  QueueStatsRow Finish() {
    row.wait = Summarize(std::move(waits));
    row.service_time = Summarize(std::move(services));
    return row;
  }
};

int ServiceOrder(const std::string& name) {
  for (size_t i = 0; i < std::size(kQueueServices); ++i) {
    if (kQueueServices[i].name == name) return static_cast<int>(i);
  }
  return static_cast<int>(std::size(kQueueServices));
}

// Checks and normalises a desk's services: known names, no repeats, in the table's order.
Result<std::string> ServiceList(const std::vector<std::string>& services) {
  if (services.empty()) return Status::Invalid("services", "[]", "a desk offers at least one service");
  std::set<int> seen;
  for (size_t i = 0; i < services.size(); ++i) {
    auto s = ParseQueueService(services[i], "services[" + std::to_string(i) + "]");
    if (!s.ok()) return s.status();
    if (!seen.insert(static_cast<int>(*s)).second) {
      return Status::Invalid("services[" + std::to_string(i) + "]", services[i], "is listed twice");
    }
  }
  std::string out;
  for (int s : seen) out += (out.empty() ? "" : ",") + std::string(kQueueServices[s].name);
  return out;
}

std::string DescribeTicket(const CounterTicket& t) { return "ticket " + t.label + " (" + t.day + ")"; }

}  // namespace

std::vector<std::string> DeskServices(const CounterDesk& desk) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < desk.services.size()) {
    size_t end = desk.services.find(',', start);
    if (end == std::string::npos) end = desk.services.size();
    if (end > start) out.push_back(desk.services.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string CounterService::LocalDay(const SiteRecord& site) const {
  const int64_t local = clock_.NowUnix() + int64_t{3600} * ProvinceUtcOffsetHours(site.region_code.substr(0, 2));
  const int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  return Date::FromDays(days).ToString();
}

Result<SiteRecord> CounterService::SiteInScope(Store& store, const Principal& who, int64_t site_id) {
  auto site = EktpStore(store).GetSite(site_id);
  if (!site.ok()) {
    if (site.status().code() == StatusCode::kNotFound) return Status::NotFound("site_id", std::to_string(site_id));
    return site.status();
  }
  if (!InScope(who.scope, site->region_code)) return Status::NotFound("site_id", std::to_string(site_id));
  return site;
}

Result<CounterDesk> CounterService::DeskInScope(Store& store, const Principal& who, int64_t desk_id) {
  auto desk = CounterStore(store).GetDesk(desk_id);
  if (!desk.ok()) return desk.status();
  auto site = SiteInScope(store, who, desk->site_id);
  if (!site.ok()) {
    if (site.status().code() == StatusCode::kNotFound) return Status::NotFound("desk_id", std::to_string(desk_id));
    return site.status();
  }
  return desk;
}

// ---- desks ----

Result<CounterDesk> CounterService::OpenDesk(Store& store, const Principal& who, int64_t site_id,
                                             const DeskInput& in) {
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, site_id));
  if (!site.active) return Status::Invalid("site_id", std::to_string(site_id), "the site is closed");
  if (in.name.empty() || in.name.size() > kMaxDeskName) {
    return Status::Invalid("name", in.name, "must be 1-40 characters (e.g. Loket 1)");
  }
  SIAK_ASSIGN_OR_RETURN(std::string services, ServiceList(in.services));
  CounterStore counters(store);
  SIAK_ASSIGN_OR_RETURN(std::vector<CounterDesk> desks, counters.Desks(site.id));
  for (const auto& d : desks) {
    if (d.name == in.name) return Status::AlreadyExists("name", in.name);
  }
  CounterDesk desk{0, site.id, in.name, services, true, who.username, clock_.NowIso()};
  SIAK_ASSIGN_OR_RETURN(desk.id, counters.InsertDesk(desk));
  return desk;
}

Result<std::vector<DeskView>> CounterService::ListDesks(Store& store, const Principal& who, int64_t site_id) {
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, site_id));
  CounterStore counters(store);
  SIAK_ASSIGN_OR_RETURN(std::vector<CounterDesk> desks, counters.Desks(site.id));
  std::vector<DeskView> out;
  for (auto& d : desks) {
    SIAK_ASSIGN_OR_RETURN(std::vector<CounterTicket> open, counters.OpenAtDesk(d.id));
    DeskView view{std::move(d), std::nullopt};
    if (!open.empty()) view.current = open.back();
    out.push_back(std::move(view));
  }
  return out;
}

Result<CounterDesk> CounterService::ChangeDesk(Store& store, const Principal& who, int64_t desk_id,
                                               const DeskChange& change) {
  SIAK_ASSIGN_OR_RETURN(CounterDesk desk, DeskInScope(store, who, desk_id));
  if (change.services) {
    SIAK_ASSIGN_OR_RETURN(desk.services, ServiceList(*change.services));
  }
  if (change.active) desk.active = *change.active;
  SIAK_RETURN_IF_ERROR(CounterStore(store).UpdateDesk(desk));
  return desk;
}

// ---- tickets ----

Result<CounterTicket> CounterService::IssueTicket(Store& store, const Principal& who, int64_t site_id,
                                                  const TicketInput& in) {
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, site_id));
  if (!site.active) return Status::Invalid("site_id", std::to_string(site_id), "the site is closed");
  SIAK_ASSIGN_OR_RETURN(QueueService service, ParseQueueService(in.service, "service"));
  const std::string day = LocalDay(site);
  if (site.kind == "counter" && (day < site.starts_on || day > site.ends_on)) {
    return Status::Invalid("site_id", std::to_string(site_id),
                           "the event counter serves only from " + site.starts_on + " to " + site.ends_on +
                               "; today there is " + day);
  }
  if (!in.nik.empty()) {
    auto nik = Nik::ParseStructure(in.nik);
    if (!nik.ok()) return nik.status();
  }
  const std::string name(QueueServiceOf(service).name);
  CounterStore counters(store);
  SIAK_ASSIGN_OR_RETURN(std::vector<CounterDesk> desks, counters.Desks(site.id));
  const bool offered = std::any_of(desks.begin(), desks.end(), [&](const CounterDesk& d) {
    const auto services = DeskServices(d);
    return d.active && std::find(services.begin(), services.end(), name) != services.end();
  });
  if (!offered) return Status::Invalid("service", name, "no open desk at this site offers it");
  CounterTicket t;
  t.site_id = site.id;
  t.service = name;
  t.day = day;
  t.state = std::string(TicketStateName(TicketState::kWaiting));
  t.nik = in.nik;
  t.issued_by = who.username;
  t.issued_at = clock_.NowIso();
  Status st = store.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(t.number, counters.NextNumber(site.id, name, day));
    t.label = TicketLabel(service, t.number);
    SIAK_ASSIGN_OR_RETURN(t.id, counters.InsertTicket(t));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return t;
}

Result<CounterTicket> CounterService::GetTicket(Store& store, const Principal& who, int64_t ticket_id) {
  auto t = CounterStore(store).GetTicket(ticket_id);
  if (!t.ok()) return t.status();
  if (!SiteInScope(store, who, t->site_id).ok()) return Status::NotFound("ticket_id", std::to_string(ticket_id));
  return t;
}

Result<std::optional<CounterTicket>> CounterService::CallNext(Store& store, const Principal& who, int64_t desk_id) {
  SIAK_ASSIGN_OR_RETURN(CounterDesk desk, DeskInScope(store, who, desk_id));
  if (!desk.active) return Status::Invalid("desk_id", std::to_string(desk_id), "the desk is closed");
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, desk.site_id));
  std::optional<CounterTicket> called;
  Status st = store.Transaction([&]() -> Status {
    // One call at a time per desk, also from several connections.
    SIAK_RETURN_IF_ERROR(store.LockKey("counter-desk:" + std::to_string(desk.id)));
    CounterStore counters(store);
    SIAK_ASSIGN_OR_RETURN(std::vector<CounterTicket> open, counters.OpenAtDesk(desk.id));
    if (!open.empty()) {
      return Status::Conflict("desk_id", std::to_string(desk.id),
                              "the desk still has " + DescribeTicket(open.front()) + " " + open.front().state +
                                  ": finish it or mark it a no-show before calling the next");
    }
    SIAK_ASSIGN_OR_RETURN(called, counters.CallNext(site.id, LocalDay(site), DeskServices(desk), desk.id,
                                                    clock_.NowIso()));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return called;
}

Result<CounterTicket> CounterService::Act(Store& store, const Principal& who, int64_t ticket_id, TicketAction action) {
  SIAK_ASSIGN_OR_RETURN(CounterTicket t, GetTicket(store, who, ticket_id));
  auto state = ParseTicketState(t.state);
  if (!state.ok()) return Status::Internal("counter_ticket " + std::to_string(t.id) + " has state " + t.state);
  const std::string needs(TicketStateName(TicketStateBefore(action)));
  if (action == TicketAction::kCall) {
    return Status::Invalid("action", TicketActionName(action), "a desk calls the next ticket with call-next");
  }
  if (!NextTicketState(*state, action)) {
    return Status::Conflict("ticket_id", std::to_string(ticket_id),
                            DescribeTicket(t) + " is " + t.state + "; " + std::string(TicketActionName(action)) +
                                " needs a " + needs + " ticket");
  }
  auto done = CounterStore(store).Apply(t.id, action, clock_.NowIso());
  if (!done.ok() && done.status().code() == StatusCode::kConflict) {
    // Another desk or operator changed it between the read and the write.
    auto now = CounterStore(store).GetTicket(t.id);
    return Status::Conflict("ticket_id", std::to_string(ticket_id),
                            DescribeTicket(t) + " is " + (now.ok() ? now->state : std::string("changed")) + "; " +
                                std::string(TicketActionName(action)) + " needs a " + needs + " ticket");
  }
  return done;
}

// ---- statistics and the display ----

Result<QueueStats> CounterService::Stats(Store& store, const Principal& who, int64_t site_id, const std::string& from,
                                         const std::string& to) {
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, site_id));
  const std::string today = LocalDay(site);
  auto first = Date::Parse(from.empty() ? today : from, "from");
  if (!first.ok()) return first.status();
  auto last = Date::Parse(to.empty() ? today : to, "to");
  if (!last.ok()) return last.status();
  if (*last < *first) return Status::Invalid("to", last->ToString(), "must not be before from");
  if (last->ToDays() - first->ToDays() >= kMaxStatsDays) {
    return Status::Invalid("to", last->ToString(), "the range may span at most 366 days");
  }
  CounterStore counters(store);
  SIAK_ASSIGN_OR_RETURN(std::vector<CounterDesk> desks, counters.Desks(site.id));
  std::map<int64_t, std::string> names;
  for (const auto& d : desks) names[d.id] = d.name;
  SIAK_ASSIGN_OR_RETURN(std::vector<CounterTicket> tickets,
                        counters.TicketsOf(site.id, first->ToString(), last->ToString()));
  std::map<std::pair<int64_t, int>, Bucket> by_desk_service;
  std::map<int, Bucket> by_service;
  std::map<int64_t, Bucket> by_desk;
  Bucket total;
  for (const auto& t : tickets) {
    const int order = ServiceOrder(t.service);
    Bucket& ds = by_desk_service[{t.desk_id, order}];
    ds.row.desk_id = t.desk_id;
    ds.row.service = t.service;
    ds.Add(t);
    Bucket& s = by_service[order];
    s.row.service = t.service;
    s.Add(t);
    Bucket& d = by_desk[t.desk_id];
    d.row.desk_id = t.desk_id;
    d.Add(t);
    total.Add(t);
  }
  QueueStats out;
  out.site_id = site.id;
  out.from = first->ToString();
  out.to = last->ToString();
  auto named = [&](QueueStatsRow row) {
    if (row.desk_id != 0) row.desk_name = names[row.desk_id];
    return row;
  };
  for (auto& [key, b] : by_desk_service) out.by_desk_service.push_back(named(b.Finish()));
  for (auto& [key, b] : by_service) out.by_service.push_back(b.Finish());
  for (auto& [key, b] : by_desk) out.by_desk.push_back(named(b.Finish()));
  out.total = total.Finish();
  return out;
}

Result<DisplayState> CounterService::Display(Store& store, int64_t site_id, int recent) {
  if (recent < 1 || recent > 20) return Status::Invalid("recent", std::to_string(recent), "must be 1-20");
  auto site = EktpStore(store).GetSite(site_id);
  if (!site.ok()) {
    if (site.status().code() == StatusCode::kNotFound) return Status::NotFound("site_id", std::to_string(site_id));
    return site.status();
  }
  if (!site->active) return Status::NotFound("site_id", std::to_string(site_id));
  CounterStore counters(store);
  DisplayState out;
  out.site_id = site->id;
  out.site_name = site->name;
  out.day = LocalDay(*site);
  out.generated_at = clock_.NowIso();
  SIAK_ASSIGN_OR_RETURN(std::vector<CounterDesk> desks, counters.Desks(site->id));
  std::map<int64_t, std::string> names;
  std::set<int> offered;
  for (const auto& d : desks) {
    names[d.id] = d.name;
    if (!d.active) continue;
    DisplayDesk shown{d.name, DeskServices(d), "", ""};
    for (const auto& s : shown.services) offered.insert(ServiceOrder(s));
    SIAK_ASSIGN_OR_RETURN(std::vector<CounterTicket> open, counters.OpenAtDesk(d.id));
    if (!open.empty()) {
      shown.label = open.back().label;
      shown.state = open.back().state;
    }
    out.desks.push_back(std::move(shown));
  }
  SIAK_ASSIGN_OR_RETURN(std::vector<CounterTicket> called, counters.RecentlyCalled(site->id, out.day, recent));
  for (const auto& t : called) {
    out.called.push_back(DisplayCall{t.label, t.service, names[t.desk_id], t.state, t.announced_at, t.recalls});
  }
  SIAK_ASSIGN_OR_RETURN(auto waiting, counters.WaitingCounts(site->id, out.day));
  for (int order : offered) {
    if (order >= static_cast<int>(std::size(kQueueServices))) continue;
    const auto& info = kQueueServices[order];
    const std::string name(info.name);
    out.waiting.push_back(DisplayWaiting{name, std::string(info.label), info.letter,
                                         waiting.contains(name) ? waiting.at(name) : 0});
  }
  return out;
}

}  // namespace siak
