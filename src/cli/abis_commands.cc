#include "cli/abis_commands.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "abis/finger_eval.h"
#include "abis/iris_engine.h"
#include "abis/synthetic_finger.h"
#include "abis/synthetic_iris.h"
#include "app/clock.h"
#include "app/dedup_service.h"
#include "common/crypto.h"
#include "common/progress.h"
#include "domain/region_code.h"
#include "store/abis_store.h"

namespace siak::cli {
namespace {

using Clk = std::chrono::steady_clock;

double Seconds(Clk::time_point since) { return std::chrono::duration<double>(Clk::now() - since).count(); }

// --threads N (0 or absent: one per core).
Result<int> Threads(const Args& args) {
  SIAK_ASSIGN_OR_RETURN(int64_t n, ParseCount(Option(args, "threads", nullptr, "0"), "threads"));
  if (n < 0 || n > 256) return Status::Invalid("threads", std::to_string(n), "must be 0..256 (0: one per core)");
  return n > 0 ? static_cast<int>(n) : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

Result<abis::IrisKernelKind> Kernel(const Args& args) {
  if (!args.options.contains("kernel")) return abis::BestIrisKernel();
  SIAK_ASSIGN_OR_RETURN(abis::IrisKernelKind k, abis::ParseIrisKernelName(args.options.at("kernel")));
  SIAK_RETURN_IF_ERROR(abis::SelfCheckIrisKernel(k));
  return k;
}

Result<abis::IrisTemplate> ReadTemplate(const std::string& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(field, path);
  std::stringstream buf;
  buf << in.rdbuf();
  return abis::ParseIris(buf.str(), field);
}

Result<std::vector<abis::IrisTemplate>> ReadProbe(const Args& args) {
  std::vector<abis::IrisTemplate> out;
  for (const char* eye : {"right", "left"}) {
    if (!args.options.contains(eye)) continue;
    SIAK_ASSIGN_OR_RETURN(abis::IrisTemplate t, ReadTemplate(args.options.at(eye), std::string("--") + eye));
    if (abis::EyeName(t.eye) != eye) {
      return Status::Invalid(std::string("--") + eye, args.options.at(eye), "holds a template of the other eye");
    }
    out.push_back(t);
  }
  if (out.empty()) return Status::Invalid("--right", "", "give --right FILE and/or --left FILE (520-byte templates)");
  return out;
}

// The service over the store with its galleries open (snapshot or rebuild).
struct Opened {
  std::unique_ptr<Store> store;
  std::unique_ptr<abis::IrisEngine> engine;
  std::unique_ptr<SystemClock> clock;
  std::unique_ptr<DedupService> dedup;
  std::string how;
  double seconds = 0;
};

Result<Opened> Open(const Args& args, bool load_gallery) {
  Opened o;
  SIAK_ASSIGN_OR_RETURN(o.store, OpenMigrated(args));
  SIAK_ASSIGN_OR_RETURN(SecretKey key,
                        ReadSecretKeyFile(Option(args, "key-file", "SIAK_ABIS_KEY_FILE", "var/abis.key")));
  SIAK_ASSIGN_OR_RETURN(abis::IrisKernelKind kernel, Kernel(args));
  SIAK_ASSIGN_OR_RETURN(int threads, Threads(args));
  o.engine = std::make_unique<abis::IrisEngine>(abis::IrisPolicy{}, abis::IrisSearchOptions{kernel, true, threads});
  o.clock = std::make_unique<SystemClock>();
  o.dedup = std::make_unique<DedupService>(*o.engine, key, *o.clock);
  if (load_gallery) {
    const auto start = Clk::now();
    SIAK_RETURN_IF_ERROR(
        o.dedup->OpenGallery(*o.store, Option(args, "gallery", "SIAK_ABIS_GALLERY", "var/abis-gallery.snap"), &o.how));
    o.seconds = Seconds(start);
  }
  return o;
}

Principal Host() { return Principal{"siak-cli", Role::kAdmin, ""}; }

void PrintCandidate(const abis::IrisCandidate& c) {
  auto eye = [](const std::optional<abis::IrisMatch>& m) {
    if (!m) return std::string("-");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f (%d bits, shift %+d)", m->score, m->n, m->shift);
    return std::string(buf);
  };
  std::printf("  %s  right %s  left %s  false-match probability %.3e\n", NikFromKey(c.key).c_str(),
              eye(c.right).c_str(), eye(c.left).c_str(), c.false_match_probability);
}

int Stats(const Args& args) {
  auto o = Open(args, true);
  if (!o.ok()) return Fail(o.status());
  auto s = o->dedup->Stats(*o->store);
  if (!s.ok()) return Fail(s.status());
  std::printf("galleries: %s right, %s left irises; %s persons enrolled in the store\n",
              Progress::Count(static_cast<int64_t>(s->right)).c_str(),
              Progress::Count(static_cast<int64_t>(s->left)).c_str(), Progress::Count(s->enrolled).c_str());
  std::printf("fingers: %s of %s persons (kernel %s)\n", Progress::Count(static_cast<int64_t>(s->fingers)).c_str(),
              Progress::Count(static_cast<int64_t>(s->finger_persons)).c_str(), s->finger_kernel.c_str());
  std::printf("loaded: %s in %.2f s; gallery log at %lld of %lld\n", o->how.c_str(), o->seconds,
              static_cast<long long>(s->log_position), static_cast<long long>(s->log_last));
  std::printf("jobs: %lld queued, %lld UNIQUE, %lld DUPLICATE, %lld FAILURE; %lld open adjudication cases\n",
              static_cast<long long>(s->jobs["queued"]), static_cast<long long>(s->jobs["UNIQUE"]),
              static_cast<long long>(s->jobs["DUPLICATE"]), static_cast<long long>(s->jobs["FAILURE"]),
              static_cast<long long>(s->open_cases));
  std::printf("kernel %s, %d threads, %d rotations; duplicate when the fused false-match probability <= %.3e "
              "(%.0e false alarms per search / %zu persons); per-eye search threshold HDn %.4f\n",
              std::string(abis::IrisKernelName(o->engine->options().kernel)).c_str(), o->engine->options().threads,
              o->engine->rotations(), s->limits.per_comparison, o->engine->policy().false_alarms_per_search,
              s->limits.gallery_persons, s->limits.eye_threshold);
  return 0;
}

int Rebuild(const Args& args) {
  auto o = Open(args, false);
  if (!o.ok()) return Fail(o.status());
  const auto start = Clk::now();
  if (Status st = o->dedup->RebuildGallery(*o->store); !st.ok()) return Fail(st);
  const double rebuilt = Seconds(start);
  const std::string path = Option(args, "gallery", "SIAK_ABIS_GALLERY", "var/abis-gallery.snap");
  const auto saving = Clk::now();
  if (Status st = o->dedup->SaveGallery(path); !st.ok()) return Fail(st);
  std::printf("rebuilt %s persons from the store in %.2f s; snapshot %s written in %.2f s\n",
              Progress::Count(static_cast<int64_t>(o->engine->persons())).c_str(), rebuilt, path.c_str(),
              Seconds(saving));
  return 0;
}

int Search(const Args& args) {
  auto probe = ReadProbe(args);
  if (!probe.ok()) return Fail(probe.status());
  auto pair = DedupService::ToPair(*probe);
  if (!pair.ok()) return Fail(pair.status());
  auto o = Open(args, true);
  if (!o.ok()) return Fail(o.status());
  const auto start = Clk::now();
  const auto results = o->engine->Search(std::span<const abis::IrisPair>(&*pair, 1));
  const double took = Seconds(start);
  const auto limits = o->engine->Limits();
  std::printf("searched %zu persons in %.3f s (%zu scored on both eyes)\n", limits.gallery_persons, took,
              results[0].candidates_scored);
  if (results[0].duplicates.empty()) {
    std::printf("UNIQUE: no enrolled person's fused false-match probability is <= %.3e\n", limits.per_comparison);
    return 0;
  }
  std::printf("DUPLICATE: %zu candidate(s)\n", results[0].duplicates.size());
  for (const auto& c : results[0].duplicates) PrintCandidate(c);
  return 0;
}

int Verify(const Args& args) {
  if (!args.options.contains("nik")) return Usage("abis verify needs --nik NIK and --right/--left FILE");
  auto probe = ReadProbe(args);
  if (!probe.ok()) return Fail(probe.status());
  auto o = Open(args, true);
  if (!o.ok()) return Fail(o.status());
  auto nik = Nik::ParseStructure(args.options.at("nik"));
  if (!nik.ok()) return Fail(nik.status());
  auto v = o->dedup->Verify(*o->store, Host(), *nik, *probe);
  if (!v.ok()) return Fail(v.status());
  abis::IrisCandidate c{NikKey(nik->digits()), v->right, v->left, v->false_match_probability};
  std::printf("%s\n", v->match ? "MATCH" : "NO MATCH");
  PrintCandidate(c);
  return 0;
}

// A synthetic template file (never a real eye): for trying search, verify and the API by hand.
int Synth(const Args& args) {
  if (!args.options.contains("identity") || !args.options.contains("out")) {
    return Usage("abis synth needs --identity N --out FILE [--eye right|left] [--capture C] [--seed S]");
  }
  auto identity = ParseCount(args.options.at("identity"), "identity");
  auto capture = ParseCount(Option(args, "capture", nullptr, "0"), "capture");
  auto seed = ParseCount(Option(args, "seed", nullptr, "1"), "seed");
  auto eye = abis::ParseEye(Option(args, "eye", nullptr, "right"));
  for (const Status& st : {identity.status(), capture.status(), seed.status(), eye.status()}) {
    if (!st.ok()) return Fail(st);
  }
  abis::SyntheticIrises irises(static_cast<uint64_t>(*seed));
  abis::IrisTemplate t{*eye, 90, irises.Capture(static_cast<uint64_t>(*identity), *eye, static_cast<uint64_t>(*capture))};
  std::ofstream out(args.options.at("out"), std::ios::binary);
  const std::string bytes = abis::SerializeIris(t);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return Fail(Status::Unavailable("cannot write " + args.options.at("out")));
  std::printf("wrote a SYNTHETIC %s iris (identity %lld, capture %lld, seed %lld) to %s\n",
              std::string(abis::EyeName(*eye)).c_str(), static_cast<long long>(*identity),
              static_cast<long long>(*capture), static_cast<long long>(*seed), args.options.at("out").c_str());
  return 0;
}

// In-memory throughput on synthetic irises (the full benchmark with ceilings is `make bench`).
int Bench(const Args& args) {
  auto n = ParseCount(Option(args, "gallery", nullptr, "200000"), "gallery");
  auto batch = ParseCount(Option(args, "batch", nullptr, "8"), "batch");
  auto shift = ParseCount(Option(args, "max-shift", nullptr, "8"), "max-shift");
  for (const Status& st : {n.status(), batch.status(), shift.status()}) {
    if (!st.ok()) return Fail(st);
  }
  if (*n < 1 || *n > 100'000'000) return Fail(Status::Invalid("gallery", std::to_string(*n), "must be 1..100000000"));
  if (*batch < 1 || *batch > 1024) return Fail(Status::Invalid("batch", std::to_string(*batch), "must be 1..1024"));
  if (*shift < 0 || *shift > 32) return Fail(Status::Invalid("max-shift", std::to_string(*shift), "must be 0..32"));
  auto kernel = Kernel(args);
  if (!kernel.ok()) return Fail(kernel.status());
  auto threads_option = Threads(args);
  if (!threads_option.ok()) return Fail(threads_option.status());
  const int threads = *threads_option;
  abis::SyntheticIrises irises(1);
  abis::IrisGallery gallery(abis::Eye::kRight);
  gallery.Reserve(static_cast<size_t>(*n));
  std::vector<abis::IrisCode> codes(static_cast<size_t>(*n));
  const auto made = Clk::now();
  {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (int64_t i = t; i < *n; i += threads) codes[i] = irises.Capture(static_cast<uint64_t>(i), abis::Eye::kRight, 0);
      });
    }
    for (auto& th : pool) th.join();
  }
  for (int64_t i = 0; i < *n; ++i) gallery.Put(static_cast<uint64_t>(i), codes[i]);
  codes.clear();
  codes.shrink_to_fit();
  std::printf("SYNTHETIC gallery of %s irises made in %.1f s; kernel %s, %d threads, %lld rotations\n",
              Progress::Count(*n).c_str(), Seconds(made), std::string(abis::IrisKernelName(*kernel)).c_str(), threads,
              static_cast<long long>(2 * *shift + 1));
  std::vector<abis::PreparedIrisProbe> probes;
  for (int64_t b = 0; b < *batch; ++b) {
    probes.push_back(abis::PrepareIrisProbe(irises.Capture(static_cast<uint64_t>(b * 7919 % *n), abis::Eye::kRight, 1),
                                            static_cast<int>(*shift)));
  }
  const abis::DecisionTable table(abis::ThresholdForProbability(1e-9, static_cast<int>(2 * *shift + 1)));
  for (bool shortcut : {false, true}) {
    const auto start = Clk::now();
    int rounds = 0;
    size_t hits = 0;
    do {
      auto found = abis::SearchIrisGallery(gallery, probes, table, abis::IrisSearchOptions{*kernel, shortcut, threads});
      for (const auto& f : found) hits += f.size();
      ++rounds;
    } while (Seconds(start) < 2.0);
    const double s = Seconds(start);
    const double per_second = static_cast<double>(*n) * static_cast<double>(*batch) * rounds / s;
    std::printf("  shortcut %-3s: %.1f M comparisons/s (%.1f M rotations/s), %.3f s per batch of %lld; "
                "%zu planted matches found per batch\n",
                shortcut ? "on" : "off", per_second / 1e6, per_second * static_cast<double>(2 * *shift + 1) / 1e6,
                s / rounds, static_cast<long long>(*batch), hits / rounds);
  }
  return 0;
}

