#include "app/counter_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "store/store.h"

namespace siak {
namespace {

constexpr int64_t kNow = 1795852800;  // 2026-11-28T08:00:00Z = 15:00 WIB

#define ASSERT_OK(expr)                                             \
  do {                                                              \
    const auto& siak_ok_ = (expr);                                  \
    ASSERT_TRUE(siak_ok_.ok()) << OkStatus(siak_ok_).ToString();   \
  } while (0)

[[maybe_unused]] Status OkStatus(const Status& s) { return s; }
template <typename T>
Status OkStatus(const Result<T>& r) {
  return r.status();
}

std::string TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "siak-loket-XXXXXX").string();
  return mkdtemp(tmpl.data()) ? tmpl : "";
}

class CounterServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    ASSERT_FALSE(dir_.empty());
    auto store = OpenStore(Url());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate(Store::LatestSchemaVersion()).ok());
    site_ = AddSite("3273-KEC", "kecamatan", "Kantor Kecamatan Sukasari", "327301");
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string Url() const { return "sqlite:" + dir_ + "/x.db"; }

  int64_t AddSite(const std::string& code, const std::string& kind, const std::string& name, const std::string& region,
                  const std::string& starts = "", const std::string& ends = "") {
    auto id = EktpStore(*store_).InsertSite(SiteRecord{0, code, kind, name, region, 0, starts, ends, true, "t"});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  int64_t Desk(int64_t site, const std::string& name, std::vector<std::string> services) {
    auto d = svc_.OpenDesk(*store_, officer_, site, DeskInput{name, std::move(services)});
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? d->id : 0;
  }
  CounterTicket Issue(const std::string& service, const std::string& nik = "") {
    auto t = svc_.IssueTicket(*store_, officer_, site_, TicketInput{service, nik});
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : CounterTicket{};
  }
  std::string Call(int64_t desk) {
    auto t = svc_.CallNext(*store_, officer_, desk);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() && *t ? (*t)->label : "";
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
  ManualClock clock_{kNow};
  CounterService svc_{clock_};
  Principal officer_{"loket", Role::kRegistrar, "3273"};
  int64_t site_ = 0;
};

TEST_F(CounterServiceTest, TicketsAreNumberedPerServiceAndDay) {
  Desk(site_, "Loket 1", {"kk", "rekam_ktp"});
  EXPECT_EQ(Issue("rekam_ktp").label, "A-001");
  EXPECT_EQ(Issue("rekam_ktp").label, "A-002");
  const CounterTicket kk = Issue("kk");
  EXPECT_EQ(kk.label, "C-001");
  EXPECT_EQ(kk.state, "WAITING");
  EXPECT_EQ(kk.day, "2026-11-28");
  EXPECT_EQ(Issue("rekam_ktp").label, "A-003");
  clock_.Advance(86400);
  EXPECT_EQ(Issue("rekam_ktp").label, "A-001");  // a new day starts again
  EXPECT_EQ(Issue("kk").label, "C-001");
}

TEST_F(CounterServiceTest, IssuingNamesTheFieldAndTheRule) {
  Desk(site_, "Loket 1", {"rekam_ktp"});
  auto unknown = svc_.IssueTicket(*store_, officer_, site_, TicketInput{"paspor", ""});
  EXPECT_EQ(unknown.status().field(), "service");
  EXPECT_NE(unknown.status().rule().find("rekam_ktp"), std::string::npos);
  auto not_offered = svc_.IssueTicket(*store_, officer_, site_, TicketInput{"akta", ""});
  EXPECT_EQ(not_offered.status().field(), "service");
  EXPECT_NE(not_offered.status().rule().find("no open desk"), std::string::npos);
  auto bad_nik = svc_.IssueTicket(*store_, officer_, site_, TicketInput{"rekam_ktp", "123"});
  EXPECT_EQ(bad_nik.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_nik.status().field(), "nik");
  EXPECT_EQ(Issue("rekam_ktp", "3273014512900001").nik, "3273014512900001");
  // A closed desk offers nothing.
  const int64_t akta = Desk(site_, "Loket 2", {"akta"});
  EXPECT_EQ(Issue("akta").label, "D-001");
  ASSERT_OK(svc_.ChangeDesk(*store_, officer_, akta, DeskChange{std::nullopt, false}));
  EXPECT_EQ(svc_.IssueTicket(*store_, officer_, site_, TicketInput{"akta", ""}).status().field(), "service");
  EXPECT_EQ(svc_.CallNext(*store_, officer_, akta).status().field(), "desk_id");
  // Desks: a name once per site, known services only.
  EXPECT_EQ(svc_.OpenDesk(*store_, officer_, site_, DeskInput{"Loket 1", {"kk"}}).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(svc_.OpenDesk(*store_, officer_, site_, DeskInput{"Loket 9", {}}).status().field(), "services");
  EXPECT_EQ(svc_.OpenDesk(*store_, officer_, site_, DeskInput{"Loket 9", {"kk", "kk"}}).status().field(),
            "services[1]");
  EXPECT_EQ(svc_.OpenDesk(*store_, officer_, site_, DeskInput{"", {"kk"}}).status().field(), "name");
}

TEST_F(CounterServiceTest, CallNextTakesTheOldestAmongTheDesksServices) {
  const int64_t both = Desk(site_, "Loket 1", {"rekam_ktp", "kk"});
  const int64_t kk_only = Desk(site_, "Loket 2", {"kk"});
  Issue("rekam_ktp");
  clock_.Advance(10);
  Issue("kk");  // C-001
  clock_.Advance(10);
  Issue("rekam_ktp");
  clock_.Advance(10);
  Issue("kk");  // C-002
  EXPECT_EQ(Call(kk_only), "C-001");  // the kk desk skips the older A-001
  EXPECT_EQ(Call(both), "A-001");
  // A desk with an open ticket must close it first.
  auto busy = svc_.CallNext(*store_, officer_, both);
  EXPECT_EQ(busy.status().code(), StatusCode::kConflict);
  EXPECT_EQ(busy.status().field(), "desk_id");
  EXPECT_NE(busy.status().rule().find("A-001"), std::string::npos) << busy.status().ToString();
  auto a1 = svc_.ListDesks(*store_, officer_, site_);
  ASSERT_OK(a1);
  ASSERT_TRUE((*a1)[0].current.has_value());
  EXPECT_EQ((*a1)[0].current->label, "A-001");
  ASSERT_OK(svc_.Act(*store_, officer_, (*a1)[0].current->id, TicketAction::kNoShow));
  EXPECT_EQ(Call(both), "A-002");  // across services by issue time: A-002 before C-002
  auto open = svc_.ListDesks(*store_, officer_, site_);
  ASSERT_OK(svc_.Act(*store_, officer_, (*open)[0].current->id, TicketAction::kStart));
  ASSERT_OK(svc_.Act(*store_, officer_, (*open)[0].current->id, TicketAction::kFinish));
  ASSERT_OK(svc_.Act(*store_, officer_, (*open)[1].current->id, TicketAction::kStart));
  ASSERT_OK(svc_.Act(*store_, officer_, (*open)[1].current->id, TicketAction::kFinish));
  EXPECT_EQ(Call(both), "C-002");
  auto none = svc_.CallNext(*store_, officer_, kk_only);
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
}

TEST_F(CounterServiceTest, WrongTransitionsAreRefusedWithTheStates) {
  const int64_t desk = Desk(site_, "Loket 1", {"kk"});
  const CounterTicket t = Issue("kk");
  auto early = svc_.Act(*store_, officer_, t.id, TicketAction::kStart);
  EXPECT_EQ(early.status().code(), StatusCode::kConflict);
  EXPECT_EQ(early.status().field(), "ticket_id");
  EXPECT_NE(early.status().rule().find("C-001 (2026-11-28) is WAITING; start needs a CALLED ticket"), std::string::npos)
      << early.status().ToString();
  ASSERT_EQ(Call(desk), "C-001");
  auto finish_called = svc_.Act(*store_, officer_, t.id, TicketAction::kFinish);
  EXPECT_NE(finish_called.status().rule().find("is CALLED; finish needs a SERVING ticket"), std::string::npos)
      << finish_called.status().ToString();
  clock_.Advance(30);
  auto recalled = svc_.Act(*store_, officer_, t.id, TicketAction::kRecall);
  ASSERT_OK(recalled);
  EXPECT_EQ(recalled->recalls, 1);
  EXPECT_EQ(recalled->called_at, "2026-11-28T08:00:00Z");
  EXPECT_EQ(recalled->announced_at, "2026-11-28T08:00:30Z");
  ASSERT_OK(svc_.Act(*store_, officer_, t.id, TicketAction::kStart));
  EXPECT_EQ(svc_.Act(*store_, officer_, t.id, TicketAction::kNoShow).status().code(), StatusCode::kConflict);
  EXPECT_EQ(svc_.Act(*store_, officer_, t.id, TicketAction::kRecall).status().code(), StatusCode::kConflict);
  auto done = svc_.Act(*store_, officer_, t.id, TicketAction::kFinish);
  ASSERT_OK(done);
  EXPECT_EQ(done->state, "DONE");
  auto again = svc_.Act(*store_, officer_, t.id, TicketAction::kFinish);
  EXPECT_NE(again.status().rule().find("is DONE"), std::string::npos);
  EXPECT_EQ(svc_.Act(*store_, officer_, t.id, TicketAction::kCall).status().field(), "action");
}

TEST_F(CounterServiceTest, AnEventCounterIssuesOnlyOnItsLocalDays) {
  // 28-29 November 2026 at a counter in Kota Bandung (WIB, UTC+7).
  const int64_t counter = AddSite("3273-EVENT", "counter", "Loket CFD Dago", "3273", "2026-11-28", "2026-11-29");
  ASSERT_TRUE(svc_.OpenDesk(*store_, officer_, counter, DeskInput{"Meja 1", {"rekam_ktp"}}).ok());
  clock_.Advance(-15 * 3600);  // 2026-11-27T17:00Z = 28 Nov 00:00 WIB: already the first day
  auto first = svc_.IssueTicket(*store_, officer_, counter, TicketInput{"rekam_ktp", ""});
  ASSERT_OK(first);
  EXPECT_EQ(first->day, "2026-11-28");
  clock_.Advance(-1);  // 27 Nov 23:59:59 WIB
  auto before = svc_.IssueTicket(*store_, officer_, counter, TicketInput{"rekam_ktp", ""});
  EXPECT_EQ(before.status().field(), "site_id");
  EXPECT_NE(before.status().rule().find("from 2026-11-28 to 2026-11-29; today there is 2026-11-27"), std::string::npos)
      << before.status().ToString();
  clock_.Advance(1 + 2 * 86400);  // 30 Nov WIB
  EXPECT_EQ(svc_.IssueTicket(*store_, officer_, counter, TicketInput{"rekam_ktp", ""}).status().field(), "site_id");
}

TEST_F(CounterServiceTest, TheLocalDayFollowsTheProvincesTimeZone) {
  clock_.Advance(8 * 3600);  // 2026-11-28T16:00Z: 23:00 WIB, 00:00 WITA (29th), 01:00 WIT (29th)
  SiteRecord bandung{0, "", "", "", "3273", 0, "", "", true, ""};
  SiteRecord denpasar = bandung, jayapura = bandung;
  denpasar.region_code = "5171";
  jayapura.region_code = "9171";
  EXPECT_EQ(svc_.LocalDay(bandung), "2026-11-28");
  EXPECT_EQ(svc_.LocalDay(denpasar), "2026-11-29");
  EXPECT_EQ(svc_.LocalDay(jayapura), "2026-11-29");
}

TEST_F(CounterServiceTest, ASiteOutOfScopeIsNotFound) {
  const int64_t desk = Desk(site_, "Loket 1", {"kk"});
  const CounterTicket t = Issue("kk");
  const Principal aceh{"aceh", Role::kRegistrar, "11"};
  EXPECT_EQ(svc_.IssueTicket(*store_, aceh, site_, TicketInput{"kk", ""}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_.ListDesks(*store_, aceh, site_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_.OpenDesk(*store_, aceh, site_, DeskInput{"Loket 2", {"kk"}}).status().code(), StatusCode::kNotFound);
  auto call = svc_.CallNext(*store_, aceh, desk);
  EXPECT_EQ(call.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(call.status().field(), "desk_id");
  auto act = svc_.Act(*store_, aceh, t.id, TicketAction::kRecall);
  EXPECT_EQ(act.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(act.status().field(), "ticket_id");
  EXPECT_EQ(svc_.Stats(*store_, aceh, site_, "", "").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_.GetTicket(*store_, aceh, t.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_.IssueTicket(*store_, officer_, 999, TicketInput{"kk", ""}).status().code(), StatusCode::kNotFound);
}

TEST_F(CounterServiceTest, StatisticsOnAControlledClock) {
  const int64_t d1 = Desk(site_, "Loket 1", {"rekam_ktp"});
  const int64_t d2 = Desk(site_, "Loket 2", {"rekam_ktp", "kk"});
  const CounterTicket a1 = Issue("rekam_ktp"), a2 = Issue("rekam_ktp"), a3 = Issue("rekam_ktp");
  Issue("kk");  // still waiting at the end
  clock_.Advance(60);
  ASSERT_EQ(Call(d1), "A-001");  // waited 60 s
  clock_.Advance(60);
  ASSERT_OK(svc_.Act(*store_, officer_, a1.id, TicketAction::kStart));
  clock_.Advance(300);
  ASSERT_OK(svc_.Act(*store_, officer_, a1.id, TicketAction::kFinish));  // served 300 s
  clock_.Advance(60);
  ASSERT_EQ(Call(d2), "A-002");  // waited 480 s
  clock_.Advance(120);
  ASSERT_OK(svc_.Act(*store_, officer_, a2.id, TicketAction::kNoShow));
  ASSERT_EQ(Call(d1), "A-003");  // waited 600 s
  ASSERT_OK(svc_.Act(*store_, officer_, a3.id, TicketAction::kStart));
  clock_.Advance(100);
  ASSERT_OK(svc_.Act(*store_, officer_, a3.id, TicketAction::kFinish));  // served 100 s

  auto s = svc_.Stats(*store_, officer_, site_, "", "");
  ASSERT_OK(s);
  EXPECT_EQ(s->from, "2026-11-28");
  EXPECT_EQ(s->total.tickets, 4);
  EXPECT_EQ(s->total.done, 2);
  EXPECT_EQ(s->total.no_shows, 1);
  EXPECT_EQ(s->total.waiting, 1);
  EXPECT_EQ(s->total.wait.count, 3);
  EXPECT_DOUBLE_EQ(s->total.wait.mean, (60 + 480 + 600) / 3.0);
  EXPECT_EQ(s->total.wait.p50, 480);
  EXPECT_EQ(s->total.wait.p90, 600);
  EXPECT_EQ(s->total.service_time.count, 2);
  EXPECT_DOUBLE_EQ(s->total.service_time.mean, 200);
  EXPECT_EQ(s->total.service_time.p50, 100);
  EXPECT_EQ(s->total.service_time.p90, 300);
  ASSERT_EQ(s->by_service.size(), 2u);
  EXPECT_EQ(s->by_service[0].service, "rekam_ktp");
  EXPECT_EQ(s->by_service[0].tickets, 3);
  EXPECT_EQ(s->by_service[1].service, "kk");
  EXPECT_EQ(s->by_service[1].waiting, 1);
  // Per desk: Loket 1 served, Loket 2 had the no-show; the kk ticket no desk called.
  ASSERT_EQ(s->by_desk.size(), 3u);
  EXPECT_EQ(s->by_desk[0].desk_id, 0);
  EXPECT_EQ(s->by_desk[1].desk_name, "Loket 1");
  EXPECT_EQ(s->by_desk[1].done, 2);
  EXPECT_DOUBLE_EQ(s->by_desk[1].service_time.mean, 200);
  EXPECT_EQ(s->by_desk[2].desk_name, "Loket 2");
  EXPECT_EQ(s->by_desk[2].no_shows, 1);
  EXPECT_EQ(s->by_desk_service.size(), 3u);
  // Ranges: another day has nothing; the rules name the field.
  EXPECT_EQ(svc_.Stats(*store_, officer_, site_, "2026-11-27", "2026-11-27")->total.tickets, 0);
  EXPECT_EQ(svc_.Stats(*store_, officer_, site_, "2026-11-28", "2026-11-01").status().field(), "to");
  EXPECT_EQ(svc_.Stats(*store_, officer_, site_, "28-11-2026", "").status().field(), "from");
  EXPECT_EQ(svc_.Stats(*store_, officer_, site_, "2025-01-01", "2026-11-28").status().field(), "to");
}

TEST_F(CounterServiceTest, TheDisplayShowsLabelsDesksAndCounts) {
  const int64_t d1 = Desk(site_, "Loket 1", {"rekam_ktp"});
  const int64_t d2 = Desk(site_, "Loket 2", {"kk"});
  Issue("rekam_ktp", "3273014512900001");
  Issue("rekam_ktp");
  Issue("kk");
  ASSERT_EQ(Call(d1), "A-001");
  clock_.Advance(5);
  ASSERT_EQ(Call(d2), "C-001");
  auto d = svc_.Display(*store_, site_, 6);
  ASSERT_OK(d);
  EXPECT_EQ(d->site_name, "Kantor Kecamatan Sukasari");
  ASSERT_EQ(d->called.size(), 2u);
  EXPECT_EQ(d->called[0].label, "C-001");  // the last announced first
  EXPECT_EQ(d->called[0].desk_name, "Loket 2");
  EXPECT_EQ(d->called[1].label, "A-001");
  ASSERT_EQ(d->desks.size(), 2u);
  EXPECT_EQ(d->desks[0].label, "A-001");
  EXPECT_EQ(d->desks[0].state, "CALLED");
  ASSERT_EQ(d->waiting.size(), 2u);
  EXPECT_EQ(d->waiting[0].service, "rekam_ktp");
  EXPECT_EQ(d->waiting[0].letter, 'A');
  EXPECT_EQ(d->waiting[0].count, 1);
  EXPECT_EQ(d->waiting[1].count, 0);
  // A recall brings a ticket back to the top.
  clock_.Advance(5);
  auto desks = svc_.ListDesks(*store_, officer_, site_);
  ASSERT_OK(svc_.Act(*store_, officer_, (*desks)[0].current->id, TicketAction::kRecall));
  EXPECT_EQ(svc_.Display(*store_, site_, 6)->called[0].label, "A-001");
  EXPECT_EQ(svc_.Display(*store_, site_, 21).status().field(), "recent");
  EXPECT_EQ(svc_.Display(*store_, 999, 6).status().code(), StatusCode::kNotFound);
}

TEST_F(CounterServiceTest, ConcurrentDesksNeverCallTheSameTicket) {
  constexpr int kDesks = 4, kTickets = 60;
  std::vector<int64_t> desks;
  for (int i = 0; i < kDesks; ++i) desks.push_back(Desk(site_, "Loket " + std::to_string(i + 1), {"rekam_ktp", "kk"}));
  for (int i = 0; i < kTickets; ++i) Issue(i % 3 == 0 ? "kk" : "rekam_ktp");
  std::mutex mu;
  std::vector<int64_t> called;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int64_t desk : desks) {
    threads.emplace_back([&, desk] {
      auto conn = OpenStore(Url());  // each desk on its own connection
      if (!conn.ok()) {
        ++failures;
        return;
      }
      CounterService mine(clock_);
      for (;;) {
        auto t = mine.CallNext(**conn, officer_, desk);
        if (!t.ok()) {
          ++failures;
          ADD_FAILURE() << t.status().ToString();
          return;
        }
        if (!*t) return;
        {
          std::lock_guard<std::mutex> lock(mu);
          called.push_back((*t)->id);
        }
        if (!mine.Act(**conn, officer_, (*t)->id, TicketAction::kStart).ok() ||
            !mine.Act(**conn, officer_, (*t)->id, TicketAction::kFinish).ok()) {
          ++failures;
          return;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(called.size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(std::set<int64_t>(called.begin(), called.end()).size(), static_cast<size_t>(kTickets)) << "a ticket was called twice";
  EXPECT_EQ(svc_.Stats(*store_, officer_, site_, "", "")->total.done, kTickets);
}

}  // namespace
}  // namespace siak
