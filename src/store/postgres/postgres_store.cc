#include "store/postgres/postgres_store.h"

#include <libpq-fe.h>

#include <map>
#include <set>

#include "store/codec.h"
#include "store/migrations.h"
#include "store/sql_text.h"

namespace siak {
namespace {

// Owns one PGresult.
class PgResult {
 public:
  explicit PgResult(PGresult* res) : res_(res) {}
  ~PgResult() { PQclear(res_); }
  PgResult(PgResult&& other) noexcept : res_(other.res_) { other.res_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  PGresult* get() const { return res_; }
  ExecStatusType status() const { return res_ ? PQresultStatus(res_) : PGRES_FATAL_ERROR; }
  bool ok() const { return status() == PGRES_COMMAND_OK || status() == PGRES_TUPLES_OK; }
  int rows() const { return PQntuples(res_); }
  std::optional<std::string> Text(int row, int col) const {
    if (PQgetisnull(res_, row, col)) return std::nullopt;
    return std::string(PQgetvalue(res_, row, col), static_cast<size_t>(PQgetlength(res_, row, col)));
  }
  std::string Str(int row, int col) const { return Text(row, col).value_or(""); }
  int64_t Int(int row, int col) const { return std::stoll(PQgetvalue(res_, row, col)); }
  Row RowOf(int row, int columns) const {
    Row out;
    out.reserve(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) out.push_back(Text(row, c));
    return out;
  }
  std::string SqlState() const {
    const char* s = res_ ? PQresultErrorField(res_, PG_DIAG_SQLSTATE) : nullptr;
    return s ? s : "";
  }
  // The first key value in "Key (col1, col2)=(value1, value2) already exists."
  std::string DuplicateKeyValue() const {
    const char* d = res_ ? PQresultErrorField(res_, PG_DIAG_MESSAGE_DETAIL) : nullptr;
    if (!d) return "";
    std::string detail(d);
    auto open = detail.find(")=(");
    if (open == std::string::npos) return "";
    auto close = detail.find(')', open + 3);
    if (close == std::string::npos) return "";
    std::string values = detail.substr(open + 3, close - open - 3);
    // Our key values are digit codes: the first one ends at the first ", ".
    return values.substr(0, values.find(", "));
  }

 private:
  PGresult* res_;
};

// Appends one value to a COPY text-format line, escaping what the format requires.
void AppendCopyValue(std::string& line, const std::optional<std::string>& value) {
  if (!value) {
    line += "\\N";
    return;
  }
  for (char c : *value) {
    switch (c) {
      case '\\': line += "\\\\"; break;
      case '\t': line += "\\t"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      default: line += c;
    }
  }
}

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(PGconn* conn) : conn_(conn) {}
  ~PostgresStore() override { PQfinish(conn_); }

  std::string_view backend() const override { return "postgresql"; }

  Status Init() {
    SIAK_RETURN_IF_ERROR(Exec("SET client_min_messages = warning; SET DateStyle = ISO, YMD; SET TimeZone = 'UTC'; "
                             // Plan each prepared statement once: custom plans re-plan over all 39
                             // person partitions on every call (~0.1 ms); generic plans prune at run time.
                             "SET plan_cache_mode = force_generic_plan"));
    return Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  }

  // ---- generic SQL and transactions ----
  Result<SqlResult> Sql(const std::string& sql, const Row& params) override {
    PgResult r = params.empty() ? PgResult(PQexec(conn_, sql.c_str())) : Query(NumberPlaceholders(sql), params);
    if (!r.ok()) return Error(r, "statement");
    SqlResult out;
    const int columns = PQnfields(r.get());
    for (int i = 0; i < r.rows(); ++i) out.rows.push_back(r.RowOf(i, columns));
    const char* affected = PQcmdTuples(r.get());
    out.affected = affected && *affected ? std::atoll(affected) : 0;
    return out;
  }

