// Small SQL text builders shared by the backends (column lists and placeholders).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace siak {

// "a, b, c"
std::string JoinColumns(const std::vector<std::string>& columns);
// "?, ?, ?" (sqlite) or "$1, $2, $3" (postgres, numbering from `first`)
std::string Placeholders(size_t count, bool numbered, int first = 1);
// "a = ?, b = ?" or "a = $2, b = $3"
std::string Assignments(const std::vector<std::string>& columns, bool numbered, int first = 1);
// A result cell as text ("" for NULL) or as a whole number (0 for NULL or empty).
std::string CellText(const std::optional<std::string>& cell);
int64_t CellInt(const std::optional<std::string>& cell);

// The smallest string greater than every string that starts with `prefix` and continues with
// digits: prefix + ":" (':' sorts right after '9'). For index range scans on digit codes.
std::string DigitPrefixEnd(const std::string& prefix);

}  // namespace siak
