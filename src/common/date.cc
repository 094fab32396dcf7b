#include "common/date.h"

#include <cstdio>

namespace siak {

bool Date::IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int Date::DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day, std::string_view field) {
  if (year < 1 || year > 9999) {
    return Status::Invalid(std::string(field), std::to_string(year), "year must be between 0001 and 9999");
  }
  if (month < 1 || month > 12) {
    return Status::Invalid(std::string(field), std::to_string(month), "month must be between 01 and 12");
  }
  if (day < 1 || day > DaysInMonth(year, month)) {
    return Status::Invalid(std::string(field),
                           std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day),
                           "day does not exist in that month");
  }
  return Date(year, month, day);
}

Result<Date> Date::Parse(std::string_view text, std::string_view field) {
  auto digits = [&](size_t pos, size_t len, int* out) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(0, 4, &y) || !digits(5, 2, &m) ||
      !digits(8, 2, &d)) {
    return Status::Invalid(std::string(field), std::string(text), "must be a date written YYYY-MM-DD");
  }
  auto r = FromYmd(y, m, d, field);
  if (!r.ok()) return Status::Invalid(std::string(field), std::string(text), r.status().rule());
  return r;
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
int64_t Date::ToDays() const {
  int y = year_ - (month_ <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(month_ > 2 ? month_ - 3 : month_ + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day_) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
}

Date Date::FromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date(static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d));
}

std::string Date::ToString() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_, month_, day_);
  return buf;
}

std::string Date::ToDayMonthYear() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", day_, month_, year_);
  return buf;
}

int Date::YearsUntil(const Date& on) const {
  int years = on.year_ - year_;
  if (on.month_ < month_ || (on.month_ == month_ && on.day_ < day_)) --years;
  return years;
}

}  // namespace siak
