#include "store/outreach_store.h"

#include <charconv>
#include <cstdio>
#include <string>

#include "store/sql_text.h"

namespace siak {
namespace {

std::string S(int64_t v) { return std::to_string(v); }

constexpr const char* kTeamColumns =
    "id, name, region_code, home_district, members, devices, capacity_per_day, working_days, active, created_by, "
    "created_at";
TeamRecord TeamFrom(const Row& r) {
  return TeamRecord{CellInt(r[0]),  CellText(r[1]),     CellText(r[2]), CellText(r[3]),
                    CellText(r[4]), CellText(r[5]),     CellInt(r[6]),  CellText(r[7]),
                    CellInt(r[8]) != 0, CellText(r[9]), CellText(r[10])};
}

constexpr const char* kPlanColumns =
    "id, region_code, starts_on, ends_on, state, replaces, summary, created_by, created_at";
PlanRecord PlanFrom(const Row& r) {
  return PlanRecord{CellInt(r[0]),  CellText(r[1]), CellText(r[2]), CellText(r[3]), CellText(r[4]),
                    CellInt(r[5]),  CellText(r[6]), CellText(r[7]), CellText(r[8])};
}

constexpr const char* kVisitColumns = "id, plan_id, team_id, day, village_code, planned, reasons, state";
VisitRecord VisitFrom(const Row& r) {
  return VisitRecord{CellInt(r[0]), CellInt(r[1]), CellInt(r[2]), CellText(r[3]),
                     CellText(r[4]), CellInt(r[5]), CellText(r[6]), CellText(r[7])};
}

constexpr const char* kOutcomeColumns =
    "visit_id, nik, region_code, outcome, recording_id, note, recorded_by, recorded_at";
OutcomeRecord OutcomeFrom(const Row& r) {
  return OutcomeRecord{CellInt(r[0]),  CellText(r[1]), CellText(r[2]), CellText(r[3]),
                       CellText(r[4]), CellText(r[5]), CellText(r[6]), CellText(r[7])};
}

constexpr const char* kTaskColumns =
    "id, kind, nik, region_code, visit_id, note, state, created_by, created_at, closed_by, closed_at, resolution";
TaskRecord TaskFrom(const Row& r) {
  return TaskRecord{CellInt(r[0]),  CellText(r[1]), CellText(r[2]),  CellText(r[3]),
                    CellInt(r[4]),  CellText(r[5]), CellText(r[6]),  CellText(r[7]),
                    CellText(r[8]), CellText(r[9]), CellText(r[10]), CellText(r[11])};
}

constexpr const char* kOutboxColumns =
    "id, channel, recipient, region_code, visit_id, body, state, attempts, last_error, created_at, sent_at, niks";
OutboxRecord OutboxFrom(const Row& r) {
  return OutboxRecord{CellInt(r[0]),  CellText(r[1]), CellText(r[2]),  CellText(r[3]),
                      CellInt(r[4]),  CellText(r[5]), CellText(r[6]),  CellInt(r[7]),
                      CellText(r[8]), CellText(r[9]), CellText(r[10]), CellText(r[11])};
}

// The person columns a missing list shows.
constexpr const char* kMissingColumns =
    "nik, nama, tanggal_lahir, COALESCE(kk_number, ''), region_code, alamat, jenis_kelamin, rt, rw, ektp_status";
MissingPerson MissingFrom(const Row& r) {
  return MissingPerson{CellText(r[0]), CellText(r[1]), CellText(r[2]), CellText(r[3]), CellText(r[4]),
                       CellText(r[5]), CellInt(r[6]),  CellInt(r[7]),  CellInt(r[8]),  CellInt(r[9])};
}

template <typename T, typename F>
std::vector<T> Map(const Store::SqlResult& r, F from) {
  std::vector<T> out;
  out.reserve(r.rows.size());
  for (const auto& row : r.rows) out.push_back(from(row));
  return out;
}

Result<int64_t> ReturningId(Result<Store::SqlResult> r, const char* what) {
  if (!r.ok()) return r.status();
  if (r->rows.empty()) return Status::Internal(std::string("INSERT INTO ") + what + " returned no id");
  return CellInt(r->rows[0][0]);
}

}  // namespace

// ---- region flags ---------------------------------------------------------------------------

Status OutreachStore::PutFlag(const RegionFlagRecord& f) {
  return store_
      .Sql("INSERT INTO region_flag (region_code, flag, source, note, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?) "
           "ON CONFLICT (region_code, flag) DO UPDATE SET source = excluded.source, note = excluded.note, "
           "set_by = excluded.set_by, set_at = excluded.set_at",
           {f.region_code, f.flag, f.source, f.note, f.set_by, f.set_at})
      .status();
}

Result<bool> OutreachStore::DeleteFlag(const std::string& region_code, const std::string& flag) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql("DELETE FROM region_flag WHERE region_code = ? AND flag = ?",
                                           {region_code, flag}));
  return r.affected > 0;
}

