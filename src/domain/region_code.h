// RegionCode: a Kepmendagri region code (kode wilayah), validated when made.
//
//   province  PP                 "32"
//   regency   PP.RR              "32.73"   (RR 01-69 kabupaten, 71-99 kota)
//   district  PP.RR.DD           "32.73.01" (kecamatan)
//   village   PP.RR.DD.VVVV      "32.73.01.1001" (first V: 1 kelurahan, 2 desa, 3 desa adat)
//   island    PP.RR.4NNNN        "11.01.40001"  (RR may be 00: islands held by the province)
//
// Parse accepts the dotted form or the bare digits; the value keeps the bare digits.
// Whether a code *exists* is a question for the region data, not for this type.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "common/result.h"

namespace siak {

enum class RegionLevel { kProvince = 1, kRegency = 2, kDistrict = 3, kVillage = 4, kIsland = 5 };
enum class VillageKind { kNotAVillage = 0, kKelurahan = 1, kDesa = 2, kDesaAdat = 3 };
enum class RegencyKind { kNotARegency = 0, kKabupaten = 1, kKota = 2 };

std::string_view RegionLevelName(RegionLevel level);      // "province", "regency", ...
std::string_view RegionLevelLabel(RegionLevel level);     // "Provinsi", "Kabupaten/Kota", ...
std::string_view VillageKindLabel(VillageKind kind);      // "Kelurahan", "Desa", "Desa Adat"

class RegionCode {
 public:
  static Result<RegionCode> Parse(std::string_view text, std::string_view field = "region_code");

  RegionLevel level() const { return level_; }
  const std::string& digits() const { return digits_; }  // "3273011001"
  std::string ToString() const;                          // "32.73.01.1001"
  std::string_view province_digits() const { return std::string_view(digits_).substr(0, 2); }

  // The enclosing region; a province has none (returns itself). An island's parent is its
  // regency (or its province when the regency part is 00).
  RegionCode Parent() const;
  bool HasParent() const { return level_ != RegionLevel::kProvince; }
  // True when `other` lies inside this region (or is this region).
  bool Contains(const RegionCode& other) const;

  VillageKind village_kind() const;
  RegencyKind regency_kind() const;

  friend auto operator<=>(const RegionCode&, const RegionCode&) = default;

 private:
  RegionCode(std::string digits, RegionLevel level) : digits_(std::move(digits)), level_(level) {}
  std::string digits_;
  RegionLevel level_ = RegionLevel::kProvince;
};

// Digits with dots inserted for the level implied by the length ("3273" -> "32.73").
std::string DottedRegionCode(std::string_view digits);

// The digits of a scope's child regions in a break-down: the nation (0) by province (2), a
// province by regency (4), a regency by district (6), anything narrower by village (10).
inline int ChildRegionDigits(size_t scope_digits) {
  switch (scope_digits) {
    case 0: return 2;
    case 2: return 4;
    case 4: return 6;
    default: return 10;
  }
}

}  // namespace siak
