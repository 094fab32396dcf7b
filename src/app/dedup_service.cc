#include "app/dedup_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "app/audit_log.h"
#include "app/register_events.h"
#include "common/parallel.h"
#include "domain/ektp_status.h"
#include "domain/role.h"

namespace siak {

using Json = nlohmann::json;
using abis::Eye;
using abis::IrisPair;
using abis::IrisTemplate;

Json IrisMatchJson(const std::optional<abis::IrisMatch>& m) {
  if (!m) return nullptr;
  return Json{{"score", m->score}, {"bits_compared", m->n}, {"shift", m->shift}};
}

Json FingerScoresJson(const std::optional<abis::FingerCandidate>& f) {
  if (!f) return nullptr;
  Json scores = Json::object();
  for (int i = 0; i < abis::kFingerPositions; ++i) {
    if (f->scores[i] >= 0) scores[std::string(abis::FingerPositionName(i + 1))] = f->scores[i];
  }
  return Json{{"compared", f->compared}, {"scores", scores}, {"false_match_probability", f->product}};
}

uint64_t NikKey(std::string_view nik_digits) { return std::stoull(std::string(nik_digits)); }

std::string NikFromKey(uint64_t key) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llu", static_cast<unsigned long long>(key));
  return buf;
}

namespace {

constexpr const char* kWorker = "abis";
constexpr int kSyncPage = 10000;

std::string ScoreText(const std::optional<abis::IrisMatch>& m) {
  if (!m) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", m->score);
  return buf;
}

std::string ProbabilityText(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3e", p);
  return buf;
}

// The person, or kNotFound ("nik") when there is none or they live outside the caller's scope.
Result<StoredPerson> PersonInScope(Store& store, const Principal& who, const Nik& nik) {
  auto p = store.GetPerson(nik);
  if (!p.ok() && p.status().code() != StatusCode::kNotFound) return p.status();
  if (!p.ok() || !InScope(who.scope, p->person.wilayah.digits())) return Status::NotFound("nik", nik.digits());
  return p;
}

Status Audit(Store& store, const std::string& at, const std::string& actor, const std::string& role,
             const std::string& action, const std::vector<std::string>& subjects, const std::string& detail) {
  std::string joined;
  for (const auto& s : subjects) joined += (joined.empty() ? "" : ",") + s;
  return AppendAuditEntry(store, AuditRecord{0, at, actor, role, "abis", action, joined, "ok", detail, "", ""}).status();
}

// Sealed templates. Version 1 (irises only) is the 520-byte iris templates one after another;
// version 2 starts with "SKB2", then a byte with the number of irises and the irises, a byte with
// the number of fingers and per finger its position (1 byte), its record's length (4 bytes,
// little-endian) and the record.
constexpr char kBiometricsMagic[4] = {'S', 'K', 'B', '2'};
constexpr int kMinFingerMinutiae = 12;

std::string SealPlain(const DedupSubmission& s) {
  std::string plain;
  if (s.fingers.empty()) {
    for (const auto& t : s.irises) plain += abis::SerializeIris(t);
    return plain;
  }
  plain.assign(kBiometricsMagic, 4);
  plain.push_back(static_cast<char>(s.irises.size()));
  for (const auto& t : s.irises) plain += abis::SerializeIris(t);
  plain.push_back(static_cast<char>(s.fingers.size()));
  for (const auto& f : s.fingers) {
    plain.push_back(static_cast<char>(f.position));
    const auto n = static_cast<uint32_t>(f.record.size());
    for (int i = 0; i < 4; ++i) plain.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
    plain += f.record;
  }
  return plain;
}

// The fingers of a submission, checked: positions 1-10 once each, a record that decodes, of that
// finger, with enough minutiae.
Result<abis::FingerSet> CheckFingers(const std::vector<DedupFinger>& fingers) {
  abis::FingerSet set;
  for (size_t i = 0; i < fingers.size(); ++i) {
    const std::string at = "fingers[" + std::to_string(i) + "]";
    const DedupFinger& f = fingers[i];
    if (f.position < 1 || f.position > abis::kFingerPositions) {
      return Status::Invalid(at + ".position", std::to_string(f.position), "must be an ISO finger position 1-10");
    }
    if (set.by_position[f.position - 1]) {
      return Status::Invalid(at + ".position", std::to_string(f.position), "is listed twice");
    }
    SIAK_ASSIGN_OR_RETURN(abis::FingerRecord rec, abis::DecodeFingerRecord(f.record, at + ".template"));
    const abis::FingerView& view = rec.views.front();
    if (view.position != 0 && view.position != f.position) {
      return Status::Invalid(at + ".template", "finger position " + std::to_string(view.position),
                             "does not match position " + std::to_string(f.position));
    }
    if (static_cast<int>(view.minutiae.size()) < kMinFingerMinutiae) {
      return Status::Invalid(at + ".template", std::to_string(view.minutiae.size()) + " minutiae",
                             "too few minutiae (at least 12): capture the finger again");
    }
    set.by_position[f.position - 1] = abis::ExtractFingerFeatures(rec);
  }
  return set;
}

// Opens a page of sealed templates on all cores (finger features take ~0.2 ms per finger).
template <typename Open>
std::vector<Result<abis::Biometrics>> OpenPage(const std::vector<std::pair<std::string, std::string>>& page,
                                               const Open& open) {
  std::vector<Result<abis::Biometrics>> out(page.size(), Status::Internal("not opened"));
  const int threads = std::min(CoreCount(), static_cast<int>(page.size() / 16 + 1));
  RunParallel(threads, [&](int t) {
    for (size_t i = static_cast<size_t>(t); i < page.size(); i += static_cast<size_t>(threads)) {
      out[i] = open(page[i].second);
    }
  });
  return out;
}

}  // namespace

