#include "app/ektp_service.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "card/card_render.h"
#include "card/chip_payload.h"
#include "card/image.h"
#include "card/suket_render.h"
#include "domain/eligibility.h"
#include "domain/role.h"

namespace siak {

using Json = nlohmann::json;

namespace {

constexpr std::string_view kSiteKinds[] = {"dinas", "kecamatan", "counter", "mobile"};
constexpr std::string_view kDeviceKinds[] = {"kit", "camera", "fingerprint", "iris", "signature"};
constexpr std::string_view kMissingFinger[] = {"amputated", "bandaged", "unusable"};
constexpr std::string_view kMissingEye[] = {"blind", "prosthesis", "unusable"};

template <size_t N>
bool OneOf(std::string_view value, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), value) != std::end(set);
}
template <size_t N>
std::string ListOf(const std::string_view (&set)[N]) {
  std::string out;
  for (std::string_view s : set) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

bool ValidCode(std::string_view s, size_t max) {
  if (s.empty() || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' ||
           c == '_' || c == '.';
  });
}

// "2026-11-28T08:00:00Z" -> seconds since the epoch; nullopt when not that shape.
std::optional<int64_t> IsoSeconds(std::string_view t) {
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') {
    return std::nullopt;
  }
  auto date = Date::Parse(t.substr(0, 10));
  if (!date.ok()) return std::nullopt;
  auto num = [&](size_t at) -> int {
    if (!std::isdigit(static_cast<unsigned char>(t[at])) || !std::isdigit(static_cast<unsigned char>(t[at + 1]))) {
      return -1;
    }
    return (t[at] - '0') * 10 + (t[at + 1] - '0');
  };
  const int h = num(11), m = num(14), s = num(17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  return date->ToDays() * 86400 + h * 3600 + m * 60 + s;
}

Date AddMonths(const Date& d, int months) {
  int y = d.year(), m = d.month() + months;
  while (m > 12) { m -= 12; ++y; }
  const int day = std::min(d.day(), Date::DaysInMonth(y, m));
  return *Date::FromYmd(y, m, day);
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string ThreeDigits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03d", v);
  return buf;
}

bool Recorded(int status) {
  return status >= static_cast<int>(EktpStatus::kSentForEnrollment) &&
         status <= static_cast<int>(EktpStatus::kCardIssued);
}

std::string SiteAccount(int64_t site_id) { return "site:" + std::to_string(site_id); }

// The Dinas site that prints for `site` (itself when it prints).
int64_t PrintSiteOf(const SiteRecord& site) {
  if (site.kind == "dinas" || site.kind == "kecamatan") return site.id;
  return site.print_site_id;
}

// What the use cases return of a recording: never its sealed biometrics.
RecordingRecord WithoutBiometrics(RecordingRecord r) {
  r.photo.clear();
  r.signature.clear();
  r.fingers.clear();
  return r;
}

}  // namespace

std::string StockAccountRegion(const std::string& account) {
  if (account.rfind("prov:", 0) == 0) return account.substr(5);
  if (account.rfind("kab:", 0) == 0) return account.substr(4);
  return "";
}

EktpService::EktpService(const SecretKey& template_key, const card::SigningKey& signing_key, const Clock& clock,
                         const RegionIndex& regions, DedupService* dedup, EktpPolicy policy)
    : template_key_(template_key),
      signing_key_(signing_key),
      clock_(clock),
      regions_(regions),
      dedup_(dedup),
      policy_(policy) {}

void EktpService::Attach(DedupService& dedup) {
  dedup.SetPrintReadyHook([this](Store& store, const std::string& nik) { return OnPrintReady(store, nik); });
}

std::string EktpService::RegionName(const std::string& digits) const {
  const Region* r = regions_.Get(digits);
  return r ? r->name : "";
}

Status EktpService::ApplyEvent(Store& store, const std::string& nik, EktpEvent event, const std::string& actor,
                               const std::string& payload) {
  auto parsed = Nik::ParseStructure(nik);
  if (!parsed.ok()) return parsed.status();
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, store.GetPerson(*parsed));
  const auto next = NextEktpStatus(p.person.ektp_status, event);
  if (!next) {
    return Status::FailedPrecondition("the e-KTP status of " + nik + " is " +
                                      std::string(EktpStatusName(p.person.ektp_status)) + ", which does not allow " +
                                      std::string(EktpEventName(event)));
  }
  if (*next != p.person.ektp_status) {
    Person updated = p.person;
    updated.ektp_status = *next;
    SIAK_RETURN_IF_ERROR(store.UpdatePerson(updated, p.version).status());
  }
  return store
      .AppendEvent(EventRecord{0, clock_.NowIso(), static_cast<int>(event), nik,
                               std::string(p.person.wilayah.province_digits()), actor, payload})
      .status();
}

Result<SiteRecord> EktpService::SiteInScope(Store& store, const Principal& who, int64_t id) {
  EktpStore ektp(store);
  auto site = ektp.GetSite(id);
  if (!site.ok() || !InScope(who.scope, site->region_code)) return Status::NotFound("site_id", std::to_string(id));
  return site;
}

Result<StoredPerson> EktpService::PersonInScope(Store& store, const Principal& who, const std::string& nik_text) {
  auto nik = Nik::ParseStructure(nik_text);
  if (!nik.ok()) return nik.status();
  auto p = store.GetPerson(*nik);
  if (!p.ok()) {
    if (p.status().code() == StatusCode::kNotFound) return Status::NotFound("nik", nik_text);
    return p.status();
  }
  if (!InScope(who.scope, p->person.wilayah.digits())) return Status::NotFound("nik", nik_text);
  return p;
}

// ---- sites and devices ----

Result<SiteRecord> EktpService::CreateSite(Store& store, const Principal& who, const SiteInput& in) {
  if (!ValidCode(in.code, 32)) {
    return Status::Invalid("code", in.code, "must be 1-32 characters of A-Z 0-9 - _ . (e.g. 3204-MOBIL-1)");
  }
  if (!OneOf(in.kind, kSiteKinds)) return Status::Invalid("kind", in.kind, "must be one of " + ListOf(kSiteKinds));
  if (in.name.empty() || in.name.size() > 120) return Status::Invalid("name", in.name, "must be 1-120 characters");
  auto code = RegionCode::Parse(in.region_code, "region_code");
  if (!code.ok()) return code.status();
  const std::string digits = code->digits();
  if (!regions_.Get(digits)) return Status::Invalid("region_code", in.region_code, "is not a known region");
  if (!InScope(who.scope, digits)) return Status::Invalid("region_code", in.region_code, "is outside your region scope");
  if (in.kind == "dinas" && digits.size() != 4) {
    return Status::Invalid("region_code", in.region_code, "a Dinas office serves a regency (kabupaten/kota)");
  }
  if (in.kind == "kecamatan" && digits.size() != 6) {
    return Status::Invalid("region_code", in.region_code, "a kecamatan office serves a district");
  }
  if ((in.kind == "counter" || in.kind == "mobile") && digits.size() < 4) {
    return Status::Invalid("region_code", in.region_code, "must be a regency, district or village");
  }
  if (in.kind == "counter") {
    auto from = Date::Parse(in.starts_on, "starts_on");
    if (!from.ok()) return Status::Invalid("starts_on", in.starts_on, "a counter needs the event's first day (YYYY-MM-DD)");
    auto to = Date::Parse(in.ends_on, "ends_on");
    if (!to.ok()) return Status::Invalid("ends_on", in.ends_on, "a counter needs the event's last day (YYYY-MM-DD)");
    if (*to < *from) return Status::Invalid("ends_on", in.ends_on, "must not be before starts_on");
  } else if (!in.starts_on.empty() || !in.ends_on.empty()) {
    return Status::Invalid("starts_on", in.starts_on, "only a temporary counter has dates");
  }
  EktpStore ektp(store);
  SiteRecord site{0, in.code, in.kind, in.name, digits, 0, in.starts_on, in.ends_on, true, clock_.NowIso()};
  if (in.kind != "dinas" && in.kind != "kecamatan") {
    // Cards recorded here are printed at a Dinas site: the one named, or the Dinas of the regency.
    if (in.print_site_id != 0) {
      auto ps = SiteInScope(store, who, in.print_site_id);
      if (!ps.ok() || (ps->kind != "dinas" && ps->kind != "kecamatan") || !ps->active ||
          digits.compare(0, 4, ps->region_code.substr(0, 4)) != 0) {
        return Status::Invalid("print_site_id", std::to_string(in.print_site_id),
                               "must be an open Dinas or kecamatan site of the same regency, in your scope");
      }
      site.print_site_id = ps->id;
    } else {
      SIAK_ASSIGN_OR_RETURN(auto sites, ektp.Sites(digits.substr(0, 4)));
      for (const auto& s : sites) {
        if (s.kind == "dinas" && s.region_code == digits.substr(0, 4)) site.print_site_id = s.id;
      }
    }
  } else if (in.print_site_id != 0) {
    return Status::Invalid("print_site_id", std::to_string(in.print_site_id), "a Dinas or kecamatan site prints itself");
  }
  auto id = ektp.InsertSite(site);
  if (!id.ok()) {
    if (id.status().code() == StatusCode::kAlreadyExists) return Status::AlreadyExists("code", in.code);
    return id.status();
  }
  site.id = *id;
  return site;
}