// siak abis seed-demo --region R: SYNTHETIC biometrics for the demo population. Recorded
// persons (PRINT_READY_RECORD or later) of the region get ten fingers and two irises as imported
// enrolments (their history); then planted duplicates are queued as new recordings of persons
// not yet recorded: someone enrolled's fingers under new eyes, their eyes under new fingers,
// both, and as many genuinely new persons, so that the worker of `siak serve` has real work.
int SeedDemo(const Args& args) {
  if (!args.options.contains("region")) {
    return Usage("abis seed-demo --region R [--persons N (2000)] [--duplicates D (12)]");
  }
  auto persons_n = ParseCount(Option(args, "persons", nullptr, "2000"), "persons");
  if (!persons_n.ok()) return Fail(persons_n.status());
  auto dup_n = ParseCount(Option(args, "duplicates", nullptr, "12"), "duplicates");
  if (!dup_n.ok()) return Fail(dup_n.status());
  auto region = RegionCode::Parse(args.options.at("region"), "region");
  if (!region.ok()) return Fail(region.status());
  const std::string key_file = Option(args, "key-file", "SIAK_ABIS_KEY_FILE", "var/abis.key");
  if (!ReadSecretKeyFile(key_file).ok()) {
    auto made = CreateSecretKeyFile(key_file);
    if (!made.ok()) return Fail(made.status());
    std::cout << "made a new template key at " << key_file << "\n";
  }
  auto o = Open(args, false);
  if (!o.ok()) return Fail(o.status());
  Store& store = *o->store;
  AbisStore abis(store);
  auto enrolled_now = abis.CountEnrolled();
  if (!enrolled_now.ok()) return Fail(enrolled_now.status());
  if (*enrolled_now > 0) {
    std::cout << "the ABIS galleries hold " << *enrolled_now << " persons already: no demo biometrics added\n";
    return 0;
  }
  // Recorded and not-yet-recorded residents of the region, in NIK order.
  std::vector<Nik> recorded, unrecorded;
  PersonFilter filter;
  filter.region_prefix = std::string(region->digits());
  filter.limit = 1000;
  const size_t want_new = static_cast<size_t>(2 * *dup_n);
  while (recorded.size() < static_cast<size_t>(*persons_n) || unrecorded.size() < want_new) {
    auto page = store.FindPersons(filter);
    if (!page.ok()) return Fail(page.status());
    if (page->empty()) break;
    for (const auto& p : *page) {
      if (p.person.status_dasar != StatusDasar::kHidup) continue;
      const EktpStatus e = p.person.ektp_status;
      if (e >= EktpStatus::kPrintReadyRecord && e != EktpStatus::kMerged &&
          recorded.size() < static_cast<size_t>(*persons_n)) {
        recorded.push_back(p.person.nik);
      } else if (e == EktpStatus::kBelumRekam && unrecorded.size() < want_new) {
        unrecorded.push_back(p.person.nik);
      }
    }
    filter.after_nik = std::string(page->back().person.nik.digits());
  }
  const abis::SyntheticFingers fingers(20261128);
  const abis::SyntheticIrises irises(20261128);
  auto fingers_of = [&](uint64_t identity, uint64_t capture) {
    std::vector<DedupFinger> out;
    for (int pos = 1; pos <= 10; ++pos) {
      auto bytes = abis::EncodeFingerRecord(fingers.CaptureRecord(identity, pos, capture));
      if (bytes.ok()) out.push_back(DedupFinger{pos, *bytes});
    }
    return out;
  };
  auto irises_of = [&](uint64_t identity, uint64_t capture) {
    std::vector<abis::IrisTemplate> out;
    for (abis::Eye eye : {abis::Eye::kRight, abis::Eye::kLeft}) {
      out.push_back(abis::IrisTemplate{eye, 90, irises.Capture(identity, eye, capture)});
    }
    return out;
  };
  const auto start = Clk::now();
  size_t imported = 0;
  for (size_t i = 0; i < recorded.size(); i += 500) {
    std::vector<DedupSubmission> batch;
    for (size_t k = i; k < std::min(recorded.size(), i + 500); ++k) {
      const uint64_t id = NikKey(recorded[k].digits());
      batch.push_back(DedupSubmission{"demo-enrolled-" + std::string(recorded[k].digits()), recorded[k],
                                      irises_of(id, 0), "", fingers_of(id, 0)});
    }
    auto n = o->dedup->ImportEnrolled(store, Host(), batch);
    if (!n.ok()) return Fail(n.status());
    imported += static_cast<size_t>(*n);
  }
  std::printf("%zu recorded persons enrolled with SYNTHETIC fingers and irises in %.1f s\n", imported, Seconds(start));
  // Planted duplicates and new persons, queued for the worker.
  size_t planted = 0, fresh = 0;
  for (size_t d = 0; d < unrecorded.size(); ++d) {
    const uint64_t own = NikKey(unrecorded[d].digits());
    DedupSubmission s{"demo-recording-" + std::string(unrecorded[d].digits()), unrecorded[d], irises_of(own, 1), "",
                      fingers_of(own, 1)};
    std::string what = "new person";
    if (d % 2 == 0 && !recorded.empty()) {
      const uint64_t victim = NikKey(recorded[(d * 37) % recorded.size()].digits());
      const std::string of = NikFromKey(victim);
      if (d % 6 == 0) {
        s.fingers = fingers_of(victim, 2);
        what = "fingers of " + of;
      } else if (d % 6 == 2) {
        s.irises = irises_of(victim, 2);
        what = "irises of " + of;
      } else {
        s.fingers = fingers_of(victim, 2);
        s.irises = irises_of(victim, 2);
        what = "fingers and irises of " + of;
      }
      ++planted;
    } else {
      ++fresh;
    }
    bool created = false;
    auto job = o->dedup->Submit(store, Host(), s, &created);
    if (!job.ok()) return Fail(job.status());
    std::printf("queued job %lld for %s: %s\n", static_cast<long long>(job->id), unrecorded[d].ToString().c_str(),
                what.c_str());
  }
  std::printf("%zu planted duplicates and %zu new persons queued for de-duplication (siak serve processes them)\n",
              planted, fresh);
  return 0;
}