DedupService::DedupService(abis::IrisEngine& engine, const SecretKey& key, const Clock& clock)
    : engine_(engine), fingers_(engine.options().threads), search_(engine_, fingers_), key_(key), clock_(clock) {}

Result<IrisPair> DedupService::ToPair(const std::vector<IrisTemplate>& irises) {
  if (irises.empty()) return Status::Invalid("irises", "", "at least one iris template is needed");
  if (irises.size() > 2) return Status::Invalid("irises", std::to_string(irises.size()), "at most two: one per eye");
  IrisPair pair;
  for (size_t i = 0; i < irises.size(); ++i) {
    auto& slot = irises[i].eye == Eye::kLeft ? pair.left : pair.right;
    if (slot) {
      return Status::Invalid("irises[" + std::to_string(i) + "].eye", abis::EyeName(irises[i].eye),
                             "each eye at most once");
    }
    slot = irises[i].iris;
  }
  return pair;
}

Result<IrisPair> DedupService::OpenTemplates(const std::string& sealed_hex) const {
  SIAK_ASSIGN_OR_RETURN(abis::Biometrics b, OpenBiometrics(sealed_hex));
  return b.irises;
}

Result<abis::Biometrics> DedupService::OpenBiometrics(const std::string& sealed_hex) const {
  auto sealed = FromHex(sealed_hex);
  if (!sealed) return Status::Internal("stored abis_job.templates is not hex");
  SIAK_ASSIGN_OR_RETURN(std::string plain, OpenSecret(key_, *sealed, "templates"));
  std::string_view rest(plain);
  size_t iris_count = rest.size() / abis::kIrisSerializedSize;
  const bool v2 = rest.size() >= 4 && rest.substr(0, 4) == std::string_view(kBiometricsMagic, 4);
  if (v2) {
    if (rest.size() < 5) return Status::Internal("stored templates are cut short");
    iris_count = static_cast<uint8_t>(rest[4]);
    rest.remove_prefix(5);
    if (rest.size() < iris_count * abis::kIrisSerializedSize) return Status::Internal("stored templates are cut short");
  } else if (rest.size() % abis::kIrisSerializedSize != 0) {
    return Status::Internal("stored templates have a bad length");
  }
  abis::Biometrics out;
  std::vector<IrisTemplate> irises;
  for (size_t i = 0; i < iris_count; ++i) {
    SIAK_ASSIGN_OR_RETURN(IrisTemplate t, abis::ParseIris(rest.substr(0, abis::kIrisSerializedSize)));
    irises.push_back(t);
    rest.remove_prefix(abis::kIrisSerializedSize);
  }
  if (!irises.empty()) {
    SIAK_ASSIGN_OR_RETURN(out.irises, ToPair(irises));
  }
  if (!v2) return out;
  if (rest.empty()) return Status::Internal("stored templates are cut short");
  const size_t finger_count = static_cast<uint8_t>(rest[0]);
  rest.remove_prefix(1);
  std::vector<DedupFinger> fingers;
  for (size_t i = 0; i < finger_count; ++i) {
    if (rest.size() < 5) return Status::Internal("stored templates are cut short");
    DedupFinger f;
    f.position = static_cast<uint8_t>(rest[0]);
    uint32_t n = 0;
    for (int k = 0; k < 4; ++k) n |= static_cast<uint32_t>(static_cast<uint8_t>(rest[1 + k])) << (8 * k);
    rest.remove_prefix(5);
    if (rest.size() < n) return Status::Internal("stored templates are cut short");
    f.record = std::string(rest.substr(0, n));
    rest.remove_prefix(n);
    fingers.push_back(std::move(f));
  }
  if (!rest.empty()) return Status::Internal("stored templates have trailing bytes");
  SIAK_ASSIGN_OR_RETURN(out.fingers, CheckFingers(fingers));
  return out;
}

