// CivilService: civil registration (pencatatan sipil). An officer declares a vital event; a
// supervisor registers it (applying its effects to the register in the same transaction, each
// traceable to the event) or rejects it with a reason that is kept. Rules: domain/vital_event.h;
// each kind's fields, checks and effects: civil_birth.cc, civil_death.cc, civil_marriage.cc,
// civil_note.cc (docs/civil.md lists them).
//
// A registered event is never edited: a correction or a cancellation is a further event that
// names it (declared, then registered like any other), and the original stays visible as
// CORRECTED or CANCELLED. Certificates: the akta of a registered event is rendered with its
// marginal notes and a QR code carrying a reference signed with the card key, which
// `siak akta verify` checks offline.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/auth_service.h"
#include "app/clock.h"
#include "app/register_service.h"
#include "card/signing_key.h"
#include "domain/region_index.h"
#include "domain/vital_event.h"
#include "store/civil_store.h"

namespace siak {

struct BirthDeclaration {
  KkNumber kk;                      // the family the child joins
  std::string nama;                 // the child's name
  JenisKelamin jenis_kelamin = JenisKelamin::kLakiLaki;
  Date tanggal_lahir;
  std::string waktu_lahir;          // HH:MM
  std::string tempat_lahir;         // the place (town) of birth
  std::string tempat_dilahirkan;    // rumah_sakit | puskesmas | polindes | rumah | lainnya
  std::string penolong;             // who attended: dokter | bidan | dukun | lainnya
  std::optional<Nik> ibu, ayah;     // the parents by NIK where known
  std::string nama_ibu, nama_ayah;  // otherwise by name (the mother's is required)
  std::vector<std::string> saksi;   // two witnesses
  std::string late_decision;        // a late registration: the head of the Dinas's decision
};
// The declaration as the JSON object Declare takes.
std::string BirthDeclarationJson(const BirthDeclaration& birth);

// What an akta shows, in Indonesian: ready for card::RenderAkta*.
struct AktaContent {
  std::string title;                                        // "KUTIPAN AKTA KELAHIRAN"
  std::string akta_number;
  std::string kind;
  std::string subject_nik;                                  // "" for a stillbirth
  std::vector<std::pair<std::string, std::string>> fields;  // label, value
  std::vector<std::string> marginal_notes;                  // catatan pinggir, oldest first
  int copy = 1;                                             // kutipan pertama, kedua, ...
  std::string issued_at;                                    // "3273, 28-11-2026": the regency and date
};

// A QR reference checked by anyone (the public route): the signature, then the akta.
struct AktaCheck {
  bool signature_valid = false;
  bool valid = false;  // signed with this office's key, and the akta stands (not cancelled)
  std::string akta_number, kind, nik_masked, state, problem;
  int copy = 0, latest_copy = 0;
};

class CivilService {
 public:
  // `signing_key` signs the akta's QR reference; without one (tests of the lifecycle) rendering
  // is refused.
  // `regions` names the regency on the akta (its code otherwise).
  CivilService(Store& store, const Clock& clock, RegisterService& registry,
               const card::SigningKey* signing_key = nullptr, const RegionIndex* regions = nullptr);

  // Declares a vital event from its declaration (a JSON object; each kind's fields are in
  // docs/civil.md): checked against the register, nothing in it changes yet.
  Result<CivilEventRecord> Declare(const Principal& who, VitalEventKind kind, std::string_view declaration_json);
  Result<CivilEventRecord> DeclareBirth(const Principal& who, const BirthDeclaration& birth);
  // Registers a declaration and applies its effects; kConflict when it is no longer declared.
  Result<CivilEventRecord> Register(const Principal& who, int64_t id);
  Result<CivilEventRecord> Reject(const Principal& who, int64_t id, const std::string& reason);

  // A correction of a registered event: `changes` (a JSON object of the kind's correctable
  // fields and their right values), why, and the document that supports it.
  Result<CivilEventRecord> DeclareCorrection(const Principal& who, int64_t id, std::string_view changes_json,
                                             const std::string& reason, const std::string& document);
  // A cancellation (pembatalan) of a registered event, on a court's decision.
  Result<CivilEventRecord> DeclareCancellation(const Principal& who, int64_t id, const std::string& reason,
                                               const std::string& document);

  // Supporting documents of a declaration (civil_attachment.cc): a scan or photo of the
  // surat keterangan lahir, the court's decision, the witnesses' KTP, ... as PDF, JPEG or PNG
  // (by the bytes, which must match `content_type`), 1 byte to 1 MiB each, at most 10 per
  // event, added while it is declared (the registered record is final). `jenis` says what it is.
  Result<CivilAttachment> AddAttachment(const Principal& who, int64_t id, const std::string& jenis,
                                        const std::string& name, const std::string& content_type,
                                        std::string content);
  Result<std::vector<CivilAttachment>> Attachments(const Principal& who, int64_t id);
  Result<CivilAttachment> GetAttachment(const Principal& who, int64_t id, int64_t attachment_id);

  Result<CivilEventRecord> Get(const Principal& who, int64_t id);
  Result<std::vector<CivilEventRecord>> List(const Principal& who, int64_t after_id, int limit);
  // Every event about a person (their birth, marginal notes, death) and those that name them in
  // their district (marriages and divorces as the wife, their children's births), oldest first.
  Result<std::vector<CivilEventRecord>> OfPerson(const Principal& who, const Nik& nik);
  // The NIKs an event names or changed (for the audit).
  static std::vector<std::string> PersonsOf(const CivilEventRecord& e);

  // The akta of a registered (or corrected) event: its fields with the corrections applied, the
  // marginal notes, and the copy number of the latest kutipan.
  Result<AktaContent> Akta(const Principal& who, int64_t id);
  // Issues another kutipan (kutipan kedua, ...) of the akta; returns it.
  Result<AktaContent> IssueCopy(const Principal& who, int64_t id);
  // The signed reference its QR code carries (the latest kutipan).
  Result<std::string> Reference(const Principal& who, int64_t id);
  // The akta as PDF or PNG ("pdf" | "png") with its signed QR reference.
  Result<std::string> RenderAkta(const Principal& who, int64_t id, std::string_view format);

  Result<AktaCheck> CheckReference(std::string_view reference);

  // Vital statistics: registered events by kind, child region (`child_digits` of the village
  // code), month and timeliness, for villages under `region` (narrowed to the caller's scope).
  Result<std::vector<CivilCount>> Statistics(const Principal& who, const std::string& region, int child_digits,
                                             const Date& from, const Date& to);

 private:
  Result<CivilEventRecord> DeclareFurther(const Principal& who, int64_t id, const std::string& action,
                                          const std::string& changes_json, const std::string& reason,
                                          const std::string& document);
  // Registers a correction or cancellation: the original closes, the register follows.
  Status RegisterFurther(const Principal& who, const CivilEventRecord& further, std::string* effects);
  Result<std::string> Sign(const AktaContent& akta) const;

  Store& store_;
  const Clock& clock_;
  RegisterService& registry_;
  const card::SigningKey* signing_key_;
  const RegionIndex* regions_;
};

// The akta's title and fields from a registered event's declaration (with its corrections
// applied) and effects (civil_akta.cc).
void FillAkta(VitalEventKind kind, const std::string& data_json, const std::string& effects_json, AktaContent& akta);

}  // namespace siak