Result<SiteRecord> EktpService::GetSite(Store& store, const Principal& who, int64_t id) {
  return SiteInScope(store, who, id);
}

Result<std::vector<SiteRecord>> EktpService::ListSites(Store& store, const Principal& who) {
  return EktpStore(store).Sites(who.scope);
}

Result<DeviceRecord> EktpService::RegisterDevice(Store& store, const Principal& who, int64_t site_id,
                                                 const DeviceRecord& device) {
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, site_id));
  if (!ValidCode(device.serial, 40)) {
    return Status::Invalid("serial", device.serial, "must be 1-40 characters of A-Z 0-9 - _ .");
  }
  if (!OneOf(device.kind, kDeviceKinds)) {
    return Status::Invalid("kind", device.kind, "must be one of " + ListOf(kDeviceKinds));
  }
  if (device.model.empty() || device.model.size() > 120) {
    return Status::Invalid("model", device.model, "must be 1-120 characters");
  }
  DeviceRecord d{device.serial, site.id, device.kind, device.model, true, clock_.NowIso()};
  Status st = EktpStore(store).InsertDevice(d);
  if (st.code() == StatusCode::kAlreadyExists) return Status::AlreadyExists("serial", device.serial);
  if (!st.ok()) return st;
  return d;
}

Result<std::vector<DeviceRecord>> EktpService::ListDevices(Store& store, const Principal& who, int64_t site_id) {
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, site_id));
  return EktpStore(store).DevicesOf(site.id);
}

// ---- recording ----

