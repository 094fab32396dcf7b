#include "abis/finger_match.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace siak::abis {
namespace {

using finger_internal::kPi;
using finger_internal::LinkPair;
using finger_internal::Wrap;
constexpr int kRelaxations = 5;
constexpr float kRelaxWeight = 0.5f;
constexpr int kMinPairs = 4, kMaxPairs = 12;
double Sigmoid(double v, double mu, double tau) { return 1.0 / (1.0 + std::exp(-tau * (v - mu))); }

}  // namespace

FingerMatcher::FingerMatcher() : FingerMatcher(BestFingerKernel()) {}
FingerMatcher::FingerMatcher(FingerKernelKind kernel)
    : kernel_(FingerKernel(kernel)),
      links_fn_(kernel == FingerKernelKind::kAvx512 ? &finger_internal::LinksAvx512 : &finger_internal::LinksScalar) {}

float FingerMatcher::Score(std::span<const Cylinder> probe, std::span<const Cylinder> gallery) {
  // Features never hold more (ExtractFingerFeatures); pair indexes below take 8 bits each.
  probe = probe.first(std::min(probe.size(), static_cast<size_t>(kMaxFingerMinutiae)));
  gallery = gallery.first(std::min(gallery.size(), static_cast<size_t>(kMaxFingerMinutiae)));
  const size_t na = probe.size(), nb = gallery.size();
  if (na == 0 || nb == 0) return 0;
  similarity_.resize(na * nb);
  kernel_({probe.data(), static_cast<uint32_t>(na), gallery.data(), static_cast<uint32_t>(nb), similarity_.data()});
  // One-to-one selection, greedy by similarity: the n_R = min(n_A, n_B) best pairs that share
  // no minutia. The similarities are ranked in 256 levels by a counting sort (stable, so equal
  // levels keep the probe-then-gallery index order): linear in the pairs, where a comparison
  // sort of the ~600 positive pairs cost 4x the popcount kernel.
  constexpr int kLevels = 256;
  std::array<uint16_t, kLevels + 1> start{};
  levels_.resize(na * nb);
  for (size_t x = 0; x < na * nb; ++x) {
    const float v = similarity_[x];
    const int level = v > 0 ? std::min(kLevels - 1, static_cast<int>(v * kLevels)) : -1;
    levels_[x] = static_cast<int16_t>(level);
    // Descending: level L goes to slot kLevels - 1 - L. A zero adds nothing (to start[0]).
    start[level >= 0 ? kLevels - level : 0] += level >= 0;
  }
  for (int l = 1; l <= kLevels; ++l) start[l] += start[l - 1];
  const size_t count = start[kLevels];
  if (count == 0) return 0;
  order_.resize(count);
  std::array<uint16_t, kLevels + 1> fill = start;
  for (size_t i = 0, x = 0; i < na; ++i) {
    for (size_t j = 0; j < nb; ++j, ++x) {
      const int level = levels_[x];
      if (level >= 0) order_[fill[kLevels - 1 - level]++] = static_cast<uint16_t>(i << 8 | j);
    }
  }
  const size_t n_want = std::min(na, nb);
  used_a_.assign(na, 0);
  used_b_.assign(nb, 0);
  pairs_.resize(n_want + 1);
  size_t taken = 0;
  // Branch-free: the outcome of each test is data, not a jump to predict.
  for (size_t t = 0; t < count && taken < n_want; ++t) {
    const uint16_t ab = order_[t];
    const uint16_t a = ab >> 8, b = ab & 0xff;
    const uint8_t free = !(used_a_[a] | used_b_[b]);
    used_a_[a] |= free;
    used_b_[b] |= free;
    pairs_[taken] = {similarity_[a * nb + b], a, b};
    taken += free;
  }
  pairs_.resize(taken);
  const size_t n_r = taken;
  // The score averages over n_P pairs (4 to 12, more for larger templates). A small template
  // that cannot supply n_P pairs is not averaged over fewer: the missing pairs count as 0, so
  // that a few chance agreements of a tiny template do not score like a full match.
  const size_t n_p_target = static_cast<size_t>(
      kMinPairs + std::lround(Sigmoid(static_cast<double>(n_want), 20, 2.0 / 5) * (kMaxPairs - kMinPairs)));
  const size_t n_p = std::min(n_r, n_p_target);
  if (n_r < 2) return pairs_[0].value / static_cast<float>(n_p_target);

  // Compatibility links between the selected pairs (finger_links.h), in rotation order: rot_t is
  // the rotation pair t implies (gallery direction - probe direction).
  order_.resize(n_r);
  rot_.resize(n_r);
  for (size_t t = 0; t < n_r; ++t) {
    order_[t] = static_cast<uint16_t>(t);
    rot_[t] = Wrap(gallery[pairs_[t].b].theta - probe[pairs_[t].a].theta);
  }
  std::sort(order_.begin(), order_.end(),
            [&](uint16_t x, uint16_t y) { return rot_[x] < rot_[y] || (rot_[x] == rot_[y] && x < y); });
  link_input_.Resize(n_r);
  for (size_t i = 0; i < n_r; ++i) {
    const uint16_t t = order_[i];
    const Cylinder& a = probe[pairs_[t].a];
    const Cylinder& b = gallery[pairs_[t].b];
    for (size_t at : {i, i + n_r}) {
      link_input_.ax[at] = a.x, link_input_.ay[at] = a.y, link_input_.bx[at] = b.x, link_input_.by[at] = b.y;
      link_input_.pair[at] = t;
    }
    link_input_.rot[i] = rot_[t];
    link_input_.rot[i + n_r] = rot_[t] + 2 * kPi;
  }
  link_pairs_.clear();
  links_fn_(link_input_, &link_pairs_);
  link_start_.assign(n_r + 1, 0);
  for (const LinkPair& l : link_pairs_) ++link_start_[l.t + 1], ++link_start_[l.k + 1];
  for (size_t t = 0; t < n_r; ++t) link_start_[t + 1] += link_start_[t];
  links_.resize(link_start_[n_r]);
  fill_.assign(link_start_.begin(), link_start_.end() - 1);
  for (const LinkPair& l : link_pairs_) {
    links_[fill_[l.t]++] = {l.k, l.rho};
    links_[fill_[l.k]++] = {l.t, l.rho};
  }
  lambda_.resize(n_r);
  next_.resize(n_r);
  for (size_t t = 0; t < n_r; ++t) lambda_[t] = pairs_[t].value;
  const float spread = (1 - kRelaxWeight) / static_cast<float>(n_r - 1);
  for (int it = 0; it < kRelaxations; ++it) {
    for (size_t t = 0; t < n_r; ++t) {
      float s = 0;
      for (uint32_t l = link_start_[t]; l < link_start_[t + 1]; ++l) s += links_[l].rho * lambda_[links_[l].k];
      next_[t] = kRelaxWeight * lambda_[t] + spread * s;
    }
    lambda_.swap(next_);
  }
  // The n_P pairs with the best efficiency (relaxed / initial value).
  for (size_t t = 0; t < n_r; ++t) next_[t] = lambda_[t] / pairs_[t].value;
  order_.resize(n_r);
  for (size_t t = 0; t < n_r; ++t) order_[t] = static_cast<uint16_t>(t);  // reused
  std::partial_sort(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(n_p), order_.end(),
                    [&](uint16_t x, uint16_t y) { return next_[x] > next_[y] || (next_[x] == next_[y] && x < y); });
  float score = 0;
  for (size_t t = 0; t < n_p; ++t) score += lambda_[order_[t]];
  return score / static_cast<float>(n_p_target);
}

}  // namespace siak::abis
