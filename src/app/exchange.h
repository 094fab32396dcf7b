// Export and import of persons and families (KK with members) as CSV or JSON lines, with one
// documented column set (docs/exchange.md). Import is all-or-nothing: every row is checked
// first, and an error names the file, the line and the field; nothing is written unless all
// of it can be. Export then import then export gives the same bytes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/known_districts.h"
#include "store/store.h"

namespace siak {

enum class ExchangeFormat { kCsv, kJsonLines };

struct ExchangeSummary {
  int64_t persons = 0;
  int64_t families = 0;
};

// The person columns, in file order.
const std::vector<std::string>& PersonExchangeColumns();
// The family columns; `members` is "NIK:SHDK;NIK:SHDK..." in CSV and an array in JSON lines.
const std::vector<std::string>& FamilyExchangeColumns();

// Writes DIR/persons.{csv|jsonl} and DIR/families.{csv|jsonl} (DIR is created), for persons and
// families whose village starts with `region_prefix` (digits; "" for all), in NIK / KK order.
Result<ExchangeSummary> ExportRegister(Store& store, const std::string& dir, ExchangeFormat format,
                                       const std::string& region_prefix,
                                       const std::function<void(int64_t)>& progress = {});

// Reads DIR/persons.* and DIR/families.* (CSV or JSON lines, whichever is there) and adds them
// in one transaction. NIKs must be new; every family member must be a person of the import
// (or of the register), and a person's kk_number must be the KK that lists them.
Result<ExchangeSummary> ImportRegister(Store& store, const std::string& dir, const KnownDistricts& districts,
                                       const Date& today, const std::function<void(int64_t)>& progress = {});

}  // namespace siak
