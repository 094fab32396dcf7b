// FingerEngine: the enrolled fingerprints of every person (up to ten, by ISO finger position)
// and the 1:N search over them.
//
// A probe's finger is compared with the enrolled finger of the same position (a ten-print
// recording knows which finger is which; a position a side lacks is left out). Each comparison's
// score becomes an estimated false-match probability (FingerFalseMatchProbability), and a
// person's fingers combine as the product of those: the search returns the persons whose
// product is at most the caller's bound. The search is exhaustive (every enrolled person, every
// common finger), spread over threads, and batched: each enrolled person's fingers are compared
// with all probes of the batch while they are in cache.
//
// Memory: about 8 KB per enrolled finger (32 cylinders of 256 bytes), so this in-memory form is
// for a regency's scale (a million fingers in 8 GB), not a nation's.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <span>
#include <unordered_map>
#include <vector>

#include "abis/finger_features.h"
#include "abis/finger_kernels.h"
#include "abis/finger_match.h"

namespace siak::abis {

inline constexpr int kFingerPositions = 10;

// The estimated probability that a different finger scores at least `score`. Fitted to the
// upper tail of the 11,520 cross-finger scores of FVC2002 DB1-DB4 (siak abis evaluate): the
// 99th, 99.9th and 99.99th percentiles are 0.032, 0.049 and 0.062, i.e. about one decade per
// 0.0162, so p = 10^(-score / 0.0162) (1 at score 0), never below 1e-15 for one finger. The
// exponential tail is an extrapolation beyond 1e-4 and deliberately heavy (real tails fall
// faster), so it overstates the probability of strong scores: conservative for de-duplication.
double FingerFalseMatchProbability(float score);

// A recording's fingers, by position (index = position - 1); absent: not captured or unusable.
struct FingerSet {
  std::array<std::optional<FingerFeatures>, kFingerPositions> by_position;
  int count() const;
};

struct FingerCandidate {
  uint64_t key = 0;
  std::array<float, kFingerPositions> scores;  // -1 where not compared
  int compared = 0;
  double product = 1;  // of the compared fingers' probabilities
  FingerCandidate() { scores.fill(-1.0f); }
  // The compared fingers' probabilities, for fusion.
  std::vector<double> Probabilities() const;
};

class FingerEngine {
 public:
  // threads 0: one per core.
  explicit FingerEngine(int threads = 0, FingerKernelKind kernel = BestFingerKernel());

  FingerKernelKind kernel() const { return kernel_; }
  void Put(uint64_t key, const FingerSet& fingers);  // adds or replaces; a set without fingers removes
  void Remove(uint64_t key);
  void Clear();
  size_t persons() const;
  size_t fingers() const;
  bool Contains(uint64_t key) const;

  // Every probe of the batch against every enrolled person: per probe, the persons whose
  // product of probabilities is <= max_product (at least one finger compared), best first.
  std::vector<std::vector<FingerCandidate>> Search(std::span<const FingerSet* const> batch, double max_product) const;
  // One recording against an enrolled person; nullopt when the person has no fingers enrolled.
  std::optional<FingerCandidate> Verify(const FingerSet& probe, uint64_t key) const;
  // Two recordings against each other.
  FingerCandidate Compare(const FingerSet& probe, const FingerSet& other) const;

 private:
  struct Person {
    uint64_t key = 0;
    std::array<std::vector<Cylinder>, kFingerPositions> fingers;
  };
  FingerCandidate Score(FingerMatcher& matcher, const FingerSet& probe,
                        const std::array<std::vector<Cylinder>, kFingerPositions>& enrolled, uint64_t key) const;

  int threads_;
  FingerKernelKind kernel_;
  mutable std::shared_mutex mu_;
  std::vector<Person> persons_;
  std::unordered_map<uint64_t, uint32_t> slot_of_;
  size_t fingers_ = 0;
};

}  // namespace siak::abis
