#include "store/counter_store.h"

#include "store/sql_text.h"

namespace siak {
namespace {

constexpr const char* kDeskColumns = "id, site_id, name, services, active, created_by, created_at";
constexpr const char* kTicketColumns =
    "id, site_id, service, day, number, label, state, desk_id, nik, issued_by, issued_at, called_at, announced_at, "
    "recalls, started_at, finished_at";

CounterDesk DeskFromRow(const Row& r) {
  return CounterDesk{CellInt(r[0]),          CellInt(r[1]),   CellText(r[2]), CellText(r[3]),
                     CellInt(r[4]) != 0, CellText(r[5]), CellText(r[6])};
}

CounterTicket TicketFromRow(const Row& r) {
  return CounterTicket{CellInt(r[0]),   CellInt(r[1]),   CellText(r[2]),  CellText(r[3]),  CellInt(r[4]),
                       CellText(r[5]),  CellText(r[6]),  CellInt(r[7]),   CellText(r[8]),  CellText(r[9]),
                       CellText(r[10]), CellText(r[11]), CellText(r[12]), CellInt(r[13]), CellText(r[14]),
                       CellText(r[15])};
}

std::vector<CounterTicket> Tickets(const Store::SqlResult& r) {
  std::vector<CounterTicket> out;
  out.reserve(r.rows.size());
  for (const auto& row : r.rows) out.push_back(TicketFromRow(row));
  return out;
}

// The UPDATE of an action other than a call: the assignments and the state it needs.
struct ActionSql {
  const char* set;
  const char* needs;
};
std::optional<ActionSql> SqlOf(TicketAction action) {
  switch (action) {
    case TicketAction::kCall: return std::nullopt;
    case TicketAction::kRecall: return ActionSql{"announced_at = ?, recalls = recalls + 1", "CALLED"};
    case TicketAction::kStart: return ActionSql{"state = 'SERVING', started_at = ?", "CALLED"};
    case TicketAction::kFinish: return ActionSql{"state = 'DONE', finished_at = ?", "SERVING"};
    case TicketAction::kNoShow: return ActionSql{"state = 'NO_SHOW', finished_at = ?", "CALLED"};
  }
  return std::nullopt;
}

}  // namespace

Result<int64_t> CounterStore::InsertDesk(const CounterDesk& d) {
  auto r = store_.Sql("INSERT INTO counter_desk (site_id, name, services, active, created_by, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                      {std::to_string(d.site_id), d.name, d.services, d.active ? "1" : "0", d.created_by,
                       d.created_at});
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kAlreadyExists) return Status::AlreadyExists("name", d.name);
    return r.status();
  }
  if (r->rows.empty()) return Status::Internal("INSERT INTO counter_desk returned no id");
  return CellInt(r->rows[0][0]);
}

Result<CounterDesk> CounterStore::GetDesk(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kDeskColumns + " FROM counter_desk WHERE id = ?",
                                   {std::to_string(id)}));
  if (r.rows.empty()) return Status::NotFound("desk_id", std::to_string(id));
  return DeskFromRow(r.rows[0]);
}

Result<std::vector<CounterDesk>> CounterStore::Desks(int64_t site_id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kDeskColumns +
                                       " FROM counter_desk WHERE site_id = ? ORDER BY id",
                                   {std::to_string(site_id)}));
  std::vector<CounterDesk> out;
  for (const auto& row : r.rows) out.push_back(DeskFromRow(row));
  return out;
}

Status CounterStore::UpdateDesk(const CounterDesk& d) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("UPDATE counter_desk SET services = ?, active = ? WHERE id = ?",
                                   {d.services, d.active ? "1" : "0", std::to_string(d.id)}));
  if (r.affected != 1) return Status::NotFound("desk_id", std::to_string(d.id));
  return Status::Ok();
}

Result<int64_t> CounterStore::NextNumber(int64_t site_id, const std::string& service, const std::string& day) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("INSERT INTO counter_sequence (site_id, service, day, last_number) VALUES (?, ?, ?, 1) "
                 "ON CONFLICT (site_id, service, day) DO UPDATE SET last_number = counter_sequence.last_number + 1 "
                 "RETURNING last_number",
                 {std::to_string(site_id), service, day}));
  if (r.rows.empty()) return Status::Internal("counter_sequence returned no number");
  return CellInt(r.rows[0][0]);
}

Result<int64_t> CounterStore::InsertTicket(const CounterTicket& t) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("INSERT INTO counter_ticket (site_id, service, day, number, label, state, nik, issued_by, issued_at) "
                 "VALUES (?, ?, ?, ?, ?, 'WAITING', ?, ?, ?) RETURNING id",
                 {std::to_string(t.site_id), t.service, t.day, std::to_string(t.number), t.label, t.nik, t.issued_by,
                  t.issued_at}));
  if (r.rows.empty()) return Status::Internal("INSERT INTO counter_ticket returned no id");
  return CellInt(r.rows[0][0]);
}

