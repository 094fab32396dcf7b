// Batched 1:N iris search over one gallery, spread over threads.
//
// The gallery is cut into tiles of 512 entries (256 KiB, resident in L2); each thread takes the
// next tile and runs every probe of the batch over it, so the gallery streams from memory once
// per batch while each probe's rotations (17 x 512 bytes) stay in L1. A hit is reduced to the
// best rotation per (probe, entry).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "abis/iris_gallery.h"
#include "abis/iris_kernels.h"
#include "abis/iris_score.h"

namespace siak::abis {

// Above this threshold the partial-distance shortcut rules out too few impostor rotations to pay
// for its check (measured: bench/abis_bench.cc), so a search runs without it.
inline constexpr double kShortcutUsefulBelow = 0.33;

struct IrisSearchOptions {
  IrisKernelKind kernel = IrisKernelKind::kScalar;
  bool shortcut = true;  // the exact shortcuts allowed (the partial distance below kShortcutUsefulBelow)
  int threads = 1;
};

struct IrisMatch {
  uint64_t key;
  int shift;     // probe rotation in columns
  int d, n;
  double score;  // NormalisedHd(d, n)
};

// For each probe, the gallery entries with a rotation that passes `table`, best rotation
// (least score; then least |shift|) per entry, ordered by score then key.
std::vector<std::vector<IrisMatch>> SearchIrisGallery(const IrisGallery& gallery,
                                                      std::span<const PreparedIrisProbe> probes,
                                                      const DecisionTable& table, const IrisSearchOptions& options);

// The best score of `probe` against one template over all rotations (1:1), or nullopt when no
// rotation compares enough bits.
std::optional<IrisMatch> CompareIris(const PreparedIrisProbe& probe, const IrisCode& enrolled,
                                     IrisKernelKind kernel);

}  // namespace siak::abis