Result<std::vector<RegionFlagRecord>> OutreachStore::Flags(const std::string& prefix) {
  // Under the prefix, or one of its ancestors (the regency or district holding it).
  const std::string p4 = prefix.size() >= 4 ? prefix.substr(0, 4) : "-";
  const std::string p6 = prefix.size() >= 6 ? prefix.substr(0, 6) : "-";
  SIAK_ASSIGN_OR_RETURN(
      auto r, store_.Sql("SELECT region_code, flag, source, note, set_by, set_at FROM region_flag "
                         "WHERE (region_code >= ? AND region_code < ?) OR region_code = ? OR region_code = ? "
                         "ORDER BY region_code, flag",
                         {prefix, DigitPrefixEnd(prefix), p4, p6}));
  return Map<RegionFlagRecord>(r, [](const Row& row) {
    return RegionFlagRecord{CellText(row[0]), CellText(row[1]), CellText(row[2]),
                            CellText(row[3]), CellText(row[4]), CellText(row[5])};
  });
}

// ---- who is missing -------------------------------------------------------------------------

Result<std::vector<MissingCount>> OutreachStore::UnrecordedCounts(const std::string& prefix,
                                                                 const std::string& waiting_cutoff) {
  SIAK_ASSIGN_OR_RETURN(
      auto r, store_.Sql("SELECT region_code, rw, rt, COUNT(*), SUM(CASE WHEN tanggal_lahir < ? THEN 1 ELSE 0 END) "
                         "FROM person WHERE ektp_status IN (1, 5) AND status_dasar = 1 AND region_code >= ? AND "
                         "region_code < ? GROUP BY region_code, rw, rt ORDER BY region_code, rw, rt",
                         {waiting_cutoff, prefix, DigitPrefixEnd(prefix)}));
  return Map<MissingCount>(r, [](const Row& row) {
    return MissingCount{CellText(row[0]), CellInt(row[1]), CellInt(row[2]), CellInt(row[3]), CellInt(row[4])};
  });
}

Result<std::vector<MissingPerson>> OutreachStore::Unrecorded(const std::string& prefix,
                                                             const std::optional<Cursor>& after, int limit) {
  std::string sql = std::string("SELECT ") + kMissingColumns +
                    " FROM person WHERE ektp_status IN (1, 5) AND status_dasar = 1 AND region_code >= ? AND region_code < ?";
  // The row comparison implies region_code >= the cursor's village: given as the range's lower
  // bound, the index seek starts at the cursor's village instead of the prefix's first (SQLite
  // seeks on the region_code range alone, and read every entry before the cursor).
  const std::string& low = after && after->region_code > prefix ? after->region_code : prefix;
  Row params = {low, DigitPrefixEnd(prefix)};
  if (after) {
    sql += " AND (region_code, rw, rt, nik) > (?, ?, ?, ?)";
    params.insert(params.end(), {after->region_code, S(after->rw), S(after->rt), after->nik});
  }
  sql += " ORDER BY region_code, rw, rt, nik LIMIT ?";
  params.push_back(S(limit));
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(sql, params));
  return Map<MissingPerson>(r, MissingFrom);
}

