// The ABIS iris matcher benchmark (make bench): throughput against ceilings measured in the
// same run, a peer (FAISS IndexBinaryFlat), the 1:N and batch goals, and accuracy on
// SYNTHETIC irises against the binomial model. Figures go to docs/benchmarks.md.
//
//   siak_abis_bench [--sizes 1000000,10000000] [--impostors 1000000000] [--quick]
#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "abis/iris_engine.h"
#include "abis/iris_score.h"
#include "abis/iris_search.h"
#include "abis/synthetic_iris.h"
#include "common/crypto.h"
#include "common/parallel.h"

#ifdef SIAK_HAVE_FAISS
#include <faiss/IndexBinaryFlat.h>
#include <omp.h>
#endif

namespace siak::abis {
namespace {

using Clk = std::chrono::steady_clock;
double Since(Clk::time_point t) { return std::chrono::duration<double>(Clk::now() - t).count(); }

// ---- ceilings -------------------------------------------------------------------------------

__attribute__((target("avx2"))) uint64_t SumAvx2(const uint64_t* p, size_t words) {
  __m256i a = _mm256_setzero_si256(), b = a, c = a, d = a;
  for (size_t i = 0; i + 16 <= words; i += 16) {
    a = _mm256_add_epi64(a, _mm256_load_si256(reinterpret_cast<const __m256i*>(p + i)));
    b = _mm256_add_epi64(b, _mm256_load_si256(reinterpret_cast<const __m256i*>(p + i + 4)));
    c = _mm256_add_epi64(c, _mm256_load_si256(reinterpret_cast<const __m256i*>(p + i + 8)));
    d = _mm256_add_epi64(d, _mm256_load_si256(reinterpret_cast<const __m256i*>(p + i + 12)));
  }
  __m256i s = _mm256_add_epi64(_mm256_add_epi64(a, b), _mm256_add_epi64(c, d));
  return static_cast<uint64_t>(_mm256_extract_epi64(s, 0) + _mm256_extract_epi64(s, 3));
}

// STREAM-like read bandwidth (bytes/s) over a buffer far larger than the caches.
double ReadBandwidth(int threads) {
  const size_t words = (size_t{1} << 30) / 8;  // 1 GiB
  uint64_t* buf = static_cast<uint64_t*>(std::aligned_alloc(64, words * 8));
  RunParallel(threads, [&](int t) {
    for (size_t i = t; i < words; i += threads) buf[i] = i;
  });
  double best = 0;
  for (int rep = 0; rep < 3; ++rep) {
    std::vector<uint64_t> sink(threads);
    const auto start = Clk::now();
    RunParallel(threads, [&](int t) {
      const size_t per = words / threads / 16 * 16;
      sink[t] = SumAvx2(buf + t * per, per);
    });
    best = std::max(best, static_cast<double>(words / threads / 16 * 16 * threads * 8) / Since(start));
    if (sink[0] == 42) std::printf(" ");
  }
  std::free(buf);
  return best;
}

// Peak popcount throughput (bytes/s) of the instructions the chosen kernel uses, over data in L1:
// load, count, accumulate, with four independent chains.
__attribute__((target("avx512f,avx512vpopcntdq"))) uint64_t PopcountAvx512(const uint64_t* p, size_t words, int reps) {
  __m512i a = _mm512_setzero_si512(), b = a, c = a, d = a;
  for (int r = 0; r < reps; ++r) {
    for (size_t i = 0; i + 32 <= words; i += 32) {
      a = _mm512_add_epi64(a, _mm512_popcnt_epi64(_mm512_load_si512(p + i)));
      b = _mm512_add_epi64(b, _mm512_popcnt_epi64(_mm512_load_si512(p + i + 8)));
      c = _mm512_add_epi64(c, _mm512_popcnt_epi64(_mm512_load_si512(p + i + 16)));
      d = _mm512_add_epi64(d, _mm512_popcnt_epi64(_mm512_load_si512(p + i + 24)));
    }
  }
  alignas(64) uint64_t lanes[8];  // (not the reduce intrinsic: GCC 12 warns on its "undefined" registers)
  _mm512_store_si512(lanes, _mm512_add_epi64(_mm512_add_epi64(a, b), _mm512_add_epi64(c, d)));
  uint64_t sum = 0;
  for (uint64_t x : lanes) sum += x;
  return sum;
}

__attribute__((target("avx2"))) uint64_t PopcountAvx2(const uint64_t* p, size_t words, int reps) {
  const __m256i table = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
                                         0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m256i low = _mm256_set1_epi8(0x0f);
  __m256i total = _mm256_setzero_si256();
  for (int r = 0; r < reps; ++r) {
    for (size_t i = 0; i + 32 <= words; i += 32) {
      __m256i acc = _mm256_setzero_si256();
      for (int k = 0; k < 8; ++k) {
        const __m256i v = _mm256_load_si256(reinterpret_cast<const __m256i*>(p + i + 4 * k));
        acc = _mm256_add_epi8(acc, _mm256_add_epi8(_mm256_shuffle_epi8(table, _mm256_and_si256(v, low)),
                                                   _mm256_shuffle_epi8(table, _mm256_and_si256(_mm256_srli_epi16(v, 4), low))));
      }
      total = _mm256_add_epi64(total, _mm256_sad_epu8(acc, _mm256_setzero_si256()));
    }
  }
  return static_cast<uint64_t>(_mm256_extract_epi64(total, 0) + _mm256_extract_epi64(total, 2));
}

uint64_t PopcountScalar(const uint64_t* p, size_t words, int reps) {
  uint64_t a = 0, b = 0, c = 0, d = 0;
  for (int r = 0; r < reps; ++r) {
    for (size_t i = 0; i + 4 <= words; i += 4) {
      a += __builtin_popcountll(p[i]);
      b += __builtin_popcountll(p[i + 1]);
      c += __builtin_popcountll(p[i + 2]);
      d += __builtin_popcountll(p[i + 3]);
    }
  }
  return a + b + c + d;
}

double PopcountPeak(IrisKernelKind kind, int threads) {
  const size_t words = 16 * 1024 / 8;  // 16 KiB: in L1
  const int reps = 40000;
  std::vector<double> rate(threads);
  RunParallel(threads, [&](int t) {
    uint64_t* buf = static_cast<uint64_t*>(std::aligned_alloc(64, words * 8));
    for (size_t i = 0; i < words; ++i) buf[i] = i * 0x9e3779b97f4a7c15ULL;
    const auto start = Clk::now();
    uint64_t s = kind == IrisKernelKind::kAvx512 ? PopcountAvx512(buf, words, reps)
                 : kind == IrisKernelKind::kAvx2 ? PopcountAvx2(buf, words, reps)
                                                 : PopcountScalar(buf, words, reps);
    rate[t] = static_cast<double>(words * 8) * reps / Since(start);
    if (s == 42) std::printf(" ");
    std::free(buf);
  });
  double sum = 0;
  for (double r : rate) sum += r;
  return sum;
}

// ---- galleries ------------------------------------------------------------------------------

IrisGallery MakeGallery(const SyntheticIrises& irises, Eye eye, size_t n, uint64_t first_id) {
  IrisGallery g(eye);
  g.Reserve(n);
  const size_t chunk = 1 << 20;
  std::vector<IrisCode> codes(std::min(n, chunk));
  for (size_t first = 0; first < n; first += chunk) {
    const size_t count = std::min(chunk, n - first);
    RunParallel(CoreCount(), [&](int t) {
      for (size_t i = t; i < count; i += CoreCount()) codes[i] = irises.Capture(first_id + first + i, eye, 0);
    });
    for (size_t i = 0; i < count; ++i) g.Put(first_id + first + i, codes[i]);
  }
  return g;
}

std::vector<PreparedIrisProbe> Probes(const SyntheticIrises& irises, Eye eye, size_t count, uint64_t first_id,
                                      uint64_t capture, int max_shift) {
  std::vector<PreparedIrisProbe> out;
  for (size_t i = 0; i < count; ++i) out.push_back(PrepareIrisProbe(irises.Capture(first_id + i, eye, capture), max_shift));
  return out;
}

// Comparisons (probe x template, all rotations) per second; at least one pass and ~1 s.
double Throughput(const IrisGallery& g, const std::vector<PreparedIrisProbe>& probes, const DecisionTable& table,
                  IrisSearchOptions options, double min_seconds = 1.0) {
  const auto start = Clk::now();
  int passes = 0;
  do {
    auto r = SearchIrisGallery(g, probes, table, options);
    ++passes;
  } while (Since(start) < min_seconds);
  return static_cast<double>(g.size()) * static_cast<double>(probes.size()) * passes / Since(start);
}

struct Args {
  std::vector<size_t> sizes{1000000, 10000000};
  double impostors = 1e9;
  bool quick = false;
};

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string s = argv[i];
    if (s == "--quick") {
      a.quick = true;
      a.sizes = {200000};
      a.impostors = 1e8;
    } else if (s == "--sizes" && i + 1 < argc) {
      a.sizes.clear();
      std::string list = argv[++i];
      size_t pos = 0;
      while (pos < list.size()) {
        size_t comma = list.find(',', pos);
        if (comma == std::string::npos) comma = list.size();
        a.sizes.push_back(std::stoull(list.substr(pos, comma - pos)));
        pos = comma + 1;
      }
    } else if (s == "--impostors" && i + 1 < argc) {
      a.impostors = std::stod(argv[++i]);
    }
  }
  return a;
}

