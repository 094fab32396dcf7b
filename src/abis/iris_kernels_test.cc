#include "abis/iris_kernels.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "abis/iris_score.h"
#include "abis/synthetic_iris.h"
#include "common/rng.h"

namespace siak::abis {
namespace {

// Which exact shortcuts a run may take (IrisKernelArgs): none, either, or both.
enum Skips { kFull = 0, kSkipCounts = 1, kPartial = 2, kBoth = 3 };

std::vector<IrisRawHit> RunKernel(IrisKernelKind kind, const std::vector<IrisCode>& gallery,
                                  const PreparedIrisProbe& probe, const DecisionTable& table, Skips skips,
                                  uint32_t begin = 0, uint32_t end = UINT32_MAX) {
  std::vector<uint16_t> usable;
  for (const auto& g : gallery) usable.push_back(static_cast<uint16_t>(g.UsableBits()));
  std::vector<IrisRawHit> hits;
  IrisKernel(kind)(IrisKernelArgs{gallery.data(), usable.data(), begin,
                                  std::min<uint32_t>(end, static_cast<uint32_t>(gallery.size())), &probe,
                                  table.dmax(), (skips & kSkipCounts) != 0, (skips & kPartial) != 0, &hits});
  std::sort(hits.begin(), hits.end(), [](const IrisRawHit& a, const IrisRawHit& b) {
    return a.entry != b.entry ? a.entry < b.entry : a.rotation < b.rotation;
  });
  return hits;
}

bool Same(const std::vector<IrisRawHit>& a, const std::vector<IrisRawHit>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].entry != b[i].entry || a[i].rotation != b[i].rotation || a[i].d != b[i].d || a[i].n != b[i].n) {
      return false;
    }
  }
  return true;
}

// A synthetic gallery with planted genuine captures of the probe's identity.
struct Fixture {
  std::vector<IrisCode> gallery;
  IrisCode probe;
};
Fixture MakeFixture(uint64_t seed, int size) {
  SyntheticIrises irises(seed);
  Fixture f;
  for (int i = 0; i < size; ++i) f.gallery.push_back(irises.Capture(i, Eye::kRight, 0));
  f.probe = irises.Capture(size / 3, Eye::kRight, 1);  // a second capture of one enrolled eye
  return f;
}

// Random codes with mask densities from nearly empty to full (the shortcuts' bound n_max is
// loose or tight), and a probe that is a noisy copy of entry 5 with its own mask.
Fixture MakeRandomFixture(uint64_t seed, int size) {
  Rng rng(seed);
  auto mask_word = [&](int density) {  // usable with probability about 1 - 2^-density
    uint64_t m = 0;
    for (int i = 0; i < density; ++i) m |= rng.Next();
    return m;
  };
  Fixture f;
  f.gallery.resize(size);
  for (auto& g : f.gallery) {
    const int density = rng.Between(0, 6);
    for (int w = 0; w < kIrisWords; ++w) {
      g.code[w] = rng.Next();
      g.mask[w] = density == 0 ? ~uint64_t{0} : mask_word(density);
    }
  }
  f.probe = Rotated(f.gallery[5], -2);
  const int density = rng.Between(1, 6);
  for (int w = 0; w < kIrisWords; ++w) {
    f.probe.code[w] ^= rng.Next() & rng.Next() & rng.Next();
    f.probe.mask[w] = mask_word(density);
  }
  return f;
}

TEST(IrisKernels, ScalarCountsAreTheDefinition) {
  Rng rng(5);
  IrisCode a, b;
  for (int w = 0; w < kIrisWords; ++w) {
    a.code[w] = rng.Next(); b.code[w] = rng.Next();
    a.mask[w] = rng.Next() | rng.Next(); b.mask[w] = rng.Next() | rng.Next();
  }
  int n = 0, d = 0;
  for (int bit = 0; bit < kIrisBits; ++bit) {
    if (a.Usable(bit) && b.Usable(bit)) {
      ++n;
      d += a.Bit(bit) != b.Bit(bit);
    }
  }
  const auto hits = RunKernel(IrisKernelKind::kScalar, {a}, PrepareIrisProbe(b, 0), DecisionTable::AcceptAll(), kFull);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].n, n);
  EXPECT_EQ(hits[0].d, d);
}

