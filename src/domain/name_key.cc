#include "domain/name_key.h"

#include <algorithm>

#include <optional>

#include "common/text.h"

namespace siak {
namespace {

// The rules are documented, step by step, in name_key.h. Every pass rewrites the word in place:
// no rule lengthens it, so the write position never passes the read position.

constexpr bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
constexpr bool IsConsonant(char c) { return IsLetter(c) && !IsVowel(c); }

struct Mapping {
  std::string_view from;
  std::string_view to;
};

constexpr std::string_view kMuhamad = "muhamad";

// Step 2: abbreviations, on the folded word as written ("m" and "md" are handled in Token).
constexpr Mapping kAbbreviations[] = {
    {"moh", kMuhamad},  {"muh", kMuhamad},  {"mhd", kMuhamad},  {"mohd", kMuhamad},
    {"muhd", kMuhamad}, {"moch", kMuhamad}, {"much", kMuhamad}, {"abd", "abdul"},
};

// Step 4: well-known names, on the phonetic form (so "Muhhammad" and "MUHAMMAD" need no entry).
constexpr Mapping kVariants[] = {
    {"muhamat", kMuhamad},   // Muhammad, Muhamad, Moehammad
    {"mohamat", kMuhamad},   // Mohammad, Mohamad
    {"mohamet", kMuhamad},   // Mohammed, Mohamed
    {"muhamet", kMuhamad},   // Muhammed
    {"mokhamat", kMuhamad},  // Mochammad, Mochamad, Mokhammad
    {"mukhamat", kMuhamad},  // Muchammad, Mukhamad
    {"ahmat", "ahmad"},      // Ahmad, Ahmat, Achmad, Akhmad
    {"ahmet", "ahmad"},      // Ahmed
    {"nor", "nur"},          // Noor, Nor
    {"yusup", "yusuf"},      // Yusuf, Yoesoef, Joesoef
    {"jusup", "yusuf"},      // Jusuf
    {"abdur", "abdul"},      // Abdur Rahman
    {"abdus", "abdul"},      // Abdus Salam, Abdush
    {"abdun", "abdul"},      // Abdun Nasir
    {"abdut", "abdul"},      // Abdut Tawab, Abdud
    {"abduz", "abdul"},      // Abduz Zahir
};

template <size_t N>
std::optional<std::string_view> Lookup(const Mapping (&table)[N], std::string_view word) {
  for (const Mapping& m : table) {
    if (m.from == word) return m.to;
  }
  return std::nullopt;
}

// 3a. Old spelling to EYD.
void OldSpelling(std::string& w) {
  const std::string_view v(w);
  const bool old = v.find("oe") != v.npos || v.find("dj") != v.npos || v.find("tj") != v.npos ||
                   v.find("sj") != v.npos || v.starts_with("nj");
  size_t out = 0;
  for (size_t i = 0; i < w.size();) {
    const char c = w[i];
    const char next = i + 1 < w.size() ? w[i + 1] : '\0';
    if (c == 'o' && next == 'e') {
      w[out++] = 'u';
      i += 2;
    } else if (c == 'd' && next == 'j') {
      w[out++] = 'j';  // the old dj is today's j, and stays j even in an old word
      i += 2;
    } else if (c == 't' && next == 'j') {
      w[out++] = 'c';
      i += 2;
    } else if (c == 'd' && next == 'z') {
      w[out++] = 'z';
      i += 2;
    } else if (c == 'c' && next == 'h') {
      w[out++] = 'k';
      w[out++] = 'h';
      i += 2;
    } else if (c == 'j' && (old || (out > 0 && w[out - 1] == 'h'))) {
      w[out++] = 'y';  // old bare j (also nj -> ny, sj -> sy), or hj in any word
      i += 1;
    } else {
      w[out++] = c;
      i += 1;
    }
  }
  w.resize(out);
}

// 3b. Consonant variants.
constexpr bool DropsFollowingH(char c) {
  return c == 'b' || c == 'c' || c == 'd' || c == 'g' || c == 'p' || c == 't' || c == 's';
}

void Consonants(std::string& w) {
  size_t out = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c == 'q') {
      c = 'k';
    } else if (c == 'v' || c == 'f') {
      c = 'p';
    }
    const char prev = out > 0 ? w[out - 1] : '\0';
    if (c == 'h' && DropsFollowingH(prev)) continue;
    if (c == 'y' && prev == 's') continue;
    // kh before a consonant is h: the k goes (w[i+1], w[i+2] are still unread).
    if (c == 'k' && i + 2 < w.size() && w[i + 1] == 'h' && IsConsonant(w[i + 2])) continue;
    w[out++] = c;
  }
  w.resize(out);
}

