#include "app/audit_log.h"

#include "common/crypto.h"

namespace siak {

std::string AuditEntryHash(const AuditRecord& r) {
  // Length-prefixed fields: no separator inside a field can shift another field.
  std::string data = "siak-audit-v1";
  for (const std::string* f : {&r.prev_hash, &r.at, &r.actor, &r.role, &r.source, &r.action, &r.subjects, &r.outcome,
                               &r.detail}) {
    data += '\n';
    data += std::to_string(f->size());
    data += ':';
    data += *f;
  }
  return Sha256Hex(data);
}

Result<AuditRecord> AppendAuditEntry(Store& store, AuditRecord record) {
  return store.AppendAudit(std::move(record), AuditEntryHash);
}

Result<AuditVerification> VerifyAuditChain(Store& store) {
  AuditVerification out;
  std::string expected_prev(64, '0');
  int64_t last_seq = 0;
  for (;;) {
    SIAK_ASSIGN_OR_RETURN(std::vector<AuditRecord> page, store.ReadAudit(last_seq, 2000));
    if (page.empty()) break;
    for (const AuditRecord& e : page) {
      ++out.entries;
      if (e.prev_hash != expected_prev) {
        out.findings.push_back(
            {e.seq, "the link to the previous entry is broken: an entry before seq " + std::to_string(e.seq) +
                        " was removed, inserted or reordered (previous seq " + std::to_string(last_seq) + ")"});
      }
      if (AuditEntryHash(e) != e.hash) {
        out.findings.push_back({e.seq, "entry " + std::to_string(e.seq) + " was edited: its hash does not match"});
      }
      expected_prev = e.hash;
      last_seq = e.seq;
    }
  }
  out.head_hash = expected_prev;
  return out;
}

}  // namespace siak
