#include "abis/iris_score.h"

#include <algorithm>
#include <cmath>

#include "abis/iris_code.h"

namespace siak::abis {

double NormalisedHd(int d, int n) {
  if (n < kMinComparedBits) return 1.0;
  const double hd = static_cast<double>(d) / n;
  return 0.5 - (0.5 - hd) * std::sqrt(static_cast<double>(n) / kNormalisationBits);
}

namespace {
// log of C(N, k) / 2^N for the binomial with p = 0.5.
double LogBinomialPmf(int n, int k) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) - n * std::log(2.0);
}

// P(X <= x * N) for X ~ Binomial(N, 0.5), interpolated linearly between integer counts so that
// thresholds move smoothly.
double BinomialCdf(double fraction) {
  const int n = kIrisDegreesOfFreedom;
  const double x = fraction * n;
  if (x < 0) return 0;
  if (x >= n) return 1;
  const int k = static_cast<int>(std::floor(x));
  double below = 0;  // P(X <= k)
  for (int i = 0; i <= k; ++i) below += std::exp(LogBinomialPmf(n, i));
  const double next = below + std::exp(LogBinomialPmf(n, k + 1));
  const double t = x - k;
  // Interpolate in log space: the tail falls exponentially.
  return std::exp(std::log(below) * (1 - t) + std::log(next) * t);
}
}  // namespace

double FalseMatchProbability(double hdn, int rotations) {
  const double f = BinomialCdf(hdn);
  if (f < 1e-12) return f * rotations;  // 1 - (1 - f)^R without cancellation
  return 1 - std::pow(1 - f, rotations);
}

double FuseProbabilities(std::span<const double> probabilities) {
  if (probabilities.empty()) return 1.0;
  double log_x = 0;
  for (double p : probabilities) log_x += std::log(std::max(p, 1e-300));
  const double x = std::exp(log_x);
  double sum = 0, term = 1;
  for (size_t i = 0; i < probabilities.size(); ++i) {
    sum += term;
    term *= -log_x / static_cast<double>(i + 1);
  }
  return std::min(1.0, x * sum);
}

double ThresholdForProbability(double probability, int rotations) {
  double lo = 0, hi = 0.5;
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    if (FalseMatchProbability(mid, rotations) <= probability) lo = mid; else hi = mid;
  }
  return lo;
}

DecisionTable::DecisionTable(double threshold) : threshold_(threshold) {
  int32_t running = -1;
  for (int n = 0; n <= kIrisBits; ++n) {
    int32_t dmax = -1;
    if (n >= kMinComparedBits) {
      // HDn <= T  <=>  d <= n/2 - (0.5 - T) * sqrt(911 n)
      const double bound = 0.5 * n - (0.5 - threshold) * std::sqrt(static_cast<double>(kNormalisationBits) * n);
      dmax = static_cast<int32_t>(std::clamp(std::floor(bound + 1e-9), -1.0, static_cast<double>(n)));
      // Keep the exact rule: the float score of (dmax, n) must not exceed the threshold.
      while (dmax >= 0 && NormalisedHd(dmax, n) > threshold) --dmax;
    }
    running = std::max(running, dmax);
    dmax_[n] = running;
  }
}

DecisionTable DecisionTable::AcceptAll() {
  DecisionTable t;
  t.threshold_ = 1.0;
  for (int n = 0; n < static_cast<int>(t.dmax_.size()); ++n) {
    t.dmax_[n] = n < kMinComparedBits ? -1 : std::min(n, kIrisBits);
  }
  return t;
}

}  // namespace siak::abis
