#include "domain/nik.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "common/text.h"

namespace siak {
namespace {

std::string Pad(int value, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, value);
  return buf;
}

}  // namespace

Result<Nik> Nik::ParseStructure(std::string_view text, std::string_view field) {
  // The error text is built only on failure: validation stays allocation-free.
  auto bad = [&](std::string rule) { return Status::Invalid(std::string(field), std::string(text), std::move(rule)); };
  if (text.size() != 16) {
    return bad("must have exactly 16 digits (has " + std::to_string(text.size()) + " characters)");
  }
  for (char c : text) {
    if (c < '0' || c > '9') return bad("must contain digits only");
  }
  Nik nik;
  std::memcpy(nik.digits_, text.data(), 16);
  nik.kind_ = text.substr(0, 2) == "99" ? NikKind::kNit : NikKind::kNik;
  if (nik.kind_ == NikKind::kNik) {
    if (DigitsValue(text, 0, 2) < 11) return bad("province code (digits 1-2) must be 11 or more (99 starts a NIT)");
    if (DigitsValue(text, 2, 2) == 0) return bad("regency code (digits 3-4) must not be 00");
    if (DigitsValue(text, 4, 2) == 0) return bad("district code (digits 5-6) must not be 00");
  } else if (DigitsValue(text, 2, 3) == 0) {
    return bad("NIT country code (digits 3-5) must be 001-999");
  }
  nik.day_field_ = static_cast<int8_t>(DigitsValue(text, 6, 2));
  nik.month_ = static_cast<int8_t>(DigitsValue(text, 8, 2));
  nik.year2_ = static_cast<int8_t>(DigitsValue(text, 10, 2));
  nik.serial_ = static_cast<int16_t>(DigitsValue(text, 12, 4));
  const int day = nik.birth_day();
  if (nik.day_field_ == 0 || (nik.day_field_ > 31 && nik.day_field_ < 41) || nik.day_field_ > 71) {
    return bad("birth day (digits 7-8) must be 01-31, or 41-71 for women");
  }
  if (nik.month_ < 1 || nik.month_ > 12) return bad("birth month (digits 9-10) must be 01-12");
  // 29 February needs a leap year; with two digits, 00 is leap as 2000, the rest as yy % 4.
  const int max_day = nik.month_ == 2 ? (nik.year2_ % 4 == 0 ? 29 : 28) : Date::DaysInMonth(2001, nik.month_);
  if (day > max_day) {
    return bad("birth day " + std::to_string(day) + " does not exist in month " + std::to_string(nik.month_) +
               " of year ..'" + Pad(nik.year2_, 2));
  }
  if (nik.serial_ == 0) return bad("serial (digits 13-16) must be 0001-9999, never 0000");
  return nik;
}

Result<Nik> Nik::Parse(std::string_view text, const KnownDistricts& districts, std::string_view field) {
  auto nik = ParseStructure(text, field);
  if (!nik.ok()) return nik;
  if (nik->kind_ == NikKind::kNik && !districts.Contains(nik->district_digits())) {
    return Status::Invalid(std::string(field), std::string(text),
                           "district code " + DottedRegionCode(nik->district_digits()) +
                               " (digits 1-6) is not a kecamatan in the region data");
  }
  return nik;
}

Result<Nik> Nik::Build(std::string prefix, const Date& birth_date, JenisKelamin sex,
                       std::span<const int> used_serials, std::string_view field) {
  int day = birth_date.day() + (sex == JenisKelamin::kPerempuan ? 40 : 0);
  prefix += Pad(day, 2) + Pad(birth_date.month(), 2) + Pad(birth_date.year() % 100, 2);
  int max_used = 0;
  for (int s : used_serials) max_used = std::max(max_used, s);
  if (max_used >= 9999) {
    return Status::ResourceExhausted(std::string(field), "all serials 0001-9999 for " + prefix + " are used");
  }
  return ParseStructure(prefix + Pad(max_used + 1, 4), field);
}

Result<Nik> Nik::Issue(const RegionCode& district, const Date& birth_date, JenisKelamin sex,
                       std::span<const int> used_serials) {
  if (district.level() != RegionLevel::kDistrict) {
    return Status::Invalid("district", district.ToString(), "a NIK is issued in a kecamatan (PP.RR.DD)");
  }
  return Build(district.digits(), birth_date, sex, used_serials, "nik");
}

Result<Nik> Nik::IssueNit(int country_code, int mission_code, const Date& birth_date, JenisKelamin sex,
                          std::span<const int> used_serials) {
  if (country_code < 1 || country_code > 999) {
    return Status::Invalid("country_code", std::to_string(country_code), "must be 001-999");
  }
  if (mission_code < 0 || mission_code > 9) {
    return Status::Invalid("mission_code", std::to_string(mission_code), "must be one digit 0-9");
  }
  return Build("99" + Pad(country_code, 3) + std::to_string(mission_code), birth_date, sex, used_serials, "nit");
}

std::string Nik::district_code() const {
  if (kind_ == NikKind::kNit) return "";
  return DottedRegionCode(district_digits());
}

int Nik::nit_country() const { return kind_ == NikKind::kNit ? DigitsValue(digits(), 2, 3) : 0; }
int Nik::nit_mission() const { return kind_ == NikKind::kNit ? DigitsValue(digits(), 5, 1) : 0; }

Result<Date> Nik::BirthDate(const Date& reference) const {
  int year = reference.year() / 100 * 100 + year2_;
  for (int attempt = 0; attempt < 3; ++attempt, year -= 100) {
    auto date = Date::FromYmd(year, month_, birth_day());
    if (date.ok() && *date <= reference) return date;
  }
  return Status::Invalid("nik", ToString(), "no past century makes the encoded birth date a real day");
}

Result<Date> Nik::BirthDateNear(const Date& recorded) const {
  if (recorded.year() % 100 == year2_) {
    auto date = Date::FromYmd(recorded.year(), month_, birth_day());
    if (date.ok()) return date;
  }
  return BirthDate(recorded);
}

std::vector<NikWarning> Nik::CheckAgainst(const Date& recorded_birth_date, JenisKelamin recorded_sex) const {
  std::vector<NikWarning> warnings;
  if (recorded_sex != sex()) {
    warnings.push_back({"sex", "NIK encodes " + std::string(LabelOf(sex())) + " (birth day " +
                                   Pad(day_field_, 2) + "), recorded " + std::string(LabelOf(recorded_sex)) +
                                   "; the NIK stays as issued"});
  }
  if (recorded_birth_date.day() != birth_day() || recorded_birth_date.month() != month_ ||
      recorded_birth_date.year() % 100 != year2_) {
    warnings.push_back({"birth_date", "NIK encodes " + Pad(birth_day(), 2) + "-" + Pad(month_, 2) + "-.." +
                                          Pad(year2_, 2) + ", recorded " + recorded_birth_date.ToString() +
                                          "; the NIK stays as issued"});
  }
  return warnings;
}

}  // namespace siak
