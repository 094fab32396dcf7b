#include "abis/biometric_search.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "abis/iris_score.h"

namespace siak::abis {

size_t BiometricSearch::persons() const { return std::max(irises_.persons(), fingers_.persons()); }

double BiometricSearch::Limit() const {
  return irises_.policy().false_alarms_per_search / static_cast<double>(std::max<size_t>(persons(), 1));
}

FusedCandidate BiometricSearch::Fuse(uint64_t key, std::optional<FingerCandidate> fingers,
                                     const IrisCandidate& irises) const {
  FusedCandidate c;
  c.key = key;
  std::vector<double> p;
  if (fingers && fingers->compared > 0) {
    p = fingers->Probabilities();
    c.fingers = std::move(fingers);
  }
  c.irises = irises;
  c.irises.key = key;
  for (const auto* m : {&irises.right, &irises.left}) {
    if (*m) p.push_back(irises_.EyeProbability(**m));
  }
  c.modalities = static_cast<int>(p.size());
  c.false_match_probability = FuseProbabilities(p);
  return c;
}

std::vector<FusedSearchResult> BiometricSearch::Search(std::span<const Biometrics> batch) const {
  std::vector<FusedSearchResult> out(batch.size());
  const double limit = Limit();
  bool any_fingers = false;
  for (const auto& b : batch) any_fingers = any_fingers || b.fingers.count() > 0;
  std::vector<IrisPair> iris_probes;
  for (const auto& b : batch) iris_probes.push_back(b.irises);
  const double bound = any_fingers ? std::cbrt(limit) : std::sqrt(limit);
  const auto iris_found = irises_.Candidates(iris_probes, bound);
  std::vector<const FingerSet*> finger_probes;
  for (const auto& b : batch) finger_probes.push_back(b.fingers.count() > 0 ? &b.fingers : nullptr);
  const auto finger_found = any_fingers ? fingers_.Search(finger_probes, bound)
                                        : std::vector<std::vector<FingerCandidate>>(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    std::map<uint64_t, std::pair<std::optional<FingerCandidate>, std::optional<IrisCandidate>>> found;
    for (const auto& c : finger_found[i]) found[c.key].first = c;
    for (const auto& c : iris_found[i]) found[c.key].second = c;
    out[i].candidates_scored = found.size();
    for (auto& [key, parts] : found) {
      if (!parts.first && batch[i].fingers.count() > 0) parts.first = fingers_.Verify(batch[i].fingers, key);
      if (!parts.second) parts.second = irises_.Verify(batch[i].irises, key);
      FusedCandidate c = Fuse(key, parts.first, parts.second.value_or(IrisCandidate{}));
      if (c.false_match_probability <= limit) out[i].duplicates.push_back(std::move(c));
    }
    std::sort(out[i].duplicates.begin(), out[i].duplicates.end(), [](const FusedCandidate& a, const FusedCandidate& b) {
      return a.false_match_probability != b.false_match_probability
                 ? a.false_match_probability < b.false_match_probability
                 : a.key < b.key;
    });
  }
  return out;
}

FusedCandidate BiometricSearch::Compare(const Biometrics& probe, const Biometrics& other) const {
  std::optional<FingerCandidate> f;
  if (probe.fingers.count() > 0 && other.fingers.count() > 0) f = fingers_.Compare(probe.fingers, other.fingers);
  return Fuse(0, f, irises_.Compare(probe.irises, other.irises));
}

std::optional<FusedCandidate> BiometricSearch::Verify(const Biometrics& probe, uint64_t key) const {
  auto f = fingers_.Verify(probe.fingers, key);
  auto i = irises_.Verify(probe.irises, key);
  if (!f && !i) return std::nullopt;
  return Fuse(key, f, i.value_or(IrisCandidate{}));
}

}  // namespace siak::abis
