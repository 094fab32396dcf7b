#include "abis/finger_kernels.h"

#include <gtest/gtest.h>

#include <vector>

#include "abis/finger_features.h"
#include "abis/synthetic_finger.h"

namespace siak::abis {
namespace {

TEST(FingerKernels, EverySupportedKernelPassesItsSelfCheck) {
  for (auto k : {FingerKernelKind::kScalar, FingerKernelKind::kAvx2, FingerKernelKind::kAvx512}) {
    if (!FingerKernelSupported(k)) {
      std::printf("skipping the %s kernel: this CPU lacks it\n", std::string(FingerKernelName(k)).c_str());
      EXPECT_FALSE(SelfCheckFingerKernel(k).ok());
      continue;
    }
    EXPECT_TRUE(SelfCheckFingerKernel(k).ok()) << FingerKernelName(k);
  }
}

TEST(FingerKernels, VectorKernelsGiveTheReferenceMatrixOnRealisticCylinders) {
  SyntheticFingers fingers(7);
  for (uint64_t id = 0; id < 6; ++id) {
    const FingerFeatures a = ExtractFingerFeatures(fingers.CaptureRecord(id, 2, 0));
    const FingerFeatures b = ExtractFingerFeatures(fingers.CaptureRecord(id % 2 ? id : id + 1, 2, 1));
    ASSERT_GT(a.cylinders.size(), 5u);
    const auto na = static_cast<uint32_t>(a.cylinders.size()), nb = static_cast<uint32_t>(b.cylinders.size());
    std::vector<float> want(size_t{na} * nb);
    FingerKernel(FingerKernelKind::kScalar)({a.cylinders.data(), na, b.cylinders.data(), nb, want.data()});
    int positive = 0;
    for (float v : want) positive += v > 0;
    EXPECT_GT(positive, 0);
    for (auto k : {FingerKernelKind::kAvx2, FingerKernelKind::kAvx512}) {
      if (!FingerKernelSupported(k)) continue;
      std::vector<float> got(want.size(), -1);
      FingerKernel(k)({a.cylinders.data(), na, b.cylinders.data(), nb, got.data()});
      EXPECT_EQ(want, got) << FingerKernelName(k);
    }
  }
}

TEST(FingerKernels, SimilarityFollowsMccBitFormula) {
  EXPECT_EQ(finger_internal::Similarity(0, 0, 0), 0.0f);
  EXPECT_FLOAT_EQ(finger_internal::Similarity(0, 100, 100), 1.0f);
  // d = na + nb (disjoint bits): 1 - sqrt(200) / (2 sqrt(100)) = 1 - 0.7071
  EXPECT_NEAR(finger_internal::Similarity(200, 100, 100), 1 - 0.70710678, 1e-6);
}

TEST(FingerKernels, ParsesNamesAndRejectsOthersNamingTheField) {
  EXPECT_EQ(*ParseFingerKernelName("avx2"), FingerKernelKind::kAvx2);
  const auto bad = ParseFingerKernelName("sse9");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("kernel"), std::string::npos);
}

}  // namespace
}  // namespace siak::abis
