#include "store/ektp_store.h"

#include "store/sql_text.h"

namespace siak {

namespace {
std::optional<std::string> NullIfEmpty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}
std::optional<std::string> NullIfZero(int64_t v) {
  return v == 0 ? std::nullopt : std::optional<std::string>(std::to_string(v));
}

constexpr const char* kSiteColumns =
    "id, code, kind, name, region_code, print_site_id, starts_on, ends_on, active, created_at";
SiteRecord SiteFromRow(const Row& r) {
  return SiteRecord{CellInt(r[0]), CellText(r[1]), CellText(r[2]), CellText(r[3]), CellText(r[4]),
                    CellInt(r[5]), CellText(r[6]), CellText(r[7]), CellInt(r[8]) != 0, CellText(r[9])};
}

constexpr const char* kDeviceColumns = "serial, site_id, kind, model, active, registered_at";
DeviceRecord DeviceFromRow(const Row& r) {
  return DeviceRecord{CellText(r[0]), CellInt(r[1]), CellText(r[2]), CellText(r[3]), CellInt(r[4]) != 0, CellText(r[5])};
}

constexpr const char* kRecordingColumns =
    "id, nik, region_code, site_id, device_serial, officer, captured_at, submitted_at, photo, signature, fingers, "
    "quality, abis_job_id";
RecordingRecord RecordingFromRow(const Row& r) {
  return RecordingRecord{CellText(r[0]), CellText(r[1]), CellText(r[2]),  CellInt(r[3]),   CellText(r[4]),  CellText(r[5]), CellText(r[6]),
                         CellText(r[7]), CellText(r[8]), CellText(r[9]), CellText(r[10]), CellText(r[11]), CellInt(r[12])};
}

constexpr const char* kRequestColumns =
    "id, nik, region_code, site_id, reason, priority, state, document_ref, old_serial, card_serial, requested_by, "
    "requested_at";
PrintRequestRecord RequestFromRow(const Row& r) {
  return PrintRequestRecord{CellInt(r[0]),  CellText(r[1]), CellText(r[2]), CellInt(r[3]),  CellText(r[4]),  static_cast<int>(CellInt(r[5])),
                            CellText(r[6]), CellText(r[7]), CellText(r[8]), CellText(r[9]), CellText(r[10]), CellText(r[11])};
}

constexpr const char* kCardColumns =
    "serial, nik, region_code, site_id, request_id, recording_id, state, face, chip, printed_by, printed_at, "
    "received_by, issued_by, issued_at, revoked_at, revoke_reason";
CardRecord CardFromRow(const Row& r) {
  return CardRecord{CellText(r[0]),  CellText(r[1]),  CellText(r[2]),  CellInt(r[3]),   CellInt(r[4]),   CellText(r[5]),
                    CellText(r[6]),  CellText(r[7]),  CellText(r[8]),  CellText(r[9]),  CellText(r[10]), CellText(r[11]),
                    CellText(r[12]), CellText(r[13]), CellText(r[14]), CellText(r[15])};
}

constexpr const char* kSuketColumns =
    "number, nik, region_code, site_id, state, reference, issued_by, issued_at, valid_until, closed_at, card_serial";
SuketRecord SuketFromRow(const Row& r) {
  return SuketRecord{CellText(r[0]), CellText(r[1]), CellText(r[2]), CellInt(r[3]),  CellText(r[4]), CellText(r[5]),
                     CellText(r[6]), CellText(r[7]), CellText(r[8]), CellText(r[9]), CellText(r[10])};
}
}  // namespace

// ---- sites and devices ----

Result<int64_t> EktpStore::InsertSite(const SiteRecord& s) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("INSERT INTO ektp_site (code, kind, name, region_code, print_site_id, starts_on, ends_on, active, "
                 "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 {s.code, s.kind, s.name, s.region_code, NullIfZero(s.print_site_id), NullIfEmpty(s.starts_on),
                  NullIfEmpty(s.ends_on), s.active ? "1" : "0", s.created_at}));
  if (r.rows.empty()) return Status::Internal("INSERT INTO ektp_site returned no id");
  return CellInt(r.rows[0][0]);
}

