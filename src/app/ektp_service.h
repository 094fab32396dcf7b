// EktpService: the e-KTP use cases from recording to the card in the resident's hand.
//
//   sites and devices -> recording (perekaman: quality gates, sealed biometrics, the irises to
//   the de-duplication queue) -> PRINT_READY_RECORD (the DedupService hook queues a print
//   request at the recording site's print site) -> printing (one blank consumed, a card serial,
//   the signed chip payload; the card renders on demand as PDF or PNG) -> handover -> reprints
//   (lost, damaged, data change; the old serial revoked, no re-recording).
//   Suket when the site has no blanks; superseded when the card is printed.
//   The blank ledger: procurement into the centre, deliveries to provinces and regencies (against
//   a monthly quota), allocations to sites, transfers, spoilage; never negative.
//   Coverage per child region from the counters the person triggers keep.
// Every change runs in the caller's transaction (the API's writer batch) and moves the e-KTP
// status only through the lifecycle table, with an event per step.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "abis/finger_template.h"
#include "abis/iris_code.h"
#include "app/auth_service.h"
#include "app/clock.h"
#include "app/dedup_service.h"
#include "card/signing_key.h"
#include "common/crypto.h"
#include "domain/region_index.h"
#include "store/ektp_store.h"

namespace siak {

struct EktpPolicy {
  bool lost_card_priority = true;  // reprints of lost cards jump the print queue
  int suket_valid_months = 6;
  int max_capture_age_days = 365;  // a mobile team's recording may sync this late
  int min_minutiae = 12;           // a finger with fewer is captured again
};

struct SiteInput {
  std::string code, kind, name, region_code;  // region_code: digits or dotted
  int64_t print_site_id = 0;
  std::string starts_on, ends_on;
};

struct FingerInput {
  int position = 0;        // 1..10 (ISO/IEC 19794-2)
  std::string template_bytes;  // ISO/IEC 19794-2 or ANSI 378 record; empty when missing
  std::string missing;     // amputated | bandaged | unusable, when no template
};

struct IrisInput {
  abis::Eye eye = abis::Eye::kRight;
  std::optional<abis::IrisTemplate> iris;  // none when missing
  std::string missing;                     // blind | unusable | prosthesis, when no template
};

struct RecordingInput {
  std::string recording_id;
  std::string nik;
  int64_t site_id = 0;
  std::string device_serial;
  std::string captured_at;  // ISO 8601 UTC
  std::string photo, signature;
  std::vector<FingerInput> fingers;  // all ten positions
  std::vector<IrisInput> irises;     // both eyes
};

// The store-free part of a recording: quality gates passed, templates decoded, and what is sealed.
struct CheckedCaptures {
  std::vector<abis::IrisTemplate> irises;  // the usable ones
  std::vector<DedupFinger> fingers;        // the usable ones, for the uniqueness check
  std::string fingers_json;                // sealed at rest: positions with templates or missing reasons
  std::string quality_json;                // what the gates measured
};

struct RecordingResult {
  RecordingRecord recording;  // biometrics not included
  AbisJobRecord job;
  bool created = false;
};

struct StockMoveInput {
  std::string kind;  // procured | delivered | allocated | transferred | spoiled
  std::string from, to;
  int64_t quantity = 0;
  std::string reason;
};

struct CoverageRow {
  std::string region_code;  // digits
  std::string name;
  int64_t residents = 0, wajib_ktp = 0, recorded = 0, print_ready = 0, cards_issued = 0, suket_outstanding = 0,
          blanks_on_hand = 0;
  double recording_rate = 0;  // recorded / wajib_ktp
};

struct Coverage {
  std::string region_code;  // the scope asked for ("" national)
  std::vector<CoverageRow> children;
  CoverageRow total;
};

struct EktpTimelineEntry {
  int64_t seq = 0;
  std::string at, event, actor, payload;
};

struct EktpTimeline {
  std::string nik;
  std::string status;
  std::vector<EktpTimelineEntry> events;
  std::vector<RecordingRecord> recordings;  // biometrics stripped
  std::vector<PrintRequestRecord> print_requests;
  std::vector<CardRecord> cards;            // chip stripped
  std::vector<SuketRecord> sukets;
};

struct StockView {
  StockAccount account;
  int64_t delivered_this_month = 0;
  bool low = false;
};

class EktpService {
 public:
  EktpService(const SecretKey& template_key, const card::SigningKey& signing_key, const Clock& clock,
              const RegionIndex& regions, DedupService* dedup, EktpPolicy policy = {});

  // Registers the print-queue hook with the de-duplication service.
  void Attach(DedupService& dedup);

  const card::PublicKey& public_key() const { return signing_key_.public_key(); }
  // The card key also signs the akta's QR reference (CivilService).
  const card::SigningKey& signing_key() const { return signing_key_; }

