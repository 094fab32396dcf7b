// Date: a proleptic Gregorian calendar day, with no time zone and no clock.
//
// Invariant: a Date that exists is valid (1 <= month <= 12, day within the month,
// year 1..9999). Build one with Date::FromYmd or Date::Parse, which check.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace siak {

class Date {
 public:
  static Result<Date> FromYmd(int year, int month, int day, std::string_view field = "date");
  // Parses ISO 8601 "YYYY-MM-DD".
  static Result<Date> Parse(std::string_view text, std::string_view field = "date");
  // From days since 1970-01-01 (may be negative).
  static Date FromDays(int64_t days);

  static bool IsLeapYear(int year);
  static int DaysInMonth(int year, int month);

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }
  int64_t ToDays() const;           // days since 1970-01-01
  std::string ToString() const;     // YYYY-MM-DD
  std::string ToDayMonthYear() const;  // DD-MM-YYYY, as printed on cards and certificates

  Date AddDays(int64_t days) const { return FromDays(ToDays() + days); }
  // Full years from *this to `on` (the age on a date); negative when `on` is earlier.
  // A person born on 29 February turns a year older on 1 March in common years.
  int YearsUntil(const Date& on) const;

  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  Date(int y, int m, int d) : year_(static_cast<int16_t>(y)), month_(static_cast<int8_t>(m)), day_(static_cast<int8_t>(d)) {}
  int16_t year_ = 1970;
  int8_t month_ = 1;
  int8_t day_ = 1;
};

}  // namespace siak
