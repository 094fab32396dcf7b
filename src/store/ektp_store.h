// EktpStore: the e-KTP tables (migration 7) on any backend, through Store::Sql.
//
// Sites and their devices; recordings (photo, signature and fingers sealed by the caller); the
// blank (blangko) ledger: one balance row per holder ("pusat", "prov:32", "kab:3204",
// "site:<id>") and an append-only entry per movement, where every debit is a conditional update
// so stock never goes negative, also between concurrent writers; the print queue, cards and
// Suket; named sequences for serials; and the coverage counters the person triggers keep.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace siak {

struct SiteRecord {
  int64_t id = 0;
  std::string code;
  std::string kind;  // dinas | kecamatan | counter | mobile
  std::string name;
  std::string region_code;  // digits
  int64_t print_site_id = 0;  // 0: prints itself (a Dinas) or none
  std::string starts_on, ends_on;  // counters
  bool active = true;
  std::string created_at;
};

struct DeviceRecord {
  std::string serial;
  int64_t site_id = 0;
  std::string kind;  // kit | camera | fingerprint | iris | signature
  std::string model;
  bool active = true;
  std::string registered_at;
};

struct RecordingRecord {
  std::string id;
  std::string nik;
  std::string region_code;
  int64_t site_id = 0;
  std::string device_serial;
  std::string officer;
  std::string captured_at;
  std::string submitted_at;
  std::string photo, signature, fingers;  // sealed, hex
  std::string quality;                    // JSON
  int64_t abis_job_id = 0;
};

struct StockAccount {
  std::string account;
  int64_t on_hand = 0;
  int64_t monthly_quota = 0;
  int64_t low_stock = 0;
};

struct StockEntry {
  int64_t seq = 0;
  std::string at, month, kind, from_account, to_account;
  int64_t quantity = 0;
  std::string reason, card_serial, actor;
};

struct PrintRequestRecord {
  int64_t id = 0;
  std::string nik;
  std::string region_code;
  int64_t site_id = 0;  // 0: any print site covering the region
  std::string reason;   // first | lost | damaged | data_change | misprint
  int priority = 0;
  std::string state;    // queued | printed | cancelled
  std::string document_ref;
  std::string old_serial;
  std::string card_serial;
  std::string requested_by;
  std::string requested_at;
};

struct CardRecord {
  std::string serial;
  std::string nik;
  std::string region_code;
  int64_t site_id = 0;
  int64_t request_id = 0;
  std::string recording_id;
  std::string state;  // printed | issued | revoked
  std::string face;   // JSON
  std::string chip;   // hex
  std::string printed_by, printed_at;
  std::string received_by, issued_by, issued_at;
  std::string revoked_at, revoke_reason;
};

struct SuketRecord {
  std::string number;
  std::string nik;
  std::string region_code;
  int64_t site_id = 0;
  std::string state;  // active | superseded | revoked
  std::string reference;
  std::string issued_by, issued_at, valid_until;
  std::string closed_at, card_serial;
};

class EktpStore {
 public:
  explicit EktpStore(Store& store) : store_(store) {}

  // Sites and devices. kAlreadyExists (field code / serial) when taken.
  Result<int64_t> InsertSite(const SiteRecord& site);
  Result<SiteRecord> GetSite(int64_t id);
  Result<std::vector<SiteRecord>> Sites(const std::string& scope);  // region_code under scope
  Status SetSiteActive(int64_t id, bool active);
  Status InsertDevice(const DeviceRecord& device);
  Result<DeviceRecord> GetDevice(const std::string& serial);
  Result<std::vector<DeviceRecord>> DevicesOf(int64_t site_id);

  // Recordings. kAlreadyExists (field recording_id) when the id is taken.
  Status InsertRecording(const RecordingRecord& recording);
  Result<std::optional<RecordingRecord>> FindRecording(const std::string& id);
  Result<std::vector<RecordingRecord>> RecordingsOf(const std::string& nik);  // newest first

