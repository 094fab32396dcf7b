#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <map>

#include "store/codec.h"
#include "store/migrations.h"
#include "store/sql_text.h"

namespace siak {
namespace {

// A prepared statement, reset on every use. Owned by the store's cache.
class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  sqlite3_stmt* get() { return stmt_; }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void BindOptional(int index, const std::optional<std::string>& value) {
    if (value) {
      sqlite3_bind_text(stmt_, index, value->data(), static_cast<int>(value->size()), SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_null(stmt_, index);
    }
  }
  void Bind(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void BindRow(const Row& row, int first = 1) {
    for (size_t i = 0; i < row.size(); ++i) BindOptional(first + static_cast<int>(i), row[i]);
  }
  int Step() { return sqlite3_step(stmt_); }
  std::optional<std::string> Text(int col) {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  int64_t Int(int col) { return sqlite3_column_int64(stmt_, col); }
  Row RowOf(int columns) {
    Row row;
    row.reserve(static_cast<size_t>(columns));
    for (int i = 0; i < columns; ++i) row.push_back(Text(i));
    return row;
  }

 private:
  sqlite3_stmt* stmt_;
};

// A statement in use: reset when the scope ends, so that no statement is left mid-step.
// (An un-reset SELECT keeps its read transaction open: the connection would go on seeing an
// old snapshot, and DROP TABLE in a migration would fail as "locked".)
class ScopedStmt {
 public:
  explicit ScopedStmt(Stmt* stmt) : stmt_(stmt) {}
  ~ScopedStmt() {
    if (stmt_) stmt_->Reset();
  }
  ScopedStmt(const ScopedStmt&) = delete;
  ScopedStmt& operator=(const ScopedStmt&) = delete;
  explicit operator bool() const { return stmt_ != nullptr; }
  bool operator!() const { return stmt_ == nullptr; }
  Stmt* operator->() const { return stmt_; }

 private:
  Stmt* stmt_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override {
    cache_.clear();
    sqlite3_close_v2(db_);
  }

  std::string_view backend() const override { return "sqlite"; }

  Status Init() {
    // First: switching to WAL (or opening a WAL file another process is opening too) takes a
    // lock, and without a timeout a concurrent opener failed at once with "database is locked".
    sqlite3_busy_timeout(db_, 10000);
    SIAK_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=WAL"));
    SIAK_RETURN_IF_ERROR(Exec("PRAGMA synchronous=FULL"));
    SIAK_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=ON"));
    SIAK_RETURN_IF_ERROR(Exec("PRAGMA cache_size=-65536"));  // 64 MiB page cache
    return Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
  }

  // ---- generic SQL and transactions ----
  Result<SqlResult> Sql(const std::string& sql, const Row& params) override {
    ScopedStmt s = Prepare(sql);
    if (!s) return Error("statement");
    s->BindRow(params);
    SqlResult out;
    const int columns = sqlite3_column_count(s->get());
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) out.rows.push_back(s->RowOf(columns));
    if (rc != SQLITE_DONE) return ConstraintOr("", "");
    out.affected = sqlite3_changes64(db_);
    return out;
  }

  void PrepareForBulkLoad() override { (void)Exec("PRAGMA cache_size=-524288"); }

  Status Begin() override {
    if (explicit_tx_) return Status::FailedPrecondition("a transaction is already open");
    SIAK_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    explicit_tx_ = true;
    last_audit_hash_.clear();
    return Status::Ok();
  }
  Status Commit() override {
    if (!explicit_tx_) return Status::FailedPrecondition("no transaction is open");
    Status st = Exec("COMMIT");
    EndTransaction(/*committed=*/true);  // a failed COMMIT may still have committed: count it
    if (st.ok()) explicit_tx_ = false;
    return st;
  }
  Status Rollback() override {
    if (!explicit_tx_) return Status::FailedPrecondition("no transaction is open");
    for (auto& [sql, stmt] : cache_) stmt->Reset();
    explicit_tx_ = false;
    EndTransaction(false);
    return Exec("ROLLBACK");
  }
  bool InExplicitTransaction() const override { return explicit_tx_; }
  void ForgetTransactionCache() override { last_audit_hash_.clear(); }
  Status LockKey(std::string_view) override { return Status::Ok(); }  // BEGIN IMMEDIATE holds the write lock

  // ---- schema ----
  Result<int> SchemaVersion() override {
    ScopedStmt s = Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!s) return Error("schema_migrations");
    if (s->Step() != SQLITE_ROW) return Error("schema_migrations");
    return static_cast<int>(s->Int(0));
  }

