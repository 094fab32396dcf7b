#include "abis/finger_eval.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "abis/finger_match.h"

namespace siak::abis {
namespace {

namespace fs = std::filesystem;

struct Rates {
  double fmr, fnmr;
};

// The rates at threshold t, from sorted score lists.
Rates At(const std::vector<float>& genuine, const std::vector<float>& impostor, float t) {
  const auto g_below = std::lower_bound(genuine.begin(), genuine.end(), t) - genuine.begin();
  const auto i_at_or_above = impostor.end() - std::lower_bound(impostor.begin(), impostor.end(), t);
  return {impostor.empty() ? 0.0 : static_cast<double>(i_at_or_above) / impostor.size(),
          genuine.empty() ? 0.0 : static_cast<double>(g_below) / genuine.size()};
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("file", path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Sample {
  int finger = 0, impression = 0;
  FingerFeatures features;
  size_t minutiae = 0;
};

// "<finger>_<impression>.iso" -> numbers; false for other names.
bool ParseName(const std::string& name, int* finger, int* impression) {
  if (name.size() < 7 || name.substr(name.size() - 4) != ".iso") return false;
  const std::string stem = name.substr(0, name.size() - 4);
  const size_t us = stem.find('_');
  if (us == std::string::npos || us == 0 || us + 1 == stem.size()) return false;
  for (size_t i = 0; i < stem.size(); ++i) {
    if (i != us && (stem[i] < '0' || stem[i] > '9')) return false;
  }
  if (us > 6 || stem.size() - us - 1 > 6) return false;
  *finger = std::stoi(stem.substr(0, us));
  *impression = std::stoi(stem.substr(us + 1));
  return true;
}

}  // namespace

ErrorRates ComputeErrorRates(std::vector<float> genuine, std::vector<float> impostor) {
  std::sort(genuine.begin(), genuine.end());
  std::sort(impostor.begin(), impostor.end());
  ErrorRates r;
  r.genuine = genuine.size();
  r.impostor = impostor.size();
  std::vector<float> thresholds(genuine);
  thresholds.insert(thresholds.end(), impostor.begin(), impostor.end());
  std::sort(thresholds.begin(), thresholds.end());
  thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
  // Above every score: nothing is accepted.
  thresholds.push_back(thresholds.empty() ? 1.0f : std::nextafter(thresholds.back(), 2.0f * thresholds.back() + 1));
  r.fmr100 = r.fmr1000 = r.zero_fmr = 1;
  // t1: the largest threshold with FNMR <= FMR; t2: the smallest with FNMR >= FMR.
  bool have1 = false, have2 = false;
  Rates r1{}, r2{};
  for (float t : thresholds) {
    const Rates x = At(genuine, impostor, t);
    if (x.fnmr <= x.fmr) have1 = true, r1 = x;
    if (!have2 && x.fnmr >= x.fmr) have2 = true, r2 = x;
    if (x.fmr <= 0.01) r.fmr100 = std::min(r.fmr100, x.fnmr);
    if (x.fmr <= 0.001) r.fmr1000 = std::min(r.fmr1000, x.fnmr);
    if (x.fmr == 0) r.zero_fmr = std::min(r.zero_fmr, x.fnmr);
  }
  if (have1 && have2) {
    if (r1.fnmr + r1.fmr <= r2.fnmr + r2.fmr) {
      r.eer_low = r1.fnmr, r.eer_high = r1.fmr;
    } else {
      r.eer_low = r2.fmr, r.eer_high = r2.fnmr;
    }
  } else if (have2) {
    r.eer_low = r.eer_high = (r2.fmr + r2.fnmr) / 2;
  }
  r.eer = (r.eer_low + r.eer_high) / 2;
  return r;
}

Result<FvcEvaluation> EvaluateFvcFolder(const std::string& folder, FingerKernelKind kernel) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return Status::Invalid("folder", folder, "must be a directory");
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  FvcEvaluation out;
  out.kernel = std::string(FingerKernelName(kernel));
  FingerMatcher matcher(kernel);
  for (const fs::path& dir : dirs) {
    std::vector<Sample> samples;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      Sample s;
      if (!e.is_regular_file() || !ParseName(e.path().filename().string(), &s.finger, &s.impression)) continue;
      auto bytes = ReadFile(e.path());
      if (!bytes.ok()) return bytes.status();
      auto record = DecodeFingerRecord(*bytes, e.path().string());
      if (!record.ok()) return record.status();
      s.minutiae = record->views.empty() ? 0 : record->views[0].minutiae.size();
      s.features = ExtractFingerFeatures(*record);
      samples.push_back(std::move(s));
    }
    if (samples.empty()) continue;
    std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) {
      return a.finger < b.finger || (a.finger == b.finger && a.impression < b.impression);
    });
    FvcDatabaseResult db;
    db.name = dir.filename().string();
    db.templates = samples.size();
    double minutiae = 0;
    std::map<int, size_t> first;  // finger -> index of its first impression
    for (size_t i = 0; i < samples.size(); ++i) {
      minutiae += static_cast<double>(samples[i].minutiae);
      first.emplace(samples[i].finger, i);
    }
    db.fingers = first.size();
    db.mean_minutiae = minutiae / static_cast<double>(samples.size());
    std::vector<float> genuine, impostor, extended;
    const auto start = std::chrono::steady_clock::now();
    size_t comparisons = 0;
    for (size_t i = 0; i < samples.size(); ++i) {
      for (size_t j = i + 1; j < samples.size(); ++j) {
        const float s = matcher.Score(samples[i].features, samples[j].features);
        ++comparisons;
        if (samples[i].finger == samples[j].finger) {
          genuine.push_back(s);
        } else {
          extended.push_back(s);
          if (first[samples[i].finger] == i && first[samples[j].finger] == j) impostor.push_back(s);
        }
      }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    db.comparisons_per_second = seconds > 0 ? static_cast<double>(comparisons) / seconds : 0;
    db.fvc = ComputeErrorRates(genuine, impostor);
    db.extended = ComputeErrorRates(genuine, extended);
    out.databases.push_back(std::move(db));
  }
  if (out.databases.empty()) {
    return Status::Invalid("folder", folder, "must hold subfolders of <finger>_<impression>.iso templates");
  }
  for (const auto& db : out.databases) out.mean_eer += db.fvc.eer;
  out.mean_eer /= static_cast<double>(out.databases.size());
  return out;
}

