// AVX2 popcount building blocks shared by the iris and fingerprint kernels: per-byte bit counts
// by nibble lookup (VPSHUFB). Target-attributed inline functions: only call them from code that
// runs after the CPU check for AVX2.
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace siak::abis {

// Per-byte bit counts of v (each 0..8).
__attribute__((target("avx2"))) inline __m256i Avx2ByteCounts(__m256i v) {
  const __m256i table = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
                                         0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m256i low = _mm256_set1_epi8(0x0f);
  const __m256i lo = _mm256_and_si256(v, low);
  const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low);
  return _mm256_add_epi8(_mm256_shuffle_epi8(table, lo), _mm256_shuffle_epi8(table, hi));
}

}  // namespace siak::abis