  Status Migrate(int target) override {
    SIAK_ASSIGN_OR_RETURN(int current, SchemaVersion());
    return MigrateTo(current, target, [&](const Migration& m, bool up) {
      return InTransaction([&]() -> Status {
        SIAK_RETURN_IF_ERROR(Exec(up ? m.sqlite_up : m.sqlite_down));
        ScopedStmt s = Prepare(up ? "INSERT INTO schema_migrations (version, name) VALUES (?, ?)"
                             : "DELETE FROM schema_migrations WHERE version = ?");
        if (!s) return Error("schema_migrations");
        s->Bind(1, int64_t{m.version});
        if (up) s->Bind(2, m.name);
        if (s->Step() != SQLITE_DONE) return Error("schema_migrations");
        return Status::Ok();
      });
    });
  }

  // ---- regions ----
  Status ReplaceRegions(std::span<const Region> regions) override {
    return InTransaction([&]() -> Status {
      SIAK_RETURN_IF_ERROR(Exec("DELETE FROM region"));
      ScopedStmt s = Prepare("INSERT INTO region (" + JoinColumns(kRegionColumns) + ") VALUES (" +
                        Placeholders(kRegionColumns.size(), false) + ")");
      if (!s) return Error("region");
      for (const auto& region : regions) {
        s->Reset();
        s->BindRow(RegionToRow(region));
        if (s->Step() != SQLITE_DONE) return ConstraintOr("region.code", region.code.ToString());
      }
      return Status::Ok();
    });
  }

  Result<std::vector<Region>> LoadRegions() override {
    ScopedStmt s = Prepare("SELECT " + JoinColumns(kRegionColumns) + " FROM region ORDER BY code");
    if (!s) return Error("region");
    std::vector<Region> out;
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) {
      auto region = RegionFromRow(s->RowOf(static_cast<int>(kRegionColumns.size())));
      if (!region.ok()) return region.status();
      out.push_back(std::move(region).value());
    }
    if (rc != SQLITE_DONE) return Error("region");
    return out;
  }

  // ---- persons ----
  Status InsertPersons(std::span<const Person> persons, const ProgressFn& progress) override {
    return InTransaction([&]() -> Status {
      ScopedStmt s = Prepare("INSERT INTO person (" + JoinColumns(kPersonColumns) + ") VALUES (" +
                        Placeholders(kPersonColumns.size(), false) + ")");
      if (!s) return Error("person");
      ScopedStmt t = Prepare(kInsertNameToken);
      if (!t) return Error("person_name_token");
      int64_t done = 0;
      std::set<std::string> tokens;
      for (const auto& person : persons) {
        s->Reset();
        s->BindRow(PersonToRow(person));
        if (s->Step() != SQLITE_DONE) return ConstraintOr("nik", person.nik.digits());
        const int64_t person_id = sqlite3_last_insert_rowid(db_);  // the person's (a trigger's insert does not count)
        SIAK_RETURN_IF_ERROR(InsertNameTokens(*t.operator->(), person, person_id, &tokens));
        if (++done % 10000 == 0 && progress) progress(done);
      }
      SIAK_RETURN_IF_ERROR(InsertVariants(tokens));
      if (progress) progress(done);
      return Status::Ok();
    });
  }

  Result<StoredPerson> GetPerson(const Nik& nik) override {
    static const std::string sql = "SELECT " + JoinColumns(kPersonColumns) + ", version FROM person WHERE nik = ?";
    ScopedStmt s = Prepare(sql);
    if (!s) return Error("person");
    s->Bind(1, nik.digits());
    int rc = s->Step();
    if (rc == SQLITE_DONE) return Status::NotFound("nik", nik.digits());
    if (rc != SQLITE_ROW) return Error("person");
    const int n = static_cast<int>(kPersonColumns.size());
    auto person = PersonFromRow(s->RowOf(n));
    if (!person.ok()) return person.status();
    return StoredPerson{std::move(person).value(), s->Int(n)};
  }

