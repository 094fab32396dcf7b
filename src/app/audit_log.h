// The audit log's hash chain: how an entry's hash is computed, how entries are appended
// (fail closed: a caller whose entry cannot be written must fail its request), and how the
// whole chain is verified.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace siak {

// SHA-256 (hex) over a versioned, unambiguous serialisation of every field but seq and hash.
std::string AuditEntryHash(const AuditRecord& record);

// Appends `record` (seq, prev_hash and hash are filled in) and returns it as stored.
Result<AuditRecord> AppendAuditEntry(Store& store, AuditRecord record);

struct AuditFinding {
  int64_t seq = 0;      // the entry where the chain breaks
  std::string problem;  // "edited", "removed or reordered before this entry", ...
};

struct AuditVerification {
  int64_t entries = 0;
  std::string head_hash;  // hash of the last entry: anchor it elsewhere to detect truncation
  std::vector<AuditFinding> findings;
};

// Walks the whole log in order, recomputing every hash and checking every link.
Result<AuditVerification> VerifyAuditChain(Store& store);

}  // namespace siak