  Status Begin() override {
    if (explicit_tx_) return Status::FailedPrecondition("a transaction is already open");
    SIAK_RETURN_IF_ERROR(Exec("BEGIN"));
    explicit_tx_ = true;
    last_audit_hash_.clear();
    return Status::Ok();
  }
  Status Commit() override {
    if (!explicit_tx_) return Status::FailedPrecondition("no transaction is open");
    explicit_tx_ = false;
    PgResult r(PQexec(conn_, "COMMIT"));
    EndTransaction(/*committed=*/true);  // a failed COMMIT (a lost connection) may still have committed
    if (!r.ok()) return Error(r, "commit");
    // After a failed statement PostgreSQL answers COMMIT with ROLLBACK, and reports no error.
    if (std::string_view(PQcmdStatus(r.get())) != "COMMIT") {
      return Status::Unavailable("the transaction had failed, so COMMIT rolled it back");
    }
    return Status::Ok();
  }
  Status Rollback() override {
    if (!explicit_tx_) return Status::FailedPrecondition("no transaction is open");
    explicit_tx_ = false;
    EndTransaction(false);
    return Exec("ROLLBACK");
  }
  bool InExplicitTransaction() const override { return explicit_tx_; }
  void ForgetTransactionCache() override { last_audit_hash_.clear(); }
  Status LockKey(std::string_view key) override {
    PgResult r = Query("SELECT pg_advisory_xact_lock(hashtextextended($1, 7361))", {std::string(key)});
    return r.ok() ? Status::Ok() : Error(r, "lock");
  }

  // ---- schema ----
  Result<int> SchemaVersion() override {
    PgResult r = Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
    if (!r.ok()) return Error(r, "schema_migrations");
    return static_cast<int>(r.Int(0, 0));
  }

  Status Migrate(int target) override {
    // One migrator at a time across processes.
    SIAK_RETURN_IF_ERROR(Exec("SELECT pg_advisory_lock(736101)"));
    Status st = [&]() -> Status {
      SIAK_ASSIGN_OR_RETURN(int current, SchemaVersion());
      return MigrateTo(current, target, [&](const Migration& m, bool up) {
        return InTransaction([&]() -> Status {
          SIAK_RETURN_IF_ERROR(Exec(up ? m.postgres_up : m.postgres_down));
          PgResult r = up ? Query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                                  {std::to_string(m.version), std::string(m.name)})
                          : Query("DELETE FROM schema_migrations WHERE version = $1", {std::to_string(m.version)});
          return r.ok() ? Status::Ok() : Error(r, "schema_migrations");
        });
      });
    }();
    (void)Exec("SELECT pg_advisory_unlock(736101)");
    return st;
  }

  // ---- regions ----
  Status ReplaceRegions(std::span<const Region> regions) override {
    return InTransaction([&]() -> Status {
      SIAK_RETURN_IF_ERROR(Exec("DELETE FROM region"));
      std::vector<Row> rows;
      rows.reserve(regions.size());
      for (const auto& region : regions) rows.push_back(RegionToRow(region));
      return Copy("region", kRegionColumns, rows, "region.code", {});
    });
  }

  Result<std::vector<Region>> LoadRegions() override {
    PgResult r = Query("SELECT " + JoinColumns(kRegionColumns) + " FROM region ORDER BY code", {});
    if (!r.ok()) return Error(r, "region");
    std::vector<Region> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
      auto region = RegionFromRow(r.RowOf(i, static_cast<int>(kRegionColumns.size())));
      if (!region.ok()) return region.status();
      out.push_back(std::move(region).value());
    }
    return out;
  }

  // ---- persons ----
  Status InsertPersons(std::span<const Person> persons, const ProgressFn& progress) override {
    return InTransaction([&]() -> Status {
      std::vector<Row> rows, tokens;
      std::set<std::string> distinct_tokens;
      rows.reserve(persons.size());
      for (const auto& p : persons) {
        rows.push_back(PersonToRow(p));
        for (std::string& token : PersonNameTokens(p)) {
          tokens.push_back(Row{token, p.nik.ToString(), std::string(p.wilayah.province_digits())});
          distinct_tokens.insert(std::move(token));
        }
      }
      std::set<std::pair<std::string, std::string>> variants;
      SIAK_ASSIGN_OR_RETURN(std::vector<std::string> fresh, UnindexedTokens(distinct_tokens));
      for (auto& v : NameVariantRows(fresh)) variants.insert(std::move(v));
      SIAK_RETURN_IF_ERROR(Copy("person", kPersonColumns, rows, "nik", progress));
      SIAK_RETURN_IF_ERROR(Copy("person_name_token", {"token", "nik", "province_code"}, tokens, "token", {}));
      return InsertVariants(variants);
    });
  }

