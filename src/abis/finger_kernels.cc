#include "abis/finger_kernels.h"

#include <array>
#include <bit>
#include <cmath>
#include <string>
#include <vector>

#include "common/rng.h"

namespace siak::abis {
namespace finger_internal {

const std::array<float, kCylinderWords * 64 + 1> kSqrt = [] {
  std::array<float, kCylinderWords * 64 + 1> v{};
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(std::sqrt(static_cast<double>(i)));
  return v;
}();

namespace {

int DiscCellCount() {
  int count = 0;
  const double half = (kCylinderSide - 1) / 2.0;
  for (int i = 0; i < kCylinderSide; ++i) {
    for (int j = 0; j < kCylinderSide; ++j) {
      const double u = i - half, v = j - half;
      if (u * u + v * v <= (kCylinderSide / 2.0) * (kCylinderSide / 2.0)) ++count;
    }
  }
  return count;
}

}  // namespace

int MinCommonCells() {
  static const int min = static_cast<int>(std::ceil(0.6 * DiscCellCount()));
  return min;
}

void ScalarKernel(const FingerKernelArgs& args) {
  const int min_common = MinCommonCells();
  for (uint32_t i = 0; i < args.probe_count; ++i) {
    const Cylinder& a = args.probe[i];
    float* row = args.similarity + size_t{i} * args.gallery_count;
    for (uint32_t j = 0; j < args.gallery_count; ++j) {
      const Cylinder& b = args.gallery[j];
      row[j] = 0;
      if (!DirectionsAgree(a, b)) continue;
      std::array<uint64_t, kCylinderCellWords> common;
      int cells = 0;
      for (int w = 0; w < kCylinderCellWords; ++w) {
        common[w] = a.valid[w] & b.valid[w];
        cells += std::popcount(common[w]);
      }
      if (cells < min_common) continue;
      uint32_t na = 0, nb = 0, d = 0;
      for (int w = 0; w < kCylinderWords; ++w) {
        const uint64_t c = common[w % kCylinderCellWords];
        na += std::popcount(a.bits[w] & c);
        nb += std::popcount(b.bits[w] & c);
        d += std::popcount((a.bits[w] ^ b.bits[w]) & c);
      }
      row[j] = Similarity(d, na, nb);
    }
  }
}

}  // namespace finger_internal

FingerKernelFn FingerKernel(FingerKernelKind kind) {
  switch (kind) {
    case FingerKernelKind::kScalar: return &finger_internal::ScalarKernel;
    case FingerKernelKind::kAvx2: return &finger_internal::Avx2Kernel;
    case FingerKernelKind::kAvx512: return &finger_internal::Avx512Kernel;
  }
  return &finger_internal::ScalarKernel;
}

Status SelfCheckFingerKernel(FingerKernelKind kind) {
  if (!FingerKernelSupported(kind)) {
    return Status::FailedPrecondition(std::string("this CPU cannot run the ") +
                                      std::string(FingerKernelName(kind)) + " fingerprint kernel");
  }
  // Pseudo-random cylinders: bits of every density, validity masks from nearly empty to full
  // (so the 60% rule cuts both ways), directions all round; the probe's cylinders include
  // near copies of gallery cylinders so that high similarities are exercised too.
  Rng rng(20261128);
  auto random_cylinder = [&](Cylinder& c) {
    c = Cylinder{};
    const int sparsity = rng.Between(0, 3);
    for (int w = 0; w < kCylinderCellWords; ++w) {
      uint64_t v = ~uint64_t{0};
      for (int i = 0; i < sparsity; ++i) v &= rng.Next() | rng.Next();
      c.valid[w] = v;
    }
    const int density = rng.Between(1, 4);
    for (int w = 0; w < kCylinderWords; ++w) {
      uint64_t b = rng.Next();
      for (int i = 1; i < density; ++i) b &= rng.Next();
      c.bits[w] = b & c.valid[w % kCylinderCellWords];
    }
    c.theta = static_cast<float>(rng.Between(0, 359) * 3.14159265358979 / 180);
    c.cos_t = std::cos(c.theta);
    c.sin_t = std::sin(c.theta);
  };
  std::vector<Cylinder> gallery(37), probe(29);
  for (auto& c : gallery) random_cylinder(c);
  for (size_t i = 0; i < probe.size(); ++i) {
    random_cylinder(probe[i]);
    if (i % 3 == 0) {
      probe[i] = gallery[(i * 7) % gallery.size()];
      for (int k = 0; k < 40; ++k) {
        const int w = rng.Between(0, kCylinderWords - 1);
        probe[i].bits[w] ^= (uint64_t{1} << rng.Between(0, 63)) & probe[i].valid[w % kCylinderCellWords];
      }
    }
  }
  for (uint32_t pc : {uint32_t{0}, uint32_t{1}, uint32_t{29}}) {
    for (uint32_t gc : {uint32_t{0}, uint32_t{1}, uint32_t{2}, uint32_t{37}}) {
      std::vector<float> want(size_t{pc} * gc + 1, -1), got(size_t{pc} * gc + 1, -1);
      finger_internal::ScalarKernel({probe.data(), pc, gallery.data(), gc, want.data()});
      FingerKernel(kind)({probe.data(), pc, gallery.data(), gc, got.data()});
      for (size_t i = 0; i < want.size(); ++i) {
        if (want[i] != got[i]) {
          return Status::Internal(std::string("the ") + std::string(FingerKernelName(kind)) +
                                  " fingerprint kernel disagrees with the scalar reference");
        }
      }
    }
  }
  return Status::Ok();
}

FingerKernelKind BestFingerKernel() {
  static const FingerKernelKind best = ChooseKernel(&SelfCheckFingerKernel);
  return best;
}

}  // namespace siak::abis
