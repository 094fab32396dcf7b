// Fingerprint features for matching: Minutia Cylinder-Code (Cappelli, Ferrara and Maltoni,
// "Minutia Cylinder-Code: a new representation and matching technique for fingerprint
// recognition", IEEE TPAMI 32(12), 2010), in its bit-based form.
//
// Each minutia gets a cylinder: a disc of radius R = 70 px (at 500 dpi) around it, turned to its
// direction, cut into 16 x 16 cells and 6 direction sectors. Bit (sector k, cell c) is set when
// neighbouring minutiae near the cell's centre have a direction, relative to the centre minutia,
// in sector k (Gaussian weights in space and angle, thresholded). A cell is valid when it lies
// inside the disc and inside the template's convex hull widened by 50 px; a cylinder is kept only
// when enough of its cells are valid and it has neighbours. Cylinders are invariant to
// translation and rotation, robust to a few missing or spurious minutiae, and compared with
// popcounts (finger_kernels.h).
//
// Coordinates are scaled to 500 dpi from the record's resolution and the y axis is turned up, so
// that ISO angles (counter-clockwise) and angles between points agree.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "abis/finger_template.h"

namespace siak::abis {

inline constexpr int kCylinderSide = 16;                              // cells across the disc
inline constexpr int kCylinderCells = kCylinderSide * kCylinderSide;  // 256
inline constexpr int kCylinderSectors = 6;
inline constexpr int kCylinderCellWords = kCylinderCells / 64;                  // 4
inline constexpr int kCylinderWords = kCylinderCellWords * kCylinderSectors;  // 24
// Templates keep at most this many minutiae (the best-placed, see ExtractFingerFeatures).
inline constexpr int kMaxFingerMinutiae = 96;

// One cylinder: 256 bytes, cache-line aligned. Bits of sector k are words 4k..4k+3 (cell i*16+j
// is bit (i*16+j) % 64 of word 4k + (i*16+j) / 64); bits outside `valid` are 0.
struct alignas(64) Cylinder {
  uint64_t bits[kCylinderWords];
  uint64_t valid[kCylinderCellWords];
  float x, y;        // the centre minutia, 500 dpi pixels, y up
  float cos_t, sin_t;  // its direction
  float theta;       // radians, [0, 2 pi)
  uint16_t valid_cells;
  uint16_t minutia;  // index of the centre minutia in the template
};
static_assert(sizeof(Cylinder) == 256);

struct FingerMinutia {
  float x, y, theta;  // 500 dpi pixels, y up, radians in [0, 2 pi)
  MinutiaType type;
};

// A template ready to match: its minutiae and the valid cylinders.
struct FingerFeatures {
  std::vector<FingerMinutia> minutiae;
  std::vector<Cylinder> cylinders;
};

// `pixels_per_cm` is the record's resolution (0 means 500 dpi, 197 px/cm). More than
// kMaxFingerMinutiae minutiae: those nearest the centroid are kept.
FingerFeatures ExtractFingerFeatures(std::span<const Minutia> minutiae, int pixels_per_cm);
// The first view of a decoded record.
FingerFeatures ExtractFingerFeatures(const FingerRecord& record);

}  // namespace siak::abis