  Result<StoredPerson> GetPerson(const Nik& nik) override {
    // A query on the partitioned parent pays for locking all 39 partitions (~75 us a call);
    // one partition costs ~20 us. Most residents still live in the province that issued their
    // NIK, so try that partition first, and ask the registry only when the person moved.
    const std::string first_guess = PostgresPersonPartition(nik.province_digits());
    SIAK_ASSIGN_OR_RETURN(std::optional<StoredPerson> found, GetPersonFrom(first_guess, nik));
    if (found) return std::move(*found);
    PgResult where = Query("SELECT province_code FROM nik_registry WHERE nik = $1", {nik.ToString()});
    if (!where.ok()) return Error(where, "person");
    if (where.rows() == 0) return Status::NotFound("nik", nik.digits());
    const std::string partition = PostgresPersonPartition(where.Str(0, 0));
    if (partition != first_guess) {
      SIAK_ASSIGN_OR_RETURN(found, GetPersonFrom(partition, nik));
      if (found) return std::move(*found);
    }
    return Status::NotFound("nik", nik.digits());
  }

  Result<int64_t> UpdatePerson(const Person& person, int64_t expected_version) override {
    int64_t new_version = 0;
    Status st = InTransaction([&]() -> Status {
      std::vector<std::string> columns(kPersonColumns.begin() + 1, kPersonColumns.end());
      Row row = PersonToRow(person);
      row.erase(row.begin());
      const int n = static_cast<int>(row.size());
      row.emplace_back(person.nik.digits());
      row.emplace_back(std::to_string(expected_version));
      PgResult r = Query("UPDATE person SET " + Assignments(columns, true) + ", version = version + 1 WHERE nik = $" +
                             std::to_string(n + 1) + " AND version = $" + std::to_string(n + 2) + " RETURNING version",
                         row);
      if (!r.ok()) return Error(r, "person");
      if (r.rows() == 1) {
        new_version = r.Int(0, 0);
        PgResult del = Query("DELETE FROM person_name_token WHERE nik = $1", {person.nik.ToString()});
        if (!del.ok()) return Error(del, "person_name_token");
        const std::vector<std::string> person_tokens = PersonNameTokens(person);
        std::set<std::pair<std::string, std::string>> variants;
        SIAK_ASSIGN_OR_RETURN(std::vector<std::string> fresh,
                              UnindexedTokens(std::set<std::string>(person_tokens.begin(), person_tokens.end())));
        for (auto& v : NameVariantRows(fresh)) variants.insert(std::move(v));
        SIAK_RETURN_IF_ERROR(InsertVariants(variants));
        for (const std::string& token : person_tokens) {
          PgResult ins = Query("INSERT INTO person_name_token (token, nik, province_code) VALUES ($1, $2, $3) "
                               "ON CONFLICT DO NOTHING",
                               {token, person.nik.ToString(), std::string(person.wilayah.province_digits())});
          if (!ins.ok()) return Error(ins, "person_name_token");
        }
        return Status::Ok();
      }
      PgResult probe = Query("SELECT 1 FROM nik_registry WHERE nik = $1", {person.nik.ToString()});
      if (!probe.ok()) return Error(probe, "person");
      if (probe.rows() == 0) return Status::NotFound("nik", person.nik.digits());
      return Status::Conflict("nik", person.nik.digits(),
                              "was changed by someone else since it was read; reload and try again");
    });
    if (!st.ok()) return st;
    return new_version;
  }

  Result<std::vector<int>> UsedNikSerials(std::string_view prefix12) override {
    return Serials("SELECT nik FROM nik_registry WHERE nik >= $1 AND nik < $2", prefix12);
  }

  Result<int64_t> CountPersons(std::string_view prefix) override {
    PgResult r = Query("SELECT COUNT(*) FROM person WHERE region_code >= $1 AND region_code < $2",
                       {std::string(prefix), DigitPrefixEnd(std::string(prefix))});
    if (!r.ok()) return Error(r, "person");
    return r.Int(0, 0);
  }

