// OutreachService: jemput bola — find who has not recorded, rank the villages, plan the mobile
// teams, print invitations, record what the teams found, and project when the recording target
// is reached (docs/outreach.md). Over one Store (one per worker, like CivilService).
//
// Scope: every region asked for must lie in the caller's scope (a wider one is narrowed to it);
// a plan, visit, team or task outside it answers "not found". Lists of persons are personal data:
// the API audits every NIK they return. A team never changes the register: a person reported
// moved away or dead opens a register task for a registrar (moves and deaths go through their
// own procedures), and "recorded" links the recording the e-KTP module made.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.h"
#include "app/clock.h"
#include "domain/outreach_plan.h"
#include "domain/outreach_priority.h"
#include "domain/region_index.h"
#include "domain/target_projection.h"
#include "store/outreach_store.h"

namespace siak {

// A village on the priority list, with the facts behind its rank.
struct RankedVillage {
  VillagePriority priority;
  std::string name, district_code, district_name;
  int64_t wajib_ktp = 0, recorded = 0, waiting_over_year = 0;
};

struct TeamInput {
  std::string name;
  std::string region;         // the regency (or district) the team serves; "" = the caller's scope
  std::string home_district;  // 6 digits, inside region
  std::vector<std::string> members, devices;
  int64_t capacity_per_day = 0;
  std::string working_days = "12345";
};

struct PlanRequest {
  std::string region;           // regency or district digits; "" = the caller's scope
  Date from = Date::FromDays(0), to = Date::FromDays(0);
  std::vector<int64_t> team_ids;  // empty: every active team of the region
  std::vector<Date> holidays;
  int max_villages_per_day = 3;
  PriorityWeights weights;
};

struct PlanView {
  PlanRecord plan;
  std::vector<VisitRecord> visits;
  std::vector<TeamRecord> teams;
};

struct VisitView {
  VisitRecord visit;
  std::string village_name, district_name;
  std::vector<MissingPerson> persons;  // still unrecorded in the village
  std::vector<OutcomeRecord> outcomes;
};

struct OutcomeInput {
  std::string nik, outcome, recording_id, note;
};

struct InvitationDetails {
  std::string number_prefix = "470";    // letters are numbered <prefix>/<visit>-<n>/Disdukcapil/<month>/<year>
  std::string visit_time = "09.00 - 15.00 WIB";
  std::string place;                    // "" = Kantor Desa/Kelurahan <village>
  std::string contact;
  std::string office_address = "Dinas Kependudukan dan Pencatatan Sipil";
  std::string official_title = "Kepala Dinas Kependudukan dan Pencatatan Sipil";
  std::string official_name, official_nip;
  std::string signed_place;             // "" = the regency's name
  std::vector<std::string> channels = {"sms", "whatsapp"};  // the messages to queue (none: letters only)
  bool letters = true;   // render the letters of `page` (households kPerDocument at a time)
  int page = 1;
  static constexpr int kPerDocument = 200;
};

struct InvitationBatch {
  std::string pdf;  // the letters of the page asked for ("" when letters were not asked for)
  int households = 0, persons = 0, messages_queued = 0;
  int pages = 0;    // documents of kPerDocument households
  std::vector<std::string> niks;
};

struct PlanProgress {
  struct Row {
    int64_t visit_id = 0;  // 0 for a team's day
    int64_t team_id = 0;
    std::string day, village_code;
    int64_t planned = 0;
    std::map<std::string, int64_t> outcomes;  // recorded, not_at_home, refused, moved_away, died
  };
  int64_t planned = 0;
  std::map<std::string, int64_t> outcomes;
  std::vector<Row> visits;
  std::vector<Row> team_days;  // productivity per team per day
};

struct RegionProjection {
  std::string region_code, name;
  TargetRecord target;     // the target that applies (set for the region or above it, or the default)
  bool default_target = false;
  int64_t wajib_ktp = 0, recorded = 0;
  Projection projection;
};

class OutboxSender {
 public:
  virtual ~OutboxSender() = default;
  virtual Status Send(const OutboxRecord& message) = 0;
};

// Appends each message as one JSON line to a file (a gateway or a test reads it from there).
class FileOutboxSender final : public OutboxSender {
 public:
  explicit FileOutboxSender(std::string path) : path_(std::move(path)) {}
  Status Send(const OutboxRecord& message) override;

 private:
  std::string path_;
};

class OutreachService {
 public:
  OutreachService(Store& store, const Clock& clock, const RegionIndex& regions);

