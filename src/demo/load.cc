#include "demo/load.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace siak::demo {

Result<DemoSummary> GenerateInto(Store& store, const RegionIndex& regions, const DemoConfig& config,
                                 const std::function<void(int64_t)>& progress) {
  SIAK_ASSIGN_OR_RETURN(int64_t existing, store.CountPersons(""));
  if (existing > 0) {
    return Status::FailedPrecondition("the register already holds " + std::to_string(existing) +
                                      " persons; demo data goes into an empty store (generate several regions at once "
                                      "with --region a,b)");
  }
  SIAK_ASSIGN_OR_RETURN(std::unique_ptr<PopulationGenerator> generator, PopulationGenerator::Create(regions, config));

  // Producer: the generator, a few batches ahead of the writer.
  std::mutex mutex;
  std::condition_variable cv;
  std::deque<DemoBatch> ready;
  bool produced_all = false, stop = false;
  std::thread producer([&] {
    for (;;) {
      DemoBatch batch;
      const bool more = generator->Next(&batch);
      std::unique_lock lock(mutex);
      if (!more) {
        produced_all = true;
        cv.notify_all();
        return;
      }
      cv.wait(lock, [&] { return ready.size() < 4 || stop; });
      if (stop) return;
      ready.push_back(std::move(batch));
      cv.notify_all();
    }
  });

  DemoSummary summary;
  store.PrepareForBulkLoad();
  Status st = store.Begin();
  // Larger writes amortise each backend's per-call cost: merge chunks up to ~16k persons.
  DemoBatch pending;
  auto flush = [&]() -> Status {
    if (pending.persons.empty() && pending.families.empty()) return Status::Ok();
    SIAK_RETURN_IF_ERROR(store.InsertPersons(pending.persons));
    SIAK_RETURN_IF_ERROR(store.InsertFamilies(pending.families));
    SIAK_RETURN_IF_ERROR(store.AppendEvents(pending.events));
    pending.Clear();
    if (progress) progress(summary.living);
    return Status::Ok();
  };
  while (st.ok()) {
    DemoBatch batch;
    {
      std::unique_lock lock(mutex);
      cv.wait(lock, [&] { return !ready.empty() || produced_all; });
      if (ready.empty()) break;
      batch = std::move(ready.front());
      ready.pop_front();
      cv.notify_all();
    }
    for (const Person& p : batch.persons) {
      if (p.status_dasar == StatusDasar::kHidup) ++summary.living;
      else ++summary.deceased;
    }
    summary.families += static_cast<int64_t>(batch.families.size());
    summary.events += static_cast<int64_t>(batch.events.size());
    std::move(batch.persons.begin(), batch.persons.end(), std::back_inserter(pending.persons));
    std::move(batch.families.begin(), batch.families.end(), std::back_inserter(pending.families));
    std::move(batch.events.begin(), batch.events.end(), std::back_inserter(pending.events));
    if (pending.persons.size() >= 16384) st = flush();
  }
  if (st.ok()) st = flush();
  {
    std::lock_guard lock(mutex);
    stop = true;
    cv.notify_all();
  }
  producer.join();
  if (st.ok()) st = store.Commit();
  if (!st.ok()) {
    if (store.InExplicitTransaction()) (void)store.Rollback();
    return st;
  }
  return summary;
}

}  // namespace siak::demo
