#include "abis/iris_kernels.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <string>

#include "abis/iris_score.h"
#include "common/rng.h"

namespace siak::abis {

void IrisKernelAvx2(const IrisKernelArgs& a);    // iris_kernels_avx2.cc
void IrisKernelAvx512(const IrisKernelArgs& a);  // iris_kernels_avx512.cc

namespace {

// The reference: the plain sums, word by word. Its shortcuts are the rules of iris_kernels.h
// spelt out; without them it counts everything.
void IrisKernelScalar(const IrisKernelArgs& a) {
  const PreparedIrisProbe& probe = *a.probe;
  const int rotations = static_cast<int>(probe.rotations.size());
  for (uint32_t e = a.begin; e < a.end; ++e) {
    const IrisCode& g = a.gallery[e];
    const int dlim = a.dmax[std::min<int>(a.gallery_usable[e], probe.usable)];  // dmax[n_max]
    for (int r = 0; r < rotations; ++r) {
      const IrisCode& p = probe.rotations[r];
      int d = 0;
      for (int w = 0; w < kIrisPartialWords; ++w) d += std::popcount((g.code[w] ^ p.code[w]) & g.mask[w] & p.mask[w]);
      if (a.shortcut && d > dlim) continue;
      for (int w = kIrisPartialWords; w < kIrisWords; ++w) {
        d += std::popcount((g.code[w] ^ p.code[w]) & g.mask[w] & p.mask[w]);
      }
      if (a.skip_counts && d > dlim) continue;
      int n = 0;
      for (int w = 0; w < kIrisWords; ++w) n += std::popcount(g.mask[w] & p.mask[w]);
      if (d <= a.dmax[n]) {
        a.hits->push_back({e, static_cast<uint16_t>(r), static_cast<uint16_t>(d), static_cast<uint16_t>(n)});
      }
    }
  }
}

bool CpuHas(IrisKernelKind kind) {
  __builtin_cpu_init();
  switch (kind) {
    case IrisKernelKind::kScalar: return true;
    case IrisKernelKind::kAvx2: return __builtin_cpu_supports("avx2");
    case IrisKernelKind::kAvx512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq");
  }
  return false;
}

bool SameHits(std::vector<IrisRawHit> a, std::vector<IrisRawHit> b) {
  auto key = [](const IrisRawHit& h) { return (uint64_t{h.entry} << 16) | h.rotation; };
  auto less = [&](const IrisRawHit& x, const IrisRawHit& y) { return key(x) < key(y); };
  std::sort(a.begin(), a.end(), less);
  std::sort(b.begin(), b.end(), less);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].entry != b[i].entry || a[i].rotation != b[i].rotation || a[i].d != b[i].d ||
        a[i].n != b[i].n) {
      return false;
    }
  }
  return true;
}
}  // namespace

PreparedIrisProbe PrepareIrisProbe(const IrisCode& probe, int max_shift) {
  PreparedIrisProbe p;
  p.max_shift = max_shift;
  p.usable = probe.UsableBits();
  p.rotations.reserve(2 * max_shift + 1);
  for (int s = -max_shift; s <= max_shift; ++s) p.rotations.push_back(Rotated(probe, s));
  const int groups = static_cast<int>(p.rotations.size()) / 8;
  p.vertical.resize(static_cast<size_t>(groups) * kIrisWords * 2);
  for (int g = 0; g < groups; ++g) {
    for (int k = 0; k < 8; ++k) {
      const IrisCode& r = p.rotations[8 * g + k];
      for (int w = 0; w < kIrisWords; ++w) {
        p.vertical[(g * kIrisWords + w) * 2 + 0].v[k] = r.code[w];
        p.vertical[(g * kIrisWords + w) * 2 + 1].v[k] = r.mask[w];
      }
    }
  }
  return p;
}

std::string_view IrisKernelName(IrisKernelKind kind) {
  switch (kind) {
    case IrisKernelKind::kScalar: return "scalar";
    case IrisKernelKind::kAvx2: return "avx2";
    case IrisKernelKind::kAvx512: return "avx512";
  }
  return "scalar";
}

