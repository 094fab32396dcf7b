// The AVX-512 links (finger_links.h): 16 candidate pairs per step, the same operations as the
// scalar reference lane by lane (compiled with -ffp-contract=off), table lookups by masked
// gathers, and the surviving links compress-stored in order.
#include <immintrin.h>

#include "abis/finger_links.h"

namespace siak::abis::finger_internal {

#define SIAK_AVX512 __attribute__((target("avx512f")))

namespace {

SIAK_AVX512 inline __m512 Abs(__m512 v) {
  return _mm512_mask_sub_ps(v, _mm512_cmp_ps_mask(v, _mm512_setzero_ps(), _CMP_LT_OQ), _mm512_setzero_ps(), v);
}

SIAK_AVX512 inline __m512 Wrap16(__m512 a) {
  const __m512 pi = _mm512_set1_ps(kPi), two_pi = _mm512_set1_ps(2 * kPi);
  a = _mm512_mask_sub_ps(a, _mm512_cmp_ps_mask(a, pi, _CMP_GT_OQ), a, two_pi);
  a = _mm512_mask_add_ps(a, _mm512_cmp_ps_mask(a, _mm512_sub_ps(_mm512_setzero_ps(), pi), _CMP_LT_OQ), a, two_pi);
  return a;
}

SIAK_AVX512 inline __m512 Atan2(__m512 y, __m512 x) {
  const __m512 zero = _mm512_setzero_ps();
  const __m512 ax = Abs(x), ay = Abs(y);
  const __mmask16 lt = _mm512_cmp_ps_mask(ax, ay, _CMP_LT_OQ);
  const __m512 lo = _mm512_mask_blend_ps(lt, ay, ax), hi = _mm512_mask_blend_ps(lt, ax, ay);
  const __mmask16 zero_hi = _mm512_cmp_ps_mask(hi, zero, _CMP_EQ_OQ);
  const __m512 z = _mm512_div_ps(lo, hi), s = _mm512_mul_ps(z, z);
  __m512 p = _mm512_add_ps(_mm512_mul_ps(_mm512_set1_ps(-0.0040540580f), s), _mm512_set1_ps(0.0218612288f));
  p = _mm512_sub_ps(_mm512_mul_ps(p, s), _mm512_set1_ps(0.0559098861f));
  p = _mm512_add_ps(_mm512_mul_ps(p, s), _mm512_set1_ps(0.0964200441f));
  p = _mm512_sub_ps(_mm512_mul_ps(p, s), _mm512_set1_ps(0.1390853351f));
  p = _mm512_add_ps(_mm512_mul_ps(p, s), _mm512_set1_ps(0.1994653599f));
  p = _mm512_sub_ps(_mm512_mul_ps(p, s), _mm512_set1_ps(0.3332985605f));
  __m512 r = _mm512_add_ps(_mm512_mul_ps(_mm512_mul_ps(p, s), z), z);
  r = _mm512_mask_sub_ps(r, _mm512_cmp_ps_mask(ay, ax, _CMP_GT_OQ), _mm512_set1_ps(kPi / 2), r);
  r = _mm512_mask_sub_ps(r, _mm512_cmp_ps_mask(x, zero, _CMP_LT_OQ), _mm512_set1_ps(kPi), r);
  r = _mm512_mask_sub_ps(r, _mm512_cmp_ps_mask(y, zero, _CMP_LT_OQ), zero, r);
  return _mm512_mask_blend_ps(zero_hi, r, zero);
}

}  // namespace

SIAK_AVX512 void LinksAvx512(const LinkInput& in, std::vector<LinkPair>* out) {
  const LinkTables& tables = Tables();
  const size_t n = in.n;
  const __m512 reach = _mm512_set1_ps(kRotationReach), min_link = _mm512_set1_ps(kMinLink);
  const __m512 angle_scale = _mm512_set1_ps(LinkTables::kAngleScale);
  const __m512 distance_scale = _mm512_set1_ps(LinkTables::kDistanceScale);
  const __m512i distance_max = _mm512_set1_epi32(LinkTables::kDistanceSteps);
  const __m512i angle_max = _mm512_set1_epi32(LinkTables::kAngleSteps);
  const __m512 growth = _mm512_set1_ps(kDistanceGrowth), one = _mm512_set1_ps(1), two = _mm512_set1_ps(2);
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  alignas(64) int32_t ks[16];
  alignas(64) float rhos[16];
  for (size_t g = 0; g < n; ++g) {
    const __m512 rot_g = _mm512_set1_ps(in.rot[g]);
    const __m512 ax_g = _mm512_set1_ps(in.ax[g]), ay_g = _mm512_set1_ps(in.ay[g]);
    const __m512 bx_g = _mm512_set1_ps(in.bx[g]), by_g = _mm512_set1_ps(in.by[g]);
    const int end = static_cast<int>(g + n);
    for (int k = static_cast<int>(g) + 1; k < end; k += 16) {
      const __mmask16 range = _mm512_cmp_epi32_mask(_mm512_add_epi32(_mm512_set1_epi32(k), lane),
                                                    _mm512_set1_epi32(end), _MM_CMPINT_LT);
      const __m512 ahead = _mm512_sub_ps(_mm512_loadu_ps(&in.rot[k]), rot_g);
      // Rotations ascend: the lanes within reach are a prefix; once one is out, the rest are.
      __mmask16 m = range & _mm512_cmp_ps_mask(ahead, reach, _CMP_LE_OQ);
      if (m == 0) break;
      const bool last = m != range;
      const __m512 c2 = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m,
                                                 _mm512_cvttps_epi32(_mm512_mul_ps(ahead, angle_scale)),
                                                 tables.angle.data(), 4);
      const __m512 ux = _mm512_sub_ps(_mm512_loadu_ps(&in.ax[k]), ax_g);
      const __m512 uy = _mm512_sub_ps(_mm512_loadu_ps(&in.ay[k]), ay_g);
      const __m512 vx = _mm512_sub_ps(_mm512_loadu_ps(&in.bx[k]), bx_g);
      const __m512 vy = _mm512_sub_ps(_mm512_loadu_ps(&in.by[k]), by_g);
      const __m512 da = _mm512_sqrt_ps(_mm512_add_ps(_mm512_mul_ps(ux, ux), _mm512_mul_ps(uy, uy)));
      const __m512 db = _mm512_sqrt_ps(_mm512_add_ps(_mm512_mul_ps(vx, vx), _mm512_mul_ps(vy, vy)));
      const __m512 d1 = _mm512_div_ps(Abs(_mm512_sub_ps(da, db)),
                                      _mm512_add_ps(one, _mm512_div_ps(_mm512_mul_ps(growth, _mm512_add_ps(da, db)), two)));
      const __m512i i1 = _mm512_min_epi32(distance_max, _mm512_cvttps_epi32(_mm512_mul_ps(d1, distance_scale)));
      const __m512 c1 = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, i1, tables.distance.data(), 4);
      m &= _mm512_cmp_ps_mask(c1, min_link, _CMP_GE_OQ);
      if (m == 0) {
        if (last) break;
        continue;
      }
      const __m512 segment = Atan2(_mm512_sub_ps(_mm512_mul_ps(ux, vy), _mm512_mul_ps(uy, vx)),
                                   _mm512_add_ps(_mm512_mul_ps(ux, vx), _mm512_mul_ps(uy, vy)));
      const __m512 mean_rot = _mm512_add_ps(rot_g, _mm512_div_ps(ahead, two));
      const __m512 d3 = Abs(Wrap16(_mm512_sub_ps(segment, mean_rot)));
      const __m512i i3 = _mm512_min_epi32(angle_max, _mm512_cvttps_epi32(_mm512_mul_ps(d3, angle_scale)));
      const __m512 c3 = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, i3, tables.angle.data(), 4);
      const __m512 rho = _mm512_mul_ps(_mm512_mul_ps(c1, c2), c3);
      m &= _mm512_cmp_ps_mask(rho, min_link, _CMP_GE_OQ);
      if (m != 0) {
        _mm512_mask_compressstoreu_epi32(ks, m, _mm512_loadu_si512(&in.pair[k]));
        _mm512_mask_compressstoreu_ps(rhos, m, rho);
        const int count = __builtin_popcount(m);
        for (int i = 0; i < count; ++i) {
          out->push_back({static_cast<uint16_t>(in.pair[g]), static_cast<uint16_t>(ks[i]), rhos[i]});
        }
      }
      if (last) break;
    }
  }
}

}  // namespace siak::abis::finger_internal
