// Generating a demo population straight into a store: the generator runs on its own thread
// while the caller's thread writes, and the whole population is one transaction (an
// interrupted run leaves the register as it was).
#pragma once

#include <cstdint>
#include <functional>

#include "demo/generator.h"
#include "store/store.h"

namespace siak::demo {

struct DemoSummary {
  int64_t living = 0;
  int64_t deceased = 0;
  int64_t families = 0;
  int64_t events = 0;
};

// Refuses a register that already holds persons (NIK serials would collide). `progress` gets
// the number of living residents stored so far.
Result<DemoSummary> GenerateInto(Store& store, const RegionIndex& regions, const DemoConfig& config,
                                 const std::function<void(int64_t)>& progress = {});

}  // namespace siak::demo
