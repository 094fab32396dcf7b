#include "store/store.h"

#include <atomic>

#include "store/migrations.h"
#include "store/sql_text.h"

namespace siak {

int Store::LatestSchemaVersion() { return AllMigrations().back().version; }

Result<RegionStats> Store::CountRegions() {
  SIAK_ASSIGN_OR_RETURN(std::vector<Region> regions, LoadRegions());
  RegionStats stats;
  for (const auto& r : regions) stats.Count(r);
  return stats;
}

}  // namespace siak

namespace siak {
namespace {

std::string Text(const std::optional<std::string>& cell) { return cell.value_or(""); }
int64_t Int(const std::optional<std::string>& cell) { return cell ? std::stoll(*cell) : 0; }

UserRecord UserFromRow(const Row& r) {
  return UserRecord{Text(r[0]), Text(r[1]), Text(r[2]), Text(r[3]), Int(r[4]) != 0,
                    static_cast<int>(Int(r[5])), Int(r[6]), Int(r[7])};
}

constexpr const char* kUserColumns =
    "username, password_hash, role, scope, disabled, failed_attempts, locked_until, created_at";

}  // namespace

Status Store::Transaction(const std::function<Status()>& fn) {
  if (InExplicitTransaction()) return fn();
  SIAK_RETURN_IF_ERROR(Begin());
  Status st = fn();
  if (st.ok()) st = Commit();
  if (!st.ok()) (void)Rollback();
  return st;
}

namespace {
std::atomic<uint64_t> auth_generation{0};
}  // namespace

uint64_t Store::AuthGeneration() { return auth_generation.load(std::memory_order_acquire); }

void Store::NoteAuthChange() {
  if (InExplicitTransaction()) {
    auth_change_pending_ = true;
  } else {
    auth_generation.fetch_add(1, std::memory_order_acq_rel);  // the statement committed on its own
  }
}

void Store::EndTransaction(bool committed) {
  if (committed && auth_change_pending_) auth_generation.fetch_add(1, std::memory_order_acq_rel);
  auth_change_pending_ = false;
}

Status Store::Savepoint(std::string_view name) { return Sql("SAVEPOINT " + std::string(name), {}).status(); }
Status Store::ReleaseSavepoint(std::string_view name) {
  return Sql("RELEASE SAVEPOINT " + std::string(name), {}).status();
}
Status Store::RollbackToSavepoint(std::string_view name) {
  ForgetTransactionCache();
  return Sql("ROLLBACK TO SAVEPOINT " + std::string(name), {}).status();
}

Result<std::optional<KkNumber>> Store::FamilyOf(const Nik& nik) {
  SIAK_ASSIGN_OR_RETURN(SqlResult r, Sql("SELECT kk_number FROM family_member WHERE nik = ?", {nik.ToString()}));
  if (r.rows.empty()) return std::optional<KkNumber>();
  auto kk = KkNumber::ParseStructure(Text(r.rows[0][0]));
  if (!kk.ok()) return Status::Internal("stored family_member.kk_number is unreadable");
  return std::optional<KkNumber>(*kk);
}

Status Store::DeleteFamily(const KkNumber& kk) {
  return Transaction([&]() -> Status {
    SIAK_RETURN_IF_ERROR(Sql("DELETE FROM family_member WHERE kk_number = ?", {kk.ToString()}).status());
    SIAK_ASSIGN_OR_RETURN(SqlResult r, Sql("DELETE FROM family WHERE kk_number = ?", {kk.ToString()}));
    if (r.affected == 0) return Status::NotFound("kk_number", kk.digits());
    return Status::Ok();
  });
}

Result<std::vector<Family>> Store::ListFamilies(std::string_view region_prefix, std::string_view after_kk,
                                                int limit) {
  const std::string prefix(region_prefix);
  SIAK_ASSIGN_OR_RETURN(
      SqlResult fams,
      Sql("SELECT " + JoinColumns(kFamilyColumns) +
              " FROM family WHERE region_code >= ? AND region_code < ? AND kk_number > ? ORDER BY kk_number LIMIT ?",
          {prefix, DigitPrefixEnd(prefix), std::string(after_kk), std::to_string(limit)}));
  std::vector<Family> out;
  if (fams.rows.empty()) return out;
  SIAK_ASSIGN_OR_RETURN(SqlResult members,
                        Sql("SELECT kk_number, nik, shdk FROM family_member WHERE kk_number >= ? AND kk_number <= ? "
                            "ORDER BY kk_number, position",
                            {Text(fams.rows.front()[0]), Text(fams.rows.back()[0])}));
  size_t m = 0;
  for (const Row& row : fams.rows) {
    const std::string kk = Text(row[0]);
    std::vector<MemberRow> own;
    while (m < members.rows.size() && Text(members.rows[m][0]) < kk) ++m;
    while (m < members.rows.size() && Text(members.rows[m][0]) == kk) {
      own.emplace_back(members.rows[m][1], members.rows[m][2]);
      ++m;
    }
    SIAK_ASSIGN_OR_RETURN(Family f, FamilyFromRows(row, own));
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<StoredPerson>> Store::FindPersons(const PersonFilter& f) {
  std::string sql = "SELECT " + JoinColumns(kPersonColumns) +
                    ", version FROM person WHERE region_code >= ? AND region_code < ? AND nik > ?";
  Row params = {f.region_prefix, DigitPrefixEnd(f.region_prefix), f.after_nik};
  if (f.kk_number) {
    sql += " AND kk_number = ?";
    params.emplace_back(*f.kk_number);
  }
  if (f.birth_date) {
    sql += " AND tanggal_lahir = ?";
    params.emplace_back(f.birth_date->ToString());
  }
  for (const auto& set : f.name_token_sets) {
    if (set.empty()) return std::vector<StoredPerson>();  // a word that matches nothing
    sql += " AND nik IN (SELECT nik FROM person_name_token WHERE token IN (" + Placeholders(set.size(), false) + "))";
    for (const auto& token : set) params.emplace_back(token);
  }
  sql += " ORDER BY nik LIMIT ?";
  params.emplace_back(std::to_string(f.limit));
  SIAK_ASSIGN_OR_RETURN(SqlResult r, Sql(sql, params));
  std::vector<StoredPerson> out;
  out.reserve(r.rows.size());
  const size_t n = kPersonColumns.size();
  for (const auto& row : r.rows) {
    auto person = PersonFromRow(std::span(row).first(n));
    if (!person.ok()) return person.status();
    out.push_back(StoredPerson{std::move(person).value(), Int(row[n])});
  }
  return out;
}

Result<std::vector<std::string>> Store::NameTokensWithPrefix(std::string_view prefix, int limit) {
  SIAK_ASSIGN_OR_RETURN(
      SqlResult r, Sql("SELECT DISTINCT token FROM person_name_token WHERE token >= ? AND token < ? ORDER BY token LIMIT ?",
                       {std::string(prefix), std::string(prefix) + "\xF4\x8F\xBF\xBF", std::to_string(limit)}));
  std::vector<std::string> out;
  for (const auto& row : r.rows) out.push_back(Text(row[0]));
  return out;
}

Result<std::vector<std::string>> Store::TokensWithVariants(const std::vector<std::string>& variants) {
  if (variants.empty()) return std::vector<std::string>();
  Row params(variants.begin(), variants.end());
  SIAK_ASSIGN_OR_RETURN(SqlResult r, Sql("SELECT DISTINCT token FROM name_token_variant WHERE variant IN (" +
                                             Placeholders(variants.size(), false) + ")",
                                         params));
  std::vector<std::string> out;
  for (const auto& row : r.rows) out.push_back(Text(row[0]));
  return out;
}

Status Store::InsertUser(const UserRecord& u) {
  auto r = Sql(std::string("INSERT INTO app_user (") + kUserColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               {u.username, u.password_hash, u.role, u.scope, u.disabled ? "1" : "0",
                std::to_string(u.failed_attempts), std::to_string(u.locked_until), std::to_string(u.created_at)});
  if (r.status().code() == StatusCode::kAlreadyExists) return Status::AlreadyExists("username", u.username);
  return r.status();
}

Result<UserRecord> Store::GetUser(std::string_view username) {
  SIAK_ASSIGN_OR_RETURN(SqlResult r,
                        Sql(std::string("SELECT ") + kUserColumns + " FROM app_user WHERE username = ?",
                            {std::string(username)}));
  if (r.rows.empty()) return Status::NotFound("username", username);
  return UserFromRow(r.rows[0]);
}

Result<std::vector<UserRecord>> Store::ListUsers() {
  SIAK_ASSIGN_OR_RETURN(SqlResult r, Sql(std::string("SELECT ") + kUserColumns + " FROM app_user ORDER BY username", {}));
  std::vector<UserRecord> out;
  for (const auto& row : r.rows) out.push_back(UserFromRow(row));
  return out;
}

Status Store::UpdateUser(const UserRecord& u) {
  SIAK_ASSIGN_OR_RETURN(
      SqlResult r, Sql("UPDATE app_user SET password_hash = ?, role = ?, scope = ?, disabled = ?, failed_attempts = ?, "
                       "locked_until = ? WHERE username = ?",
                       {u.password_hash, u.role, u.scope, u.disabled ? "1" : "0", std::to_string(u.failed_attempts),
                        std::to_string(u.locked_until), u.username}));
  NoteAuthChange();
  if (r.affected == 0) return Status::NotFound("username", u.username);
  return Status::Ok();
}

Status Store::RecordLoginAttempts(std::string_view username, int64_t failed_attempts, int64_t locked_until) {
  SIAK_ASSIGN_OR_RETURN(SqlResult r, Sql("UPDATE app_user SET failed_attempts = ?, locked_until = ? WHERE username = ?",
                                         {std::to_string(failed_attempts), std::to_string(locked_until),
                                          std::string(username)}));
  if (r.affected == 0) return Status::NotFound("username", std::string(username));
  return Status::Ok();
}

Result<std::optional<int64_t>> Store::CountLoginAttempt(std::string_view username, int64_t now,
                                                        const std::vector<int64_t>& delays) {
  // The delays are the service's policy, fixed for its life, so they are written into the text
  // (one cached statement); the time is bound. CASE compares with literals: SQLite would not
  // match an integer with a bound text value.
  Row params;
  auto until = [&](int64_t delay) {
    if (delay <= 0) return std::string("locked_until");
    params.push_back(std::to_string(now));
    return "CAST(? AS BIGINT) + " + std::to_string(delay);
  };
  std::string lock;
  if (delays.size() > 1) {
    lock = "CASE failed_attempts + 1";
    for (size_t i = 0; i + 1 < delays.size(); ++i) lock += " WHEN " + std::to_string(i + 1) + " THEN " + until(delays[i]);
    lock += " ELSE " + until(delays.back()) + " END";
  } else {
    lock = until(delays.empty() ? 0 : delays.back());
  }
  params.push_back(std::string(username));
  params.push_back(std::to_string(now));
  SIAK_ASSIGN_OR_RETURN(SqlResult r, Sql("UPDATE app_user SET failed_attempts = failed_attempts + 1, locked_until = " +
                                             lock + " WHERE username = ? AND locked_until <= CAST(? AS BIGINT)" +
                                             " RETURNING failed_attempts",
                                         params));
  if (r.rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(std::stoll(r.rows.at(0).at(0).value_or("0")));
}

Result<std::optional<UserRecord>> Store::ClearLoginAttempts(std::string_view username,
                                                            std::string_view password_hash) {
  SIAK_ASSIGN_OR_RETURN(SqlResult r, Sql(std::string("UPDATE app_user SET failed_attempts = 0, locked_until = 0 "
                                                     "WHERE username = ? AND password_hash = ? AND disabled = 0 "
                                                     "RETURNING ") +
                                             kUserColumns,
                                         {std::string(username), std::string(password_hash)}));
  if (r.rows.empty()) return std::optional<UserRecord>();
  return std::optional<UserRecord>(UserFromRow(r.rows[0]));
}

Status Store::InsertSession(const SessionRecord& s) {
  return Sql("INSERT INTO session (token_hash, username, expires_at, created_at) VALUES (?, ?, ?, ?)",
             {s.token_hash, s.username, std::to_string(s.expires_at), std::to_string(s.created_at)})
      .status();
}

Result<Store::SessionUser> Store::GetSessionUser(std::string_view token_hash) {
  SIAK_ASSIGN_OR_RETURN(
      SqlResult r, Sql("SELECT s.token_hash, s.username, s.expires_at, s.created_at, u.username, u.password_hash, u.role, "
                       "u.scope, u.disabled, u.failed_attempts, u.locked_until, u.created_at FROM session s JOIN app_user u "
                       "ON u.username = s.username WHERE s.token_hash = ?",
                       {std::string(token_hash)}));
  if (r.rows.empty()) return Status::NotFound("session", "");
  const Row& row = r.rows[0];
  Row user_row(row.begin() + 4, row.end());
  return SessionUser{SessionRecord{Text(row[0]), Text(row[1]), Int(row[2]), Int(row[3])}, UserFromRow(user_row)};
}

Status Store::DeleteSession(std::string_view token_hash) {
  Status st = Sql("DELETE FROM session WHERE token_hash = ?", {std::string(token_hash)}).status();
  NoteAuthChange();
  return st;
}

Status Store::DeleteSessionsOf(std::string_view username) {
  Status st = Sql("DELETE FROM session WHERE username = ?", {std::string(username)}).status();
  NoteAuthChange();
  return st;
}

Result<std::optional<IdempotencyRecord>> Store::GetIdempotency(std::string_view key) {
  SIAK_ASSIGN_OR_RETURN(SqlResult r, Sql("SELECT key, username, request_hash, status, response, created_at FROM "
                                         "idempotency WHERE key = ?",
                                         {std::string(key)}));
  if (r.rows.empty()) return std::optional<IdempotencyRecord>();
  const Row& row = r.rows[0];
  return std::optional<IdempotencyRecord>(IdempotencyRecord{Text(row[0]), Text(row[1]), Text(row[2]),
                                                            static_cast<int>(Int(row[3])), Text(row[4]), Int(row[5])});
}

Status Store::PutIdempotency(const IdempotencyRecord& i) {
  auto r = Sql("INSERT INTO idempotency (key, username, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, "
               "?, ?)",
               {i.key, i.username, i.request_hash, std::to_string(i.status), i.response, std::to_string(i.created_at)});
  if (r.status().code() == StatusCode::kAlreadyExists) return Status::AlreadyExists("Idempotency-Key", "");
  return r.status();
}

Result<std::vector<AuditRecord>> Store::QueryAudit(const AuditQuery& q) {
  std::string sql =
      "SELECT seq, at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash FROM audit WHERE seq > ?";
  Row params = {std::to_string(q.after_seq)};
  if (!q.actor.empty()) {
    sql += " AND actor = ?";
    params.emplace_back(q.actor);
  }
  if (!q.subject.empty()) {
    // subjects is a comma-separated list of NIKs
    sql += " AND (',' || subjects || ',') LIKE ?";
    params.emplace_back("%," + q.subject + ",%");
  }
  if (!q.from.empty()) {
    sql += " AND at >= ?";
    params.emplace_back(q.from);
  }
  if (!q.to.empty()) {
    sql += " AND at < ?";
    params.emplace_back(q.to);
  }
  if (q.before_seq > 0) {
    sql += " AND seq < ?";
    params.emplace_back(std::to_string(q.before_seq));
  }
  sql += q.newest_first ? " ORDER BY seq DESC LIMIT ?" : " ORDER BY seq LIMIT ?";
  params.emplace_back(std::to_string(q.limit));
  SIAK_ASSIGN_OR_RETURN(SqlResult r, Sql(sql, params));
  std::vector<AuditRecord> out;
  for (const auto& row : r.rows) {
    out.push_back(AuditRecord{Int(row[0]), Text(row[1]), Text(row[2]), Text(row[3]), Text(row[4]), Text(row[5]),
                              Text(row[6]), Text(row[7]), Text(row[8]), Text(row[9]), Text(row[10])});
  }
  return out;
}

}  // namespace siak
