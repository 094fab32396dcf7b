// CsvReader: RFC 4180 records from an in-memory buffer, with the line each record starts on.
//
// Quoted fields may contain commas, doubled quotes and line breaks. A malformed record
// (an unterminated quote, text after a closing quote) is an error naming the line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace siak {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view data) : data_(data) {}
  // Reads the next record into *out. Returns false at the end of input.
  // On a malformed record returns true and sets *error (and stops further reading).
  bool Next(CsvRecord* out, Status* error);

 private:
  std::string_view data_;
  size_t pos_ = 0;
  int line_ = 1;
  bool failed_ = false;
};

// Reads a whole file into memory.
Result<std::string> ReadFile(const std::string& path);

}  // namespace siak
