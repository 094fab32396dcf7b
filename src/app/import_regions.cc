#include "app/import_regions.h"

#include <algorithm>
#include <unordered_set>

#include "common/csv.h"
#include "common/text.h"

namespace siak {
namespace {

struct FileSpec {
  const char* name;
  RegionLevel level;
  std::vector<std::string> header;
};

const std::vector<FileSpec>& Specs() {
  static const std::vector<FileSpec> specs = {
      {"provinces.csv", RegionLevel::kProvince, {"code", "name"}},
      {"regencies.csv", RegionLevel::kRegency, {"code", "province_code", "name"}},
      {"districts.csv", RegionLevel::kDistrict, {"code", "regency_code", "name"}},
      {"villages.csv", RegionLevel::kVillage, {"code", "district_code", "name"}},
      {"islands.csv", RegionLevel::kIsland,
       {"code", "regency_code", "coordinate", "is_populated", "is_outermost_small", "name"}},
  };
  return specs;
}

}  // namespace

Status ParseRegionCsv(std::string_view file_name, std::string_view content, RegionLevel level,
                      std::vector<Region>& known) {
  const FileSpec* spec = nullptr;
  for (const auto& s : Specs()) {
    if (s.level == level) spec = &s;
  }
  const std::string file(file_name);
  auto at = [&](int line) { return file + " line " + std::to_string(line); };

  std::unordered_set<std::string> codes;
  codes.reserve(known.size() * 2 + 1024);
  for (const auto& r : known) codes.insert(r.code.digits());

  CsvReader reader(content);
  CsvRecord record;
  Status error;
  bool header_seen = false;
  std::vector<Region> added;
  while (reader.Next(&record, &error)) {
    if (!error.ok()) return error.WithLocation(file + " " + error.location());
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // blank line
    if (!header_seen) {
      header_seen = true;
      if (record.fields != spec->header) {
        std::string expected;
        for (const auto& h : spec->header) expected += (expected.empty() ? "" : ",") + h;
        return Status::Invalid("header", record.fields.empty() ? "" : record.fields[0], "must be " + expected)
            .WithLocation(at(record.line));
      }
      continue;
    }
    if (record.fields.size() != spec->header.size()) {
      return Status::Invalid("row", std::to_string(record.fields.size()) + " fields",
                             "must have " + std::to_string(spec->header.size()) + " fields")
          .WithLocation(at(record.line));
    }
    auto code = RegionCode::Parse(record.fields[0], "code");
    if (!code.ok()) return code.status().WithLocation(at(record.line));
    if (code->level() != level) {
      return Status::Invalid("code", record.fields[0],
                             "must be a " + std::string(RegionLevelName(level)) + " code in " + file)
          .WithLocation(at(record.line));
    }
    if (level != RegionLevel::kProvince) {
      const std::string& parent_text = record.fields[1];
      const std::string parent_field = spec->header[1];
      std::string expected_parent = code->Parent().digits();
      if (level == RegionLevel::kIsland && parent_text.empty()) {
        // Islands held by the province itself: regency part 00, no regency code given.
        if (code->digits().compare(2, 2, "00") != 0) {
          return Status::Invalid(parent_field, "", "is required unless the island code's regency part is 00")
              .WithLocation(at(record.line));
        }
      } else {
        auto parent = RegionCode::Parse(parent_text, parent_field);
        if (!parent.ok()) return parent.status().WithLocation(at(record.line));
        if (parent->digits() != expected_parent) {
          return Status::Invalid(parent_field, parent_text,
                                 "must be the code's own prefix " + DottedRegionCode(expected_parent))
              .WithLocation(at(record.line));
        }
      }
      if (!codes.contains(expected_parent)) {
        return Status::Invalid(parent_field, DottedRegionCode(expected_parent), "names no region loaded before it")
            .WithLocation(at(record.line));
      }
    }
    Region region{.code = *code, .name = std::string(Trim(record.fields.back())), .is_populated = false,
                  .is_outermost_small = false, .coordinate = ""};
    if (region.name.empty()) {
      return Status::Invalid("name", record.fields.back(), "is required").WithLocation(at(record.line));
    }
    if (level == RegionLevel::kIsland) {
      region.coordinate = record.fields[2];
      for (int i : {3, 4}) {
        const std::string& flag = record.fields[static_cast<size_t>(i)];
        if (flag != "0" && flag != "1") {
          return Status::Invalid(spec->header[static_cast<size_t>(i)], flag, "must be 0 or 1")
              .WithLocation(at(record.line));
        }
      }
      region.is_populated = record.fields[3] == "1";
      region.is_outermost_small = record.fields[4] == "1";
    }
    if (!codes.insert(code->digits()).second) {
      return Status::AlreadyExists("code", record.fields[0]).WithLocation(at(record.line));
    }
    added.push_back(std::move(region));
  }
  if (!error.ok()) return error.WithLocation(file + " " + error.location());
  if (!header_seen) return Status::Invalid("file", file, "is empty (a header line is required)");
  for (auto& r : added) known.push_back(std::move(r));
  return Status::Ok();
}

Result<std::vector<Region>> ReadRegionCsvs(const std::string& dir) {
  std::vector<Region> regions;
  for (const auto& spec : Specs()) {
    auto content = ReadFile(dir + "/" + spec.name);
    if (!content.ok()) {
      return Status::Invalid("region_data", dir + "/" + spec.name,
                             "file is missing; run the set-up script to fetch idn-area-data");
    }
    SIAK_RETURN_IF_ERROR(ParseRegionCsv(spec.name, *content, spec.level, regions));
  }
  return regions;
}

}  // namespace siak
