// Fingerprint comparison: MCC local similarities consolidated by relaxation (LSS-R, Cappelli,
// Ferrara and Maltoni 2010, section 5).
//
// From the matrix of cylinder similarities (finger_kernels.h) the n_R = min(n_A, n_B) best pairs
// that share no minutia are taken (greedy one-to-one; MCC's LSS-R takes the best pairs even when
// they share minutiae: FVC2002 mean EER 2.45% that way, 2.22% one-to-one, both before the
// distance tolerance below). Relaxation then lets the pairs support each other: pair t's value becomes, five
// times, half its own value plus half the mean of the others' values weighted by their
// geometric compatibility rho(t, k): the same distance between the two minutiae in both
// fingers (within 5 px plus 3% of the distance), the same angle between their directions, the
// same radial angle (three sigmoids, as tables).
// Pairs of a genuine match support each other; chance pairs of an impostor do not. The score
// is the mean relaxed value of the n_P pairs whose value held up best (n_P from 4 to 12 with
// the number of minutiae). Scores are in [0, 1], symmetric up to the order of ties.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "abis/finger_features.h"
#include "abis/finger_kernels.h"
#include "abis/finger_links.h"

namespace siak::abis {

// Not thread-safe: one per thread (it keeps its scratch space between comparisons).
class FingerMatcher {
 public:
  FingerMatcher();
  explicit FingerMatcher(FingerKernelKind kernel);

  float Score(std::span<const Cylinder> probe, std::span<const Cylinder> gallery);
  float Score(const FingerFeatures& probe, const FingerFeatures& gallery) {
    return Score(probe.cylinders, gallery.cylinders);
  }

 private:
  struct Pair {
    float value;
    uint16_t a, b;
  };
  struct Link {
    uint16_t k;
    float rho;
  };
  FingerKernelFn kernel_;
  void (*links_fn_)(const finger_internal::LinkInput&, std::vector<finger_internal::LinkPair>*);
  std::vector<float> similarity_, rot_;
  std::vector<int16_t> levels_;
  std::vector<Pair> pairs_;
  std::vector<uint8_t> used_a_, used_b_;
  finger_internal::LinkInput link_input_;
  std::vector<finger_internal::LinkPair> link_pairs_;
  std::vector<Link> links_;
  std::vector<uint32_t> link_start_, fill_;
  std::vector<float> lambda_, next_;
  std::vector<uint16_t> order_;
};

}  // namespace siak::abis