  Result<int64_t> UpdatePerson(const Person& person, int64_t expected_version) override {
    int64_t new_version = 0;
    Status st = InTransaction([&]() -> Status {
      std::vector<std::string> columns(kPersonColumns.begin() + 1, kPersonColumns.end());
      ScopedStmt s = Prepare("UPDATE person SET " + Assignments(columns, false) +
                        ", version = version + 1 WHERE nik = ? AND version = ? RETURNING version, id");
      if (!s) return Error("person");
      Row row = PersonToRow(person);
      row.erase(row.begin());
      s->BindRow(row);
      s->Bind(static_cast<int>(row.size()) + 1, person.nik.digits());
      s->Bind(static_cast<int>(row.size()) + 2, expected_version);
      int rc = s->Step();
      if (rc == SQLITE_ROW) {
        new_version = s->Int(0);
        const int64_t person_id = s->Int(1);
        s->Reset();  // finish the statement before COMMIT
        ScopedStmt del = Prepare("DELETE FROM person_name_token WHERE person_id = ?");
        if (!del) return Error("person_name_token");
        del->Bind(1, person_id);
        if (del->Step() != SQLITE_DONE) return Error("person_name_token");
        ScopedStmt t = Prepare(kInsertNameToken);
        if (!t) return Error("person_name_token");
        std::set<std::string> tokens;
        SIAK_RETURN_IF_ERROR(InsertNameTokens(*t.operator->(), person, person_id, &tokens));
        return InsertVariants(tokens);
      }
      if (rc != SQLITE_DONE) return Error("person");
      return MissingOrStale("nik", person.nik.digits(), "SELECT 1 FROM person WHERE nik = ?");
    });
    if (!st.ok()) return st;
    return new_version;
  }

  Result<std::vector<int>> UsedNikSerials(std::string_view prefix12) override {
    return Serials("SELECT nik FROM person WHERE nik >= ? AND nik < ?", prefix12);
  }

  Result<int64_t> CountPersons(std::string_view prefix) override {
    ScopedStmt s = Prepare("SELECT COUNT(*) FROM person WHERE region_code >= ? AND region_code < ?");
    if (!s) return Error("person");
    s->Bind(1, prefix);
    s->Bind(2, DigitPrefixEnd(std::string(prefix)));
    if (s->Step() != SQLITE_ROW) return Error("person");
    return s->Int(0);
  }

  // ---- families ----
  Status PutFamily(const Family& family) override {
    SIAK_RETURN_IF_ERROR(ValidateFamily(family));
    return InTransaction([&]() -> Status {
      ScopedStmt s = Prepare("INSERT INTO family (" + JoinColumns(kFamilyColumns) + ") VALUES (" +
                        Placeholders(kFamilyColumns.size(), false) +
                        ") ON CONFLICT (kk_number) DO UPDATE SET province_code = excluded.province_code, "
                        "region_code = excluded.region_code, alamat = excluded.alamat, rt = excluded.rt, "
                        "rw = excluded.rw, tanggal_terbit = excluded.tanggal_terbit, version = family.version + 1");
      if (!s) return Error("family");
      s->BindRow(FamilyToRow(family));
      if (s->Step() != SQLITE_DONE) return Error("family");
      ScopedStmt del = Prepare("DELETE FROM family_member WHERE kk_number = ?");
      if (!del) return Error("family_member");
      del->Bind(1, family.kk_number.digits());
      if (del->Step() != SQLITE_DONE) return Error("family_member");
      return InsertMembers(family, [&](size_t i) {
        return ConstraintOr("members[" + std::to_string(i) + "].nik", family.members[i].nik.digits(),
                            "is already a member of another KK");
      });
    });
  }

