#include "domain/region.h"

namespace siak {

void RegionStats::Count(const Region& r) {
  switch (r.code.level()) {
    case RegionLevel::kProvince: ++provinces; break;
    case RegionLevel::kRegency:
      ++regencies;
      (r.code.regency_kind() == RegencyKind::kKota ? kota : kabupaten) += 1;
      break;
    case RegionLevel::kDistrict: ++districts; break;
    case RegionLevel::kVillage:
      ++villages;
      switch (r.code.village_kind()) {
        case VillageKind::kKelurahan: ++kelurahan; break;
        case VillageKind::kDesa: ++desa; break;
        case VillageKind::kDesaAdat: ++desa_adat; break;
        case VillageKind::kNotAVillage: break;
      }
      break;
    case RegionLevel::kIsland:
      ++islands;
      if (r.is_populated) ++populated_islands;
      if (r.is_outermost_small) ++outermost_small_islands;
      break;
  }
}

}  // namespace siak
