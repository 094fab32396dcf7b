// Region: one row of the official region list (Kepmendagri 300.2.2-2138/2025 as published
// in idn-area-data), and the counts the register reports about them.
#pragma once

#include <cstdint>
#include <string>

#include "domain/region_code.h"

namespace siak {

struct Region {
  RegionCode code;
  std::string name;
  // Islands only.
  bool is_populated = false;
  bool is_outermost_small = false;  // pulau-pulau kecil terluar (PPKT, Keppres 6/2017)
  std::string coordinate;           // as published, e.g. 03°19'03.44" N 097°07'41.73" E
};

struct RegionStats {
  int64_t provinces = 0;
  int64_t regencies = 0;
  int64_t kabupaten = 0;
  int64_t kota = 0;
  int64_t districts = 0;
  int64_t villages = 0;
  int64_t kelurahan = 0;
  int64_t desa = 0;
  int64_t desa_adat = 0;
  int64_t islands = 0;
  int64_t populated_islands = 0;
  int64_t outermost_small_islands = 0;

  void Count(const Region& region);
  friend bool operator==(const RegionStats&, const RegionStats&) = default;
};

}  // namespace siak