Result<SiteRecord> EktpStore::GetSite(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kSiteColumns + " FROM ektp_site WHERE id = ?",
                                   {std::to_string(id)}));
  if (r.rows.empty()) return Status::NotFound("site_id", std::to_string(id));
  return SiteFromRow(r.rows[0]);
}

Result<std::vector<SiteRecord>> EktpStore::Sites(const std::string& scope) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kSiteColumns +
                                       " FROM ektp_site WHERE region_code >= ? AND region_code < ? ORDER BY id",
                                   {scope, DigitPrefixEnd(scope)}));
  std::vector<SiteRecord> out;
  for (const auto& row : r.rows) out.push_back(SiteFromRow(row));
  return out;
}

Status EktpStore::SetSiteActive(int64_t id, bool active) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r, store_.Sql("UPDATE ektp_site SET active = ? WHERE id = ?",
                                                       {active ? "1" : "0", std::to_string(id)}));
  if (r.affected != 1) return Status::NotFound("site_id", std::to_string(id));
  return Status::Ok();
}

Status EktpStore::InsertDevice(const DeviceRecord& d) {
  return store_
      .Sql("INSERT INTO ektp_device (serial, site_id, kind, model, active, registered_at) VALUES (?, ?, ?, ?, ?, ?)",
           {d.serial, std::to_string(d.site_id), d.kind, d.model, d.active ? "1" : "0", d.registered_at})
      .status();
}

Result<DeviceRecord> EktpStore::GetDevice(const std::string& serial) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kDeviceColumns + " FROM ektp_device WHERE serial = ?",
                                   {serial}));
  if (r.rows.empty()) return Status::NotFound("device_serial", serial);
  return DeviceFromRow(r.rows[0]);
}

Result<std::vector<DeviceRecord>> EktpStore::DevicesOf(int64_t site_id) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql(std::string("SELECT ") + kDeviceColumns + " FROM ektp_device WHERE site_id = ? ORDER BY serial",
                 {std::to_string(site_id)}));
  std::vector<DeviceRecord> out;
  for (const auto& row : r.rows) out.push_back(DeviceFromRow(row));
  return out;
}

// ---- recordings ----

Status EktpStore::InsertRecording(const RecordingRecord& x) {
  return store_
      .Sql(std::string("INSERT INTO ektp_recording (") + kRecordingColumns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           {x.id, x.nik, x.region_code, std::to_string(x.site_id), x.device_serial, x.officer, x.captured_at,
            x.submitted_at, x.photo, x.signature, x.fingers, x.quality, NullIfZero(x.abis_job_id)})
      .status();
}

Result<std::optional<RecordingRecord>> EktpStore::FindRecording(const std::string& id) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kRecordingColumns + " FROM ektp_recording WHERE id = ?",
                                   {id}));
  if (r.rows.empty()) return std::optional<RecordingRecord>();
  return std::optional<RecordingRecord>(RecordingFromRow(r.rows[0]));
}

Result<std::vector<RecordingRecord>> EktpStore::RecordingsOf(const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kRecordingColumns +
                                       " FROM ektp_recording WHERE nik = ? ORDER BY submitted_at DESC, id DESC",
                                   {nik}));
  std::vector<RecordingRecord> out;
  for (const auto& row : r.rows) out.push_back(RecordingFromRow(row));
  return out;
}

// ---- the blank ledger ----

Status EktpStore::Credit(const std::string& account, int64_t quantity) {
  return store_
      .Sql("INSERT INTO ektp_stock (account, on_hand) VALUES (?, ?) "
           "ON CONFLICT (account) DO UPDATE SET on_hand = ektp_stock.on_hand + EXCLUDED.on_hand",
           {account, std::to_string(quantity)})
      .status();
}

