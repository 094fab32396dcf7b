// The AVX-512 iris kernel (F + VPOPCNTDQ), compiled for those instructions with a target
// attribute so the rest of the program stays portable; only called after the CPU check.
//
// Rotations go in groups of 8 laid out "vertically" (PreparedIrisProbe::vertical): one register
// holds word w of 8 probe rotations, and word w of the gallery row is broadcast to all lanes, so
// each lane accumulates its own rotation's counts and no horizontal sum or transpose is needed
// (a first version kept the row in registers and reduced each rotation's lanes: 0.8x the speed).
// Two groups share each broadcast. The decision table is read for 8 rotations with one gather, so
// the usual "no match" costs no branch per rotation; with the shortcut, the groups stop after word
// 23 when all their bounds rule them out. Rotations past the last full group (17 = 8 + 8 + 1) go one
// at a time with the row in registers.
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
  __m512i c0, c1, c2, c3, m0, m1, m2, m3;
};

// Lanes of n (low 32 bits) and d (high 32 bits) over the first `blocks` 512-bit blocks.
template <int kBlocks>
SIAK_AVX512 __m512i Counts(const Row& g, const IrisCode& p) {
  const __m512i m0 = _mm512_and_si512(g.m0, _mm512_load_si512(&p.mask[0]));
  const __m512i m1 = _mm512_and_si512(g.m1, _mm512_load_si512(&p.mask[8]));
  const __m512i m2 = _mm512_and_si512(g.m2, _mm512_load_si512(&p.mask[16]));
  const __m512i x0 = _mm512_ternarylogic_epi64(_mm512_load_si512(&p.code[0]), g.c0, m0, kXorAnd);
  const __m512i x1 = _mm512_ternarylogic_epi64(_mm512_load_si512(&p.code[8]), g.c1, m1, kXorAnd);
  const __m512i x2 = _mm512_ternarylogic_epi64(_mm512_load_si512(&p.code[16]), g.c2, m2, kXorAnd);
  __m512i vn = _mm512_add_epi64(_mm512_add_epi64(_mm512_popcnt_epi64(m0), _mm512_popcnt_epi64(m1)),
                                _mm512_popcnt_epi64(m2));
  __m512i vd = _mm512_add_epi64(_mm512_add_epi64(_mm512_popcnt_epi64(x0), _mm512_popcnt_epi64(x1)),
                                _mm512_popcnt_epi64(x2));
  if constexpr (kBlocks == 4) {
    const __m512i m3 = _mm512_and_si512(g.m3, _mm512_load_si512(&p.mask[24]));
    const __m512i x3 = _mm512_ternarylogic_epi64(_mm512_load_si512(&p.code[24]), g.c3, m3, kXorAnd);
    vn = _mm512_add_epi64(vn, _mm512_popcnt_epi64(m3));
    vd = _mm512_add_epi64(vd, _mm512_popcnt_epi64(x3));
  }
  return _mm512_add_epi64(vn, _mm512_slli_epi64(vd, 32));
}

SIAK_AVX512 __m512i LastBlock(const Row& g, const IrisCode& p) {
  const __m512i m3 = _mm512_and_si512(g.m3, _mm512_load_si512(&p.mask[24]));
  const __m512i x3 = _mm512_ternarylogic_epi64(_mm512_load_si512(&p.code[24]), g.c3, m3, kXorAnd);
  return _mm512_add_epi64(_mm512_popcnt_epi64(m3), _mm512_slli_epi64(_mm512_popcnt_epi64(x3), 32));
}

SIAK_AVX512 void Report(const IrisKernelArgs& a, uint32_t e, int r, uint64_t counts) {
  const int n = static_cast<int>(counts & 0xffffffffu), d = static_cast<int>(counts >> 32);
  if (d <= a.dmax[n]) {
    a.hits->push_back({e, static_cast<uint16_t>(r), static_cast<uint16_t>(d), static_cast<uint16_t>(n)});
  }
}

// Groups of 8 rotations in the lanes of one register ("vertical"): word w of the 8 probe
// rotations against word w of the gallery row broadcast to all lanes, so each lane accumulates
// its own rotation's counts and no horizontal sum is needed. NG groups share the broadcasts.
template <int kGroups, int kFrom, int kTo>
SIAK_AVX512 void Words(const Lane8* v, const IrisCode& gc, int g0, __m512i& n0, __m512i& d0, __m512i& n1,
                       __m512i& d1) {
  const Lane8* l0 = v + g0 * kIrisWords * 2;
  const Lane8* l1 = l0 + kIrisWords * 2;
#pragma GCC unroll 8
  for (int w = kFrom; w < kTo; ++w) {
    const __m512i bc = _mm512_set1_epi64(static_cast<int64_t>(gc.code[w]));
    const __m512i bm = _mm512_set1_epi64(static_cast<int64_t>(gc.mask[w]));
    const __m512i m0 = _mm512_and_si512(_mm512_load_si512(l0[2 * w + 1].v), bm);
    const __m512i x0 = _mm512_ternarylogic_epi64(_mm512_load_si512(l0[2 * w].v), bc, m0, kXorAnd);
    n0 = _mm512_add_epi64(n0, _mm512_popcnt_epi64(m0));
    d0 = _mm512_add_epi64(d0, _mm512_popcnt_epi64(x0));
    if constexpr (kGroups == 2) {
      const __m512i m1 = _mm512_and_si512(_mm512_load_si512(l1[2 * w + 1].v), bm);
      const __m512i x1 = _mm512_ternarylogic_epi64(_mm512_load_si512(l1[2 * w].v), bc, m1, kXorAnd);
      n1 = _mm512_add_epi64(n1, _mm512_popcnt_epi64(m1));
      d1 = _mm512_add_epi64(d1, _mm512_popcnt_epi64(x1));
    }
  }
}

