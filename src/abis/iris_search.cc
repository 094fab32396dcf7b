#include "abis/iris_search.h"
#include "common/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>

namespace siak::abis {

namespace {
constexpr uint32_t kTileEntries = 512;

struct ProbeHit {
  uint32_t probe;
  IrisRawHit hit;
};

IrisMatch ToMatch(const IrisGallery& gallery, const PreparedIrisProbe& probe, const IrisRawHit& h) {
  return IrisMatch{gallery.key(h.entry), static_cast<int>(h.rotation) - probe.max_shift, h.d, h.n,
                   NormalisedHd(h.d, h.n)};
}

bool Better(const IrisMatch& a, const IrisMatch& b) {
  if (a.score != b.score) return a.score < b.score;
  return std::abs(a.shift) < std::abs(b.shift);
}
}  // namespace

std::vector<std::vector<IrisMatch>> SearchIrisGallery(const IrisGallery& gallery,
                                                      std::span<const PreparedIrisProbe> probes,
                                                      const DecisionTable& table, const IrisSearchOptions& options) {
  const uint32_t entries = static_cast<uint32_t>(gallery.size());
  const IrisKernelFn kernel = IrisKernel(options.kernel);
  const uint32_t tiles = (entries + kTileEntries - 1) / kTileEntries;
  // Both shortcuts are exact (the results are the same either way); the partial distance only
  // pays where it rules out most impostor rotations.
  const bool skip_counts = options.shortcut;
  const bool shortcut = options.shortcut && table.threshold() <= kShortcutUsefulBelow;
  const int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(tiles)));
  std::atomic<uint32_t> next{0};
  std::vector<std::vector<ProbeHit>> found(threads);
  auto work = [&](int t) {
    std::vector<IrisRawHit> hits;
    for (uint32_t tile = next++; tile < tiles; tile = next++) {
      const uint32_t begin = tile * kTileEntries;
      const uint32_t end = std::min(entries, begin + kTileEntries);
      for (uint32_t p = 0; p < probes.size(); ++p) {
        hits.clear();
        kernel(IrisKernelArgs{gallery.codes(), gallery.usable_bits(), begin, end, &probes[p], table.dmax(),
                              skip_counts, shortcut, &hits});
        for (const auto& h : hits) found[t].push_back({p, h});
      }
    }
  };
  RunParallel(threads, work);
  std::vector<std::vector<IrisMatch>> out(probes.size());
  for (const auto& list : found) {
    for (const auto& [p, h] : list) out[p].push_back(ToMatch(gallery, probes[p], h));
  }
  for (auto& matches : out) {
    // Best rotation per entry.
    std::sort(matches.begin(), matches.end(), [](const IrisMatch& a, const IrisMatch& b) {
      return a.key != b.key ? a.key < b.key : Better(a, b);
    });
    matches.erase(std::unique(matches.begin(), matches.end(),
                              [](const IrisMatch& a, const IrisMatch& b) { return a.key == b.key; }),
                  matches.end());
    std::sort(matches.begin(), matches.end(), [](const IrisMatch& a, const IrisMatch& b) {
      return a.score != b.score ? a.score < b.score : a.key < b.key;
    });
  }
  return out;
}

std::optional<IrisMatch> CompareIris(const PreparedIrisProbe& probe, const IrisCode& enrolled,
                                     IrisKernelKind kernel) {
  static const DecisionTable all = DecisionTable::AcceptAll();
  const uint16_t usable = static_cast<uint16_t>(enrolled.UsableBits());
  std::vector<IrisRawHit> hits;
  IrisKernel(kernel)(IrisKernelArgs{&enrolled, &usable, 0, 1, &probe, all.dmax(), false, false, &hits});
  std::optional<IrisMatch> best;
  for (const auto& h : hits) {
    IrisMatch m{0, static_cast<int>(h.rotation) - probe.max_shift, h.d, h.n, NormalisedHd(h.d, h.n)};
    if (!best || Better(m, *best)) best = m;
  }
  return best;
}

}  // namespace siak::abis
