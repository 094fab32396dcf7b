#include "domain/target_projection.h"

#include <gtest/gtest.h>

#include <vector>

namespace siak {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

// Weekly points from `start` on: `wajib` constant, recorded rising by `per_week`.
std::vector<CoveragePoint> Weekly(const char* start, int weeks, int64_t wajib, int64_t recorded, int64_t per_week) {
  std::vector<CoveragePoint> out;
  for (int i = 0; i < weeks; ++i) out.push_back({D(start).AddDays(7 * i), wajib, recorded + per_week * i});
  return out;
}

TEST(TargetProjection, ASteadyPaceProjectsTheDayTheGapCloses) {
  // 10,000 wajib, 9,000 recorded, +50 a week: 0.98 needs 9,800, i.e. 800 more after the last
  // point = 16 weeks.
  auto pts = Weekly("2026-09-07", 12, 10000, 8450, 50);
  const Date last = pts.back().day;
  Projection p = ProjectTarget({pts, 0.98, D("2027-12-31"), last});
  EXPECT_EQ(p.status, ProjectionStatus::kOnTrack);
  EXPECT_EQ(p.points_used, 12);
  EXPECT_NEAR(p.rate_per_week, 0.005, 1e-9);
  EXPECT_NEAR(p.recorded_per_week, 50, 1e-6);
  EXPECT_EQ(p.remaining, 9800 - 9000);
  ASSERT_TRUE(p.projected.has_value());
  EXPECT_EQ(*p.projected, last.AddDays(16 * 7));
  // A perfect line: no spread, the interval is the point.
  EXPECT_EQ(*p.earliest, *p.projected);
  EXPECT_EQ(*p.latest, *p.projected);
}

TEST(TargetProjection, ATargetDateBeforeTheProjectionIsOffTrack) {
  auto pts = Weekly("2026-09-07", 12, 10000, 8450, 50);
  Projection p = ProjectTarget({pts, 0.98, pts.back().day.AddDays(30), pts.back().day});
  EXPECT_EQ(p.status, ProjectionStatus::kOffTrack);
  EXPECT_TRUE(p.off_track());
}

TEST(TargetProjection, NoisyHistoryGivesAnIntervalAroundTheProjection) {
  auto pts = Weekly("2026-09-07", 12, 10000, 8450, 50);
  for (size_t i = 0; i < pts.size(); ++i) pts[i].recorded += (i % 2 == 0 ? 20 : -20);
  Projection p = ProjectTarget({pts, 0.98, D("2027-12-31"), pts.back().day});
  ASSERT_TRUE(p.projected && p.earliest && p.latest);
  EXPECT_LT(*p.earliest, *p.projected);
  EXPECT_LT(*p.projected, *p.latest);
}

TEST(TargetProjection, AFlatOrFallingRateIsNoProgress) {
  auto pts = Weekly("2026-09-07", 6, 10000, 9000, 0);
  Projection p = ProjectTarget({pts, 0.98, D("2027-12-31"), pts.back().day});
  EXPECT_EQ(p.status, ProjectionStatus::kNoProgress);
  EXPECT_FALSE(p.projected.has_value());
  EXPECT_TRUE(p.off_track());
}

TEST(TargetProjection, ReachedAndInsufficientData) {
  auto reached = Weekly("2026-09-07", 2, 1000, 990, 1);
  Projection r = ProjectTarget({reached, 0.98, D("2027-12-31"), reached.back().day});
  EXPECT_EQ(r.status, ProjectionStatus::kReached);
  EXPECT_EQ(r.remaining, 0);
  auto few = Weekly("2026-09-07", 2, 1000, 900, 10);
  Projection f = ProjectTarget({few, 0.98, D("2027-12-31"), few.back().day});
  EXPECT_EQ(f.status, ProjectionStatus::kInsufficientData);
  EXPECT_EQ(f.remaining, 980 - 910);
  EXPECT_FALSE(f.projected.has_value());
}

TEST(TargetProjection, OnlyTheWindowCountsAndTheLastPointOfADayWins) {
  // An old fast period outside the window must not speed up the projection.
  auto pts = Weekly("2026-01-05", 20, 10000, 5000, 200);
  auto recent = Weekly("2026-06-01", 12, 10000, 9000, 10);
  pts.insert(pts.end(), recent.begin(), recent.end());
  pts.push_back({recent.back().day, 10000, recent.back().recorded + 5});  // same day, later reading
  Projection p = ProjectTarget({pts, 0.99, D("2030-12-31"), recent.back().day});
  EXPECT_NEAR(p.recorded_per_week, 10, 1.0);
  EXPECT_EQ(p.remaining, 9900 - (recent.back().recorded + 5));
}

}  // namespace
}  // namespace siak
