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
  // A ranking key packs, most significant first: query words without an exact match (4 bits),
  // region level (4 bits), name length (16 bits), region position (32 bits). Lower is better.
  static uint64_t BaseKey(const Region& region, size_t folded_length, uint32_t position);

  std::vector<Region> regions_;                             // sorted by code digits
  std::vector<std::string> folded_;                         // folded name per region
  std::vector<std::vector<std::string_view>> region_words_;  // words of folded_, per region
  std::vector<uint64_t> region_keys_;                       // BaseKey per region
  // The word index, sorted by word, as parallel arrays (the hot loop reads only keys/lengths).
  std::vector<std::string> words_;
  std::vector<uint32_t> word_region_;
  std::vector<uint64_t> word_key_;
  std::vector<uint16_t> word_length_;
};

}  // namespace siak
