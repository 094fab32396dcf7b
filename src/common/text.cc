#include "common/text.h"

#include <algorithm>
#include <cstdint>

namespace siak {
namespace {

// Decodes one UTF-8 code point at text[i]; advances i. Invalid bytes decode as U+FFFD.
char32_t DecodeUtf8(std::string_view text, size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  auto cont = [&](size_t k) -> int {
    if (i + k >= text.size()) return -1;
    const auto b = static_cast<unsigned char>(text[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 < 0x80) { i += 1; return b0; }
  if ((b0 & 0xE0) == 0xC0) {
    int c1 = cont(1);
    if (c1 < 0) { i += 1; return 0xFFFD; }
    i += 2; return static_cast<char32_t>(((b0 & 0x1F) << 6) | c1);
  }
  if ((b0 & 0xF0) == 0xE0) {
    int c1 = cont(1), c2 = c1 < 0 ? -1 : cont(2);
    if (c2 < 0) { i += 1; return 0xFFFD; }
    i += 3; return static_cast<char32_t>(((b0 & 0x0F) << 12) | (c1 << 6) | c2);
  }
  if ((b0 & 0xF8) == 0xF0) {
    int c1 = cont(1), c2 = c1 < 0 ? -1 : cont(2), c3 = c2 < 0 ? -1 : cont(3);
    if (c3 < 0) { i += 1; return 0xFFFD; }
    i += 4; return static_cast<char32_t>(((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3);
  }
  i += 1;
  return 0xFFFD;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Base letter of a Latin-1 Supplement / Latin Extended-A letter, or 0 if none.
char BaseLetter(char32_t cp) {
  // U+00C0..U+00FF
  static constexpr char kLatin1[] =
      "aaaaaaaceeeeiiii"   // C0-CF
      "dnooooo*ouuuuyts"   // D0-DF (D7 x, DE thorn, DF sharp s)
      "aaaaaaaceeeeiiii"   // E0-EF
      "dnooooo/ouuuuyty";  // F0-FF
  if (cp >= 0xC0 && cp <= 0xFF) {
    char c = kLatin1[cp - 0xC0];
    return (c == '*' || c == '/') ? 0 : c;
  }
  // U+0100..U+017F: pairs of upper/lower case with a shared base.
  static constexpr char kExtA[] =
      "aaaaaaccccccccdd"   // 100-10F
      "ddeeeeeeeeeegggg"   // 110-11F
      "gggghhhhiiiiiiii"   // 120-12F
      "iijjjjkkklllllll"   // 130-13F
      "lllnnnnnnnnnoooo"   // 140-14F
      "oooorrrrrrssssss"   // 150-15F
      "ssttttttuuuuuuuu"   // 160-16F
      "uuuuwwyyyzzzzzzs";  // 170-17F
  if (cp >= 0x100 && cp <= 0x17F) return kExtA[cp - 0x100];
  return 0;
}

bool IsApostrophe(char32_t cp) {
  return cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x00B4;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto emit = [&](char32_t cp) {
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    AppendUtf8(out, cp);
  };
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = DecodeUtf8(text, i);
    if (IsApostrophe(cp)) continue;  // Ba'u == Bau
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') {
        emit(static_cast<char32_t>(c - 'A' + 'a'));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        emit(cp);
      } else {
        pending_space = true;  // space or punctuation separates words
      }
      continue;
    }
    if (char base = BaseLetter(cp)) {
      emit(static_cast<char32_t>(base));
      if (cp == 0xDF) emit('s');  // ß -> ss
      continue;
    }
    if (cp == 0x00A0 || cp == 0x2013 || cp == 0x2014 || cp == 0x00B0) {  // nbsp, dashes, degree
      pending_space = true;
      continue;
    }
    emit(cp);
  }
  return out;
}

std::vector<std::string_view> SplitWords(std::string_view folded) {
  std::vector<std::string_view> words;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::string_view Trim(std::string_view text) {
  const char* ws = " \t\r\n";
  size_t b = text.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = text.find_last_not_of(ws);
  return text.substr(b, e - b + 1);
}

bool IsAllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int DigitsValue(std::string_view text, size_t pos, size_t len) {
  int value = 0;
  for (size_t i = pos; i < pos + len; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

bool EditDistanceAtMost(std::string_view a, std::string_view b, int k) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (n - m > k || m - n > k) return false;
  // Full OSA table over the (short) names; rows are cheap at name lengths.
  std::vector<int> prev2(static_cast<size_t>(m) + 1), prev(static_cast<size_t>(m) + 1), cur(static_cast<size_t>(m) + 1);
  for (int j = 0; j <= m; ++j) prev[static_cast<size_t>(j)] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const size_t uj = static_cast<size_t>(j);
      const int cost = a[static_cast<size_t>(i - 1)] == b[uj - 1] ? 0 : 1;
      int v = std::min({prev[uj] + 1, cur[uj - 1] + 1, prev[uj - 1] + cost});
      if (i > 1 && j > 1 && a[static_cast<size_t>(i - 1)] == b[uj - 2] && a[static_cast<size_t>(i - 2)] == b[uj - 1]) {
        v = std::min(v, prev2[uj - 2] + 1);
      }
      cur[uj] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > k) return false;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[static_cast<size_t>(m)] <= k;
}

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t end = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xc2 && c <= 0xdf) { n = 1; cp = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; cp = c & 0x0f; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

}  // namespace siak
