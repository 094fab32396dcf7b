#include "store/civil_store.h"

#include "common/crypto.h"
#include "store/sql_text.h"

namespace siak {
namespace {

constexpr const char* kColumns =
    "id, kind, state, region_code, subject_nik, event_date, timeliness, late_decision, data, "
    "COALESCE(akta_number, ''), declared_by, declared_at, decided_by, decided_at, reason, effects, corrects, copies";

CivilEventRecord FromRow(const Row& r) {
  return CivilEventRecord{CellInt(r[0]),   CellText(r[1]),  CellText(r[2]),  CellText(r[3]),  CellText(r[4]),
                          CellText(r[5]),  CellText(r[6]),  CellText(r[7]),  CellText(r[8]),  CellText(r[9]),
                          CellText(r[10]), CellText(r[11]), CellText(r[12]), CellText(r[13]), CellText(r[14]),
                          CellText(r[15]), CellInt(r[16]),  CellInt(r[17])};
}

}  // namespace

Result<int64_t> CivilStore::Insert(const CivilEventRecord& e) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("INSERT INTO civil_event (kind, state, region_code, subject_nik, event_date, timeliness, "
                 "late_decision, data, declared_by, declared_at, corrects) VALUES (?, 'DECLARED', ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "RETURNING id",
                 {e.kind, e.region_code, e.subject_nik, e.event_date, e.timeliness, e.late_decision, e.data,
                  e.declared_by, e.declared_at, std::to_string(e.corrects)}));
  if (r.rows.empty()) return Status::Internal("INSERT INTO civil_event returned no id");
  return CellInt(r.rows[0][0]);
}

Result<CivilEventRecord> CivilStore::Get(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kColumns + " FROM civil_event WHERE id = ?",
                                   {std::to_string(id)}));
  if (r.rows.empty()) return Status::NotFound("event_id", std::to_string(id));
  return FromRow(r.rows[0]);
}

Result<std::vector<CivilEventRecord>> CivilStore::List(const std::string& region_prefix, int64_t after_id,
                                                       int limit) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql(std::string("SELECT ") + kColumns +
                     " FROM civil_event WHERE id > ? AND region_code >= ? AND region_code < ? ORDER BY id LIMIT ?",
                 {std::to_string(after_id), region_prefix, DigitPrefixEnd(region_prefix), std::to_string(limit)}));
  std::vector<CivilEventRecord> out;
  for (const auto& row : r.rows) out.push_back(FromRow(row));
  return out;
}

Status CivilStore::Register(int64_t id, const std::string& subject_nik, const std::string& akta_number,
                            const std::string& by, const std::string& at, const std::string& effects) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("UPDATE civil_event SET state = 'REGISTERED', subject_nik = ?, akta_number = NULLIF(?, ''), "
                 "decided_by = ?, decided_at = ?, effects = ? WHERE id = ? AND state = 'DECLARED'",
                 {subject_nik, akta_number, by, at, effects, std::to_string(id)}));
  if (r.affected != 1) return Status::Conflict("event_id", std::to_string(id), "is no longer a declaration");
  return Status::Ok();
}

Status CivilStore::Reject(int64_t id, const std::string& reason, const std::string& by, const std::string& at) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("UPDATE civil_event SET state = 'REJECTED', reason = ?, decided_by = ?, "
                                   "decided_at = ? WHERE id = ? AND state = 'DECLARED'",
                                   {reason, by, at, std::to_string(id)}));
  if (r.affected != 1) return Status::Conflict("event_id", std::to_string(id), "is no longer a declaration");
  return Status::Ok();
}

Status CivilStore::Close(int64_t id, const std::string& state, int64_t by_event) {
  if (state != "CORRECTED" && state != "CANCELLED") return Status::Internal("CivilStore::Close to " + state);
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("UPDATE civil_event SET state = ?, reason = ? WHERE id = ? AND "
                                   "state IN ('REGISTERED', 'CORRECTED')",
                                   {state, "by event " + std::to_string(by_event), std::to_string(id)}));
  if (r.affected != 1) return Status::Conflict("event_id", std::to_string(id), "is not a registered event");
  return Status::Ok();
}

Result<std::vector<CivilEventRecord>> CivilStore::OfSubject(const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kColumns +
                                       " FROM civil_event WHERE subject_nik = ? AND state <> 'DECLARED' AND "
                                       "state <> 'REJECTED' ORDER BY id",
                                   {nik}));
  std::vector<CivilEventRecord> out;
  for (const auto& row : r.rows) out.push_back(FromRow(row));
  return out;
}

Result<std::vector<CivilEventRecord>> CivilStore::Mentioning(const std::string& nik, const std::string& region_prefix) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kColumns +
                                       " FROM civil_event WHERE state <> 'DECLARED' AND state <> 'REJECTED' AND "
                                       "(subject_nik = ? OR (region_code >= ? AND region_code < ? AND data LIKE ?)) "
                                       "ORDER BY id",
                                   {nik, region_prefix, DigitPrefixEnd(region_prefix), "%\"" + nik + "\"%"}));
  std::vector<CivilEventRecord> out;
  for (const auto& row : r.rows) out.push_back(FromRow(row));
  return out;
}