Status DedupService::ApplyEktp(Store& store, const std::string& nik, EktpEvent event, const std::string& actor,
                               const std::string& payload) {
  auto parsed = Nik::ParseStructure(nik);
  if (!parsed.ok()) return parsed.status();
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, store.GetPerson(*parsed));
  const auto next = NextEktpStatus(p.person.ektp_status, event);
  if (!next) {
    return Status::FailedPrecondition("e-KTP status " + std::string(EktpStatusName(p.person.ektp_status)) +
                                      " of " + nik + " does not allow " + std::string(EktpEventName(event)));
  }
  Person updated = p.person;
  updated.ektp_status = *next;
  if (event == EktpEvent::kAdjudicatedSame) updated.status_dasar = StatusDasar::kTidakValid;
  SIAK_RETURN_IF_ERROR(store.UpdatePerson(updated, p.version).status());
  SIAK_RETURN_IF_ERROR(store
                           .AppendEvent(EventRecord{0, clock_.NowIso(), static_cast<int>(event), nik,
                                                    std::string(updated.wilayah.digits().substr(0, 2)), actor, payload})
                           .status());
  if (*next == EktpStatus::kPrintReadyRecord && print_ready_hook_) return print_ready_hook_(store, nik);
  return Status::Ok();
}

Result<int> DedupService::ImportEnrolled(Store& store, const Principal& who,
                                         const std::vector<DedupSubmission>& enrolled) {
  for (size_t i = 0; i < enrolled.size(); ++i) {
    const DedupSubmission& s = enrolled[i];
    if (!ValidRecordingId(s.recording_id)) {
      return Status::Invalid("recording_id", s.recording_id, "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
    }
    if (s.irises.empty() && s.fingers.empty()) {
      return Status::Invalid("irises", s.nik.ToString(), "at least one iris or finger template is needed");
    }
    if (!s.irises.empty()) SIAK_RETURN_IF_ERROR(ToPair(s.irises).status());
    SIAK_RETURN_IF_ERROR(CheckFingers(s.fingers).status());
  }
  AbisStore abis(store);
  const std::string now = clock_.NowIso();
  int count = 0;
  Status st = store.Transaction([&]() -> Status {
    for (const DedupSubmission& s : enrolled) {
      SIAK_ASSIGN_OR_RETURN(StoredPerson p, PersonInScope(store, who, s.nik));
      const EktpStatus e = p.person.ektp_status;
      if (p.person.status_dasar != StatusDasar::kHidup || e < EktpStatus::kPrintReadyRecord ||
          e == EktpStatus::kMerged) {
        return Status::FailedPrecondition("the person " + s.nik.ToString() + " (e-KTP " +
                                          std::string(EktpStatusName(e)) +
                                          ") is not an alive person past de-duplication");
      }
      SIAK_ASSIGN_OR_RETURN(auto already, abis.EnrolledJob(std::string(s.nik.digits())));
      if (already) return Status::Conflict("nik", s.nik.ToString(), "is enrolled already");
      AbisJobRecord job;
      job.recording_id = s.recording_id;
      job.nik = s.nik.ToString();
      job.region_code = std::string(p.person.wilayah.digits());
      job.templates = ToHex(SealSecret(key_, SealPlain(s)));
      job.state = "queued";
      job.submitted_by = who.username;
      job.captured_at = s.captured_at.empty() ? now : s.captured_at;
      job.submitted_at = now;
      SIAK_ASSIGN_OR_RETURN(job.id, abis.InsertJob(job));
      SIAK_RETURN_IF_ERROR(abis.FinishJob(job.id, "UNIQUE", Json{{"imported", true}}.dump(), now));
      SIAK_RETURN_IF_ERROR(abis.LogGallery(job.nik, "add", job.id, job.region_code.substr(0, 2), now).status());
      ++count;
    }
    std::vector<std::string> subjects;
    for (const auto& s : enrolled) subjects.push_back(s.nik.ToString());
    return Audit(store, now, who.username, std::string(RoleName(who.role)), "abis.import", subjects,
                 Json{{"imported", count}}.dump());
  });
  if (!st.ok()) return st;
  return count;
}

Result<AbisJobRecord> DedupService::Submit(Store& store, const Principal& who, const DedupSubmission& s,
                                           bool* created) {
  *created = false;
  if (!ValidRecordingId(s.recording_id)) {
    return Status::Invalid("recording_id", s.recording_id, "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
  }
  if (s.irises.empty() && s.fingers.empty()) {
    return Status::Invalid("irises", "", "at least one iris or finger template is needed");
  }
  if (!s.irises.empty()) SIAK_RETURN_IF_ERROR(ToPair(s.irises).status());
  if (s.irises.size() > 2) return Status::Invalid("irises", std::to_string(s.irises.size()), "at most two: one per eye");
  if (s.fingers.size() > static_cast<size_t>(abis::kFingerPositions)) {
    return Status::Invalid("fingers", std::to_string(s.fingers.size()), "at most ten: one per position");
  }
  SIAK_RETURN_IF_ERROR(CheckFingers(s.fingers).status());
  for (size_t i = 0; i < s.irises.size(); ++i) {
    if (s.irises[i].iris.UsableBits() < abis::kMinComparedBits) {
      return Status::Invalid("irises[" + std::to_string(i) + "].template",
                             std::to_string(s.irises[i].iris.UsableBits()) + " usable bits",
                             "an iris needs at least 256 usable bits: capture the eye again (eyelids open, no glare)");
    }
  }
  AbisStore abis(store);
  AbisJobRecord job;
  Status st = store.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(auto existing, abis.FindJobByRecording(s.recording_id));
    if (existing) {
      if (existing->nik != s.nik.digits()) {
        return Status::Conflict("recording_id", s.recording_id, "is already used for another NIK");
      }
      SIAK_RETURN_IF_ERROR(PersonInScope(store, who, s.nik).status());
      job = *existing;
      return Status::Ok();
    }
    SIAK_ASSIGN_OR_RETURN(StoredPerson p, PersonInScope(store, who, s.nik));
    if (p.person.status_dasar != StatusDasar::kHidup) {
      return Status::FailedPrecondition("the person " + s.nik.ToString() + " is not alive and valid (status dasar)");
    }
    if (!NextEktpStatus(p.person.ektp_status, EktpEvent::kRecorded)) {
      return Status::FailedPrecondition("e-KTP status " + std::string(EktpStatusName(p.person.ektp_status)) +
                                        " does not allow a new recording");
    }
    const std::string plain = SealPlain(s);
    job.recording_id = s.recording_id;
    job.nik = s.nik.ToString();
    job.region_code = std::string(p.person.wilayah.digits());
    job.templates = ToHex(SealSecret(key_, plain));
    job.state = "queued";
    job.submitted_by = who.username;
    job.captured_at = s.captured_at.empty() ? clock_.NowIso() : s.captured_at;
    job.submitted_at = clock_.NowIso();
    SIAK_ASSIGN_OR_RETURN(job.id, abis.InsertJob(job));
    *created = true;
    return ApplyEktp(store, job.nik, EktpEvent::kRecorded, who.username,
                     Json{{"recording_id", s.recording_id}, {"abis_job", job.id}, {"captured_at", job.captured_at}}
                         .dump());
  });
  if (!st.ok()) return st;
  return job;
}