Status EktpStore::Debit(const std::string& account, int64_t quantity) {
  // One conditional statement: two printers at the same site cannot both take the last blank.
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("UPDATE ektp_stock SET on_hand = on_hand - ? WHERE account = ? AND on_hand >= ?",
                                   {std::to_string(quantity), account, std::to_string(quantity)}));
  if (r.affected == 1) return Status::Ok();
  SIAK_ASSIGN_OR_RETURN(StockAccount a, Account(account));
  return Status::Conflict("quantity", std::to_string(quantity),
                          "exceeds the " + std::to_string(a.on_hand) + " blanks on hand at " + account);
}

Result<int64_t> EktpStore::Move(const StockEntry& e) {
  if (e.quantity <= 0) return Status::Invalid("quantity", std::to_string(e.quantity), "must be at least 1");
  int64_t seq = 0;
  Status st = store_.Transaction([&]() -> Status {
    if (!e.from_account.empty()) SIAK_RETURN_IF_ERROR(Debit(e.from_account, e.quantity));
    if (!e.to_account.empty()) SIAK_RETURN_IF_ERROR(Credit(e.to_account, e.quantity));
    SIAK_ASSIGN_OR_RETURN(
        Store::SqlResult r,
        store_.Sql("INSERT INTO ektp_stock_entry (at, month, kind, from_account, to_account, quantity, reason, "
                   "card_serial, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
                   {e.at, e.at.substr(0, 7), e.kind, NullIfEmpty(e.from_account), NullIfEmpty(e.to_account),
                    std::to_string(e.quantity), e.reason, NullIfEmpty(e.card_serial), e.actor}));
    seq = CellInt(r.rows.at(0)[0]);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return seq;
}

Result<StockAccount> EktpStore::Account(const std::string& account) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("SELECT account, on_hand, monthly_quota, low_stock FROM ektp_stock WHERE account = ?", {account}));
  if (r.rows.empty()) return StockAccount{account, 0, 0, 0};
  return StockAccount{CellText(r.rows[0][0]), CellInt(r.rows[0][1]), CellInt(r.rows[0][2]), CellInt(r.rows[0][3])};
}

Result<std::vector<StockAccount>> EktpStore::Accounts() {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("SELECT account, on_hand, monthly_quota, low_stock FROM ektp_stock ORDER BY account", {}));
  std::vector<StockAccount> out;
  for (const auto& row : r.rows) out.push_back({CellText(row[0]), CellInt(row[1]), CellInt(row[2]), CellInt(row[3])});
  return out;
}

Status EktpStore::SetQuota(const std::string& account, int64_t monthly_quota, int64_t low_stock) {
  return store_
      .Sql("INSERT INTO ektp_stock (account, on_hand, monthly_quota, low_stock) VALUES (?, 0, ?, ?) "
           "ON CONFLICT (account) DO UPDATE SET monthly_quota = EXCLUDED.monthly_quota, low_stock = EXCLUDED.low_stock",
           {account, std::to_string(monthly_quota), std::to_string(low_stock)})
      .status();
}

Result<int64_t> EktpStore::MonthTotal(const std::string& account, const std::string& month, const std::string& kind) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("SELECT COALESCE(SUM(quantity), 0) FROM ektp_stock_entry "
                                   "WHERE to_account = ? AND month = ? AND kind = ?",
                                   {account, month, kind}));
  return CellInt(r.rows.at(0)[0]);
}

Result<std::vector<StockEntry>> EktpStore::Entries(const std::string& account, int64_t after_seq, int limit) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("SELECT seq, at, month, kind, from_account, to_account, quantity, reason, card_serial, actor "
                 "FROM ektp_stock_entry WHERE (from_account = ? OR to_account = ?) AND seq > ? ORDER BY seq LIMIT ?",
                 {account, account, std::to_string(after_seq), std::to_string(limit)}));
  std::vector<StockEntry> out;
  for (const auto& row : r.rows) {
    out.push_back(StockEntry{CellInt(row[0]), CellText(row[1]), CellText(row[2]), CellText(row[3]), CellText(row[4]), CellText(row[5]),
                             CellInt(row[6]), CellText(row[7]), CellText(row[8]), CellText(row[9])});
  }
  return out;
}

// ---- the print queue ----

