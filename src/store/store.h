// Store: the one narrow storage interface of the register, with two backends that pass the
// same conformance suite (tests/store): SQLite (embedded default, one file, WAL) and
// PostgreSQL (production, through libpq).
//
// Contract for every backend:
//  - Every write method is one transaction: after a crash the store holds the old state or
//    the new one, never a mix. Bulk methods are all-or-nothing.
//  - Rule violations come back as Status values naming the field (kAlreadyExists for a taken
//    NIK, kConflict for a stale version, ...); engine messages never reach a user.
//  - The event log and the audit log are append-only: the schema refuses UPDATE and DELETE.
//  - A Store object is used by one thread at a time; open one per thread (or per request
//    worker). Several processes may share one SQLite file or one PostgreSQL database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/family.h"
#include "domain/person.h"
#include "domain/region.h"
#include "store/codec.h"

namespace siak {

struct StoredPerson {
  Person person;
  int64_t version = 1;  // bumped by every update; the basis of ETags
};

// One entry of the append-only event log (births, deaths, moves, recordings, prints...).
struct EventRecord {
  int64_t seq = 0;           // assigned by the store, strictly increasing
  std::string at;            // ISO 8601 UTC timestamp, given by the caller
  int type = 0;              // fixed event type number, never reused
  std::string subject;       // NIK or KK number the event is about
  std::string province;      // 2-digit province of the subject's address (partition key)
  std::string actor;         // user name
  std::string payload;       // JSON
};

// One entry of the audit log. Each entry carries the hash of the one before it.
struct AuditRecord {
  int64_t seq = 0;           // assigned by the store
  std::string at;            // ISO 8601 UTC timestamp
  std::string actor;         // user name
  std::string role;
  std::string source;        // client address
  std::string action;        // e.g. "person.read"
  std::string subjects;      // NIKs concerned, comma separated
  std::string outcome;       // e.g. "ok", "denied", "not_found"
  std::string detail;
  std::string prev_hash;     // hex, set by the store from the previous entry
  std::string hash;          // hex, computed by the AuditHasher over the entry incl. prev_hash
};
// Computes an entry's hash from all its fields (prev_hash included, hash and seq excluded).
using AuditHasher = std::function<std::string(const AuditRecord&)>;

// An operator account. The password is stored only as an argon2id hash string.
struct UserRecord {
  std::string username;
  std::string password_hash;
  std::string role;         // admin, supervisor, registrar, recording_officer, print_officer, auditor, partner
  std::string scope;        // region code prefix in digits; "" for national
  bool disabled = false;
  int failed_attempts = 0;
  int64_t locked_until = 0;  // unix seconds; 0 when not locked
  int64_t created_at = 0;
};

// A login session; the bearer token itself is never stored, only its SHA-256.
struct SessionRecord {
  std::string token_hash;
  std::string username;
  int64_t expires_at = 0;
  int64_t created_at = 0;
};

// The first answer to a POST carrying an Idempotency-Key.
struct IdempotencyRecord {
  std::string key;           // hash of user, method, path and the client's key
  std::string username;
  std::string request_hash;  // hash of the body: the same key with another body is a conflict
  int status = 0;
  std::string response;      // the response body (and the Location/ETag the handler set, as JSON)
  int64_t created_at = 0;
};

// What FindPersons selects. Every field narrows; the region prefix also enforces the
// caller's scope. name_token_sets: the person must hold, for every set, one of its tokens.
struct PersonFilter {
  std::string region_prefix;                               // digits; "" = everywhere
  std::optional<std::string> kk_number;
  std::optional<Date> birth_date;
  std::vector<std::vector<std::string>> name_token_sets;
  std::string after_nik;                                   // cursor: NIKs greater than this
  int limit = 50;
};

// Called during bulk writes with the number of rows written so far.
using ProgressFn = std::function<void(int64_t done)>;

class Store {
 public:
  virtual ~Store() = default;

  virtual std::string_view backend() const = 0;  // "sqlite" or "postgresql"

  // Schema: numbered migrations, each step (up or down) one transaction.
  virtual Result<int> SchemaVersion() = 0;
  virtual Status Migrate(int target_version) = 0;
  static int LatestSchemaVersion();

