#include "abis/finger_engine.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "abis/finger_match.h"
#include "common/parallel.h"

namespace siak::abis {

double FingerFalseMatchProbability(float score) {
  if (!(score > 0)) return 1.0;
  return std::max(1e-15, std::pow(10.0, -static_cast<double>(score) / 0.0162));
}

int FingerSet::count() const {
  int n = 0;
  for (const auto& f : by_position) n += f.has_value() && !f->cylinders.empty();
  return n;
}

std::vector<double> FingerCandidate::Probabilities() const {
  std::vector<double> out;
  for (float s : scores) {
    if (s >= 0) out.push_back(FingerFalseMatchProbability(s));
  }
  return out;
}

FingerEngine::FingerEngine(int threads, FingerKernelKind kernel)
    : threads_(threads > 0 ? threads : CoreCount()),
      kernel_(kernel) {}

void FingerEngine::Put(uint64_t key, const FingerSet& set) {
  Person p;
  p.key = key;
  size_t count = 0;
  for (int i = 0; i < kFingerPositions; ++i) {
    if (set.by_position[i] && !set.by_position[i]->cylinders.empty()) {
      p.fingers[i] = set.by_position[i]->cylinders;
      ++count;
    }
  }
  std::unique_lock lock(mu_);
  auto it = slot_of_.find(key);
  if (it != slot_of_.end()) {
    for (const auto& f : persons_[it->second].fingers) fingers_ -= !f.empty();
    if (count == 0) {
      lock.unlock();
      Remove(key);
      return;
    }
    persons_[it->second] = std::move(p);
  } else {
    if (count == 0) return;
    slot_of_[key] = static_cast<uint32_t>(persons_.size());
    persons_.push_back(std::move(p));
  }
  fingers_ += count;
}

void FingerEngine::Remove(uint64_t key) {
  std::unique_lock lock(mu_);
  auto it = slot_of_.find(key);
  if (it == slot_of_.end()) return;
  const uint32_t slot = it->second;
  for (const auto& f : persons_[slot].fingers) fingers_ -= !f.empty();
  slot_of_.erase(it);
  if (slot + 1 != persons_.size()) {
    persons_[slot] = std::move(persons_.back());
    slot_of_[persons_[slot].key] = slot;
  }
  persons_.pop_back();
}

void FingerEngine::Clear() {
  std::unique_lock lock(mu_);
  persons_.clear();
  slot_of_.clear();
  fingers_ = 0;
}

size_t FingerEngine::persons() const {
  std::shared_lock lock(mu_);
  return persons_.size();
}

size_t FingerEngine::fingers() const {
  std::shared_lock lock(mu_);
  return fingers_;
}

bool FingerEngine::Contains(uint64_t key) const {
  std::shared_lock lock(mu_);
  return slot_of_.contains(key);
}

FingerCandidate FingerEngine::Score(FingerMatcher& matcher, const FingerSet& probe,
                                    const std::array<std::vector<Cylinder>, kFingerPositions>& enrolled,
                                    uint64_t key) const {
  FingerCandidate c;
  c.key = key;
  for (int i = 0; i < kFingerPositions; ++i) {
    if (!probe.by_position[i] || probe.by_position[i]->cylinders.empty() || enrolled[i].empty()) continue;
    const float s = matcher.Score(probe.by_position[i]->cylinders, enrolled[i]);
    c.scores[i] = s;
    ++c.compared;
    c.product *= FingerFalseMatchProbability(s);
  }
  return c;
}

std::vector<std::vector<FingerCandidate>> FingerEngine::Search(std::span<const FingerSet* const> batch,
                                                               double max_product) const {
  std::shared_lock lock(mu_);
  std::vector<std::vector<FingerCandidate>> out(batch.size());
  if (batch.empty() || persons_.empty()) return out;
  const size_t n = persons_.size();
  const int threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads_), std::max<size_t>(1, n / 64)));
  std::vector<std::vector<std::vector<FingerCandidate>>> found(threads, std::vector<std::vector<FingerCandidate>>(batch.size()));
  auto work = [&](int t) {
    FingerMatcher matcher(kernel_);
    const size_t begin = n * t / threads, end = n * (t + 1) / threads;
    for (size_t s = begin; s < end; ++s) {
      const Person& person = persons_[s];
      for (size_t b = 0; b < batch.size(); ++b) {
        if (!batch[b]) continue;
        FingerCandidate c = Score(matcher, *batch[b], person.fingers, person.key);
        if (c.compared > 0 && c.product <= max_product) found[t][b].push_back(std::move(c));
      }
    }
  };
  RunParallel(threads, work);
  for (size_t b = 0; b < batch.size(); ++b) {
    for (auto& part : found) {
      for (auto& c : part[b]) out[b].push_back(std::move(c));
    }
    std::sort(out[b].begin(), out[b].end(), [](const FingerCandidate& x, const FingerCandidate& y) {
      return x.product != y.product ? x.product < y.product : x.key < y.key;
    });
  }
  return out;
}

std::optional<FingerCandidate> FingerEngine::Verify(const FingerSet& probe, uint64_t key) const {
  std::shared_lock lock(mu_);
  auto it = slot_of_.find(key);
  if (it == slot_of_.end()) return std::nullopt;
  FingerMatcher matcher(kernel_);
  return Score(matcher, probe, persons_[it->second].fingers, key);
}

FingerCandidate FingerEngine::Compare(const FingerSet& probe, const FingerSet& other) const {
  std::array<std::vector<Cylinder>, kFingerPositions> enrolled;
  for (int i = 0; i < kFingerPositions; ++i) {
    if (other.by_position[i]) enrolled[i] = other.by_position[i]->cylinders;
  }
  FingerMatcher matcher(kernel_);
  return Score(matcher, probe, enrolled, 0);
}

}  // namespace siak::abis
