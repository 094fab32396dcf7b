// Vital events (peristiwa penting) of civil registration and their rules: the kinds, what each
// produces (its own akta, or a marginal note on the birth certificate), the registration deadline
// and the late route, the declaration's lifecycle as a transition table, and the register number
// of an akta. Pure rules: the service that applies an event to the register builds on these
// (issue 10; DOMAIN.md "Civil registration").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"

namespace siak {

enum class VitalEventKind : uint8_t {
  kKelahiran = 1,              // birth
  kLahirMati = 2,              // stillbirth
  kKematian = 3,               // death
  kPerkawinan = 4,             // marriage
  kPerceraian = 5,             // divorce
  kPengakuanAnak = 6,          // recognition of a child
  kPengesahanAnak = 7,         // legitimation of a child
  kPengangkatanAnak = 8,       // adoption
  kPerubahanNama = 9,          // change of name
  kPerubahanKewarganegaraan = 10,  // change of citizenship
};
inline constexpr int kVitalEventKinds = 10;

// Where the deadline runs from: the event itself, or the court ruling / decree that makes it
// (a divorce is registered after the final ruling; adoption, name and citizenship changes after
// the court's decision or the minister's decree).
enum class DeadlineFrom : uint8_t { kEvent, kDecision };

struct VitalEventRule {
  VitalEventKind kind;
  std::string_view name;         // "kelahiran"
  std::string_view certificate;  // "akta kelahiran"; "catatan pinggir" for a marginal note
  std::string_view number_code;  // the akta number's letters ("LT"); "" when there is no akta of its own
  int deadline_days;             // after which registration is late
  DeadlineFrom from;
  bool issues_nik;               // a birth creates a person with a NIK
};

// From DOMAIN.md: birth 60 days, stillbirth 30, death 30, marriage 60, divorce 60 after the final
// ruling, recognition / legitimation / adoption 30, name and citizenship 30 after the decision.
inline constexpr VitalEventRule kVitalEventRules[] = {
    {VitalEventKind::kKelahiran, "kelahiran", "akta kelahiran", "LT", 60, DeadlineFrom::kEvent, true},
    {VitalEventKind::kLahirMati, "lahir_mati", "surat keterangan lahir mati", "LM", 30, DeadlineFrom::kEvent, false},
    {VitalEventKind::kKematian, "kematian", "akta kematian", "KM", 30, DeadlineFrom::kEvent, false},
    {VitalEventKind::kPerkawinan, "perkawinan", "akta perkawinan", "KW", 60, DeadlineFrom::kEvent, false},
    {VitalEventKind::kPerceraian, "perceraian", "akta perceraian", "CR", 60, DeadlineFrom::kDecision, false},
    {VitalEventKind::kPengakuanAnak, "pengakuan_anak", "catatan pinggir", "", 30, DeadlineFrom::kEvent, false},
    {VitalEventKind::kPengesahanAnak, "pengesahan_anak", "catatan pinggir", "", 30, DeadlineFrom::kEvent, false},
    {VitalEventKind::kPengangkatanAnak, "pengangkatan_anak", "catatan pinggir", "", 30, DeadlineFrom::kDecision, false},
    {VitalEventKind::kPerubahanNama, "perubahan_nama", "catatan pinggir", "", 30, DeadlineFrom::kDecision, false},
    {VitalEventKind::kPerubahanKewarganegaraan, "perubahan_kewarganegaraan", "catatan pinggir", "", 30,
     DeadlineFrom::kDecision, false},
};

const VitalEventRule& RuleOf(VitalEventKind kind);
// By name ("kelahiran"); an unknown name is an error on `field` listing the names.
Result<VitalEventKind> VitalEventKindFromName(std::string_view name, std::string_view field = "kind");

enum class Timeliness : uint8_t { kOnTime, kLate };
std::string_view TimelinessName(Timeliness t);  // "on_time" | "late"

// Registering on `registered` an event whose deadline runs from `from` (the event's date or the
// decision's, per the rule). Late (after the deadline) takes the late route: a decision of the
// head of the Dinas recorded with the registration. Errors name `field`: a registration before
// the date it runs from, or a date in the future of `today`.
Result<Timeliness> CheckTimeliness(VitalEventKind kind, const Date& from, const Date& registered, const Date& today,
                                   std::string_view field = "event_date");

// A declaration's lifecycle. An officer declares; a supervisor (or an officer with the right
// role) registers or rejects it with a reason; a registered event is never edited: it is
// corrected or cancelled by a further event that names it, and stays visible as CORRECTED or
// CANCELLED.
enum class DeclarationState : uint8_t { kDeclared = 1, kRegistered = 2, kRejected = 3, kCorrected = 4, kCancelled = 5 };
enum class DeclarationAction : uint8_t { kRegister = 1, kReject = 2, kCorrect = 3, kCancel = 4 };
std::string_view DeclarationStateName(DeclarationState s);    // "DECLARED"
Result<DeclarationState> DeclarationStateFromName(std::string_view name);
std::string_view DeclarationActionName(DeclarationAction a);  // "register"

struct DeclarationTransition {
  DeclarationState from;
  DeclarationAction action;
  DeclarationState to;
};
// The whole lifecycle. A (from, action) pair not listed here is forbidden.
inline constexpr DeclarationTransition kDeclarationTransitions[] = {
    {DeclarationState::kDeclared, DeclarationAction::kRegister, DeclarationState::kRegistered},
    {DeclarationState::kDeclared, DeclarationAction::kReject, DeclarationState::kRejected},
    {DeclarationState::kRegistered, DeclarationAction::kCorrect, DeclarationState::kCorrected},
    {DeclarationState::kRegistered, DeclarationAction::kCancel, DeclarationState::kCancelled},
    {DeclarationState::kCorrected, DeclarationAction::kCorrect, DeclarationState::kCorrected},
    {DeclarationState::kCorrected, DeclarationAction::kCancel, DeclarationState::kCancelled},
};
std::optional<DeclarationState> NextDeclarationState(DeclarationState from, DeclarationAction action);

// The register number of an akta, in the style of the Dinas registers:
//   <regency, 4 digits>-<letters>-<registration date, DDMMYYYY>-<sequence, at least 4 digits>
//   e.g. 3204-LT-28112026-0001 (the first birth registered in Kabupaten Bandung that day).
// An event with no akta of its own (a marginal note) has no number: an error naming `kind`.
Result<std::string> AktaNumber(std::string_view regency_digits, VitalEventKind kind, const Date& registered,
                               int64_t sequence);
struct AktaNumberParts {
  std::string regency;
  VitalEventKind kind;
  Date registered;
  int64_t sequence;
};
Result<AktaNumberParts> ParseAktaNumber(std::string_view number, std::string_view field = "akta_number");

}  // namespace siak
