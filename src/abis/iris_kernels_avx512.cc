// The AVX-512 iris kernel (F + VPOPCNTDQ), compiled for those instructions with a target
// attribute so the rest of the program stays portable; only called after the CPU check.
//
// Rotations go in groups of 8 laid out "vertically" (PreparedIrisProbe::vertical): one register
// holds word w of 8 probe rotations, and word w of the gallery row is broadcast to all lanes, so
// each lane accumulates its own rotation's counts and no horizontal sum or transpose is needed
// (a first version kept the row in registers and reduced each rotation's lanes: 0.8x the speed).
// Two groups share each broadcast. With `skip_counts` the groups count only the differing bits
// (an AND, a VPTERNLOGQ, a VPOPCNTQ and an add per word and 8 rotations, where both counts take
// six instructions) and count the usable bits only for a group with a lane that can still match;
// with `shortcut` they stop after word 23 when no lane can. The decision table is read for 8
// rotations with one gather, so the usual "no match" costs no branch per rotation. Rotations past
// the last full group (17 = 8 + 8 + 1) go one at a time with the row in registers.
#include <immintrin.h>

#include <algorithm>

#include "abis/iris_kernels.h"

namespace siak::abis {

#define SIAK_AVX512 __attribute__((target("avx512f,avx512vpopcntdq"), always_inline)) inline

namespace {
// (a ^ b) & c in one instruction: the truth table of A=0xF0, B=0xCC, C=0xAA. The probe's code
// goes first: VPTERNLOGQ overwrites its first operand, and the loaded value is dead afterwards.
constexpr int kXorAnd = (0xF0 ^ 0xCC) & 0xAA;

struct Row {
  __m512i c[4], m[4];
};

// The sum of the 8 lanes (through memory: GCC 12 warns on the reduce intrinsics' "undefined"
// registers, and this runs once per leftover rotation, not per word).
SIAK_AVX512 int Sum8(__m512i v) {
  alignas(64) uint64_t lanes[8];
  _mm512_store_si512(lanes, v);
  uint64_t sum = 0;
  for (uint64_t x : lanes) sum += x;
  return static_cast<int>(sum);
}

// One rotation against the row in registers, blocks [kFrom, kTo) of 8 words: n when kN, else d.
template <bool kN, int kFrom, int kTo>
SIAK_AVX512 int RowCount(const Row& g, const IrisCode& p) {
  __m512i v = _mm512_setzero_si512();
#pragma GCC unroll 4
  for (int b = kFrom; b < kTo; ++b) {
    const __m512i m = _mm512_and_si512(g.m[b], _mm512_load_si512(&p.mask[8 * b]));
    if constexpr (kN) {
      v = _mm512_add_epi64(v, _mm512_popcnt_epi64(m));
    } else {
      v = _mm512_add_epi64(v, _mm512_popcnt_epi64(_mm512_ternarylogic_epi64(_mm512_load_si512(&p.code[8 * b]),
                                                                            g.c[b], m, kXorAnd)));
    }
  }
  return Sum8(v);
}

// Groups of 8 rotations in the lanes of one register ("vertical"): word w of the 8 probe
// rotations against word w of the gallery row broadcast to all lanes, so each lane accumulates
// its own rotation's counts and no horizontal sum is needed. kGroups groups (the second one
// kIrisWords * 2 lanes after the first) share the broadcasts; words [kFrom, kTo); n is counted
// only when kN.
template <bool kN, int kGroups, int kFrom, int kTo>
SIAK_AVX512 void Words(const Lane8* l0, const IrisCode& gc, __m512i* n, __m512i* d) {
  const Lane8* l1 = l0 + kIrisWords * 2;
#pragma GCC unroll 8
  for (int w = kFrom; w < kTo; ++w) {
    const __m512i bc = _mm512_set1_epi64(static_cast<int64_t>(gc.code[w]));
    const __m512i bm = _mm512_set1_epi64(static_cast<int64_t>(gc.mask[w]));
    const __m512i m0 = _mm512_and_si512(_mm512_load_si512(l0[2 * w + 1].v), bm);
    const __m512i x0 = _mm512_ternarylogic_epi64(_mm512_load_si512(l0[2 * w].v), bc, m0, kXorAnd);
    if constexpr (kN) n[0] = _mm512_add_epi64(n[0], _mm512_popcnt_epi64(m0));
    d[0] = _mm512_add_epi64(d[0], _mm512_popcnt_epi64(x0));
    if constexpr (kGroups == 2) {
      const __m512i m1 = _mm512_and_si512(_mm512_load_si512(l1[2 * w + 1].v), bm);
      const __m512i x1 = _mm512_ternarylogic_epi64(_mm512_load_si512(l1[2 * w].v), bc, m1, kXorAnd);
      if constexpr (kN) n[1] = _mm512_add_epi64(n[1], _mm512_popcnt_epi64(m1));
      d[1] = _mm512_add_epi64(d[1], _mm512_popcnt_epi64(x1));
    }
  }
}

// The usable bits of one group's 8 rotations.
SIAK_AVX512 __m512i Usable(const Lane8* l, const IrisCode& gc) {
  __m512i n = _mm512_setzero_si512();
#pragma GCC unroll 8
  for (int w = 0; w < kIrisWords; ++w) {
    const __m512i bm = _mm512_set1_epi64(static_cast<int64_t>(gc.mask[w]));
    n = _mm512_add_epi64(n, _mm512_popcnt_epi64(_mm512_and_si512(_mm512_load_si512(l[2 * w + 1].v), bm)));
  }
  return n;
}

// Reports the lanes of group `group` with d <= dmax[n]: the decision table read for 8 rotations
// with one gather, so the usual "no match" costs no branch per rotation.
SIAK_AVX512 void Report(const IrisKernelArgs& a, uint32_t e, int group, __m512i n, __m512i d) {
  // (The masked forms with explicit zeros: the plain ones start from an "undefined" register,
  // which GCC 12 reports as maybe uninitialised.)
  const __m512i lim = _mm512_maskz_cvtepi32_epi64(
      0xff, _mm512_mask_i64gather_epi32(_mm256_setzero_si256(), 0xff, n, a.dmax, 4));
  __mmask8 hit = _mm512_cmple_epi64_mask(d, lim);
  if (hit == 0) return;
  alignas(64) uint64_t nn[8], dd[8];
  _mm512_store_si512(nn, n);
  _mm512_store_si512(dd, d);
  for (; hit; hit &= static_cast<__mmask8>(hit - 1)) {
    const int k = __builtin_ctz(hit);
    a.hits->push_back({e, static_cast<uint16_t>(8 * group + k), static_cast<uint16_t>(dd[k]),
                       static_cast<uint16_t>(nn[k])});
  }
}

// The lanes of the groups whose distance so far does not rule them out.
template <int kGroups>
SIAK_AVX512 __mmask8 Open(const __m512i* d, __m512i lim) {
  __mmask8 any = _mm512_cmple_epi64_mask(d[0], lim);
  if constexpr (kGroups == 2) any |= _mm512_cmple_epi64_mask(d[1], lim);
  return any;
}

// Words 0..31 of the groups (n too when kN); with `partial`, first words 0..23, stopping there
// when no lane can still match. Returns false when it stopped.
template <bool kN, int kGroups>
SIAK_AVX512 bool Scan(const Lane8* l0, const IrisCode& gc, bool partial, __m512i lim, __m512i* n, __m512i* d) {
  if (!partial) {
    Words<kN, kGroups, 0, kIrisWords>(l0, gc, n, d);
    return true;
  }
  Words<kN, kGroups, 0, kIrisPartialWords>(l0, gc, n, d);
  if (Open<kGroups>(d, lim) == 0) return false;
  Words<kN, kGroups, kIrisPartialWords, kIrisWords>(l0, gc, n, d);
  return true;
}

// Groups g0.. g0 + kGroups - 1 against gallery row e; `lim` is dmax[n_max] in every lane.
template <int kGroups>
SIAK_AVX512 void Vertical(const IrisKernelArgs& a, uint32_t e, const IrisCode& gc, int g0, __m512i lim) {
  const Lane8* l0 = a.probe->vertical.data() + g0 * kIrisWords * 2;
  __m512i n[2] = {_mm512_setzero_si512(), _mm512_setzero_si512()};
  __m512i d[2] = {_mm512_setzero_si512(), _mm512_setzero_si512()};
  if (!a.skip_counts) {
    if (!Scan<true, kGroups>(l0, gc, a.shortcut, lim, n, d)) return;
    for (int i = 0; i < kGroups; ++i) Report(a, e, g0 + i, n[i], d[i]);
    return;
  }
  if (!Scan<false, kGroups>(l0, gc, a.shortcut, lim, n, d)) return;
  for (int i = 0; i < kGroups; ++i) {
    if (_mm512_cmple_epi64_mask(d[i], lim) == 0) continue;  // d > dmax[n_max] >= dmax[n]: no match
    Report(a, e, g0 + i, Usable(l0 + i * kIrisWords * 2, gc), d[i]);
  }
}

void Push(const IrisKernelArgs& a, uint32_t e, int r, int n, int d) {
  if (d <= a.dmax[n]) {
    a.hits->push_back({e, static_cast<uint16_t>(r), static_cast<uint16_t>(d), static_cast<uint16_t>(n)});
  }
}
}  // namespace

__attribute__((target("avx512f,avx512vpopcntdq"))) void IrisKernelAvx512(const IrisKernelArgs& a) {
  const PreparedIrisProbe& probe = *a.probe;
  const int rotations = static_cast<int>(probe.rotations.size());
  const IrisCode* rot = probe.rotations.data();
  const int groups = probe.groups();
  const int grouped = groups * 8;
  for (uint32_t e = a.begin; e < a.end; ++e) {
    const IrisCode& gc = a.gallery[e];
    // The row after next, from memory while this one computes (a single probe streams the
    // gallery once; the hardware prefetcher alone leaves the loads waiting).
    if (e + 2 < a.end) {
      const char* next = reinterpret_cast<const char*>(&a.gallery[e + 2]);
      for (int line = 0; line < 8; ++line) _mm_prefetch(next + 64 * line, _MM_HINT_T0);
    }
    const int dlim = a.dmax[std::min<int>(a.gallery_usable[e], probe.usable)];  // dmax[n_max]
    const __m512i lim = _mm512_set1_epi64(dlim);
    int g = 0;
    for (; g + 2 <= groups; g += 2) Vertical<2>(a, e, gc, g, lim);
    if (g < groups) Vertical<1>(a, e, gc, g, lim);
    if (grouped == rotations) continue;
    // Rotations past the last group of 8, one at a time, with the row in registers.
    Row row;
    for (int b = 0; b < 4; ++b) {
      row.c[b] = _mm512_load_si512(&gc.code[8 * b]);
      row.m[b] = _mm512_load_si512(&gc.mask[8 * b]);
    }
    for (int r = grouped; r < rotations; ++r) {
      const IrisCode& p = rot[r];
      int d;
      if (a.shortcut) {
        d = RowCount<false, 0, 3>(row, p);
        if (d > dlim) continue;
        d += RowCount<false, 3, 4>(row, p);
      } else {
        d = RowCount<false, 0, 4>(row, p);
      }
      if (a.skip_counts && d > dlim) continue;
      Push(a, e, r, RowCount<true, 0, 4>(row, p), d);
    }
  }
}

}  // namespace siak::abis
