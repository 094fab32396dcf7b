// CivilStore: civil registration's tables (migration 8) over Store::Sql, the same SQL on both
// backends. Changes of state are conditional on the state read (a declaration is registered or
// rejected once, by whoever gets there first).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace siak {

struct CivilEventRecord {
  int64_t id = 0;
  std::string kind;          // domain/vital_event.h names
  std::string state;         // DECLARED | REGISTERED | REJECTED | CORRECTED | CANCELLED
  std::string region_code;   // village digits
  std::string subject_nik;   // "" until known
  std::string event_date;    // YYYY-MM-DD
  std::string timeliness;    // on_time | late
  std::string late_decision;
  std::string data;          // JSON
  std::string akta_number;   // "" until registered
  std::string declared_by, declared_at, decided_by, decided_at, reason;
};

class CivilStore {
 public:
  explicit CivilStore(Store& store) : store_(store) {}

  Result<int64_t> Insert(const CivilEventRecord& e);
  Result<CivilEventRecord> Get(int64_t id);
  // Events of villages under `region_prefix` (digits; "" = all) with ids above `after_id`, in id order.
  Result<std::vector<CivilEventRecord>> List(const std::string& region_prefix, int64_t after_id, int limit);
  // DECLARED -> REGISTERED with the subject and the akta number; kConflict when it is no longer
  // DECLARED.
  Status Register(int64_t id, const std::string& subject_nik, const std::string& akta_number, const std::string& by,
                  const std::string& at);
  // DECLARED -> REJECTED with the reason; kConflict when it is no longer DECLARED.
  Status Reject(int64_t id, const std::string& reason, const std::string& by, const std::string& at);
  // The next akta sequence number of (regency, register code, day): 1, 2, ...
  Result<int64_t> NextSequence(const std::string& regency, const std::string& code, const std::string& day);

 private:
  Store& store_;
};

}  // namespace siak
