#include "domain/outreach_priority.h"

#include <gtest/gtest.h>

namespace siak {
namespace {

VillageFacts Village(std::string code, int64_t wajib, int64_t recorded, int64_t waiting = 0) {
  VillageFacts f;
  f.code = std::move(code);
  f.wajib_ktp = wajib;
  f.recorded = recorded;
  f.unrecorded = wajib - recorded;
  f.waiting_over_year = waiting;
  return f;
}

TEST(OutreachPriority, FlagNamesRoundTripAndUnknownNamesAreRefusedByField) {
  for (PriorityFlag f : kPriorityFlags) {
    auto back = PriorityFlagFromName(PriorityFlagName(f));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, f);
  }
  auto bad = PriorityFlagFromName("island", "flags[2].flag");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "flags[2].flag");
}

TEST(OutreachPriority, AnUnflaggedWellRecordedVillageHasWeightOneAndNoReasons) {
  VillagePriority p = RankVillage(Village("3204010001", 1000, 960));
  EXPECT_DOUBLE_EQ(p.weight, 1.0);
  EXPECT_DOUBLE_EQ(p.score, 40.0);
  EXPECT_TRUE(p.reasons.empty());
}

TEST(OutreachPriority, EachFlagKindCountsOnceAndTheMostSpecificRegionExplainsIt) {
  VillageFacts f = Village("3204010001", 1000, 960);
  f.flags = {{PriorityFlag::kPerbatasan, "3204", "file A"},
             {PriorityFlag::kPerbatasan, "320401", "file B"},
             {PriorityFlag::kPulauTerluar, "3204010001", "region data"}};
  VillagePriority p = RankVillage(f);
  ASSERT_EQ(p.reasons.size(), 2u);
  EXPECT_EQ(p.reasons[0].code, "pulau_terluar");
  EXPECT_EQ(p.reasons[1].code, "perbatasan");
  EXPECT_NE(p.reasons[1].text.find("kecamatan 320401"), std::string::npos) << p.reasons[1].text;
  EXPECT_NE(p.reasons[1].text.find("file B"), std::string::npos);
  EXPECT_DOUBLE_EQ(p.weight, 1 + 3 + 2);
  EXPECT_DOUBLE_EQ(p.score, 40 * 6.0);
}

TEST(OutreachPriority, LowRateAndWaitingAddInProportion) {
  PriorityWeights w;
  VillagePriority p = RankVillage(Village("3204010001", 100, 50, 25), w);
  ASSERT_EQ(p.reasons.size(), 2u);
  EXPECT_EQ(p.reasons[0].code, "low_rate");
  EXPECT_NEAR(p.reasons[0].weight, w.low_rate * (0.95 - 0.5) / 0.95, 1e-12);
  EXPECT_NE(p.reasons[0].text.find("50,0%"), std::string::npos) << p.reasons[0].text;
  EXPECT_EQ(p.reasons[0].label, "Rekam rendah 50,0%");
  EXPECT_EQ(p.reasons[1].label, "25 menunggu > 1 tahun");
  EXPECT_EQ(p.reasons[1].code, "waiting");
  EXPECT_NEAR(p.reasons[1].weight, 0.5, 1e-12);
  EXPECT_NEAR(p.score, 50 * p.weight, 1e-9);
}

TEST(OutreachPriority, LayersComeFirstThenScoreAndVillagesWithNobodyLeftLast) {
  std::vector<VillageFacts> v = {Village("3204010003", 1000, 900), Village("3204010002", 1000, 998),
                                 Village("3204010001", 1000, 985), Village("3204010004", 500, 500),
                                 Village("3204010005", 1000, 990), Village("3204010006", 1000, 1000)};
  v[1].flags = {{PriorityFlag::kPulauTerluar, "3204010002", ""}};  // 2 unrecorded on an outer island
  v[2].flags = {{PriorityFlag::kPerbatasan, "320401", ""}};        // 15 in a border kecamatan
  v[4].flags = {{PriorityFlag::kTertinggal, "3204", ""}};          // 10 in a daerah tertinggal
  v[5].flags = {{PriorityFlag::kPulauTerluar, "3204010006", ""}};  // nobody left
  auto ranked = RankVillages(v);
  ASSERT_EQ(ranked.size(), 6u);
  EXPECT_EQ(ranked[0].code, "3204010002");  // tier 3, though 100 unflagged unrecorded score more
  EXPECT_EQ(ranked[0].tier, 3);
  EXPECT_EQ(ranked[1].code, "3204010001");
  EXPECT_EQ(ranked[2].code, "3204010005");
  EXPECT_EQ(ranked[3].code, "3204010003");  // the largest, unflagged
  EXPECT_GT(ranked[3].score, ranked[0].score);
  // Nobody unrecorded: last, whatever the layer (among them the layers still order).
  EXPECT_EQ(ranked[4].code, "3204010006");
  EXPECT_EQ(ranked[5].code, "3204010004");
  EXPECT_EQ(ranked[4].score, 0);
  EXPECT_EQ(ranked[5].score, 0);
}

}  // namespace
}  // namespace siak
