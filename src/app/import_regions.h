// Reading the official region list (idn-area-data's five CSV files) into validated Regions.
//
// All-or-nothing: any bad row fails the whole read with the file, line, field and rule, so a
// caller never stores part of a region list. Checks: the expected header of each file; every
// code well-formed and at the file's level; every parent present and equal to the code's own
// prefix; no duplicate codes; island flags 0 or 1; names present.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/region.h"

namespace siak {

// The five files in `dir`: provinces.csv, regencies.csv, districts.csv, villages.csv, islands.csv.
Result<std::vector<Region>> ReadRegionCsvs(const std::string& dir);

// One file's content, for tests and for other sources; `known` holds the regions read so far
// (parents must be among them) and receives the new ones.
Status ParseRegionCsv(std::string_view file_name, std::string_view content, RegionLevel level,
                      std::vector<Region>& known);

}  // namespace siak
