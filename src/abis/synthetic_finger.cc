#include "abis/synthetic_finger.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "common/rng.h"

namespace siak::abis {
namespace {

constexpr double kPi = std::numbers::pi;

uint64_t Mix(uint64_t a, uint64_t b) {
  uint64_t z = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double Uniform(Rng& rng, double lo, double hi) { return lo + (hi - lo) * rng.Real(); }
double Normal(Rng& rng) {  // Box-Muller
  const double u = std::max(rng.Real(), 1e-12), v = rng.Real();
  return std::sqrt(-2 * std::log(u)) * std::cos(2 * kPi * v);
}

struct Master {
  struct Point {
    double x, y, theta;
    MinutiaType type;
  };
  std::vector<Point> points;
  double cx, cy;  // centre of the finger
};

Master MakeMaster(uint64_t seed, uint64_t identity, int position) {
  Rng rng(Mix(Mix(seed, identity), static_cast<uint64_t>(position) * 0x51ed27ULL + 1));
  Master m;
  m.cx = kSyntheticFingerWidth / 2.0;
  m.cy = kSyntheticFingerHeight / 2.0;
  const double rx = Uniform(rng, 130, 165), ry = Uniform(rng, 175, 215);
  // Singular points: +1/2 for a core, -1/2 for a delta.
  struct Singular {
    double x, y, k;
  };
  std::vector<Singular> singular;
  const int kind = rng.Between(0, 9);  // 0-5 loop, 6-8 whorl, 9 arch
  const double base = Uniform(rng, -0.3, 0.3);
  if (kind <= 8) {
    singular.push_back({m.cx + Uniform(rng, -50, 50), m.cy + Uniform(rng, -80, 0), 0.5});
    singular.push_back({m.cx + Uniform(rng, -120, 120), m.cy + Uniform(rng, 60, 140), -0.5});
  }
  if (kind >= 6 && kind <= 8) {
    singular.push_back({singular[0].x + Uniform(rng, -30, 30), singular[0].y + Uniform(rng, 20, 50), 0.5});
    singular.push_back({m.cx + Uniform(rng, -140, 140), m.cy + Uniform(rng, 60, 150), -0.5});
  }
  auto orientation = [&](double x, double y) {
    double o = base;
    for (const auto& s : singular) o += s.k * std::atan2(y - s.y, x - s.x);
    if (singular.empty()) o += 0.35 * std::sin((x - m.cx) / 90.0);  // an arch's gentle bend
    return o;
  };
  const int want = std::clamp(static_cast<int>(std::lround(36 + 8 * Normal(rng))), 20, 60);
  for (int tries = 0; static_cast<int>(m.points.size()) < want && tries < want * 60; ++tries) {
    const double x = Uniform(rng, m.cx - rx, m.cx + rx), y = Uniform(rng, m.cy - ry, m.cy + ry);
    const double ex = (x - m.cx) / rx, ey = (y - m.cy) / ry;
    if (ex * ex + ey * ey > 1) continue;
    bool close = false;
    for (const auto& p : m.points) close = close || std::hypot(p.x - x, p.y - y) < 9;
    if (close) continue;
    double theta = orientation(x, y) + (rng.Chance(0.5) ? kPi : 0);
    m.points.push_back({x, y, theta, rng.Chance(0.55) ? MinutiaType::kRidgeEnding : MinutiaType::kBifurcation});
  }
  return m;
}

}  // namespace

std::vector<Minutia> SyntheticFingers::Capture(uint64_t identity, int position, uint64_t capture) const {
  const Master master = MakeMaster(seed_, identity, position);
  Rng rng(Mix(Mix(Mix(seed_ ^ 0xc0ffeeULL, identity), static_cast<uint64_t>(position)), capture + 17));
  const double rot = Uniform(rng, -15, 15) * kPi / 180;
  const double tx = Uniform(rng, -25, 25), ty = Uniform(rng, -25, 25);
  // Contact: an ellipse around a point near the centre; minutiae outside it are not seen.
  const double contact_x = master.cx + Uniform(rng, -30, 30), contact_y = master.cy + Uniform(rng, -40, 40);
  const double contact_rx = Uniform(rng, 120, 170), contact_ry = Uniform(rng, 160, 220);
  // Distortion: a smooth displacement growing with the square of the distance from contact.
  const double dist_ax = Uniform(rng, -8, 8), dist_ay = Uniform(rng, -8, 8);
  const double drop = Uniform(rng, 0.10, 0.20);
  const double cr = std::cos(rot), sr = std::sin(rot);
  std::vector<Minutia> out;
  auto emit = [&](double x, double y, double theta, MinutiaType type) {
    // Press: distortion about the contact point, then the rigid move about the image centre.
    const double ux = (x - contact_x) / 200, uy = (y - contact_y) / 200;
    const double r2 = ux * ux + uy * uy;
    x += dist_ax * r2 + 2 * Normal(rng) * 0.7;
    y += dist_ay * r2 + 2 * Normal(rng) * 0.7;
    const double dx = x - master.cx, dy = y - master.cy;
    const double px = master.cx + cr * dx - sr * dy + tx, py = master.cy + sr * dx + cr * dy + ty;
    // theta and rot are measured in image coordinates (rows go down: clockwise on screen);
    // ISO angles go counter-clockwise on screen.
    double angle = -(theta + rot) + Normal(rng) * 6 * kPi / 180;
    angle = std::fmod(angle, 2 * kPi);
    if (angle < 0) angle += 2 * kPi;
    if (px < 0 || py < 0 || px >= kSyntheticFingerWidth || py >= kSyntheticFingerHeight) return;
    out.push_back(Minutia{static_cast<uint16_t>(px), static_cast<uint16_t>(py),
                          static_cast<uint8_t>(static_cast<int>(std::lround(angle * 256 / (2 * kPi))) & 0xff), type,
                          static_cast<uint8_t>(rng.Between(40, 90))});
  };
  // A capture that saw too little (under 14 minutiae) is taken again pressed wider, as an
  // officer would ask (at most three times).
  double press = 1;
  for (int attempt = 0;; ++attempt) {
    out.clear();
    for (const auto& p : master.points) {
      const double ex = (p.x - contact_x) / (contact_rx * press), ey = (p.y - contact_y) / (contact_ry * press);
      if (ex * ex + ey * ey > 1) continue;
      if (rng.Chance(drop)) continue;
      emit(p.x, p.y, p.theta, p.type);
    }
    if (out.size() >= 14 || attempt == 3) break;
    press *= 1.3;
  }
  const int spurious = rng.Between(0, 4);
  for (int i = 0; i < spurious; ++i) {
    const double a = Uniform(rng, 0, 2 * kPi), r = std::sqrt(rng.Real());
    emit(contact_x + r * contact_rx * std::cos(a), contact_y + r * contact_ry * std::sin(a), Uniform(rng, 0, 2 * kPi),
         rng.Chance(0.5) ? MinutiaType::kRidgeEnding : MinutiaType::kBifurcation);
  }
  return out;
}

FingerRecord SyntheticFingers::CaptureRecord(uint64_t identity, int position, uint64_t capture) const {
  FingerRecord r;
  r.width = kSyntheticFingerWidth;
  r.height = kSyntheticFingerHeight;
  r.x_resolution = r.y_resolution = 197;
  FingerView v;
  v.position = position;
  v.quality = 60;
  v.minutiae = Capture(identity, position, capture);
  r.views.push_back(std::move(v));
  return r;
}

}  // namespace siak::abis
