#include "domain/region_index.h"

#include <algorithm>
#include <unordered_map>

#include "common/text.h"

namespace siak {

RegionIndex::RegionIndex(std::vector<Region> regions) : regions_(std::move(regions)) {
  std::sort(regions_.begin(), regions_.end(),
            [](const Region& a, const Region& b) { return a.code.digits() < b.code.digits(); });
  folded_.reserve(regions_.size());
  for (uint32_t i = 0; i < regions_.size(); ++i) {
    folded_.push_back(FoldForSearch(regions_[i].name));
    for (std::string_view w : SplitWords(folded_.back())) words_.push_back({std::string(w), i});
  }
  std::sort(words_.begin(), words_.end(), [](const WordRef& a, const WordRef& b) {
    return a.word != b.word ? a.word < b.word : a.region < b.region;
  });
}

const Region* RegionIndex::Get(std::string_view digits) const {
  auto it = std::lower_bound(regions_.begin(), regions_.end(), digits,
                             [](const Region& r, std::string_view d) { return r.code.digits() < d; });
  return it != regions_.end() && it->code.digits() == digits ? &*it : nullptr;
}

std::string RegionIndex::PathOf(const Region& region) const {
  std::string path = region.name;
  RegionCode code = region.code;
  while (code.HasParent()) {
    code = code.Parent();
    if (const Region* parent = Get(code.digits())) path += ", " + parent->name;
  }
  return path;
}

std::vector<RegionMatch> RegionIndex::Find(std::string_view query, size_t limit) const {
  std::vector<RegionMatch> out;
  if (limit == 0) return out;
  std::string folded = FoldForSearch(query);
  // Words of digits are code prefixes; "32.73" folds to "32 73", so rejoin digit runs.
  std::string code_prefix;
  std::vector<std::string_view> name_words;
  for (std::string_view w : SplitWords(folded)) {
    if (IsAllDigits(w)) {
      code_prefix += w;
    } else {
      name_words.push_back(w);
    }
  }
  if (code_prefix.empty() && name_words.empty()) return out;

  // Candidates with a score; lower is better.
  std::unordered_map<uint32_t, int> exact_hits;  // region -> number of query words matched exactly
  std::vector<uint32_t> candidates;
  if (name_words.empty()) {
    auto lo = std::lower_bound(regions_.begin(), regions_.end(), code_prefix,
                               [](const Region& r, const std::string& p) { return r.code.digits() < p; });
    for (auto it = lo; it != regions_.end() && it->code.digits().compare(0, code_prefix.size(), code_prefix) == 0;
         ++it) {
      candidates.push_back(static_cast<uint32_t>(it - regions_.begin()));
    }
  } else {
    // Start from the query word with the fewest index entries, then filter by the others.
    std::vector<std::pair<size_t, size_t>> ranges;
    for (std::string_view w : name_words) {
      auto lo = std::lower_bound(words_.begin(), words_.end(), w,
                                 [](const WordRef& ref, std::string_view q) { return ref.word < q; });
      auto hi = lo;
      while (hi != words_.end() && hi->word.compare(0, w.size(), w) == 0) ++hi;
      ranges.emplace_back(lo - words_.begin(), hi - words_.begin());
    }
    size_t best = 0;
    for (size_t i = 1; i < ranges.size(); ++i) {
      if (ranges[i].second - ranges[i].first < ranges[best].second - ranges[best].first) best = i;
    }
    for (size_t k = ranges[best].first; k < ranges[best].second; ++k) {
      uint32_t r = words_[k].region;
      if (!candidates.empty() && candidates.back() == r) continue;  // same region, next word
      const std::string& digits = regions_[r].code.digits();
      if (!code_prefix.empty() && digits.compare(0, code_prefix.size(), code_prefix) != 0) continue;
      bool all = true;
      int exact = 0;
      const auto region_words = SplitWords(folded_[r]);
      for (std::string_view q : name_words) {
        bool found = false;
        for (std::string_view rw : region_words) {
          if (rw.substr(0, q.size()) == q) {
            found = true;
            if (rw.size() == q.size()) {
              ++exact;
              break;
            }
          }
        }
        if (!found) {
          all = false;
          break;
        }
      }
      if (!all) continue;
      candidates.push_back(r);
      exact_hits[r] = exact;
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }

  auto key = [&](uint32_t r) {
    const int missing_exact = static_cast<int>(name_words.size()) - exact_hits[r];
    return std::tuple(missing_exact, static_cast<int>(regions_[r].code.level()), folded_[r].size(), r);
  };
  const size_t n = std::min(limit, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<long>(n), candidates.end(),
                    [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back({&regions_[candidates[i]], PathOf(regions_[candidates[i]])});
  return out;
}

}  // namespace siak
