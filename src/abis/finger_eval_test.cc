#include "abis/finger_eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace siak::abis {
namespace {

namespace fs = std::filesystem;

TEST(FingerEval, ErrorRatesFollowTheFvcDefinitions) {
  // Genuine 0.9 0.8 0.7 0.2; impostor 0.05 0.1 0.25 0.3.
  const ErrorRates r = ComputeErrorRates({0.9f, 0.8f, 0.7f, 0.2f}, {0.1f, 0.3f, 0.25f, 0.05f});
  EXPECT_EQ(r.genuine, 4u);
  EXPECT_EQ(r.impostor, 4u);
  // At t in (0.3, 0.7]: FMR 0, FNMR 1/4. At t in (0.25, 0.3]: FMR 1/4, FNMR 1/4 -> EER 25%.
  EXPECT_DOUBLE_EQ(r.eer, 0.25);
  EXPECT_DOUBLE_EQ(r.zero_fmr, 0.25);
  EXPECT_DOUBLE_EQ(r.fmr100, 0.25);
  // Separable sets: everything 0.
  const ErrorRates clean = ComputeErrorRates({0.9f, 0.8f}, {0.1f, 0.2f});
  EXPECT_DOUBLE_EQ(clean.eer, 0);
  EXPECT_DOUBLE_EQ(clean.zero_fmr, 0);
  // Inverted sets: EER 100%.
  EXPECT_DOUBLE_EQ(ComputeErrorRates({0.1f, 0.2f}, {0.8f, 0.9f}).eer, 1);
}

TEST(FingerEval, BadFoldersAndTemplatesAreErrorsNamingThem) {
  auto missing = EvaluateFvcFolder("/nonexistent/fvc", FingerKernelKind::kScalar);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("folder"), std::string::npos);
  const fs::path dir = fs::temp_directory_path() / ("siak-fvc-" + std::to_string(::getpid()));
  fs::create_directories(dir / "DB9_B");
  std::ofstream(dir / "DB9_B" / "101_1.iso") << "FMR";
  auto bad = EvaluateFvcFolder(dir.string(), FingerKernelKind::kScalar);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("101_1.iso"), std::string::npos) << bad.status().ToString();
  fs::remove_all(dir);
}

// The real data: FVC2002 DB1-DB4 "B" sets as ISO templates (../shared/data, never copied here).
TEST(FingerEval, Fvc2002AccuracyMeetsTheGoal) {
  const std::string folder = std::string(SIAK_SHARED_DATA_DIR) + "/fvc2002-iso";
  if (!fs::is_directory(folder)) {
    GTEST_SKIP() << "no FVC2002 templates at " << folder << " (the shared test data is absent)";
  }
  auto e = EvaluateFvcFolder(folder, BestFingerKernel());
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  std::printf("%s", FormatFvcEvaluation(*e).c_str());
  ASSERT_EQ(e->databases.size(), 4u);
  // OpenAFIS on the same files: 7.9 / 8.5 / 22.4 / 7.6%. The goal: a mean EER of at most 2%.
  const double openafis[] = {0.079, 0.085, 0.224, 0.076};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(e->databases[i].fvc.genuine, 280u);
    EXPECT_EQ(e->databases[i].fvc.impostor, 45u);
    EXPECT_EQ(e->databases[i].extended.impostor, 2880u);
    EXPECT_LT(e->databases[i].fvc.eer, openafis[i] / 2) << e->databases[i].name;
  }
  EXPECT_LE(e->mean_eer, 0.02);
}

}  // namespace
}  // namespace siak::abis