  // ---- families ----
  Status PutFamily(const Family& family) override {
    SIAK_RETURN_IF_ERROR(ValidateFamily(family));
    return InTransaction([&]() -> Status {
      PgResult up = Query("INSERT INTO family (" + JoinColumns(kFamilyColumns) + ") VALUES (" +
                              Placeholders(kFamilyColumns.size(), true) +
                              ") ON CONFLICT (kk_number) DO UPDATE SET province_code = excluded.province_code, "
                              "region_code = excluded.region_code, alamat = excluded.alamat, rt = excluded.rt, "
                              "rw = excluded.rw, tanggal_terbit = excluded.tanggal_terbit, "
                              "version = family.version + 1",
                          FamilyToRow(family));
      if (!up.ok()) return Error(up, "family");
      PgResult del = Query("DELETE FROM family_member WHERE kk_number = $1", {family.kk_number.digits()});
      if (!del.ok()) return Error(del, "family_member");
      for (size_t i = 0; i < family.members.size(); ++i) {
        PgResult ins = Query("INSERT INTO family_member (" + JoinColumns(kFamilyMemberColumns) + ") VALUES (" +
                                 Placeholders(kFamilyMemberColumns.size(), true) + ")",
                             FamilyMemberRow(family, i));
        if (!ins.ok()) {
          if (ins.SqlState() == "23505") {
            return Status::Invalid("members[" + std::to_string(i) + "].nik", family.members[i].nik.digits(),
                                   "is already a member of another KK");
          }
          return Error(ins, "family_member");
        }
      }
      return Status::Ok();
    });
  }

  Result<Family> GetFamily(const KkNumber& kk) override {
    PgResult f = Query("SELECT " + JoinColumns(kFamilyColumns) + " FROM family WHERE kk_number = $1", {kk.digits()});
    if (!f.ok()) return Error(f, "family");
    if (f.rows() == 0) return Status::NotFound("kk_number", kk.digits());
    PgResult m = Query("SELECT nik, shdk FROM family_member WHERE kk_number = $1 ORDER BY position", {kk.digits()});
    if (!m.ok()) return Error(m, "family_member");
    std::vector<MemberRow> members;
    for (int i = 0; i < m.rows(); ++i) members.emplace_back(m.Text(i, 0), m.Text(i, 1));
    return FamilyFromRows(f.RowOf(0, static_cast<int>(kFamilyColumns.size())), members);
  }

  Result<std::vector<int>> UsedKkSerials(std::string_view prefix12) override {
    // Numbers of dissolved KKs stay used: the event log keeps every issued number (type 117).
    return Serials("SELECT kk_number FROM family WHERE kk_number >= $1 AND kk_number < $2 UNION "
                   "SELECT subject FROM event WHERE type = 117 AND subject >= $1 AND subject < $2", prefix12);
  }

  // ---- event log ----
  Status InsertFamilies(std::span<const Family> families, const ProgressFn& progress) override {
    for (const Family& f : families) SIAK_RETURN_IF_ERROR(ValidateFamily(f));
    return InTransaction([&]() -> Status {
      std::vector<Row> rows, members;
      rows.reserve(families.size());
      for (const Family& family : families) {
        rows.push_back(FamilyToRow(family));
        for (size_t i = 0; i < family.members.size(); ++i) members.push_back(FamilyMemberRow(family, i));
      }
      SIAK_RETURN_IF_ERROR(Copy("family", kFamilyColumns, rows, "kk_number", progress));
      return Copy("family_member", kFamilyMemberColumns, members, "members.nik", {});
    });
  }

  Status AppendEvents(std::span<const EventRecord> events) override {
    return InTransaction([&]() -> Status {
      std::vector<Row> rows;
      rows.reserve(events.size());
      for (const EventRecord& e : events) {
        rows.push_back(Row{e.at, std::to_string(e.type), e.subject, e.province, e.actor, e.payload});
      }
      return Copy("event", {"at", "type", "subject", "province_code", "actor", "payload"}, rows, "seq", {});
    });
  }

  Result<int64_t> AppendEvent(const EventRecord& e) override {
    PgResult r = Query(
        "INSERT INTO event (at, type, subject, province_code, actor, payload) VALUES ($1, $2, $3, $4, $5, $6) "
        "RETURNING seq",
        {e.at, std::to_string(e.type), e.subject, e.province, e.actor, e.payload});
    if (!r.ok()) return Error(r, "event");
    return r.Int(0, 0);
  }

