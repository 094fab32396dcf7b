// Text helpers for search keys. Pure functions over UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace siak {

// Folds text into a search key: lower case, Latin diacritics removed (é -> e), apostrophes
// of every kind dropped (Ba'u, Ba’u -> bau), any other punctuation turned into a space,
// runs of spaces collapsed, ends trimmed. Unknown non-ASCII code points are kept as-is.
std::string FoldForSearch(std::string_view text);

// Splits a folded key on spaces.
std::vector<std::string_view> SplitWords(std::string_view folded);

std::string_view Trim(std::string_view text);

bool IsAllDigits(std::string_view text);

// The number written by text[pos, pos+len), which the caller has checked is all ASCII digits.
int DigitsValue(std::string_view text, size_t pos, size_t len);

// Whether the optimal-string-alignment edit distance (insert, delete, substitute, swap two
// neighbours) between a and b is at most k. Bytes, not characters; O(len * k).
bool EditDistanceAtMost(std::string_view a, std::string_view b, int k);

// Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short.
bool IsUtf8(std::string_view s);

// The longest prefix of `text` of at most `max_bytes` that does not split a UTF-8 character.
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

}  // namespace siak