Result<int64_t> EktpStore::InsertPrintRequest(const PrintRequestRecord& q) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("INSERT INTO ektp_print_request (nik, region_code, site_id, reason, priority, state, document_ref, "
                 "old_serial, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?) RETURNING id",
                 {q.nik, q.region_code, NullIfZero(q.site_id), q.reason, std::to_string(q.priority), q.document_ref,
                  NullIfEmpty(q.old_serial), q.requested_by, q.requested_at}));
  return CellInt(r.rows.at(0)[0]);
}

Result<PrintRequestRecord> EktpStore::GetPrintRequest(int64_t id) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql(std::string("SELECT ") + kRequestColumns + " FROM ektp_print_request WHERE id = ?",
                 {std::to_string(id)}));
  if (r.rows.empty()) return Status::NotFound("request_id", std::to_string(id));
  return RequestFromRow(r.rows[0]);
}

Result<std::optional<PrintRequestRecord>> EktpStore::QueuedRequestOf(const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kRequestColumns +
                                       " FROM ektp_print_request WHERE nik = ? AND state = 'queued' ORDER BY id",
                                   {nik}));
  if (r.rows.empty()) return std::optional<PrintRequestRecord>();
  return std::optional<PrintRequestRecord>(RequestFromRow(r.rows[0]));
}

Result<std::vector<PrintRequestRecord>> EktpStore::Queue(int64_t site_id, const std::string& region_scope,
                                                         int limit, const std::string& caller_scope) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql(std::string("SELECT ") + kRequestColumns +
                     " FROM ektp_print_request WHERE state = 'queued' AND (site_id = ? OR (site_id IS NULL AND "
                     "region_code >= ? AND region_code < ?)) AND region_code >= ? AND region_code < ? "
                     "ORDER BY priority DESC, id LIMIT ?",
                 {std::to_string(site_id), region_scope, DigitPrefixEnd(region_scope), caller_scope,
                  DigitPrefixEnd(caller_scope), std::to_string(limit)}));
  std::vector<PrintRequestRecord> out;
  for (const auto& row : r.rows) out.push_back(RequestFromRow(row));
  return out;
}

Status EktpStore::CloseRequest(int64_t id, const std::string& state, const std::string& card_serial) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("UPDATE ektp_print_request SET state = ?, card_serial = ? "
                                   "WHERE id = ? AND state = 'queued'",
                                   {state, NullIfEmpty(card_serial), std::to_string(id)}));
  if (r.affected != 1) return Status::Conflict("request_id", std::to_string(id), "is no longer queued");
  return Status::Ok();
}

// ---- cards ----

Status EktpStore::InsertCard(const CardRecord& c) {
  return store_
      .Sql(std::string("INSERT INTO ektp_card (") + kCardColumns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL)",
           {c.serial, c.nik, c.region_code, std::to_string(c.site_id), std::to_string(c.request_id), c.recording_id,
            c.state, c.face, c.chip, c.printed_by, c.printed_at})
      .status();
}

Result<CardRecord> EktpStore::GetCard(const std::string& serial) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kCardColumns + " FROM ektp_card WHERE serial = ?",
                                   {serial}));
  if (r.rows.empty()) return Status::NotFound("serial", serial);
  return CardFromRow(r.rows[0]);
}

Result<std::vector<CardRecord>> EktpStore::CardsOf(const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kCardColumns +
                                       " FROM ektp_card WHERE nik = ? ORDER BY printed_at DESC, serial DESC",
                                   {nik}));
  std::vector<CardRecord> out;
  for (const auto& row : r.rows) out.push_back(CardFromRow(row));
  return out;
}

Status EktpStore::IssueCard(const std::string& serial, const std::string& received_by, const std::string& issued_by,
                            const std::string& at) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("UPDATE ektp_card SET state = 'issued', received_by = ?, issued_by = ?, "
                                   "issued_at = ? WHERE serial = ? AND state = 'printed'",
                                   {received_by, issued_by, at, serial}));
  if (r.affected != 1) return Status::Conflict("serial", serial, "is not a printed card waiting to be handed over");
  return Status::Ok();
}

