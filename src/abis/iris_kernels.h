// Iris comparison kernels: one probe (all its rotations) against a range of gallery entries.
//
// Every kernel computes, for each gallery entry e and probe rotation r, the usable bits n and
// the differing bits d, and reports (e, r, d, n) when d <= dmax[n] (see DecisionTable). They
// differ only in the instructions: a portable scalar reference, AVX2 (nibble-table popcount)
// and AVX-512 with VPOPCNTDQ. The choice is made at run time from the CPU, and every vector
// kernel is checked against the reference, bit for bit, before it is used.
//
// The exact shortcut. With `shortcut` on, a kernel first counts words 0..23 of the 32 (d1, n1)
// and skips the rotation when d1 > dmax[n1 + min(rest_g, rest_p)], rest_g and rest_p being the
// usable bits of the gallery entry and of the probe rotation in words 24..31. That skip never
// changes a result: the full counts are d >= d1 and n <= n1 + min(rest_g, rest_p), and since
// dmax never decreases with n, d >= d1 > dmax[n1 + min(...)] >= dmax[n], so the rotation would
// not have matched. Impostor rotations (HD ~ 0.5) are almost all skipped after 3/4 of the work.
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
  std::vector<IrisCode> rotations;      // IrisCode is 64-byte aligned; std::vector honours it (C++17)
  std::vector<uint16_t> rest_bits;      // per rotation: UsableRestBits()
  int max_shift = 0;                    // rotation r is a shift of r - max_shift columns
  // Rotations 8g..8g+7 word by word, for the AVX-512 kernel: entry (g * 32 + w) * 2 + 0 holds word w
  // of the 8 codes, + 1 of the 8 masks; `vertical_rest[g]` their rest bits. Rotations past the
  // last full group of 8 are only in `rotations`.
  std::vector<Lane8> vertical;
  std::vector<Lane8> vertical_rest;
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
  const uint16_t* gallery_rest;    // per entry: UsableRestBits()
  uint32_t begin, end;
  const PreparedIrisProbe* probe;
  const int32_t* dmax;             // DecisionTable::dmax()
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
// every rotation, shortcut on and off) and fails on the first count that differs.
Status SelfCheckIrisKernel(IrisKernelKind kind);

}  // namespace siak::abis
