// Iris scores and decisions: Daugman's normalised Hamming distance, the binomial model of the
// impostor distribution, and the integer decision table the kernels apply.
//
// A comparison of two codes at one rotation counts n, the bits usable in both masks, and d, the
// usable bits that differ. HD = d / n, and since few compared bits make a low HD more likely
// by chance, the score is normalised to 911 bits (the typical count): HDn = 0.5 - (0.5 - HD) *
// sqrt(n / 911). A comparison's score is the least HDn over the probe rotations.
//
// Impostor scores follow a binomial with p = 0.5 and 249 degrees of freedom (Daugman, "How
// iris recognition works", and the 200-billion-comparison study): the chance that one rotation
// scores <= x is the binomial CDF at x * 249, and the best of R rotations is 1 - (1 - F)^R.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "abis/iris_code.h"

namespace siak::abis {

inline constexpr int kNormalisationBits = 911;
inline constexpr int kIrisDegreesOfFreedom = 249;
// Fewer usable bits than this in both masks: no decision is possible (the score is 1.0).
inline constexpr int kMinComparedBits = 256;

double NormalisedHd(int d, int n);

// The estimated probability that an impostor comparison (best of `rotations`) scores <= hdn.
double FalseMatchProbability(double hdn, int rotations);

// Fuses independent false-match probabilities (one per eye, later per finger) into one: the
// chance that an impostor's product of k such values is as small as theirs, x * sum_{i<k}
// (-ln x)^i / i! with x their product (Fisher's combination). A bare product would understate it:
// two eyes that are each only somewhat unusual would pass as one very unusual coincidence.
// Never below the product, so a fused value <= P needs some factor <= P^(1/k).
double FuseProbabilities(std::span<const double> probabilities);

// The largest score whose FalseMatchProbability is <= `probability` (bisection on the model).
double ThresholdForProbability(double probability, int rotations);

// The decision rule in integers: a rotation matches when d <= dmax[n]. dmax[n] is -1 below
// kMinComparedBits, and never decreases with n (which the exact shortcuts rely on: more bits
// compared can only allow more disagreement). Built from a threshold on HDn.
class DecisionTable {
 public:
  explicit DecisionTable(double threshold);
  // Passes every rotation with n >= kMinComparedBits (used to read out raw counts).
  static DecisionTable AcceptAll();
  double threshold() const { return threshold_; }
  const int32_t* dmax() const { return dmax_.data(); }  // 32-bit: the AVX-512 kernel gathers from it
  bool Matches(int d, int n) const { return d <= dmax_[n]; }

 private:
  DecisionTable() = default;
  double threshold_ = 0;
  // Indexed by n in 0..2048 (the kernels' bounds index it at n_max <= 2048 too).
  std::array<int32_t, kIrisBits + 1> dmax_{};
};

}  // namespace siak::abis