TEST(IrisKernels, EveryVectorKernelAgreesWithTheReferenceBitForBit) {
  const Fixture f = MakeFixture(11, 300);
  int checked = 0;
  for (auto kind : {IrisKernelKind::kAvx2, IrisKernelKind::kAvx512}) {
    if (!IrisKernelSupported(kind)) {
      std::printf("[ SKIPPED  ] %s kernel: this CPU lacks the instructions\n", std::string(IrisKernelName(kind)).c_str());
      continue;
    }
    ++checked;
    EXPECT_TRUE(SelfCheckIrisKernel(kind).ok());
    // 1, 7, 17 and 25 rotations: no group of 8, groups in pairs, an odd group, and rotations left over.
    for (int shift : {0, 3, 8, 12}) {
      const auto prepared = PrepareIrisProbe(f.probe, shift);
      for (const DecisionTable& table : {DecisionTable::AcceptAll(), DecisionTable(0.32), DecisionTable(0.40)}) {
        for (Skips skips : {kFull, kSkipCounts, kPartial, kBoth}) {
          const auto want = RunKernel(IrisKernelKind::kScalar, f.gallery, prepared, table, kFull);
          const auto got = RunKernel(kind, f.gallery, prepared, table, skips);
          EXPECT_TRUE(Same(want, got)) << IrisKernelName(kind) << " shift " << shift << " t=" << table.threshold()
                                       << " skips=" << skips;
          // An odd sub-range.
          EXPECT_TRUE(Same(RunKernel(IrisKernelKind::kScalar, f.gallery, prepared, table, kFull, 7, 133),
                           RunKernel(kind, f.gallery, prepared, table, skips, 7, 133)));
        }
      }
      // AcceptAll reads out every (entry, rotation) pair.
      EXPECT_EQ(RunKernel(kind, f.gallery, prepared, DecisionTable::AcceptAll(), kFull).size(),
                300u * static_cast<size_t>(2 * shift + 1));
    }
  }
  std::printf("vector kernels checked on this CPU: %d\n", checked);
}

TEST(IrisKernels, TheShortcutsNeverChangeAResult) {
  // Thresholds from strict to loose, synthetic and random galleries (masks from nearly empty to
  // full): identical hits with and without each shortcut, in every kernel.
  int matched = 0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    const Fixture f = seed <= 6 ? MakeFixture(100 + seed, 200) : MakeRandomFixture(seed, 200);
    const auto prepared = PrepareIrisProbe(f.probe, 8);
    for (double t : {0.20, 0.30, 0.32, 0.35, 0.38, 0.42, 0.47}) {
      const DecisionTable table(t);
      const auto want = RunKernel(IrisKernelKind::kScalar, f.gallery, prepared, table, kFull);
      matched += !want.empty();
      for (auto kind : {IrisKernelKind::kScalar, IrisKernelKind::kAvx2, IrisKernelKind::kAvx512}) {
        if (!IrisKernelSupported(kind)) continue;
        for (Skips skips : {kFull, kSkipCounts, kPartial, kBoth}) {
          EXPECT_TRUE(Same(want, RunKernel(kind, f.gallery, prepared, table, skips)))
              << "seed " << seed << " t " << t << " " << IrisKernelName(kind) << " skips " << skips;
        }
      }
    }
  }
  EXPECT_GT(matched, 20);  // the comparisons include matches, not only rejections
}

