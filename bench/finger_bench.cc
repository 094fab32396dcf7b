// The ABIS fingerprint matcher benchmark: 1:N throughput of FingerMatcher (MCC cylinders, LSS-R
// consolidation) over a gallery of SYNTHETIC templates, per core, against ceilings measured in
// the same run (the popcount kernel alone over the same pairs; one pass over the gallery's
// bytes), with a sanity check of the scores (planted duplicates found at rank 1, best impostor).
// Synthetic templates test speed and the search logic, not real-world accuracy (that is
// `siak abis evaluate` on FVC2002). Figures go to docs/benchmarks.md.
//
//   siak_finger_bench [--gallery N] [--probes P] [--batch B] [--threads T]
//                     [--kernel scalar|avx2|avx512] [--seed S]
//
// A comparison is one probe template scored against one gallery template (FingerMatcher::Score).
// Every configuration scores all P probes against all N gallery templates:
//   single probe: one probe at a time, the gallery split across the threads (a 1:N search);
//   batched:      B probes at a time, each gallery template scored against all B while it is in
//                 cache;
// each on one thread and on T threads (default: every core).
#include <algorithm>
#include <barrier>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "abis/finger_features.h"
#include "abis/finger_kernels.h"
#include "abis/finger_match.h"
#include "abis/synthetic_finger.h"
#include "common/parallel.h"

namespace siak::abis {
namespace {

using Clk = std::chrono::steady_clock;
double Since(Clk::time_point t) { return std::chrono::duration<double>(Clk::now() - t).count(); }

// The first of [begin, end) that thread t of `threads` owns: contiguous slices.
size_t SliceStart(size_t n, int t, int threads) {
  return n * static_cast<size_t>(t) / static_cast<size_t>(threads);
}

// A field of /proc/self/status in bytes (VmRSS, VmHWM), 0 when unreadable.
double ProcStatusBytes(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::strtod(line.c_str() + field.size() + 1, nullptr) * 1024;
  }
  return 0;
}

// Synthetic templates are ISO records at 500 dpi.
constexpr int kPixelsPerCm = 197;
// The finger position every template uses: right index.
constexpr int kPosition = 2;

// ---- the gallery ------------------------------------------------------------------------------

// All templates' cylinders in one contiguous array; template i (identity i) is
// cylinders[offset[i], offset[i] + count[i]). Only what a search reads: no minutiae, no per-template
// allocation.
struct Gallery {
  std::vector<Cylinder> cylinders;
  std::vector<uint64_t> offset;
  std::vector<uint8_t> count;  // at most kMaxFingerMinutiae

