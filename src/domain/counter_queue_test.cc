#include "domain/counter_queue.h"

#include <gtest/gtest.h>

#include <set>

namespace siak {
namespace {

TEST(CounterQueueRules, EveryServiceHasOneNameAndOneLetter) {
  std::set<std::string_view> names;
  std::set<char> letters;
  for (const auto& info : kQueueServices) {
    names.insert(info.name);
    letters.insert(info.letter);
    EXPECT_EQ(QueueServiceOf(info.service).name, info.name);
    EXPECT_EQ(*ParseQueueService(info.name), info.service);
  }
  EXPECT_EQ(names.size(), std::size(kQueueServices));
  EXPECT_EQ(letters, (std::set<char>{'A', 'B', 'C', 'D', 'E'}));
  auto bad = ParseQueueService("paspor", "services[1]");
  EXPECT_EQ(bad.status().field(), "services[1]");
  EXPECT_NE(bad.status().rule().find("rekam_ktp"), std::string::npos);
}

TEST(CounterQueueRules, LabelsCarryTheLetterAndThreeDigits) {
  EXPECT_EQ(TicketLabel(QueueService::kRekamKtp, 7), "A-007");
  EXPECT_EQ(TicketLabel(QueueService::kPindah, 120), "E-120");
  EXPECT_EQ(TicketLabel(QueueService::kKk, 1234), "C-1234");
}

TEST(CounterQueueRules, TheLifecycleTable) {
  EXPECT_EQ(NextTicketState(TicketState::kWaiting, TicketAction::kCall), TicketState::kCalled);
  EXPECT_EQ(NextTicketState(TicketState::kCalled, TicketAction::kRecall), TicketState::kCalled);
  EXPECT_EQ(NextTicketState(TicketState::kCalled, TicketAction::kStart), TicketState::kServing);
  EXPECT_EQ(NextTicketState(TicketState::kCalled, TicketAction::kNoShow), TicketState::kNoShow);
  EXPECT_EQ(NextTicketState(TicketState::kServing, TicketAction::kFinish), TicketState::kDone);
  // Refused: finishing what was never started, calling twice, anything after the end.
  EXPECT_FALSE(NextTicketState(TicketState::kCalled, TicketAction::kFinish));
  EXPECT_FALSE(NextTicketState(TicketState::kCalled, TicketAction::kCall));
  EXPECT_FALSE(NextTicketState(TicketState::kWaiting, TicketAction::kStart));
  EXPECT_FALSE(NextTicketState(TicketState::kServing, TicketAction::kNoShow));
  for (TicketAction a : {TicketAction::kCall, TicketAction::kRecall, TicketAction::kStart, TicketAction::kFinish,
                         TicketAction::kNoShow}) {
    EXPECT_FALSE(NextTicketState(TicketState::kDone, a)) << TicketActionName(a);
    EXPECT_FALSE(NextTicketState(TicketState::kNoShow, a)) << TicketActionName(a);
    EXPECT_TRUE(NextTicketState(TicketStateBefore(a), a)) << TicketActionName(a);
  }
  EXPECT_EQ(*ParseTicketState("NO_SHOW"), TicketState::kNoShow);
  EXPECT_FALSE(ParseTicketState("LOST").ok());
}

TEST(CounterQueueRules, ProvincesKeepTheirTimeZone) {
  EXPECT_EQ(ProvinceUtcOffsetHours("32"), 7);  // Jawa Barat, WIB
  EXPECT_EQ(ProvinceUtcOffsetHours("11"), 7);  // Aceh
  EXPECT_EQ(ProvinceUtcOffsetHours("51"), 8);  // Bali, WITA
  EXPECT_EQ(ProvinceUtcOffsetHours("73"), 8);  // Sulawesi Selatan
  EXPECT_EQ(ProvinceUtcOffsetHours("81"), 9);  // Maluku, WIT
  EXPECT_EQ(ProvinceUtcOffsetHours("94"), 9);  // Papua Tengah
}

}  // namespace
}  // namespace siak