std::string FormatFvcEvaluation(const FvcEvaluation& e) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-8s %5s %5s %6s | %6s %7s %7s %7s | %7s %7s %7s | %9s\n", "database",
                "fing.", "tmpl", "minut.", "EER", "FMR100", "FMR1000", "ZeroFMR", "ext.EER", "FMR100", "FMR1000",
                "cmp/s");
  out += line;
  for (const auto& d : e.databases) {
    std::snprintf(line, sizeof line,
                  "%-8s %5zu %5zu %6.1f | %5.2f%% %6.2f%% %6.2f%% %6.2f%% | %6.2f%% %6.2f%% %6.2f%% | %9.0f\n",
                  d.name.c_str(), d.fingers, d.templates, d.mean_minutiae, 100 * d.fvc.eer, 100 * d.fvc.fmr100,
                  100 * d.fvc.fmr1000, 100 * d.fvc.zero_fmr, 100 * d.extended.eer, 100 * d.extended.fmr100,
                  100 * d.extended.fmr1000, d.comparisons_per_second);
    out += line;
  }
  std::snprintf(line, sizeof line, "mean EER (FVC protocol): %.2f%%   kernel: %s\n", 100 * e.mean_eer,
                e.kernel.c_str());
  out += line;
  if (!e.databases.empty()) {
    std::snprintf(line, sizeof line,
                  "pairs per database: %zu genuine, %zu FVC impostor, %zu extended impostor\n",
                  e.databases[0].fvc.genuine, e.databases[0].fvc.impostor, e.databases[0].extended.impostor);
    out += line;
  }
  return out;
}

}  // namespace siak::abis