  size_t size() const { return count.size(); }
  std::span<const Cylinder> Template(size_t i) const { return {cylinders.data() + offset[i], count[i]}; }
  // Bytes in use (the array's reserved but untouched tail costs address space, not memory).
  double Bytes() const {
    return static_cast<double>(cylinders.size() * sizeof(Cylinder) + offset.size() * sizeof(uint64_t) +
                               count.size());
  }
};
static_assert(kMaxFingerMinutiae <= 255, "counts are stored in one byte");

// Templates of identities 0..n-1 (capture 0), features extracted on `threads` threads, in chunks:
// a chunk's cylinders are made in parallel, then appended to the contiguous array. The array is
// reserved once, exactly when the gallery is one chunk, else from the first chunk's mean plus 1%
// (the mean of 65,536 templates is off by far less), so that a million templates are not copied
// by the vector's growth (which would briefly need twice their memory); should the estimate fall
// short, the vector simply grows.
Gallery BuildGallery(const SyntheticFingers& fingers, size_t n, int threads) {
  Gallery g;
  g.offset.reserve(n + 1);
  g.count.reserve(n);
  g.offset.push_back(0);
  const size_t chunk = size_t{1} << 16;
  std::vector<std::vector<Cylinder>> made;
  for (size_t first = 0; first < n; first += chunk) {
    const size_t count = std::min(chunk, n - first);
    made.assign(count, {});
    RunParallel(threads, [&](int t) {
      for (size_t i = static_cast<size_t>(t); i < count; i += static_cast<size_t>(threads)) {
        made[i] = ExtractFingerFeatures(fingers.Capture(first + i, kPosition, 0), kPixelsPerCm).cylinders;
      }
    });
    size_t cylinders = 0;
    for (const auto& c : made) cylinders += c.size();
    if (first == 0) {
      const double mean = static_cast<double>(cylinders) / static_cast<double>(count);
      g.cylinders.reserve(count == n ? cylinders : static_cast<size_t>(mean * 1.01 * static_cast<double>(n)));
    }
    for (const auto& c : made) {
      g.cylinders.insert(g.cylinders.end(), c.begin(), c.end());
      g.offset.push_back(g.cylinders.size());
      g.count.push_back(static_cast<uint8_t>(c.size()));
    }
  }
  return g;
}

// ---- probes -----------------------------------------------------------------------------------

struct Probe {
  uint64_t identity;
  bool planted;  // identity < gallery size: capture 1 of a gallery finger
  std::vector<Cylinder> cylinders;
};

// Probes alternate planted duplicates (capture 1 of gallery identities spread evenly across the
// gallery) and unseen identities (identities >= n, not enrolled), so that every batch holds both.
std::vector<Probe> MakeProbes(const SyntheticFingers& fingers, size_t n, size_t count) {
  const size_t planted = (count + 1) / 2;
  std::vector<Probe> out;
  for (size_t p = 0; p < count; ++p) {
    const size_t k = p / 2;
    const bool dup = p % 2 == 0;
    const uint64_t identity = dup ? (2 * k + 1) * n / (2 * planted) : n + k;
    out.push_back({identity, dup, ExtractFingerFeatures(fingers.Capture(identity, kPosition, 1), kPixelsPerCm).cylinders});
  }
  return out;
}

// ---- searches ---------------------------------------------------------------------------------

// What one search found for one probe: the best score of a template other than its own identity
// (the best impostor; lowest index on ties) and, for a planted duplicate, its own template's score.
struct ProbeResult {
  float best_other = -1;
  uint64_t best_other_index = 0;
  float own = -1;

