// CounterService: service counters (loket) at the e-KTP sites (docs/counters.md).
//
//   desks at a site, each offering some services -> a resident takes a ticket for a service
//   the service's letter and the day's number) -> a desk calls the next one (the oldest
//   waiting ticket among its services, across services by issue time) -> recall, start serving,
//   finish, or no-show -> statistics per desk and service, and the public display of a site.
// Scope: a site outside the caller's region scope, and its desks and tickets, answer not found.
// A site's day is its local day (WIB, WITA or WIT by province); an event counter (kind
// "counter") issues tickets only between its starts_on and ends_on. Every change of a ticket
// goes through the lifecycle table in domain/counter_queue.h, conditional on the state read.
// Time comes from the Clock. Thread safety: stateless beyond the clock; any thread, one Store
// per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.h"
#include "app/clock.h"
#include "store/counter_store.h"
#include "store/ektp_store.h"

namespace siak {

struct DeskInput {
  std::string name;                   // 1-40 characters, unique at the site
  std::vector<std::string> services;  // service names, at least one
};

struct DeskChange {
  std::optional<std::vector<std::string>> services;
  std::optional<bool> active;
};

struct TicketInput {
  std::string service;
  std::string nik;  // optional: the resident's NIK (validated; audited by the caller)
};

// A desk and the ticket it is calling or serving, if any.
struct DeskView {
  CounterDesk desk;
  std::optional<CounterTicket> current;
};

// Seconds, over the tickets that have both ends of the interval.
struct DurationSummary {
  int64_t count = 0;
  double mean = 0;
  int64_t p50 = 0, p90 = 0;  // nearest rank
};

struct QueueStatsRow {
  int64_t desk_id = 0;     // 0: not called (by_service and total rows, or tickets no desk called)
  std::string desk_name;   // "" when desk_id is 0
  std::string service;     // "" in by_desk and total rows
  int64_t tickets = 0, waiting = 0, called = 0, serving = 0, done = 0, no_shows = 0;
  DurationSummary wait;     // issued -> first called
  DurationSummary service_time;  // started -> finished (DONE tickets)
};

struct QueueStats {
  int64_t site_id = 0;
  std::string from, to;  // local days, inclusive
  std::vector<QueueStatsRow> by_desk_service;  // desk_id, then service order
  std::vector<QueueStatsRow> by_service;
  std::vector<QueueStatsRow> by_desk;
  QueueStatsRow total;
};

// What a site's public display shows: ticket labels, desk names and counts, never a NIK.
struct DisplayCall {
  std::string label, service, desk_name, state, announced_at;
  int64_t recalls = 0;
};
struct DisplayDesk {
  std::string name;
  std::vector<std::string> services;
  std::string label, state;  // "" when the desk calls or serves no one
};
struct DisplayWaiting {
  std::string service, service_label;
  char letter = 'A';
  int64_t count = 0;
};
struct DisplayState {
  int64_t site_id = 0;
  std::string site_name, day, generated_at;
  std::vector<DisplayCall> called;  // the last announced first
  std::vector<DisplayDesk> desks;   // active desks, in id order
  std::vector<DisplayWaiting> waiting;  // per service some active desk offers, in the table's order
};

class CounterService {
 public:
  explicit CounterService(const Clock& clock) : clock_(clock) {}

  Result<CounterDesk> OpenDesk(Store& store, const Principal& who, int64_t site_id, const DeskInput& input);
  Result<std::vector<DeskView>> ListDesks(Store& store, const Principal& who, int64_t site_id);
  Result<CounterDesk> ChangeDesk(Store& store, const Principal& who, int64_t desk_id, const DeskChange& change);

  Result<CounterTicket> IssueTicket(Store& store, const Principal& who, int64_t site_id, const TicketInput& input);
  Result<CounterTicket> GetTicket(Store& store, const Principal& who, int64_t ticket_id);
  // The desk's next ticket, or nothing when no one waits for its services. Refused while the desk
  // still has a CALLED or SERVING ticket (finish it or mark it a no-show first).
  Result<std::optional<CounterTicket>> CallNext(Store& store, const Principal& who, int64_t desk_id);
  // recall, start, finish or no_show (kCall is CallNext). A ticket not in the state the action
  // needs is kConflict naming the ticket, its state and the state needed.
  Result<CounterTicket> Act(Store& store, const Principal& who, int64_t ticket_id, TicketAction action);

  // Local days [from, to] (YYYY-MM-DD; empty = the site's today), at most 366 days.
  Result<QueueStats> Stats(Store& store, const Principal& who, int64_t site_id, const std::string& from,
                           const std::string& to);
  // Public: no caller. An unknown or closed site is not found. `recent`: 1-20 calls.
  Result<DisplayState> Display(Store& store, int64_t site_id, int recent);

  // The site's local day now (its province's time zone).
  std::string LocalDay(const SiteRecord& site) const;

 private:
  Result<SiteRecord> SiteInScope(Store& store, const Principal& who, int64_t site_id);
  Result<CounterDesk> DeskInScope(Store& store, const Principal& who, int64_t desk_id);

  const Clock& clock_;
};

// The services of a desk as a list ("rekam_ktp,kk" -> {"rekam_ktp", "kk"}).
std::vector<std::string> DeskServices(const CounterDesk& desk);

}  // namespace siak
