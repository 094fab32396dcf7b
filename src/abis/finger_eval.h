// Accuracy of the fingerprint matcher by the FVC protocol (Maio et al., "FVC2002: Second
// Fingerprint Verification Competition"), on a folder of minutiae templates laid out as
// <database>/<finger>_<impression>.iso (e.g. ../shared/data/fvc2002-iso/DB1_B/101_1.iso).
//
// Per database: genuine pairs are every pair of impressions of the same finger (symmetric
// comparisons are not repeated); impostor pairs are the first impression of each finger against
// the first impression of every later finger. The "extended" impostor set is every pair of
// templates of different fingers, which gives FMR100 and FMR1000 meaning when a database has
// only ten fingers (45 FVC impostor pairs: one false match is 2.2%).
#pragma once

#include <string>
#include <vector>

#include "abis/finger_kernels.h"
#include "common/result.h"

namespace siak::abis {

// Error rates from scores (higher = more similar). FMR(t) is the share of impostor scores >= t,
// FNMR(t) the share of genuine scores < t.
struct ErrorRates {
  size_t genuine = 0, impostor = 0;
  double eer = 0, eer_low = 0, eer_high = 0;  // FVC's EER: the middle of [eer_low, eer_high]
  double fmr100 = 0;    // lowest FNMR with FMR <= 1%
  double fmr1000 = 0;   // lowest FNMR with FMR <= 0.1%
  double zero_fmr = 0;  // lowest FNMR with FMR = 0
};
ErrorRates ComputeErrorRates(std::vector<float> genuine, std::vector<float> impostor);

struct FvcDatabaseResult {
  std::string name;          // the folder's name, e.g. DB1_B
  size_t fingers = 0, templates = 0;
  double mean_minutiae = 0;
  ErrorRates fvc;            // FVC impostor pairs
  ErrorRates extended;       // every cross-finger pair
  double comparisons_per_second = 0;  // one thread, the genuine and extended impostor pairs
};

struct FvcEvaluation {
  std::vector<FvcDatabaseResult> databases;
  double mean_eer = 0;       // over the databases, FVC protocol
  std::string kernel;
};

// Every subfolder of `folder` that holds *_*.iso files is a database; a template that does not
// decode is an error naming the file.
Result<FvcEvaluation> EvaluateFvcFolder(const std::string& folder, FingerKernelKind kernel);
// The table `siak abis evaluate` prints (percentages).
std::string FormatFvcEvaluation(const FvcEvaluation& evaluation);

}  // namespace siak::abis
