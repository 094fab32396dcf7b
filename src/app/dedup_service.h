// DedupService: the ABIS de-duplication use cases over the store's queue and the in-memory engine.
//
// A recording's irises and fingers enter as a job (idempotent on the client's recording id; the person's
// e-KTP status moves to SENT_FOR_ENROLLMENT). The queue is processed in batches: the engine
// searches the batch against the galleries, fingers and irises fused (abis/biometric_search.h;
// and each recording against the earlier ones of the same batch), then each job gets its one outcome in one transaction with its effects:
//   UNIQUE    -> the person enters the galleries (gallery log), e-KTP PRINT_READY_RECORD;
//   DUPLICATE -> an adjudication case per candidate, e-KTP DUPLICATE_RECORD -> ADJUDICATE_RECORD;
//   FAILURE   -> no usable template, e-KTP ENROLL_FAILURE.
// The in-memory galleries are only ever changed by replaying the store's gallery log, after the
// commit, so a crash at any point leaves the store right and the next start catches up: a job
// without an outcome is simply processed again, and FinishJob refuses a second outcome.
//
// Adjudication: "different" (not the same person) lets the recording go on once all its cases
// are decided; "same" keeps one NIK: if the enrolled candidate survives, the new recording's NIK
// is merged (e-KTP MERGED, status dasar TIDAK VALID); if the new NIK survives, the candidate's
// NIK is deactivated and leaves the galleries. Both persons' histories stay in the event log.
// A decision changes the store only; the galleries follow at the worker's next SyncGallery.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "abis/biometric_search.h"
#include "abis/iris_engine.h"
#include "app/auth_service.h"
#include "app/clock.h"
#include "common/crypto.h"
#include "domain/nik.h"
#include "store/abis_store.h"

namespace siak {

// One finger of a recording: an ISO/IEC 19794-2:2005 or ANSI/INCITS 378-2004 minutiae record.
struct DedupFinger {
  int position = 0;    // ISO finger position 1..10
  std::string record;  // the record's bytes
};

struct DedupSubmission {
  std::string recording_id;               // chosen by the client; 1..64 of [A-Za-z0-9._:-]
  Nik nik;
  std::vector<abis::IrisTemplate> irises;  // at most one per eye
  std::string captured_at;                // ISO 8601 UTC; may be long before submission
  std::vector<DedupFinger> fingers = {};  // at most one per position; irises and fingers: at least one
};

struct DedupVerification {
  bool match = false;
  double false_match_probability = 1.0;  // fused over what both sides have
  std::optional<abis::IrisMatch> right, left;
  std::optional<abis::FingerCandidate> fingers;  // when fingers were compared
};

struct DedupStats {
  size_t right = 0, left = 0;          // templates in each gallery
  size_t finger_persons = 0, fingers = 0;  // the finger gallery
  std::string finger_kernel;
  int64_t enrolled = 0;                // persons in the store's enrolled set
  int64_t log_position = 0, log_last = 0;
  std::map<std::string, int64_t> jobs;  // queued, UNIQUE, DUPLICATE, FAILURE
  int64_t open_cases = 0;
  abis::IrisDecisionLimits limits;
};

class DedupService {
 public:
  DedupService(abis::IrisEngine& engine, const SecretKey& key, const Clock& clock);

  abis::IrisEngine& engine() { return engine_; }
  abis::FingerEngine& fingers() { return fingers_; }

  // `created` tells a new job from a retried submission of the same recording.
  Result<AbisJobRecord> Submit(Store& store, const Principal& who, const DedupSubmission& submission, bool* created);
  Result<AbisJobRecord> GetJob(Store& store, const Principal& who, int64_t id);
  // Enrolled templates from before this system (another ABIS's gallery being migrated, or the
  // demo population's history), in one transaction: per person a finished UNIQUE job marked
  // "imported" and a gallery-log "add", without a search and without touching the e-KTP status,
  // which must already be past de-duplication (PRINT_READY_RECORD or later). Returns how many.
  Result<int> ImportEnrolled(Store& store, const Principal& who, const std::vector<DedupSubmission>& enrolled);
  // Processes up to `max_jobs` queued jobs as one batch; returns how many got their outcome.
  Result<int> ProcessQueue(Store& store, int max_jobs);

