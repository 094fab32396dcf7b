// The AVX-512 fingerprint kernel (F + VPOPCNTDQ), compiled for those instructions with a target
// attribute so that the rest of the program stays portable; only called after the CPU check.
//
// A cylinder's 1536 bits are three 512-bit registers (two sectors each) and its 256 validity bits
// half of one, broadcast to both halves. Per pair the three counts and the common cells are packed
// into the 16-bit fields of each 64-bit lane (each lane counts at most 3 x 64 bits, the common
// cells at most 64), so one horizontal sum gives all four.
#include <immintrin.h>

#include "abis/finger_kernels.h"

namespace siak::abis::finger_internal {

#define SIAK_AVX512 __attribute__((target("avx512f,avx512vpopcntdq")))

namespace {
// (a ^ b) & c: truth table of A=0xF0, B=0xCC, C=0xAA.
constexpr int kXorAnd = (0xF0 ^ 0xCC) & 0xAA;
}  // namespace

SIAK_AVX512 void Avx512Kernel(const FingerKernelArgs& args) {
  const int min_common = MinCommonCells();
  for (uint32_t i = 0; i < args.probe_count; ++i) {
    const Cylinder& a = args.probe[i];
    const __m512i a0 = _mm512_load_si512(&a.bits[0]);
    const __m512i a1 = _mm512_load_si512(&a.bits[8]);
    const __m512i a2 = _mm512_load_si512(&a.bits[16]);
    const __m512i av = _mm512_broadcast_i64x4(_mm256_load_si256(reinterpret_cast<const __m256i*>(a.valid)));
    float* row = args.similarity + size_t{i} * args.gallery_count;
    for (uint32_t j = 0; j < args.gallery_count; ++j) {
      const Cylinder& b = args.gallery[j];
      row[j] = 0;
      if (!DirectionsAgree(a, b)) continue;
      const __m512i bv = _mm512_broadcast_i64x4(_mm256_load_si256(reinterpret_cast<const __m256i*>(b.valid)));
      const __m512i c = _mm512_and_si512(av, bv);
      const __m512i b0 = _mm512_load_si512(&b.bits[0]);
      const __m512i b1 = _mm512_load_si512(&b.bits[8]);
      const __m512i b2 = _mm512_load_si512(&b.bits[16]);
      // a's bits are 0 outside a's validity, so a & c = a & b.valid (and the same for b).
      const __m512i na = _mm512_add_epi64(
          _mm512_add_epi64(_mm512_popcnt_epi64(_mm512_and_si512(a0, bv)), _mm512_popcnt_epi64(_mm512_and_si512(a1, bv))),
          _mm512_popcnt_epi64(_mm512_and_si512(a2, bv)));
      const __m512i nb = _mm512_add_epi64(
          _mm512_add_epi64(_mm512_popcnt_epi64(_mm512_and_si512(b0, av)), _mm512_popcnt_epi64(_mm512_and_si512(b1, av))),
          _mm512_popcnt_epi64(_mm512_and_si512(b2, av)));
      const __m512i d = _mm512_add_epi64(
          _mm512_add_epi64(_mm512_popcnt_epi64(_mm512_ternarylogic_epi64(a0, b0, c, kXorAnd)),
                           _mm512_popcnt_epi64(_mm512_ternarylogic_epi64(a1, b1, c, kXorAnd))),
          _mm512_popcnt_epi64(_mm512_ternarylogic_epi64(a2, b2, c, kXorAnd)));
      const __m512i cells = _mm512_maskz_popcnt_epi64(0x0F, c);
      const __m512i packed = _mm512_add_epi64(
          _mm512_add_epi64(na, _mm512_slli_epi64(nb, 16)),
          _mm512_add_epi64(_mm512_slli_epi64(d, 32), _mm512_slli_epi64(cells, 48)));
      const uint64_t sum = static_cast<uint64_t>(_mm512_reduce_add_epi64(packed));
      if (static_cast<int>(sum >> 48) < min_common) continue;
      row[j] = Similarity(static_cast<uint32_t>((sum >> 32) & 0xffff), static_cast<uint32_t>(sum & 0xffff),
                          static_cast<uint32_t>((sum >> 16) & 0xffff));
    }
  }
}

}  // namespace siak::abis::finger_internal