Result<RecordingResult> EktpService::Record(Store& store, const Principal& who, const RecordingInput& in,
                                            const Result<CheckedCaptures>* checked) {
  if (!dedup_) return Status::Unavailable("the biometric engine is not running on this server");
  if (!ValidRecordingId(in.recording_id)) {
    return Status::Invalid("recording_id", in.recording_id, "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
  }
  EktpStore ektp(store);
  // A retried submission (the mobile team's sync after a dropped connection) finds its recording.
  SIAK_ASSIGN_OR_RETURN(auto existing, ektp.FindRecording(in.recording_id));
  if (existing) {
    if (existing->nik != in.nik) {
      return Status::Conflict("recording_id", in.recording_id, "is already used for another NIK");
    }
    return GetRecording(store, who, in.recording_id);
  }
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, in.site_id));
  if (!site.active) return Status::Invalid("site_id", std::to_string(in.site_id), "the site is closed");
  auto device = ektp.GetDevice(in.device_serial);
  if (!device.ok() || device->site_id != site.id) {
    return Status::Invalid("device_serial", in.device_serial, "is not a device registered to site " + site.code);
  }
  if (!device->active) return Status::Invalid("device_serial", in.device_serial, "the device is retired");
  const auto captured = IsoSeconds(in.captured_at);
  if (!captured) return Status::Invalid("captured_at", in.captured_at, "must be UTC time like 2026-11-28T08:00:00Z");
  const int64_t now = clock_.NowUnix();
  if (*captured > now + 300) return Status::Invalid("captured_at", in.captured_at, "is in the future: check the device clock");
  if (*captured < now - int64_t{policy_.max_capture_age_days} * 86400) {
    return Status::Invalid("captured_at", in.captured_at,
                           "is more than " + std::to_string(policy_.max_capture_age_days) + " days old: record again");
  }
  const Date capture_day = Date::FromDays(*captured / 86400);
  if (site.kind == "counter" &&
      (capture_day.ToString() < site.starts_on || capture_day.ToString() > site.ends_on)) {
    return Status::Invalid("captured_at", in.captured_at,
                           "is outside the counter's dates " + site.starts_on + " to " + site.ends_on);
  }
  SIAK_ASSIGN_OR_RETURN(StoredPerson person, PersonInScope(store, who, in.nik));
  const Person& p = person.person;
  if (p.status_dasar != StatusDasar::kHidup) {
    return Status::Invalid("nik", in.nik, "the person's status is " + std::string(LabelOf(p.status_dasar)) +
                                              ": only living residents record an e-KTP");
  }
  const Eligibility e = WajibKtp(EligibilityFacts{p.kewarganegaraan, p.kitap, p.tanggal_lahir, p.status_perkawinan,
                                                  p.status_dasar},
                                 capture_day);
  if (!e.wajib_ktp) {
    return Status::Invalid("nik", in.nik, "is not wajib KTP on " + capture_day.ToString() + ": " + e.reason);
  }
  if (p.ektp_status != EktpStatus::kBelumRekam && p.ektp_status != EktpStatus::kBelumWajib &&
      p.ektp_status != EktpStatus::kEnrollFailure) {
    return Status::FailedPrecondition("NIK " + in.nik + " has already recorded (e-KTP status " +
                                      std::string(EktpStatusName(p.ektp_status)) +
                                      "): a new card is a reprint, without recording again");
  }

  // Quality gates (store-free; the API runs them on a worker before the write, see CheckCaptures).
  std::optional<Result<CheckedCaptures>> own;
  if (!checked) {
    own.emplace(CheckCaptures(in));
    checked = &*own;
  }
  if (!checked->ok()) return checked->status();
  const CheckedCaptures& captures = **checked;
  RecordingResult result;
  result.created = true;
  Status st = store.Transaction([&]() -> Status {
    if (person.person.ektp_status == EktpStatus::kBelumWajib) {
      // Turned 17 (or married) since the last sweep: wajib KTP from today, then recorded.
      SIAK_RETURN_IF_ERROR(ApplyEvent(store, in.nik, EktpEvent::kBecameWajib, who.username,
                                      Json{{"reason", e.reason}}.dump()));
    }
    bool created = false;
    SIAK_ASSIGN_OR_RETURN(result.job, dedup_->Submit(store, who,
                                                      DedupSubmission{in.recording_id, person.person.nik, captures.irises,
                                                                      in.captured_at, captures.fingers},
                                                      &created));
    if (!created) {
      return Status::Conflict("recording_id", in.recording_id,
                              "is already used by a de-duplication job: a new recording needs a new id");
    }
    RecordingRecord r{in.recording_id,
                      in.nik,
                      p.wilayah.digits(),
                      site.id,
                      in.device_serial,
                      who.username,
                      in.captured_at,
                      clock_.NowIso(),
                      ToHex(SealSecret(template_key_, in.photo)),
                      ToHex(SealSecret(template_key_, in.signature)),
                      ToHex(SealSecret(template_key_, captures.fingers_json)),
                      captures.quality_json,
                      result.job.id};
    SIAK_RETURN_IF_ERROR(ektp.InsertRecording(r));
    result.recording = r;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  result.recording = WithoutBiometrics(std::move(result.recording));
  return result;
}

Result<CheckedCaptures> EktpService::CheckCaptures(const RecordingInput& in) const {
  // Each rule says what the officer must do.
  SIAK_ASSIGN_OR_RETURN(card::ImageQuality photo_q, card::CheckFacePhoto(in.photo));
  SIAK_ASSIGN_OR_RETURN(card::ImageQuality sign_q, card::CheckSignature(in.signature));
  if (in.fingers.size() != 10) {
    return Status::Invalid("fingers", std::to_string(in.fingers.size()) + " given",
                           "must list all ten fingers (positions 1-10), each with a template or a missing reason");
  }
  Json fingers_sealed = Json::array();
  Json fingers_quality = Json::array();
  std::set<int> seen;
  int usable_fingers = 0;
  std::vector<DedupFinger> usable;
  for (size_t i = 0; i < in.fingers.size(); ++i) {
    const FingerInput& f = in.fingers[i];
    const std::string at = "fingers[" + std::to_string(i) + "]";
    if (f.position < 1 || f.position > 10) {
      return Status::Invalid(at + ".position", std::to_string(f.position), "must be an ISO finger position 1-10");
    }
    if (!seen.insert(f.position).second) {
      return Status::Invalid(at + ".position", std::to_string(f.position), "is listed twice");
    }
    if (f.template_bytes.empty()) {
      if (!OneOf(f.missing, kMissingFinger)) {
        return Status::Invalid(at + ".missing", f.missing,
                               "a finger without a template needs a reason: " + ListOf(kMissingFinger));
      }
      fingers_sealed.push_back({{"position", f.position}, {"missing", f.missing}});
      fingers_quality.push_back({{"position", f.position}, {"missing", f.missing}});
      continue;
    }
    if (!f.missing.empty()) {
      return Status::Invalid(at + ".missing", f.missing, "a finger with a template is not missing");
    }
    SIAK_ASSIGN_OR_RETURN(abis::FingerRecord rec, abis::DecodeFingerRecord(f.template_bytes, at + ".template"));
    const abis::FingerView& view = rec.views.front();
    if (view.position != 0 && view.position != f.position) {
      return Status::Invalid(at + ".template", "finger position " + std::to_string(view.position),
                             "does not match position " + std::to_string(f.position) + ": check which finger was scanned");
    }
    if (static_cast<int>(view.minutiae.size()) < policy_.min_minutiae) {
      return Status::Invalid(at + ".template", std::to_string(view.minutiae.size()) + " minutiae",
                             "too few minutiae (at least " + std::to_string(policy_.min_minutiae) +
                                 "): clean the finger and the scanner and capture it again");
    }
    if (view.quality > 0 && view.quality < 20) {
      return Status::Invalid(at + ".template", "quality " + std::to_string(view.quality),
                             "finger quality below 20: press the finger flat and capture it again");
    }
    ++usable_fingers;
    usable.push_back(DedupFinger{f.position, f.template_bytes});
    fingers_sealed.push_back({{"position", f.position}, {"template", ToBase64(f.template_bytes)}});
    fingers_quality.push_back(
        {{"position", f.position}, {"minutiae", view.minutiae.size()}, {"quality", view.quality}});
  }
  std::vector<abis::IrisTemplate> irises;
  Json irises_quality = Json::array();
  std::set<abis::Eye> eyes;
  for (size_t i = 0; i < in.irises.size(); ++i) {
    const IrisInput& x = in.irises[i];
    const std::string at = "irises[" + std::to_string(i) + "]";
    if (!eyes.insert(x.eye).second) return Status::Invalid(at + ".eye", std::string(abis::EyeName(x.eye)), "is listed twice");
    if (!x.iris) {
      if (!OneOf(x.missing, kMissingEye)) {
        return Status::Invalid(at + ".missing", x.missing, "an eye without a template needs a reason: " + ListOf(kMissingEye));
      }
      irises_quality.push_back({{"eye", abis::EyeName(x.eye)}, {"missing", x.missing}});
      continue;
    }
    irises.push_back(*x.iris);
    irises_quality.push_back({{"eye", abis::EyeName(x.eye)}, {"usable_bits", x.iris->iris.UsableBits()}});
  }
  if (eyes.size() != 2) {
    return Status::Invalid("irises", std::to_string(in.irises.size()) + " given",
                           "must list both eyes (right and left), each with a template or a missing reason");
  }
  if (irises.empty() && usable.empty()) {
    // Without a usable iris or finger the one-person-one-NIK check cannot run: the recording is
    // refused rather than passed unchecked.
    return Status::Invalid("irises", "none usable",
                           "at least one usable iris or finger is needed for the uniqueness check: capture them again");
  }

  Json quality = {{"photo",
                   {{"format", card::ImageFormatName(photo_q.info.format)},
                    {"width", photo_q.info.width},
                    {"height", photo_q.info.height},
                    {"mean_luma", photo_q.mean_luma},
                    {"contrast", photo_q.luma_stddev}}},
                  {"signature",
                   {{"format", card::ImageFormatName(sign_q.info.format)},
                    {"width", sign_q.info.width},
                    {"height", sign_q.info.height},
                    {"ink", sign_q.ink_fraction}}},
                  {"fingers", fingers_quality},
                  {"usable_fingers", usable_fingers},
                  {"irises", irises_quality}};
  return CheckedCaptures{std::move(irises), std::move(usable), fingers_sealed.dump(), quality.dump()};
}

Result<RecordingResult> EktpService::GetRecording(Store& store, const Principal& who, const std::string& id) {
  EktpStore ektp(store);
  SIAK_ASSIGN_OR_RETURN(auto rec, ektp.FindRecording(id));
  if (!rec || !InScope(who.scope, rec->region_code)) return Status::NotFound("recording_id", id);
  RecordingResult out;
  out.recording = WithoutBiometrics(*rec);
  if (rec->abis_job_id != 0) {
    SIAK_ASSIGN_OR_RETURN(out.job, AbisStore(store).GetJob(rec->abis_job_id));
    out.job.templates.clear();
  }
  return out;
}

// ---- print queue hook ----

Status EktpService::OnPrintReady(Store& store, const std::string& nik) {
  EktpStore ektp(store);
  SIAK_ASSIGN_OR_RETURN(auto open, ektp.QueuedRequestOf(nik));
  if (open) return Status::Ok();
  SIAK_ASSIGN_OR_RETURN(auto recordings, ektp.RecordingsOf(nik));
  // Only a perekaman made here has the photo and signature a card needs; irises submitted to
  // the engine alone (POST /abis/jobs) are de-duplicated but not printed.
  if (recordings.empty()) return Status::Ok();
  auto parsed = Nik::ParseStructure(nik);
  if (!parsed.ok()) return parsed.status();
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, store.GetPerson(*parsed));
  PrintRequestRecord q;
  q.nik = nik;
  q.region_code = p.person.wilayah.digits();
  q.reason = "first";
  q.requested_by = "abis";
  q.requested_at = clock_.NowIso();
  auto site = ektp.GetSite(recordings.front().site_id);
  if (site.ok()) q.site_id = PrintSiteOf(*site);
  return ektp.InsertPrintRequest(q).status();
}

// ---- the blank ledger ----

