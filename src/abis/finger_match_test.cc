#include "abis/finger_match.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "abis/synthetic_finger.h"

namespace siak::abis {
namespace {

// Rotates and shifts a minutiae set as a different placement on the scanner would.
std::vector<Minutia> Move(const std::vector<Minutia>& in, double degrees, int dx, int dy) {
  const double r = degrees * std::numbers::pi / 180, c = std::cos(r), s = std::sin(r);
  std::vector<Minutia> out;
  for (Minutia m : in) {
    const double x = m.x - 200.0, y = m.y - 250.0;
    const double px = 200 + c * x - s * y + dx, py = 250 + s * x + c * y + dy;
    if (px < 0 || py < 0 || px > 1000 || py > 1000) continue;
    m.x = static_cast<uint16_t>(std::lround(px));
    m.y = static_cast<uint16_t>(std::lround(py));
    // Clockwise on screen (rows go down) is a negative turn of the ISO angle.
    m.angle = static_cast<uint8_t>((m.angle - static_cast<int>(std::lround(degrees * 256 / 360)) + 512) & 0xff);
    out.push_back(m);
  }
  return out;
}

TEST(FingerMatch, ATemplateMatchesItselfAndMovedCopiesOfItself) {
  SyntheticFingers fingers(11);
  FingerMatcher matcher;
  const auto minutiae = fingers.Capture(3, 7, 0);
  const FingerFeatures a = ExtractFingerFeatures(minutiae, 197);
  const float self = matcher.Score(a, a);
  EXPECT_GT(self, 0.9f);
  for (double deg : {-30.0, -10.0, 12.0, 25.0}) {
    const FingerFeatures b = ExtractFingerFeatures(Move(minutiae, deg, 17, -23), 197);
    EXPECT_GT(matcher.Score(a, b), 0.6f) << deg << " degrees";
  }
}

// A template too small to supply the pairs a score averages over does not score like a full
// match, even against itself.
TEST(FingerMatch, TinyTemplatesCannotScoreLikeFullMatches) {
  SyntheticFingers fingers(11);
  FingerMatcher matcher;
  const FingerFeatures full = ExtractFingerFeatures(fingers.Capture(3, 7, 0), 197);
  ASSERT_GT(full.cylinders.size(), 6u);
  const std::span<const Cylinder> two(full.cylinders.data(), 2);
  EXPECT_GT(matcher.Score(full.cylinders, full.cylinders), 0.9f);
  EXPECT_LE(matcher.Score(two, two), 0.5f);
  EXPECT_LE(matcher.Score(two.first(1), full.cylinders), 0.25f);
}

TEST(FingerMatch, EmptyTemplatesScoreZero) {
  FingerMatcher matcher;
  SyntheticFingers fingers(1);
  const FingerFeatures a = ExtractFingerFeatures(fingers.CaptureRecord(1, 1, 0));
  EXPECT_EQ(matcher.Score(a, FingerFeatures{}), 0.0f);
  EXPECT_EQ(matcher.Score(FingerFeatures{}, a), 0.0f);
}

// Genuine impressions of synthetic fingers outscore impostors by a wide margin; every kernel
// gives exactly the same scores (the kernels and the relaxation links are exact).
TEST(FingerMatch, SyntheticGenuinePairsOutscoreImpostorsAndKernelsAgree) {
  SyntheticFingers fingers(2026);
  std::vector<FingerFeatures> first, second;
  for (uint64_t id = 0; id < 30; ++id) {
    first.push_back(ExtractFingerFeatures(fingers.CaptureRecord(id, 2, 0)));
    second.push_back(ExtractFingerFeatures(fingers.CaptureRecord(id, 2, 1)));
  }
  FingerMatcher scalar(FingerKernelKind::kScalar), best;
  std::vector<FingerMatcher> others;
  for (auto k : {FingerKernelKind::kAvx2, FingerKernelKind::kAvx512}) {
    if (FingerKernelSupported(k)) others.emplace_back(k);
  }
  std::vector<float> genuine, impostor;
  for (size_t i = 0; i < first.size(); ++i) {
    for (size_t j = 0; j < second.size(); ++j) {
      const float s = scalar.Score(first[i], second[j]);
      for (auto& m : others) ASSERT_EQ(m.Score(first[i], second[j]), s) << i << " " << j;
      (i == j ? genuine : impostor).push_back(s);
    }
  }
  std::sort(genuine.begin(), genuine.end());
  const float worst_impostor = *std::max_element(impostor.begin(), impostor.end());
  // At most one of 30 genuine pairs at or below the best of 870 impostors.
  EXPECT_GT(genuine[1], worst_impostor);
  EXPECT_GT(genuine[genuine.size() / 2], 2 * worst_impostor);
}

}  // namespace
}  // namespace siak::abis