  Result<std::vector<EventRecord>> EventsFor(std::string_view subject) override {
    PgResult r = Query(
        "SELECT seq, at, type, subject, province_code, actor, payload FROM event WHERE subject = $1 ORDER BY seq",
        {std::string(subject)});
    if (!r.ok()) return Error(r, "event");
    std::vector<EventRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(EventRecord{r.Int(i, 0), r.Str(i, 1), static_cast<int>(r.Int(i, 2)), r.Str(i, 3), r.Str(i, 4),
                                r.Str(i, 5), r.Str(i, 6)});
    }
    return out;
  }

  // ---- audit log ----
  Result<AuditRecord> AppendAudit(AuditRecord record, const AuditHasher& hasher) override {
    Status st = InTransaction([&]() -> Status {
      // Serialise appenders so that each sees the previous entry's hash.
      if (explicit_tx_ && !last_audit_hash_.empty()) {
        record.prev_hash = last_audit_hash_;  // the lock is held until this transaction ends
      } else {
        SIAK_RETURN_IF_ERROR(Exec("SELECT pg_advisory_xact_lock(736102)"));
        PgResult last = Query("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1", {});
        if (!last.ok()) return Error(last, "audit");
        record.prev_hash = last.rows() ? last.Str(0, 0) : std::string(64, '0');
      }
      record.hash = hasher(record);
      PgResult r = Query(
          "INSERT INTO audit (at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq",
          {record.at, record.actor, record.role, record.source, record.action, record.subjects, record.outcome,
           record.detail, record.prev_hash, record.hash});
      if (!r.ok()) return Error(r, "audit");
      record.seq = r.Int(0, 0);
      if (explicit_tx_) last_audit_hash_ = record.hash;
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return record;
  }

  Result<std::vector<AuditRecord>> ReadAudit(int64_t after_seq, int limit) override {
    PgResult r = Query(
        "SELECT seq, at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash FROM audit "
        "WHERE seq > $1 ORDER BY seq LIMIT $2",
        {std::to_string(after_seq), std::to_string(limit)});
    if (!r.ok()) return Error(r, "audit");
    std::vector<AuditRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(AuditRecord{r.Int(i, 0), r.Str(i, 1), r.Str(i, 2), r.Str(i, 3), r.Str(i, 4), r.Str(i, 5),
                                r.Str(i, 6), r.Str(i, 7), r.Str(i, 8), r.Str(i, 9), r.Str(i, 10)});
    }
    return out;
  }

 private:
  Result<std::optional<StoredPerson>> GetPersonFrom(const std::string& partition, const Nik& nik) {
    PgResult r = Query("SELECT " + JoinColumns(kPersonColumns) + ", version FROM " + partition + " WHERE nik = $1",
                       {nik.ToString()});
    if (!r.ok()) return Error(r, "person");
    if (r.rows() == 0) return std::optional<StoredPerson>();
    const int n = static_cast<int>(kPersonColumns.size());
    auto person = PersonFromRow(r.RowOf(0, n));
    if (!person.ok()) return person.status();
    return std::optional<StoredPerson>(StoredPerson{std::move(person).value(), r.Int(0, n)});
  }

  // Runs a parameterised statement, prepared once per connection.
  PgResult Query(const std::string& sql, const Row& params) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      PgResult prep(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr));
      if (!prep.ok()) return prep;
      it = prepared_.emplace(sql, name).first;
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    return PgResult(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                   nullptr, 0));
  }

  Status Exec(std::string_view sql) {
    PgResult r(PQexec(conn_, std::string(sql).c_str()));
    return r.ok() ? Status::Ok() : Error(r, "statement");
  }

  // COPY rows into `table`. A duplicate key is reported as kAlreadyExists on `key_field`.
  Status Copy(const std::string& table, const std::vector<std::string>& columns, const std::vector<Row>& rows,
              const std::string& key_field, const ProgressFn& progress) {
    PgResult start(PQexec(conn_, ("COPY " + table + " (" + JoinColumns(columns) + ") FROM STDIN").c_str()));
    if (start.status() != PGRES_COPY_IN) return Error(start, table);
    std::string buffer;
    buffer.reserve(1 << 20);
    int64_t done = 0;
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) buffer += '\t';
        AppendCopyValue(buffer, row[i]);
      }
      buffer += '\n';
      if (buffer.size() >= (1 << 20)) {
        if (PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1) break;
        buffer.clear();
      }
      if (++done % 10000 == 0 && progress) progress(done);
    }
    if (!buffer.empty()) PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size()));
    PQputCopyEnd(conn_, nullptr);
    Status st = Status::Ok();
    while (PGresult* raw = PQgetResult(conn_)) {
      PgResult r(raw);
      if (!r.ok() && st.ok()) {
        st = r.SqlState() == "23505" ? Status::AlreadyExists(key_field, r.DuplicateKeyValue()) : Error(r, table);
      }
    }
    if (st.ok() && progress) progress(done);
    return st;
  }

  Result<std::vector<int>> Serials(const std::string& sql, std::string_view prefix12) {
    PgResult r = Query(sql, {std::string(prefix12) + "0000", std::string(prefix12) + "9999:"});
    if (!r.ok()) return Error(r, "serials");
    std::vector<int> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(std::stoi(r.Str(i, 0).substr(12, 4)));
    return out;
  }

  Status Error(const PgResult& r, std::string_view what) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      return Status::Unavailable("the PostgreSQL connection was lost (" + std::string(what) + ")");
    }
    const std::string state = r.SqlState();
    if (state == "40001" || state == "40P01") {
      return Status::Conflict(std::string(what), "", "a concurrent transaction won; try again");
    }
    if (state == "23505") return Status::AlreadyExists(std::string(what), r.DuplicateKeyValue());
    const char* msg = r.get() ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_);
    return Status::Internal("postgresql " + std::string(what) + " [" + state + "]: " + (msg ? msg : ""));
  }

  // Runs `fn` in its own transaction, or as part of the caller's explicit one.
  template <typename Fn>
  Status InTransaction(Fn&& fn) {
    if (explicit_tx_) return fn();
    SIAK_RETURN_IF_ERROR(Exec("BEGIN"));
    Status st = fn();
    if (st.ok()) st = Exec("COMMIT");
    if (!st.ok()) (void)Exec("ROLLBACK");
    return st;
  }

  // The tokens whose variants are not indexed yet (an indexed token has its own row).
  Result<std::vector<std::string>> UnindexedTokens(const std::set<std::string>& tokens) {
    std::vector<std::string> fresh;
    std::vector<std::string> batch;
    auto flush = [&]() -> Status {
      if (batch.empty()) return Status::Ok();
      Row params(batch.begin(), batch.end());
      std::string sql = "SELECT token FROM name_token_variant WHERE variant = token AND token IN (";
      for (size_t i = 0; i < batch.size(); ++i) sql += (i ? ", $" : "$") + std::to_string(i + 1);
      PgResult r = Query(sql + ")", params);
      if (!r.ok()) return Error(r, "name_token_variant");
      std::set<std::string> known;
      for (int i = 0; i < r.rows(); ++i) known.insert(r.Str(i, 0));
      for (auto& t : batch) {
        if (!known.contains(t)) fresh.push_back(std::move(t));
      }
      batch.clear();
      return Status::Ok();
    };
    for (const auto& t : tokens) {
      batch.push_back(t);
      if (batch.size() == 500) SIAK_RETURN_IF_ERROR(flush());
    }
    SIAK_RETURN_IF_ERROR(flush());
    return fresh;
  }

  // Adds (variant, token) rows that are new, in statements of up to 500 rows.
  Status InsertVariants(const std::set<std::pair<std::string, std::string>>& variants) {
    auto it = variants.begin();
    while (it != variants.end()) {
      Row params;
      std::string sql = "INSERT INTO name_token_variant (variant, token) VALUES ";
      for (int n = 0; n < 500 && it != variants.end(); ++n, ++it) {
        if (n) sql += ", ";
        sql += "($" + std::to_string(params.size() + 1) + ", $" + std::to_string(params.size() + 2) + ")";
        params.emplace_back(it->first);
        params.emplace_back(it->second);
      }
      sql += " ON CONFLICT DO NOTHING";
      std::vector<const char*> values;
      for (const auto& p : params) values.push_back(p->c_str());
      PgResult r(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                              nullptr, 0));
      if (!r.ok()) return Error(r, "name_token_variant");
    }
    return Status::Ok();
  }

  // "? ? ?" -> "$1 $2 $3", leaving quoted text alone.
  static std::string NumberPlaceholders(const std::string& sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    bool quoted = false;
    for (char c : sql) {
      if (c == '\'') quoted = !quoted;
      if (c == '?' && !quoted) {
        out += "$" + std::to_string(++n);
      } else {
        out += c;
      }
    }
    return out;
  }

  PGconn* conn_;
  bool explicit_tx_ = false;
  // The hash of the last audit entry appended in the open transaction ("" = read it); the
  // advisory lock taken for the first append holds until the transaction ends.
  std::string last_audit_hash_;
  std::map<std::string, std::string> prepared_;  // sql -> prepared statement name
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return Status::Unavailable("cannot connect to PostgreSQL: " + message);
  }
  auto store = std::make_unique<PostgresStore>(conn);
  SIAK_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace siak