Result<std::vector<MissingPerson>> OutreachStore::UnrecordedIn(const std::string& village_code) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kMissingColumns +
                                               " FROM person WHERE ektp_status IN (1, 5) AND status_dasar = 1 AND "
                                               "region_code = ? ORDER BY rw, rt, kk_number, nik",
                                           {village_code}));
  return Map<MissingPerson>(r, MissingFrom);
}

// The region condition of the upcoming lists (parameters: the prefix and DigitPrefixEnd of it).
// For a province or the whole country it is written so that no index can serve it
// (`region_code || ''`): SQLite, without statistics, would otherwise take the person_region range
// (every person of the province, each looked up in the table) over the partial index
// person_belum_wajib (tanggal_lahir) WHERE ektp_status = 0, whose range holds only those turning
// 17 by the date. For a regency or smaller the region's own persons are fewer: person_region stays.
namespace {
std::string UpcomingRegion(const std::string& prefix) {
  return prefix.size() <= 2 ? "region_code || '' >= ? AND region_code || '' < ?" : "region_code >= ? AND region_code < ?";
}
}  // namespace

Result<std::vector<MissingPerson>> OutreachStore::UpcomingWajib(const std::string& prefix, const std::string& born_by,
                                                                const std::string& after_nik, int limit) {
  SIAK_ASSIGN_OR_RETURN(
      auto r, store_.Sql(std::string("SELECT ") + kMissingColumns +
                             " FROM person WHERE ektp_status = 0 AND status_dasar = 1 AND tanggal_lahir <= ? AND " +
                             UpcomingRegion(prefix) + " AND nik > ? ORDER BY nik LIMIT ?",
                         {born_by, prefix, DigitPrefixEnd(prefix), after_nik, S(limit)}));
  return Map<MissingPerson>(r, MissingFrom);
}

Result<int64_t> OutreachStore::CountUpcomingWajib(const std::string& prefix, const std::string& born_by) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql("SELECT COUNT(*) FROM person WHERE ektp_status = 0 AND status_dasar = 1 "
                                           "AND tanggal_lahir <= ? AND " + UpcomingRegion(prefix),
                                           {born_by, prefix, DigitPrefixEnd(prefix)}));
  return r.rows.empty() ? 0 : CellInt(r.rows[0][0]);
}

Result<std::vector<MissingPerson>> OutreachStore::WithoutCard(const std::string& prefix,
                                                              const std::string& after_region,
                                                              const std::string& after_nik, int limit) {
  SIAK_ASSIGN_OR_RETURN(
      auto r, store_.Sql(std::string("SELECT ") + kMissingColumns +
                             " FROM person WHERE ektp_status IN (2, 3, 4, 6, 7, 8, 9) AND status_dasar = 1 AND "
                             "region_code >= ? AND region_code < ? AND (region_code, nik) > (?, ?) "
                             "ORDER BY region_code, nik LIMIT ?",
                         {prefix, DigitPrefixEnd(prefix), after_region, after_nik, S(limit)}));
  return Map<MissingPerson>(r, MissingFrom);
}

Result<std::map<int, int64_t>> OutreachStore::CountWithoutCard(const std::string& prefix) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql("SELECT ektp_status, COUNT(*) FROM person WHERE ektp_status IN (2, 3, 4, "
                                           "6, 7, 8, 9) AND status_dasar = 1 AND region_code >= ? AND region_code < ? "
                                           "GROUP BY ektp_status",
                                           {prefix, DigitPrefixEnd(prefix)}));
  std::map<int, int64_t> out;
  for (const auto& row : r.rows) out[static_cast<int>(CellInt(row[0]))] = CellInt(row[1]);
  return out;
}

// ---- teams ----------------------------------------------------------------------------------

