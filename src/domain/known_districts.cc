#include "domain/known_districts.h"

namespace siak {

int KnownDistricts::Index(std::string_view d) {
  if (d.size() != 6) return -1;
  int v = 0;
  for (char c : d) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

void KnownDistricts::Add(std::string_view digits6) {
  int i = Index(digits6);
  if (i < 0) return;
  uint64_t mask = uint64_t{1} << (i % 64);
  if (!(bits_[static_cast<size_t>(i) / 64] & mask)) ++count_;
  bits_[static_cast<size_t>(i) / 64] |= mask;
}

KnownDistricts KnownDistricts::Of(std::span<const Region> regions) {
  KnownDistricts out;
  for (const Region& r : regions) {
    if (r.code.level() == RegionLevel::kDistrict) out.Add(r.code.digits());
  }
  return out;
}

bool KnownDistricts::Contains(std::string_view digits6) const {
  int i = Index(digits6);
  return i >= 0 && (bits_[static_cast<size_t>(i) / 64] >> (i % 64)) & 1;
}

}  // namespace siak