Result<AbisJobRecord> DedupService::GetJob(Store& store, const Principal& who, int64_t id) {
  AbisStore abis(store);
  auto job = abis.GetJob(id);
  if (!job.ok() || !InScope(who.scope, job->region_code)) return Status::NotFound("job_id", std::to_string(id));
  return job;
}

Result<int> DedupService::ProcessQueue(Store& store, int max_jobs) {
  std::lock_guard lock(process_mu_);
  AbisStore abis(store);
  SIAK_RETURN_IF_ERROR(SyncGallery(store));
  SIAK_ASSIGN_OR_RETURN(std::vector<AbisJobRecord> jobs, abis.QueuedJobs(max_jobs));
  if (jobs.empty()) return 0;
  // Decode; a job that cannot be decoded fails on its own.
  std::vector<std::optional<abis::Biometrics>> recs(jobs.size());
  std::vector<std::string> failures(jobs.size());
  std::vector<abis::Biometrics> searchable;
  std::vector<size_t> owner;
  for (size_t i = 0; i < jobs.size(); ++i) {
    auto rec = OpenBiometrics(jobs[i].templates);
    if (!rec.ok()) {
      failures[i] = "the templates cannot be read: " + rec.status().ToString();
      continue;
    }
    if (!rec->irises.right && !rec->irises.left && rec->fingers.count() == 0) {
      failures[i] = "no usable iris or finger template";
      continue;
    }
    recs[i] = std::move(*rec);
    searchable.push_back(*recs[i]);
    owner.push_back(i);
  }
  const size_t gallery_persons = search_.persons();
  const double limit = search_.Limit();
  const auto found = search_.Search(searchable);
  std::vector<abis::FusedSearchResult> results(jobs.size());
  for (size_t k = 0; k < owner.size(); ++k) results[owner[k]] = found[k];

  int finished = 0;
  std::vector<size_t> unique_so_far;  // this batch's recordings that were enrolled
  for (size_t i = 0; i < jobs.size(); ++i) {
    const AbisJobRecord& job = jobs[i];
    const uint64_t own = NikKey(job.nik);
    std::vector<abis::FusedCandidate> duplicates;
    if (recs[i]) {
      for (const auto& c : results[i].duplicates) {
        if (c.key != own) duplicates.push_back(c);  // a re-recording matches its own NIK: not a duplicate
      }
      for (size_t j : unique_so_far) {
        if (jobs[j].nik == job.nik) continue;
        abis::FusedCandidate c = search_.Compare(*recs[i], *recs[j]);
        c.key = NikKey(jobs[j].nik);
        if (c.false_match_probability <= limit) duplicates.push_back(c);
      }
    }
    std::string outcome;
    Json detail = Json::object();
    detail["gallery_persons"] = gallery_persons;
    detail["false_match_limit"] = limit;
    if (!recs[i]) {
      outcome = "FAILURE";
      detail["reason"] = failures[i];
    } else if (duplicates.empty()) {
      outcome = "UNIQUE";
      detail["candidates_scored"] = results[i].candidates_scored;
    } else {
      outcome = "DUPLICATE";
      Json list = Json::array();
      for (const auto& c : duplicates) {
        list.push_back({{"nik", NikFromKey(c.key)}, {"right", IrisMatchJson(c.irises.right)},
                        {"left", IrisMatchJson(c.irises.left)}, {"fingers", FingerScoresJson(c.fingers)},
                        {"modalities", c.modalities}, {"false_match_probability", c.false_match_probability}});
      }
      detail["candidates"] = list;
    }
    const std::string now = clock_.NowIso();
    Status st = store.Transaction([&]() -> Status {
      SIAK_RETURN_IF_ERROR(abis.FinishJob(job.id, outcome, detail.dump(), now));
      const std::string payload = Json{{"abis_job", job.id}, {"outcome", outcome}}.dump();
      std::vector<std::string> subjects{job.nik};
      if (outcome == "UNIQUE") {
        SIAK_RETURN_IF_ERROR(abis.LogGallery(job.nik, "add", job.id, job.region_code.substr(0, 2), now).status());
        SIAK_RETURN_IF_ERROR(ApplyEktp(store, job.nik, EktpEvent::kAbisUnique, kWorker, payload));
      } else if (outcome == "DUPLICATE") {
        for (const auto& c : duplicates) {
          AbisCaseRecord rec;
          rec.job_id = job.id;
          rec.nik = job.nik;
          rec.candidate_nik = NikFromKey(c.key);
          rec.region_code = job.region_code;
          rec.score_right = ScoreText(c.irises.right);
          rec.score_left = ScoreText(c.irises.left);
          rec.false_match_probability = ProbabilityText(c.false_match_probability);
          rec.opened_at = now;
          SIAK_RETURN_IF_ERROR(abis.InsertCase(rec).status());
          subjects.push_back(rec.candidate_nik);
        }
        SIAK_RETURN_IF_ERROR(ApplyEktp(store, job.nik, EktpEvent::kAbisDuplicate, kWorker, payload));
        SIAK_RETURN_IF_ERROR(ApplyEktp(store, job.nik, EktpEvent::kAdjudicationOpened, kWorker, payload));
      } else {
        SIAK_RETURN_IF_ERROR(ApplyEktp(store, job.nik, EktpEvent::kEnrollFailed, kWorker, payload));
      }
      SIAK_RETURN_IF_ERROR(Audit(store, now, kWorker, "system", "abis.outcome", subjects,
                                 Json{{"abis_job", job.id}, {"outcome", outcome}}.dump()));
      if (fault_hook_) fault_hook_(finished, false);
      return Status::Ok();
    });
    if (st.code() == StatusCode::kConflict) continue;  // another worker gave it its outcome
    if (!st.ok()) return st;
    ++finished;
    if (fault_hook_) fault_hook_(finished, true);
    if (outcome == "UNIQUE") unique_so_far.push_back(i);
  }
  SIAK_RETURN_IF_ERROR(SyncGallery(store));
  return finished;
}