Result<int64_t> OutreachStore::InsertTeam(const TeamRecord& t) {
  return ReturningId(
      store_.Sql("INSERT INTO outreach_team (name, region_code, home_district, members, devices, capacity_per_day, "
                 "working_days, active, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 {t.name, t.region_code, t.home_district, t.members, t.devices, S(t.capacity_per_day),
                  t.working_days, t.active ? "1" : "0", t.created_by, t.created_at}),
      "outreach_team");
}

Result<TeamRecord> OutreachStore::GetTeam(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kTeamColumns + " FROM outreach_team WHERE id = ?",
                                           {S(id)}));
  if (r.rows.empty()) return Status::NotFound("team_id", S(id));
  return TeamFrom(r.rows[0]);
}

Result<std::vector<TeamRecord>> OutreachStore::Teams(const std::string& prefix) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kTeamColumns +
                                               " FROM outreach_team WHERE region_code >= ? AND region_code < ? "
                                               "ORDER BY id",
                                           {prefix, DigitPrefixEnd(prefix)}));
  return Map<TeamRecord>(r, TeamFrom);
}

// ---- plans and visits -----------------------------------------------------------------------

Result<int64_t> OutreachStore::InsertPlan(const PlanRecord& p) {
  return ReturningId(store_.Sql("INSERT INTO outreach_plan (region_code, starts_on, ends_on, state, replaces, summary, "
                                "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                {p.region_code, p.starts_on, p.ends_on, p.state, S(p.replaces), p.summary,
                                 p.created_by, p.created_at}),
                     "outreach_plan");
}

Result<PlanRecord> OutreachStore::GetPlan(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kPlanColumns + " FROM outreach_plan WHERE id = ?",
                                           {S(id)}));
  if (r.rows.empty()) return Status::NotFound("plan_id", S(id));
  return PlanFrom(r.rows[0]);
}

Result<std::vector<PlanRecord>> OutreachStore::Plans(const std::string& prefix, int limit) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kPlanColumns +
                                               " FROM outreach_plan WHERE region_code >= ? AND region_code < ? "
                                               "ORDER BY id DESC LIMIT ?",
                                           {prefix, DigitPrefixEnd(prefix), S(limit)}));
  return Map<PlanRecord>(r, PlanFrom);
}

Result<std::optional<PlanRecord>> OutreachStore::ActivePlan(const std::string& region_code) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kPlanColumns +
                                               " FROM outreach_plan WHERE region_code = ? AND state = 'ACTIVE' "
                                               "ORDER BY id DESC LIMIT 1",
                                           {region_code}));
  if (r.rows.empty()) return std::optional<PlanRecord>();
  return std::optional<PlanRecord>(PlanFrom(r.rows[0]));
}

Status OutreachStore::SupersedePlan(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql("UPDATE outreach_plan SET state = 'SUPERSEDED' WHERE id = ? AND "
                                           "state = 'ACTIVE'",
                                           {S(id)}));
  if (r.affected != 1) return Status::Conflict("plan_id", S(id), "is not an active plan");
  return Status::Ok();
}

Result<int64_t> OutreachStore::InsertVisit(const VisitRecord& v) {
  return ReturningId(store_.Sql("INSERT INTO outreach_visit (plan_id, team_id, day, village_code, planned, reasons, "
                                "state) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                {S(v.plan_id), S(v.team_id), v.day, v.village_code, S(v.planned), v.reasons, v.state}),
                     "outreach_visit");
}

Result<VisitRecord> OutreachStore::GetVisit(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kVisitColumns +
                                               " FROM outreach_visit WHERE id = ?",
                                           {S(id)}));
  if (r.rows.empty()) return Status::NotFound("visit_id", S(id));
  return VisitFrom(r.rows[0]);
}

Result<std::vector<VisitRecord>> OutreachStore::Visits(int64_t plan_id) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kVisitColumns +
                                               " FROM outreach_visit WHERE plan_id = ? ORDER BY team_id, day, id",
                                           {S(plan_id)}));
  return Map<VisitRecord>(r, VisitFrom);
}

