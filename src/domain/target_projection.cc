#include "domain/target_projection.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace siak {

std::string_view ProjectionStatusName(ProjectionStatus s) {
  switch (s) {
    case ProjectionStatus::kReached: return "reached";
    case ProjectionStatus::kOnTrack: return "on_track";
    case ProjectionStatus::kOffTrack: return "off_track";
    case ProjectionStatus::kNoProgress: return "no_progress";
    case ProjectionStatus::kInsufficientData: return "insufficient_data";
  }
  return "?";
}

namespace {

double Rate(const CoveragePoint& p) {
  return p.wajib_ktp > 0 ? static_cast<double>(p.recorded) / static_cast<double>(p.wajib_ktp) : 0.0;
}

// Least squares y = a + b·x; `se` the standard error of b (0 with two points).
struct Line {
  double a = 0, b = 0, se = 0;
};

Line Fit(const std::vector<std::pair<double, double>>& xy) {
  const double n = static_cast<double>(xy.size());
  double mx = 0, my = 0;
  for (auto [x, y] : xy) {
    mx += x;
    my += y;
  }
  mx /= n;
  my /= n;
  double sxx = 0, sxy = 0;
  for (auto [x, y] : xy) {
    sxx += (x - mx) * (x - mx);
    sxy += (x - mx) * (y - my);
  }
  Line l;
  if (sxx <= 0) return l;
  l.b = sxy / sxx;
  l.a = my - l.b * mx;
  if (xy.size() > 2) {
    double sse = 0;
    for (auto [x, y] : xy) {
      const double r = y - (l.a + l.b * x);
      sse += r * r;
    }
    l.se = std::sqrt(sse / (n - 2) / sxx);
  }
  return l;
}

// Today plus the days needed to gain `gap` at `per_day`; none when that is not a gain or is
// beyond a century (a pace that slow is no date).
std::optional<Date> DateAt(const Date& today, double gap, double per_day) {
  if (per_day <= 0) return std::nullopt;
  const double days = std::ceil(gap / per_day - 1e-9);  // no extra day from rounding
  if (!(days < 36500)) return std::nullopt;
  return today.AddDays(static_cast<int64_t>(days));
}

}  // namespace

Projection ProjectTarget(const ProjectionInput& in) {
  Projection out;
  // The last point of each day, in day order.
  std::map<int64_t, CoveragePoint> by_day;
  for (const auto& p : in.points) by_day[p.day.ToDays()] = p;
  if (by_day.empty()) return out;
  const CoveragePoint& last = by_day.rbegin()->second;
  out.rate_now = Rate(last);
  const double needed = std::ceil(in.target_rate * static_cast<double>(last.wajib_ktp) - 1e-9);
  out.remaining = std::max<int64_t>(0, static_cast<int64_t>(needed) - last.recorded);
  if (last.wajib_ktp > 0 && out.remaining == 0) {
    out.status = ProjectionStatus::kReached;
    out.projected = last.day;
    out.earliest = last.day;
    out.latest = last.day;
  }
  const int64_t from = by_day.rbegin()->first - in.window_days;
  std::vector<std::pair<double, double>> rate_xy, count_xy;
  for (const auto& [day, p] : by_day) {
    if (day < from || p.wajib_ktp <= 0) continue;
    rate_xy.emplace_back(static_cast<double>(day - from), Rate(p));
    count_xy.emplace_back(static_cast<double>(day - from), static_cast<double>(p.recorded));
  }
  out.points_used = static_cast<int>(rate_xy.size());
  const bool enough = rate_xy.size() >= 3 && rate_xy.back().first - rate_xy.front().first >= 7;
  if (!enough) return out;
  const Line rate = Fit(rate_xy);
  const Line count = Fit(count_xy);
  out.rate_per_week = rate.b * 7;
  out.recorded_per_week = count.b * 7;
  if (out.status == ProjectionStatus::kReached) return out;
  const double gap = in.target_rate - out.rate_now;
  const Date start = in.today < last.day ? last.day : in.today;
  out.projected = DateAt(start, gap, rate.b);
  out.earliest = DateAt(start, gap, rate.b + 2 * rate.se);
  out.latest = DateAt(start, gap, rate.b - 2 * rate.se);
  if (!out.projected) {
    out.status = ProjectionStatus::kNoProgress;
  } else {
    out.status = *out.projected <= in.target_date ? ProjectionStatus::kOnTrack : ProjectionStatus::kOffTrack;
  }
  return out;
}

}  // namespace siak
