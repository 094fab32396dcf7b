// KkNumber: a Nomor Kartu Keluarga, validated when made.
//
//   PP RR DD | DD MM YY | SSSS   issuing kecamatan, date of registration, serial 0001-9999
//
// Unlike a NIK the date is a registration date (no +40), and its century is resolved as the
// most recent one not after a reference date.
#pragma once

#include <compare>
#include <span>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"
#include "domain/known_districts.h"
#include "domain/region_code.h"

namespace siak {

class KkNumber {
 public:
  static Result<KkNumber> Parse(std::string_view text, const KnownDistricts& districts,
                                std::string_view field = "kk_number");
  static Result<KkNumber> ParseStructure(std::string_view text, std::string_view field = "kk_number");
  // The next KK number registered in `district` on `date`, after the serials already used.
  static Result<KkNumber> Issue(const RegionCode& district, const Date& date, std::span<const int> used_serials);

  const std::string& digits() const { return digits_; }
  const std::string& ToString() const { return digits_; }
  std::string_view district_digits() const { return std::string_view(digits_).substr(0, 6); }
  std::string_view province_digits() const { return std::string_view(digits_).substr(0, 2); }
  std::string_view serial_prefix() const { return std::string_view(digits_).substr(0, 12); }
  int serial() const;
  Result<Date> RegistrationDate(const Date& reference) const;

  friend auto operator<=>(const KkNumber& a, const KkNumber& b) { return a.digits_ <=> b.digits_; }
  friend bool operator==(const KkNumber& a, const KkNumber& b) { return a.digits_ == b.digits_; }

 private:
  KkNumber() = default;
  std::string digits_;
};

}  // namespace siak