  Result<std::vector<AbisCaseRecord>> ListCases(Store& store, const Principal& who, const std::string& state,
                                                int64_t after_id, int limit);
  Result<AbisCaseRecord> GetCase(Store& store, const Principal& who, int64_t id);
  // decision: "different" or "same" (then surviving_nik is the case's nik or candidate_nik).
  Result<AbisCaseRecord> Decide(Store& store, const Principal& who, int64_t case_id, const std::string& decision,
                                const std::string& surviving_nik, const std::string& reason);

  // 1:1: the irises and/or fingers against the enrolled person `nik`, fused; a match when the
  // fused false-match probability is at most IrisPolicy::verify_false_match (1e-6).
  Result<DedupVerification> Verify(Store& store, const Principal& who, const Nik& nik,
                                   const std::vector<abis::IrisTemplate>& irises,
                                   const std::vector<DedupFinger>& fingers = {});

  // Galleries: catch up with the store's log; or load a snapshot (falling back to a rebuild
  // when it is missing, unreadable or inconsistent with the store); or rebuild from the store.
  Status SyncGallery(Store& store);
  // `how` says "snapshot" or why it rebuilt.
  Status OpenGallery(Store& store, const std::string& snapshot_path, std::string* how);
  Status RebuildGallery(Store& store);
  Status SaveGallery(const std::string& snapshot_path);
  Result<DedupStats> Stats(Store& store);

  // Tests only: called inside each job's transaction just before it commits (committed = false)
  // and right after (true), with the jobs finished so far in the batch. A crash test's hook ends
  // the process there.
  void SetFaultHookForTesting(std::function<void(int finished, bool committed)> hook) { fault_hook_ = std::move(hook); }

  // Called inside the transaction that makes a person PRINT_READY_RECORD (a unique outcome or
  // an adjudication): the e-KTP service queues the card for printing there.
  void SetPrintReadyHook(std::function<Status(Store&, const std::string& nik)> hook) {
    print_ready_hook_ = std::move(hook);
  }

  // The templates sealed in a job (also for the CLI): irises, and fingers as features.
  Result<abis::IrisPair> OpenTemplates(const std::string& sealed_hex) const;
  Result<abis::Biometrics> OpenBiometrics(const std::string& sealed_hex) const;
  static Result<abis::IrisPair> ToPair(const std::vector<abis::IrisTemplate>& irises);

 private:
  Status ApplyEktp(Store& store, const std::string& nik, EktpEvent event, const std::string& actor,
                   const std::string& payload);

  // Every enrolled person's templates from the store, a page at a time, opened on all cores.
  Status ForEachEnrolled(Store& store, const std::function<void(uint64_t key, abis::Biometrics& templates)>& fn);
  // The finger gallery from the store (the snapshot holds irises only); returns how many
  // enrolled persons have irises.
  Result<int64_t> RebuildFingers(Store& store);

  abis::IrisEngine& engine_;
  abis::FingerEngine fingers_;
  abis::BiometricSearch search_;
  SecretKey key_;
  const Clock& clock_;
  std::mutex process_mu_;  // one batch (and one gallery sync) at a time
  std::function<void(int, bool)> fault_hook_;
  std::function<Status(Store&, const std::string&)> print_ready_hook_;
};

// A client-chosen recording id: 1-64 characters of A-Z a-z 0-9 . _ : -
bool ValidRecordingId(std::string_view id);

// The JSON the job detail and the API give for one eye's best match and for the fingers.
nlohmann::json IrisMatchJson(const std::optional<abis::IrisMatch>& match);
nlohmann::json FingerScoresJson(const std::optional<abis::FingerCandidate>& fingers);

uint64_t NikKey(std::string_view nik_digits);
std::string NikFromKey(uint64_t key);

}  // namespace siak
