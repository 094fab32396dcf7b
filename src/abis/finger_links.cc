#include "abis/finger_links.h"

#include <algorithm>
#include <cmath>

namespace siak::abis::finger_internal {
namespace {

double Sigmoid(double v, double mu, double tau) { return 1.0 / (1.0 + std::exp(-tau * (v - mu))); }

}  // namespace

const LinkTables& Tables() {
  static const LinkTables tables = [] {
    LinkTables t;
    for (int i = 0; i <= LinkTables::kDistanceSteps; ++i) {
      t.distance[i] =
          i == LinkTables::kDistanceSteps ? 0.0f : static_cast<float>(Sigmoid(i / LinkTables::kDistanceScale, 5, -8.0 / 5));
    }
    for (int i = 0; i <= LinkTables::kAngleSteps; ++i) {
      t.angle[i] = static_cast<float>(Sigmoid(i / LinkTables::kAngleScale, std::numbers::pi / 12, -30));
    }
    return t;
  }();
  return tables;
}

void LinkInput::Resize(size_t pairs) {
  n = pairs;
  const size_t size = 2 * pairs + 16;
  for (auto* v : {&ax, &ay, &bx, &by, &rot}) v->assign(size, 0.0f);
  pair.assign(size, 0);
}

void LinksScalar(const LinkInput& in, std::vector<LinkPair>* out) {
  const LinkTables& tables = Tables();
  const size_t n = in.n;
  for (size_t g = 0; g < n; ++g) {
    for (size_t k = g + 1; k < g + n; ++k) {
      const float ahead = in.rot[k] - in.rot[g];
      if (ahead > kRotationReach) break;
      const float c2 = tables.angle[static_cast<int>(ahead * LinkTables::kAngleScale)];
      const float ux = in.ax[k] - in.ax[g], uy = in.ay[k] - in.ay[g];
      const float vx = in.bx[k] - in.bx[g], vy = in.by[k] - in.by[g];
      const float da = std::sqrt(ux * ux + uy * uy), db = std::sqrt(vx * vx + vy * vy);
      const float d1 = std::fabs(da - db) / (1 + kDistanceGrowth * (da + db) / 2);
      const int i1 = std::min(LinkTables::kDistanceSteps, static_cast<int>(d1 * LinkTables::kDistanceScale));
      const float c1 = tables.distance[i1];
      if (!(c1 >= kMinLink)) continue;
      const float segment = FastAtan2(ux * vy - uy * vx, ux * vx + uy * vy);  // from u to v
      const float mean_rot = in.rot[g] + ahead / 2;
      const float d3 = std::fabs(Wrap(segment - mean_rot));
      const float c3 =
          tables.angle[std::min(LinkTables::kAngleSteps, static_cast<int>(d3 * LinkTables::kAngleScale))];
      const float rho = c1 * c2 * c3;
      if (!(rho >= kMinLink)) continue;
      out->push_back({static_cast<uint16_t>(in.pair[g]), static_cast<uint16_t>(in.pair[k]), rho});
    }
  }
}

}  // namespace siak::abis::finger_internal
