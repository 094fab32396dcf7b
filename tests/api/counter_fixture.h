// Service-counter fixtures for the API suites (tests/api/counter_test.cc).
#pragma once

#include <cstdint>
#include <string>

#include "tests/api/api_server.h"

namespace siak::testing {

struct CounterFixture {
  int64_t site = 0;    // a kecamatan office in 32.73.01
  int64_t desk = 0;    // a fresh desk there offering every service, with nothing called
  int64_t ticket = 0;  // a ticket in the state `operation` needs (CALLED, or SERVING for finishing)
};

// A new kecamatan site in 32.73.01 (its code carries `suffix`); returns its id (0 on failure).
int64_t MakeCounterSite(ApiServer& s, const std::string& suffix);
// For the permission matrix: the shared site of `backend`, and for a counter operation a fresh
// desk and ticket (made as admin). Other operations get an empty fixture.
CounterFixture PrepareCounters(ApiServer& s, const std::string& operation, const std::string& backend);

}  // namespace siak::testing
