#include "domain/kk_number.h"

#include <algorithm>
#include <cstdio>

#include "common/text.h"

namespace siak {

Result<KkNumber> KkNumber::ParseStructure(std::string_view text, std::string_view field) {
  const std::string f(field);
  const std::string value(text);
  if (text.size() != 16) {
    return Status::Invalid(f, value, "must have exactly 16 digits (has " + std::to_string(text.size()) + " characters)");
  }
  for (char c : text) {
    if (c < '0' || c > '9') return Status::Invalid(f, value, "must contain digits only");
  }
  if (DigitsValue(text, 0, 2) < 11 || DigitsValue(text, 2, 2) == 0 || DigitsValue(text, 4, 2) == 0) {
    return Status::Invalid(f, value, "digits 1-6 must be a kecamatan code (PP.RR.DD, no 00 part)");
  }
  const int day = DigitsValue(text, 6, 2), month = DigitsValue(text, 8, 2), yy = DigitsValue(text, 10, 2);
  if (month < 1 || month > 12) return Status::Invalid(f, value, "registration month (digits 9-10) must be 01-12");
  const int max_day = month == 2 ? (yy % 4 == 0 ? 29 : 28) : Date::DaysInMonth(2001, month);
  if (day < 1 || day > max_day) {
    return Status::Invalid(f, value, "registration day (digits 7-8) does not exist in that month");
  }
  if (DigitsValue(text, 12, 4) == 0) return Status::Invalid(f, value, "serial (digits 13-16) must be 0001-9999");
  KkNumber kk;
  kk.digits_ = value;
  return kk;
}

Result<KkNumber> KkNumber::Parse(std::string_view text, const KnownDistricts& districts, std::string_view field) {
  auto kk = ParseStructure(text, field);
  if (kk.ok() && !districts.Contains(kk->district_digits())) {
    return Status::Invalid(std::string(field), std::string(text),
                           "district code " + DottedRegionCode(kk->district_digits()) +
                               " (digits 1-6) is not a kecamatan in the region data");
  }
  return kk;
}

Result<KkNumber> KkNumber::Issue(const RegionCode& district, const Date& date, std::span<const int> used_serials) {
  if (district.level() != RegionLevel::kDistrict) {
    return Status::Invalid("district", district.ToString(), "a KK is issued in a kecamatan (PP.RR.DD)");
  }
  int max_used = 0;
  for (int s : used_serials) max_used = std::max(max_used, s);
  if (max_used >= 9999) {
    return Status::ResourceExhausted("kk_number", "all serials for " + district.ToString() + " on " +
                                                      date.ToString() + " are used");
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%02d%02d%02d%04d", district.digits().c_str(), date.day(), date.month(),
                date.year() % 100, max_used + 1);
  return ParseStructure(buf);
}

int KkNumber::serial() const { return DigitsValue(digits_, 12, 4); }

Result<Date> KkNumber::RegistrationDate(const Date& reference) const {
  int year = reference.year() / 100 * 100 + DigitsValue(digits_, 10, 2);
  for (int attempt = 0; attempt < 3; ++attempt, year -= 100) {
    auto date = Date::FromYmd(year, DigitsValue(digits_, 8, 2), DigitsValue(digits_, 6, 2));
    if (date.ok() && *date <= reference) return date;
  }
  return Status::Invalid("kk_number", digits_, "no past century makes the registration date a real day");
}

}  // namespace siak