Result<std::string> EktpService::CheckAccount(Store& store, const std::string& field, const std::string& account) {
  if (account == "pusat") return std::string("");
  if (account.rfind("prov:", 0) == 0 || account.rfind("kab:", 0) == 0) {
    const std::string digits = StockAccountRegion(account);
    const size_t want = account[0] == 'p' ? 2 : 4;
    if (digits.size() != want || !regions_.Get(digits)) {
      return Status::Invalid(field, account, "is not a known " + std::string(want == 2 ? "province" : "regency"));
    }
    return digits;
  }
  if (account.rfind("site:", 0) == 0) {
    const std::string id = account.substr(5);
    if (id.empty() || id.size() > 18 ||
        !std::all_of(id.begin(), id.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
      return Status::Invalid(field, account, "must be site:<id>");
    }
    auto site = EktpStore(store).GetSite(std::stoll(id));
    if (!site.ok()) return Status::Invalid(field, account, "is not a registered site");
    return site->region_code;
  }
  return Status::Invalid(field, account, "must be pusat, prov:<2 digits>, kab:<4 digits> or site:<id>");
}

Result<StockEntry> EktpService::MoveStock(Store& store, const Principal& who, const StockMoveInput& in) {
  if (in.quantity < 1 || in.quantity > 10'000'000) {
    return Status::Invalid("quantity", std::to_string(in.quantity), "must be between 1 and 10,000,000");
  }
  const bool centre = who.scope.empty();
  std::string from_region, to_region;
  if (!in.from.empty()) {
    SIAK_ASSIGN_OR_RETURN(from_region, CheckAccount(store, "from", in.from));
  }
  if (!in.to.empty()) {
    SIAK_ASSIGN_OR_RETURN(to_region, CheckAccount(store, "to", in.to));
  }
  auto need = [](bool ok, const std::string& field, const std::string& value, const std::string& rule) {
    return ok ? Status::Ok() : Status::Invalid(field, value, rule);
  };
  if (in.kind == "procured") {
    SIAK_RETURN_IF_ERROR(need(in.from.empty(), "from", in.from, "procured blanks come from the manufacturer: no from"));
    SIAK_RETURN_IF_ERROR(need(in.to == "pusat", "to", in.to, "procured blanks enter the centre's stock (pusat)"));
    if (!centre) return Status::Invalid("kind", in.kind, "only a national user records procurement");
  } else if (in.kind == "delivered") {
    SIAK_RETURN_IF_ERROR(need(in.from == "pusat", "from", in.from, "deliveries leave the centre (pusat)"));
    SIAK_RETURN_IF_ERROR(need(in.to.rfind("prov:", 0) == 0 || in.to.rfind("kab:", 0) == 0, "to", in.to,
                              "the centre delivers to a province or a regency"));
    if (!centre) return Status::Invalid("kind", in.kind, "only a national user records deliveries from the centre");
  } else if (in.kind == "allocated") {
    const bool prov_to_kab = in.from.rfind("prov:", 0) == 0 && in.to.rfind("kab:", 0) == 0 &&
                             to_region.substr(0, 2) == from_region;
    const bool kab_to_site = in.from.rfind("kab:", 0) == 0 && in.to.rfind("site:", 0) == 0 &&
                             to_region.substr(0, 4) == from_region;
    SIAK_RETURN_IF_ERROR(need(prov_to_kab || kab_to_site, "to", in.to,
                              "allocations go from a province to one of its regencies, or from a regency to one of its sites"));
  } else if (in.kind == "transferred") {
    SIAK_RETURN_IF_ERROR(need(in.from.rfind("site:", 0) == 0 && in.to.rfind("site:", 0) == 0 && in.from != in.to,
                              "to", in.to, "transfers go from one site to another"));
  } else if (in.kind == "spoiled") {
    SIAK_RETURN_IF_ERROR(need(in.from.rfind("site:", 0) == 0, "from", in.from, "spoiled blanks leave a site's stock"));
    SIAK_RETURN_IF_ERROR(need(in.to.empty(), "to", in.to, "spoiled blanks go nowhere"));
    SIAK_RETURN_IF_ERROR(need(in.reason == "misprint" || in.reason == "damaged", "reason", in.reason,
                              "must be misprint or damaged"));
  } else {
    return Status::Invalid("kind", in.kind, "must be one of procured, delivered, allocated, transferred, spoiled");
  }
  // The caller must hold both ends in scope (the centre is national).
  for (const auto& [field, region] : {std::pair{"from", from_region}, std::pair{"to", to_region}}) {
    const std::string& account = std::string(field) == "from" ? in.from : in.to;
    if (account.empty()) continue;
    if ((account == "pusat" && !centre) || (account != "pusat" && !InScope(who.scope, region))) {
      // A regency's user may receive from its province and send to its sites.
      const bool receiving_from_parent = std::string(field) == "from" && in.kind == "allocated" &&
                                         in.from.rfind("prov:", 0) == 0 && who.scope == to_region;
      if (!receiving_from_parent) return Status::Invalid(field, account, "is outside your region scope");
    }
  }
  EktpStore ektp(store);
  const std::string at = clock_.NowIso();
  StockEntry entry{0, at, at.substr(0, 7), in.kind, in.from, in.to, in.quantity, in.reason, "", who.username};
  Status st = store.Transaction([&]() -> Status {
    if (in.to.rfind("kab:", 0) == 0) {
      // A regency's monthly quota bounds what it receives (deliveries and allocations).
      SIAK_ASSIGN_OR_RETURN(StockAccount acc, ektp.Account(in.to));
      if (acc.monthly_quota > 0) {
        SIAK_ASSIGN_OR_RETURN(int64_t delivered, ektp.MonthTotal(in.to, entry.month, "delivered"));
        SIAK_ASSIGN_OR_RETURN(int64_t allocated, ektp.MonthTotal(in.to, entry.month, "allocated"));
        if (delivered + allocated + in.quantity > acc.monthly_quota) {
          return Status::Conflict("quantity", std::to_string(in.quantity),
                                  "exceeds the monthly quota of " + std::to_string(acc.monthly_quota) + " for " +
                                      in.to + " (" + std::to_string(delivered + allocated) + " received in " +
                                      entry.month + ")");
        }
      }
    }
    SIAK_ASSIGN_OR_RETURN(entry.seq, ektp.Move(entry));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return entry;
}

Result<StockView> EktpService::Stock(Store& store, const Principal& who, const std::string& account) {
  SIAK_ASSIGN_OR_RETURN(std::string region, CheckAccount(store, "account", account));
  if ((account == "pusat" && !who.scope.empty()) || (account != "pusat" && !InScope(who.scope, region))) {
    return Status::NotFound("account", account);
  }
  EktpStore ektp(store);
  StockView v;
  SIAK_ASSIGN_OR_RETURN(v.account, ektp.Account(account));
  const std::string month = clock_.NowIso().substr(0, 7);
  SIAK_ASSIGN_OR_RETURN(int64_t delivered, ektp.MonthTotal(account, month, "delivered"));
  SIAK_ASSIGN_OR_RETURN(int64_t allocated, ektp.MonthTotal(account, month, "allocated"));
  v.delivered_this_month = delivered + allocated;
  v.low = v.account.on_hand <= v.account.low_stock;
  return v;
}

Result<std::vector<StockView>> EktpService::StockAccounts(Store& store, const Principal& who) {
  EktpStore ektp(store);
  SIAK_ASSIGN_OR_RETURN(auto accounts, ektp.Accounts());
  std::vector<StockView> out;
  for (const auto& a : accounts) {
    auto v = Stock(store, who, a.account);
    if (v.ok()) out.push_back(*v);
  }
  return out;
}

Status EktpService::SetQuota(Store& store, const Principal& who, const std::string& account, int64_t monthly_quota,
                             int64_t low_stock) {
  SIAK_ASSIGN_OR_RETURN(std::string region, CheckAccount(store, "account", account));
  if ((account == "pusat" && !who.scope.empty()) || (account != "pusat" && !InScope(who.scope, region))) {
    return Status::NotFound("account", account);
  }
  if (account != "pusat" && who.scope.size() >= region.size() && account.rfind("site:", 0) != 0) {
    return Status::Invalid("account", account, "a regency's or province's quota is set from the level above it");
  }
  if (monthly_quota < 0) return Status::Invalid("monthly_quota", std::to_string(monthly_quota), "must be 0 or more");
  if (low_stock < 0) return Status::Invalid("low_stock", std::to_string(low_stock), "must be 0 or more");
  return EktpStore(store).SetQuota(account, monthly_quota, low_stock);
}

Result<std::vector<StockEntry>> EktpService::StockEntries(Store& store, const Principal& who,
                                                          const std::string& account, int64_t after_seq, int limit) {
  SIAK_RETURN_IF_ERROR(Stock(store, who, account).status());
  return EktpStore(store).Entries(account, after_seq, limit);
}

// ---- printing ----

Result<std::vector<PrintRequestRecord>> EktpService::PrintQueue(Store& store, const Principal& who, int64_t site_id,
                                                                int limit) {
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, site_id));
  return EktpStore(store).Queue(site.id, site.region_code.substr(0, 4), limit, who.scope);
}

Result<CardRecord> EktpService::Print(Store& store, const Principal& who, int64_t site_id, int64_t request_id) {
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, site_id));
  if (site.kind != "dinas" && site.kind != "kecamatan") {
    return Status::Invalid("site_id", std::to_string(site_id), "a " + site.kind + " site does not print cards");
  }
  if (!site.active) return Status::Invalid("site_id", std::to_string(site_id), "the site is closed");
  EktpStore ektp(store);
  PrintRequestRecord req;
  if (request_id == 0) {
    // The first request that can print now: one whose person (in scope) waits for a card and has
    // a recording here; a request that cannot (the person died or merged since) never blocks the rest.
    SIAK_ASSIGN_OR_RETURN(auto queue, ektp.Queue(site.id, site.region_code.substr(0, 4), 50, who.scope));
    bool found = false;
    for (const auto& q : queue) {
      auto p = PersonInScope(store, who, q.nik);
      if (!p.ok() || p->person.status_dasar != StatusDasar::kHidup ||
          (p->person.ektp_status != EktpStatus::kPrintReadyRecord &&
           p->person.ektp_status != EktpStatus::kSentForCardPrinting)) {
        continue;
      }
      SIAK_ASSIGN_OR_RETURN(auto recs, ektp.RecordingsOf(q.nik));
      if (recs.empty()) continue;
      req = q;
      found = true;
      break;
    }
    if (!found) return Status::FailedPrecondition("the print queue of site " + site.code + " has nothing to print");
  } else {
    auto r = ektp.GetPrintRequest(request_id);
    if (!r.ok() || !InScope(who.scope, r->region_code)) return Status::NotFound("request_id", std::to_string(request_id));
    req = *r;
    if (req.state != "queued") {
      return Status::Conflict("request_id", std::to_string(request_id), "is " + req.state + ", not queued");
    }
    if (req.site_id != 0 && req.site_id != site.id) {
      return Status::Invalid("request_id", std::to_string(request_id), "is queued at another site");
    }
    if (req.site_id == 0 && req.region_code.compare(0, 4, site.region_code.substr(0, 4)) != 0) {
      return Status::Invalid("request_id", std::to_string(request_id), "is for another regency's print sites");
    }
  }
  SIAK_ASSIGN_OR_RETURN(StoredPerson person, PersonInScope(store, who, req.nik));
  SIAK_ASSIGN_OR_RETURN(auto recordings, ektp.RecordingsOf(req.nik));
  if (recordings.empty()) {
    return Status::FailedPrecondition("NIK " + req.nik + " has no recording on this system to print from");
  }
  const RecordingRecord& rec = recordings.front();
  auto unseal = [&](const std::string& hex, const std::string& what) -> Result<std::string> {
    auto bytes = FromHex(hex);
    if (!bytes) return Status::Internal("the recording's " + what + " is not hex");
    return OpenSecret(template_key_, *bytes, what);
  };
  SIAK_ASSIGN_OR_RETURN(std::string fingers_json, unseal(rec.fingers, "fingers"));
  const Json fingers = Json::parse(fingers_json, nullptr, false);
  if (fingers.is_discarded()) return Status::Internal("the recording's fingers are not JSON");

  const Person& p = person.person;
  const std::string d = p.wilayah.digits();
  const Date today = clock_.Today();
  CardRecord card;
  Status st = store.Transaction([&]() -> Status {
    if (p.ektp_status == EktpStatus::kPrintReadyRecord) {
      SIAK_RETURN_IF_ERROR(ApplyEvent(store, req.nik, EktpEvent::kSentForPrinting, who.username,
                                      Json{{"request_id", req.id}, {"site", site.code}}.dump()));
    } else if (p.ektp_status != EktpStatus::kSentForCardPrinting) {
      return Status::FailedPrecondition("the e-KTP status of " + req.nik + " is " +
                                        std::string(EktpStatusName(p.ektp_status)) + ": nothing to print");
    }
    SIAK_ASSIGN_OR_RETURN(int64_t seq, ektp.NextSequence("card"));
    char serial[32];
    std::snprintf(serial, sizeof serial, "%s%010lld", site.region_code.substr(0, 4).c_str(),
                  static_cast<long long>(seq));
    card.serial = serial;
    // One blank, or nothing happens: the transaction rolls back the status and the serial.
    auto moved = ektp.Move(StockEntry{0, clock_.NowIso(), "", "consumed", SiteAccount(site.id), "", 1, "printed",
                                      card.serial, who.username});
    if (!moved.ok()) {
      if (moved.status().code() == StatusCode::kConflict) {
        return Status::Conflict("site_id", std::to_string(site.id),
                                "site " + site.code + " has no blanks: issue a Suket, or ask for an allocation");
      }
      return moved.status();
    }
    Json face = {{"provinsi", "PROVINSI " + Upper(RegionName(d.substr(0, 2)))},
                 {"kabupaten", Upper(RegionName(d.substr(0, 4)))},
                 {"nik", req.nik},
                 {"nama", Upper(p.nama)},
                 {"tempat_tgl_lahir", Upper(p.tempat_lahir) + ", " + p.tanggal_lahir.ToDayMonthYear()},
                 {"jenis_kelamin", Upper(std::string(LabelOf(p.jenis_kelamin)))},
                 {"golongan_darah", p.golongan_darah == GolonganDarah::kTidakTahu
                                        ? std::string("-")
                                        : Upper(std::string(LabelOf(p.golongan_darah)))},
                 {"alamat", Upper(p.alamat)},
                 {"rt_rw", ThreeDigits(p.rt) + "/" + ThreeDigits(p.rw)},
                 {"kel_desa", Upper(RegionName(d))},
                 {"kecamatan", Upper(RegionName(d.substr(0, 6)))},
                 {"agama", Upper(std::string(LabelOf(p.agama)))},
                 {"status_perkawinan", Upper(std::string(LabelOf(p.status_perkawinan)))},
                 {"pekerjaan", Upper(std::string(LabelOf(p.pekerjaan)))},
                 {"kewarganegaraan", p.kewarganegaraan == Kewarganegaraan::kWni ? "WNI" : "WNA"},
                 {"berlaku_hingga", "SEUMUR HIDUP"},
                 {"tempat_terbit", Upper(RegionName(site.region_code.substr(0, 4)))},
                 {"tanggal_terbit", today.ToDayMonthYear()},
                 {"card_serial", card.serial}};
    card::ChipPayload chip;
    const std::pair<card::ChipItem, const char*> items[] = {
        {card::ChipItem::kCardSerial, "card_serial"}, {card::ChipItem::kNik, "nik"},
        {card::ChipItem::kNama, "nama"},
        {card::ChipItem::kJenisKelamin, "jenis_kelamin"}, {card::ChipItem::kGolonganDarah, "golongan_darah"},
        {card::ChipItem::kAlamat, "alamat"}, {card::ChipItem::kRtRw, "rt_rw"},
        {card::ChipItem::kKelDesa, "kel_desa"}, {card::ChipItem::kKecamatan, "kecamatan"},
        {card::ChipItem::kKabupaten, "kabupaten"}, {card::ChipItem::kProvinsi, "provinsi"},
        {card::ChipItem::kAgama, "agama"}, {card::ChipItem::kStatusPerkawinan, "status_perkawinan"},
        {card::ChipItem::kPekerjaan, "pekerjaan"}, {card::ChipItem::kKewarganegaraan, "kewarganegaraan"},
        {card::ChipItem::kBerlakuHingga, "berlaku_hingga"}, {card::ChipItem::kTempatTerbit, "tempat_terbit"},
        {card::ChipItem::kTanggalTerbit, "tanggal_terbit"}};
    for (const auto& [item, key] : items) chip.items.emplace_back(item, face[key].get<std::string>());
    chip.items.emplace_back(card::ChipItem::kTempatLahir, Upper(p.tempat_lahir));
    chip.items.emplace_back(card::ChipItem::kTanggalLahir, p.tanggal_lahir.ToString());
    SIAK_ASSIGN_OR_RETURN(std::string photo, unseal(rec.photo, "photo"));
    SIAK_ASSIGN_OR_RETURN(std::string signature, unseal(rec.signature, "signature"));
    chip.items.emplace_back(card::ChipItem::kPhotoSha256, Sha256Hex(photo));
    chip.items.emplace_back(card::ChipItem::kSignatureSha256, Sha256Hex(signature));
    std::sort(chip.items.begin(), chip.items.end(),
              [](const auto& a, const auto& b) { return static_cast<int>(a.first) < static_cast<int>(b.first); });
    for (const Json& f : fingers) {
      const int pos = f.value("position", 0);
      if ((pos == abis::kRightIndex || pos == abis::kLeftIndex) && f.contains("template")) {
        auto bytes = FromBase64(f["template"].get<std::string>());
        if (bytes) chip.fingers.push_back({pos, *bytes});
      }
    }
    SIAK_ASSIGN_OR_RETURN(std::string chip_bytes, card::EncodeChipPayload(chip, signing_key_));
    card.nik = req.nik;
    card.region_code = d;
    card.site_id = site.id;
    card.request_id = req.id;
    card.recording_id = rec.id;
    card.state = "printed";
    card.face = face.dump();
    card.chip = ToHex(chip_bytes);
    card.printed_by = who.username;
    card.printed_at = clock_.NowIso();
    SIAK_RETURN_IF_ERROR(ektp.InsertCard(card));
    SIAK_RETURN_IF_ERROR(ektp.CloseRequest(req.id, "printed", card.serial));
    SIAK_RETURN_IF_ERROR(ApplyEvent(store, req.nik, EktpEvent::kCardPrinted, who.username,
                                    Json{{"serial", card.serial}, {"site", site.code}, {"reason", req.reason}}.dump()));
    SIAK_ASSIGN_OR_RETURN(int64_t superseded, ektp.CloseSukets(req.nik, "superseded", card.serial, card.printed_at));
    (void)superseded;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return card;
}

Result<CardRecord> EktpService::GetCard(Store& store, const Principal& who, const std::string& serial) {
  auto card = EktpStore(store).GetCard(serial);
  if (!card.ok() || !InScope(who.scope, card->region_code)) return Status::NotFound("serial", serial);
  return card;
}

Result<std::string> EktpService::RenderCard(Store& store, const Principal& who, const std::string& serial,
                                            const std::string& format) {
  if (format != "pdf" && format != "png") return Status::Invalid("format", format, "must be pdf or png");
  SIAK_ASSIGN_OR_RETURN(CardRecord c, GetCard(store, who, serial));
  if (c.state == "revoked") {
    return Status::FailedPrecondition("card " + serial + " is revoked (" + c.revoke_reason + "): it is not rendered again");
  }
  SIAK_ASSIGN_OR_RETURN(auto rec, EktpStore(store).FindRecording(c.recording_id));
  if (!rec) return Status::Internal("card " + serial + " names a recording that is gone");
  const Json face = Json::parse(c.face, nullptr, false);
  if (face.is_discarded()) return Status::Internal("card " + serial + " has an unreadable face record");
  auto get = [&](const char* key) { return face.value(key, std::string()); };
  card::CardFace f;
  f.provinsi = get("provinsi");
  f.kabupaten = get("kabupaten");
  f.nik = get("nik");
  f.nama = get("nama");
  f.tempat_tgl_lahir = get("tempat_tgl_lahir");
  f.jenis_kelamin = get("jenis_kelamin");
  f.golongan_darah = get("golongan_darah");
  f.alamat = get("alamat");
  f.rt_rw = get("rt_rw");
  f.kel_desa = get("kel_desa");
  f.kecamatan = get("kecamatan");
  f.agama = get("agama");
  f.status_perkawinan = get("status_perkawinan");
  f.pekerjaan = get("pekerjaan");
  f.kewarganegaraan = get("kewarganegaraan");
  f.berlaku_hingga = get("berlaku_hingga");
  f.tempat_terbit = get("tempat_terbit");
  f.tanggal_terbit = get("tanggal_terbit");
  f.card_serial = c.serial;
  auto photo = FromHex(rec->photo);
  auto signature = FromHex(rec->signature);
  if (!photo || !signature) return Status::Internal("the recording's images are not hex");
  SIAK_ASSIGN_OR_RETURN(f.photo, OpenSecret(template_key_, *photo, "photo"));
  SIAK_ASSIGN_OR_RETURN(f.signature, OpenSecret(template_key_, *signature, "signature"));
  return format == "pdf" ? card::RenderCardPdf(f) : card::RenderCardPng(f);
}

Result<CardRecord> EktpService::Handover(Store& store, const Principal& who, const std::string& serial,
                                         const std::string& received_by) {
  if (received_by.empty() || received_by.size() > 120) {
    return Status::Invalid("received_by", received_by, "the name of who received the card, 1-120 characters");
  }
  SIAK_ASSIGN_OR_RETURN(CardRecord c, GetCard(store, who, serial));
  EktpStore ektp(store);
  const std::string at = clock_.NowIso();
  Status st = store.Transaction([&]() -> Status {
    SIAK_RETURN_IF_ERROR(ektp.IssueCard(serial, received_by, who.username, at));
    return ApplyEvent(store, c.nik, EktpEvent::kCardIssued, who.username,
                      Json{{"serial", serial}, {"received_by", received_by}}.dump());
  });
  if (!st.ok()) return st;
  return ektp.GetCard(serial);
}

Result<PrintRequestRecord> EktpService::Misprint(Store& store, const Principal& who, const std::string& serial,
                                                 const std::string& reason) {
  if (reason.empty() || reason.size() > 200) {
    return Status::Invalid("reason", reason, "say what is wrong with the card, 1-200 characters");
  }
  SIAK_ASSIGN_OR_RETURN(CardRecord c, GetCard(store, who, serial));
  if (c.state != "printed") {
    return Status::Conflict("serial", serial, "is " + c.state + ": only a card not yet handed over is a misprint");
  }
  EktpStore ektp(store);
  PrintRequestRecord q;
  Status st = store.Transaction([&]() -> Status {
    SIAK_RETURN_IF_ERROR(ektp.RevokeCard(serial, "misprint: " + reason, clock_.NowIso()));
    SIAK_RETURN_IF_ERROR(ApplyEvent(store, c.nik, EktpEvent::kReprintRequested, who.username,
                                    Json{{"reason", "misprint"}, {"old_serial", serial}, {"detail", reason}}.dump()));
    q = PrintRequestRecord{0, c.nik, c.region_code, c.site_id, "misprint", 1, "queued", reason, serial, "",
                           who.username, clock_.NowIso()};
    SIAK_ASSIGN_OR_RETURN(q.id, ektp.InsertPrintRequest(q));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return q;
}

Result<PrintRequestRecord> EktpService::RequestReprint(Store& store, const Principal& who, const std::string& nik,
                                                       const std::string& reason, const std::string& document_ref,
                                                       int64_t site_id) {
  if (reason != "lost" && reason != "damaged" && reason != "data_change") {
    return Status::Invalid("reason", reason, "must be lost, damaged or data_change");
  }
  if (document_ref.empty() || document_ref.size() > 80) {
    const char* what = reason == "lost"      ? "the police report number (surat keterangan kehilangan)"
                       : reason == "damaged" ? "the form F-1.02 number (the damaged card is handed in)"
                                             : "the supporting document's number";
    return Status::Invalid("document_ref", document_ref, std::string("is required: ") + what);
  }
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, site_id));
  const int64_t print_site = PrintSiteOf(site);
  if (print_site == 0) {
    return Status::Invalid("site_id", std::to_string(site_id), "has no print site: register its Dinas first");
  }
  SIAK_ASSIGN_OR_RETURN(StoredPerson person, PersonInScope(store, who, nik));
  EktpStore ektp(store);
  // A move (pindah-datang) already marks the card for reprint (SENT_FOR_CARD_PRINTING) without a
  // print request: the reprint request completes it.
  SIAK_ASSIGN_OR_RETURN(auto queued, ektp.QueuedRequestOf(nik));
  const bool marked_by_move = person.person.ektp_status == EktpStatus::kSentForCardPrinting && !queued;
  if (person.person.ektp_status != EktpStatus::kCardIssued && !marked_by_move) {
    return Status::FailedPrecondition("the e-KTP status of " + nik + " is " +
                                      std::string(EktpStatusName(person.person.ektp_status)) +
                                      ": a reprint needs a card that was issued");
  }
  SIAK_ASSIGN_OR_RETURN(auto cards, ektp.CardsOf(nik));
  std::string old_serial;
  for (const auto& c : cards) {
    if (c.state == "issued") old_serial = c.serial;
  }
  PrintRequestRecord q{0,  nik, person.person.wilayah.digits(), print_site, reason,
                       reason == "lost" && policy_.lost_card_priority ? 1 : 0,
                       "queued", document_ref, old_serial, "", who.username, clock_.NowIso()};
  Status st = store.Transaction([&]() -> Status {
    if (!old_serial.empty()) SIAK_RETURN_IF_ERROR(ektp.RevokeCard(old_serial, reason, q.requested_at));
    if (!marked_by_move) {
      SIAK_RETURN_IF_ERROR(ApplyEvent(store, nik, EktpEvent::kReprintRequested, who.username,
                                      Json{{"reason", reason}, {"document_ref", document_ref},
                                           {"old_serial", old_serial}}
                                          .dump()));
    }
    SIAK_ASSIGN_OR_RETURN(q.id, ektp.InsertPrintRequest(q));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return q;
}

// ---- Suket ----

Result<SuketRecord> EktpService::IssueSuket(Store& store, const Principal& who, const std::string& nik,
                                            int64_t site_id) {
  SIAK_ASSIGN_OR_RETURN(SiteRecord site, SiteInScope(store, who, site_id));
  if (!site.active) return Status::Invalid("site_id", std::to_string(site_id), "the site is closed");
  SIAK_ASSIGN_OR_RETURN(StoredPerson person, PersonInScope(store, who, nik));
  const EktpStatus s = person.person.ektp_status;
  if (s != EktpStatus::kPrintReadyRecord && s != EktpStatus::kSentForCardPrinting) {
    return Status::FailedPrecondition(
        "the e-KTP status of " + nik + " is " + std::string(EktpStatusName(s)) +
        ": a Suket is only for a recorded, verified person whose card is waiting to be printed");
  }
  EktpStore ektp(store);
  const int64_t print_site = PrintSiteOf(site) != 0 ? PrintSiteOf(site) : site.id;
  SIAK_ASSIGN_OR_RETURN(StockAccount stock, ektp.Account(SiteAccount(print_site)));
  if (stock.on_hand > 0) {
    return Status::FailedPrecondition("site " + site.code + " has " + std::to_string(stock.on_hand) +
                                      " blanks in stock: print the card instead of a Suket");
  }
  const Date today = clock_.Today();
  SIAK_ASSIGN_OR_RETURN(auto existing, ektp.SuketsOf(nik));
  for (const auto& x : existing) {
    if (x.state == "active" && x.valid_until >= today.ToString()) {
      return Status::Conflict("nik", nik, "already holds Suket " + x.number + " valid until " + x.valid_until);
    }
  }
  const std::string d = person.person.wilayah.digits();
  SuketRecord suket;
  Status st = store.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(int64_t seq, ektp.NextSequence("suket:" + d.substr(0, 4) + ":" +
                                                          std::to_string(today.year())));
    char number[48];
    std::snprintf(number, sizeof number, "SKT-%s-%04d-%06lld", d.substr(0, 4).c_str(), today.year(),
                  static_cast<long long>(seq));
    suket.number = number;
    suket.nik = nik;
    suket.region_code = d;
    suket.site_id = site.id;
    suket.state = "active";
    suket.issued_by = who.username;
    suket.issued_at = clock_.NowIso();
    suket.valid_until = AddMonths(today, policy_.suket_valid_months).ToString();
    SIAK_ASSIGN_OR_RETURN(suket.reference,
                          card::SignSuketReference(card::SuketReference{suket.number, nik, suket.valid_until},
                                                   signing_key_));
    SIAK_RETURN_IF_ERROR(ektp.InsertSuket(suket));
    return ApplyEvent(store, nik, EktpEvent::kSuketIssued, who.username,
                      Json{{"number", suket.number}, {"valid_until", suket.valid_until}, {"site", site.code}}.dump());
  });
  if (!st.ok()) return st;
  return suket;
}

Result<SuketRecord> EktpService::GetSuket(Store& store, const Principal& who, const std::string& number) {
  auto s = EktpStore(store).GetSuket(number);
  if (!s.ok() || !InScope(who.scope, s->region_code)) return Status::NotFound("number", number);
  return s;
}

Result<std::vector<SuketRecord>> EktpService::ListSukets(Store& store, const Principal& who, const std::string& state,
                                                          const std::string& after_number, int limit) {
  if (!state.empty() && state != "active" && state != "superseded" && state != "revoked") {
    return Status::Invalid("state", state, "must be active, superseded or revoked");
  }
  return EktpStore(store).Sukets(who.scope, state, after_number, limit);
}

Result<std::string> EktpService::RenderSuket(Store& store, const Principal& who, const std::string& number) {
  SIAK_ASSIGN_OR_RETURN(SuketRecord s, GetSuket(store, who, number));
  SIAK_ASSIGN_OR_RETURN(StoredPerson person, PersonInScope(store, who, s.nik));
  const Person& p = person.person;
  const std::string d = p.wilayah.digits();
  card::SuketDocument doc;
  doc.number = s.number;
  doc.nik = s.nik;
  doc.nama = Upper(p.nama);
  doc.tempat_tgl_lahir = Upper(p.tempat_lahir) + ", " + p.tanggal_lahir.ToDayMonthYear();
  doc.jenis_kelamin = Upper(std::string(LabelOf(p.jenis_kelamin)));
  doc.alamat = Upper(p.alamat);
  doc.rt_rw = ThreeDigits(p.rt) + "/" + ThreeDigits(p.rw);
  doc.kel_desa = Upper(RegionName(d));
  doc.kecamatan = Upper(RegionName(d.substr(0, 6)));
  doc.kabupaten = Upper(RegionName(d.substr(0, 4)));
  doc.provinsi = Upper(RegionName(d.substr(0, 2)));
  doc.agama = Upper(std::string(LabelOf(p.agama)));
  doc.status_perkawinan = Upper(std::string(LabelOf(p.status_perkawinan)));
  doc.pekerjaan = Upper(std::string(LabelOf(p.pekerjaan)));
  auto issued = Date::Parse(s.issued_at.substr(0, 10));
  auto until = Date::Parse(s.valid_until);
  doc.issued_at = Upper(RegionName(d.substr(0, 4))) + ", " + (issued.ok() ? issued->ToDayMonthYear() : s.issued_at);
  doc.valid_until = until.ok() ? until->ToDayMonthYear() : s.valid_until;
  doc.officer = s.issued_by;
  doc.reference = s.reference;
  SIAK_ASSIGN_OR_RETURN(auto recordings, EktpStore(store).RecordingsOf(s.nik));
  if (!recordings.empty()) {
    auto photo = FromHex(recordings.front().photo);
    if (photo) {
      auto opened = OpenSecret(template_key_, *photo, "photo");
      if (opened.ok()) doc.photo = *opened;
    }
  }
  return card::RenderSuketPdf(doc);
}

Result<std::string> EktpService::LatestPhoto(Store& store, const Principal& who, const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, PersonInScope(store, who, nik));
  SIAK_ASSIGN_OR_RETURN(auto recordings, EktpStore(store).RecordingsOf(p.person.nik.ToString()));
  for (const auto& rec : recordings) {  // newest first; ABIS-only submissions carry no photo
    if (rec.photo.empty()) continue;
    auto sealed = FromHex(rec.photo);
    if (!sealed) return Status::Internal("the recording's photo is not hex");
    return OpenSecret(template_key_, *sealed, "photo");
  }
  return Status::NotFound("photo", nik);
}