Result<IrisKernelKind> ParseIrisKernelName(std::string_view name) {
  for (auto k : {IrisKernelKind::kScalar, IrisKernelKind::kAvx2, IrisKernelKind::kAvx512}) {
    if (IrisKernelName(k) == name) return k;
  }
  return Status::Invalid("kernel", name, "must be one of scalar, avx2, avx512");
}

bool IrisKernelSupported(IrisKernelKind kind) { return CpuHas(kind); }

IrisKernelFn IrisKernel(IrisKernelKind kind) {
  switch (kind) {
    case IrisKernelKind::kScalar: return &IrisKernelScalar;
    case IrisKernelKind::kAvx2: return &IrisKernelAvx2;
    case IrisKernelKind::kAvx512: return &IrisKernelAvx512;
  }
  return &IrisKernelScalar;
}

Status SelfCheckIrisKernel(IrisKernelKind kind) {
  if (!CpuHas(kind)) {
    return Status::FailedPrecondition(std::string("this CPU cannot run the ") +
                                      std::string(IrisKernelName(kind)) + " iris kernel");
  }
  // Known data: 64 random entries, with masks of varying density, and a probe that is a
  // noisy copy of entry 7 so that some rotations match under a real threshold.
  Rng rng(20261128);
  std::vector<IrisCode> gallery(64);
  for (auto& g : gallery) {
    const int density = rng.Between(1, 7);  // mask words: usable with probability ~ density/8
    for (int w = 0; w < kIrisWords; ++w) {
      g.code[w] = rng.Next();
      uint64_t m = ~uint64_t{0};
      for (int i = 0; i < 8 - density; ++i) m &= rng.Next() | rng.Next();
      g.mask[w] = m;
    }
  }
  IrisCode probe = Rotated(gallery[7], 3);
  for (int w = 0; w < kIrisWords; ++w) probe.code[w] ^= rng.Next() & rng.Next() & rng.Next();
  std::vector<uint16_t> usable;
  for (const auto& g : gallery) usable.push_back(static_cast<uint16_t>(g.UsableBits()));
  const PreparedIrisProbe prepared = PrepareIrisProbe(probe, 8);
  const DecisionTable all = DecisionTable::AcceptAll();
  const DecisionTable strict(0.33);
  for (const DecisionTable* table : {&all, &strict}) {
    for (int skips = 0; skips < 4; ++skips) {
      std::vector<IrisRawHit> want, got;
      // The reference without shortcuts, against the kernel with this combination of them.
      IrisKernelArgs args{gallery.data(), usable.data(), 0, static_cast<uint32_t>(gallery.size()),
                          &prepared, table->dmax(), false, false, &want};
      IrisKernelScalar(args);
      args.skip_counts = (skips & 1) != 0;
      args.shortcut = (skips & 2) != 0;
      args.hits = &got;
      IrisKernel(kind)(args);  // (the tests also run odd sub-ranges)
      if (!SameHits(want, got)) {
        return Status::Internal(std::string("the ") + std::string(IrisKernelName(kind)) +
                                " iris kernel disagrees with the scalar reference");
      }
    }
  }
  return Status::Ok();
}

IrisKernelKind ChooseKernel(Status (*self_check)(IrisKernelKind)) {
  if (const char* forced = std::getenv("SIAK_ABIS_KERNEL"); forced && *forced) {
    auto kind = ParseIrisKernelName(forced);
    if (kind.ok() && self_check(*kind).ok()) return *kind;
  }
  for (auto k : {IrisKernelKind::kAvx512, IrisKernelKind::kAvx2}) {
    if (CpuHas(k) && self_check(k).ok()) return k;
  }
  return IrisKernelKind::kScalar;
}

IrisKernelKind BestIrisKernel() {
  static const IrisKernelKind best = ChooseKernel(&SelfCheckIrisKernel);
  return best;
}

}  // namespace siak::abis
