#include "domain/outreach_priority.h"

#include <algorithm>
#include <cstdio>

namespace siak {

std::string_view PriorityFlagName(PriorityFlag flag) {
  switch (flag) {
    case PriorityFlag::kPulauTerluar: return "pulau_terluar";
    case PriorityFlag::kPerbatasan: return "perbatasan";
    case PriorityFlag::kTertinggal: return "tertinggal";
  }
  return "?";
}

std::string_view PriorityFlagLabel(PriorityFlag flag) {
  switch (flag) {
    case PriorityFlag::kPulauTerluar: return "Pulau kecil terluar";
    case PriorityFlag::kPerbatasan: return "Kecamatan perbatasan (lokasi prioritas)";
    case PriorityFlag::kTertinggal: return "Daerah tertinggal";
  }
  return "?";
}

Result<PriorityFlag> PriorityFlagFromName(std::string_view name, std::string_view field) {
  for (PriorityFlag f : kPriorityFlags) {
    if (PriorityFlagName(f) == name) return f;
  }
  return Status::Invalid(std::string(field), name, "must be pulau_terluar, perbatasan or tertinggal");
}

namespace {

std::string Percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", x * 100.0);
  std::string s = buf;
  std::replace(s.begin(), s.end(), '.', ',');  // Indonesian decimal comma
  return s;
}

std::string Level(const std::string& code) {
  switch (code.size()) {
    case 4: return "kabupaten/kota";
    case 6: return "kecamatan";
    default: return "desa/kelurahan";
  }
}

double FlagWeight(PriorityFlag flag, const PriorityWeights& w) {
  switch (flag) {
    case PriorityFlag::kPulauTerluar: return w.pulau_terluar;
    case PriorityFlag::kPerbatasan: return w.perbatasan;
    case PriorityFlag::kTertinggal: return w.tertinggal;
  }
  return 0;
}

}  // namespace

VillagePriority RankVillage(const VillageFacts& f, const PriorityWeights& w) {
  VillagePriority p;
  p.code = f.code;
  p.unrecorded = f.unrecorded;
  p.rate = f.wajib_ktp > 0 ? static_cast<double>(f.recorded) / static_cast<double>(f.wajib_ktp) : 1.0;
  for (PriorityFlag kind : kPriorityFlags) {
    // Each kind counts once; the most specific region that carries it explains it.
    const AppliedFlag* best = nullptr;
    for (const auto& a : f.flags) {
      if (a.flag == kind && (best == nullptr || a.region_code.size() > best->region_code.size())) best = &a;
    }
    if (best == nullptr) continue;
    const int tier = kind == PriorityFlag::kPulauTerluar ? 3 : kind == PriorityFlag::kPerbatasan ? 2 : 1;
    p.tier = std::max(p.tier, tier);
    std::string text = std::string(PriorityFlagLabel(kind)) + " (" + Level(best->region_code) + " " +
                       best->region_code + (best->source.empty() ? "" : "; sumber: " + best->source) + ")";
    const char* label = kind == PriorityFlag::kPulauTerluar ? "Pulau kecil terluar"
                        : kind == PriorityFlag::kPerbatasan ? "Perbatasan"
                                                            : "Daerah tertinggal";
    p.reasons.push_back({std::string(PriorityFlagName(kind)), std::move(text), label, FlagWeight(kind, w)});
  }
  if (f.wajib_ktp > 0 && p.rate < w.low_rate_below && w.low_rate_below > 0) {
    const double add = w.low_rate * (w.low_rate_below - p.rate) / w.low_rate_below;
    p.reasons.push_back({"low_rate", "Tingkat perekaman rendah: " + Percent(p.rate) + " (di bawah " +
                                         Percent(w.low_rate_below) + ")",
                         "Rekam rendah " + Percent(p.rate), add});
  }
  if (f.unrecorded > 0 && f.waiting_over_year > 0) {
    const double share = static_cast<double>(f.waiting_over_year) / static_cast<double>(f.unrecorded);
    p.reasons.push_back({"waiting", std::to_string(f.waiting_over_year) + " dari " + std::to_string(f.unrecorded) +
                                        " orang belum rekam sudah menunggu lebih dari 1 tahun sejak wajib KTP",
                         std::to_string(f.waiting_over_year) + " menunggu > 1 tahun", w.waiting * share});
  }
  p.weight = 1.0;
  for (const auto& r : p.reasons) p.weight += r.weight;
  p.score = static_cast<double>(f.unrecorded) * p.weight;
  return p;
}

std::vector<VillagePriority> RankVillages(std::span<const VillageFacts> villages, const PriorityWeights& weights) {
  std::vector<VillagePriority> out;
  out.reserve(villages.size());
  for (const auto& v : villages) out.push_back(RankVillage(v, weights));
  std::sort(out.begin(), out.end(), [](const VillagePriority& a, const VillagePriority& b) {
    if ((a.unrecorded > 0) != (b.unrecorded > 0)) return a.unrecorded > 0;
    if (a.tier != b.tier) return a.tier > b.tier;
    if (a.score != b.score) return a.score > b.score;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.code < b.code;
  });
  return out;
}

}  // namespace siak