Status DedupService::SyncGallery(Store& store) {
  AbisStore abis(store);
  for (;;) {
    SIAK_ASSIGN_OR_RETURN(auto entries, abis.GalleryLogAfter(engine_.log_position(), kSyncPage));
    if (entries.empty()) return Status::Ok();
    for (const auto& e : entries) {
      if (e.op == "add") {
        SIAK_ASSIGN_OR_RETURN(AbisJobRecord job, abis.GetJob(e.job_id));
        SIAK_ASSIGN_OR_RETURN(abis::Biometrics rec, OpenBiometrics(job.templates));
        engine_.Put(NikKey(e.nik), rec.irises);
        fingers_.Put(NikKey(e.nik), rec.fingers);
      } else {
        engine_.Remove(NikKey(e.nik));
        fingers_.Remove(NikKey(e.nik));
      }
      engine_.set_log_position(e.seq);
    }
  }
}

Status DedupService::ForEachEnrolled(Store& store,
                                     const std::function<void(uint64_t key, abis::Biometrics& templates)>& fn) {
  AbisStore abis(store);
  std::string after;
  for (;;) {
    SIAK_ASSIGN_OR_RETURN(auto page, abis.EnrolledTemplates(after, kSyncPage));
    if (page.empty()) return Status::Ok();
    auto opened = OpenPage(page, [&](const std::string& sealed) { return OpenBiometrics(sealed); });
    for (size_t i = 0; i < page.size(); ++i) {
      if (!opened[i].ok()) return opened[i].status();
      fn(NikKey(page[i].first), *opened[i]);
    }
    after = page.back().first;
  }
}