// 3c. Doubled letters (ASCII letters only: digits and UTF-8 bytes are kept as they are).
void CollapseDoubles(std::string& w) {
  size_t out = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (out > 0 && IsLetter(c) && w[out - 1] == c) continue;
    w[out++] = c;
  }
  w.resize(out);
}

// 3d. Glides and ae.
void Glides(std::string& w) {
  size_t out = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    const char prev = out > 0 ? w[out - 1] : '\0';
    const char next = i + 1 < w.size() ? w[i + 1] : '\0';
    if (c == 'y') {
      if (prev == 'i') continue;
      if (IsConsonant(prev) && !(prev == 'n' && IsVowel(next))) c = 'i';
    } else if (c == 'w') {
      if (prev == 'u' && IsVowel(next)) continue;
      if (IsConsonant(prev)) c = 'u';
    } else if (c == 'e' && prev == 'a') {
      c = 'i';
    }
    w[out++] = c;
  }
  w.resize(out);
}

// 3e. Word ends.
void Ending(std::string& w) {
  const size_t n = w.size();
  if (n >= 2 && w[n - 1] == 'h' && IsVowel(w[n - 2])) w.pop_back();
  const size_t m = w.size();
  if (m >= 2 && w[m - 1] == 'd') w[m - 1] = 't';  // a lone initial D stays d
}

// Step 3: the phonetic form of one folded word (or, for the compact key, of the joined tokens).
std::string Phonetic(std::string_view folded_word) {
  std::string w(folded_word);
  OldSpelling(w);
  Consonants(w);
  CollapseDoubles(w);
  Glides(w);
  Ending(w);
  CollapseDoubles(w);
  return w;
}

// Steps 2-4 for words[k].
std::string Token(const std::vector<std::string_view>& words, size_t k) {
  const std::string_view word = words[k];
  if (word == "m" && k == 0 && words.size() > 1) return std::string(kMuhamad);
  if (word == "md") {
    const std::string_view prev = k > 0 ? words[k - 1] : std::string_view();
    return std::string(prev == "i" || prev == "ni" ? "made" : kMuhamad);
  }
  if (auto canonical = Lookup(kAbbreviations, word)) return std::string(*canonical);
  std::string p = Phonetic(word);
  if (auto canonical = Lookup(kVariants, p)) return std::string(*canonical);
  // Abdu- without its l, mostly assimilated: "abdurahman" (from Abdurrahman) -> "abdulrahman".
  // The length keeps short words such as Abduh (phonetic "abdu") out.
  if (p.size() >= 8 && p.starts_with("abdu") && p[4] != 'l') {
    p.insert(4, 1, 'l');
  }
  return p;
}

}  // namespace

std::vector<std::string> NameSearchTokens(std::string_view name) {
  const std::string folded = FoldForSearch(name);
  const std::vector<std::string_view> words = SplitWords(folded);
  std::vector<std::string> tokens;
  tokens.reserve(words.size());
  for (size_t k = 0; k < words.size(); ++k) tokens.push_back(Token(words, k));
  return tokens;
}

std::string NameSearchKey(std::string_view name) {
  std::string key;
  for (const std::string& token : NameSearchTokens(name)) {
    if (!key.empty()) key += ' ';
    key += token;
  }
  return key;
}

std::string NameCompactKey(std::string_view name) {
  std::string joined;
  for (const std::string& token : NameSearchTokens(name)) joined += token;
  if (joined.empty()) return joined;
  return Phonetic(joined);
}

std::vector<std::string> NameTokenVariants(std::string_view token) {
  std::vector<std::string> out = {std::string(token)};
  if (token.size() < kMinTypoTokenLength) return out;
  for (size_t i = 0; i < token.size();) {
    size_t len = 1;  // the length of the code point starting at i
    while (i + len < token.size() && (static_cast<unsigned char>(token[i + len]) & 0xC0) == 0x80) ++len;
    std::string deleted(token.substr(0, i));
    deleted.append(token.substr(i + len));
    if (out.back() != deleted) out.push_back(std::move(deleted));  // "aab": deleting either a gives "ab"
    i += len;
  }
  std::sort(out.begin() + 1, out.end());
  out.erase(std::unique(out.begin() + 1, out.end()), out.end());
  return out;
}

}  // namespace siak