  // Who is missing.
  Result<std::vector<MissingCount>> UnrecordedCounts(const Principal& who, const std::string& region);
  Result<std::vector<MissingPerson>> Unrecorded(const Principal& who, const std::string& region,
                                                const std::optional<OutreachStore::Cursor>& after, int limit);
  // Those who are 17 by `by` and not wajib KTP yet (first-time voters on an election day).
  Result<std::vector<MissingPerson>> Upcoming(const Principal& who, const std::string& region, const Date& by,
                                              const std::string& after_nik, int limit, int64_t* total);
  Result<std::vector<MissingPerson>> WithoutCard(const Principal& who, const std::string& region,
                                                 const std::string& after_region, const std::string& after_nik,
                                                 int limit, std::map<int, int64_t>* totals);

  // Priority.
  Result<std::vector<RankedVillage>> Priority(const Principal& who, const std::string& region,
                                              const PriorityWeights& weights = {});
  Result<std::vector<RegionFlagRecord>> Flags(const Principal& who, const std::string& region);
  Result<RegionFlagRecord> SetFlag(const Principal& who, const std::string& region, const std::string& flag,
                                   const std::string& source, const std::string& note);
  Status RemoveFlag(const Principal& who, const std::string& region, const std::string& flag);
  // CSV "region_code,flag,source,note" (a header line first); all-or-nothing; errors name the line.
  Result<int> ImportFlags(const Principal& who, const std::string& csv);
  // Flags districts and villages named like an outermost small island of their regency
  // (idn-area-data islands.csv); returns the islands no region name matched (flag those by hand).
  struct IslandSeed {
    int flagged = 0;
    std::vector<std::string> unmatched;  // "Pulau Weh (11.72)"
    std::vector<std::string> review;     // regions naming the island among other words, not flagged
  };
  Result<IslandSeed> SeedIslandFlags(const Principal& who);

  // Teams.
  Result<TeamRecord> CreateTeam(const Principal& who, const TeamInput& input);
  Result<std::vector<TeamRecord>> Teams(const Principal& who, const std::string& region);

  // Plans. A new plan for a region with an active one replaces it (re-planning): the old one is
  // SUPERSEDED and its visits from the new start on are CANCELLED; persons the teams found
  // refused, moved away or dead are not planned again.
  Result<PlanView> MakePlan(const Principal& who, const PlanRequest& request);
  Result<PlanView> GetPlan(const Principal& who, int64_t id);
  Result<std::vector<PlanRecord>> Plans(const Principal& who, const std::string& region);
  Result<std::string> PlanPdf(const Principal& who, int64_t id, std::optional<int64_t> team_id);
  Result<PlanProgress> Progress(const Principal& who, int64_t plan_id);

  // Visits.
  Result<VisitView> GetVisit(const Principal& who, int64_t id);
  Result<InvitationBatch> Invite(const Principal& who, int64_t visit_id, const InvitationDetails& details);
  Result<OutcomeRecord> RecordOutcome(const Principal& who, int64_t visit_id, const OutcomeInput& input);

  // Register tasks.
  Result<std::vector<TaskRecord>> Tasks(const Principal& who, const std::string& region, const std::string& state,
                                        int64_t after_id, int limit);
  Result<TaskRecord> CloseTask(const Principal& who, int64_t id, const std::string& state,
                               const std::string& resolution);

  // Outbox.
  Result<std::vector<OutboxRecord>> Outbox(const Principal& who, const std::string& region, int64_t after_id,
                                           int limit);
  // Sends pending messages; a failure is retried up to 3 attempts, then FAILED. Returns how many were sent.
  Result<int> Deliver(OutboxSender& sender, int limit);

  // Targets and projection.
  Status SetTarget(const Principal& who, const std::string& region, double rate, const Date& date);
  // Per child region of `region`: off-track ones first, then by projected date (latest first).
  Result<std::vector<RegionProjection>> Projections(const Principal& who, const std::string& region,
                                                    int window_days = 84);
  // The region's own coverage over the last `days` days, one point a snapshot day, oldest first,
  // ending with today's live counters (the dashboard's chart).
  Result<std::vector<CoveragePoint>> History(const Principal& who, const std::string& region, int days);
  // Today's coverage per village into the snapshot history (siak serve takes one a day).
  Result<int64_t> Snapshot(const Date& day);

  static constexpr double kDefaultTargetRate = 0.98;

 private:
  // The region's digits ("" = the caller's scope). Outside the scope: not found, unless `narrow`
  // and the region holds the scope (a regency officer asking for the province gets the regency).
  Result<std::string> Scope(const Principal& who, const std::string& region, const char* field = "region",
                            bool narrow = true);
  Result<PlanRecord> PlanInScope(const Principal& who, int64_t id);
  Result<VisitRecord> VisitInScope(const Principal& who, int64_t id, PlanRecord* plan = nullptr);
  // VisitInScope, refusing a visit a re-plan cancelled.
  Result<VisitRecord> OpenVisit(const Principal& who, int64_t id, PlanRecord* plan);
  std::string Name(const std::string& digits) const;

  Store& store_;
  const Clock& clock_;
  const RegionIndex& regions_;
};

}  // namespace siak
