// The e-KTP enrolment lifecycle (DESIGN.md). A person's status is a pure fold over their
// e-KTP events; the allowed moves are one constexpr table. Event type numbers are stored in
// the event log and are never reused or renumbered.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "common/result.h"

namespace siak {

enum class EktpStatus : uint8_t {
  kBelumWajib = 0,            // not yet required (under 17, never married)
  kBelumRekam = 1,            // required, not recorded
  kSentForEnrollment = 2,     // recorded, waiting for ABIS
  kDuplicateRecord = 3,       // ABIS found a match (1:1 or 1:N)
  kAdjudicateRecord = 4,      // a match under manual review
  kEnrollFailure = 5,         // quality or processing failure
  kPrintReadyRecord = 6,      // unique; waiting for a blank
  kSentForCardPrinting = 7,
  kCardPrinted = 8,
  kCardShipped = 9,
  kCardIssued = 10,
  kMerged = 11,               // adjudicated as the same person: this NIK was deactivated
};
inline constexpr int kEktpStatusCount = 12;

enum class EktpEvent : uint8_t {
  kBecameWajib = 1,           // turned 17 or married
  kRecorded = 2,              // perekaman at a site
  kAbisUnique = 3,
  kAbisDuplicate = 4,
  kEnrollFailed = 5,
  kEnrollRetried = 6,
  kAdjudicationOpened = 7,
  kAdjudicatedDistinct = 8,   // not the same person
  kAdjudicatedSame = 9,       // same person: one NIK survives, this one is merged
  kSentForPrinting = 10,
  kCardPrinted = 11,
  kCardShipped = 12,
  kCardIssued = 13,
  kReprintRequested = 14,     // lost, damaged or data change; no re-recording
  kSuketIssued = 15,          // blanks out: temporary certificate, status unchanged
  kAdjudicatedSurvivor = 16,  // same person as an enrolled NIK, and this NIK survives (the other is deactivated)
};

std::string_view EktpStatusName(EktpStatus status);   // "PRINT_READY_RECORD"
std::string_view EktpEventName(EktpEvent event);      // "abis_unique"
Result<EktpStatus> EktpStatusFromName(std::string_view name);
Result<EktpEvent> EktpEventFromNumber(int number);

struct EktpTransition {
  EktpStatus from;
  EktpEvent event;
  EktpStatus to;
};

// The whole lifecycle. A (from, event) pair not listed here is forbidden.
inline constexpr EktpTransition kEktpTransitions[] = {
    {EktpStatus::kBelumWajib, EktpEvent::kBecameWajib, EktpStatus::kBelumRekam},
    {EktpStatus::kBelumRekam, EktpEvent::kRecorded, EktpStatus::kSentForEnrollment},
    {EktpStatus::kSentForEnrollment, EktpEvent::kAbisUnique, EktpStatus::kPrintReadyRecord},
    {EktpStatus::kSentForEnrollment, EktpEvent::kAbisDuplicate, EktpStatus::kDuplicateRecord},
    {EktpStatus::kSentForEnrollment, EktpEvent::kEnrollFailed, EktpStatus::kEnrollFailure},
    {EktpStatus::kEnrollFailure, EktpEvent::kEnrollRetried, EktpStatus::kSentForEnrollment},
    {EktpStatus::kEnrollFailure, EktpEvent::kRecorded, EktpStatus::kSentForEnrollment},
    {EktpStatus::kDuplicateRecord, EktpEvent::kAdjudicationOpened, EktpStatus::kAdjudicateRecord},
    {EktpStatus::kAdjudicateRecord, EktpEvent::kAdjudicatedDistinct, EktpStatus::kPrintReadyRecord},
    {EktpStatus::kAdjudicateRecord, EktpEvent::kAdjudicatedSame, EktpStatus::kMerged},
    {EktpStatus::kAdjudicateRecord, EktpEvent::kAdjudicatedSurvivor, EktpStatus::kPrintReadyRecord},
    {EktpStatus::kPrintReadyRecord, EktpEvent::kSentForPrinting, EktpStatus::kSentForCardPrinting},
    {EktpStatus::kPrintReadyRecord, EktpEvent::kSuketIssued, EktpStatus::kPrintReadyRecord},
    {EktpStatus::kSentForCardPrinting, EktpEvent::kSuketIssued, EktpStatus::kSentForCardPrinting},
    {EktpStatus::kSentForCardPrinting, EktpEvent::kCardPrinted, EktpStatus::kCardPrinted},
    {EktpStatus::kCardPrinted, EktpEvent::kCardShipped, EktpStatus::kCardShipped},
    {EktpStatus::kCardPrinted, EktpEvent::kCardIssued, EktpStatus::kCardIssued},
    {EktpStatus::kCardShipped, EktpEvent::kCardIssued, EktpStatus::kCardIssued},
    {EktpStatus::kCardIssued, EktpEvent::kReprintRequested, EktpStatus::kSentForCardPrinting},
    // A card found misprinted before it is handed over is revoked and printed again.
    {EktpStatus::kCardPrinted, EktpEvent::kReprintRequested, EktpStatus::kSentForCardPrinting},
};

// The status after `event` in `from`, or nothing if the table forbids it.
std::optional<EktpStatus> NextEktpStatus(EktpStatus from, EktpEvent event);

// What coverage counts, one definition for every figure: a living person is wajib KTP in every
// status but BELUM_WAJIB and MERGED, and has recorded from SENT_FOR_ENROLLMENT to CARD_ISSUED.
// Waiting to be recorded (jemput bola's lists): BELUM_REKAM, and ENROLL_FAILURE, whose recording
// must be made again.
inline bool CountsAsWajib(int status) {
  return status != static_cast<int>(EktpStatus::kBelumWajib) && status != static_cast<int>(EktpStatus::kMerged);
}
inline bool CountsAsRecorded(int status) {
  return status >= static_cast<int>(EktpStatus::kSentForEnrollment) &&
         status <= static_cast<int>(EktpStatus::kCardIssued);
}
inline bool WaitsForRecording(EktpStatus status) {
  return status == EktpStatus::kBelumRekam || status == EktpStatus::kEnrollFailure;
}

// Folds a person's events, oldest first, from kBelumWajib. A forbidden step fails, naming
// the index of the event, the status it met and the event.
Result<EktpStatus> FoldEktpEvents(std::span<const EktpEvent> events);

}  // namespace siak
