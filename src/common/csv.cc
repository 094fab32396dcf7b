#include "common/csv.h"

#include <fstream>
#include <sstream>

namespace siak {

bool CsvReader::Next(CsvRecord* out, Status* error) {
  *error = Status::Ok();
  if (failed_ || pos_ >= data_.size()) return false;
  out->line = line_;
  out->fields.clear();
  std::string field;
  bool in_quotes = false;
  bool after_quote = false;  // a quoted field just closed
  while (pos_ < data_.size()) {
    char c = data_[pos_++];
    if (in_quotes) {
      if (c == '"') {
        if (pos_ < data_.size() && data_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      out->fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ < data_.size() && data_[pos_] == '\n') ++pos_;
      ++line_;
      out->fields.push_back(std::move(field));
      return true;
    } else if (c == '"' && field.empty() && !after_quote) {
      in_quotes = true;
    } else if (after_quote) {
      failed_ = true;
      *error = Status::Invalid("csv", std::string(1, c), "no text may follow a closing quote")
                   .WithLocation("line " + std::to_string(out->line));
      return true;
    } else {
      field += c;
    }
  }
  if (in_quotes) {
    failed_ = true;
    *error = Status::Invalid("csv", field.substr(0, 40), "quoted field is never closed")
                 .WithLocation("line " + std::to_string(out->line));
    return true;
  }
  out->fields.push_back(std::move(field));
  return true;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("file", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::Unavailable("cannot read " + path);
  return ss.str();
}

}  // namespace siak