int Main(int argc, char** argv) {
  const Args args = Parse(argc, argv);
  const IrisKernelKind kernel = BestIrisKernel();
  const int cores = CoreCount();
  std::printf("ABIS iris benchmark on SYNTHETIC irises (decision logic and speed, not real-world accuracy)\n");
  std::printf("kernel %s (self-checked against the scalar reference), %d cores\n\n",
              std::string(IrisKernelName(kernel)).c_str(), cores);

  // Ceilings, same run.
  const double bw1 = ReadBandwidth(1), bwn = ReadBandwidth(cores);
  const double pc1 = PopcountPeak(kernel, 1), pcn = PopcountPeak(kernel, cores);
  std::printf("ceilings: read bandwidth %.1f GB/s (1 core), %.1f GB/s (%d cores); popcount %.1f GB/s (1 core), "
              "%.1f GB/s (%d cores)\n", bw1 / 1e9, bwn / 1e9, cores, pc1 / 1e9, pcn / 1e9, cores);
  std::printf("a comparison reads 512 B of gallery (code + mask) once per batch and popcounts 512 B per rotation\n\n");
  auto ceiling = [&](int threads, int rotations, size_t batch) {
    const double bw = threads == 1 ? bw1 : bwn, pc = threads == 1 ? pc1 : pcn;
    return std::min(pc / (512.0 * rotations), bw / (512.0 / static_cast<double>(batch)));
  };

  SyntheticIrises irises(2026);
  std::map<std::pair<size_t, int>, double> batched_rate;  // (gallery, rotations) -> all cores, batch 32
  for (size_t n : args.sizes) {
    const auto made = Clk::now();
    IrisGallery gallery = MakeGallery(irises, Eye::kRight, n, 0);
    std::printf("gallery %zu: made in %.1f s\n", n, Since(made));
    // Each row twice: the search as it runs (its exact shortcuts on) and the full computation
    // (every usable and differing bit counted for every rotation).
    std::printf("%-10s %-9s %-6s %-8s %14s %9s %14s %9s %14s\n", "gallery", "rotations", "batch", "threads",
                "comparisons/s", "ratio", "full comp./s", "ratio", "ceiling/s");
    for (int shift : {0, 8}) {
      const int rotations = 2 * shift + 1;
      const DecisionTable table(ThresholdForProbability(1e-9, rotations));
      for (size_t batch : {size_t{1}, size_t{8}, size_t{32}}) {
        const auto probes = Probes(irises, Eye::kRight, batch, 50'000'000, 0, shift);
        for (int threads : {1, cores}) {
          if (n > 2'000'000 && threads == 1 && batch > 1) continue;  // per-core figures come from the 1 M gallery
          const double rate = Throughput(gallery, probes, table, IrisSearchOptions{kernel, true, threads},
                                         args.quick ? 0.3 : 1.0);
          const double full = Throughput(gallery, probes, table, IrisSearchOptions{kernel, false, threads},
                                         args.quick ? 0.3 : 1.0);
          const double ceil = ceiling(threads, rotations, batch);
          std::printf("%-10zu %-9d %-6zu %-8d %14.3e %9.2f %14.3e %9.2f %14.3e\n", n, rotations, batch, threads, rate,
                      rate / ceil, full, full / ceil, ceil);
          if (threads == cores && batch == 32) batched_rate[{n, rotations}] = rate;
        }
      }
    }
    // The exact shortcuts' share across thresholds, from the strict 1e-9 one of the rows above to
    // the loose per-eye candidate threshold the de-duplication service searches at (the
    // partial distance is used only up to kShortcutUsefulBelow; counting n only where d can
    // still pass, at every threshold).
    {
      const auto probes = Probes(irises, Eye::kRight, 8, 50'000'000, 0, 8);
      const double eye = ThresholdForProbability(std::sqrt(IrisPolicy{}.false_alarms_per_search / n), 17);
      for (double t : {ThresholdForProbability(1e-9, 17), 0.33, eye, 0.40}) {
        const DecisionTable table(t);
        const double with = Throughput(gallery, probes, table, IrisSearchOptions{kernel, true, cores}, 0.5);
        const double without = Throughput(gallery, probes, table, IrisSearchOptions{kernel, false, cores}, 0.5);
        std::printf("exact shortcuts at HDn %.3f (17 rotations, batch 8, %d cores): %.3e with (ratio %.2f), %.3e "
                    "without (%.2f): x%.2f\n", t, cores, with, with / ceiling(cores, 17, 8), without,
                    without / ceiling(cores, 17, 8), with / without);
      }
    }
#ifdef SIAK_HAVE_FAISS
    if (n <= 2'000'000) {
      // FAISS IndexBinaryFlat: the same 2048-bit codes, no masks, one rotation; per byte of gallery.
      faiss::IndexBinaryFlat index(kIrisBits);
      std::vector<uint8_t> codes(n * 256);
      for (size_t i = 0; i < n; ++i) std::memcpy(&codes[i * 256], gallery.codes()[i].code.data(), 256);
      index.add(static_cast<faiss::IndexBinary::idx_t>(n), codes.data());
      omp_set_num_threads(cores);
      const DecisionTable table(ThresholdForProbability(1e-9, 1));
      for (size_t batch : {size_t{1}, size_t{8}, size_t{32}}) {
        std::vector<uint8_t> q(batch * 256);
        for (size_t b = 0; b < batch; ++b) std::memcpy(&q[b * 256], gallery.codes()[b * 31].code.data(), 256);
        std::vector<int32_t> dist(batch);
        std::vector<faiss::IndexBinary::idx_t> label(batch);
        const auto start = Clk::now();
        int passes = 0;
        do {
          index.search(static_cast<faiss::IndexBinary::idx_t>(batch), q.data(), 1, dist.data(), label.data());
          ++passes;
        } while (Since(start) < 1.0);
        const double faiss_rate = static_cast<double>(n) * batch * passes / Since(start);
        const auto probes = Probes(irises, Eye::kRight, batch, 50'000'000, 0, 0);
        const double ours = Throughput(gallery, probes, table, IrisSearchOptions{kernel, true, cores});
        std::printf("peer FAISS IndexBinaryFlat, batch %2zu, %d cores: %.3e comparisons/s = %.1f GB/s of codes; "
                    "ours (1 rotation, masks) %.3e = %.1f GB/s of codes+masks: x%.2f per byte\n",
                    batch, cores, faiss_rate, faiss_rate * 256 / 1e9, ours, ours * 512 / 1e9,
                    (ours * 512) / (faiss_rate * 256));
      }
    }
#endif
    std::printf("\n");
  }

  // 1:N of one recording, both eyes, 17 rotations, against the largest gallery; then the
  // 1,000-recording batch against 1 M in the service's batches of 32.
  const size_t largest = *std::max_element(args.sizes.begin(), args.sizes.end());
  {
    const auto made = Clk::now();
    GalleryPair pair;
    pair.right = MakeGallery(irises, Eye::kRight, largest, 0);
    pair.left = MakeGallery(irises, Eye::kLeft, largest, 0);
    IrisEngine engine(IrisPolicy{}, IrisSearchOptions{kernel, true, cores});
    engine.Replace(std::move(pair));
    std::printf("both eyes of %zu persons made in %.1f s\n", largest, Since(made));
    std::vector<double> times;
    for (int rep = 0; rep < 5; ++rep) {
      IrisPair one{irises.Capture(60'000'000 + rep, Eye::kRight, 0), irises.Capture(60'000'000 + rep, Eye::kLeft, 0)};
      const auto start = Clk::now();
      auto r = engine.Search(std::span<const IrisPair>(&one, 1));
      times.push_back(Since(start));
    }
    std::sort(times.begin(), times.end());
    std::printf("1:N, one recording (both eyes, 17 rotations) against %zu persons on %d cores: median %.3f s "
                "(goal < 1 s at 10 M)\n", largest, cores, times[2]);
    IrisPair planted{irises.Capture(largest / 2, Eye::kRight, 1), irises.Capture(largest / 2, Eye::kLeft, 1)};
    auto r = engine.Search(std::span<const IrisPair>(&planted, 1));
    std::printf("  a planted duplicate (person %zu, another capture) is %s\n", largest / 2,
                !r[0].duplicates.empty() && r[0].duplicates[0].key == largest / 2 ? "found" : "MISSED");
    // A restart: the encrypted snapshot written and read back (the file stays in the page cache,
    // as on a server that just stopped; a cold disk adds its read time).
    const char* dir = std::getenv("SIAK_BENCH_SNAPSHOT_DIR");
    const std::string path = std::string(dir && *dir ? dir : "/tmp") + "/siak-abis-bench.snap";
    const SecretKey key = NewSecretKey();
    auto saving = Clk::now();
    if (Status st = engine.Save(path, key); st.ok()) {
      const double saved = Since(saving);
      engine.Replace(GalleryPair{});  // free the memory the loaded copy needs
      auto loading = Clk::now();
      auto loaded = LoadGallerySnapshot(path, key);
      const double load = Since(loading);
      std::printf("snapshot of %zu persons (both eyes, %.1f GB): written in %.1f s, loaded (decrypted, indexed) in "
                  "%.1f s%s\n", largest, 2.0 * largest * 520 / 1e9, saved, load, loaded.ok() ? "" : " - FAILED");
      std::remove(path.c_str());
    } else {
      std::printf("snapshot: %s\n", st.ToString().c_str());
    }
  }
  {
    const size_t n = std::min<size_t>(largest, 1'000'000);
    GalleryPair pair;
    pair.right = MakeGallery(irises, Eye::kRight, n, 0);
    pair.left = MakeGallery(irises, Eye::kLeft, n, 0);
    IrisEngine engine(IrisPolicy{}, IrisSearchOptions{kernel, true, cores});
    engine.Replace(std::move(pair));
    const size_t recordings = args.quick ? 200 : 1000;
    std::vector<IrisPair> batch;
    for (size_t i = 0; i < recordings; ++i) {
      const bool duplicate = i % 100 == 0;  // 1% planted duplicates
      const uint64_t id = duplicate ? i * 97 % n : 70'000'000 + i;
      batch.push_back(IrisPair{irises.Capture(id, Eye::kRight, duplicate ? 1 : 0),
                               irises.Capture(id, Eye::kLeft, duplicate ? 1 : 0)});
    }
    const auto start = Clk::now();
    size_t found = 0, flagged = 0;
    for (size_t i = 0; i < recordings; i += 32) {
      const size_t end = std::min(recordings, i + 32);
      auto r = engine.Search(std::span<const IrisPair>(batch.data() + i, end - i));
      for (size_t k = 0; k < r.size(); ++k) {
        const size_t idx = i + k;
        if (idx % 100 == 0) found += !r[k].duplicates.empty() && r[k].duplicates[0].key == idx * 97 % n;
        else flagged += !r[k].duplicates.empty();
      }
    }
    const double took = Since(start);
    const double rate = 2.0 * static_cast<double>(n) * recordings / took;
    auto it = batched_rate.find({n, 17});
    std::printf("%zu recordings (both eyes) against %zu persons in batches of 32: %.1f s, %.1f recordings/s, "
                "%.3e comparisons/s", recordings, n, took, recordings / took, rate);
    if (it != batched_rate.end()) std::printf(" = %.2f of the batch-32 rate", rate / it->second);
    std::printf("\n  planted duplicates found %zu of %zu; false alarms %zu of %zu\n\n", found, recordings / 100, flagged,
                recordings - recordings / 100);
  }

  // Accuracy against the model: impostor scores below thresholds over >= impostors comparisons.
  {
    const size_t n = std::min<size_t>(largest, 1'000'000);
    const size_t probes_count = static_cast<size_t>(std::ceil(args.impostors / static_cast<double>(n)));
    IrisGallery gallery = MakeGallery(irises, Eye::kRight, n, 0);
    const DecisionTable loose(0.36);
    std::map<int, size_t> below;  // threshold (x1000) -> count
    const int thresholds[] = {300, 310, 320, 330, 340, 350, 360};
    const auto start = Clk::now();
    for (size_t first = 0; first < probes_count; first += 64) {
      const size_t count = std::min<size_t>(64, probes_count - first);
      auto probes = Probes(irises, Eye::kRight, count, 80'000'000 + first, 0, 8);
      auto r = SearchIrisGallery(gallery, probes, loose, IrisSearchOptions{kernel, true, cores});
      for (const auto& list : r) {
        for (const auto& m : list) {
          for (int t : thresholds) below[t] += m.score <= t / 1000.0;
        }
      }
    }
    const double comparisons = static_cast<double>(n) * static_cast<double>(probes_count);
    std::printf("accuracy (SYNTHETIC): %.3e impostor comparisons (17 rotations) in %.0f s\n", comparisons, Since(start));
    std::printf("%-10s %14s %14s %10s\n", "HDn <=", "observed", "model", "obs/model");
    for (int t : thresholds) {
      const double expected = comparisons * FalseMatchProbability(t / 1000.0, 17);
      std::printf("%-10.3f %14zu %14.1f %10.2f\n", t / 1000.0, below[t], expected,
                  expected > 0 ? static_cast<double>(below[t]) / expected : 0.0);
    }
    // Genuine: another capture of enrolled persons, at the 1 M operating threshold of one eye.
    const double threshold = ThresholdForProbability(1e-3 / static_cast<double>(n), 17);
    size_t missed = 0, total = args.quick ? 1000 : 10000;
    double sum = 0;
    for (size_t i = 0; i < total; ++i) {
      auto probe = PrepareIrisProbe(irises.Capture(i * 13 % n, Eye::kRight, 1), 8);
      auto m = CompareIris(probe, *gallery.Find(i * 13 % n), kernel);
      sum += m ? m->score : 1.0;
      missed += !m || m->score > threshold;
    }
    std::printf("genuine (one eye): mean HDn %.3f; false non-match %.3f%% at HDn %.3f (one eye's threshold for "
                "1e-3 false alarms per search at 1 M)\n\n", sum / total, 100.0 * missed / total, threshold);
  }
  return 0;
}

}  // namespace
}  // namespace siak::abis

int main(int argc, char** argv) { return siak::abis::Main(argc, argv); }
