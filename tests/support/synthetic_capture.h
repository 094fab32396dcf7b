// SYNTHETIC captures for e-KTP tests: a face photo and a signature drawn with cairo (PNG), and
// finger minutiae records (ISO/IEC 19794-2) with random minutiae. They exercise the quality
// gates, storage and printing; they are not real faces or fingers.
#pragma once

#include <cstdint>
#include <string>

namespace siak::testing {

// A 300x400 portrait PNG: a lit background, a head and shoulders; `seed` varies the shading.
std::string SyntheticFacePng(uint64_t seed, int width = 300, int height = 400);
// A 400x120 PNG: dark strokes on white.
std::string SyntheticSignaturePng(uint64_t seed);
// A flat grey PNG of the given size (fails the photo gate as "flat").
std::string FlatPng(int width, int height, double grey);
// An ISO/IEC 19794-2:2005 record of one finger view with `minutiae` random minutiae.
std::string SyntheticFingerIso(int position, uint64_t seed, int minutiae = 30);
// An ISO/IEC 19794-2:2005 record of impression `capture` of finger `position` of `identity`
// (abis::SyntheticFingers: impressions of one finger match, of different fingers do not).
std::string SyntheticFingerCapture(int position, uint64_t identity, uint64_t capture);

}  // namespace siak::testing