  Status InsertFamilies(std::span<const Family> families, const ProgressFn& progress) override {
    for (const Family& f : families) SIAK_RETURN_IF_ERROR(ValidateFamily(f));
    return InTransaction([&]() -> Status {
      ScopedStmt s = Prepare("INSERT INTO family (" + JoinColumns(kFamilyColumns) + ") VALUES (" +
                             Placeholders(kFamilyColumns.size(), false) + ")");
      if (!s) return Error("family");
      int64_t done = 0;
      for (const Family& family : families) {
        s->Reset();
        s->BindRow(FamilyToRow(family));
        if (s->Step() != SQLITE_DONE) return ConstraintOr("kk_number", family.kk_number.digits());
        SIAK_RETURN_IF_ERROR(InsertMembers(
            family, [&](size_t i) { return ConstraintOr("members.nik", family.members[i].nik.digits()); }));
        if (++done % 10000 == 0 && progress) progress(done);
      }
      if (progress) progress(done);
      return Status::Ok();
    });
  }

  Result<Family> GetFamily(const KkNumber& kk) override {
    ScopedStmt s = Prepare("SELECT " + JoinColumns(kFamilyColumns) + " FROM family WHERE kk_number = ?");
    if (!s) return Error("family");
    s->Bind(1, kk.digits());
    int rc = s->Step();
    if (rc == SQLITE_DONE) return Status::NotFound("kk_number", kk.digits());
    if (rc != SQLITE_ROW) return Error("family");
    Row row = s->RowOf(static_cast<int>(kFamilyColumns.size()));
    s->Reset();
    ScopedStmt m = Prepare("SELECT nik, shdk FROM family_member WHERE kk_number = ? ORDER BY position");
    if (!m) return Error("family_member");
    m->Bind(1, kk.digits());
    std::vector<MemberRow> members;
    while ((rc = m->Step()) == SQLITE_ROW) members.emplace_back(m->Text(0), m->Text(1));
    if (rc != SQLITE_DONE) return Error("family_member");
    return FamilyFromRows(row, members);
  }

  Result<std::vector<int>> UsedKkSerials(std::string_view prefix12) override {
    // Numbers of dissolved KKs stay used: the event log keeps every issued number (type 117).
    return Serials("SELECT kk_number FROM family WHERE kk_number >= ?1 AND kk_number < ?2 UNION "
                   "SELECT subject FROM event WHERE type = 117 AND subject >= ?1 AND subject < ?2", prefix12);
  }

  // ---- event log ----
  Result<int64_t> AppendEvent(const EventRecord& e) override {
    SIAK_RETURN_IF_ERROR(AppendEvents(std::span<const EventRecord>(&e, 1)));
    return sqlite3_last_insert_rowid(db_);
  }

