// CivilStore: civil registration's tables (migrations 8 and 9) over Store::Sql, the same SQL on both
// backends. Changes of state are conditional on the state read (a declaration is registered or
// rejected once, by whoever gets there first).
#pragma once

#include <cstdint>
#include <optional>
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
  std::string effects = "{}";  // JSON: what registering it changed in the register
  int64_t corrects = 0;        // a correction or cancellation: the registered event it is about
  int64_t copies = 1;          // kutipan of the akta issued so far
};

// A supporting document of a declaration.
struct CivilAttachment {
  int64_t id = 0;
  int64_t event_id = 0;
  std::string jenis, name, content_type;
  int64_t size = 0;
  std::string sha256;
  std::string content;  // the bytes (empty when only the metadata was read)
  std::string added_by, added_at;
};

// Registered events counted by kind, child region, month and timeliness (vital statistics).
struct CivilCount {
  std::string kind;
  std::string region;  // the first `child_digits` digits of the village
  std::string month;   // YYYY-MM of the event
  std::string timeliness;
  int64_t count = 0;
};

class CivilStore {
 public:
  explicit CivilStore(Store& store) : store_(store) {}

  Result<int64_t> Insert(const CivilEventRecord& e);
  Result<CivilEventRecord> Get(int64_t id);
  // Events of villages under `region_prefix` (digits; "" = all) with ids above `after_id`, in id order.
  Result<std::vector<CivilEventRecord>> List(const std::string& region_prefix, int64_t after_id, int limit);
  // DECLARED -> REGISTERED with the subject, the akta number ("" for a marginal note: none) and
  // the effects; kConflict when it is no longer DECLARED.
  Status Register(int64_t id, const std::string& subject_nik, const std::string& akta_number, const std::string& by,
                  const std::string& at, const std::string& effects = "{}");
  // REGISTERED or CORRECTED -> `state` (CORRECTED or CANCELLED) by the further event
  // `by_event`; kConflict otherwise (never registered, or cancelled already).
  Status Close(int64_t id, const std::string& state, int64_t by_event);
  // Registered (or since corrected/cancelled) events whose subject is `nik`, in id order.
  Result<std::vector<CivilEventRecord>> OfSubject(const std::string& nik);
  // Registered (or since corrected/cancelled) events of villages under `region_prefix` whose
  // subject is `nik` or whose declaration names it (a wife in a marriage), in id order.
  Result<std::vector<CivilEventRecord>> Mentioning(const std::string& nik, const std::string& region_prefix);
  // The further events (corrections, cancellations) naming `id`, in id order.
  Result<std::vector<CivilEventRecord>> Naming(int64_t id);
  // One more kutipan of a registered (or corrected) event's akta; returns its copy number.
  Result<int64_t> NextCopy(int64_t id);
  Result<std::optional<CivilEventRecord>> ByAktaNumber(const std::string& akta_number);
  // Registered events (REGISTERED, or CORRECTED since; not CANCELLED, not the further events) of villages under
  // `region_prefix` with event dates in [from, to] (YYYY-MM-DD), counted.
  Result<std::vector<CivilCount>> Count(const std::string& region_prefix, int child_digits, const std::string& from,
                                        const std::string& to);
  // DECLARED -> REJECTED with the reason; kConflict when it is no longer DECLARED.
  Status Reject(int64_t id, const std::string& reason, const std::string& by, const std::string& at);
  Result<int64_t> AddAttachment(const CivilAttachment& a);
  // Metadata only (content empty), in id order.
  Result<std::vector<CivilAttachment>> Attachments(int64_t event_id);
  // With the content; kNotFound unless it belongs to the event.
  Result<CivilAttachment> GetAttachment(int64_t event_id, int64_t id);

  // The next akta sequence number of (regency, register code, day): 1, 2, ...
  Result<int64_t> NextSequence(const std::string& regency, const std::string& code, const std::string& day);

 private:
  Store& store_;
};

}  // namespace siak
