// The AVX2 iris kernel: popcount by nibble lookup (VPSHUFB) summed with VPSADBW, one 256-bit
// ring per register. Compiled for AVX2 with a target attribute; only called after the CPU check.
#include <immintrin.h>

#include <algorithm>

#include "abis/avx2_popcount.h"
#include "abis/iris_kernels.h"

namespace siak::abis {

#define SIAK_AVX2 __attribute__((target("avx2")))

namespace {
// Sums rings [from, to) of the comparison into per-byte counts (at most 8 per ring, so up to
// 31 rings fit a byte), then into lanes: n in the low and d in the high 32 bits; only the
// counts asked for (kN, kD) are made.
template <bool kN, bool kD>
SIAK_AVX2 inline uint64_t CountRings(const IrisCode& g, const IrisCode& p, int from, int to) {
  __m256i bn = _mm256_setzero_si256(), bd = _mm256_setzero_si256();
  for (int ring = from; ring < to; ++ring) {
    const int w = ring * kIrisRingWords;
    const __m256i m = _mm256_and_si256(_mm256_load_si256(reinterpret_cast<const __m256i*>(&g.mask[w])),
                                       _mm256_load_si256(reinterpret_cast<const __m256i*>(&p.mask[w])));
    if constexpr (kN) bn = _mm256_add_epi8(bn, Avx2ByteCounts(m));
    if constexpr (kD) {
      const __m256i x = _mm256_and_si256(
          _mm256_xor_si256(_mm256_load_si256(reinterpret_cast<const __m256i*>(&g.code[w])),
                           _mm256_load_si256(reinterpret_cast<const __m256i*>(&p.code[w]))),
          m);
      bd = _mm256_add_epi8(bd, Avx2ByteCounts(x));
    }
  }
  const __m256i zero = _mm256_setzero_si256();
  const __m256i lanes = _mm256_add_epi64(_mm256_sad_epu8(bn, zero), _mm256_slli_epi64(_mm256_sad_epu8(bd, zero), 32));
  const __m128i half = _mm_add_epi64(_mm256_castsi256_si128(lanes), _mm256_extracti128_si256(lanes, 1));
  return static_cast<uint64_t>(_mm_cvtsi128_si64(half)) + static_cast<uint64_t>(_mm_extract_epi64(half, 1));
}

// Rings [from, to): d in the high 32 bits, and n in the low ones unless `d_only`.
SIAK_AVX2 inline uint64_t Counts(const IrisCode& g, const IrisCode& p, int from, int to, bool d_only) {
  return d_only ? CountRings<false, true>(g, p, from, to) : CountRings<true, true>(g, p, from, to);
}
}  // namespace

SIAK_AVX2 void IrisKernelAvx2(const IrisKernelArgs& a) {
  const PreparedIrisProbe& probe = *a.probe;
  const int rotations = static_cast<int>(probe.rotations.size());
  constexpr int kPartialRings = kIrisPartialWords / kIrisRingWords;  // 6
  for (uint32_t e = a.begin; e < a.end; ++e) {
    const IrisCode& g = a.gallery[e];
    const int dlim = a.dmax[std::min<int>(a.gallery_usable[e], probe.usable)];  // dmax[n_max]
    for (int r = 0; r < rotations; ++r) {
      const IrisCode& p = probe.rotations[r];
      // As the scalar reference: d and n together, or d alone with skip_counts; with the
      // shortcut in two parts, the first checked against the bound.
      uint64_t c = Counts(g, p, 0, a.shortcut ? kPartialRings : kIrisRings, a.skip_counts);
      if (a.shortcut) {
        if (static_cast<int>(c >> 32) > dlim) continue;
        c += Counts(g, p, kPartialRings, kIrisRings, a.skip_counts);
      }
      const int d = static_cast<int>(c >> 32);
      if (a.skip_counts) {
        if (d > dlim) continue;  // d > dmax[n_max] >= dmax[n]: n is not needed
        c += CountRings<true, false>(g, p, 0, kIrisRings);
      }
      const int n = static_cast<int>(c & 0xffffffffu);
      if (d <= a.dmax[n]) {
        a.hits->push_back({e, static_cast<uint16_t>(r), static_cast<uint16_t>(d), static_cast<uint16_t>(n)});
      }
    }
  }
}

}  // namespace siak::abis
