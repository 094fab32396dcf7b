#include "store/abis_store.h"

#include "store/sql_text.h"

namespace siak {

namespace {

constexpr const char* kJobColumns =
    "id, recording_id, nik, region_code, templates, state, outcome, detail, submitted_by, captured_at, "
    "submitted_at, finished_at";

AbisJobRecord JobFromRow(const Row& r) {
  return AbisJobRecord{CellInt(r[0]), CellText(r[1]), CellText(r[2]), CellText(r[3]), CellText(r[4]), CellText(r[5]),
                       CellText(r[6]), CellText(r[7]), CellText(r[8]), CellText(r[9]), CellText(r[10]), CellText(r[11])};
}

constexpr const char* kCaseColumns =
    "id, job_id, nik, candidate_nik, region_code, score_right, score_left, false_match_probability, state, "
    "decision, surviving_nik, reason, decided_by, opened_at, decided_at";

AbisCaseRecord CaseFromRow(const Row& r) {
  return AbisCaseRecord{CellInt(r[0]),  CellInt(r[1]),  CellText(r[2]),  CellText(r[3]),  CellText(r[4]),
                        CellText(r[5]), CellText(r[6]),  CellText(r[7]),  CellText(r[8]),  CellText(r[9]),
                        CellText(r[10]), CellText(r[11]), CellText(r[12]), CellText(r[13]), CellText(r[14])};
}
}  // namespace

Result<int64_t> AbisStore::InsertJob(const AbisJobRecord& j) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("INSERT INTO abis_job (recording_id, nik, region_code, templates, state, detail, submitted_by, "
                 "captured_at, submitted_at) VALUES (?, ?, ?, ?, 'queued', '', ?, ?, ?) RETURNING id",
                 {j.recording_id, j.nik, j.region_code, j.templates, j.submitted_by, j.captured_at,
                  j.submitted_at}));
  if (r.rows.empty()) return Status::Internal("INSERT INTO abis_job returned no id");
  return CellInt(r.rows[0][0]);
}

Result<AbisJobRecord> AbisStore::GetJob(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kJobColumns + " FROM abis_job WHERE id = ?",
                                   {std::to_string(id)}));
  if (r.rows.empty()) return Status::NotFound("job_id", std::to_string(id));
  return JobFromRow(r.rows[0]);
}

Result<std::optional<AbisJobRecord>> AbisStore::FindJobByRecording(const std::string& recording_id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kJobColumns + " FROM abis_job WHERE recording_id = ?",
                                   {recording_id}));
  if (r.rows.empty()) return std::optional<AbisJobRecord>();
  return std::optional<AbisJobRecord>(JobFromRow(r.rows[0]));
}

Result<std::vector<AbisJobRecord>> AbisStore::QueuedJobs(int limit) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql(std::string("SELECT ") + kJobColumns + " FROM abis_job WHERE state = 'queued' ORDER BY id LIMIT ?",
                 {std::to_string(limit)}));
  std::vector<AbisJobRecord> out;
  for (const auto& row : r.rows) out.push_back(JobFromRow(row));
  return out;
}

Result<std::vector<AbisJobRecord>> AbisStore::JobsOf(const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kJobColumns + " FROM abis_job WHERE nik = ? ORDER BY id",
                                   {nik}));
  std::vector<AbisJobRecord> out;
  for (const auto& row : r.rows) out.push_back(JobFromRow(row));
  return out;
}

Status AbisStore::FinishJob(int64_t id, const std::string& outcome, const std::string& detail, const std::string& at) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("UPDATE abis_job SET state = 'done', outcome = ?, detail = ?, finished_at = ? "
                 "WHERE id = ? AND state = 'queued'",
                 {outcome, detail, at, std::to_string(id)}));
  if (r.affected != 1) return Status::Conflict("job_id", std::to_string(id), "the job already has its outcome");
  return Status::Ok();
}

Result<std::map<std::string, int64_t>> AbisStore::JobCounts() {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("SELECT CASE WHEN state = 'queued' THEN 'queued' ELSE outcome END, COUNT(*) FROM abis_job "
                 "GROUP BY CASE WHEN state = 'queued' THEN 'queued' ELSE outcome END",
                 {}));
  std::map<std::string, int64_t> out{{"queued", 0}, {"UNIQUE", 0}, {"DUPLICATE", 0}, {"FAILURE", 0}};
  for (const auto& row : r.rows) out[CellText(row[0])] = CellInt(row[1]);
  return out;
}

