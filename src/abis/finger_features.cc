#include "abis/finger_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace siak::abis {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kRadius = 70;                                   // R
constexpr double kCellSize = 2 * kRadius / kCylinderSide;        // delta_S
constexpr double kSigmaS = 28.0 / 3;                             // spatial Gaussian
constexpr double kNeighbourhood = 3 * kSigmaS;                   // cells further away get nothing
constexpr double kSectorWidth = 2 * kPi / kCylinderSectors;      // delta_D
constexpr double kSigmaD = 2 * kPi / 9;                          // directional Gaussian
constexpr double kBitThreshold = 0.01;                           // mu_psi
constexpr double kHullMargin = 50;                               // omega
constexpr double kMinValidFraction = 0.75;                       // min_VC
constexpr int kMinNeighbours = 2;                                // min_M
constexpr int kDefaultPixelsPerCm = 197;                         // 500 dpi

double NormaliseAngle(double a) {  // to [-pi, pi)
  a = std::fmod(a + kPi, 2 * kPi);
  if (a < 0) a += 2 * kPi;
  return a - kPi;
}

// Cells whose centre lies inside the disc, and their count (the same for every cylinder).
struct DiscCells {
  std::array<bool, kCylinderCells> inside{};
  int count = 0;
  DiscCells() {
    for (int i = 0; i < kCylinderSide; ++i) {
      for (int j = 0; j < kCylinderSide; ++j) {
        const double u = (i - (kCylinderSide - 1) / 2.0) * kCellSize;
        const double v = (j - (kCylinderSide - 1) / 2.0) * kCellSize;
        if (u * u + v * v <= kRadius * kRadius) {
          inside[i * kCylinderSide + j] = true;
          ++count;
        }
      }
    }
  }
};
const DiscCells& Disc() {
  static const DiscCells disc;
  return disc;
}

struct Point {
  double x, y;
};
double Cross(const Point& o, const Point& a, const Point& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

// Andrew's monotone chain; counter-clockwise, no repeated points.
std::vector<Point> ConvexHull(std::vector<Point> p) {
  std::sort(p.begin(), p.end(), [](const Point& a, const Point& b) {
    return a.x < b.x || (a.x == b.x && a.y < b.y);
  });
  p.erase(std::unique(p.begin(), p.end(),
                      [](const Point& a, const Point& b) { return a.x == b.x && a.y == b.y; }),
          p.end());
  if (p.size() < 3) return p;
  std::vector<Point> hull(2 * p.size());
  size_t k = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) --k;
    hull[k++] = p[i];
  }
  for (size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && Cross(hull[k - 2], hull[k - 1], p[i - 1]) <= 0) --k;
    hull[k++] = p[i - 1];
  }
  hull.resize(k - 1);
  return hull;
}

double SegmentDistance2(const Point& p, const Point& a, const Point& b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return ex * ex + ey * ey;
}

// A hull edge's line as a unit normal pointing inwards: n . p + c is the signed distance of p
// from the line, positive on the hull's side.
struct EdgeLine {
  double nx, ny, c;
};

std::vector<EdgeLine> EdgeLines(const std::vector<Point>& hull) {
  std::vector<EdgeLine> lines;
  if (hull.size() < 3) return lines;
  for (size_t i = 0; i < hull.size(); ++i) {
    const Point& a = hull[i];
    const Point& b = hull[(i + 1) % hull.size()];
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    // Counter-clockwise hull: the inside is to the left of a->b.
    const double nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
    lines.push_back({nx, ny, -(nx * a.x + ny * a.y)});
  }
  return lines;
}

// Inside the hull widened by kHullMargin (a hull of fewer than 3 points is widened the same way).
// Inside every edge's line: inside the hull. More than the margin outside any line: further
// than that from the hull, outside. Only points near the boundary measure their distance to the
// edges themselves.
bool InsideWidenedHull(const std::vector<Point>& hull, const std::vector<EdgeLine>& lines, const Point& p) {
  if (hull.empty()) return false;
  if (!lines.empty()) {
    bool inside = true;
    for (const EdgeLine& l : lines) {
      const double d = l.nx * p.x + l.ny * p.y + l.c;
      if (d < -kHullMargin) return false;
      inside = inside && d >= 0;
    }
    if (inside) return true;
  }
  const double m2 = kHullMargin * kHullMargin;
  if (hull.size() == 1) return SegmentDistance2(p, hull[0], hull[0]) <= m2;
  for (size_t i = 0; i < hull.size(); ++i) {
    if (SegmentDistance2(p, hull[i], hull[(i + 1) % hull.size()]) <= m2) return true;
  }
  return false;
}

// The directional weight of a neighbour whose direction differs from the centre's by `alpha`,
// for sector k: the Gaussian's mass over the sector's width around the sector's centre angle.
double DirectionalWeight(double alpha, int k) {
  const double centre = -kPi + (k + 0.5) * kSectorWidth;
  const double d = NormaliseAngle(centre - alpha);
  const double s = kSigmaD * std::numbers::sqrt2;
  return 0.5 * (std::erf((d + kSectorWidth / 2) / s) - std::erf((d - kSectorWidth / 2) / s));
}

}  // namespace

