// RegionIndex: an in-memory type-ahead over every region (83,762 villages and all the rest).
//
// Queries are folded like the names (case, diacritics and apostrophes ignored). Each query
// word must be a prefix of some word of the region's name; a query word of digits (dots
// allowed) restricts to codes starting with it, so "3273", "32.73.01" and "bandung 32" all
// work. Results rank exact words above prefixes, then larger regions above smaller, then
// shorter names. Immutable once built: concurrent Find calls are safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/region.h"

namespace siak {

struct RegionMatch {
  const Region* region;
  std::string path;  // "Keude Bakongan, Bakongan, Kabupaten Aceh Selatan, Aceh"
};

class RegionIndex {
 public:
  explicit RegionIndex(std::vector<Region> regions);

  std::vector<RegionMatch> Find(std::string_view query, size_t limit = 20) const;
  const Region* Get(std::string_view code_digits) const;
  size_t size() const { return regions_.size(); }
  const std::vector<Region>& regions() const { return regions_; }
  // Names of the region and its ancestors, smallest first, joined with ", ".
  std::string PathOf(const Region& region) const;

 private:
  struct WordRef {
    std::string word;
    uint32_t region;
  };
  std::vector<Region> regions_;            // sorted by code digits
  std::vector<std::string> folded_;        // folded name per region
  std::vector<WordRef> words_;             // sorted by word
};

}  // namespace siak