  // Regions: replaced as a whole (all-or-nothing).
  virtual Status ReplaceRegions(std::span<const Region> regions) = 0;
  virtual Result<std::vector<Region>> LoadRegions() = 0;
  // Counts by level and kind; the same computation on every backend (over LoadRegions).
  Result<RegionStats> CountRegions();

  // Persons.
  virtual Status InsertPersons(std::span<const Person> persons, const ProgressFn& progress = {}) = 0;
  virtual Result<StoredPerson> GetPerson(const Nik& nik) = 0;
  // Replaces the person's row if its version is still `expected_version` (else kConflict).
  virtual Result<int64_t> UpdatePerson(const Person& person, int64_t expected_version) = 0;
  virtual Result<std::vector<int>> UsedNikSerials(std::string_view serial_prefix12) = 0;
  virtual Result<int64_t> CountPersons(std::string_view region_prefix_digits) = 0;

  // Families (KK) and their members. PutFamily writes the KK and replaces its member list;
  // a NIK can be a member of one KK only (kAlreadyExists names it otherwise).
  virtual Status PutFamily(const Family& family) = 0;
  virtual Result<Family> GetFamily(const KkNumber& kk) = 0;
  virtual Result<std::vector<int>> UsedKkSerials(std::string_view serial_prefix12) = 0;
  // Bulk insert of new families with their members (imports, demo data), all-or-nothing. Each
  // family is validated; a taken KK number or a member already on a KK is kAlreadyExists.
  virtual Status InsertFamilies(std::span<const Family> families, const ProgressFn& progress = {}) = 0;
  // Families in KK-number order after `after_kk`, whose village starts with `region_prefix`.
  Result<std::vector<Family>> ListFamilies(std::string_view region_prefix, std::string_view after_kk, int limit);

  // Event log (append-only).
  virtual Result<int64_t> AppendEvent(const EventRecord& event) = 0;
  // Many events in one go (imports, demo data), in order; all-or-nothing.
  virtual Status AppendEvents(std::span<const EventRecord> events) = 0;
  virtual Result<std::vector<EventRecord>> EventsFor(std::string_view subject) = 0;

  // Families by member; dissolving a KK (its members move to other KKs first).
  Result<std::optional<KkNumber>> FamilyOf(const Nik& nik);
  Status DeleteFamily(const KkNumber& kk);

  // Search. Results ordered by NIK, at most filter.limit.
  Result<std::vector<StoredPerson>> FindPersons(const PersonFilter& filter);
  // Distinct name tokens starting with `prefix`.
  Result<std::vector<std::string>> NameTokensWithPrefix(std::string_view prefix, int limit);
  // Distinct stored name tokens that have one of `variants` (NameTokenVariants of a query word).
  Result<std::vector<std::string>> TokensWithVariants(const std::vector<std::string>& variants);

  // Users and sessions.
  Status InsertUser(const UserRecord& user);
  Result<UserRecord> GetUser(std::string_view username);
  Result<std::vector<UserRecord>> ListUsers();
  Status UpdateUser(const UserRecord& user);  // all fields but username and created_at
  // Only the login failure counter and lock. Unlike UpdateUser it leaves AuthGeneration() alone:
  // a session's principal does not depend on them, so failed logins keep cached sessions.
  Status RecordLoginAttempts(std::string_view username, int64_t failed_attempts, int64_t locked_until);
  // Counts a login attempt of `username` before its password is checked, in one statement, so that
  // parallel guesses are each counted and each meets the delay the ones before it earned. The n-th
  // attempt sets locked_until to now + delays[n-1] where that is above zero; the last entry holds
  // for every later attempt. Returns n, or nullopt (nothing counted) when the account is slowed
  // down or locked at `now` or does not exist. Leaves AuthGeneration() alone, as above.
  Result<std::optional<int64_t>> CountLoginAttempt(std::string_view username, int64_t now,
                                                   const std::vector<int64_t>& delays);
  // Clears the count and lock after a right password (attempts still in flight included, as a
  // success always did), if the user still has `password_hash` and is not disabled: returns the
  // user as it now is, or nullopt (nothing changed) when the password was reset, the account
  // disabled or removed since the password was checked.
  Result<std::optional<UserRecord>> ClearLoginAttempts(std::string_view username, std::string_view password_hash);
  Status InsertSession(const SessionRecord& session);
  // The session and its user in one query (the per-request authentication).
  struct SessionUser {
    SessionRecord session;
    UserRecord user;
  };
  Result<SessionUser> GetSessionUser(std::string_view token_hash);
  Status DeleteSession(std::string_view token_hash);
  Status DeleteSessionsOf(std::string_view username);
  // How many changes to sessions and users the Stores of this process have committed (logout,
  // disabling, password and role changes). A session cache trusts an entry only while this is
  // what it was before the entry was read.
  static uint64_t AuthGeneration();

