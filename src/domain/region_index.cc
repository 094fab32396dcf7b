#include "domain/region_index.h"

#include <algorithm>
#include <numeric>

#include "common/text.h"

namespace siak {
namespace {

constexpr int kMissingShift = 60;

// Keeps the `limit` lowest keys, one per region, sorted ascending.
class TopK {
 public:
  explicit TopK(size_t limit) : limit_(limit) {}
  // Rejects at once anything not better than the current worst of a full list.
  bool Wants(uint64_t key) const { return keys_.size() < limit_ || key < keys_.back(); }
  void Offer(uint64_t key) {
    if (!Wants(key)) return;
    const uint32_t region = static_cast<uint32_t>(key);
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (static_cast<uint32_t>(keys_[i]) == region) {
        if (key >= keys_[i]) return;
        keys_.erase(keys_.begin() + static_cast<long>(i));
        break;
      }
    }
    keys_.insert(std::upper_bound(keys_.begin(), keys_.end(), key), key);
    if (keys_.size() > limit_) keys_.pop_back();
  }
  const std::vector<uint64_t>& keys() const { return keys_; }

 private:
  size_t limit_;
  std::vector<uint64_t> keys_;
};

}  // namespace

uint64_t RegionIndex::BaseKey(const Region& region, size_t folded_length, uint32_t position) {
  const uint64_t level = static_cast<uint64_t>(region.code.level());
  const uint64_t length = std::min<size_t>(folded_length, 0xFFFF);
  return (level << 56) | (length << 32) | position;
}

RegionIndex::RegionIndex(std::vector<Region> regions) : regions_(std::move(regions)) {
  std::sort(regions_.begin(), regions_.end(),
            [](const Region& a, const Region& b) { return a.code.digits() < b.code.digits(); });
  const size_t n = regions_.size();
  folded_.reserve(n);
  for (const auto& r : regions_) folded_.push_back(FoldForSearch(r.name));
  // Views into folded_ are taken only after it stops growing.
  region_words_.resize(n);
  region_keys_.resize(n);
  struct Ref {
    std::string_view word;
    uint32_t region;
  };
  std::vector<Ref> refs;
  for (uint32_t i = 0; i < n; ++i) {
    region_words_[i] = SplitWords(folded_[i]);
    region_keys_[i] = BaseKey(regions_[i], folded_[i].size(), i);
    for (std::string_view w : region_words_[i]) refs.push_back({w, i});
  }
  std::sort(refs.begin(), refs.end(),
            [](const Ref& a, const Ref& b) { return a.word != b.word ? a.word < b.word : a.region < b.region; });
  words_.reserve(refs.size());
  word_region_.reserve(refs.size());
  word_key_.reserve(refs.size());
  word_length_.reserve(refs.size());
  for (const auto& ref : refs) {
    words_.emplace_back(ref.word);
    word_region_.push_back(ref.region);
    word_key_.push_back(region_keys_[ref.region]);
    word_length_.push_back(static_cast<uint16_t>(std::min<size_t>(ref.word.size(), 0xFFFF)));
  }
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
  const std::string folded = FoldForSearch(query);
  // Words of digits are a code prefix; "32.73" folds to "32 73", so digit runs are rejoined.
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
  if (name_words.size() > 15) name_words.resize(15);  // the missing-count field holds 4 bits

  TopK top(limit);
  if (name_words.empty()) {
    auto lo = std::lower_bound(regions_.begin(), regions_.end(), code_prefix,
                               [](const Region& r, const std::string& p) { return r.code.digits() < p; });
    for (auto it = lo; it != regions_.end() && it->code.digits().starts_with(code_prefix); ++it) {
      top.Offer(region_keys_[static_cast<size_t>(it - regions_.begin())]);
    }
  } else {
    // Walk the index range of the query word with the fewest entries; check the others.
    size_t best_lo = 0, best_hi = 0, best_word = 0;
    for (size_t q = 0; q < name_words.size(); ++q) {
      const std::string_view w = name_words[q];
      auto lo = std::lower_bound(words_.begin(), words_.end(), w,
                                 [](const std::string& word, std::string_view x) { return word < x; });
      std::string upper(w);
      upper.push_back('\xFF');  // past every word that starts with w
      auto hi = std::lower_bound(lo, words_.end(), upper);
      const size_t a = static_cast<size_t>(lo - words_.begin()), b = static_cast<size_t>(hi - words_.begin());
      if (q == 0 || b - a < best_hi - best_lo) {
        best_lo = a;
        best_hi = b;
        best_word = q;
      }
    }
    const uint16_t walked_length = static_cast<uint16_t>(name_words[best_word].size());
    const bool single = name_words.size() == 1 && code_prefix.empty();
    for (size_t k = best_lo; k < best_hi; ++k) {
      uint64_t missing = word_length_[k] == walked_length ? 0 : 1;
      if (single) {
        const uint64_t key = (missing << kMissingShift) | word_key_[k];
        if (top.Wants(key)) top.Offer(key);
        continue;
      }
      const uint32_t r = word_region_[k];
      if (!code_prefix.empty() && !regions_[r].code.digits().starts_with(code_prefix)) continue;
      bool all = true;
      for (size_t q = 0; q < name_words.size() && all; ++q) {
        if (q == best_word) continue;
        bool prefix = false, exact = false;
        for (std::string_view rw : region_words_[r]) {
          if (rw.starts_with(name_words[q])) {
            prefix = true;
            if (rw.size() == name_words[q].size()) {
              exact = true;
              break;
            }
          }
        }
        all = prefix;
        missing += exact ? 0 : 1;
      }
      if (all) top.Offer((missing << kMissingShift) | word_key_[k]);
    }
  }
  out.reserve(top.keys().size());
  for (uint64_t key : top.keys()) {
    const Region& region = regions_[static_cast<uint32_t>(key)];
    out.push_back({&region, PathOf(region)});
  }
  return out;
}

}  // namespace siak
