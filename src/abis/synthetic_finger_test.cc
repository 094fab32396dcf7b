#include "abis/synthetic_finger.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace siak::abis {
namespace {

TEST(SyntheticFingers, CapturesArePlausibleDeterministicAndEncodable) {
  SyntheticFingers fingers(5);
  double total = 0;
  for (uint64_t id = 0; id < 50; ++id) {
    const auto a = fingers.Capture(id, 3, 0);
    EXPECT_EQ(a.size(), fingers.Capture(id, 3, 0).size());
    EXPECT_GE(a.size(), 12u) << id;
    EXPECT_LE(a.size(), 70u) << id;
    total += static_cast<double>(a.size());
    for (const Minutia& m : a) {
      EXPECT_LT(m.x, kSyntheticFingerWidth);
      EXPECT_LT(m.y, kSyntheticFingerHeight);
    }
    auto bytes = EncodeFingerRecord(fingers.CaptureRecord(id, 3, 1));
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    auto back = DecodeFingerRecord(*bytes, "t");
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->views[0].position, 3);
  }
  // Around the real data's mean (FVC2002 here: 32 per template).
  EXPECT_GT(total / 50, 22);
  EXPECT_LT(total / 50, 40);
  // Another impression differs; another finger differs.
  auto same = [](const std::vector<Minutia>& x, const std::vector<Minutia>& y) {
    return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), [](const Minutia& p, const Minutia& q) {
             return p.x == q.x && p.y == q.y && p.angle == q.angle;
           });
  };
  const auto a = fingers.Capture(1, 3, 0);
  EXPECT_TRUE(same(a, fingers.Capture(1, 3, 0)));
  EXPECT_FALSE(same(a, fingers.Capture(1, 3, 1)));
  EXPECT_FALSE(same(a, fingers.Capture(1, 4, 0)));
  EXPECT_FALSE(same(a, SyntheticFingers(6).Capture(1, 3, 0)));
}

}  // namespace
}  // namespace siak::abis
