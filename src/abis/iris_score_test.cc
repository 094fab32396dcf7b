#include "abis/iris_score.h"

#include "abis/iris_code.h"

#include <gtest/gtest.h>

#include <cmath>

namespace siak::abis {
namespace {

TEST(IrisScore, NormalisationIsIdentityAt911BitsAndPullsSmallCountsTowardHalf) {
  EXPECT_NEAR(NormalisedHd(300, 911), 300.0 / 911, 1e-12);
  // 0.3 from 400 bits is weaker evidence than 0.3 from 1600 bits.
  EXPECT_GT(NormalisedHd(120, 400), 0.3);
  EXPECT_LT(NormalisedHd(480, 1600), 0.3);
  EXPECT_EQ(NormalisedHd(10, kMinComparedBits - 1), 1.0);
}

TEST(IrisScore, ModelMatchesDaugmansPublishedOddsWithinAFactorOfThree) {
  // DESIGN.md (Daugman, best of 7 rotations): HD 0.33 -> 1 in 4 M ... 0.29 -> 1 in 13 B.
  const std::pair<double, double> published[] = {
      {0.33, 1 / 4e6}, {0.32, 1 / 26e6}, {0.31, 1 / 185e6}, {0.30, 1 / 1.5e9}, {0.29, 1 / 13e9}};
  for (auto [hd, odds] : published) {
    const double p = FalseMatchProbability(hd, 7);
    EXPECT_GT(p, odds / 3) << hd;
    EXPECT_LT(p, odds * 3) << hd;
  }
  // Each -0.01 in the threshold makes false matches roughly 10x rarer.
  EXPECT_GT(FalseMatchProbability(0.32, 17) / FalseMatchProbability(0.31, 17), 5);
  // More rotations, more chances.
  EXPECT_GT(FalseMatchProbability(0.32, 17), FalseMatchProbability(0.32, 7));
}

TEST(IrisScore, ThresholdInvertsTheModel) {
  for (double p : {1e-3, 1e-6, 1e-9, 1e-12}) {
    const double t = ThresholdForProbability(p, 17);
    EXPECT_LE(FalseMatchProbability(t, 17), p * 1.0001);
    EXPECT_GT(FalseMatchProbability(t + 0.002, 17), p);
  }
  EXPECT_LT(ThresholdForProbability(1e-12, 17), ThresholdForProbability(1e-6, 17));
}

TEST(IrisScore, DecisionTableIsTheScoreRuleInIntegersAndNeverDecreases) {
  for (double t : {0.25, 0.32, 0.36, 0.45}) {
    const DecisionTable table(t);
    for (int n = 0; n <= kIrisBits; ++n) {
      if (n > 0) {
        ASSERT_GE(table.dmax()[n], table.dmax()[n - 1]) << "t=" << t << " n=" << n;
      }
      const int dmax = table.dmax()[n];
      if (n < kMinComparedBits) {
        ASSERT_EQ(dmax, -1);
        continue;
      }
      if (dmax >= 0) {
        ASSERT_LE(NormalisedHd(dmax, n), t + 1e-12) << "t=" << t << " n=" << n;
      }
      if (dmax + 1 <= n) {
        ASSERT_GT(NormalisedHd(dmax + 1, n), t) << "t=" << t << " n=" << n;
      }
    }
  }
  const DecisionTable all = DecisionTable::AcceptAll();
  EXPECT_TRUE(all.Matches(2048, 2048));
  EXPECT_FALSE(all.Matches(0, kMinComparedBits - 1));
}

}  // namespace
}  // namespace siak::abis