  void Merge(const ProbeResult& o) {
    if (o.best_other > best_other || (o.best_other == best_other && o.best_other_index < best_other_index)) {
      best_other = o.best_other;
      best_other_index = o.best_other_index;
    }
    own = std::max(own, o.own);
  }
  bool operator==(const ProbeResult&) const = default;
};

// Scores every probe against every gallery template on `threads` threads, `batch` probes at a
// time: each thread owns a contiguous slice of the gallery and scores each of its templates
// against the batch's probes in turn (the template stays in L1/L2 between them); the threads
// meet at a barrier after each batch, as a 1:N search would before answering. Returns seconds.
double Search(const Gallery& g, const std::vector<Probe>& probes, size_t batch, int threads, FingerKernelKind kind,
              std::vector<ProbeResult>* results) {
  const size_t n = g.size(), count = probes.size();
  std::vector<std::vector<ProbeResult>> partial(static_cast<size_t>(threads), std::vector<ProbeResult>(count));
  std::barrier sync(threads);
  const auto start = Clk::now();
  RunParallel(threads, [&](int t) {
    FingerMatcher matcher(kind);
    std::vector<ProbeResult>& mine = partial[static_cast<size_t>(t)];
    const size_t begin = SliceStart(n, t, threads), end = SliceStart(n, t + 1, threads);
    for (size_t first = 0; first < count; first += batch) {
      const size_t last = std::min(count, first + batch);
      for (size_t i = begin; i < end; ++i) {
        const std::span<const Cylinder> tmpl = g.Template(i);
        for (size_t p = first; p < last; ++p) {
          const float s = matcher.Score(probes[p].cylinders, tmpl);
          ProbeResult& r = mine[p];
          if (probes[p].planted && probes[p].identity == i) {
            r.own = s;
          } else if (s > r.best_other) {  // ascending i: ties keep the lowest index
            r.best_other = s;
            r.best_other_index = i;
          }
        }
      }
      sync.arrive_and_wait();
    }
  });
  const double seconds = Since(start);
  results->assign(count, ProbeResult{});
  for (const auto& part : partial) {
    for (size_t p = 0; p < count; ++p) (*results)[p].Merge(part[p]);
  }
  return seconds;
}

// The ceiling: the raw popcount kernel alone (the cylinder similarity matrix, no consolidation)
// over the same probe x template pairs, in the batched order, on one thread. Returns seconds.
double KernelOnly(const Gallery& g, const std::vector<Probe>& probes, size_t batch, FingerKernelKind kind) {
  const FingerKernelFn kernel = FingerKernel(kind);
  std::vector<float> similarity(kMaxFingerMinutiae * kMaxFingerMinutiae);
  float sink = 0;
  const auto start = Clk::now();
  for (size_t first = 0; first < probes.size(); first += batch) {
    const size_t last = std::min(probes.size(), first + batch);
    for (size_t i = 0; i < g.size(); ++i) {
      const std::span<const Cylinder> tmpl = g.Template(i);
      for (size_t p = first; p < last; ++p) {
        const auto& probe = probes[p].cylinders;
        if (probe.empty() || tmpl.empty()) continue;  // Score returns at once there too
        kernel({probe.data(), static_cast<uint32_t>(probe.size()), tmpl.data(), static_cast<uint32_t>(tmpl.size()),
                similarity.data()});
        sink += similarity[0];
      }
    }
  }
  const double seconds = Since(start);
  if (sink == -1) std::printf(" ");  // keeps the results alive
  return seconds;
}

// The memory ceiling: one pass summing every byte of the gallery's cylinders (as 64-bit words) on
// `threads` threads. Returns the best of three, in seconds.
double StreamGallery(const Gallery& g, int threads) {
  const uint64_t* words = reinterpret_cast<const uint64_t*>(g.cylinders.data());
  const size_t total = g.cylinders.size() * sizeof(Cylinder) / sizeof(uint64_t);
  double best = 1e30;
  for (int rep = 0; rep < 3; ++rep) {
    std::vector<uint64_t> sums(static_cast<size_t>(threads));
    const auto start = Clk::now();
    RunParallel(threads, [&](int t) {
      const size_t begin = SliceStart(total / 8, t, threads) * 8, end = SliceStart(total / 8, t + 1, threads) * 8;
      uint64_t a = 0, b = 0, c = 0, d = 0;
      for (size_t i = begin; i < end; i += 8) {
        a += words[i] + words[i + 4];
        b += words[i + 1] + words[i + 5];
        c += words[i + 2] + words[i + 6];
        d += words[i + 3] + words[i + 7];
      }
      sums[static_cast<size_t>(t)] = a + b + c + d;
    });
    best = std::min(best, Since(start));
    if (sums[0] == 42) std::printf(" ");  // keeps the sums alive
  }
  return best;
}

// ---- options ----------------------------------------------------------------------------------

struct Args {
  size_t gallery = 1'000'000;
  size_t probes = 32;
  size_t batch = 8;
  int threads = CoreCount();
  bool kernel_given = false;
  FingerKernelKind kernel = FingerKernelKind::kScalar;
  uint64_t seed = 2026;
};

[[noreturn]] void Usage(const std::string& problem) {
  std::fprintf(stderr,
               "%s\nusage: siak_finger_bench [--gallery N] [--probes P] [--batch B] [--threads T] "
               "[--kernel scalar|avx2|avx512] [--seed S]\n",
               problem.c_str());
  std::exit(2);
}

uint64_t Number(const std::string& option, const char* text, uint64_t min) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || v < min) {
    Usage(option + " needs a whole number >= " + std::to_string(min) + ", not '" + text + "'");
  }
  return v;
}

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string s = argv[i];
    if (i + 1 >= argc) Usage("unknown option or missing value: " + s);
    const char* value = argv[++i];
    if (s == "--gallery") {
      a.gallery = Number(s, value, 1);
    } else if (s == "--probes") {
      a.probes = Number(s, value, 1);
    } else if (s == "--batch") {
      a.batch = Number(s, value, 1);
    } else if (s == "--threads") {
      a.threads = static_cast<int>(std::min<uint64_t>(Number(s, value, 1), 1024));
    } else if (s == "--seed") {
      a.seed = Number(s, value, 0);
    } else if (s == "--kernel") {
      auto kind = ParseFingerKernelName(value);
      if (!kind.ok()) Usage(kind.status().ToString());
      a.kernel = *kind;
      a.kernel_given = true;
    } else {
      Usage("unknown option: " + s);
    }
  }
  return a;
}

// ---- the run ----------------------------------------------------------------------------------

