#include "store/sql_text.h"

namespace siak {

std::string JoinColumns(const std::vector<std::string>& columns) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ", ";
    out += columns[i];
  }
  return out;
}

std::string Placeholders(size_t count, bool numbered, int first) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i) out += ", ";
    out += numbered ? "$" + std::to_string(first + static_cast<int>(i)) : "?";
  }
  return out;
}

std::string Assignments(const std::vector<std::string>& columns, bool numbered, int first) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ", ";
    out += columns[i] + " = " + (numbered ? "$" + std::to_string(first + static_cast<int>(i)) : "?");
  }
  return out;
}

std::string DigitPrefixEnd(const std::string& prefix) { return prefix + ":"; }

std::string CellText(const std::optional<std::string>& cell) { return cell.value_or(""); }

int64_t CellInt(const std::optional<std::string>& cell) { return cell && !cell->empty() ? std::stoll(*cell) : 0; }

}  // namespace siak