// The shortcuts' bounds exactly at the edge: a gallery row with every bit usable (so every
// rotation's n is the probe's usable count, n_max itself) and one probe rotation with exactly
// dmax[n_max] differing bits, all in words 0..23 (so the partial count after word 23 already
// equals the bound): it must match under every combination of the shortcuts; with one more
// differing bit it must not. The rotation sits at lane 0 and 7 of the first group of 8, at lane 0
// and 7 of the second, and alone after the groups (17 rotations = 8 + 8 + 1).
TEST(IrisKernels, TheShortcutsKeepAMatchExactlyAtTheBound) {
  Rng rng(77);
  std::vector<IrisCode> gallery(4);
  for (auto& g : gallery) {
    for (int w = 0; w < kIrisWords; ++w) {
      g.code[w] = rng.Next();
      g.mask[w] = rng.Next() | rng.Next();
    }
  }
  IrisCode& row = gallery[2];
  row.mask.fill(~uint64_t{0});
  IrisCode target;  // what the matching rotation of the probe must look like
  for (int w = 0; w < kIrisWords; ++w) target.mask[w] = rng.Next() | rng.Next() | rng.Next();
  const int usable = target.UsableBits();
  // Strict enough that the other rotations (impostors) are already out after word 23, so no
  // other lane keeps a group of 8 going past the partial check.
  const DecisionTable table(0.25);
  const int bound = table.dmax()[usable];
  ASSERT_GT(bound, 100);
  std::vector<int> flippable;  // usable bits of words 0..23
  for (int b = 0; b < kIrisPartialWords * 64; ++b) {
    if (target.Usable(b)) flippable.push_back(b);
  }
  ASSERT_GT(static_cast<int>(flippable.size()), bound + 1);
  for (int extra : {0, 1}) {
    IrisCode q = target;
    q.code = row.code;
    const size_t flips = static_cast<size_t>(bound + extra);
    for (size_t i = 0; i < flips; ++i) {
      const int b = flippable[i * flippable.size() / flips];  // spread over words 0..23
      q.SetBit(b, !q.Bit(b));
    }
    for (int rotation : {0, 7, 8, 15, 16}) {
      // Rotation r of the prepared probe is a shift of r - 8 columns: shift q back by that much.
      const PreparedIrisProbe prepared = PrepareIrisProbe(Rotated(q, 8 - rotation), 8);
      ASSERT_EQ(prepared.rotations[rotation], q);
      for (auto kind : {IrisKernelKind::kScalar, IrisKernelKind::kAvx2, IrisKernelKind::kAvx512}) {
        if (!IrisKernelSupported(kind)) continue;
        for (Skips skips : {kFull, kSkipCounts, kPartial, kBoth}) {
          const auto hits = RunKernel(kind, gallery, prepared, table, skips);
          const auto at = std::find_if(hits.begin(), hits.end(), [&](const IrisRawHit& h) {
            return h.entry == 2 && h.rotation == rotation;
          });
          if (extra == 0) {
            ASSERT_NE(at, hits.end()) << IrisKernelName(kind) << " rotation " << rotation << " skips " << skips;
            EXPECT_EQ(at->d, bound);
            EXPECT_EQ(at->n, usable);
          } else {
            EXPECT_EQ(at, hits.end()) << IrisKernelName(kind) << " rotation " << rotation << " skips " << skips;
          }
        }
      }
    }
  }
}

TEST(IrisKernels, ThePlantedCaptureMatchesAtItsRotation) {
  SyntheticIrises irises(21);
  std::vector<IrisCode> gallery;
  for (int i = 0; i < 50; ++i) gallery.push_back(irises.Capture(i, Eye::kLeft, 0));
  const IrisCode probe = irises.Capture(17, Eye::kLeft, 1);
  const auto hits = RunKernel(BestIrisKernel(), gallery, PrepareIrisProbe(probe, 8), DecisionTable(0.32), kBoth);
  ASSERT_FALSE(hits.empty());
  for (const auto& h : hits) EXPECT_EQ(h.entry, 17u);
  // The best rotation undoes the difference of the two captures' rotations.
  const int want = irises.CaptureRotation(17, Eye::kLeft, 0) - irises.CaptureRotation(17, Eye::kLeft, 1);
  if (std::abs(want) <= 8) {
    auto best = *std::min_element(hits.begin(), hits.end(), [](const IrisRawHit& a, const IrisRawHit& b) {
      return NormalisedHd(a.d, a.n) < NormalisedHd(b.d, b.n);
    });
    EXPECT_NEAR(static_cast<int>(best.rotation) - 8, want, 1);
  }
}

TEST(IrisKernels, NamesParse) {
  EXPECT_EQ(*ParseIrisKernelName("avx2"), IrisKernelKind::kAvx2);
  EXPECT_FALSE(ParseIrisKernelName("neon").ok());
  EXPECT_TRUE(IrisKernelSupported(BestIrisKernel()));
}

}  // namespace
}  // namespace siak::abis
