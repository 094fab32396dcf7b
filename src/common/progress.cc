#include "common/progress.h"

#include <algorithm>

#include <unistd.h>

namespace siak {

Progress::Progress(std::string label, int64_t total, std::FILE* out)
    : label_(std::move(label)),
      total_(total),
      out_(out),
      tty_(isatty(fileno(out)) == 1),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

double Progress::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

std::string Progress::Count(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Progress::Duration(double seconds) {
  const int64_t s = static_cast<int64_t>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  }
  return buf;
}

std::string Progress::Line(int64_t done, bool final) const {
  const double secs = seconds();
  const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  char rate_text[32];
  std::snprintf(rate_text, sizeof rate_text, rate >= 1000 ? "%.1fk/s" : "%.0f/s", rate >= 1000 ? rate / 1000 : rate);
  std::string line = label_ + " ";
  if (total_ > 0) {
    const double frac = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    if (tty_) {
      const int width = 30, filled = static_cast<int>(frac * width);
      line += "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
    }
    char pct[16];
    std::snprintf(pct, sizeof pct, "%3.0f%% ", frac * 100);
    line += pct + Count(done) + "/" + Count(total_) + " " + rate_text;
    if (final) {
      line += " in " + Duration(secs);
    } else if (rate > 0) {
      line += ", " + Duration(static_cast<double>(total_ - done) / rate) + " left";
    }
  } else {
    line += Count(done) + " " + rate_text + (final ? " in " + Duration(secs) : "");
  }
  return line;
}

void Progress::Update(int64_t done) {
  done_ = done;
  if (finished_) return;
  const auto now = std::chrono::steady_clock::now();
  const auto interval = tty_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000);
  if (now - last_print_ < interval) return;
  last_print_ = now;
  const std::string line = Line(done, false);
  if (tty_) {
    std::fprintf(out_, "\r%s\033[K", line.c_str());
  } else {
    std::fprintf(out_, "%s\n", line.c_str());
  }
  std::fflush(out_);
}

void Progress::Finish() {
  if (finished_) return;
  finished_ = true;
  const std::string line = Line(done_, true);
  std::fprintf(out_, tty_ ? "\r%s\033[K\n" : "%s\n", line.c_str());
  std::fflush(out_);
}

}  // namespace siak