  // Idempotency keys.
  Result<std::optional<IdempotencyRecord>> GetIdempotency(std::string_view key);
  Status PutIdempotency(const IdempotencyRecord& record);

  // Audit log by NIK, user and time (ISO timestamps compare as text).
  struct AuditQuery {
    std::string subject;  // a NIK; "" = any
    std::string actor;    // "" = any
    std::string from;     // inclusive; "" = from the start
    std::string to;       // exclusive; "" = to the end
    int64_t after_seq = 0;
    int64_t before_seq = 0;     // 0 = no bound; with newest_first, the page below this entry
    bool newest_first = false;  // the latest entries first (who read this record lately)
    int limit = 100;
  };
  Result<std::vector<AuditRecord>> QueryAudit(const AuditQuery& query);

  // Explicit transactions: everything between Begin and Commit is one transaction (the write
  // methods above join it instead of opening their own). Transaction() runs `fn` in one,
  // committing when it returns OK and rolling back otherwise; nested calls join the outer one.
  virtual Status Begin() = 0;
  // A large one-transaction load follows on this connection (an import, demo data): the backend
  // may size its caches for it. SQLite raises this connection's page cache to 512 MiB, so the
  // transaction's pages are not spilled into the WAL and read back while the indexes grow.
  virtual void PrepareForBulkLoad() {}
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  virtual bool InExplicitTransaction() const = 0;
  // Serialises, until the current transaction ends, everyone who locks the same key (e.g. the
  // NIK serial prefix being issued). SQLite's write transactions are serial already.
  virtual Status LockKey(std::string_view key) = 0;
  Status Transaction(const std::function<Status()>& fn);
  // Savepoints inside an explicit transaction (for group commit: one failing job rolls back
  // only itself).
  Status Savepoint(std::string_view name);
  Status ReleaseSavepoint(std::string_view name);
  Status RollbackToSavepoint(std::string_view name);  // also forgets cached state of the undone work

  // The generic SQL primitive the shared methods are built on. `sql` uses ? placeholders; all
  // values travel as text (nullopt is NULL). A unique-key violation comes back as
  // kAlreadyExists with the duplicate key's first value in value().
  struct SqlResult {
    std::vector<Row> rows;
    int64_t affected = 0;
  };
  virtual Result<SqlResult> Sql(const std::string& sql, const Row& params) = 0;

 protected:
  // Drops what a backend remembers about the open transaction (the audit chain's head).
  virtual void ForgetTransactionCache() = 0;
  // The backends call this when an explicit transaction ends; one that changed sessions or users
  // advances AuthGeneration() if it committed or tried to (an extra advance costs only cache misses).
  void EndTransaction(bool committed);

 private:
  void NoteAuthChange();  // after a session or user statement: counts it now or at the commit
  bool auth_change_pending_ = false;

 public:

  // Audit log (append-only, hash-chained). The store reads the previous hash and appends in
  // one serialised transaction, so concurrent writers still form one chain.
  virtual Result<AuditRecord> AppendAudit(AuditRecord record, const AuditHasher& hasher) = 0;
  virtual Result<std::vector<AuditRecord>> ReadAudit(int64_t after_seq, int limit) = 0;
};

// Opens a store from a URL: "sqlite:PATH" (created if missing) or "postgresql://..." /
// "postgres:CONNINFO". Does not migrate.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace siak