// siak abis evaluate <folder>: the FVC protocol on a folder of minutiae templates.
int Evaluate(const Args& args) {
  if (args.positional.size() < 3) return Usage("abis evaluate needs a folder: siak abis evaluate <folder> [--kernel K]");
  abis::FingerKernelKind kernel = abis::BestFingerKernel();
  if (args.options.contains("kernel")) {
    auto k = abis::ParseFingerKernelName(args.options.at("kernel"));
    if (!k.ok()) return Fail(k.status());
    if (Status s = abis::SelfCheckFingerKernel(*k); !s.ok()) return Fail(s);
    kernel = *k;
  }
  auto evaluation = abis::EvaluateFvcFolder(args.positional[2], kernel);
  if (!evaluation.ok()) return Fail(evaluation.status());
  std::fputs(abis::FormatFvcEvaluation(*evaluation).c_str(), stdout);
  return 0;
}

}  // namespace

int CmdAbis(const Args& args) {
  const auto& p = args.positional;
  if (p.size() < 2) return Usage("abis needs a command: stats, rebuild, search, verify, bench, synth, evaluate or seed-demo");
  if (p[1] == "stats") return Stats(args);
  if (p[1] == "rebuild") return Rebuild(args);
  if (p[1] == "search") return Search(args);
  if (p[1] == "verify") return Verify(args);
  if (p[1] == "bench") return Bench(args);
  if (p[1] == "synth") return Synth(args);
  if (p[1] == "evaluate") return Evaluate(args);
  if (p[1] == "seed-demo") return SeedDemo(args);
  return Usage("unknown command 'abis " + p[1] + "'");
}

}  // namespace siak::cli
