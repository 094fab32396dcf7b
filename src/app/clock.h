// Clock: the one source of "now" for use cases (the domain takes dates as arguments).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "common/date.h"

namespace siak {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowUnix() const = 0;  // seconds since 1970-01-01 UTC
  std::string NowIso() const;           // 2026-11-28T08:00:00Z
  Date Today() const;                   // the UTC date
};

class SystemClock final : public Clock {
 public:
  int64_t NowUnix() const override;
};

// A clock that stands still until moved; for tests of expiry and lockout.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now) : now_(now) {}
  int64_t NowUnix() const override { return now_.load(); }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<int64_t> now_;
};

std::string IsoFromUnix(int64_t unix_seconds);

}  // namespace siak