FingerFeatures ExtractFingerFeatures(std::span<const Minutia> input, int pixels_per_cm) {
  const double scale =
      static_cast<double>(kDefaultPixelsPerCm) / (pixels_per_cm > 0 ? pixels_per_cm : kDefaultPixelsPerCm);
  FingerFeatures f;
  f.minutiae.reserve(input.size());
  for (const Minutia& m : input) {
    f.minutiae.push_back(FingerMinutia{static_cast<float>(m.x * scale), static_cast<float>(-m.y * scale),
                                       static_cast<float>(m.angle * (2 * kPi / 256)), m.type});
  }
  if (f.minutiae.size() > static_cast<size_t>(kMaxFingerMinutiae)) {
    double cx = 0, cy = 0;
    for (const auto& m : f.minutiae) cx += m.x, cy += m.y;
    cx /= f.minutiae.size(), cy /= f.minutiae.size();
    std::stable_sort(f.minutiae.begin(), f.minutiae.end(), [&](const FingerMinutia& a, const FingerMinutia& b) {
      return std::hypot(a.x - cx, a.y - cy) < std::hypot(b.x - cx, b.y - cy);
    });
    f.minutiae.resize(kMaxFingerMinutiae);
  }
  const size_t n = f.minutiae.size();
  std::vector<Point> points;
  points.reserve(n);
  for (const auto& m : f.minutiae) points.push_back({m.x, m.y});
  const std::vector<Point> hull = ConvexHull(points);
  const std::vector<EdgeLine> lines = EdgeLines(hull);

  const DiscCells& disc = Disc();
  const int min_valid = static_cast<int>(std::ceil(kMinValidFraction * disc.count));

  std::vector<float> sums(kCylinderCells * kCylinderSectors);
  for (size_t c = 0; c < n; ++c) {
    const FingerMinutia& m = f.minutiae[c];
    const double ct = std::cos(m.theta), st = std::sin(m.theta);
    Cylinder cyl{};
    // Validity: the disc and the widened hull.
    int valid = 0;
    for (int i = 0; i < kCylinderSide; ++i) {
      for (int j = 0; j < kCylinderSide; ++j) {
        const int cell = i * kCylinderSide + j;
        if (!disc.inside[cell]) continue;
        const double u = (i - (kCylinderSide - 1) / 2.0) * kCellSize;
        const double v = (j - (kCylinderSide - 1) / 2.0) * kCellSize;
        const Point p{m.x + ct * u - st * v, m.y + st * u + ct * v};
        if (InsideWidenedHull(hull, lines, p)) {
          cyl.valid[cell / 64] |= uint64_t{1} << (cell % 64);
          ++valid;
        }
      }
    }
    if (valid < min_valid) continue;
    // Contributions: each neighbour spreads over the cells within 3 sigma of it.
    std::fill(sums.begin(), sums.end(), 0.0f);
    int neighbours = 0;
    for (size_t t = 0; t < n; ++t) {
      if (t == c) continue;
      const FingerMinutia& o = f.minutiae[t];
      const double dx = o.x - m.x, dy = o.y - m.y;
      if (dx * dx + dy * dy > (kRadius + kNeighbourhood) * (kRadius + kNeighbourhood)) continue;
      ++neighbours;
      // The neighbour in the cylinder's frame, in cell units.
      const double u = (ct * dx + st * dy) / kCellSize + (kCylinderSide - 1) / 2.0;
      const double v = (-st * dx + ct * dy) / kCellSize + (kCylinderSide - 1) / 2.0;
      const double reach = kNeighbourhood / kCellSize;
      const int i0 = std::max(0, static_cast<int>(std::ceil(u - reach)));
      const int i1 = std::min(kCylinderSide - 1, static_cast<int>(std::floor(u + reach)));
      const int j0 = std::max(0, static_cast<int>(std::ceil(v - reach)));
      const int j1 = std::min(kCylinderSide - 1, static_cast<int>(std::floor(v + reach)));
      if (i0 > i1 || j0 > j1) continue;
      std::array<double, kCylinderSectors> dir;
      const double alpha = NormaliseAngle(m.theta - o.theta);
      for (int k = 0; k < kCylinderSectors; ++k) dir[k] = DirectionalWeight(alpha, k);
      for (int i = i0; i <= i1; ++i) {
        for (int j = j0; j <= j1; ++j) {
          const int cell = i * kCylinderSide + j;
          if (!((cyl.valid[cell / 64] >> (cell % 64)) & 1)) continue;
          const double du = (i - u) * kCellSize, dv = (j - v) * kCellSize;
          const double d2 = du * du + dv * dv;
          if (d2 > kNeighbourhood * kNeighbourhood) continue;
          const double spatial = std::exp(-d2 / (2 * kSigmaS * kSigmaS)) / (kSigmaS * std::sqrt(2 * kPi));
          for (int k = 0; k < kCylinderSectors; ++k) {
            sums[cell * kCylinderSectors + k] += static_cast<float>(spatial * dir[k]);
          }
        }
      }
    }
    if (neighbours < kMinNeighbours) continue;
    for (int cell = 0; cell < kCylinderCells; ++cell) {
      for (int k = 0; k < kCylinderSectors; ++k) {
        if (sums[cell * kCylinderSectors + k] >= kBitThreshold) {
          cyl.bits[k * kCylinderCellWords + cell / 64] |= uint64_t{1} << (cell % 64);
        }
      }
    }
    cyl.x = m.x;
    cyl.y = m.y;
    cyl.theta = m.theta;
    cyl.cos_t = static_cast<float>(ct);
    cyl.sin_t = static_cast<float>(st);
    cyl.valid_cells = static_cast<uint16_t>(valid);
    cyl.minutia = static_cast<uint16_t>(c);
    f.cylinders.push_back(cyl);
  }
  // By direction: a probe cylinder then meets the gallery's in runs that agree or do not (the
  // 90-degree test in the kernels branches predictably).
  std::stable_sort(f.cylinders.begin(), f.cylinders.end(),
                   [](const Cylinder& a, const Cylinder& b) { return a.theta < b.theta; });
  return f;
}

FingerFeatures ExtractFingerFeatures(const FingerRecord& record) {
  if (record.views.empty()) return {};
  return ExtractFingerFeatures(record.views[0].minutiae, record.x_resolution);
}

}  // namespace siak::abis
