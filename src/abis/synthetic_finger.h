// SyntheticFingers: a generator of SYNTHETIC minutiae templates, for tests, benchmarks and the
// demo population only. No template made here comes from a finger: they exercise the decision
// logic, the engine and its speed, not real-world accuracy (that is measured on FVC2002, see
// finger_eval.h).
//
// Model. Each (identity, finger position) has a master set of minutiae on a fingertip-shaped
// area (an ellipse of about 15 x 20 mm at 500 dpi), spaced at least 9 px apart, their count
// drawn around 36 (20 to 60). Directions follow a ridge orientation field of the Sherlock-Monro
// zero-pole kind (a core and a delta for loops, two of each for whorls, none for arches, placed
// at random per finger), each minutia pointing either way along its ridge; so, as in real
// prints, neighbouring minutiae tend to be parallel and impostor cylinders are not random.
// A capture (an impression) then presses the finger differently: a rotation of up to +-15
// degrees and a shift of up to +-25 px, a smooth non-linear distortion that grows away from the
// point of contact (up to about 8 px at the edge), position noise of about 2 px and direction
// noise of about 6 degrees; it loses the minutiae outside its contact area (part of the finger
// not pressed; a capture left with under 14 is pressed again, wider, up to three times) and some
// at random (10-20%), and adds a few spurious ones (0-4). The output is in
// ISO units (1.40625-degree angles, pixels inside a 400 x 500 image).
//
// Everything is drawn from siak::Rng streams derived from (seed, identity, position, capture),
// so a template depends on nothing else.
#pragma once

#include <cstdint>
#include <vector>

#include "abis/finger_template.h"

namespace siak::abis {

inline constexpr int kSyntheticFingerWidth = 400, kSyntheticFingerHeight = 500;

class SyntheticFingers {
 public:
  explicit SyntheticFingers(uint64_t seed) : seed_(seed) {}

  // One impression of finger `position` (1..10) of `identity`; captures with different numbers
  // are different impressions of the same finger.
  std::vector<Minutia> Capture(uint64_t identity, int position, uint64_t capture) const;
  // The same as a full ISO/IEC 19794-2 record (one view, 500 dpi).
  FingerRecord CaptureRecord(uint64_t identity, int position, uint64_t capture) const;

 private:
  uint64_t seed_;
};

}  // namespace siak::abis