Status EktpStore::RevokeCard(const std::string& serial, const std::string& reason, const std::string& at) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("UPDATE ektp_card SET state = 'revoked', revoke_reason = ?, revoked_at = ? "
                                   "WHERE serial = ? AND state IN ('printed', 'issued')",
                                   {reason, at, serial}));
  if (r.affected != 1) return Status::Conflict("serial", serial, "is already revoked");
  return Status::Ok();
}

// ---- Suket ----

Status EktpStore::InsertSuket(const SuketRecord& s) {
  return store_
      .Sql(std::string("INSERT INTO ektp_suket (") + kSuketColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
           {s.number, s.nik, s.region_code, std::to_string(s.site_id), s.state, s.reference, s.issued_by, s.issued_at,
            s.valid_until})
      .status();
}

Result<SuketRecord> EktpStore::GetSuket(const std::string& number) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kSuketColumns + " FROM ektp_suket WHERE number = ?",
                                   {number}));
  if (r.rows.empty()) return Status::NotFound("number", number);
  return SuketFromRow(r.rows[0]);
}

Result<std::vector<SuketRecord>> EktpStore::SuketsOf(const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kSuketColumns +
                                       " FROM ektp_suket WHERE nik = ? ORDER BY issued_at DESC, number DESC",
                                   {nik}));
  std::vector<SuketRecord> out;
  for (const auto& row : r.rows) out.push_back(SuketFromRow(row));
  return out;
}

Result<std::vector<SuketRecord>> EktpStore::Sukets(const std::string& scope, const std::string& state,
                                                   const std::string& after_number, int limit) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql(std::string("SELECT ") + kSuketColumns +
                     " FROM ektp_suket WHERE (? = '' OR state = ?) AND number > ? AND region_code >= ? AND "
                     "region_code < ? ORDER BY number LIMIT ?",
                 {state, state, after_number, scope, DigitPrefixEnd(scope), std::to_string(limit)}));
  std::vector<SuketRecord> out;
  for (const auto& row : r.rows) out.push_back(SuketFromRow(row));
  return out;
}

Result<std::vector<PrintRequestRecord>> EktpStore::RequestsOf(const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql(std::string("SELECT ") + kRequestColumns +
                                       " FROM ektp_print_request WHERE nik = ? ORDER BY id",
                                   {nik}));
  std::vector<PrintRequestRecord> out;
  for (const auto& row : r.rows) out.push_back(RequestFromRow(row));
  return out;
}

Result<int64_t> EktpStore::CloseSukets(const std::string& nik, const std::string& state, const std::string& card_serial,
                                       const std::string& at) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("UPDATE ektp_suket SET state = ?, card_serial = ?, closed_at = ? "
                                   "WHERE nik = ? AND state = 'active'",
                                   {state, NullIfEmpty(card_serial), at, nik}));
  return r.affected;
}

Result<int64_t> EktpStore::NextSequence(const std::string& name) {
  SIAK_ASSIGN_OR_RETURN(Store::SqlResult r,
                        store_.Sql("INSERT INTO ektp_sequence (name, value) VALUES (?, 1) ON CONFLICT (name) "
                                   "DO UPDATE SET value = ektp_sequence.value + 1 RETURNING value",
                                   {name}));
  return CellInt(r.rows.at(0)[0]);
}

// ---- coverage ----

Result<EktpStore::StatusCounts> EktpStore::CoverageCounts(const std::string& scope, int child_digits) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("SELECT substr(region_code, 1, " + std::to_string(child_digits) +
                     "), ektp_status, SUM(n) FROM (SELECT region_code, ektp_status, n FROM ektp_coverage "
                     "WHERE region_code >= ? AND region_code < ? UNION ALL SELECT region_code, ektp_status, n "
                     "FROM ektp_coverage_delta WHERE region_code >= ? AND region_code < ?) AS c GROUP BY 1, 2",
                 {scope, DigitPrefixEnd(scope), scope, DigitPrefixEnd(scope)}));
  StatusCounts out;
  for (const auto& row : r.rows) {
    const int64_t n = CellInt(row[2]);
    if (n != 0) out[CellText(row[0])][static_cast<int>(CellInt(row[1]))] += n;
  }
  return out;
}

