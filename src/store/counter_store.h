// CounterStore: the service-counter tables (migration 11) over Store::Sql, the same SQL on both
// backends. Desks at a site, queue tickets and their numbers. Every change of a ticket's state is
// one UPDATE conditional on the state it needs, so two desks calling "next" at once never get the
// same ticket and a ticket is finished (or marked a no-show) once. Thread safety: like the Store it
// wraps, one thread at a time; open a CounterStore per connection.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/counter_queue.h"
#include "store/store.h"

namespace siak {

struct CounterDesk {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string name;      // "Loket 1"
  std::string services;  // comma-separated service names, in the table's order
  bool active = true;
  std::string created_by, created_at;
};

struct CounterTicket {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string service;  // domain/counter_queue.h name
  std::string day;      // the site's local day, YYYY-MM-DD
  int64_t number = 0;   // 1, 2, ... per (site, service, day)
  std::string label;    // "A-007"
  std::string state;    // WAITING | CALLED | SERVING | DONE | NO_SHOW
  int64_t desk_id = 0;  // 0 until called
  std::string nik;      // "" when the resident gave none
  std::string issued_by, issued_at;
  std::string called_at;     // first call
  std::string announced_at;  // last call or recall
  int64_t recalls = 0;
  std::string started_at, finished_at;  // finished_at: DONE, or marked NO_SHOW
};

class CounterStore {
 public:
  explicit CounterStore(Store& store) : store_(store) {}

  // kAlreadyExists (field "name") when the site has a desk of that name.
  Result<int64_t> InsertDesk(const CounterDesk& desk);
  Result<CounterDesk> GetDesk(int64_t id);  // kNotFound (field "desk_id")
  Result<std::vector<CounterDesk>> Desks(int64_t site_id);  // in id order
  Status UpdateDesk(const CounterDesk& desk);  // services and active

  // The next ticket number of (site, service, day): 1, 2, ... never handed out twice.
  Result<int64_t> NextNumber(int64_t site_id, const std::string& service, const std::string& day);
  // Inserts a WAITING ticket; returns its id.
  Result<int64_t> InsertTicket(const CounterTicket& ticket);
  Result<CounterTicket> GetTicket(int64_t id);  // kNotFound (field "ticket_id")

  // Calls the oldest WAITING ticket of (site, day) among `services` (by issue time, then id) to
  // `desk_id`: one conditional UPDATE, retried when another caller took that ticket first.
  // Nothing when no such ticket waits.
  Result<std::optional<CounterTicket>> CallNext(int64_t site_id, const std::string& day,
                                                const std::vector<std::string>& services, int64_t desk_id,
                                                const std::string& at);
  // recall, start, finish or no_show: applied only while the ticket is in the state the action
  // needs (domain/counter_queue.h), else kConflict naming the ticket. kCall is CallNext's.
  Result<CounterTicket> Apply(int64_t id, TicketAction action, const std::string& at);

  // The desk's CALLED or SERVING tickets.
  Result<std::vector<CounterTicket>> OpenAtDesk(int64_t desk_id);
  // Tickets of the site issued on days [from, to], in id order.
  Result<std::vector<CounterTicket>> TicketsOf(int64_t site_id, const std::string& from, const std::string& to);
  // The site's tickets of `day` called so far, the last announced first.
  Result<std::vector<CounterTicket>> RecentlyCalled(int64_t site_id, const std::string& day, int limit);
  // WAITING tickets of (site, day) per service.
  Result<std::map<std::string, int64_t>> WaitingCounts(int64_t site_id, const std::string& day);

 private:
  Store& store_;
};

}  // namespace siak
