// Group commit: every change to the register goes through one writer thread that runs the
// waiting requests' work in one transaction, each in its own savepoint, and commits once. A
// request answers only after the commit that holds its changes and its audit entry, so one
// fsync serves a whole batch and the audit log stays fail-closed. (SQLite admits one writer at
// a time anyway; on PostgreSQL it also keeps the audit chain free of lock waits.)
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "api/http.h"
#include "api/router.h"

namespace siak::api {

class WriteBatcher {
 public:
  // A job runs inside a savepoint named "job" of the writer's transaction. It may roll back
  // to that savepoint itself (to undo a failed request before auditing it). A kSingleStatement
  // job (a read's audit entry: one insert) runs without the savepoint, which saves two
  // statements (two round trips on PostgreSQL). Its failure cannot be undone alone (PostgreSQL
  // aborts the whole transaction on a failed statement; SQLite may roll it all back on a full
  // disk), so when it answers 5xx the whole batch is rolled back and every job in it gets 503.
  using Job = std::function<HttpResponse(Services&)>;
  enum class Isolation { kSavepoint, kSingleStatement };

  // Takes the writer's own services (its own store connection).
  explicit WriteBatcher(Services& services, size_t max_batch = 256);
  ~WriteBatcher();

  // Runs `job` in the next batch; `done` is called on the writer thread with its response once
  // the batch has committed, or with 503 when it could not be (nothing of it was stored).
  void SubmitAsync(Job job, std::function<void(HttpResponse)> done, Isolation isolation = Isolation::kSavepoint);
  void Stop();

 private:
  struct Pending {
    Job job;
    std::function<void(HttpResponse)> done;
    Isolation isolation;
  };
  void Loop();

  Services& services_;
  const size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace siak::api
