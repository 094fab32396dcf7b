// Outreach priority (jemput bola): which villages a planner should send mobile recording teams
// to first, and why. Pure: the facts are read by the caller (OutreachService) and passed in.
//
// The layers (DOMAIN.md): outermost small islands (PPKT, Keppres 6/2017; idn-area-data's
// `is_outermost_small` flag on islands), priority border kecamatan (BNPP Lokpri) and daerah
// tertinggal (Perpres 63/2020) — the last two have no machine-readable official list, so an
// administrator imports or sets them as region flags — then villages with a low recording rate,
// and how long the unrecorded have been waiting since they became wajib KTP.
//
// A village's score is its unrecorded wajib KTP times a weight:
//   weight = 1 + Σ flag weights (each kind once, whether set on the village, its district or
//            its regency) + low_rate · max(0, (low_rate_below − rate) / low_rate_below)
//            + waiting · (share of the unrecorded who became wajib more than a year ago).
// Every term that adds to the weight is a reason, in Indonesian, with its share: a planner sees
// why each village is ranked where it is.
//
// The ranking puts the layers first, as national policy does: villages on an outermost small
// island, then those in a border kecamatan, then those in a daerah tertinggal, then the rest;
// within a layer, by score. Villages with nobody unrecorded come last whatever their layer.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace siak {

enum class PriorityFlag { kPulauTerluar, kPerbatasan, kTertinggal };
inline constexpr PriorityFlag kPriorityFlags[] = {PriorityFlag::kPulauTerluar, PriorityFlag::kPerbatasan,
                                                  PriorityFlag::kTertinggal};

std::string_view PriorityFlagName(PriorityFlag flag);   // "pulau_terluar", "perbatasan", "tertinggal"
std::string_view PriorityFlagLabel(PriorityFlag flag);  // "Pulau kecil terluar", ...
Result<PriorityFlag> PriorityFlagFromName(std::string_view name, std::string_view field = "flag");

// A flag as it applies to a village: set on the village itself or on its district or regency.
struct AppliedFlag {
  PriorityFlag flag = PriorityFlag::kPerbatasan;
  std::string region_code;  // where it is set (4, 6 or 10 digits)
  std::string source;       // where the entry comes from
};

struct VillageFacts {
  std::string code;                // 10 digits
  int64_t wajib_ktp = 0;           // living residents who are wajib KTP
  int64_t recorded = 0;            // of them, recorded
  int64_t unrecorded = 0;          // of them, BELUM_REKAM
  int64_t waiting_over_year = 0;   // unrecorded who became wajib more than a year ago
  std::vector<AppliedFlag> flags;
};

struct PriorityWeights {
  double pulau_terluar = 3.0;
  double perbatasan = 2.0;
  double tertinggal = 1.0;
  double low_rate = 2.0;            // the full weight at a recording rate of 0
  double low_rate_below = 0.95;     // rates at or above this add nothing
  double waiting = 1.0;             // the full weight when everyone unrecorded has waited a year
};

struct PriorityReason {
  std::string code;   // pulau_terluar | perbatasan | tertinggal | low_rate | waiting
  std::string text;   // Indonesian, for the planner
  std::string label;  // the same in a few words, for a printed plan ("Rekam rendah 86,7%")
  double weight = 0;  // what it adds to the village's weight
};

struct VillagePriority {
  std::string code;
  int64_t unrecorded = 0;
  double rate = 0;     // recorded / wajib_ktp (1 when nobody is wajib)
  int tier = 0;        // 3 pulau terluar, 2 perbatasan, 1 tertinggal, 0 none (the strongest flag)
  double weight = 1;   // 1 + the reasons' weights
  double score = 0;    // unrecorded × weight
  std::vector<PriorityReason> reasons;
};

VillagePriority RankVillage(const VillageFacts& facts, const PriorityWeights& weights = {});

// Ranked: villages with someone unrecorded first, by tier, then score, then weight, then code;
// those with nobody unrecorded are kept (score 0) at the end, so a planner sees them too.
std::vector<VillagePriority> RankVillages(std::span<const VillageFacts> villages, const PriorityWeights& weights = {});

}  // namespace siak