int Main(int argc, char** argv) {
  Args args = Parse(argc, argv);
  if (args.kernel_given) {
    if (!FingerKernelSupported(args.kernel)) {
      std::fprintf(stderr, "kernel %s is not supported on this CPU\n", std::string(FingerKernelName(args.kernel)).c_str());
      return 2;
    }
    if (Status st = SelfCheckFingerKernel(args.kernel); !st.ok()) {
      std::fprintf(stderr, "kernel %s failed its self-check: %s\n", std::string(FingerKernelName(args.kernel)).c_str(),
                   st.ToString().c_str());
      return 1;
    }
  } else {
    args.kernel = BestFingerKernel();
  }
  const int cores = CoreCount();
  const std::string kernel_name(FingerKernelName(args.kernel));
  std::printf("ABIS fingerprint benchmark on SYNTHETIC templates (speed and search logic, not real-world accuracy)\n");
  std::printf("kernel %s (self-checked against the scalar reference), %d cores, threads %d, seed %llu\n\n",
              kernel_name.c_str(), cores, args.threads, static_cast<unsigned long long>(args.seed));

  const SyntheticFingers fingers(args.seed);
  const auto built = Clk::now();
  const Gallery gallery = BuildGallery(fingers, args.gallery, args.threads);
  const double build_seconds = Since(built);
  const size_t n = gallery.size();
  const double mean_cylinders = static_cast<double>(gallery.cylinders.size()) / static_cast<double>(n);
  std::printf("gallery: %zu templates (identities 0..%zu, right index, capture 0) built in %.1f s on %d threads "
              "(%.0f templates/s)\n", n, n - 1, build_seconds, args.threads, static_cast<double>(n) / build_seconds);
  std::printf("  %.2f cylinders per template on average (%zu in all); memory %.3f GB = %.0f bytes per template "
              "(cylinders %.3f GB, offsets and counts %.3f GB; %.3f GB reserved); process RSS %.3f GB, peak %.3f GB\n",
              mean_cylinders, gallery.cylinders.size(), gallery.Bytes() / 1e9,
              gallery.Bytes() / static_cast<double>(n),
              static_cast<double>(gallery.cylinders.size() * sizeof(Cylinder)) / 1e9,
              static_cast<double>(gallery.offset.size() * sizeof(uint64_t) + gallery.count.size()) / 1e9,
              static_cast<double>(gallery.cylinders.capacity() * sizeof(Cylinder)) / 1e9,
              ProcStatusBytes("VmRSS") / 1e9, ProcStatusBytes("VmHWM") / 1e9);

  const std::vector<Probe> probes = MakeProbes(fingers, n, args.probes);
  double probe_cylinders = 0;
  for (const Probe& p : probes) probe_cylinders += static_cast<double>(p.cylinders.size());
  probe_cylinders /= static_cast<double>(probes.size());
  const double comparisons = static_cast<double>(n) * static_cast<double>(probes.size());
  std::printf("probes: %zu (%zu planted duplicates: capture 1 of gallery identities; %zu unseen identities >= %zu), "
              "%.2f cylinders on average; %.3e comparisons per configuration\n\n",
              probes.size(), (probes.size() + 1) / 2, probes.size() / 2, n, probe_cylinders, comparisons);

  // Throughput. The all-threads single-probe search runs first: its results are the reference
  // every other configuration must reproduce exactly.
  struct Config {
    const char* mode;
    size_t batch;
    int threads;
  };
  std::vector<Config> configs{{"single", 1, args.threads}};
  if (args.threads != 1) configs.push_back({"single", 1, 1});
  configs.push_back({"batched", args.batch, 1});
  if (args.threads != 1) configs.push_back({"batched", args.batch, args.threads});
  std::vector<ProbeResult> reference;
  bool identical = true;
  double single1 = 0, batched1 = 0;
  std::printf("%-8s %6s %8s %16s %16s %18s\n", "mode", "batch", "threads", "comparisons/s", "per core",
              "seconds per batch");
  for (const Config& c : configs) {
    std::vector<ProbeResult> results;
    const double seconds = Search(gallery, probes, c.batch, c.threads, args.kernel, &results);
    const double rate = comparisons / seconds;
    const double batches = static_cast<double>((probes.size() + c.batch - 1) / c.batch);
    std::printf("%-8s %6zu %8d %16.4g %16.4g %18.3f\n", c.mode, c.batch, c.threads, rate, rate / c.threads,
                seconds / batches);
    std::fflush(stdout);
    if (reference.empty()) reference = results;
    else identical = identical && results == reference;
    if (c.threads == 1) (c.batch == 1 ? single1 : batched1) = rate;
  }
  std::printf("every configuration found the same scores: %s\n", identical ? "yes" : "NO");
  std::printf("goal >= 100,000 comparisons/s per core: single probe %.2f of it, batched %.2f (one thread)\n\n",
              single1 / 1e5, batched1 / 1e5);

  // Ceilings, same run, one thread.
  const double kernel_seconds = KernelOnly(gallery, probes, args.batch, args.kernel);
  const double kernel_rate = comparisons / kernel_seconds;
  std::printf("ceiling: kernel only (%s, similarity matrix of %.0f x %.2f cylinders, no consolidation), batch %zu, "
              "1 thread: %.4g comparisons/s\n", kernel_name.c_str(), probe_cylinders, mean_cylinders, args.batch,
              kernel_rate);
  std::printf("  full comparison / kernel-only = %.3f (single probe), %.3f (batched)\n", single1 / kernel_rate,
              batched1 / kernel_rate);
  const double stream1 = StreamGallery(gallery, 1);
  const double stream_all = args.threads != 1 ? StreamGallery(gallery, args.threads) : stream1;
  const double bytes = static_cast<double>(gallery.cylinders.size() * sizeof(Cylinder));
  std::printf("ceiling: one pass over the gallery's %.3f GB: %.4g templates/s (%.1f GB/s) on 1 thread, %.4g "
              "templates/s (%.1f GB/s) on %d threads\n", bytes / 1e9, static_cast<double>(n) / stream1,
              bytes / stream1 / 1e9, static_cast<double>(n) / stream_all, bytes / stream_all / 1e9, args.threads);
  std::printf("  single probe, 1 thread: %.2g of the 1-thread memory pass\n\n",
              single1 / (static_cast<double>(n) / stream1));

  // Accuracy sanity (synthetic).
  size_t planted = 0, found = 0, below = 0;
  float genuine_min = 2, impostor_unseen = -1, impostor_planted = -1;
  std::printf("%-6s %-8s %10s %10s %10s %12s %10s %10s\n", "probe", "kind", "identity", "cylinders", "own score",
              "best other", "template", "cylinders");
  for (size_t p = 0; p < probes.size(); ++p) {
    const ProbeResult& r = reference[p];
    const bool rank1 = probes[p].planted && r.own > r.best_other;
    char own[32] = "-";
    if (probes[p].planted) std::snprintf(own, sizeof own, "%.4f", r.own);
    std::printf("%-6zu %-8s %10llu %10zu %10s %12.4f %10llu %10u%s\n", p, probes[p].planted ? "planted" : "unseen",
                static_cast<unsigned long long>(probes[p].identity), probes[p].cylinders.size(), own, r.best_other,
                static_cast<unsigned long long>(r.best_other_index), unsigned{gallery.count[r.best_other_index]},
                probes[p].planted ? (rank1 ? "  rank 1" : "  NOT rank 1") : "");
    if (probes[p].planted) {
      ++planted;
      found += rank1;
      genuine_min = std::min(genuine_min, r.own);
      impostor_planted = std::max(impostor_planted, r.best_other);
    } else {
      impostor_unseen = std::max(impostor_unseen, r.best_other);
    }
  }
  for (size_t p = 0; p < probes.size(); ++p) below += probes[p].planted && reference[p].own <= impostor_unseen;
  std::printf("planted found rank-1: %zu/%zu\n", found, planted);
  std::printf("genuine score min %.4f vs best impostor %.4f (unseen probes; %.4f over planted probes' other "
              "templates): %s\n", genuine_min, impostor_unseen, impostor_planted,
              genuine_min > std::max(impostor_unseen, impostor_planted) ? "separated" : "OVERLAP");
  std::printf("planted duplicates scoring at or below the unseen probes' best impostor: %zu/%zu\n", below, planted);
  return identical ? 0 : 1;
}

}  // namespace
}  // namespace siak::abis

int main(int argc, char** argv) { return siak::abis::Main(argc, argv); }
