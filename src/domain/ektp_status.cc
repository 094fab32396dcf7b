#include "domain/ektp_status.h"

#include <string>

namespace siak {

std::string_view EktpStatusName(EktpStatus status) {
  switch (status) {
    case EktpStatus::kBelumWajib: return "BELUM_WAJIB";
    case EktpStatus::kBelumRekam: return "BELUM_REKAM";
    case EktpStatus::kSentForEnrollment: return "SENT_FOR_ENROLLMENT";
    case EktpStatus::kDuplicateRecord: return "DUPLICATE_RECORD";
    case EktpStatus::kAdjudicateRecord: return "ADJUDICATE_RECORD";
    case EktpStatus::kEnrollFailure: return "ENROLL_FAILURE";
    case EktpStatus::kPrintReadyRecord: return "PRINT_READY_RECORD";
    case EktpStatus::kSentForCardPrinting: return "SENT_FOR_CARD_PRINTING";
    case EktpStatus::kCardPrinted: return "CARD_PRINTED";
    case EktpStatus::kCardShipped: return "CARD_SHIPPED";
    case EktpStatus::kCardIssued: return "CARD_ISSUED";
    case EktpStatus::kMerged: return "MERGED";
  }
  return "?";
}

std::string_view EktpEventName(EktpEvent event) {
  switch (event) {
    case EktpEvent::kBecameWajib: return "became_wajib";
    case EktpEvent::kRecorded: return "recorded";
    case EktpEvent::kAbisUnique: return "abis_unique";
    case EktpEvent::kAbisDuplicate: return "abis_duplicate";
    case EktpEvent::kEnrollFailed: return "enroll_failed";
    case EktpEvent::kEnrollRetried: return "enroll_retried";
    case EktpEvent::kAdjudicationOpened: return "adjudication_opened";
    case EktpEvent::kAdjudicatedDistinct: return "adjudicated_distinct";
    case EktpEvent::kAdjudicatedSame: return "adjudicated_same";
    case EktpEvent::kSentForPrinting: return "sent_for_printing";
    case EktpEvent::kCardPrinted: return "card_printed";
    case EktpEvent::kCardShipped: return "card_shipped";
    case EktpEvent::kCardIssued: return "card_issued";
    case EktpEvent::kReprintRequested: return "reprint_requested";
    case EktpEvent::kSuketIssued: return "suket_issued";
    case EktpEvent::kAdjudicatedSurvivor: return "adjudicated_survivor";
  }
  return "?";
}

Result<EktpStatus> EktpStatusFromName(std::string_view name) {
  for (int i = 0; i < kEktpStatusCount; ++i) {
    auto status = static_cast<EktpStatus>(i);
    if (EktpStatusName(status) == name) return status;
  }
  return Status::Invalid("ektp_status", std::string(name), "must be an e-KTP status such as BELUM_REKAM");
}

Result<EktpEvent> EktpEventFromNumber(int number) {
  if (number >= 1 && number <= 16) return static_cast<EktpEvent>(number);
  return Status::Invalid("ektp_event", std::to_string(number), "must be an e-KTP event number 1..16");
}

std::optional<EktpStatus> NextEktpStatus(EktpStatus from, EktpEvent event) {
  for (const auto& t : kEktpTransitions) {
    if (t.from == from && t.event == event) return t.to;
  }
  return std::nullopt;
}

Result<EktpStatus> FoldEktpEvents(std::span<const EktpEvent> events) {
  EktpStatus status = EktpStatus::kBelumWajib;
  for (size_t i = 0; i < events.size(); ++i) {
    auto next = NextEktpStatus(status, events[i]);
    if (!next) {
      return Status::Invalid("events[" + std::to_string(i) + "]", std::string(EktpEventName(events[i])),
                             "not allowed in status " + std::string(EktpStatusName(status)));
    }
    status = *next;
  }
  return status;
}

}  // namespace siak