Result<int64_t> AbisStore::LogGallery(const std::string& nik, const std::string& op, int64_t job_id,
                                      const std::string& province_code, const std::string& at) {
  int64_t seq = 0;
  Status st = store_.Transaction([&]() -> Status {
    // One writer of the log at a time until commit: log order is commit order.
    SIAK_RETURN_IF_ERROR(store_.LockKey("abis_gallery_log"));
    SIAK_ASSIGN_OR_RETURN(
        Store::SqlResult r,
        store_.Sql("INSERT INTO abis_gallery_log (nik, op, job_id, at) VALUES (?, ?, ?, ?) RETURNING seq",
                   {nik, op, op == "add" ? std::optional<std::string>(std::to_string(job_id)) : std::nullopt, at}));
    seq = CellInt(r.rows.at(0)[0]);
    SIAK_RETURN_IF_ERROR(store_.Sql("DELETE FROM abis_enrolled WHERE nik = ?", {nik}).status());
    if (op == "add") {
      SIAK_RETURN_IF_ERROR(store_.Sql("INSERT INTO abis_enrolled (nik, job_id, province_code, seq) VALUES (?, ?, ?, ?)",
                                      {nik, std::to_string(job_id), province_code, std::to_string(seq)})
                               .status());
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return seq;
}

Result<std::vector<AbisGalleryLogEntry>> AbisStore::GalleryLogAfter(int64_t seq, int limit) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("SELECT seq, nik, op, job_id FROM abis_gallery_log WHERE seq > ? ORDER BY seq LIMIT ?",
                                   {std::to_string(seq), std::to_string(limit)}));
  std::vector<AbisGalleryLogEntry> out;
  for (const auto& row : r.rows) out.push_back({CellInt(row[0]), CellText(row[1]), CellText(row[2]), CellInt(row[3])});
  return out;
}

Result<int64_t> AbisStore::LastGallerySeq() {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r, store_.Sql("SELECT MAX(seq) FROM abis_gallery_log", {}));
  return r.rows.empty() ? 0 : CellInt(r.rows[0][0]);
}

Result<int64_t> AbisStore::CountEnrolled() {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r, store_.Sql("SELECT COUNT(*) FROM abis_enrolled", {}));
  return CellInt(r.rows.at(0)[0]);
}

Result<std::optional<int64_t>> AbisStore::EnrolledJob(const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r, store_.Sql("SELECT job_id FROM abis_enrolled WHERE nik = ?", {nik}));
  if (r.rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(CellInt(r.rows[0][0]));
}

Result<std::vector<std::pair<std::string, std::string>>> AbisStore::EnrolledTemplates(const std::string& after_nik,
                                                                                     int limit) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("SELECT e.nik, j.templates FROM abis_enrolled e JOIN abis_job j ON j.id = e.job_id "
                 "WHERE e.nik > ? ORDER BY e.nik LIMIT ?",
                 {after_nik, std::to_string(limit)}));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& row : r.rows) out.emplace_back(CellText(row[0]), CellText(row[1]));
  return out;
}

Result<int64_t> AbisStore::InsertCase(const AbisCaseRecord& c) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("INSERT INTO abis_case (job_id, nik, candidate_nik, region_code, score_right, score_left, "
                 "false_match_probability, state, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id",
                 {std::to_string(c.job_id), c.nik, c.candidate_nik, c.region_code, c.score_right, c.score_left,
                  c.false_match_probability, c.opened_at}));
  return CellInt(r.rows.at(0)[0]);
}

Result<AbisCaseRecord> AbisStore::GetCase(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kCaseColumns + " FROM abis_case WHERE id = ?",
                                   {std::to_string(id)}));
  if (r.rows.empty()) return Status::NotFound("case_id", std::to_string(id));
  return CaseFromRow(r.rows[0]);
}

Result<std::vector<AbisCaseRecord>> AbisStore::Cases(const std::string& state, const std::string& scope,
                                                     int64_t after_id, int limit) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql(std::string("SELECT ") + kCaseColumns +
                     " FROM abis_case WHERE (? = '' OR state = ?) AND id > ? AND "
                     "region_code >= ? AND region_code < ? ORDER BY id LIMIT ?",
                 {state, state, std::to_string(after_id), scope, DigitPrefixEnd(scope), std::to_string(limit)}));
  std::vector<AbisCaseRecord> out;
  for (const auto& row : r.rows) out.push_back(CaseFromRow(row));
  return out;
}

Result<std::vector<AbisCaseRecord>> AbisStore::CasesOfJob(int64_t job_id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kCaseColumns + " FROM abis_case WHERE job_id = ? ORDER BY id",
                                   {std::to_string(job_id)}));
  std::vector<AbisCaseRecord> out;
  for (const auto& row : r.rows) out.push_back(CaseFromRow(row));
  return out;
}

Result<int64_t> AbisStore::CountOpenCases() {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r, store_.Sql("SELECT COUNT(*) FROM abis_case WHERE state = 'open'", {}));
  return CellInt(r.rows.at(0)[0]);
}

Status AbisStore::DecideCase(int64_t id, const std::string& decision, const std::string& surviving_nik,
                             const std::string& reason, const std::string& by, const std::string& at) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("UPDATE abis_case SET state = 'resolved', decision = ?, surviving_nik = ?, reason = ?, "
                 "decided_by = ?, decided_at = ? WHERE id = ? AND state = 'open'",
                 {decision, surviving_nik, reason, by, at, std::to_string(id)}));
  if (r.affected != 1) return Status::Conflict("case_id", std::to_string(id), "the case is already resolved");
  return Status::Ok();
}

}  // namespace siak
