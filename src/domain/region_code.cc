#include "domain/region_code.h"

#include "common/text.h"

namespace siak {

std::string_view RegionLevelName(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince: return "province";
    case RegionLevel::kRegency: return "regency";
    case RegionLevel::kDistrict: return "district";
    case RegionLevel::kVillage: return "village";
    case RegionLevel::kIsland: return "island";
  }
  return "?";
}

std::string_view RegionLevelLabel(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince: return "Provinsi";
    case RegionLevel::kRegency: return "Kabupaten/Kota";
    case RegionLevel::kDistrict: return "Kecamatan";
    case RegionLevel::kVillage: return "Desa/Kelurahan";
    case RegionLevel::kIsland: return "Pulau";
  }
  return "?";
}

std::string_view VillageKindLabel(VillageKind kind) {
  switch (kind) {
    case VillageKind::kNotAVillage: return "";
    case VillageKind::kKelurahan: return "Kelurahan";
    case VillageKind::kDesa: return "Desa";
    case VillageKind::kDesaAdat: return "Desa Adat";
  }
  return "";
}

Result<RegionCode> RegionCode::Parse(std::string_view text, std::string_view field) {
  const std::string f(field);
  std::string digits;
  digits.reserve(text.size());
  // Dots are allowed only at the group boundaries 2, 4, 6 (of the digit string).
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '.' && (digits.size() == 2 || digits.size() == 4 || digits.size() == 6) &&
               i + 1 < text.size() && text[i + 1] != '.') {
      continue;
    } else {
      return Status::Invalid(f, std::string(text),
                             "must be digits in the form PP, PP.RR, PP.RR.DD, PP.RR.DD.VVVV or PP.RR.4NNNN");
    }
  }
  auto num = [&](size_t pos, size_t len) { return std::stoi(digits.substr(pos, len)); };
  RegionLevel level;
  switch (digits.size()) {
    case 2: level = RegionLevel::kProvince; break;
    case 4: level = RegionLevel::kRegency; break;
    case 6: level = RegionLevel::kDistrict; break;
    case 9: level = RegionLevel::kIsland; break;
    case 10: level = RegionLevel::kVillage; break;
    default:
      return Status::Invalid(f, std::string(text),
                             "must have 2 (province), 4 (regency), 6 (district), 9 (island) or 10 (village) digits");
  }
  if (num(0, 2) < 11) {
    return Status::Invalid(f, std::string(text), "province code must be between 11 and 99");
  }
  if (level == RegionLevel::kIsland) {
    if (digits[4] != '4') {
      return Status::Invalid(f, std::string(text), "an island code is PP.RR.4NNNN (the fifth digit is 4)");
    }
    if (num(5, 4) == 0) return Status::Invalid(f, std::string(text), "island serial must not be 0000");
    return RegionCode(std::move(digits), level);
  }
  if (level >= RegionLevel::kRegency && num(2, 2) == 0) {
    return Status::Invalid(f, std::string(text), "regency code must not be 00");
  }
  if (level >= RegionLevel::kDistrict && num(4, 2) == 0) {
    return Status::Invalid(f, std::string(text), "district code must not be 00");
  }
  if (level == RegionLevel::kVillage) {
    if (digits[6] < '1' || digits[6] > '3') {
      return Status::Invalid(f, std::string(text),
                             "village code must start with 1 (kelurahan), 2 (desa) or 3 (desa adat)");
    }
    if (num(7, 3) == 0) return Status::Invalid(f, std::string(text), "village serial must not be 000");
  }
  return RegionCode(std::move(digits), level);
}

std::string DottedRegionCode(std::string_view d) {
  std::string out;
  switch (d.size()) {
    case 2: return std::string(d);
    case 4: out = std::string(d.substr(0, 2)) + "." + std::string(d.substr(2, 2)); return out;
    case 6: return DottedRegionCode(d.substr(0, 4)) + "." + std::string(d.substr(4, 2));
    case 9: return DottedRegionCode(d.substr(0, 4)) + "." + std::string(d.substr(4, 5));
    case 10: return DottedRegionCode(d.substr(0, 6)) + "." + std::string(d.substr(6, 4));
    default: return std::string(d);
  }
}

std::string RegionCode::ToString() const { return DottedRegionCode(digits_); }

RegionCode RegionCode::Parent() const {
  switch (level_) {
    case RegionLevel::kProvince: return *this;
    case RegionLevel::kRegency: return RegionCode(digits_.substr(0, 2), RegionLevel::kProvince);
    case RegionLevel::kDistrict: return RegionCode(digits_.substr(0, 4), RegionLevel::kRegency);
    case RegionLevel::kVillage: return RegionCode(digits_.substr(0, 6), RegionLevel::kDistrict);
    case RegionLevel::kIsland:
      if (digits_.compare(2, 2, "00") == 0) return RegionCode(digits_.substr(0, 2), RegionLevel::kProvince);
      return RegionCode(digits_.substr(0, 4), RegionLevel::kRegency);
  }
  return *this;
}

bool RegionCode::Contains(const RegionCode& other) const {
  if (other.level_ == RegionLevel::kIsland && level_ != RegionLevel::kIsland) {
    // Islands hang off a regency (or a province); a district or village contains none.
    if (level_ == RegionLevel::kDistrict || level_ == RegionLevel::kVillage) return false;
  }
  return other.digits_.compare(0, digits_.size(), digits_) == 0 &&
         (level_ != RegionLevel::kIsland || other.digits_ == digits_);
}

VillageKind RegionCode::village_kind() const {
  if (level_ != RegionLevel::kVillage) return VillageKind::kNotAVillage;
  return static_cast<VillageKind>(digits_[6] - '0');
}

RegencyKind RegionCode::regency_kind() const {
  if (level_ == RegionLevel::kProvince || level_ == RegionLevel::kIsland) return RegencyKind::kNotARegency;
  int rr = (digits_[2] - '0') * 10 + (digits_[3] - '0');
  return rr >= 71 ? RegencyKind::kKota : RegencyKind::kKabupaten;
}

}  // namespace siak
