// The compatibility links of the LSS-R relaxation (finger_match.h): for every two selected
// minutia pairs whose rotations are close enough, rho = c1 * c2 * c3 (distance, direction and
// radial-angle consistency), kept when rho >= 1e-4. Internal to the matcher; a scalar reference
// and an AVX-512 version that computes the same IEEE operations lane by lane (this file and its
// users are compiled with -ffp-contract=off so that no multiply-add is fused on one side only),
// so both give identical links in identical order.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <vector>

namespace siak::abis::finger_internal {

inline constexpr float kPi = std::numbers::pi_v<float>;
// |d_A - d_B| is measured against a tolerance that grows by 3% of the distance.
inline constexpr float kDistanceGrowth = 0.03f;
// Beyond this rotation difference the angle sigmoid is below 1e-4: pi/12 + ln(9999)/30.
inline constexpr float kRotationReach = 0.5689f;
inline constexpr float kMinLink = 1e-4f;

// The three compatibility sigmoids as tables: distance differences up to 32 px in steps of
// 1/16 px, angle differences over [0, pi] in 1024 steps.
struct LinkTables {
  static constexpr int kDistanceSteps = 512;
  static constexpr float kDistanceScale = 16;
  static constexpr int kAngleSteps = 1024;
  static constexpr float kAngleScale = kAngleSteps / kPi;
  alignas(64) std::array<float, kDistanceSteps + 1> distance;
  alignas(64) std::array<float, kAngleSteps + 1> angle;
};
const LinkTables& Tables();

// The selected pairs in rotation order (ascending, in [-pi, pi]), then the same pairs again with
// rotation + 2 pi, so that the pairs within reach after any pair are contiguous; padded with
// 16 spare entries.
struct LinkInput {
  size_t n = 0;
  std::vector<float> ax, ay, bx, by, rot;
  std::vector<int32_t> pair;  // index of the pair in the selection
  void Resize(size_t pairs);  // n = pairs, arrays 2n + 16
};

struct LinkPair {
  uint16_t t, k;
  float rho;
};

void LinksScalar(const LinkInput& in, std::vector<LinkPair>* out);
void LinksAvx512(const LinkInput& in, std::vector<LinkPair>* out);

inline float Wrap(float a) {  // to [-pi, pi]
  if (a > kPi) a -= 2 * kPi;
  if (a < -kPi) a += 2 * kPi;
  return a;
}

// atan2 to within 1e-5 rad (odd minimax polynomial on [0, 1] and octant folding).
inline float FastAtan2(float y, float x) {
  const float ax = x < 0 ? -x : x, ay = y < 0 ? -y : y;
  const float lo = ax < ay ? ax : ay, hi = ax < ay ? ay : ax;
  if (hi == 0) return 0;
  const float z = lo / hi, s = z * z;
  float r = ((((((-0.0040540580f * s + 0.0218612288f) * s - 0.0559098861f) * s + 0.0964200441f) * s -
               0.1390853351f) * s + 0.1994653599f) * s - 0.3332985605f) * s * z + z;
  if (ay > ax) r = kPi / 2 - r;
  if (x < 0) r = kPi - r;
  return y < 0 ? -r : r;
}

}  // namespace siak::abis::finger_internal
