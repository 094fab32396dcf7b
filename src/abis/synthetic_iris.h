// SyntheticIrises: a generator of SYNTHETIC iris codes, for tests and benchmarks only.
//
// Synthetic irises test decision logic and speed, not real-world accuracy: no template made
// here comes from an eye. The generator is tuned so that the numbers the matcher's thresholds
// rest on look like the published statistics of real iris codes (Daugman). Daugman's "249
// degrees of freedom" describe the NORMALISED score HDn = 0.5 - (0.5 - HD) * sqrt(n / 911)
// (iris_score.h), not the raw fraction HD = d / n, and so does the tuning here: between different
// eyes at one rotation, with this generator's masks (n, the bits usable in both, is typically
// 1300-1700), HDn has mean 0.5 and p(1 - p) / variance of about 248 (the raw HD about 410, as
// n > 911), nearly the same at every n. The best of 17 rotations then follows the binomial model's
// tail (FalseMatchProbability(x, 17)) in shape: measured over 1.2e8 comparisons at 0.55 to 0.6
// times the model for every x from 0.40 down to 0.32. It is lighter because neighbouring rotations
// of a pair score alike (correlation 0.85 one column apart), which the model's independent
// rotations ignore. Two captures of one eye differ in about 20% of their usable bits (HDn about
// 0.12 at the right rotation, 99% below 0.26).
//
// Model. Each (identity, eye) has a latent pair of real-valued random fields over the 8 rings x
// 128 columns (the real and imaginary parts of a Gabor response, independent of each other):
// white noise smoothed by a separable kernel, so that the field's correlation between two
// samples is 0.81, 0.46, 0.15 for rings 1, 2, 3 apart and 0.8, 0.4, 0.1 for columns 1, 2, 3
// apart (circularly), zero beyond, and the product of the two for other offsets. Code bits
// are signs, whose correlation is (2 / pi) asin of the field's: about 0.6 between neighbours;
// the disagreement bits of two different eyes correlate by its square, about 0.35. The same
// correlation makes a genuine pair misaligned by 3 or more columns impostor-like (HD ~ 0.47).
//
// A capture adds noise made the same way from white noise of its own (image noise seen through
// the same filter), with a weight drawn per capture (log-normal around genuine_noise, like
// focus and motion blur). Because the noise has the field's own correlation, every capture's
// code has the same correlation structure whatever its noise level, so the impostor score does
// not depend on capture quality. (Independent per-bit noise would make noisy captures' bits
// less correlated, and the impostor score a mixture of distributions with different degrees of
// freedom, whose tail is heavier than that of one with their average: measured at the same
// average, 1.7 times the model at 0.34 instead of 0.7.) The capture then takes signs
// as code bits, rotates them by its head tilt, and masks bits: bits whose noisy value is near
// zero (weak signal), a few specular reflection spots, and the upper and lower eyelids, which
// sit at fixed positions in image coordinates (around columns 32 and 96) and cover the outer
// rings. The masked fraction of each capture is drawn uniformly in [occlusion_min,
// occlusion_max].
//
// Capture is integer arithmetic on siak::Rng streams derived from (seed, identity, eye, capture),
// so a template depends on nothing else: not on call order, thread, compiler or platform
// (synthetic_iris_test.cc pins a fingerprint). About 2-3 microseconds per capture at -O2
// (x86-64: about 3 with GCC for baseline SSE2, 2 with Clang, under 2 with AVX2).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "abis/iris_code.h"

namespace siak::abis {

struct SyntheticIrisParams {
  // Fraction of the 2048 bits masked per capture, drawn uniformly in [min, max].
  double occlusion_min = 0.10;
  double occlusion_max = 0.30;
  // Capture rotation (head tilt) in columns, drawn uniformly in [-max_rotation, max_rotation].
  // 4: two captures of one eye differ by at most 8 columns, the matcher's default search.
  int max_rotation = 4;
  // Standard deviation of a typical capture's noise, relative to that of the latent field
  // (the level of each capture is this times a log-normal factor). 0.5 gives a genuine
  // Hamming distance (same eye, right rotation) of about 0.20 on average, HDn about 0.12.
  double genuine_noise = 0.5;
};

class SyntheticIrises {
 public:
  // Out-of-range parameters are clamped: occlusion to [0, 0.9], rotation to [0, 63],
  // genuine_noise to [0, 1].
  explicit SyntheticIrises(uint64_t seed, SyntheticIrisParams params = {});

  // Capture number `capture` of eye `eye` of identity `identity`. Deterministic in
  // (seed, identity, eye, capture), independent of call order; const and thread-safe.
  IrisCode Capture(uint64_t identity, Eye eye, uint64_t capture) const;
  // The rotation (in columns) that Capture applied: Rotated(Capture(...), -CaptureRotation(...))
  // is in the latent field's own orientation.
  int CaptureRotation(uint64_t identity, Eye eye, uint64_t capture) const;

  const SyntheticIrisParams& params() const { return params_; }
  uint64_t seed() const { return seed_; }

 private:
  static constexpr int kLidVariants = 4;
  static constexpr int kNoiseLevels = 256;

  uint64_t seed_;
  SyntheticIrisParams params_;
  int min_masked_bits_ = 0;  // the masked-bit budget's bounds, from params_
  int max_masked_bits_ = 0;
  // Per capture noise level (log-normal quantiles): the weight of the capture's white noise
  // (the latent white noise's is a constant), and the weak-bit threshold, |noisy value| below
  // which a bit is masked as weak.
  std::array<int32_t, kNoiseLevels> noise_weight_{};
  std::array<int32_t, kNoiseLevels> weak_threshold_{};
  // For each eyelid shape, the samples (ring * 256 + column offset from the lid's centre,
  // offset taken mod 128) in the order the lid covers them.
  std::array<std::vector<uint16_t>, kLidVariants> lid_order_;
};

}  // namespace siak::abis