Result<EktpService::SuketCheck> EktpService::CheckSuket(Store& store, const std::string& reference) {
  SuketCheck out;
  auto ref = card::VerifySuketReference(reference, signing_key_.public_key());
  if (!ref.ok()) {
    out.problem = ref.status().rule();
    return out;
  }
  out.signature_valid = true;
  out.number = ref->number;
  out.nik_masked = ref->nik.substr(0, 6) + "******" + ref->nik.substr(12);
  out.valid_until = ref->valid_until;
  auto s = EktpStore(store).GetSuket(ref->number);
  if (!s.ok() || s->nik != ref->nik) {
    out.problem = "signed by this register but not found in it";
    return out;
  }
  out.state = s->state;
  out.valid_today = s->state == "active" && s->valid_until >= clock_.Today().ToString();
  if (!out.valid_today) out.problem = s->state == "active" ? "expired" : "no longer valid: " + s->state;
  return out;
}

// ---- reports ----

Result<Coverage> EktpService::GetCoverage(Store& store, const Principal& who, const std::string& region) {
  std::string scope;
  if (!region.empty()) {
    auto code = RegionCode::Parse(region, "region");
    if (!code.ok()) return code.status();
    scope = code->digits();
    if (!regions_.Get(scope)) return Status::Invalid("region", region, "is not a known region");
  } else {
    scope = who.scope;
  }
  if (!InScope(who.scope, scope)) {
    return Status::Invalid("region", region, "is outside your region scope (" +
                                                 (who.scope.empty() ? std::string("national") : who.scope) + ")");
  }
  const int child = ChildRegionDigits(scope.size());
  EktpStore ektp(store);
  SIAK_ASSIGN_OR_RETURN(auto counts, ektp.CoverageCounts(scope, child));
  SIAK_ASSIGN_OR_RETURN(auto sukets, ektp.OutstandingSukets(scope, child, clock_.Today().ToString()));
  // Blanks: regency and province stock, and every site's.
  std::map<std::string, int64_t> blanks;
  SIAK_ASSIGN_OR_RETURN(auto accounts, ektp.Accounts());
  SIAK_ASSIGN_OR_RETURN(auto sites, ektp.Sites(scope));
  std::map<std::string, std::string> site_region;
  for (const auto& s : sites) site_region[SiteAccount(s.id)] = s.region_code;
  for (const auto& a : accounts) {
    std::string r = StockAccountRegion(a.account);
    if (a.account.rfind("site:", 0) == 0) {
      auto it = site_region.find(a.account);
      if (it == site_region.end()) continue;
      r = it->second;
    }
    if (r.empty() || r.size() < scope.size() || r.compare(0, scope.size(), scope) != 0) continue;
    if (r.size() < static_cast<size_t>(std::min<int>(child, 10)) && r.size() != scope.size()) continue;
    const std::string key = r.size() >= static_cast<size_t>(child) ? r.substr(0, child) : r;
    blanks[key] += a.on_hand;
  }
  Coverage out;
  out.region_code = scope;
  std::set<std::string> keys;
  for (const auto& [k, v] : counts) keys.insert(k);
  for (const auto& [k, v] : sukets) keys.insert(k);
  for (const auto& [k, v] : blanks) {
    if (k.size() == static_cast<size_t>(child)) keys.insert(k);
  }
  out.total.region_code = scope;
  out.total.name = scope.empty() ? "INDONESIA" : RegionName(scope);
  for (const std::string& k : keys) {
    CoverageRow row;
    row.region_code = k;
    row.name = RegionName(k);
    auto it = counts.find(k);
    if (it != counts.end()) {
      for (const auto& [status, n] : it->second) {
        row.residents += n;
        if (status != static_cast<int>(EktpStatus::kBelumWajib) && status != static_cast<int>(EktpStatus::kMerged)) {
          row.wajib_ktp += n;
        }
        if (Recorded(status)) row.recorded += n;
        if (status == static_cast<int>(EktpStatus::kPrintReadyRecord) ||
            status == static_cast<int>(EktpStatus::kSentForCardPrinting)) {
          row.print_ready += n;
        }
        if (status == static_cast<int>(EktpStatus::kCardIssued)) row.cards_issued += n;
      }
    }
    if (auto s = sukets.find(k); s != sukets.end()) row.suket_outstanding = s->second;
    if (auto b = blanks.find(k); b != blanks.end()) row.blanks_on_hand = b->second;
    row.recording_rate = row.wajib_ktp > 0 ? static_cast<double>(row.recorded) / row.wajib_ktp : 0;
    out.total.residents += row.residents;
    out.total.wajib_ktp += row.wajib_ktp;
    out.total.recorded += row.recorded;
    out.total.print_ready += row.print_ready;
    out.total.cards_issued += row.cards_issued;
    out.total.suket_outstanding += row.suket_outstanding;
    out.total.blanks_on_hand += row.blanks_on_hand;
    out.children.push_back(std::move(row));
  }
  // Stock held at the scope itself (its regency or province account) counts in the total only.
  if (auto b = blanks.find(scope); b != blanks.end() && static_cast<int>(scope.size()) != child) {
    out.total.blanks_on_hand += b->second;
  }
  out.total.recording_rate =
      out.total.wajib_ktp > 0 ? static_cast<double>(out.total.recorded) / out.total.wajib_ktp : 0;
  return out;
}

