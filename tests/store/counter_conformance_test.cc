// The service-counter tables (migration 11) on every backend: desks, ticket numbers, the
// conditional changes of state, and desks on their own connections racing for the next ticket.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "store/counter_store.h"
#include "tests/store/test_backends.h"

namespace siak::testing {
namespace {

using CounterStoreConformance = BackendTest;

CounterTicket Waiting(int64_t site, const std::string& service, int64_t number, const std::string& at) {
  CounterTicket t;
  t.site_id = site;
  t.service = service;
  t.day = "2026-11-28";
  t.number = number;
  t.label = "A-" + std::to_string(number);
  t.issued_by = "loket";
  t.issued_at = at;
  return t;
}

TEST_P(CounterStoreConformance, DesksNumbersAndTheLifecycle) {
  CounterStore counters(*store_);
  auto d1 = counters.InsertDesk(CounterDesk{0, 7, "Loket 1", "rekam_ktp,kk", true, "admin", "t"});
  ASSERT_OK(d1);
  EXPECT_EQ(counters.InsertDesk(CounterDesk{0, 7, "Loket 1", "kk", true, "admin", "t"}).status().code(),
            StatusCode::kAlreadyExists);
  ASSERT_OK(counters.InsertDesk(CounterDesk{0, 8, "Loket 1", "kk", true, "admin", "t"}));  // another site
  auto d2 = counters.InsertDesk(CounterDesk{0, 7, "Loket 2", "kk", true, "admin", "t"});
  ASSERT_OK(d2);
  EXPECT_EQ(counters.Desks(7)->size(), 2u);
  CounterDesk changed = *counters.GetDesk(*d2);
  changed.active = false;
  changed.services = "akta";
  ASSERT_OK(counters.UpdateDesk(changed));
  EXPECT_FALSE(counters.GetDesk(*d2)->active);
  EXPECT_EQ(counters.GetDesk(*d2)->services, "akta");
  EXPECT_EQ(counters.GetDesk(999).status().code(), StatusCode::kNotFound);

  // Numbers per (site, service, day).
  EXPECT_EQ(*counters.NextNumber(7, "rekam_ktp", "2026-11-28"), 1);
  EXPECT_EQ(*counters.NextNumber(7, "rekam_ktp", "2026-11-28"), 2);
  EXPECT_EQ(*counters.NextNumber(7, "kk", "2026-11-28"), 1);
  EXPECT_EQ(*counters.NextNumber(7, "rekam_ktp", "2026-11-29"), 1);
  EXPECT_EQ(*counters.NextNumber(8, "rekam_ktp", "2026-11-28"), 1);

  auto t1 = counters.InsertTicket(Waiting(7, "rekam_ktp", 1, "2026-11-28T01:00:00Z"));
  auto t2 = counters.InsertTicket(Waiting(7, "kk", 1, "2026-11-28T01:00:05Z"));
  auto t3 = counters.InsertTicket(Waiting(7, "rekam_ktp", 2, "2026-11-28T01:00:10Z"));
  ASSERT_OK(t1);
  ASSERT_OK(t2);
  ASSERT_OK(t3);
  std::string error;
  EXPECT_FALSE(db_->ExecRaw("INSERT INTO counter_ticket (site_id, service, day, number, label, state, issued_by, "
                            "issued_at) VALUES (7, 'kk', '2026-11-28', 1, 'C-001', 'WAITING', 'x', 'y')",
                            &error))
      << "a number is unique per site, service and day";
  EXPECT_FALSE(db_->ExecRaw("UPDATE counter_ticket SET state = 'LOST'", &error));
  EXPECT_EQ(counters.WaitingCounts(7, "2026-11-28")->at("rekam_ktp"), 2);

  // The oldest among the desk's services; nothing when none waits.
  auto kk = counters.CallNext(7, "2026-11-28", {"kk"}, *d2, "2026-11-28T02:00:00Z");
  ASSERT_OK(kk);
  ASSERT_TRUE(kk->has_value());
  EXPECT_EQ((*kk)->id, *t2);
  EXPECT_EQ((*kk)->state, "CALLED");
  EXPECT_EQ((*kk)->desk_id, *d2);
  EXPECT_FALSE(counters.CallNext(7, "2026-11-28", {"kk"}, *d2, "t")->has_value());
  EXPECT_FALSE(counters.CallNext(7, "2026-11-27", {"rekam_ktp"}, *d1, "t")->has_value());
  auto a = counters.CallNext(7, "2026-11-28", {"rekam_ktp", "kk"}, *d1, "2026-11-28T02:00:01Z");
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((*a)->id, *t1);
  EXPECT_EQ(counters.OpenAtDesk(*d1)->size(), 1u);

  // Each action only from the state it needs.
  EXPECT_EQ(counters.Apply(*t1, TicketAction::kFinish, "t").status().code(), StatusCode::kConflict);
  auto recalled = counters.Apply(*t1, TicketAction::kRecall, "2026-11-28T02:00:30Z");
  ASSERT_OK(recalled);
  EXPECT_EQ(recalled->recalls, 1);
  EXPECT_EQ(recalled->called_at, "2026-11-28T02:00:01Z");
  ASSERT_OK(counters.Apply(*t1, TicketAction::kStart, "2026-11-28T02:01:00Z"));
  EXPECT_EQ(counters.Apply(*t1, TicketAction::kStart, "t").status().code(), StatusCode::kConflict);
  EXPECT_EQ(counters.Apply(*t1, TicketAction::kNoShow, "t").status().code(), StatusCode::kConflict);
  auto done = counters.Apply(*t1, TicketAction::kFinish, "2026-11-28T02:05:00Z");
  ASSERT_OK(done);
  EXPECT_EQ(done->state, "DONE");
  EXPECT_EQ(done->finished_at, "2026-11-28T02:05:00Z");
  ASSERT_OK(counters.Apply(*t2, TicketAction::kNoShow, "2026-11-28T02:06:00Z"));
  EXPECT_EQ(counters.GetTicket(*t2)->state, "NO_SHOW");
  EXPECT_EQ(counters.Apply(*t2, TicketAction::kCall, "t").status().code(), StatusCode::kInternal);
  EXPECT_TRUE(counters.OpenAtDesk(*d1)->empty());

  auto recent = counters.RecentlyCalled(7, "2026-11-28", 10);
  ASSERT_OK(recent);
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ((*recent)[0].id, *t1);  // announced last (its recall)
  EXPECT_EQ(counters.TicketsOf(7, "2026-11-28", "2026-11-28")->size(), 3u);
  EXPECT_EQ(counters.TicketsOf(7, "2026-11-29", "2026-11-30")->size(), 0u);

  // Migration 11 comes off and back cleanly.
  ASSERT_OK(store_->Migrate(10));
  EXPECT_FALSE(db_->ExecRaw("SELECT * FROM counter_ticket", &error));
  ASSERT_OK(store_->Migrate(Store::LatestSchemaVersion()));
  EXPECT_EQ(db_->QueryInt("SELECT COUNT(*) FROM counter_ticket"), 0);
}

TEST_P(CounterStoreConformance, DesksOnTheirOwnConnectionsNeverCallTheSameTicket) {
  CounterStore counters(*store_);
  constexpr int kDesks = 6, kTickets = 90;
  for (int i = 1; i <= kTickets; ++i) {
    ASSERT_OK(counters.InsertTicket(Waiting(3, i % 2 ? "rekam_ktp" : "kk", i, "2026-11-28T01:00:00Z")));
  }
  std::mutex mu;
  std::vector<int64_t> called;
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int desk = 1; desk <= kDesks; ++desk) {
    threads.emplace_back([&, desk] {
      auto conn = db_->Open();
      if (!conn.ok()) {
        ++failed;
        return;
      }
      CounterStore mine(**conn);
      for (;;) {
        auto t = mine.CallNext(3, "2026-11-28", {"rekam_ktp", "kk"}, desk, "2026-11-28T02:00:00Z");
        if (!t.ok()) {
          ++failed;
          ADD_FAILURE() << t.status().ToString();
          return;
        }
        if (!*t) return;
        std::lock_guard<std::mutex> lock(mu);
        called.push_back((*t)->id);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(called.size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(std::set<int64_t>(called.begin(), called.end()).size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(db_->QueryInt("SELECT COUNT(*) FROM counter_ticket WHERE state = 'CALLED'"), kTickets);
}

INSTANTIATE_TEST_SUITE_P(Backends, CounterStoreConformance, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
