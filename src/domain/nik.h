// Nik: a Nomor Induk Kependudukan (or its NIT variant for Indonesians abroad), validated
// when made. There is no way to build a Nik from an unchecked string.
//
//   NIK  PP RR DD | DD MM YY | SSSS   first-issue kecamatan, birth day (+40 for women),
//                                     month, two-digit year, serial 0001-9999
//   NIT  99 CCC M | DD MM YY | SSSS   country code, mission code, then as a NIK (PP 40/2019 Ps. 32)
//
// Structure is validated strictly. A NIK never changes (PP 40/2019 Ps. 30(2)), so a
// mismatch between the encoded birth date / sex and a person's recorded data is a warning
// (CheckAgainst), never a reason to reject.
#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/code_tables.h"
#include "domain/known_districts.h"
#include "domain/region_code.h"

namespace siak {

enum class NikKind { kNik, kNit };

struct NikWarning {
  std::string field;    // "birth_date" or "sex"
  std::string message;  // what differs, in words an officer understands
};

class Nik {
 public:
  // Full validation: 16 digits, a district that exists in `districts` (NIK) or the 99 prefix
  // (NIT), a real day/month (women's day +40), serial 0001-9999.
  static Result<Nik> Parse(std::string_view text, const KnownDistricts& districts,
                           std::string_view field = "nik");
  // Everything but district existence; for data whose regions are not loaded.
  static Result<Nik> ParseStructure(std::string_view text, std::string_view field = "nik");

  // Issues the next NIK for a person first registered in `district`, given the serials
  // already used for the same 12-digit prefix (district + encoded birth date). Serials are
  // issued in order and never reused (a deactivated NIK keeps its serial).
  static Result<Nik> Issue(const RegionCode& district, const Date& birth_date, JenisKelamin sex,
                           std::span<const int> used_serials);
  // The NIT variant: country (3 digits) and mission (1 digit) of the Perwakilan RI.
  static Result<Nik> IssueNit(int country_code, int mission_code, const Date& birth_date, JenisKelamin sex,
                              std::span<const int> used_serials);

  NikKind kind() const { return kind_; }
  std::string_view digits() const { return std::string_view(digits_, 16); }
  std::string ToString() const { return std::string(digits_, 16); }
  // "32.73.01" for a NIK; for a NIT, "" (it belongs to no district).
  std::string district_code() const;
  std::string_view district_digits() const { return digits().substr(0, 6); }
  std::string_view province_digits() const { return digits().substr(0, 2); }
  // The 12 digits before the serial: what serials are counted within.
  std::string_view serial_prefix() const { return digits().substr(0, 12); }
  int nit_country() const;  // NIT only
  int nit_mission() const;  // NIT only

  JenisKelamin sex() const { return day_field_ > 40 ? JenisKelamin::kPerempuan : JenisKelamin::kLakiLaki; }
  int birth_day() const { return day_field_ > 40 ? day_field_ - 40 : day_field_; }
  int birth_month() const { return month_; }
  int birth_year_2d() const { return year2_; }
  int serial() const { return serial_; }

  // The birth date with its century resolved as the most recent one not after `reference`
  // (e.g. today). Fails only for 29 February in a century year that was not a leap year.
  Result<Date> BirthDate(const Date& reference) const;
  // The birth date with its century taken from the recorded birth date, when the two-digit
  // years agree; otherwise as BirthDate(recorded).
  Result<Date> BirthDateNear(const Date& recorded_birth_date) const;

  // Warnings (never errors) where the recorded birth date or sex disagree with the NIK.
  std::vector<NikWarning> CheckAgainst(const Date& recorded_birth_date, JenisKelamin recorded_sex) const;

  friend auto operator<=>(const Nik& a, const Nik& b) { return a.digits() <=> b.digits(); }
  friend bool operator==(const Nik& a, const Nik& b) { return a.digits() == b.digits(); }

 private:
  Nik() = default;
  static Result<Nik> Build(std::string prefix, const Date& birth_date, JenisKelamin sex,
                           std::span<const int> used_serials, std::string_view field);
  // Invariant: 16 ASCII digits that passed ParseStructure. A fixed array, not a std::string
  // (16 chars is past the small-string buffer): parsing a NIK never allocates.
  char digits_[16] = {};
  NikKind kind_ = NikKind::kNik;
  int8_t day_field_ = 0;  // as encoded (41-71 for women)
  int8_t month_ = 0;
  int8_t year2_ = 0;
  int16_t serial_ = 0;
};

}  // namespace siak