Result<CounterTicket> CounterStore::GetTicket(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kTicketColumns + " FROM counter_ticket WHERE id = ?",
                                   {std::to_string(id)}));
  if (r.rows.empty()) return Status::NotFound("ticket_id", std::to_string(id));
  return TicketFromRow(r.rows[0]);
}

Result<std::optional<CounterTicket>> CounterStore::CallNext(int64_t site_id, const std::string& day,
                                                            const std::vector<std::string>& services, int64_t desk_id,
                                                            const std::string& at) {
  if (services.empty()) return std::optional<CounterTicket>();
  std::string in;
  for (size_t i = 0; i < services.size(); ++i) in += i == 0 ? "?" : ", ?";
  const std::string waiting = "FROM counter_ticket WHERE site_id = ? AND day = ? AND state = 'WAITING' AND service IN (" +
                              in + ")";
  Row where{std::to_string(site_id), day};
  where.insert(where.end(), services.begin(), services.end());
  Row update{std::to_string(desk_id), at, at};
  update.insert(update.end(), where.begin(), where.end());
  // The candidate is read and claimed in one statement; the outer state test makes the claim
  // conditional, so a caller that lost the race to the same ticket changes nothing and tries the
  // next one. Each retry is a fresh statement (a fresh snapshot on PostgreSQL).
  constexpr int kAttempts = 64;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    SIAK_ASSIGN_OR_RETURN(
        Store::SqlResult r,
        store_.Sql("UPDATE counter_ticket SET state = 'CALLED', desk_id = ?, called_at = ?, announced_at = ? "
                   "WHERE id = (SELECT id " + waiting + " ORDER BY issued_at, id LIMIT 1) AND state = 'WAITING' "
                   "RETURNING " + kTicketColumns,
                   update));
    if (!r.rows.empty()) return std::optional<CounterTicket>(TicketFromRow(r.rows[0]));
    SIAK_ASSIGN_OR_RETURN(Store::SqlResult left, store_.Sql("SELECT COUNT(*) " + waiting, where));
    if (left.rows.empty() || CellInt(left.rows[0][0]) == 0) return std::optional<CounterTicket>();
  }
  return Status::Conflict("desk_id", std::to_string(desk_id), "lost the race for the next ticket too often; try again");
}

Result<CounterTicket> CounterStore::Apply(int64_t id, TicketAction action, const std::string& at) {
  const auto sql = SqlOf(action);
  if (!sql) return Status::Internal("CounterStore::Apply is not for calls: use CallNext");
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("UPDATE counter_ticket SET ") + sql->set + " WHERE id = ? AND state = '" +
                                       sql->needs + "' RETURNING " + kTicketColumns,
                                   {at, std::to_string(id)}));
  if (r.rows.empty()) {
    return Status::Conflict("ticket_id", std::to_string(id),
                            std::string(TicketActionName(action)) + " needs a " + sql->needs + " ticket");
  }
  return TicketFromRow(r.rows[0]);
}

Result<std::vector<CounterTicket>> CounterStore::OpenAtDesk(int64_t desk_id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kTicketColumns +
                                       " FROM counter_ticket WHERE desk_id = ? AND state IN ('CALLED', 'SERVING') "
                                       "ORDER BY id",
                                   {std::to_string(desk_id)}));
  return Tickets(r);
}

Result<std::vector<CounterTicket>> CounterStore::TicketsOf(int64_t site_id, const std::string& from,
                                                           const std::string& to) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kTicketColumns +
                                       " FROM counter_ticket WHERE site_id = ? AND day >= ? AND day <= ? ORDER BY id",
                                   {std::to_string(site_id), from, to}));
  return Tickets(r);
}

Result<std::vector<CounterTicket>> CounterStore::RecentlyCalled(int64_t site_id, const std::string& day, int limit) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kTicketColumns +
                                       " FROM counter_ticket WHERE site_id = ? AND day = ? AND state <> 'WAITING' "
                                       "ORDER BY announced_at DESC, id DESC LIMIT ?",
                                   {std::to_string(site_id), day, std::to_string(limit)}));
  return Tickets(r);
}

Result<std::map<std::string, int64_t>> CounterStore::WaitingCounts(int64_t site_id, const std::string& day) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("SELECT service, COUNT(*) FROM counter_ticket WHERE site_id = ? AND day = ? AND "
                                   "state = 'WAITING' GROUP BY service",
                                   {std::to_string(site_id), day}));
  std::map<std::string, int64_t> out;
  for (const auto& row : r.rows) out[CellText(row[0])] = CellInt(row[1]);
  return out;
}

}  // namespace siak