Status OutreachStore::SetVisitState(int64_t id, const std::string& from, const std::string& to) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql("UPDATE outreach_visit SET state = ? WHERE id = ? AND state = ?",
                                           {to, S(id), from}));
  if (r.affected != 1) return Status::Conflict("visit_id", S(id), "is no longer " + from);
  return Status::Ok();
}

Result<std::vector<PlanRecord>> OutreachStore::ActivePlansUnder(const std::string& prefix) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kPlanColumns +
                                               " FROM outreach_plan WHERE state = 'ACTIVE' AND region_code >= ? AND "
                                               "region_code < ? ORDER BY id",
                                           {prefix, DigitPrefixEnd(prefix)}));
  return Map<PlanRecord>(r, PlanFrom);
}

// ---- outcomes -------------------------------------------------------------------------------

Status OutreachStore::PutOutcome(const OutcomeRecord& o) {
  return store_
      .Sql("INSERT INTO outreach_outcome (visit_id, nik, region_code, outcome, recording_id, note, recorded_by, "
           "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (visit_id, nik) DO UPDATE SET "
           "outcome = excluded.outcome, recording_id = excluded.recording_id, note = excluded.note, "
           "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
           {S(o.visit_id), o.nik, o.region_code, o.outcome, o.recording_id, o.note, o.recorded_by, o.recorded_at})
      .status();
}

Result<std::vector<OutcomeRecord>> OutreachStore::Outcomes(int64_t visit_id) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kOutcomeColumns +
                                               " FROM outreach_outcome WHERE visit_id = ? ORDER BY nik",
                                           {S(visit_id)}));
  return Map<OutcomeRecord>(r, OutcomeFrom);
}

Result<std::vector<OutcomeRecord>> OutreachStore::PlanOutcomes(int64_t plan_id) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql("SELECT o.visit_id, o.nik, o.region_code, o.outcome, o.recording_id, "
                                           "o.note, o.recorded_by, o.recorded_at FROM outreach_outcome o JOIN "
                                           "outreach_visit v ON v.id = o.visit_id WHERE v.plan_id = ? "
                                           "ORDER BY o.visit_id, o.nik",
                                           {S(plan_id)}));
  return Map<OutcomeRecord>(r, OutcomeFrom);
}

Result<std::optional<OutcomeRecord>> OutreachStore::GetOutcome(int64_t visit_id, const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kOutcomeColumns +
                                               " FROM outreach_outcome WHERE visit_id = ? AND nik = ?",
                                           {S(visit_id), nik}));
  if (r.rows.empty()) return std::optional<OutcomeRecord>();
  return std::optional<OutcomeRecord>(OutcomeFrom(r.rows[0]));
}

Result<std::vector<OutcomeRecord>> OutreachStore::OutcomesWithRecording(const std::string& recording_id) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kOutcomeColumns +
                                               " FROM outreach_outcome WHERE recording_id = ? ORDER BY visit_id",
                                           {recording_id}));
  return Map<OutcomeRecord>(r, OutcomeFrom);
}

Result<std::vector<OutcomeRecord>> OutreachStore::OutcomesOfWaiting(const std::string& prefix) {
  // Every outcome of a person under the prefix who is still waiting to be recorded.
  SIAK_ASSIGN_OR_RETURN(
      auto r, store_.Sql("SELECT o.visit_id, o.nik, o.region_code, o.outcome, o.recording_id, o.note, o.recorded_by, "
                         "o.recorded_at FROM outreach_outcome o WHERE o.region_code >= ? AND o.region_code < ? AND "
                         "EXISTS (SELECT 1 FROM person p WHERE p.nik = o.nik AND p.ektp_status IN (1, 5) AND "
                         "p.status_dasar = 1) ORDER BY o.nik, o.recorded_at",
                         {prefix, DigitPrefixEnd(prefix)}));
  return Map<OutcomeRecord>(r, OutcomeFrom);
}

// ---- register tasks -------------------------------------------------------------------------