Result<int64_t> EktpStore::CompactCoverage() {
  int64_t folded = 0;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_RETURN_IF_ERROR(store_.LockKey("ektp_coverage_compact"));
    if (store_.backend() == "postgresql") {
      // One statement: the rows deleted are exactly the rows added (a delta committed meanwhile
      // is not seen, stays, and is folded next time).
      SIAK_ASSIGN_OR_RETURN(
          Store::SqlResult r,
          store_.Sql("WITH moved AS (DELETE FROM ektp_coverage_delta RETURNING region_code, ektp_status, n), "
                     "folded AS (INSERT INTO ektp_coverage (region_code, ektp_status, n) "
                     "SELECT region_code, ektp_status, SUM(n) FROM moved GROUP BY 1, 2 "
                     "ON CONFLICT (region_code, ektp_status) DO UPDATE SET n = ektp_coverage.n + EXCLUDED.n "
                     "RETURNING 1) SELECT (SELECT COUNT(*) FROM moved), (SELECT COUNT(*) FROM folded)",
                     {}));
      folded = r.rows.empty() ? 0 : CellInt(r.rows[0][0]);
      return Status::Ok();
    }
    // SQLite: writes are serial, so two statements in one transaction see the same rows.
    SIAK_ASSIGN_OR_RETURN(Store::SqlResult count, store_.Sql("SELECT COUNT(*) FROM ektp_coverage_delta", {}));
    folded = CellInt(count.rows.at(0)[0]);
    if (folded == 0) return Status::Ok();
    SIAK_RETURN_IF_ERROR(store_
                             .Sql("INSERT INTO ektp_coverage (region_code, ektp_status, n) SELECT region_code, "
                                  "ektp_status, SUM(n) FROM ektp_coverage_delta WHERE true GROUP BY 1, 2 "
                                  "ON CONFLICT (region_code, ektp_status) DO UPDATE SET n = n + excluded.n",
                                  {})
                             .status());
    return store_.Sql("DELETE FROM ektp_coverage_delta", {}).status();
  });
  if (!st.ok()) return st;
  return folded;
}

Result<EktpStore::StatusCounts> EktpStore::CoverageCountsByScan(const std::string& scope, int child_digits) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("SELECT substr(region_code, 1, " + std::to_string(child_digits) +
                     "), ektp_status, COUNT(*) FROM person WHERE status_dasar = 1 AND region_code >= ? AND "
                     "region_code < ? GROUP BY 1, 2",
                 {scope, DigitPrefixEnd(scope)}));
  StatusCounts out;
  for (const auto& row : r.rows) out[CellText(row[0])][static_cast<int>(CellInt(row[1]))] += CellInt(row[2]);
  return out;
}

Result<std::map<std::string, int64_t>> EktpStore::OutstandingSukets(const std::string& scope, int child_digits,
                                                                    const std::string& today) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("SELECT substr(region_code, 1, " + std::to_string(child_digits) +
                     "), COUNT(*) FROM ektp_suket WHERE state = 'active' AND valid_until >= ? AND "
                     "region_code >= ? AND region_code < ? GROUP BY 1",
                 {today, scope, DigitPrefixEnd(scope)}));
  std::map<std::string, int64_t> out;
  for (const auto& row : r.rows) out[CellText(row[0])] = CellInt(row[1]);
  return out;
}

Result<std::vector<std::string>> EktpStore::BelumWajibBornBy(const std::string& born_by, const std::string& after_nik,
                                                             int limit) {
  SIAK_ASSIGN_OR_RETURN(
      Store::SqlResult r,
      store_.Sql("SELECT nik FROM person WHERE ektp_status = 0 AND tanggal_lahir <= ? AND nik > ? ORDER BY nik LIMIT ?",
                 {born_by, after_nik, std::to_string(limit)}));
  std::vector<std::string> out;
  for (const auto& row : r.rows) out.push_back(CellText(row[0]));
  return out;
}

}  // namespace siak
