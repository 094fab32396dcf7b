// Progress of a long command: on a terminal, one self-updating line with a bar, the rate and
// the time left; otherwise (logs, CI, pipes) a plain line every few seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace siak {

class Progress {
 public:
  // `total` 0 means unknown (no bar, no time left). Writes to `out` (standard error by default).
  Progress(std::string label, int64_t total, std::FILE* out = stderr);
  void Update(int64_t done);
  // Prints the final line (with the overall rate); idempotent.
  void Finish();
  double seconds() const;

  // "12,345" and "1:05": the formats of these lines, shared with the commands' summaries.
  static std::string Count(int64_t n);
  static std::string Duration(double seconds);

 private:
  std::string Line(int64_t done, bool final) const;

  std::string label_;
  int64_t total_;
  std::FILE* out_;
  bool tty_;
  bool finished_ = false;
  int64_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

}  // namespace siak
