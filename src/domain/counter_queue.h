// Service counters (loket) and their queue tickets: the services a counter offers, each with
// its ticket letter, and a ticket's lifecycle as one constexpr table. Pure: no I/O, no clock.
//
//   issued -> WAITING --call--> CALLED --start--> SERVING --finish--> DONE
//                               CALLED --recall--> CALLED   (announced again)
//                               CALLED --no_show--> NO_SHOW (the resident did not come)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace siak {

// The services residents queue for. The numbers are stored nowhere (names are); the order is
// the order of the letters.
enum class QueueService : uint8_t {
  kRekamKtp = 0,  // KTP-el recording (perekaman)
  kAmbilKtp = 1,  // picking up a printed card
  kKk = 2,        // family card (Kartu Keluarga)
  kAkta = 3,      // civil registration certificates
  kPindah = 4,    // moves (pindah datang / pindah keluar)
};

struct QueueServiceInfo {
  QueueService service;
  std::string_view name;   // "rekam_ktp": stored, and used in the API
  char letter;             // the ticket label's letter: A-007
  std::string_view label;  // shown to residents
};

inline constexpr QueueServiceInfo kQueueServices[] = {
    {QueueService::kRekamKtp, "rekam_ktp", 'A', "Perekaman KTP-el"},
    {QueueService::kAmbilKtp, "ambil_ktp", 'B', "Pengambilan KTP-el"},
    {QueueService::kKk, "kk", 'C', "Kartu Keluarga"},
    {QueueService::kAkta, "akta", 'D', "Akta Pencatatan Sipil"},
    {QueueService::kPindah, "pindah", 'E', "Pindah Datang / Keluar"},
};

const QueueServiceInfo& QueueServiceOf(QueueService service);
// "rekam_ktp" -> kRekamKtp; otherwise kInvalidArgument naming `field` and listing the services.
Result<QueueService> ParseQueueService(std::string_view name, std::string_view field = "service");
// "A-007" for the 7th ticket of a service lettered A (three digits, more when past 999).
std::string TicketLabel(QueueService service, int64_t number);

enum class TicketState : uint8_t { kWaiting, kCalled, kServing, kDone, kNoShow };
enum class TicketAction : uint8_t { kCall, kRecall, kStart, kFinish, kNoShow };

std::string_view TicketStateName(TicketState state);    // "WAITING"
std::string_view TicketActionName(TicketAction action);  // "no_show"
Result<TicketState> ParseTicketState(std::string_view name);

struct TicketTransition {
  TicketState from;
  TicketAction action;
  TicketState to;
};

// The whole lifecycle. An (action, from) pair not listed here is refused.
inline constexpr TicketTransition kTicketTransitions[] = {
    {TicketState::kWaiting, TicketAction::kCall, TicketState::kCalled},
    {TicketState::kCalled, TicketAction::kRecall, TicketState::kCalled},
    {TicketState::kCalled, TicketAction::kStart, TicketState::kServing},
    {TicketState::kCalled, TicketAction::kNoShow, TicketState::kNoShow},
    {TicketState::kServing, TicketAction::kFinish, TicketState::kDone},
};

std::optional<TicketState> NextTicketState(TicketState from, TicketAction action);
// The state an action needs (each action has exactly one in the table).
TicketState TicketStateBefore(TicketAction action);

// Hours ahead of UTC of the official time zone of a province (2 digits): WIB +7, WITA +8,
// WIT +9 (Keppres 41/1987). A counter's day is its local day; unknown provinces count as WIB.
int ProvinceUtcOffsetHours(std::string_view province);

}  // namespace siak