template <int kGroups>
SIAK_AVX512 void Vertical(const IrisKernelArgs& a, uint32_t e, const IrisCode& gc, int g0) {
  const Lane8* v = a.probe->vertical.data();
  __m512i n[2] = {_mm512_setzero_si512(), _mm512_setzero_si512()};
  __m512i d[2] = {_mm512_setzero_si512(), _mm512_setzero_si512()};
  if (a.shortcut) {
    Words<kGroups, 0, kIrisPartialWords>(v, gc, g0, n[0], d[0], n[1], d[1]);
    const __m512i g_rest = _mm512_set1_epi64(a.gallery_rest[e]);
    __mmask8 open = 0;
    for (int i = 0; i < kGroups; ++i) {
      const __m512i rest = _mm512_min_epu64(g_rest, _mm512_load_si512(a.probe->vertical_rest[g0 + i].v));
      const __m512i lim = _mm512_cvtepi32_epi64(_mm512_i64gather_epi32(_mm512_add_epi64(n[i], rest), a.dmax, 4));
      open |= _mm512_cmple_epi64_mask(d[i], lim);
    }
    if (open == 0) return;
    Words<kGroups, kIrisPartialWords, kIrisWords>(v, gc, g0, n[0], d[0], n[1], d[1]);
  } else {
    Words<kGroups, 0, kIrisWords>(v, gc, g0, n[0], d[0], n[1], d[1]);
  }
  for (int i = 0; i < kGroups; ++i) {
    const __m512i lim = _mm512_cvtepi32_epi64(_mm512_i64gather_epi32(n[i], a.dmax, 4));
    __mmask8 hit = _mm512_cmple_epi64_mask(d[i], lim);
    if (hit == 0) continue;
    alignas(64) uint64_t nn[8], dd[8];
    _mm512_store_si512(nn, n[i]);
    _mm512_store_si512(dd, d[i]);
    for (; hit; hit &= static_cast<__mmask8>(hit - 1)) {
      const int k = __builtin_ctz(hit);
      a.hits->push_back({e, static_cast<uint16_t>(8 * (g0 + i) + k), static_cast<uint16_t>(dd[k]),
                         static_cast<uint16_t>(nn[k])});
    }
  }
}
}  // namespace

__attribute__((target("avx512f,avx512vpopcntdq"))) void IrisKernelAvx512(const IrisKernelArgs& a) {
  const PreparedIrisProbe& probe = *a.probe;
  const int rotations = static_cast<int>(probe.rotations.size());
  const IrisCode* rot = probe.rotations.data();
  const int groups = static_cast<int>(probe.vertical_rest.size());
  const int grouped = groups * 8;
  for (uint32_t e = a.begin; e < a.end; ++e) {
    const IrisCode& gc = a.gallery[e];
    // The row after next, from memory while this one computes (a single probe streams the
    // gallery once; the hardware prefetcher alone leaves the loads waiting).
    if (e + 2 < a.end) {
      const char* next = reinterpret_cast<const char*>(&a.gallery[e + 2]);
      for (int line = 0; line < 8; ++line) _mm_prefetch(next + 64 * line, _MM_HINT_T0);
    }
    int g = 0;
    for (; g + 2 <= groups; g += 2) Vertical<2>(a, e, gc, g);
    if (g < groups) Vertical<1>(a, e, gc, g);
    if (grouped == rotations) continue;
    // Rotations past the last group of 8, one at a time, with the row in registers.
    const Row row{_mm512_load_si512(&gc.code[0]),  _mm512_load_si512(&gc.code[8]),  _mm512_load_si512(&gc.code[16]),
                  _mm512_load_si512(&gc.code[24]), _mm512_load_si512(&gc.mask[0]),  _mm512_load_si512(&gc.mask[8]),
                  _mm512_load_si512(&gc.mask[16]), _mm512_load_si512(&gc.mask[24])};
    const int g_rest = a.gallery_rest[e];
    for (int r = grouped; r < rotations; ++r) {
      if (!a.shortcut) {
        Report(a, e, r, static_cast<uint64_t>(_mm512_reduce_add_epi64(Counts<4>(row, rot[r]))));
        continue;
      }
      const uint64_t partial = static_cast<uint64_t>(_mm512_reduce_add_epi64(Counts<3>(row, rot[r])));
      const int n1 = static_cast<int>(partial & 0xffffffffu), d1 = static_cast<int>(partial >> 32);
      if (d1 > a.dmax[n1 + std::min<int>(g_rest, probe.rest_bits[r])]) continue;
      Report(a, e, r, partial + static_cast<uint64_t>(_mm512_reduce_add_epi64(LastBlock(row, rot[r]))));
    }
  }
}

}  // namespace siak::abis