Status DedupService::RebuildGallery(Store& store) {
  // The position first: entries after it are replayed by the next sync (replay is idempotent).
  SIAK_ASSIGN_OR_RETURN(int64_t last, AbisStore(store).LastGallerySeq());
  abis::GalleryPair galleries;
  std::vector<std::pair<uint64_t, abis::FingerSet>> fingers;
  SIAK_RETURN_IF_ERROR(ForEachEnrolled(store, [&](uint64_t key, abis::Biometrics& rec) {
    if (rec.irises.right) galleries.right.Put(key, *rec.irises.right);
    if (rec.irises.left) galleries.left.Put(key, *rec.irises.left);
    fingers.emplace_back(key, std::move(rec.fingers));
  }));
  galleries.log_position = last;
  engine_.Replace(std::move(galleries));
  fingers_.Clear();
  for (const auto& [key, set] : fingers) fingers_.Put(key, set);
  return SyncGallery(store);
}

Result<int64_t> DedupService::RebuildFingers(Store& store) {
  // Every enrolled person's templates as the store has them now; the log entries after the
  // iris snapshot's position, replayed by the next sync, lead to the same state (replay is
  // idempotent). Enrolled persons change only under process_mu_. Returns how many of them have
  // irises, for the snapshot's consistency check.
  fingers_.Clear();
  int64_t with_irises = 0;
  SIAK_RETURN_IF_ERROR(ForEachEnrolled(store, [&](uint64_t key, abis::Biometrics& rec) {
    fingers_.Put(key, rec.fingers);
    with_irises += rec.irises.right || rec.irises.left;
  }));
  return with_irises;
}

