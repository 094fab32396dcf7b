#include "abis/iris_engine.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

namespace siak::abis {

IrisEngine::IrisEngine(IrisPolicy policy, IrisSearchOptions options) : policy_(policy), options_(options) {}

void IrisEngine::Put(uint64_t key, const IrisPair& irises) {
  std::unique_lock lock(mu_);
  // A re-enrolment replaces both eyes: an eye now missing leaves the gallery.
  if (irises.right) galleries_.right.Put(key, *irises.right); else galleries_.right.Remove(key);
  if (irises.left) galleries_.left.Put(key, *irises.left); else galleries_.left.Remove(key);
}

void IrisEngine::Remove(uint64_t key) {
  std::unique_lock lock(mu_);
  galleries_.right.Remove(key);
  galleries_.left.Remove(key);
}

void IrisEngine::Replace(GalleryPair galleries) {
  std::unique_lock lock(mu_);
  galleries_ = std::move(galleries);
}

int64_t IrisEngine::log_position() const {
  std::shared_lock lock(mu_);
  return galleries_.log_position;
}

void IrisEngine::set_log_position(int64_t position) {
  std::unique_lock lock(mu_);
  galleries_.log_position = position;
}

Status IrisEngine::Save(const std::string& path, const SecretKey& key) const {
  std::shared_lock lock(mu_);
  return SaveGallerySnapshot(path, galleries_, key);
}

size_t IrisEngine::size(Eye eye) const {
  std::shared_lock lock(mu_);
  return galleries_.of(eye).size();
}

size_t IrisEngine::persons() const {
  std::shared_lock lock(mu_);
  size_t n = galleries_.right.size();
  for (uint32_t s = 0; s < galleries_.left.size(); ++s) n += galleries_.right.Find(galleries_.left.key(s)) ? 0 : 1;
  return n;
}

bool IrisEngine::Contains(uint64_t key) const {
  std::shared_lock lock(mu_);
  return galleries_.right.Find(key) || galleries_.left.Find(key);
}

IrisDecisionLimits IrisEngine::LimitsLocked() const {
  IrisDecisionLimits l;
  l.gallery_persons = std::max(galleries_.right.size(), galleries_.left.size());
  l.per_comparison = policy_.false_alarms_per_search / static_cast<double>(std::max<size_t>(l.gallery_persons, 1));
  // Cached: the bisection costs about a millisecond and the size rarely changes by much.
  thread_local double cached_p = -1, cached_t = 0;
  thread_local int cached_r = 0;
  if (cached_p != l.per_comparison || cached_r != rotations()) {
    cached_p = l.per_comparison;
    cached_r = rotations();
    cached_t = ThresholdForProbability(std::sqrt(l.per_comparison), rotations());
  }
  l.eye_threshold = cached_t;
  return l;
}

IrisDecisionLimits IrisEngine::Limits() const {
  std::shared_lock lock(mu_);
  return LimitsLocked();
}

double IrisEngine::Fused(const IrisCandidate& c) const {
  double p[2];
  size_t k = 0;
  for (const auto* m : {&c.right, &c.left}) {
    if (*m) p[k++] = FalseMatchProbability((*m)->score, rotations());
  }
  return FuseProbabilities(std::span<const double>(p, k));
}

std::vector<IrisSearchResult> IrisEngine::Search(std::span<const IrisPair> batch) const {
  std::shared_lock lock(mu_);
  const IrisDecisionLimits limits = LimitsLocked();
  const DecisionTable table(limits.eye_threshold);
  std::vector<IrisSearchResult> out(batch.size());
  // Candidates per recording from either eye.
  std::vector<std::vector<uint64_t>> candidates(batch.size());
  std::vector<std::array<std::optional<PreparedIrisProbe>, 2>> prepared(batch.size());
  for (Eye eye : {Eye::kRight, Eye::kLeft}) {
    const int e = eye == Eye::kLeft ? 1 : 0;
    std::vector<PreparedIrisProbe> probes;
    std::vector<size_t> owner;
    for (size_t i = 0; i < batch.size(); ++i) {
      const auto& code = eye == Eye::kLeft ? batch[i].left : batch[i].right;
      if (!code) continue;
      prepared[i][e] = PrepareIrisProbe(*code, policy_.max_shift);
      probes.push_back(*prepared[i][e]);
      owner.push_back(i);
    }
    if (probes.empty() || galleries_.of(eye).size() == 0) continue;
    auto found = SearchIrisGallery(galleries_.of(eye), probes, table, options_);
    for (size_t p = 0; p < found.size(); ++p) {
      for (const auto& m : found[p]) candidates[owner[p]].push_back(m.key);
    }
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    auto& keys = candidates[i];
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    out[i].candidates_scored = keys.size();
    for (uint64_t key : keys) {
      IrisCandidate c;
      c.key = key;
      for (int e = 0; e < 2; ++e) {
        const IrisCode* enrolled = galleries_.of(e == 1 ? Eye::kLeft : Eye::kRight).Find(key);
        if (!enrolled || !prepared[i][e]) continue;
        auto m = CompareIris(*prepared[i][e], *enrolled, options_.kernel);
        if (m) m->key = key;
        (e == 1 ? c.left : c.right) = m;
      }
      c.false_match_probability = Fused(c);
      if (c.false_match_probability <= limits.per_comparison) out[i].duplicates.push_back(c);
    }
    std::sort(out[i].duplicates.begin(), out[i].duplicates.end(), [](const IrisCandidate& a, const IrisCandidate& b) {
      return a.false_match_probability != b.false_match_probability
                 ? a.false_match_probability < b.false_match_probability
                 : a.key < b.key;
    });
  }
  return out;
}

IrisCandidate IrisEngine::Compare(const IrisPair& probe, const IrisPair& other) const {
  IrisCandidate c;
  for (int e = 0; e < 2; ++e) {
    const auto& a = e == 1 ? probe.left : probe.right;
    const auto& b = e == 1 ? other.left : other.right;
    if (!a || !b) continue;
    (e == 1 ? c.left : c.right) = CompareIris(PrepareIrisProbe(*a, policy_.max_shift), *b, options_.kernel);
  }
  c.false_match_probability = Fused(c);
  return c;
}

std::optional<IrisCandidate> IrisEngine::Verify(const IrisPair& probe, uint64_t key) const {
  std::shared_lock lock(mu_);
  const IrisCode* right = galleries_.right.Find(key);
  const IrisCode* left = galleries_.left.Find(key);
  if (!right && !left) return std::nullopt;
  IrisPair enrolled;
  if (right) enrolled.right = *right;
  if (left) enrolled.left = *left;
  IrisCandidate c = Compare(probe, enrolled);
  c.key = key;
  if (c.right) c.right->key = key;
  if (c.left) c.left->key = key;
  return c;
}

}  // namespace siak::abis
