#include "app/clock.h"

#include <chrono>
#include <cstdio>

namespace siak {

std::string IsoFromUnix(int64_t t) {
  const int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const int64_t secs = t - days * 86400;
  const Date d = Date::FromDays(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.ToString().c_str(), static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

std::string Clock::NowIso() const { return IsoFromUnix(NowUnix()); }

Date Clock::Today() const {
  const int64_t t = NowUnix();
  return Date::FromDays(t >= 0 ? t / 86400 : (t - 86399) / 86400);
}

int64_t SystemClock::NowUnix() const {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace siak
