// IrisEngine: both eyes' galleries and the de-duplication decision over them.
//
// The decision. With N persons enrolled and a wanted rate of false alarms per de-duplication
// search alpha, a person is a duplicate when the fused false-match probability of the two eyes
// is at most P = alpha / N (each eye's score becomes FalseMatchProbability(score, rotations);
// the eyes are independent and fuse by FuseProbabilities; an eye missing on either side is left
// out). Finding those without scoring every person on both eyes: a fused value <= P needs the
// product of the eyes' values <= P, so one of them <= sqrt(P); each eye is searched 1:N with
// the threshold whose probability is sqrt(P), and every person found on either eye is then
// scored on both. That candidate step is exact: no person whose fused value passes is missed.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <span>
#include <vector>

#include "abis/iris_gallery.h"
#include "abis/iris_search.h"

namespace siak::abis {

struct IrisPolicy {
  int max_shift = 8;                      // rotations searched: 2 * max_shift + 1
  double false_alarms_per_search = 1e-3;  // alpha
  double verify_false_match = 1e-6;       // the 1:1 decision's false-match probability
};

// One recording's irises (either may be missing: an eye not captured or unusable).
struct IrisPair {
  std::optional<IrisCode> right, left;
};

struct IrisCandidate {
  uint64_t key = 0;
  std::optional<IrisMatch> right, left;  // best rotation per eye, when both sides have the eye
  double false_match_probability = 1.0;  // fused
};

struct IrisSearchResult {
  std::vector<IrisCandidate> duplicates;  // fused probability <= limit, most certain first
  size_t candidates_scored = 0;           // persons found on either eye and scored on both
};

struct IrisDecisionLimits {
  size_t gallery_persons = 0;
  double per_comparison = 0;        // P = alpha / N
  double eye_threshold = 0;         // the per-eye search threshold (probability sqrt(P))
};

class IrisEngine {
 public:
  IrisEngine(IrisPolicy policy, IrisSearchOptions options);

  const IrisPolicy& policy() const { return policy_; }
  const IrisSearchOptions& options() const { return options_; }
  int rotations() const { return 2 * policy_.max_shift + 1; }

  // Mutations take the engine exclusively; searches share it.
  void Put(uint64_t key, const IrisPair& irises);
  void Remove(uint64_t key);
  void Replace(GalleryPair galleries);
  int64_t log_position() const;
  void set_log_position(int64_t position);
  Status Save(const std::string& path, const SecretKey& key) const;
  size_t size(Eye eye) const;
  // Persons with at least one eye enrolled.
  size_t persons() const;
  bool Contains(uint64_t key) const;
  IrisDecisionLimits Limits() const;

  // De-duplication: each recording of the batch against the galleries (the galleries stream
  // once per eye for the whole batch).
  std::vector<IrisSearchResult> Search(std::span<const IrisPair> batch) const;
  // Fusion with other modalities: every person found on either eye at the per-eye probability
  // `eye_probability`, scored on both eyes, most certain first (not filtered by the decision).
  std::vector<std::vector<IrisCandidate>> Candidates(std::span<const IrisPair> batch, double eye_probability) const;
  // One eye's estimated false-match probability.
  double EyeProbability(const IrisMatch& match) const;
  // One recording against an enrolled person (1:1); nullopt when the person is not enrolled.
  std::optional<IrisCandidate> Verify(const IrisPair& probe, uint64_t key) const;
  // Two recordings against each other (de-duplication inside one batch).
  IrisCandidate Compare(const IrisPair& probe, const IrisPair& other) const;
  // Whether a fused probability is a duplicate at the current gallery size / a 1:1 match.
  bool IsDuplicate(double fused) const { return fused <= Limits().per_comparison; }
  bool IsVerified(double fused) const { return fused <= policy_.verify_false_match; }

 private:
  double Fused(const IrisCandidate& c) const;
  // Both eyes of prepared probes (null: eye absent) against enrolled templates (null: absent), fused.
  IrisCandidate Score(std::array<const PreparedIrisProbe*, 2> probe, std::array<const IrisCode*, 2> enrolled,
                      uint64_t key) const;
  // Prepares the probe's eyes that have an enrolled counterpart, then Score.
  IrisCandidate CompareTo(const IrisPair& probe, std::array<const IrisCode*, 2> enrolled, uint64_t key) const;
  IrisDecisionLimits LimitsLocked() const;
  std::vector<std::vector<IrisCandidate>> CandidatesLocked(std::span<const IrisPair> batch, double eye_threshold) const;

  IrisPolicy policy_;
  IrisSearchOptions options_;
  mutable std::shared_mutex mu_;
  GalleryPair galleries_;
};

}  // namespace siak::abis
