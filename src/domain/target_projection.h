// Target projection: when will a region's e-KTP recording rate reach the target the ministry
// set? Pure: the coverage history is passed in (daily snapshots plus today's live counts).
//
// Method: an ordinary least-squares line through the recording rate (recorded / wajib KTP) of
// the points in the window (default the last 12 weeks), in days. The pace is the line's slope;
// the projected date is today plus (target − today's rate) / slope. The interval comes from the
// slope's standard error (slope ± 2·SE, about 95% for a straight-line trend with normal
// residuals): the earliest date from the faster pace, the latest from the slower one (none when
// the slower pace is not a gain at all). A region whose projected date is after the target date,
// or that is not gaining, is off track.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/date.h"

namespace siak {

struct CoveragePoint {
  Date day = Date::FromDays(0);
  int64_t wajib_ktp = 0;
  int64_t recorded = 0;
};

enum class ProjectionStatus {
  kReached,           // today's rate is at or above the target
  kOnTrack,           // projected on or before the target date
  kOffTrack,          // projected after the target date
  kNoProgress,        // the rate is not rising: never, at this pace
  kInsufficientData,  // fewer than 3 points (or 7 days) in the window
};
std::string_view ProjectionStatusName(ProjectionStatus s);  // "reached", "on_track", ...

struct ProjectionInput {
  std::span<const CoveragePoint> points;  // any order; days may repeat (the last one counts)
  double target_rate = 0.98;
  Date target_date = Date::FromDays(0);
  Date today = Date::FromDays(0);
  int window_days = 84;
};

struct Projection {
  ProjectionStatus status = ProjectionStatus::kInsufficientData;
  double rate_now = 0;               // the latest point's rate
  double rate_per_week = 0;          // the fitted pace, in rate per week
  double recorded_per_week = 0;      // the same for the recorded count (persons a week)
  int64_t remaining = 0;             // persons still to record to reach the target today
  int points_used = 0;
  std::optional<Date> projected;     // when the target is reached at this pace
  std::optional<Date> earliest;      // the interval
  std::optional<Date> latest;        // none: not at the slower pace
  bool off_track() const {
    return status == ProjectionStatus::kOffTrack || status == ProjectionStatus::kNoProgress;
  }
};

Projection ProjectTarget(const ProjectionInput& input);

}  // namespace siak