Result<std::optional<TaskRecord>> OutreachStore::OpenTask(const std::string& nik, const std::string& kind) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kTaskColumns +
                                               " FROM register_task WHERE nik = ? AND kind = ? AND state = 'OPEN'",
                                           {nik, kind}));
  if (r.rows.empty()) return std::optional<TaskRecord>();
  return std::optional<TaskRecord>(TaskFrom(r.rows[0]));
}

Result<int64_t> OutreachStore::InsertTask(const TaskRecord& t) {
  return ReturningId(store_.Sql("INSERT INTO register_task (kind, nik, region_code, visit_id, note, created_by, "
                                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                {t.kind, t.nik, t.region_code, S(t.visit_id), t.note, t.created_by, t.created_at}),
                     "register_task");
}

Result<TaskRecord> OutreachStore::GetTask(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kTaskColumns + " FROM register_task WHERE id = ?",
                                           {S(id)}));
  if (r.rows.empty()) return Status::NotFound("task_id", S(id));
  return TaskFrom(r.rows[0]);
}

Result<std::vector<TaskRecord>> OutreachStore::Tasks(const std::string& prefix, const std::string& state,
                                                    int64_t after_id, int limit) {
  std::string sql = std::string("SELECT ") + kTaskColumns +
                    " FROM register_task WHERE region_code >= ? AND region_code < ? AND id > ?";
  Row params = {prefix, DigitPrefixEnd(prefix), S(after_id)};
  if (!state.empty()) {
    sql += " AND state = ?";
    params.push_back(state);
  }
  sql += " ORDER BY id LIMIT ?";
  params.push_back(S(limit));
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(sql, params));
  return Map<TaskRecord>(r, TaskFrom);
}

Status OutreachStore::CloseTask(int64_t id, const std::string& state, const std::string& by, const std::string& at,
                               const std::string& resolution) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql("UPDATE register_task SET state = ?, closed_by = ?, closed_at = ?, "
                                           "resolution = ? WHERE id = ? AND state = 'OPEN'",
                                           {state, by, at, resolution, S(id)}));
  if (r.affected != 1) return Status::Conflict("task_id", S(id), "is not an open task");
  return Status::Ok();
}

// ---- outbox ---------------------------------------------------------------------------------

Result<int64_t> OutreachStore::Enqueue(const OutboxRecord& m) {
  // Once per (visit, household, channel), even when two requests race: the unique index decides.
  SIAK_ASSIGN_OR_RETURN(
      auto r, store_.Sql("INSERT INTO outbox_message (channel, recipient, region_code, visit_id, body, niks, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (visit_id, recipient, channel) WHERE visit_id <> 0 "
                         "DO NOTHING RETURNING id",
                         {m.channel, m.recipient, m.region_code, S(m.visit_id), m.body, m.niks, m.created_at}));
  return r.rows.empty() ? int64_t{0} : CellInt(r.rows[0][0]);
}

Result<std::vector<OutboxRecord>> OutreachStore::Pending(int limit) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kOutboxColumns +
                                               " FROM outbox_message WHERE state = 'PENDING' ORDER BY id LIMIT ?",
                                           {S(limit)}));
  return Map<OutboxRecord>(r, OutboxFrom);
}

Result<std::vector<OutboxRecord>> OutreachStore::Outbox(const std::string& prefix, int64_t after_id, int limit) {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql(std::string("SELECT ") + kOutboxColumns +
                                               " FROM outbox_message WHERE region_code >= ? AND region_code < ? AND "
                                               "id > ? ORDER BY id LIMIT ?",
                                           {prefix, DigitPrefixEnd(prefix), S(after_id), S(limit)}));
  return Map<OutboxRecord>(r, OutboxFrom);
}

Status OutreachStore::MarkSent(int64_t id, const std::string& at) {
  return store_
      .Sql("UPDATE outbox_message SET state = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = '' "
           "WHERE id = ? AND state = 'PENDING'",
           {at, S(id)})
      .status();
}

Status OutreachStore::MarkFailed(int64_t id, const std::string& error, bool final) {
  return store_
      .Sql("UPDATE outbox_message SET state = ?, attempts = attempts + 1, last_error = ? WHERE id = ? AND "
           "state = 'PENDING'",
           {final ? "FAILED" : "PENDING", error, S(id)})
      .status();
}

