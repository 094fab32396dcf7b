// Fusion of fingers and irises into one de-duplication decision.
//
// Every compared finger and every compared eye gives an estimated false-match probability
// (FingerFalseMatchProbability, FalseMatchProbability); the modalities are taken as independent
// and combined by FuseProbabilities (the probability that a product of that many independent
// uniform values is as small: Fisher's method, so that many weak agreements do not add up to a
// false certainty). A modality either side lacks is left out: a person without usable fingers
// is still de-duplicated by the irises, and the reverse. With N persons enrolled and alpha
// wanted false alarms per search, a person is a duplicate when the fused value is <= alpha / N
// (IrisPolicy::false_alarms_per_search; N the larger of the two galleries).
//
// Finding them without scoring every person on every modality: the fused value is at least
// the product of all the probabilities, and with three factors (the fingers' product and the
// two eyes) a product <= P needs one of them <= P^(1/3). The finger search is exhaustive (every
// person's fingers are compared) and keeps the persons whose finger product is <= P^(1/3); the
// irises are searched with the per-eye threshold of probability P^(1/3); every person found by
// either is then scored on all modalities. No duplicate is missed. (Without fingers in the
// probe this is the iris engine's own search, with its sqrt(P) per eye.)
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "abis/finger_engine.h"
#include "abis/iris_engine.h"

namespace siak::abis {

struct Biometrics {
  IrisPair irises;
  FingerSet fingers;
};

struct FusedCandidate {
  uint64_t key = 0;
  std::optional<FingerCandidate> fingers;  // when fingers were compared
  IrisCandidate irises;                    // right/left set when compared
  double false_match_probability = 1.0;    // fused
  int modalities = 0;                      // fingers + eyes compared
};

struct FusedSearchResult {
  std::vector<FusedCandidate> duplicates;  // most certain first
  size_t candidates_scored = 0;
};

class BiometricSearch {
 public:
  BiometricSearch(IrisEngine& irises, FingerEngine& fingers) : irises_(irises), fingers_(fingers) {}

  size_t persons() const;
  double Limit() const;  // alpha / N

  std::vector<FusedSearchResult> Search(std::span<const Biometrics> batch) const;
  FusedCandidate Compare(const Biometrics& probe, const Biometrics& other) const;
  // nullopt when the person is enrolled in neither engine.
  std::optional<FusedCandidate> Verify(const Biometrics& probe, uint64_t key) const;

 private:
  FusedCandidate Fuse(uint64_t key, std::optional<FingerCandidate> fingers, const IrisCandidate& irises) const;

  IrisEngine& irises_;
  FingerEngine& fingers_;
};

}  // namespace siak::abis
