#include "domain/counter_queue.h"

#include <cstdio>

namespace siak {

const QueueServiceInfo& QueueServiceOf(QueueService service) {
  for (const auto& info : kQueueServices) {
    if (info.service == service) return info;
  }
  return kQueueServices[0];  // unreachable: every enumerator is in the table (see the test)
}

Result<QueueService> ParseQueueService(std::string_view name, std::string_view field) {
  std::string names;
  for (const auto& info : kQueueServices) {
    if (info.name == name) return info.service;
    names += (names.empty() ? "" : ", ") + std::string(info.name);
  }
  return Status::Invalid(std::string(field), name, "must be one of " + names);
}

std::string TicketLabel(QueueService service, int64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c-%03lld", QueueServiceOf(service).letter, static_cast<long long>(number));
  return buf;
}

std::string_view TicketStateName(TicketState state) {
  switch (state) {
    case TicketState::kWaiting: return "WAITING";
    case TicketState::kCalled: return "CALLED";
    case TicketState::kServing: return "SERVING";
    case TicketState::kDone: return "DONE";
    case TicketState::kNoShow: return "NO_SHOW";
  }
  return "?";
}

std::string_view TicketActionName(TicketAction action) {
  switch (action) {
    case TicketAction::kCall: return "call";
    case TicketAction::kRecall: return "recall";
    case TicketAction::kStart: return "start";
    case TicketAction::kFinish: return "finish";
    case TicketAction::kNoShow: return "no_show";
  }
  return "?";
}

Result<TicketState> ParseTicketState(std::string_view name) {
  for (TicketState s : {TicketState::kWaiting, TicketState::kCalled, TicketState::kServing, TicketState::kDone,
                        TicketState::kNoShow}) {
    if (TicketStateName(s) == name) return s;
  }
  return Status::Invalid("state", name, "must be WAITING, CALLED, SERVING, DONE or NO_SHOW");
}

std::optional<TicketState> NextTicketState(TicketState from, TicketAction action) {
  for (const auto& t : kTicketTransitions) {
    if (t.from == from && t.action == action) return t.to;
  }
  return std::nullopt;
}

TicketState TicketStateBefore(TicketAction action) {
  for (const auto& t : kTicketTransitions) {
    if (t.action == action) return t.from;
  }
  return TicketState::kWaiting;  // unreachable: every action is in the table (see the test)
}

int ProvinceUtcOffsetHours(std::string_view province) {
  static constexpr std::string_view kWita[] = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"};
  static constexpr std::string_view kWit[] = {"81", "82", "91", "92", "93", "94", "95", "96"};
  for (std::string_view p : kWita) {
    if (p == province) return 8;
  }
  for (std::string_view p : kWit) {
    if (p == province) return 9;
  }
  return 7;
}

}  // namespace siak
