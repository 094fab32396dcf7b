// RunParallel: f(0) .. f(threads - 1), each on its own thread (the calling thread runs f(0)),
// returning when all have finished. One thread: just f(0), no thread started.
#pragma once

#include <algorithm>
#include <thread>
#include <vector>

namespace siak {

template <typename F>
void RunParallel(int threads, F&& f) {
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back([&f, t] { f(t); });
  f(0);
  for (auto& th : pool) th.join();
}

// The machine's cores (at least 1).
inline int CoreCount() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

}  // namespace siak
