#include "abis/iris_engine.h"

#include <gtest/gtest.h>

#include <cmath>

#include "abis/synthetic_iris.h"

namespace siak::abis {
namespace {

IrisPair Capture(const SyntheticIrises& irises, uint64_t id, uint64_t capture) {
  return IrisPair{irises.Capture(id, Eye::kRight, capture), irises.Capture(id, Eye::kLeft, capture)};
}

IrisSearchOptions Options(bool shortcut = true) {
  return IrisSearchOptions{BestIrisKernel(), shortcut, 2};
}

TEST(IrisEngine, PlantedDuplicatesAreFoundAndNewPeopleAreNot) {
  SyntheticIrises irises(7);
  IrisEngine engine(IrisPolicy{}, Options());
  for (uint64_t id = 0; id < 5000; ++id) engine.Put(id, Capture(irises, id, 0));
  std::vector<IrisPair> batch;
  for (uint64_t id = 0; id < 5000; id += 250) batch.push_back(Capture(irises, id, 1));       // 20 returning
  for (uint64_t id = 90000; id < 90020; ++id) batch.push_back(Capture(irises, id, 0));     // 20 new
  const auto results = engine.Search(batch);
  ASSERT_EQ(results.size(), 40u);
  for (size_t i = 0; i < 20; ++i) {
    ASSERT_FALSE(results[i].duplicates.empty()) << "planted duplicate " << i * 250 << " missed";
    EXPECT_EQ(results[i].duplicates[0].key, i * 250);
    EXPECT_LT(results[i].duplicates[0].false_match_probability, engine.Limits().per_comparison);
  }
  for (size_t i = 20; i < 40; ++i) EXPECT_TRUE(results[i].duplicates.empty()) << "false alarm for new person " << i;
}

TEST(IrisEngine, OneEyeIsEnoughWhenTheOtherIsMissing) {
  SyntheticIrises irises(8);
  IrisEngine engine(IrisPolicy{}, Options());
  for (uint64_t id = 0; id < 2000; ++id) engine.Put(id, Capture(irises, id, 0));
  IrisPair only_left{std::nullopt, irises.Capture(42, Eye::kLeft, 3)};
  const auto r = engine.Search(std::span<const IrisPair>(&only_left, 1));
  ASSERT_FALSE(r[0].duplicates.empty());
  EXPECT_EQ(r[0].duplicates[0].key, 42u);
  EXPECT_FALSE(r[0].duplicates[0].right.has_value());
}

// The candidate step is exact: the engine finds exactly the persons a brute-force scoring of
// every person on both eyes finds, at a loose policy where many impostors come close.
TEST(IrisEngine, CandidateSearchEqualsBruteForceFusion) {
  SyntheticIrises irises(9);
  IrisPolicy loose;
  loose.false_alarms_per_search = 200;  // so that impostors pass and the fusion is exercised
  IrisEngine engine(loose, Options());
  const int n = 1500;
  std::vector<IrisPair> enrolled;
  for (uint64_t id = 0; id < n; ++id) {
    enrolled.push_back(Capture(irises, id, 0));
    if (id % 7 == 0) enrolled.back().left.reset();
    engine.Put(id, enrolled.back());
  }
  std::vector<IrisPair> batch;
  for (uint64_t id : {3ull, 700ull, 5000ull, 5001ull, 5002ull}) batch.push_back(Capture(irises, id, 2));
  const auto results = engine.Search(batch);
  const double limit = engine.Limits().per_comparison;
  size_t impostors_found = 0;
  for (size_t b = 0; b < batch.size(); ++b) {
    std::vector<uint64_t> want;
    for (uint64_t id = 0; id < n; ++id) {
      if (engine.Compare(batch[b], enrolled[id]).false_match_probability <= limit) want.push_back(id);
    }
    std::vector<uint64_t> got;
    for (const auto& c : results[b].duplicates) got.push_back(c.key);
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want) << "recording " << b;
    impostors_found += b >= 2 ? got.size() : 0;
  }
  EXPECT_GT(impostors_found, 0u) << "the loose policy should let some impostors through";
}

TEST(IrisEngine, ShortcutOnAndOffGiveTheSameDuplicates) {
  SyntheticIrises irises(10);
  IrisPolicy strict;  // a threshold where the search uses the shortcut (kShortcutUsefulBelow)
  strict.false_alarms_per_search = 1e-12;
  IrisEngine with(strict, Options(true)), without(strict, Options(false));
  for (uint64_t id = 0; id < 3000; ++id) {
    with.Put(id, Capture(irises, id, 0));
    without.Put(id, Capture(irises, id, 0));
  }
  std::vector<IrisPair> batch;
  for (uint64_t id = 0; id < 3000; id += 300) batch.push_back(Capture(irises, id, 1));
  for (uint64_t id = 8000; id < 8010; ++id) batch.push_back(Capture(irises, id, 1));
  ASSERT_LE(with.Limits().eye_threshold, kShortcutUsefulBelow);
  const auto a = with.Search(batch), b = without.Search(batch);
  size_t found = 0;
  for (size_t i = 0; i < batch.size(); ++i) {
    ASSERT_EQ(a[i].duplicates.size(), b[i].duplicates.size());
    for (size_t j = 0; j < a[i].duplicates.size(); ++j) {
      EXPECT_EQ(a[i].duplicates[j].key, b[i].duplicates[j].key);
      EXPECT_EQ(a[i].duplicates[j].false_match_probability, b[i].duplicates[j].false_match_probability);
    }
    found += a[i].duplicates.size();
  }
  EXPECT_GE(found, 10u) << "the planted duplicates";
}

TEST(IrisEngine, VerifyRemoveAndThresholdsFollowTheGallerySize) {
  SyntheticIrises irises(11);
  IrisEngine engine(IrisPolicy{}, Options());
  for (uint64_t id = 0; id < 100; ++id) engine.Put(id, Capture(irises, id, 0));
  const auto small = engine.Limits();
  auto same = engine.Verify(Capture(irises, 5, 4), 5);
  ASSERT_TRUE(same.has_value());
  EXPECT_TRUE(engine.IsVerified(same->false_match_probability));
  auto other = engine.Verify(Capture(irises, 6, 4), 5);
  EXPECT_FALSE(engine.IsVerified(other->false_match_probability));
  EXPECT_FALSE(engine.Verify(Capture(irises, 5, 4), 999).has_value());
  engine.Remove(5);
  EXPECT_FALSE(engine.Contains(5));
  for (uint64_t id = 100; id < 10000; ++id) engine.Put(id, Capture(irises, id, 0));
  EXPECT_LT(engine.Limits().eye_threshold, small.eye_threshold) << "a bigger gallery needs a stricter threshold";
}

}  // namespace
}  // namespace siak::abis
