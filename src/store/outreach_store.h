// OutreachStore: jemput bola's tables (migration 10) over Store::Sql, the same SQL on both
// backends: region flags, mobile teams, plans and visits, outcomes per person visited, register
// tasks, the message outbox, recording targets, coverage snapshots, and the "who is missing"
// lists over the person table's partial indexes (person_belum_rekam, person_tanpa_kartu,
// person_belum_wajib).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace siak {

struct RegionFlagRecord {
  std::string region_code, flag, source, note, set_by, set_at;
};

struct TeamRecord {
  int64_t id = 0;
  std::string name, region_code, home_district;
  std::string members = "[]", devices = "[]";  // JSON arrays
  int64_t capacity_per_day = 0;
  std::string working_days = "12345";
  bool active = true;
  std::string created_by, created_at;
};

struct PlanRecord {
  int64_t id = 0;
  std::string region_code, starts_on, ends_on, state = "ACTIVE";
  int64_t replaces = 0;
  std::string summary = "{}";
  std::string created_by, created_at;
};

struct VisitRecord {
  int64_t id = 0, plan_id = 0, team_id = 0;
  std::string day, village_code;
  int64_t planned = 0;
  std::string reasons;
  std::string state = "PLANNED";
};

struct OutcomeRecord {
  int64_t visit_id = 0;
  std::string nik, region_code, outcome, recording_id, note, recorded_by, recorded_at;
};

struct TaskRecord {
  int64_t id = 0;
  std::string kind, nik, region_code;
  int64_t visit_id = 0;
  std::string note, state = "OPEN", created_by, created_at, closed_by, closed_at, resolution;
};

struct OutboxRecord {
  int64_t id = 0;
  std::string channel, recipient, region_code;
  int64_t visit_id = 0;
  std::string body, state = "PENDING";
  int64_t attempts = 0;
  std::string last_error, created_at, sent_at;
  std::string niks;  // the household members the message names, comma separated (audit)
};

struct TargetRecord {
  std::string region_code;
  double target_rate = 0;
  std::string target_date, set_by, set_at;
};

// A person on a "who is missing" list: what a team needs to find them, nothing more.
struct MissingPerson {
  std::string nik, nama, tanggal_lahir, kk_number, region_code, alamat;
  int64_t jenis_kelamin = 0, rt = 0, rw = 0, ektp_status = 0;
};

// Unrecorded wajib KTP counted by village, RW and RT.
struct MissingCount {
  std::string region_code;
  int64_t rw = 0, rt = 0, persons = 0;
  int64_t waiting_over_year = 0;  // born before the cutoff given (wajib for more than a year)
};

struct SnapshotRow {
  std::string day, region_code;
  int64_t wajib_ktp = 0, recorded = 0;
};

class OutreachStore {
 public:
  explicit OutreachStore(Store& store) : store_(store) {}

  // Region flags.
  Status PutFlag(const RegionFlagRecord& f);  // insert or replace (region_code, flag)
  Result<bool> DeleteFlag(const std::string& region_code, const std::string& flag);
  // Flags on regions under `prefix` and on the regions above it (its regency and district).
  Result<std::vector<RegionFlagRecord>> Flags(const std::string& prefix);

  // Who is missing. Region prefixes are digits; "" = everywhere.
  // Unrecorded wajib KTP (BELUM_REKAM, living) by village, RW and RT; `waiting_cutoff` is a birth
  // date (YYYY-MM-DD): those born before it count as waiting over a year.
  Result<std::vector<MissingCount>> UnrecordedCounts(const std::string& prefix, const std::string& waiting_cutoff);
  // The same persons in (village, RW, RT, NIK) order after the cursor `after` (empty: from the start).
  struct Cursor {
    std::string region_code;
    int64_t rw = 0, rt = 0;
    std::string nik;
  };
  Result<std::vector<MissingPerson>> Unrecorded(const std::string& prefix, const std::optional<Cursor>& after,
                                                int limit);
  // Living BELUM_WAJIB born on or before `born_by` (they are 17 by the date asked about), in NIK order.
  Result<std::vector<MissingPerson>> UpcomingWajib(const std::string& prefix, const std::string& born_by,
                                                   const std::string& after_nik, int limit);
  Result<int64_t> CountUpcomingWajib(const std::string& prefix, const std::string& born_by);
  // Living, recorded, no card yet (statuses SENT_FOR_ENROLLMENT .. CARD_SHIPPED), in (village, NIK) order.
  Result<std::vector<MissingPerson>> WithoutCard(const std::string& prefix, const std::string& after_region,
                                                 const std::string& after_nik, int limit);
  Result<std::map<int, int64_t>> CountWithoutCard(const std::string& prefix);  // by e-KTP status
  // Unrecorded persons of one village, with their KK, for a visit and its invitations.
  Result<std::vector<MissingPerson>> UnrecordedIn(const std::string& village_code);