Result<std::vector<CivilEventRecord>> CivilStore::Naming(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kColumns + " FROM civil_event WHERE corrects = ? ORDER BY id",
                                   {std::to_string(id)}));
  std::vector<CivilEventRecord> out;
  for (const auto& row : r.rows) out.push_back(FromRow(row));
  return out;
}

Result<int64_t> CivilStore::NextCopy(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("UPDATE civil_event SET copies = copies + 1 WHERE id = ? AND state IN "
                                   "('REGISTERED', 'CORRECTED') RETURNING copies",
                                   {std::to_string(id)}));
  if (r.rows.empty()) return Status::Conflict("event_id", std::to_string(id), "has no akta to copy");
  return CellInt(r.rows[0][0]);
}

Result<std::optional<CivilEventRecord>> CivilStore::ByAktaNumber(const std::string& akta_number) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kColumns + " FROM civil_event WHERE akta_number = ?",
                                   {akta_number}));
  if (r.rows.empty()) return std::optional<CivilEventRecord>();
  return std::optional<CivilEventRecord>(FromRow(r.rows[0]));
}

Result<std::vector<CivilCount>> CivilStore::Count(const std::string& region_prefix, int child_digits,
                                                  const std::string& from, const std::string& to) {
  const std::string digits = std::to_string(child_digits);
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("SELECT kind, substr(region_code, 1, " + digits + ") AS region, substr(event_date, 1, 7) AS month, "
                 "timeliness, COUNT(*) FROM civil_event WHERE state IN ('REGISTERED', 'CORRECTED') "
                 "AND corrects = 0 AND region_code >= ? AND region_code < ? AND event_date >= ? AND event_date <= ? "
                 "GROUP BY kind, substr(region_code, 1, " + digits + "), substr(event_date, 1, 7), timeliness "
                 "ORDER BY 1, 2, 3, 4",
                 {region_prefix, DigitPrefixEnd(region_prefix), from, to}));
  std::vector<CivilCount> out;
  for (const auto& row : r.rows) {
    out.push_back(CivilCount{CellText(row[0]), CellText(row[1]), CellText(row[2]), CellText(row[3]), CellInt(row[4])});
  }
  return out;
}

Result<int64_t> CivilStore::AddAttachment(const CivilAttachment& a) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("INSERT INTO civil_attachment (event_id, jenis, name, content_type, size, sha256, content, added_by, "
                 "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 {std::to_string(a.event_id), a.jenis, a.name, a.content_type, std::to_string(a.size), a.sha256,
                  ToBase64(a.content), a.added_by, a.added_at}));
  if (r.rows.empty()) return Status::Internal("INSERT INTO civil_attachment returned no id");
  return CellInt(r.rows[0][0]);
}

Result<std::vector<CivilAttachment>> CivilStore::Attachments(int64_t event_id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("SELECT id, event_id, jenis, name, content_type, size, sha256, added_by, added_at "
                                   "FROM civil_attachment WHERE event_id = ? ORDER BY id",
                                   {std::to_string(event_id)}));
  std::vector<CivilAttachment> out;
  for (const auto& row : r.rows) {
    out.push_back(CivilAttachment{CellInt(row[0]), CellInt(row[1]), CellText(row[2]), CellText(row[3]),
                                  CellText(row[4]), CellInt(row[5]), CellText(row[6]), "", CellText(row[7]),
                                  CellText(row[8])});
  }
  return out;
}

Result<CivilAttachment> CivilStore::GetAttachment(int64_t event_id, int64_t id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("SELECT id, event_id, jenis, name, content_type, size, sha256, content, added_by, "
                                   "added_at FROM civil_attachment WHERE event_id = ? AND id = ?",
                                   {std::to_string(event_id), std::to_string(id)}));
  if (r.rows.empty()) return Status::NotFound("attachment_id", std::to_string(id));
  const auto& row = r.rows[0];
  auto bytes = FromBase64(CellText(row[7]));
  if (!bytes) return Status::Internal("civil_attachment.content is not base64");
  return CivilAttachment{CellInt(row[0]), CellInt(row[1]), CellText(row[2]), CellText(row[3]), CellText(row[4]),
                         CellInt(row[5]),  CellText(row[6]), std::move(*bytes), CellText(row[8]), CellText(row[9])};
}

Result<int64_t> CivilStore::NextSequence(const std::string& regency, const std::string& code, const std::string& day) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("INSERT INTO civil_sequence (regency, code, day, last_seq) VALUES (?, ?, ?, 1) "
                 "ON CONFLICT (regency, code, day) DO UPDATE SET last_seq = civil_sequence.last_seq + 1 "
                 "RETURNING last_seq",
                 {regency, code, day}));
  if (r.rows.empty()) return Status::Internal("civil_sequence returned no number");
  return CellInt(r.rows[0][0]);
}

}  // namespace siak
