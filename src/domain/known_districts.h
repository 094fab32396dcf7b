// KnownDistricts: the set of kecamatan codes that exist, for checking NIK and KK numbers.
//
// A bitmap over all 6-digit codes (125 KB): membership is one load, so validating a NIK
// costs the same with 7,285 districts as with 7. Filled from the region data by the caller
// (the domain does no I/O). Not thread-safe for writes; concurrent reads are fine.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "domain/region.h"

namespace siak {

class KnownDistricts {
 public:
  KnownDistricts() : bits_(kWords, 0) {}
  // The districts (kecamatan) among `regions`.
  static KnownDistricts Of(std::span<const Region> regions);

  // `digits6` is the bare 6-digit code ("327301"); anything else is ignored.
  void Add(std::string_view digits6);
  bool Contains(std::string_view digits6) const;
  size_t size() const { return count_; }

 private:
  static constexpr size_t kCodes = 1000000;
  static constexpr size_t kWords = kCodes / 64 + 1;
  static int Index(std::string_view digits6);  // -1 if not 6 digits
  std::vector<uint64_t> bits_;
  size_t count_ = 0;
};

}  // namespace siak