Result<EktpTimeline> EktpService::Timeline(Store& store, const Principal& who, const std::string& nik) {
  SIAK_ASSIGN_OR_RETURN(StoredPerson person, PersonInScope(store, who, nik));
  EktpTimeline t;
  t.nik = nik;
  t.status = std::string(EktpStatusName(person.person.ektp_status));
  SIAK_ASSIGN_OR_RETURN(auto events, store.EventsFor(nik));
  for (const auto& e : events) {
    auto ev = EktpEventFromNumber(e.type);
    if (!ev.ok()) continue;  // a register event
    t.events.push_back({e.seq, e.at, std::string(EktpEventName(*ev)), e.actor, e.payload});
  }
  EktpStore ektp(store);
  SIAK_ASSIGN_OR_RETURN(t.recordings, ektp.RecordingsOf(nik));
  for (auto& r : t.recordings) r = WithoutBiometrics(std::move(r));
  SIAK_ASSIGN_OR_RETURN(t.print_requests, ektp.RequestsOf(nik));
  SIAK_ASSIGN_OR_RETURN(t.cards, ektp.CardsOf(nik));
  for (auto& c : t.cards) c.chip.clear();
  SIAK_ASSIGN_OR_RETURN(t.sukets, ektp.SuketsOf(nik));
  return t;
}