Status DedupService::OpenGallery(Store& store, const std::string& snapshot_path, std::string* how) {
  std::lock_guard lock(process_mu_);
  AbisStore abis(store);
  SIAK_ASSIGN_OR_RETURN(int64_t last, abis.LastGallerySeq());
  auto snapshot = abis::LoadGallerySnapshot(snapshot_path, key_);
  if (!snapshot.ok() && snapshot.status().code() == StatusCode::kNotFound) {
    *how = "built from the store: no snapshot yet at " + snapshot_path;
  } else if (!snapshot.ok()) {
    *how = "rebuilt from the store: " + snapshot.status().ToString();
  } else if (snapshot->log_position > last) {
    *how = "rebuilt from the store: the snapshot is ahead of the store's gallery log (a restored store?)";
  } else {
    engine_.Replace(std::move(*snapshot));
    // The snapshot holds the irises; the fingers come from the store's enrolled set, which is
    // the snapshot's state plus the log entries the sync below replays.
    SIAK_ASSIGN_OR_RETURN(int64_t enrolled, RebuildFingers(store));
    SIAK_RETURN_IF_ERROR(SyncGallery(store));
    if (static_cast<int64_t>(engine_.persons()) == enrolled) {
      *how = "snapshot";
      return Status::Ok();
    }
    *how = "rebuilt from the store: the snapshot holds " + std::to_string(engine_.persons()) +
           " persons with irises, the store " + std::to_string(enrolled);
  }
  return RebuildGallery(store);
}

Status DedupService::SaveGallery(const std::string& snapshot_path) {
  std::lock_guard lock(process_mu_);
  return engine_.Save(snapshot_path, key_);
}

Result<DedupStats> DedupService::Stats(Store& store) {
  AbisStore abis(store);
  DedupStats s;
  s.right = engine_.size(Eye::kRight);
  s.left = engine_.size(Eye::kLeft);
  s.finger_persons = fingers_.persons();
  s.fingers = fingers_.fingers();
  s.finger_kernel = std::string(abis::FingerKernelName(fingers_.kernel()));
  s.log_position = engine_.log_position();
  s.limits = engine_.Limits();
  SIAK_ASSIGN_OR_RETURN(s.enrolled, abis.CountEnrolled());
  SIAK_ASSIGN_OR_RETURN(s.log_last, abis.LastGallerySeq());
  SIAK_ASSIGN_OR_RETURN(s.jobs, abis.JobCounts());
  SIAK_ASSIGN_OR_RETURN(s.open_cases, abis.CountOpenCases());
  return s;
}

Result<std::vector<AbisCaseRecord>> DedupService::ListCases(Store& store, const Principal& who,
                                                            const std::string& state, int64_t after_id, int limit) {
  if (!state.empty() && state != "open" && state != "resolved") {
    return Status::Invalid("state", state, "must be open or resolved");
  }
  return AbisStore(store).Cases(state, who.scope, after_id, limit);
}

Result<AbisCaseRecord> DedupService::GetCase(Store& store, const Principal& who, int64_t id) {
  auto c = AbisStore(store).GetCase(id);
  if (!c.ok() || !InScope(who.scope, c->region_code)) return Status::NotFound("case_id", std::to_string(id));
  return c;
}

