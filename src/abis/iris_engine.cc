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
  auto found = CandidatesLocked(batch, limits.eye_threshold);
  std::vector<IrisSearchResult> out(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i].candidates_scored = found[i].size();
    for (auto& c : found[i]) {
      if (c.false_match_probability <= limits.per_comparison) out[i].duplicates.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<std::vector<IrisCandidate>> IrisEngine::Candidates(std::span<const IrisPair> batch,
                                                               double eye_probability) const {
  std::shared_lock lock(mu_);
  thread_local double cached_p = -1, cached_t = 0;
  thread_local int cached_r = 0;
  if (cached_p != eye_probability || cached_r != rotations()) {
    cached_p = eye_probability;
    cached_r = rotations();
    cached_t = ThresholdForProbability(eye_probability, rotations());
  }
  return CandidatesLocked(batch, cached_t);
}

double IrisEngine::EyeProbability(const IrisMatch& m) const { return FalseMatchProbability(m.score, rotations()); }

std::vector<std::vector<IrisCandidate>> IrisEngine::CandidatesLocked(std::span<const IrisPair> batch,
                                                                     double eye_threshold) const {
  const DecisionTable table(eye_threshold);
  std::vector<std::vector<IrisCandidate>> out(batch.size());
  // Each eye's probes, prepared once: searched as one batch, then scored against the candidates.
  std::array<std::vector<PreparedIrisProbe>, 2> probes;
  std::array<std::vector<int>, 2> slot;  // per recording: its probe of that eye, or -1
  std::vector<std::vector<uint64_t>> candidates(batch.size());
  for (int e = 0; e < 2; ++e) {
    const Eye eye = e == 1 ? Eye::kLeft : Eye::kRight;
    std::vector<size_t> owner;
    slot[e].assign(batch.size(), -1);
    for (size_t i = 0; i < batch.size(); ++i) {
      const auto& code = e == 1 ? batch[i].left : batch[i].right;
      if (!code) continue;
      slot[e][i] = static_cast<int>(probes[e].size());
      probes[e].push_back(PrepareIrisProbe(*code, policy_.max_shift));
      owner.push_back(i);
    }
    if (probes[e].empty() || galleries_.of(eye).size() == 0) continue;
    auto found = SearchIrisGallery(galleries_.of(eye), probes[e], table, options_);
    for (size_t p = 0; p < found.size(); ++p) {
      for (const auto& m : found[p]) candidates[owner[p]].push_back(m.key);
    }
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    auto& keys = candidates[i];
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::array<const PreparedIrisProbe*, 2> probe{};
    for (int e = 0; e < 2; ++e) probe[e] = slot[e][i] < 0 ? nullptr : &probes[e][slot[e][i]];
    for (uint64_t key : keys) out[i].push_back(Score(probe, {galleries_.right.Find(key), galleries_.left.Find(key)}, key));
    std::sort(out[i].begin(), out[i].end(), [](const IrisCandidate& a, const IrisCandidate& b) {
      return a.false_match_probability != b.false_match_probability
                 ? a.false_match_probability < b.false_match_probability
                 : a.key < b.key;
    });
  }
  return out;
}

IrisCandidate IrisEngine::Score(std::array<const PreparedIrisProbe*, 2> probe,
                                std::array<const IrisCode*, 2> enrolled, uint64_t key) const {
  IrisCandidate c;
  c.key = key;
  for (int e = 0; e < 2; ++e) {
    if (!probe[e] || !enrolled[e]) continue;
    auto m = CompareIris(*probe[e], *enrolled[e], options_.kernel);
    if (m) m->key = key;
    (e == 1 ? c.left : c.right) = m;
  }
  c.false_match_probability = Fused(c);
  return c;
}

IrisCandidate IrisEngine::CompareTo(const IrisPair& probe, std::array<const IrisCode*, 2> enrolled,
                                    uint64_t key) const {
  std::array<std::optional<PreparedIrisProbe>, 2> prepared;
  std::array<const PreparedIrisProbe*, 2> probes{};
  for (int e = 0; e < 2; ++e) {
    const auto& code = e == 1 ? probe.left : probe.right;
    if (!code || !enrolled[e]) continue;
    prepared[e] = PrepareIrisProbe(*code, policy_.max_shift);
    probes[e] = &*prepared[e];
  }
  return Score(probes, enrolled, key);
}

IrisCandidate IrisEngine::Compare(const IrisPair& probe, const IrisPair& other) const {
  auto pointer = [](const std::optional<IrisCode>& code) { return code ? &*code : nullptr; };
  return CompareTo(probe, {pointer(other.right), pointer(other.left)}, 0);
}

std::optional<IrisCandidate> IrisEngine::Verify(const IrisPair& probe, uint64_t key) const {
  std::shared_lock lock(mu_);
  const IrisCode* right = galleries_.right.Find(key);
  const IrisCode* left = galleries_.left.Find(key);
  if (!right && !left) return std::nullopt;
  return CompareTo(probe, {right, left}, key);
}

}  // namespace siak::abis