  // Teams.
  Result<int64_t> InsertTeam(const TeamRecord& t);
  Result<TeamRecord> GetTeam(int64_t id);
  Result<std::vector<TeamRecord>> Teams(const std::string& prefix);  // teams whose region is under prefix

  // Plans and visits.
  Result<int64_t> InsertPlan(const PlanRecord& p);
  Result<PlanRecord> GetPlan(int64_t id);
  Result<std::vector<PlanRecord>> Plans(const std::string& prefix, int limit);
  Status SupersedePlan(int64_t id);  // ACTIVE -> SUPERSEDED; kConflict otherwise
  Result<int64_t> InsertVisit(const VisitRecord& v);
  Result<VisitRecord> GetVisit(int64_t id);
  Result<std::vector<VisitRecord>> Visits(int64_t plan_id);
  // `from` -> `to`; kConflict when the visit is no longer `from` (a re-plan cancelled it).
  Status SetVisitState(int64_t id, const std::string& from, const std::string& to);
  // The region's ACTIVE plan (a unique index keeps it to one), and the ACTIVE plans of every
  // region under a prefix (to find plans of a wider or narrower region over the same villages).
  Result<std::optional<PlanRecord>> ActivePlan(const std::string& region_code);
  Result<std::vector<PlanRecord>> ActivePlansUnder(const std::string& prefix);

  // Outcomes (insert, or replace the same visit's outcome for the person).
  Status PutOutcome(const OutcomeRecord& o);
  Result<std::vector<OutcomeRecord>> Outcomes(int64_t visit_id);
  Result<std::vector<OutcomeRecord>> PlanOutcomes(int64_t plan_id);
  Result<std::optional<OutcomeRecord>> GetOutcome(int64_t visit_id, const std::string& nik);
  Result<std::vector<OutcomeRecord>> OutcomesWithRecording(const std::string& recording_id);
  // Every outcome, in any plan, of the persons under `prefix` still waiting to be recorded, by NIK
  // and time (a re-plan leaves out those whose latest outcome was refused, moved away or died).
  Result<std::vector<OutcomeRecord>> OutcomesOfWaiting(const std::string& prefix);

  // Register tasks.
  Result<int64_t> InsertTask(const TaskRecord& t);
  Result<std::optional<TaskRecord>> OpenTask(const std::string& nik, const std::string& kind);
  Result<TaskRecord> GetTask(int64_t id);
  Result<std::vector<TaskRecord>> Tasks(const std::string& prefix, const std::string& state, int64_t after_id,
                                        int limit);
  Status CloseTask(int64_t id, const std::string& state, const std::string& by, const std::string& at,
                   const std::string& resolution);  // OPEN -> DONE | DISMISSED; kConflict otherwise

  // Outbox. Enqueue returns 0 when the same (visit, recipient, channel) is queued already.
  Result<int64_t> Enqueue(const OutboxRecord& m);
  Result<std::vector<OutboxRecord>> Pending(int limit);
  Result<std::vector<OutboxRecord>> Outbox(const std::string& prefix, int64_t after_id, int limit);
  Status MarkSent(int64_t id, const std::string& at);
  Status MarkFailed(int64_t id, const std::string& error, bool final);

  // Targets.
  Status PutTarget(const TargetRecord& t);
  Result<std::vector<TargetRecord>> Targets();

  // Coverage snapshots: today's counters per village (replacing the day's rows), and the series
  // for villages under `prefix` summed by the first `child_digits` digits, from `from_day` on.
  Result<int64_t> TakeSnapshot(const std::string& day);
  Status PutSnapshotRows(const std::vector<SnapshotRow>& rows);
  Result<std::vector<SnapshotRow>> SnapshotSeries(const std::string& prefix, int child_digits,
                                                  const std::string& from_day);

 private:
  Store& store_;
};

}  // namespace siak
