// The AVX-512 iris kernel (F + VPOPCNTDQ), compiled for those instructions with a target
// attribute so the rest of the program stays portable; only called after the CPU check.
//
// A gallery row stays in 8 registers while the probe's rotations stream past it. Rotations go
// in groups of 8: each leaves its counts as 8 lanes (n in the low, d in the high 32 bits), and
// one transpose-and-add turns the group's 8 vectors into one vector of 8 totals (21 instructions
// instead of 8 horizontal reductions of about 8 each); the decision table is then read for all 8
// with one gather, so the usual "no match" costs no branch per rotation. With the shortcut, a
// group whose 8 bounds all rule it out skips its last quarter; otherwise all 8 are finished
// (vectorised). The last rotations (17 = 8 + 8 + 1) are reduced one at a time.
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

// out[i] = the sum of the lanes of v[i], for 8 vectors.
SIAK_AVX512 __m512i Transpose8(const __m512i* v) {
  const __m512i t01 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[0], v[1]), _mm512_unpackhi_epi64(v[0], v[1]));
  const __m512i t23 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[2], v[3]), _mm512_unpackhi_epi64(v[2], v[3]));
  const __m512i t45 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[4], v[5]), _mm512_unpackhi_epi64(v[4], v[5]));
  const __m512i t67 = _mm512_add_epi64(_mm512_unpacklo_epi64(v[6], v[7]), _mm512_unpackhi_epi64(v[6], v[7]));
  // Each 128-bit chunk k of tij holds (partial i, partial j) for lanes 2k, 2k+1.
  const __m512i w0 = _mm512_add_epi64(_mm512_shuffle_i64x2(t01, t23, 0x88), _mm512_shuffle_i64x2(t01, t23, 0xdd));
  const __m512i w1 = _mm512_add_epi64(_mm512_shuffle_i64x2(t45, t67, 0x88), _mm512_shuffle_i64x2(t45, t67, 0xdd));
  // w0 chunks: (01 from chunks 0+1), (01 from 2+3), (23 from 0+1), (23 from 2+3).
  return _mm512_add_epi64(_mm512_shuffle_i64x2(w0, w1, 0x88), _mm512_shuffle_i64x2(w0, w1, 0xdd));
}

SIAK_AVX512 void Report(const IrisKernelArgs& a, uint32_t e, int r, uint64_t counts) {
  const int n = static_cast<int>(counts & 0xffffffffu), d = static_cast<int>(counts >> 32);
  if (d <= a.dmax[n]) {
    a.hits->push_back({e, static_cast<uint16_t>(r), static_cast<uint16_t>(d), static_cast<uint16_t>(n)});
  }
}
// Hits of a group of 8 rotations from their totals (n low, d high): d <= dmax[n], tested for all
// 8 at once (a gather from the 32-bit table), so the usual "no hit" costs no branch per rotation.
SIAK_AVX512 void ReportGroup(const IrisKernelArgs& a, uint32_t e, int r0, __m512i totals) {
  const __m512i n = _mm512_and_si512(totals, _mm512_set1_epi64(0xffffffff));
  const __m512i d = _mm512_srli_epi64(totals, 32);
  const __m512i lim = _mm512_cvtepi32_epi64(_mm512_i64gather_epi32(n, a.dmax32, 4));
  __mmask8 hit = _mm512_cmple_epi64_mask(d, lim);
  if (hit == 0) return;
  alignas(64) uint64_t t[8];
  _mm512_store_si512(t, totals);
  for (; hit; hit &= static_cast<__mmask8>(hit - 1)) {
    const int k = __builtin_ctz(hit);
    Report(a, e, r0 + k, t[k]);
  }
}
}  // namespace

__attribute__((target("avx512f,avx512vpopcntdq"))) void IrisKernelAvx512(const IrisKernelArgs& a) {
  const PreparedIrisProbe& probe = *a.probe;
  const int rotations = static_cast<int>(probe.rotations.size());
  const IrisCode* rot = probe.rotations.data();
  const int grouped = rotations / 8 * 8;
  const __m512i low32 = _mm512_set1_epi64(0xffffffff);
  __m512i v[8];
  for (uint32_t e = a.begin; e < a.end; ++e) {
    const IrisCode& gc = a.gallery[e];
    // The row after next, from memory while this one computes (a single probe streams the
    // gallery once; the hardware prefetcher alone leaves the loads waiting).
    if (e + 2 < a.end) {
      const char* next = reinterpret_cast<const char*>(&a.gallery[e + 2]);
      for (int line = 0; line < 8; ++line) _mm_prefetch(next + 64 * line, _MM_HINT_T0);
    }
    const Row g{_mm512_load_si512(&gc.code[0]),  _mm512_load_si512(&gc.code[8]),  _mm512_load_si512(&gc.code[16]),
                _mm512_load_si512(&gc.code[24]), _mm512_load_si512(&gc.mask[0]),  _mm512_load_si512(&gc.mask[8]),
                _mm512_load_si512(&gc.mask[16]), _mm512_load_si512(&gc.mask[24])};
    if (!a.shortcut) {
      for (int r0 = 0; r0 < grouped; r0 += 8) {
        for (int k = 0; k < 8; ++k) v[k] = Counts<4>(g, rot[r0 + k]);
        ReportGroup(a, e, r0, Transpose8(v));
      }
      for (int r = grouped; r < rotations; ++r) {
        Report(a, e, r, static_cast<uint64_t>(_mm512_reduce_add_epi64(Counts<4>(g, rot[r]))));
      }
      continue;
    }
    // The shortcut: words 0..23 first; the bound d1 > dmax[n1 + min(rest_g, rest_p)] rules a
    // rotation out, tested for 8 rotations at once; the rest only for those it does not.
    const int g_rest = a.gallery_rest[e];
    const __m512i g_rest_v = _mm512_set1_epi64(g_rest);
    for (int r0 = 0; r0 < grouped; r0 += 8) {
      for (int k = 0; k < 8; ++k) v[k] = Counts<3>(g, rot[r0 + k]);
      const __m512i partial = Transpose8(v);
      const __m512i p_rest =
          _mm512_cvtepu16_epi64(_mm_loadu_si128(reinterpret_cast<const __m128i*>(&probe.rest_bits[r0])));
      const __m512i idx = _mm512_add_epi64(_mm512_and_si512(partial, low32), _mm512_min_epu64(g_rest_v, p_rest));
      const __m512i lim = _mm512_cvtepi32_epi64(_mm512_i64gather_epi32(idx, a.dmax32, 4));
      if (_mm512_cmple_epi64_mask(_mm512_srli_epi64(partial, 32), lim) == 0) continue;
      // Some rotation of the group may still match: finish all 8 (vectorised, no branch each).
      for (int k = 0; k < 8; ++k) v[k] = LastBlock(g, rot[r0 + k]);
      ReportGroup(a, e, r0, _mm512_add_epi64(partial, Transpose8(v)));
    }
    for (int r = grouped; r < rotations; ++r) {
      const uint64_t partial = static_cast<uint64_t>(_mm512_reduce_add_epi64(Counts<3>(g, rot[r])));
      const int n1 = static_cast<int>(partial & 0xffffffffu), d1 = static_cast<int>(partial >> 32);
      if (d1 > a.dmax[n1 + std::min<int>(g_rest, probe.rest_bits[r])]) continue;
      Report(a, e, r, partial + static_cast<uint64_t>(_mm512_reduce_add_epi64(LastBlock(g, rot[r]))));
    }
  }
}

}  // namespace siak::abis