  // The ledger. Credit-only kinds (procured) have no from account; consumed and spoiled have no
  // to account. A debit beyond the balance fails with kConflict (field "quantity") and changes
  // nothing. Accounts are created on first use.
  Result<int64_t> Move(const StockEntry& entry);
  Result<StockAccount> Account(const std::string& account);  // zero balance when never used
  Result<std::vector<StockAccount>> Accounts();
  Status SetQuota(const std::string& account, int64_t monthly_quota, int64_t low_stock);
  // Sum of entries of `kind` into `account` in `month` (YYYY-MM).
  Result<int64_t> MonthTotal(const std::string& account, const std::string& month, const std::string& kind);
  Result<std::vector<StockEntry>> Entries(const std::string& account, int64_t after_seq, int limit);

  // The print queue.
  Result<int64_t> InsertPrintRequest(const PrintRequestRecord& request);
  Result<PrintRequestRecord> GetPrintRequest(int64_t id);
  Result<std::optional<PrintRequestRecord>> QueuedRequestOf(const std::string& nik);
  // Queued requests for a site: its own, and those with no site whose region is under
  // `region_scope`; only persons under `caller_scope`; highest priority first, then oldest.
  Result<std::vector<PrintRequestRecord>> Queue(int64_t site_id, const std::string& region_scope, int limit,
                                                const std::string& caller_scope = "");
  // queued -> printed (with the card) or cancelled; kConflict when no longer queued.
  Status CloseRequest(int64_t id, const std::string& state, const std::string& card_serial);

  // Cards.
  Status InsertCard(const CardRecord& card);
  Result<CardRecord> GetCard(const std::string& serial);
  Result<std::vector<CardRecord>> CardsOf(const std::string& nik);  // newest first
  // printed -> issued; kConflict otherwise.
  Status IssueCard(const std::string& serial, const std::string& received_by, const std::string& issued_by,
                   const std::string& at);
  // printed|issued -> revoked; kConflict otherwise.
  Status RevokeCard(const std::string& serial, const std::string& reason, const std::string& at);

  // Suket.
  Status InsertSuket(const SuketRecord& suket);
  Result<SuketRecord> GetSuket(const std::string& number);
  Result<std::vector<SuketRecord>> SuketsOf(const std::string& nik);
  // Sukets of persons under `scope` ("" any state), by number after `after_number`.
  Result<std::vector<SuketRecord>> Sukets(const std::string& scope, const std::string& state,
                                          const std::string& after_number, int limit);
  // Print requests of a person, oldest first.
  Result<std::vector<PrintRequestRecord>> RequestsOf(const std::string& nik);
  // Every active Suket of `nik` -> `state` (superseded by a card, or revoked). Returns how many.
  Result<int64_t> CloseSukets(const std::string& nik, const std::string& state, const std::string& card_serial,
                              const std::string& at);

  // The next value of a named counter (1, 2, ...), atomic under concurrency.
  Result<int64_t> NextSequence(const std::string& name);

  // Coverage: living persons by child region (the first `child_digits` digits of the village
  // code) and e-KTP status, for villages under `scope`, from the counters.
  using StatusCounts = std::map<std::string, std::map<int, int64_t>>;
  Result<StatusCounts> CoverageCounts(const std::string& scope, int child_digits);
  // Folds the appended coverage deltas (PostgreSQL's triggers write those, so that concurrent
  // writers never lock a shared counter row) into the counters; returns how many it folded.
  // Counts are right with or without it; it keeps the delta table short.
  Result<int64_t> CompactCoverage();
  // The same from a full scan of person (the reference the counters are tested and benchmarked against).
  Result<StatusCounts> CoverageCountsByScan(const std::string& scope, int child_digits);
  // Active Suket valid on `today` by child region.
  Result<std::map<std::string, int64_t>> OutstandingSukets(const std::string& scope, int child_digits,
                                                           const std::string& today);

  // NIKs of persons still BELUM_WAJIB born on or before `born_by` (YYYY-MM-DD), after `after_nik`.
  Result<std::vector<std::string>> BelumWajibBornBy(const std::string& born_by, const std::string& after_nik,
                                                    int limit);

 private:
  Status Credit(const std::string& account, int64_t quantity);
  Status Debit(const std::string& account, int64_t quantity);
  Store& store_;
};

}  // namespace siak
