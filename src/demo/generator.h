// PopulationGenerator: a synthetic, believable population for demos and benchmarks, never
// real residents' data. Deterministic (the same regions, size and seed give the same rows) and
// streamed: Next() yields households chunk by chunk, so memory does not grow with the size
// asked for (only the serial counters, which are bounded by districts x birth dates).
//
// Each chunk draws individuals from the SP2020 age/sex structure, then forms households from
// them: couples matched by age, children placed with a mother 17-45 years older, young adults
// in their parents' KK or on their own, widowed elders with an adult child (three generations)
// or alone. The SHDK, marital status and ages therefore agree by construction. Then names,
// addresses in real villages, NIKs and KK numbers by the real rules, e-KTP statuses with the
// 2018 mix, and the events a register holds (akta kelahiran, perkawinan, kematian, moves).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/family.h"
#include "domain/person.h"
#include "domain/region_index.h"
#include "store/store.h"

namespace siak::demo {

struct DemoConfig {
  std::vector<std::string> regions;  // region codes (any level, dotted or digits) to populate
  int64_t residents = 0;             // living residents to generate
  uint64_t seed = 1;
  Date reference = Date::FromDays(20454);  // the register's "today" (default 2026-01-01)
  int chunk = 4096;                   // living residents per chunk
};

struct DemoBatch {
  std::vector<Person> persons;  // living residents, and the recently deceased (status MATI, no KK)
  std::vector<Family> families;
  std::vector<EventRecord> events;
  void Clear() {
    persons.clear();
    families.clear();
    events.clear();
  }
};

class PopulationGenerator {
 public:
  // Fails when a region is unknown or holds no village, or the size is out of range.
  static Result<std::unique_ptr<PopulationGenerator>> Create(const RegionIndex& regions, DemoConfig config);
  ~PopulationGenerator();

  // Replaces `batch` with the next chunk; false when all residents were generated.
  bool Next(DemoBatch* batch);

  struct Impl;

 private:
  explicit PopulationGenerator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace siak::demo
