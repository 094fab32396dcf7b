// AbisStore: the de-duplication tables (migration 6) on any backend, through Store::Sql.
//
// abis_job is the queue: a job is inserted once per recording (the client's recording id is
// unique), processed, and finished once (FinishJob refuses a second outcome). abis_enrolled is
// who is in the galleries; abis_gallery_log is every change to it in order, so a matcher can
// bring a snapshot up to date by reading the log after the snapshot's position. Writers of the
// log serialise on one lock, so log order is commit order on PostgreSQL too. abis_case holds
// adjudication cases for duplicates.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace siak {

struct AbisJobRecord {
  int64_t id = 0;
  std::string recording_id;
  std::string nik;
  std::string region_code;  // the person's village when submitted: the job's scope
  std::string templates;  // sealed, hex
  std::string state;      // queued | done
  std::string outcome;    // "" until done: UNIQUE | DUPLICATE | FAILURE
  std::string detail;     // JSON
  std::string submitted_by;
  std::string captured_at;
  std::string submitted_at;
  std::string finished_at;
};

struct AbisGalleryLogEntry {
  int64_t seq = 0;
  std::string nik;
  std::string op;  // add | remove
  int64_t job_id = 0;
};

struct AbisCaseRecord {
  int64_t id = 0;
  int64_t job_id = 0;
  std::string nik;
  std::string candidate_nik;
  std::string region_code;  // the new recording's person's village: the case's scope
  std::string score_right;  // "" when the eye was not compared
  std::string score_left;
  std::string false_match_probability;
  std::string state;  // open | resolved
  std::string decision;  // "" | different | same
  std::string surviving_nik;
  std::string reason;
  std::string decided_by;
  std::string opened_at;
  std::string decided_at;
};

class AbisStore {
 public:
  explicit AbisStore(Store& store) : store_(store) {}

  // kAlreadyExists (field recording_id) when the recording id is taken.
  Result<int64_t> InsertJob(const AbisJobRecord& job);
  Result<AbisJobRecord> GetJob(int64_t id);
  Result<std::optional<AbisJobRecord>> FindJobByRecording(const std::string& recording_id);
  Result<std::vector<AbisJobRecord>> QueuedJobs(int limit);
  Result<std::vector<AbisJobRecord>> JobsOf(const std::string& nik);
  // Sets the one outcome; kConflict when the job is already done.
  Status FinishJob(int64_t id, const std::string& outcome, const std::string& detail, const std::string& at);
  // Job counts by "queued", "UNIQUE", "DUPLICATE", "FAILURE".
  Result<std::map<std::string, int64_t>> JobCounts();

  // Adds (op "add", with the job whose templates) or removes a person from the galleries.
  Result<int64_t> LogGallery(const std::string& nik, const std::string& op, int64_t job_id,
                             const std::string& province_code, const std::string& at);
  Result<std::vector<AbisGalleryLogEntry>> GalleryLogAfter(int64_t seq, int limit);
  Result<int64_t> LastGallerySeq();
  Result<int64_t> CountEnrolled();
  Result<std::optional<int64_t>> EnrolledJob(const std::string& nik);
  // (nik, sealed templates of the enrolling job) ordered by NIK, after `after_nik`: a rebuild.
  Result<std::vector<std::pair<std::string, std::string>>> EnrolledTemplates(const std::string& after_nik, int limit);

  Result<int64_t> InsertCase(const AbisCaseRecord& c);
  Result<AbisCaseRecord> GetCase(int64_t id);
  // Cases in `state` ("" = any) whose person lives within `scope` (a region prefix).
  Result<std::vector<AbisCaseRecord>> Cases(const std::string& state, const std::string& scope, int64_t after_id,
                                            int limit);
  Result<std::vector<AbisCaseRecord>> CasesOfJob(int64_t job_id);
  Result<int64_t> CountOpenCases();
  // kConflict when the case is not open any more.
  Status DecideCase(int64_t id, const std::string& decision, const std::string& surviving_nik,
                    const std::string& reason, const std::string& by, const std::string& at);

 private:
  Store& store_;
};

}  // namespace siak
