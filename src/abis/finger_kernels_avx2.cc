// The AVX2 fingerprint kernel, for CPUs without AVX-512: popcounts by nibble table (PSHUFB) and
// byte sums (PSADBW), compiled with a target attribute and only called after the CPU check.
// Per pair, the three counts accumulate as bytes over the six 256-bit sector blocks (at most
// 6 x 8 = 48 per byte) and are summed once.
#include <immintrin.h>

#include "abis/avx2_popcount.h"
#include "abis/finger_kernels.h"

namespace siak::abis::finger_internal {

#define SIAK_AVX2 __attribute__((target("avx2")))

namespace {

SIAK_AVX2 inline uint32_t Total(__m256i bytes) {
  const __m256i s = _mm256_sad_epu8(bytes, _mm256_setzero_si256());
  const __m128i h = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
  return static_cast<uint32_t>(_mm_cvtsi128_si64(h) + _mm_extract_epi64(h, 1));
}

}  // namespace

SIAK_AVX2 void Avx2Kernel(const FingerKernelArgs& args) {
  const int min_common = MinCommonCells();
  for (uint32_t i = 0; i < args.probe_count; ++i) {
    const Cylinder& a = args.probe[i];
    const __m256i av = _mm256_load_si256(reinterpret_cast<const __m256i*>(a.valid));
    float* row = args.similarity + size_t{i} * args.gallery_count;
    for (uint32_t j = 0; j < args.gallery_count; ++j) {
      const Cylinder& b = args.gallery[j];
      row[j] = 0;
      if (!DirectionsAgree(a, b)) continue;
      const __m256i bv = _mm256_load_si256(reinterpret_cast<const __m256i*>(b.valid));
      const __m256i c = _mm256_and_si256(av, bv);
      if (static_cast<int>(Total(Avx2ByteCounts(c))) < min_common) continue;
      __m256i na = _mm256_setzero_si256(), nb = na, d = na;
      for (int k = 0; k < kCylinderSectors; ++k) {
        const __m256i x = _mm256_load_si256(reinterpret_cast<const __m256i*>(&a.bits[4 * k]));
        const __m256i y = _mm256_load_si256(reinterpret_cast<const __m256i*>(&b.bits[4 * k]));
        na = _mm256_add_epi8(na, Avx2ByteCounts(_mm256_and_si256(x, bv)));
        nb = _mm256_add_epi8(nb, Avx2ByteCounts(_mm256_and_si256(y, av)));
        d = _mm256_add_epi8(d, Avx2ByteCounts(_mm256_and_si256(_mm256_xor_si256(x, y), c)));
      }
      row[j] = Similarity(Total(d), Total(na), Total(nb));
    }
  }
}

}  // namespace siak::abis::finger_internal
