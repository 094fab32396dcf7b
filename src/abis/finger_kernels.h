// Fingerprint comparison kernels: the local similarity of every cylinder of a probe with every
// cylinder of a gallery template (the matrix the consolidation in finger_match.h works on).
//
// For cylinders a and b whose directions differ by at most 90 degrees, with c the cells valid in
// both: when |c| >= 60% of the disc's cells, the kernel counts
//   na = popcount(a & c), nb = popcount(b & c), d = popcount((a ^ b) & c)   over the 6 sectors
// and the similarity is 1 - sqrt(d) / (sqrt(na) + sqrt(nb)) (MCC's bit-based similarity); any
// other pair is 0. The kernels differ only in the instructions that count: a portable scalar
// reference, AVX2 (nibble-table popcount) and AVX-512 with VPOPCNTDQ; the similarity is then
// computed from the counts by the same code, so every kernel gives the identical matrix. The
// choice is made at run time from the CPU, and each vector kernel is checked against the
// reference before it is used.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "abis/finger_features.h"
#include "abis/iris_kernels.h"
#include "common/result.h"

namespace siak::abis {

struct FingerKernelArgs {
  const Cylinder* probe;
  uint32_t probe_count;
  const Cylinder* gallery;
  uint32_t gallery_count;
  float* similarity;  // probe_count x gallery_count, row-major by probe cylinder
};

using FingerKernelFn = void (*)(const FingerKernelArgs&);

// The same CPU dispatch as the iris kernels (iris_kernels.h): the same three kinds, names and
// CPU checks, and the same choice (ChooseKernel) with this family's self-check.
using FingerKernelKind = IrisKernelKind;
inline std::string_view FingerKernelName(FingerKernelKind kind) { return IrisKernelName(kind); }
inline Result<FingerKernelKind> ParseFingerKernelName(std::string_view name) { return ParseIrisKernelName(name); }
inline bool FingerKernelSupported(FingerKernelKind kind) { return IrisKernelSupported(kind); }
FingerKernelFn FingerKernel(FingerKernelKind kind);
// The fastest supported kernel, unless SIAK_ABIS_KERNEL names another; each candidate is
// self-checked against the scalar reference first, and one that disagrees is never chosen.
FingerKernelKind BestFingerKernel();
// Runs `kind` and the scalar reference on pseudo-random cylinders and fails on the first value
// that differs.
Status SelfCheckFingerKernel(FingerKernelKind kind);

// Shared by the kernels.
namespace finger_internal {
// Directions within 90 degrees.
inline bool DirectionsAgree(const Cylinder& a, const Cylinder& b) {
  return a.cos_t * b.cos_t + a.sin_t * b.sin_t >= 0;
}
// The least common valid cells for a pair to count: 60% of the disc.
int MinCommonCells();
// sqrt(i) for every count a cylinder can have.
extern const std::array<float, kCylinderWords * 64 + 1> kSqrt;
// 1 - sqrt(d) / (sqrt(na) + sqrt(nb)); 0 when na + nb == 0.
inline float Similarity(uint32_t d, uint32_t na, uint32_t nb) {
  if (na + nb == 0) return 0;
  return 1.0f - kSqrt[d] / (kSqrt[na] + kSqrt[nb]);
}
void ScalarKernel(const FingerKernelArgs& args);
void Avx2Kernel(const FingerKernelArgs& args);
void Avx512Kernel(const FingerKernelArgs& args);
}  // namespace finger_internal

}  // namespace siak::abis
