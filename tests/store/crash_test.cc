// Crash safety: a process killed (SIGKILL) in the middle of a bulk write leaves the store with
// the old state or the new one, never a mix; and the store opens cleanly afterwards.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>

#include "tests/store/test_backends.h"

namespace siak::testing {
namespace {

constexpr int kBatch = 40000;

std::vector<Person> Batch(int first) {
  std::vector<Person> batch;
  batch.reserve(kBatch);
  for (int i = first; i < first + kBatch; ++i) batch.push_back(MakePerson(i));
  return batch;
}

// Forks a child that bulk-inserts `batch`. The child writes one byte to the pipe when it is
// `signal_at` rows in (inside the transaction), then slows down so the parent's kill lands
// before the commit. Returns the child's pid and the pipe's read end.
pid_t StartWriter(const TestDatabase& db, const std::vector<Person>& batch, int64_t signal_at, int* read_fd) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    auto store = db.Open();
    if (!store.ok()) _exit(3);
    bool signalled = false;
    Status st = (*store)->InsertPersons(batch, [&](int64_t done) {
      if (!signalled && done >= signal_at) {
        signalled = true;
        char byte = 1;
        if (write(fds[1], &byte, 1) != 1) _exit(4);
      }
      if (signalled) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    });
    _exit(st.ok() ? 0 : 5);
  }
  close(fds[1]);
  *read_fd = fds[0];
  return pid;
}

using CrashSafety = BackendTest;

TEST_P(CrashSafety, KillMidBulkWriteLeavesOldState) {
  ASSERT_OK(store_->InsertPersons(std::vector<Person>{MakePerson(1000000)}));  // the old state: 1 row

  const auto batch = Batch(0);
  int fd = -1;
  pid_t pid = StartWriter(*db_, batch, kBatch / 2, &fd);
  ASSERT_GT(pid, 0);
  char byte = 0;
  ASSERT_EQ(read(fd, &byte, 1), 1) << "the writer died before reaching the middle of its batch";
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  close(fd);
  ASSERT_TRUE(WIFSIGNALED(wstatus)) << "the writer must have been killed, not finished";

  auto reopened = db_->Open();
  ASSERT_OK(reopened);
  auto count = (*reopened)->CountPersons("");
  ASSERT_OK(count);
  EXPECT_EQ(*count, 1) << "a killed bulk write must leave the old state";
  EXPECT_OK((*reopened)->GetPerson(MakePerson(1000000).nik));
  EXPECT_EQ((*reopened)->GetPerson(batch[0].nik).status().code(), StatusCode::kNotFound);
  if (GetParam() == "sqlite") {
    EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
  }
  // The same batch can then be written in full.
  ASSERT_OK((*reopened)->InsertPersons(batch));
  EXPECT_EQ(*(*reopened)->CountPersons(""), kBatch + 1);
}

TEST_P(CrashSafety, KillAtRandomMomentsNeverLeavesAMix) {
  std::mt19937 rng(20261128);
  int64_t expected = 0;
  for (int round = 0; round < 4; ++round) {
    const auto batch = Batch((round + 1) * kBatch);
    int fd = -1;
    pid_t pid = StartWriter(*db_, batch, kBatch, &fd);  // no slow-down before the end
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 600)(rng)));
    kill(pid, SIGKILL);
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    close(fd);
    auto store = db_->Open();
    ASSERT_OK(store);
    auto count = (*store)->CountPersons("");
    ASSERT_OK(count);
    const bool committed = *count == expected + kBatch;
    EXPECT_TRUE(*count == expected || committed)
        << "round " << round << ": " << *count << " rows; expected " << expected << " or " << expected + kBatch;
    if (committed) expected += kBatch;
  }
}

// Processes opening one SQLite file at the same moment (the server and a `siak user disable`,
// or CTest's parallel test processes on a shared template): each open switches the file to WAL
// and may have to rebuild the WAL index, which takes a lock. Every open must wait for it, not
// fail with "database is locked" (up to 15 of these 640 did, before the busy timeout came first).
TEST(SqliteOpen, ConcurrentOpenersOfOneFileAllSucceed) {
  struct TempDir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("siak-open-" + std::to_string(getpid()));
    ~TempDir() { std::filesystem::remove_all(path); }
  } dir;
  std::filesystem::create_directories(dir.path);
  const std::string file = (dir.path / "x.db").string();
  {
    auto store = OpenStore("sqlite:" + file);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Migrate(Store::LatestSchemaVersion()).ok());
  }
  int failed = 0, opened = 0, fork_failures = 0;
  for (int round = 0; round < 40; ++round) {
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(file + suffix);
    int gate[2];
    ASSERT_EQ(pipe(gate), 0);
    std::vector<pid_t> children;
    for (int i = 0; i < 16; ++i) {
      pid_t pid = fork();
      if (pid == 0) {
        close(gate[1]);
        char c;
        (void)!read(gate[0], &c, 1);  // returns when the parent closes the gate: all open at once
        auto store = OpenStore("sqlite:" + file);
        _exit(store.ok() && (*store)->CountPersons("").ok() ? 0 : 1);
      }
      if (pid < 0) {
        ++fork_failures;
        break;
      }
      children.push_back(pid);
    }
    close(gate[0]);
    close(gate[1]);  // opens the gate; every child started is reaped below
    for (pid_t pid : children) {
      int status = 0;
      const bool reaped = waitpid(pid, &status, 0) == pid;
      ++opened;
      if (!reaped || !WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
    }
  }
  EXPECT_EQ(fork_failures, 0);
  EXPECT_EQ(failed, 0) << failed << " of " << opened << " concurrent opens failed";
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashSafety, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
