// Small SQL text builders shared by the backends (column lists and placeholders).
#pragma once

#include <string>
#include <vector>

namespace siak {

// "a, b, c"
std::string JoinColumns(const std::vector<std::string>& columns);
// "?, ?, ?" (sqlite) or "$1, $2, $3" (postgres, numbering from `first`)
std::string Placeholders(size_t count, bool numbered, int first = 1);
// "a = ?, b = ?" or "a = $2, b = $3"
std::string Assignments(const std::vector<std::string>& columns, bool numbered, int first = 1);
// The smallest string greater than every string that starts with `prefix` and continues with
// digits: prefix + ":" (':' sorts right after '9'). For index range scans on digit codes.
std::string DigitPrefixEnd(const std::string& prefix);

}  // namespace siak