  Status AppendEvents(std::span<const EventRecord> events) override {
    return InTransaction([&]() -> Status {
      ScopedStmt s = Prepare(
          "INSERT INTO event (at, type, subject, province_code, actor, payload) VALUES (?, ?, ?, ?, ?, ?)");
      if (!s) return Error("event");
      for (const EventRecord& e : events) {
        s->Reset();
        s->Bind(1, e.at);
        s->Bind(2, int64_t{e.type});
        s->Bind(3, e.subject);
        s->Bind(4, e.province);
        s->Bind(5, e.actor);
        s->Bind(6, e.payload);
        if (s->Step() != SQLITE_DONE) return Error("event");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<EventRecord>> EventsFor(std::string_view subject) override {
    ScopedStmt s = Prepare(
        "SELECT seq, at, type, subject, province_code, actor, payload FROM event WHERE subject = ? ORDER BY seq");
    if (!s) return Error("event");
    s->Bind(1, subject);
    std::vector<EventRecord> out;
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) {
      out.push_back(EventRecord{s->Int(0), *s->Text(1), static_cast<int>(s->Int(2)), *s->Text(3), *s->Text(4),
                                *s->Text(5), *s->Text(6)});
    }
    if (rc != SQLITE_DONE) return Error("event");
    return out;
  }

  // ---- audit log ----
  Result<AuditRecord> AppendAudit(AuditRecord record, const AuditHasher& hasher) override {
    Status st = InTransaction([&]() -> Status {
      if (explicit_tx_ && !last_audit_hash_.empty()) {
        record.prev_hash = last_audit_hash_;  // appended earlier in this transaction
      } else {
        ScopedStmt last = Prepare("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1");
        if (!last) return Error("audit");
        int rc = last->Step();
        if (rc == SQLITE_ROW) {
          record.prev_hash = *last->Text(0);
        } else if (rc == SQLITE_DONE) {
          record.prev_hash = std::string(64, '0');
        } else {
          return Error("audit");
        }
      }
      record.hash = hasher(record);
      ScopedStmt s = Prepare(
          "INSERT INTO audit (at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      if (!s) return Error("audit");
      int i = 1;
      for (const std::string* v : {&record.at, &record.actor, &record.role, &record.source, &record.action,
                                   &record.subjects, &record.outcome, &record.detail, &record.prev_hash,
                                   &record.hash}) {
        s->Bind(i++, *v);
      }
      if (s->Step() != SQLITE_DONE) return Error("audit");
      record.seq = sqlite3_last_insert_rowid(db_);
      if (explicit_tx_) last_audit_hash_ = record.hash;
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return record;
  }

  Result<std::vector<AuditRecord>> ReadAudit(int64_t after_seq, int limit) override {
    ScopedStmt s = Prepare(
        "SELECT seq, at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash FROM audit "
        "WHERE seq > ? ORDER BY seq LIMIT ?");
    if (!s) return Error("audit");
    s->Bind(1, after_seq);
    s->Bind(2, int64_t{limit});
    std::vector<AuditRecord> out;
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) {
      out.push_back(AuditRecord{s->Int(0), *s->Text(1), *s->Text(2), *s->Text(3), *s->Text(4), *s->Text(5),
                                *s->Text(6), *s->Text(7), *s->Text(8), *s->Text(9), *s->Text(10)});
    }
    if (rc != SQLITE_DONE) return Error("audit");
    return out;
  }

 private:
  ScopedStmt Prepare(const std::string& sql) { return ScopedStmt(PrepareCached(sql)); }

  // The members of `family`, in KK order; `on_conflict(i)` words the error when member i is
  // already on a KK.
  Status InsertMembers(const Family& family, const std::function<Status(size_t)>& on_conflict) {
    static const std::string sql = "INSERT INTO family_member (" + JoinColumns(kFamilyMemberColumns) + ") VALUES (" +
                                   Placeholders(kFamilyMemberColumns.size(), false) + ")";
    ScopedStmt ins = Prepare(sql);
    if (!ins) return Error("family_member");
    for (size_t i = 0; i < family.members.size(); ++i) {
      ins->Reset();
      ins->BindRow(FamilyMemberRow(family, i));
      if (ins->Step() != SQLITE_DONE) return on_conflict(i);
    }
    return Status::Ok();
  }

  // Keyed (token, person_id): the rowid grows with insertion, so a new person's entries append
  // after those with the same token instead of landing between them (see migration 12).
  static constexpr const char* kInsertNameToken =
      "INSERT OR IGNORE INTO person_name_token (token, person_id, nik, province_code) VALUES (?, ?, ?, ?)";

  // Writes a person's name tokens and collects their variants into `tokens_seen` (written
  // once per batch by InsertVariants: most names share their words).
  Status InsertNameTokens(Stmt& t, const Person& person, int64_t person_id, std::set<std::string>* tokens_seen) {
    for (std::string& token : PersonNameTokens(person)) {
      t.Reset();
      t.Bind(1, token);
      t.Bind(2, person_id);
      t.Bind(3, person.nik.digits());
      t.Bind(4, person.wilayah.province_digits());
      if (t.Step() != SQLITE_DONE) return Error("person_name_token");
      tokens_seen->insert(std::move(token));
    }
    return Status::Ok();
  }

  Status InsertVariants(const std::set<std::string>& tokens) {
    // A token already indexed has all its variants (the token itself is written with them).
    std::vector<std::string> fresh;
    {
      ScopedStmt known = Prepare("SELECT 1 FROM name_token_variant WHERE variant = ?1 AND token = ?1");
      if (!known) return Error("name_token_variant");
      for (const std::string& token : tokens) {
        known->Reset();
        known->Bind(1, token);
        const int rc = known->Step();
        if (rc == SQLITE_DONE) fresh.push_back(token);
        else if (rc != SQLITE_ROW) return Error("name_token_variant");
      }
    }
    ScopedStmt v = Prepare("INSERT OR IGNORE INTO name_token_variant (variant, token) VALUES (?, ?)");
    if (!v) return Error("name_token_variant");
    for (const auto& [variant, token] : NameVariantRows(fresh)) {
      v->Reset();
      v->Bind(1, variant);
      v->Bind(2, token);
      if (v->Step() != SQLITE_DONE) return Error("name_token_variant");
    }
    return Status::Ok();
  }

  Stmt* PrepareCached(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
      it->second->Reset();
      return it->second.get();
    }
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
      return nullptr;
    }
    auto [pos, inserted] = cache_.emplace(sql, std::make_unique<Stmt>(raw));
    return pos->second.get();
  }

  Status Exec(std::string_view sql) {
    char* err = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = err ? err : "unknown";
      sqlite3_free(err);
      return Status::Internal("sqlite: " + message);
    }
    return Status::Ok();
  }

  // The last engine error as a Status. Engine text is for operators' logs only (kInternal).
  Status Error(std::string_view what) {
    int code = sqlite3_errcode(db_);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      return Status::Unavailable("the database is busy (" + std::string(what) + "); try again");
    }
    return Status::Internal("sqlite " + std::string(what) + ": " + sqlite3_errmsg(db_));
  }

  Status ConstraintOr(const std::string& field, std::string_view value, const std::string& rule = "") {
    int ext = sqlite3_extended_errcode(db_);
    if (ext == SQLITE_CONSTRAINT_PRIMARYKEY || ext == SQLITE_CONSTRAINT_UNIQUE) {
      if (rule.empty()) return Status::AlreadyExists(field, value);
      return Status::Invalid(field, value, rule);
    }
    return Error(field);
  }

  Status MissingOrStale(const std::string& field, std::string_view key, const std::string& probe_sql) {
    ScopedStmt probe = Prepare(probe_sql);
    if (!probe) return Error(field);
    probe->Bind(1, key);
    int rc = probe->Step();
    probe->Reset();
    if (rc == SQLITE_ROW) {
      return Status::Conflict(field, key, "was changed by someone else since it was read; reload and try again");
    }
    if (rc == SQLITE_DONE) return Status::NotFound(field, key);
    return Error(field);
  }

  Result<std::vector<int>> Serials(const std::string& sql, std::string_view prefix12) {
    ScopedStmt s = Prepare(sql);
    if (!s) return Error("serials");
    s->Bind(1, std::string(prefix12) + "0000");
    s->Bind(2, std::string(prefix12) + "9999:");
    std::vector<int> out;
    int rc;
    while ((rc = s->Step()) == SQLITE_ROW) out.push_back(std::stoi(s->Text(0)->substr(12, 4)));
    if (rc != SQLITE_DONE) return Error("serials");
    return out;
  }

  // Runs `fn` in BEGIN IMMEDIATE ... COMMIT; rolls back when it fails.
  // Runs `fn` in its own transaction, or as part of the caller's explicit one.
  template <typename Fn>
  Status InTransaction(Fn&& fn) {
    if (explicit_tx_) return fn();
    SIAK_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status st = fn();
    if (st.ok()) st = Exec("COMMIT");
    if (!st.ok()) {
      for (auto& [sql, stmt] : cache_) stmt->Reset();
      (void)Exec("ROLLBACK");
    }
    return st;
  }

  sqlite3* db_;
  std::string path_;
  bool explicit_tx_ = false;
  // The hash of the last audit entry appended in the open transaction ("" = read it). The write
  // lock of the transaction keeps every other appender out, so it stays the chain's head.
  std::string last_audit_hash_;
  std::map<std::string, std::unique_ptr<Stmt>> cache_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  // Before the first connection: no global allocation statistics (they take a global mutex on
  // every allocation of every connection).
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return Status::Unavailable("cannot create folder " + parent.string() + ": " + ec.message());
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::Unavailable("cannot open sqlite database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  auto store = std::make_unique<SqliteStore>(db, path);
  SIAK_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace siak
