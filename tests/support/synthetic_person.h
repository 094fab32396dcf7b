// Synthetic, valid persons for tests and benchmarks (never real residents' data).
#pragma once

#include <string>

#include "domain/person.h"

namespace siak::testing {

// Person number i: a distinct NIK for every i below 149,985,000 (birth date and serial derive
// from i; the district from the village), one of ten names, codes cycling through their tables,
// living in `village_digits` (a bare 10-digit village code).
Person SyntheticPerson(int i, const std::string& village_digits = "3273011001");

}  // namespace siak::testing
