#include "abis/biometric_search.h"

#include <gtest/gtest.h>

#include <set>

#include "abis/synthetic_finger.h"
#include "abis/synthetic_iris.h"

namespace siak::abis {
namespace {

// SYNTHETIC fingers and irises: these tests check the fusion and the search logic.
struct World {
  SyntheticFingers fingers{31};
  SyntheticIrises irises{32};
  IrisEngine iris_engine{IrisPolicy{}, IrisSearchOptions{BestIrisKernel(), true, 2}};
  FingerEngine finger_engine{2};
  BiometricSearch search{iris_engine, finger_engine};

  FingerSet Fingers(uint64_t id, uint64_t capture, int count = kFingerPositions) const {
    FingerSet set;
    for (int pos = 1; pos <= count; ++pos) {
      set.by_position[pos - 1] = ExtractFingerFeatures(fingers.CaptureRecord(id, pos, capture));
    }
    return set;
  }
  IrisPair Irises(uint64_t id, uint64_t capture) const {
    return IrisPair{irises.Capture(id, Eye::kRight, capture), irises.Capture(id, Eye::kLeft, capture)};
  }
  Biometrics Recording(uint64_t id, uint64_t capture) const { return {Irises(id, capture), Fingers(id, capture)}; }
};

class BiometricSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    w_ = new World;
    for (uint64_t id = 0; id < kPersons; ++id) {
      const Biometrics r = w_->Recording(id, 0);
      w_->iris_engine.Put(id, r.irises);
      w_->finger_engine.Put(id, r.fingers);
    }
  }
  static void TearDownTestSuite() { delete w_; }
  static constexpr uint64_t kPersons = 120;
  static World* w_;
};
World* BiometricSearchTest::w_ = nullptr;

TEST_F(BiometricSearchTest, ReturningPersonsAreFoundByEveryModalityAloneAndTogether) {
  EXPECT_EQ(w_->search.persons(), kPersons);
  EXPECT_EQ(w_->finger_engine.fingers(), kPersons * kFingerPositions);
  std::vector<Biometrics> batch;
  batch.push_back(w_->Recording(17, 1));                          // everything
  batch.push_back({IrisPair{}, w_->Fingers(42, 1)});               // no usable eyes
  batch.push_back({w_->Irises(99, 1), FingerSet{}});               // no usable fingers
  batch.push_back({IrisPair{}, w_->Fingers(7, 1, 2)});             // two fingers only
  batch.push_back(w_->Recording(5000, 0));                          // a new person
  batch.push_back({w_->Irises(5001, 0), w_->Fingers(63, 1)});      // new eyes, enrolled fingers
  const auto r = w_->search.Search(batch);
  ASSERT_EQ(r.size(), batch.size());
  const uint64_t want[] = {17, 42, 99, 7};
  for (size_t i = 0; i < 4; ++i) {
    ASSERT_FALSE(r[i].duplicates.empty()) << "recording " << i;
    EXPECT_EQ(r[i].duplicates[0].key, want[i]);
    EXPECT_LE(r[i].duplicates[0].false_match_probability, w_->search.Limit());
  }
  EXPECT_EQ(r[0].duplicates[0].modalities, 12);
  EXPECT_TRUE(r[1].duplicates[0].fingers.has_value());
  EXPECT_FALSE(r[1].duplicates[0].irises.right.has_value());
  EXPECT_FALSE(r[2].duplicates[0].fingers.has_value());
  EXPECT_TRUE(r[4].duplicates.empty()) << "false alarm for a new person";
  // Planted duplicate fingers under other eyes are caught, and the eyes' disagreement shows.
  ASSERT_FALSE(r[5].duplicates.empty());
  EXPECT_EQ(r[5].duplicates[0].key, 63u);
}

// The candidate step is exact: the search finds precisely the persons whose fused probability,
// computed against every enrolled person one by one, passes the limit.
TEST_F(BiometricSearchTest, SearchAgreesWithScoringEveryPerson) {
  std::vector<Biometrics> batch;
  for (uint64_t id : {3u, 50u, 111u}) batch.push_back(w_->Recording(id, 2));
  batch.push_back({w_->Irises(7000, 0), w_->Fingers(7001, 0)});
  // Half-strength evidence: one eye and one finger of an enrolled person.
  Biometrics weak{IrisPair{w_->irises.Capture(80, Eye::kRight, 3), std::nullopt}, w_->Fingers(80, 3, 1)};
  batch.push_back(weak);
  const auto r = w_->search.Search(batch);
  for (size_t i = 0; i < batch.size(); ++i) {
    std::set<uint64_t> brute, searched;
    for (uint64_t id = 0; id < kPersons; ++id) {
      auto c = w_->search.Verify(batch[i], id);
      ASSERT_TRUE(c.has_value());
      if (c->false_match_probability <= w_->search.Limit()) brute.insert(id);
    }
    for (const auto& c : r[i].duplicates) searched.insert(c.key);
    EXPECT_EQ(brute, searched) << "recording " << i;
  }
}

TEST_F(BiometricSearchTest, CompareFusesTwoRecordingsAndRemovalLeavesTheGallery) {
  const FusedCandidate same = w_->search.Compare(w_->Recording(9, 1), w_->Recording(9, 2));
  const FusedCandidate other = w_->search.Compare(w_->Recording(9, 1), w_->Recording(10, 2));
  EXPECT_LE(same.false_match_probability, w_->search.Limit());
  EXPECT_GT(other.false_match_probability, 1e-3);
  FingerEngine local(1);
  local.Put(1, w_->Fingers(1, 0, 3));
  local.Put(2, w_->Fingers(2, 0, 3));
  EXPECT_EQ(local.fingers(), 6u);
  local.Remove(1);
  EXPECT_FALSE(local.Contains(1));
  EXPECT_TRUE(local.Contains(2));
  EXPECT_EQ(local.fingers(), 3u);
  local.Put(2, FingerSet{});  // no fingers left: leaves
  EXPECT_EQ(local.persons(), 0u);
}

TEST(FingerFalseMatch, ProbabilityFallsADecadePerStepAndIsBounded) {
  EXPECT_EQ(FingerFalseMatchProbability(0), 1.0);
  EXPECT_NEAR(FingerFalseMatchProbability(0.0324f), 1e-2, 1e-4);
  EXPECT_NEAR(FingerFalseMatchProbability(0.0486f), 1e-3, 1e-5);
  EXPECT_EQ(FingerFalseMatchProbability(1.0f), 1e-15);
}

}  // namespace
}  // namespace siak::abis
