// SyntheticIrises: SYNTHETIC iris codes for tests and benchmarks (see synthetic_iris.h).
//
// A capture costs about 2-3 microseconds (-O2, one core): the latent field is rebuilt from its
// seed every time (never cached, so Capture is const and thread-safe), in integers:
//   1. white noise: per (column, part, padded ring) one random nibble n of the eye and one m of
//      the capture, combined as kLatentWeight * (2n - 15) + weight * (2m - 15), the weight
//      being the capture's noise level; smoothing is linear, so the result is the latent field
//      plus the capture's noise field, both with the same correlation;
//   2. radial smoothing with an integer kernel across rings (16-bit lanes, then 32-bit);
//   3. angular smoothing with circular box filters (running sums) along the columns;
//   4. signs as code bits and near-zero values as weak bits, in image order (rotated);
//   5. reflection spots and eyelids masked until the drawn number of masked bits is reached.
// The field is stored column-major, one vector of the 8 rings per (column, part), so steps 2-4
// work on whole columns. The only floating point is in the constructor's small tables (noise
// weights, weak thresholds, eyelid shapes), rounded to integers.
#include "abis/synthetic_iris.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <utility>

#include "common/rng.h"

namespace siak::abis {

namespace {

constexpr int kRings = kIrisRings;       // 8
constexpr int kColumns = kIrisColumns;   // 128
constexpr int kParts = 2;                // real, imaginary

// The correlation structure (see synthetic_iris.h). Tuned so that the impostor's NORMALISED
// score has about 249 degrees of freedom at this generator's typical n and its best-of-17 tail
// follows the binomial model, while a misalignment of 3 columns decorrelates a genuine pair.
// The tail is sensitive to the degrees of freedom: ring taps {1, 2, 2, 2, 1} (DOF 218) put it at
// 3.3 times the model at 0.34, {1, 2, 2, 1} (DOF 256) at 0.4 times; these taps (248) at 0.6.
// Radial smoothing (across rings): integer taps; correlation 0.81, 0.46, 0.15 at 1, 2, 3 rings.
constexpr std::array<int, 4> kRingTaps = {2, 3, 3, 2};
constexpr int kWhiteRows = kRings + static_cast<int>(kRingTaps.size()) - 1;
// Angular smoothing: widths (in columns) of the successive circular box filters; together the
// kernel 1 2 2 1, correlation 0.8, 0.4, 0.1 at 1, 2, 3 columns.
constexpr std::array<int, 2> kAngularBoxes = {2, 3};

// Spread (standard deviation of the log) of the capture noise level around genuine_noise.
constexpr double kNoiseSpread = 0.30;
// A bit is weak when its noisy value is within this many standard deviations of zero.
constexpr double kWeakZ = 0.02;
// Eyelid shapes: depth in rings grows with the square of the angular offset by this much.
constexpr std::array<double, 4> kLidCurvature = {0.003, 0.005, 0.008, 0.012};
// Eyelid centres in image coordinates (columns), and how far a capture moves them.
constexpr int kUpperLidColumn = 32;
constexpr int kLowerLidColumn = 96;
constexpr int kLidJitter = 3;

// Weight of the latent white noise; a capture's own white noise weighs noise_weight_ (about
// genuine_noise times this), at most kMaxNoiseWeight (a noise level of 2.5).
constexpr int kLatentWeight = 48;
constexpr int kMaxNoiseWeight = 120;

constexpr int TapSum() {
  int s = 0;
  for (int t : kRingTaps) s += t;
  return s;
}
constexpr int BoxGain() {
  int g = 1;
  for (int w : kAngularBoxes) g *= w;
  return g;
}
// The radially smoothed sum of weighted nibbles must fit in int16 (and the rest in int32).
static_assert(15 * (kLatentWeight + kMaxNoiseWeight) * TapSum() <= 32767);
static_assert(2LL * 15 * (kLatentWeight + kMaxNoiseWeight) * TapSum() * BoxGain() < (1LL << 31));

enum StreamTag : uint64_t { kLatentTag = 1, kNoiseTag = 2, kRotationTag = 3, kMaskTag = 4 };

uint64_t Mix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The seed of one random stream. The latent field ignores the capture number; noise, rotation
// and mask have streams of their own, so that changing one parameter (say max_rotation) leaves
// the other parts of every capture unchanged.
uint64_t StreamSeed(uint64_t seed, uint64_t identity, Eye eye, uint64_t capture, StreamTag tag) {
  uint64_t h = Mix(seed ^ 0x5349414b49524953ULL);  // "SIAKIRIS"
  h = Mix(h ^ identity);
  h = Mix(h ^ (static_cast<uint64_t>(eye) << 8) ^ tag);
  if (tag != kLatentTag) h = Mix(h ^ capture);
  return h;
}

// Vectors of 8 lanes, one per ring (GCC/Clang vector extensions: SIMD where the target has it,
// plain code elsewhere; the results are the same either way).
using I16x8 = int16_t __attribute__((vector_size(16)));
using I32x8 = int32_t __attribute__((vector_size(32)));
using U32x8 = uint32_t __attribute__((vector_size(32)));

// A word read as four 16-bit lanes, lane 0 in its low bits, laid out so that storing it gives
// the lanes in that order on any byte order.
inline uint64_t Lanes(uint64_t w) {
  if constexpr (std::endian::native == std::endian::big) {
    w = (w << 32) | (w >> 32);
    w = ((w & 0x0000ffff0000ffffULL) << 16) | ((w >> 16) & 0x0000ffff0000ffffULL);
  }
  return w;
}

constexpr uint64_t kLowNibbles16 = 0x000f000f000f000fULL;

// The standard normal quantile, by bisection on erfc (only used to fill tables).
double NormalQuantile(double p) {
  double lo = -10, hi = 10;
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

// Standard deviation of the smoothed field per unit weight of white noise: the variance 85 of
// 2n - 15 times the energies of the radial and angular kernels.
double UnitFieldSigma() {
  std::vector<double> k = {1};
  for (int w : kAngularBoxes) {
    std::vector<double> next(k.size() + w - 1, 0);
    for (size_t i = 0; i < k.size(); ++i) {
      for (int j = 0; j < w; ++j) next[i + j] += k[i];
    }
    k = std::move(next);
  }
  double angular = 0;
  for (double x : k) angular += x * x;
  double radial = 0;
  for (int t : kRingTaps) radial += static_cast<double>(t) * t;
  return std::sqrt(85.0 * radial * angular);
}

// The field: element 2 * column + part holds the 8 rings of that column and part.
using Field = std::array<I32x8, kColumns * kParts>;

// One circular box filter of width w along the columns, from `in` to `out`.
void BoxFilter(const Field& in, int w, Field& out) {
  const int h = w / 2;
  I32x8 acc0 = {}, acc1 = {};
  for (int j = 0; j < w; ++j) {
    const int c = (j - h) & (kColumns - 1);
    acc0 += in[2 * c];
    acc1 += in[2 * c + 1];
  }
  for (int c = 0; c < kColumns; ++c) {
    out[2 * c] = acc0;
    out[2 * c + 1] = acc1;
    const int enter = (c - h + w) & (kColumns - 1);
    const int leave = (c - h) & (kColumns - 1);
    acc0 += in[2 * enter] - in[2 * leave];
    acc1 += in[2 * enter + 1] - in[2 * leave + 1];
  }
}

// Masks the bits of sample (ring, column) that are still usable, while fewer than `target`
// bits are masked.
inline void MaskSample(IrisCode& iris, int ring, int column, int target, int* masked) {
  for (int p = 0; p < kParts; ++p) {
    if (*masked >= target) return;
    const int b = ring * 2 * kColumns + column * 2 + p;
    const uint64_t bit = uint64_t{1} << (b & 63);
    if (iris.mask[b >> 6] & bit) {
      iris.mask[b >> 6] &= ~bit;
      ++*masked;
    }
  }
}

}  // namespace

SyntheticIrises::SyntheticIrises(uint64_t seed, SyntheticIrisParams params)
    : seed_(seed), params_(params) {
  params_.occlusion_min = std::clamp(params_.occlusion_min, 0.0, 0.9);
  params_.occlusion_max = std::clamp(params_.occlusion_max, params_.occlusion_min, 0.9);
  params_.max_rotation = std::clamp(params_.max_rotation, 0, kColumns / 2 - 1);
  params_.genuine_noise = std::clamp(params_.genuine_noise, 0.0, 1.0);
  min_masked_bits_ = static_cast<int>(std::ceil(params_.occlusion_min * kIrisBits - 1e-9));
  max_masked_bits_ = static_cast<int>(std::floor(params_.occlusion_max * kIrisBits + 1e-9));
  max_masked_bits_ = std::max(max_masked_bits_, min_masked_bits_);

  // Noise weights: log-normal around genuine_noise (relative to the latent weight), and for
  // each the weak threshold, kWeakZ standard deviations of the noisy field.
  const double unit = UnitFieldSigma();
  for (int i = 0; i < kNoiseLevels; ++i) {
    const double z = NormalQuantile((i + 0.5) / kNoiseLevels);
    const long weight =
        std::lround(params_.genuine_noise * kLatentWeight * std::exp(kNoiseSpread * z));
    noise_weight_[i] = static_cast<int32_t>(std::min<long>(weight, kMaxNoiseWeight));
    const double noisy_sigma = unit * std::hypot(static_cast<double>(kLatentWeight),
                                                 static_cast<double>(noise_weight_[i]));
    weak_threshold_[i] = static_cast<int32_t>(std::lround(kWeakZ * noisy_sigma));
  }

  // Eyelid shapes: a sample is covered when (depth from the outer ring) + curvature * offset^2
  // is below the lid's level; a small fixed jitter makes the edge irregular (eyelashes).

  Rng shape_rng(0x4c4944ULL);  // "LID": the same shapes for every seed
  for (int v = 0; v < kLidVariants; ++v) {
    std::vector<std::pair<double, uint16_t>> scored;
    for (int ring = 0; ring < kRings; ++ring) {
      for (int d = -kColumns / 2; d < kColumns / 2; ++d) {
        const double score =
            (kRings - 1 - ring) + kLidCurvature[v] * d * d + 0.4 * shape_rng.Real();
        scored.emplace_back(score, static_cast<uint16_t>(ring * 256 + (d & (kColumns - 1))));
      }
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    lid_order_[v].reserve(scored.size());
    for (const auto& s : scored) lid_order_[v].push_back(s.second);
  }
}

int SyntheticIrises::CaptureRotation(uint64_t identity, Eye eye, uint64_t capture) const {
  if (params_.max_rotation == 0) return 0;
  Rng rng(StreamSeed(seed_, identity, eye, capture, kRotationTag));
  return rng.Between(-params_.max_rotation, params_.max_rotation);
}

IrisCode SyntheticIrises::Capture(uint64_t identity, Eye eye, uint64_t capture) const {
  // 1-2. White noise of the eye and of the capture, weighted and summed, then smoothed across
  // rings, in 16-bit lanes; centred (2v - 15 * weights) as the lanes are widened to 32 bits.
  Rng noise_rng(StreamSeed(seed_, identity, eye, capture, kNoiseTag));
  const int level = static_cast<int>(noise_rng.Next() >> 56);
  Field field;
  {
    Rng latent_rng(StreamSeed(seed_, identity, eye, 0, kLatentTag));
    constexpr int kWhite = kColumns * kParts * kWhiteRows;
    static_assert(kWhite % 16 == 0);
    std::array<int16_t, kWhite + 8> white;  // v = kLatentWeight n + weight m; 8 spare
    const uint64_t weight = static_cast<uint64_t>(noise_weight_[level]);
    for (int i = 0; i < kWhite; i += 16) {
      const uint64_t a = latent_rng.Next();
      const uint64_t b = noise_rng.Next();
      for (int k = 0; k < 4; ++k) {
        // Four 16-bit lanes at a time: no lane overflows into the next (v <= 2520).
        const uint64_t v = ((a >> (4 * k)) & kLowNibbles16) * kLatentWeight +
                           ((b >> (4 * k)) & kLowNibbles16) * weight;
        const uint64_t lanes = Lanes(v);
        std::memcpy(&white[i + 4 * k], &lanes, sizeof lanes);
      }
    }
    // Taps . (2v - c) = 2 (taps . v) - c (sum of taps), c = 15 (kLatentWeight + weight).
    const int32_t offset = 15 * (kLatentWeight + static_cast<int32_t>(weight)) * TapSum();
    for (int i = 0; i < kColumns * kParts; ++i) {
      const int16_t* w = &white[i * kWhiteRows];
      I16x8 acc = {};
      for (size_t t = 0; t < kRingTaps.size(); ++t) {
        I16x8 x;
        std::memcpy(&x, w + t, sizeof x);
        acc += static_cast<int16_t>(kRingTaps[t]) * x;
      }
      field[i] = __builtin_convertvector(acc, I32x8) * 2 - offset;
    }
  }
  // 3. Angular smoothing (ping-pong between two buffers).
  Field other;
  Field* src = &field;
  Field* dst = &other;
  for (int w : kAngularBoxes) {
    BoxFilter(*src, w, *dst);
    std::swap(src, dst);
  }
  const Field& noisy = *src;

  // 4. Signs and weak bits, in image order: output column oc shows latent column
  // oc - rotation. Each lane gathers 2 bits per column for 8 columns, then goes to its word.
  IrisCode iris;
  std::array<uint64_t, kIrisWords> weak{};
  {
    const int rotation = CaptureRotation(identity, eye, capture);
    const auto thr = static_cast<uint32_t>(weak_threshold_[level]);
    const uint32_t thr_less_1 = thr - 1;
    for (int chunk = 0; chunk < kColumns / 8; ++chunk) {
      U32x8 code_acc = {}, weak_acc = {};
      for (int j = 0; j < 8; ++j) {
        const int c = (8 * chunk + j - rotation) & (kColumns - 1);
        // Sign-bit arithmetic rather than comparisons, which some targets do lane by lane:
        // x >= 0 is the complement of x's sign bit; -thr < x < thr is x - thr < 0 and
        // x + thr - 1 >= 0.
        const auto re = reinterpret_cast<U32x8>(noisy[2 * c]);
        const auto im = reinterpret_cast<U32x8>(noisy[2 * c + 1]);
        const U32x8 bits = (~re >> 31) | ((~im >> 31) << 1);
        const U32x8 weak_bits = (((re - thr) & ~(re + thr_less_1)) >> 31) |
                                ((((im - thr) & ~(im + thr_less_1)) >> 31) << 1);
        code_acc |= bits << (2 * j);
        weak_acc |= weak_bits << (2 * j);
      }
      const int word = chunk / 4;
      const int shift = 16 * (chunk % 4);
      for (int r = 0; r < kRings; ++r) {
        iris.code[r * kIrisRingWords + word] |= uint64_t{code_acc[r]} << shift;
        weak[r * kIrisRingWords + word] |= uint64_t{weak_acc[r]} << shift;
      }
    }
  }

  // 5. The mask: weak bits (at most a quarter of the budget), reflections, eyelids.
  Rng rng(StreamSeed(seed_, identity, eye, capture, kMaskTag));
  const double f =
      params_.occlusion_min + (params_.occlusion_max - params_.occlusion_min) * rng.Real();
  const int target = std::clamp(static_cast<int>(std::lround(f * kIrisBits)), min_masked_bits_,
                                max_masked_bits_);
  int masked = 0;
  for (uint64_t w : weak) masked += std::popcount(w);
  const int weak_cap = target / 4;
  for (int w = kIrisWords - 1; w >= 0 && masked > weak_cap; --w) {
    while (weak[w] != 0 && masked > weak_cap) {
      weak[w] &= weak[w] - 1;
      --masked;
    }
  }
  for (int w = 0; w < kIrisWords; ++w) iris.mask[w] = ~weak[w];

  // Specular reflections: up to three small spots of 1-2 rings by 2-3 columns.
  const int spots = static_cast<int>(rng.Below(4));
  for (int s = 0; s < spots; ++s) {
    const int ring0 = static_cast<int>(rng.Below(kRings));
    const int rings = 1 + static_cast<int>(rng.Below(2));
    const int col0 = static_cast<int>(rng.Below(kColumns));
    const int cols = 2 + static_cast<int>(rng.Below(2));
    for (int r = ring0; r < std::min(kRings, ring0 + rings); ++r) {
      for (int c = col0; c < col0 + cols; ++c) {
        MaskSample(iris, r, c & (kColumns - 1), target, &masked);
      }
    }
  }

  // Eyelids: the upper lid takes 50-80% of what is left, the lower lid the rest. Each lid's
  // order lists all 1024 samples, so the budget is always met exactly.
  const double upper_share = 0.5 + 0.3 * rng.Real();
  const int upper_target =
      masked + static_cast<int>(std::lround(upper_share * (target - masked)));
  const std::pair<int, int> lids[2] = {{upper_target, kUpperLidColumn},
                                       {target, kLowerLidColumn}};
  for (const auto& [lid_target, lid_centre] : lids) {
    const auto& order = lid_order_[rng.Below(kLidVariants)];
    const int centre = lid_centre + rng.Between(-kLidJitter, kLidJitter);
    for (size_t i = 0; i < order.size() && masked < lid_target; ++i) {
      const int ring = order[i] >> 8;
      const int column = (centre + (order[i] & 0xff)) & (kColumns - 1);
      MaskSample(iris, ring, column, lid_target, &masked);
    }
  }
  return iris;
}

}  // namespace siak::abis
