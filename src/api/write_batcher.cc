#include "api/write_batcher.h"

#include "api/problem.h"

namespace siak::api {

WriteBatcher::WriteBatcher(Services& services, size_t max_batch)
    : services_(services), max_batch_(max_batch), thread_([this] { Loop(); }) {}

WriteBatcher::~WriteBatcher() { Stop(); }

void WriteBatcher::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WriteBatcher::SubmitAsync(Job job, std::function<void(HttpResponse)> done, Isolation isolation) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back(Pending{std::move(job), std::move(done), isolation});
      cv_.notify_one();
      return;
    }
  }
  done(Problem(503, "shutting_down", "", "the server is shutting down; try again shortly"));
}

void WriteBatcher::Loop() {
  Store& store = services_.store;
  for (;;) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<HttpResponse> responses(batch.size());
    Status st = store.Begin();
    if (st.ok()) {
      for (size_t i = 0; i < batch.size(); ++i) {
        const bool savepoint = batch[i].isolation == Isolation::kSavepoint;
        if (savepoint && !store.Savepoint("job").ok()) {
          st = Status::Unavailable("savepoint failed");
          break;
        }
        try {
          responses[i] = batch[i].job(services_);
        } catch (const std::exception& e) {
          if (savepoint) (void)store.RollbackToSavepoint("job");
          responses[i] = ProblemFromStatus(Status::Internal(std::string("unhandled exception: ") + e.what()));
        }
        if (!savepoint && responses[i].status >= 500) {
          st = Status::Unavailable("a job without a savepoint failed");
          break;
        }
        if (savepoint && !store.ReleaseSavepoint("job").ok()) {
          st = Status::Unavailable("release savepoint failed");
          break;
        }
      }
      if (st.ok()) st = store.Commit();
      if (!st.ok()) (void)store.Rollback();
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      if (!st.ok()) {
        responses[i] = Problem(503, "audit_unavailable", "",
                               "the change and its audit entry could not be committed; nothing was stored");
      }
      batch[i].done(std::move(responses[i]));
    }
  }
}

}  // namespace siak::api