Result<int64_t> EktpService::SweepWajib(Store& store, const std::string& actor) {
  const Date today = clock_.Today();
  // Anyone born 17 years ago or earlier (the latest possible birth date; SeventeenthBirthday
  // decides each exactly, with 29 February).
  const Date born_by = *Date::FromYmd(today.year() - 17, today.month(),
                                      std::min(today.day(), Date::DaysInMonth(today.year() - 17, today.month())));
  EktpStore ektp(store);
  int64_t changed = 0;
  std::string after;
  for (;;) {
    SIAK_ASSIGN_OR_RETURN(auto niks, ektp.BelumWajibBornBy(born_by.ToString(), after, 1000));
    if (niks.empty()) break;
    after = niks.back();
    Status st = store.Transaction([&]() -> Status {
      for (const auto& nik : niks) {
        auto parsed = Nik::ParseStructure(nik);
        if (!parsed.ok()) continue;
        SIAK_ASSIGN_OR_RETURN(StoredPerson p, store.GetPerson(*parsed));
        const Eligibility e = WajibKtp(EligibilityFacts{p.person.kewarganegaraan, p.person.kitap,
                                                        p.person.tanggal_lahir, p.person.status_perkawinan,
                                                        p.person.status_dasar},
                                       today);
        if (!e.wajib_ktp || p.person.ektp_status != EktpStatus::kBelumWajib) continue;
        SIAK_RETURN_IF_ERROR(ApplyEvent(store, nik, EktpEvent::kBecameWajib, actor, Json{{"reason", e.reason}}.dump()));
        ++changed;
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return changed;
}

}  // namespace siak