  // Sites and devices.
  Result<SiteRecord> CreateSite(Store& store, const Principal& who, const SiteInput& input);
  Result<SiteRecord> GetSite(Store& store, const Principal& who, int64_t id);
  Result<std::vector<SiteRecord>> ListSites(Store& store, const Principal& who);
  Result<DeviceRecord> RegisterDevice(Store& store, const Principal& who, int64_t site_id, const DeviceRecord& device);
  Result<std::vector<DeviceRecord>> ListDevices(Store& store, const Principal& who, int64_t site_id);

  // Perekaman. Idempotent on recording_id. `checked`: CheckCaptures(input) done beforehand (the
  // API does it on a worker, outside the single writer); null to check here.
  Result<RecordingResult> Record(Store& store, const Principal& who, const RecordingInput& input,
                                 const Result<CheckedCaptures>* checked = nullptr);
  // The quality gates and template decoding: CPU work only, no store.
  Result<CheckedCaptures> CheckCaptures(const RecordingInput& input) const;
  Result<RecordingResult> GetRecording(Store& store, const Principal& who, const std::string& id);

  // The blank ledger.
  Result<StockEntry> MoveStock(Store& store, const Principal& who, const StockMoveInput& input);
  Result<StockView> Stock(Store& store, const Principal& who, const std::string& account);
  Result<std::vector<StockView>> StockAccounts(Store& store, const Principal& who);
  Status SetQuota(Store& store, const Principal& who, const std::string& account, int64_t monthly_quota,
                  int64_t low_stock);
  Result<std::vector<StockEntry>> StockEntries(Store& store, const Principal& who, const std::string& account,
                                               int64_t after_seq, int limit);

  // Printing.
  Result<std::vector<PrintRequestRecord>> PrintQueue(Store& store, const Principal& who, int64_t site_id, int limit);
  // Prints the request (or the head of the site's queue when request_id is 0).
  Result<CardRecord> Print(Store& store, const Principal& who, int64_t site_id, int64_t request_id);
  Result<CardRecord> GetCard(Store& store, const Principal& who, const std::string& serial);
  // format: "pdf" | "png"
  Result<std::string> RenderCard(Store& store, const Principal& who, const std::string& serial,
                                 const std::string& format);
  Result<CardRecord> Handover(Store& store, const Principal& who, const std::string& serial,
                              const std::string& received_by);
  // A printed card found misprinted before handover: revoked, the person queued again.
  Result<PrintRequestRecord> Misprint(Store& store, const Principal& who, const std::string& serial,
                                      const std::string& reason);
  // reason: lost (document_ref: police report number) | damaged (form F-1.02) | data_change.
  Result<PrintRequestRecord> RequestReprint(Store& store, const Principal& who, const std::string& nik,
                                            const std::string& reason, const std::string& document_ref,
                                            int64_t site_id);

  // Suket.
  Result<SuketRecord> IssueSuket(Store& store, const Principal& who, const std::string& nik, int64_t site_id);
  Result<SuketRecord> GetSuket(Store& store, const Principal& who, const std::string& number);
  // The register of Suket in the caller's scope ("" any state), by number.
  Result<std::vector<SuketRecord>> ListSukets(Store& store, const Principal& who, const std::string& state,
                                              const std::string& after_number, int limit);
  Result<std::string> RenderSuket(Store& store, const Principal& who, const std::string& number);
  // Public check of a QR reference: the signature, and the Suket's state in the register.
  struct SuketCheck {
    bool signature_valid = false;
    std::string number, nik_masked, valid_until, state;
    bool valid_today = false;
    std::string problem;
  };
  Result<SuketCheck> CheckSuket(Store& store, const std::string& reference);

  // Reports.
  Result<Coverage> GetCoverage(Store& store, const Principal& who, const std::string& region);
  Result<EktpTimeline> Timeline(Store& store, const Principal& who, const std::string& nik);
  // The face photo of the person's latest recording made here (JPEG or PNG bytes, unsealed), for
  // adjudication; kNotFound (field "photo") when the person has none, or is out of scope.
  Result<std::string> LatestPhoto(Store& store, const Principal& who, const std::string& nik);

  // Persons who turned 17 since the last sweep become wajib KTP (event became_wajib). Returns how many.
  Result<int64_t> SweepWajib(Store& store, const std::string& actor);

 private:
  Status ApplyEvent(Store& store, const std::string& nik, EktpEvent event, const std::string& actor,
                    const std::string& payload);
  Status OnPrintReady(Store& store, const std::string& nik);
  Result<SiteRecord> SiteInScope(Store& store, const Principal& who, int64_t id);
  Result<StoredPerson> PersonInScope(Store& store, const Principal& who, const std::string& nik);
  Result<std::string> CheckAccount(Store& store, const std::string& field, const std::string& account);
  std::string RegionName(const std::string& digits) const;

  SecretKey template_key_;
  const card::SigningKey& signing_key_;
  const Clock& clock_;
  const RegionIndex& regions_;
  DedupService* dedup_;
  EktpPolicy policy_;
};

// The region digits of a stock account ("kab:3204" -> "3204"; "site:<id>" needs the site).
std::string StockAccountRegion(const std::string& account);

}  // namespace siak
