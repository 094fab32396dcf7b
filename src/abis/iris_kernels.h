// Iris comparison kernels: one probe (all its rotations) against a range of gallery entries.
//
// Every kernel computes, for each gallery entry e and probe rotation r, the usable bits n and
// the differing bits d, and reports (e, r, d, n) when d <= dmax[n] (see DecisionTable). They
// differ only in the instructions: a portable scalar reference, AVX2 (nibble-table popcount)
// and AVX-512 with VPOPCNTDQ. The choice is made at run time from the CPU, and every vector
// kernel is checked against the reference, bit for bit, before it is used.
//
// Two exact shortcuts, each skipping only work that cannot change a result (both rest on two
// facts: the usable bits of a comparison are at most n_max = min(usable bits of the gallery
// entry, usable bits of the probe), a rotation permuting bits but never changing their number;
// and dmax never decreases with n, so dmax[n] <= dmax[n_max]):
// - `skip_counts`: a kernel counts the differing bits d first and counts the usable bits n only
//   for rotations with d <= dmax[n_max]. A rotation with d > dmax[n_max] >= dmax[n] cannot
//   match, so n is never needed for it. Impostors (HD ~ 0.5) almost all stop there, which halves
//   the popcounts of a comparison (the mask overlap is the other half).
// - `shortcut`: a kernel first counts d1 over words 0..23 of the 32 and drops the rotation when
//   d1 > dmax[n_max] (d >= d1). It pays only at strict thresholds (see kShortcutUsefulBelow).
// Neither ever changes the hits: tests and the start-up self-check compare every combination
// against the full computation.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "abis/iris_code.h"
#include "common/result.h"

namespace siak::abis {

// Eight 64-bit lanes, 64-byte aligned: one word of eight rotations (the "vertical" layout).
struct alignas(64) Lane8 {
  uint64_t v[8];
};

// A probe prepared for searching: its rotations, left to right.
struct PreparedIrisProbe {
  std::vector<IrisCode> rotations;  // IrisCode is 64-byte aligned; std::vector honours it (C++17)
  int usable = 0;                   // usable bits, the same in every rotation
  int max_shift = 0;                // rotation r is a shift of r - max_shift columns
  // Rotations 8g..8g+7 word by word, for the AVX-512 kernel: entry (g * 32 + w) * 2 + 0 holds word w
  // of the 8 codes, + 1 of the 8 masks. Rotations past the last full group of 8 are only in
  // `rotations`.
  std::vector<Lane8> vertical;
  int groups() const { return static_cast<int>(vertical.size()) / (kIrisWords * 2); }
};
PreparedIrisProbe PrepareIrisProbe(const IrisCode& probe, int max_shift);

struct IrisRawHit {
  uint32_t entry;     // gallery slot
  uint16_t rotation;  // index into the probe's rotations
  uint16_t d;
  uint16_t n;
};

struct IrisKernelArgs {
  const IrisCode* gallery;         // entries [begin, end) are read
  const uint16_t* gallery_usable;  // per entry: UsableBits()
  uint32_t begin, end;
  const PreparedIrisProbe* probe;
  const int32_t* dmax;             // DecisionTable::dmax()
  bool skip_counts;                // the exact shortcuts above
  bool shortcut;
  std::vector<IrisRawHit>* hits;   // appended to
};

using IrisKernelFn = void (*)(const IrisKernelArgs&);

enum class IrisKernelKind { kScalar, kAvx2, kAvx512 };
std::string_view IrisKernelName(IrisKernelKind kind);  // "scalar", "avx2", "avx512"
Result<IrisKernelKind> ParseIrisKernelName(std::string_view name);

// Whether this CPU (and OS) can run the kernel.
bool IrisKernelSupported(IrisKernelKind kind);
IrisKernelFn IrisKernel(IrisKernelKind kind);
// The fastest supported kernel, unless SIAK_ABIS_KERNEL names another; each candidate is
// self-checked against the scalar reference first, and one that disagrees is never chosen.
IrisKernelKind BestIrisKernel();
// The choice BestIrisKernel makes, for any family of kernels with these three kinds (the
// fingerprint kernels use it too): SIAK_ABIS_KERNEL when it names a kind that passes
// `self_check`, else the fastest kind this CPU supports that passes it, else the scalar one.
IrisKernelKind ChooseKernel(Status (*self_check)(IrisKernelKind));
// Runs `kind` and the scalar reference on fixed pseudo-random data (impostors, near matches,
// every rotation, every combination of the shortcuts) and fails on the first count that differs.
Status SelfCheckIrisKernel(IrisKernelKind kind);

}  // namespace siak::abis