// ---- targets and snapshots ------------------------------------------------------------------

Status OutreachStore::PutTarget(const TargetRecord& t) {
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.6f", t.target_rate);
  return store_
      .Sql("INSERT INTO recording_target (region_code, target_rate, target_date, set_by, set_at) VALUES "
           "(?, ?, ?, ?, ?) ON CONFLICT (region_code) DO UPDATE SET target_rate = excluded.target_rate, "
           "target_date = excluded.target_date, set_by = excluded.set_by, set_at = excluded.set_at",
           {t.region_code, rate, t.target_date, t.set_by, t.set_at})
      .status();
}

Result<std::vector<TargetRecord>> OutreachStore::Targets() {
  SIAK_ASSIGN_OR_RETURN(auto r, store_.Sql("SELECT region_code, target_rate, target_date, set_by, set_at FROM "
                                           "recording_target ORDER BY region_code",
                                           {}));
  return Map<TargetRecord>(r, [](const Row& row) {
    // A REAL (SQLite) or DOUBLE PRECISION (PostgreSQL) printed as text; the CHECK keeps it in (0, 1].
    const std::string rate = CellText(row[1]);
    double value = 0;
    std::from_chars(rate.data(), rate.data() + rate.size(), value);
    return TargetRecord{CellText(row[0]), value, CellText(row[2]), CellText(row[3]), CellText(row[4])};
  });
}

Result<int64_t> OutreachStore::TakeSnapshot(const std::string& day) {
  // The counters hold living persons per village and status (PostgreSQL's pending deltas are
  // folded by the caller first: EktpStore::CompactCoverage). Wajib: every status but BELUM_WAJIB
  // (0) and MERGED (11); recorded: SENT_FOR_ENROLLMENT (2) .. CARD_ISSUED (10).
  SIAK_RETURN_IF_ERROR(store_.Sql("DELETE FROM coverage_snapshot WHERE day = ?", {day}).status());
  SIAK_ASSIGN_OR_RETURN(
      auto r, store_.Sql("INSERT INTO coverage_snapshot (day, region_code, wajib_ktp, recorded) SELECT ?, region_code, "
                         "SUM(CASE WHEN ektp_status <> 0 AND ektp_status <> 11 THEN n ELSE 0 END), "
                         "SUM(CASE WHEN ektp_status BETWEEN 2 AND 10 THEN n ELSE 0 END) FROM ektp_coverage "
                         "GROUP BY region_code",
                         {day}));
  return r.affected;
}

Status OutreachStore::PutSnapshotRows(const std::vector<SnapshotRow>& rows) {
  for (const auto& s : rows) {
    SIAK_RETURN_IF_ERROR(
        store_
            .Sql("INSERT INTO coverage_snapshot (day, region_code, wajib_ktp, recorded) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (region_code, day) DO UPDATE SET wajib_ktp = excluded.wajib_ktp, "
                 "recorded = excluded.recorded",
                 {s.day, s.region_code, S(s.wajib_ktp), S(s.recorded)})
            .status());
  }
  return Status::Ok();
}

Result<std::vector<SnapshotRow>> OutreachStore::SnapshotSeries(const std::string& prefix, int child_digits,
                                                              const std::string& from_day) {
  SIAK_ASSIGN_OR_RETURN(
      auto r, store_.Sql("SELECT day, substr(region_code, 1, ?), SUM(wajib_ktp), SUM(recorded) FROM coverage_snapshot "
                         "WHERE day >= ? AND region_code >= ? AND region_code < ? GROUP BY 1, 2 ORDER BY 2, 1",
                         {S(child_digits), from_day, prefix, DigitPrefixEnd(prefix)}));
  return Map<SnapshotRow>(r, [](const Row& row) {
    return SnapshotRow{CellText(row[0]), CellText(row[1]), CellInt(row[2]), CellInt(row[3])};
  });
}

}  // namespace siak