Result<AbisCaseRecord> DedupService::Decide(Store& store, const Principal& who, int64_t case_id,
                                            const std::string& decision, const std::string& surviving_nik,
                                            const std::string& reason) {
  if (decision != "different" && decision != "same") {
    return Status::Invalid("decision", decision, "must be \"different\" or \"same\"");
  }
  if (reason.size() < 5) return Status::Invalid("reason", reason, "say why, in at least 5 characters");
  AbisStore abis(store);
  AbisCaseRecord result;
  Status st = store.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(AbisCaseRecord c, GetCase(store, who, case_id));
    if (decision == "same" && surviving_nik != c.nik && surviving_nik != c.candidate_nik) {
      return Status::Invalid("surviving_nik", surviving_nik, "must be the case's nik or candidate_nik");
    }
    const std::string now = clock_.NowIso();
    SIAK_RETURN_IF_ERROR(abis.DecideCase(case_id, decision, decision == "same" ? surviving_nik : "", reason,
                                         who.username, now));
    const std::string payload =
        Json{{"abis_case", case_id}, {"decision", decision}, {"surviving_nik", surviving_nik}, {"reason", reason}}
            .dump();
    SIAK_ASSIGN_OR_RETURN(AbisJobRecord job, abis.GetJob(c.job_id));
    if (decision == "same" && surviving_nik == c.candidate_nik) {
      // The new recording is the enrolled person: its NIK is merged; the job's other cases close.
      SIAK_RETURN_IF_ERROR(ApplyEktp(store, c.nik, EktpEvent::kAdjudicatedSame, who.username, payload));
      SIAK_ASSIGN_OR_RETURN(auto others, abis.CasesOfJob(c.job_id));
      for (const auto& o : others) {
        if (o.id != case_id && o.state == "open") {
          SIAK_RETURN_IF_ERROR(abis.DecideCase(o.id, "superseded", "", "the recording's NIK was merged in case " +
                                                   std::to_string(case_id), who.username, now));
        }
      }
    } else {
      if (decision == "same") {
        // The new NIK survives: the candidate's NIK is deactivated and leaves the galleries.
        auto cand = Nik::ParseStructure(c.candidate_nik);
        if (!cand.ok()) return cand.status();
        SIAK_ASSIGN_OR_RETURN(StoredPerson p, store.GetPerson(*cand));
        Person updated = p.person;
        updated.status_dasar = StatusDasar::kTidakValid;
        SIAK_RETURN_IF_ERROR(store.UpdatePerson(updated, p.version).status());
        SIAK_RETURN_IF_ERROR(store
                                 .AppendEvent(EventRecord{0, now, static_cast<int>(RegisterEvent::kNikDeactivated),
                                                          c.candidate_nik,
                                                          std::string(updated.wilayah.digits().substr(0, 2)),
                                                          who.username, payload})
                                 .status());
        SIAK_ASSIGN_OR_RETURN(auto enrolled, abis.EnrolledJob(c.candidate_nik));
        if (enrolled) SIAK_RETURN_IF_ERROR(abis.LogGallery(c.candidate_nik, "remove", 0, "", now).status());
      }
      SIAK_ASSIGN_OR_RETURN(auto cases, abis.CasesOfJob(c.job_id));
      const bool all_decided = std::none_of(cases.begin(), cases.end(), [](const AbisCaseRecord& o) {
        return o.state == "open";
      });
      if (all_decided) {
        // Enrolled with this recording's templates; e-KTP goes on to printing.
        SIAK_RETURN_IF_ERROR(abis.LogGallery(c.nik, "add", c.job_id, job.region_code.substr(0, 2), now).status());
        const bool survivor = std::any_of(cases.begin(), cases.end(), [&](const AbisCaseRecord& o) {
          return o.decision == "same" && o.surviving_nik == o.nik;
        });
        SIAK_RETURN_IF_ERROR(ApplyEktp(store, c.nik,
                                       survivor ? EktpEvent::kAdjudicatedSurvivor : EktpEvent::kAdjudicatedDistinct,
                                       who.username, payload));
      }
    }
    SIAK_ASSIGN_OR_RETURN(result, abis.GetCase(case_id));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return result;  // the galleries follow at the worker's next sync
}

Result<DedupVerification> DedupService::Verify(Store& store, const Principal& who, const Nik& nik,
                                               const std::vector<IrisTemplate>& irises,
                                               const std::vector<DedupFinger>& fingers) {
  if (irises.empty() && fingers.empty()) {
    return Status::Invalid("irises", "", "at least one iris or finger template is needed");
  }
  abis::Biometrics probe;
  if (!irises.empty()) {
    SIAK_ASSIGN_OR_RETURN(probe.irises, ToPair(irises));
  }
  SIAK_ASSIGN_OR_RETURN(probe.fingers, CheckFingers(fingers));
  SIAK_RETURN_IF_ERROR(PersonInScope(store, who, nik).status());
  auto c = search_.Verify(probe, NikKey(nik.digits()));
  if (!c || c->modalities == 0) {
    return Status::FailedPrecondition("the person " + nik.ToString() +
                                      " has no enrolled template of the kinds given (irises or fingers)");
  }
  DedupVerification v;
  v.false_match_probability = c->false_match_probability;
  v.match = engine_.IsVerified(c->false_match_probability);
  v.right = c->irises.right;
  v.left = c->irises.left;
  v.fingers = c->fingers;
  return v;
}

bool ValidRecordingId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == ':' || c == '-';
  });
}

}  // namespace siak
