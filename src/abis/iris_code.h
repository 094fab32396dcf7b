// IrisCode: one eye's template, 2048 phase bits and 2048 mask bits (Daugman's layout).
//
// Bit layout (version 1). The iris is unwrapped into 8 rings (inner to outer) of 128 angular
// columns; each sample gives 2 bits, the signs of the real and imaginary parts of a Gabor
// response. Bit b (0..2047) belongs to ring b / 256, column (b % 256) / 2, part b % 2 (0 real,
// 1 imaginary). In memory the bits sit in 32 little-endian 64-bit words: bit b is bit b % 64 of
// word b / 64, so each ring is four consecutive words (one 256-bit lane). A mask bit of 1 means
// the code bit is usable (not eyelid, eyelash, reflection or weak signal).
//
// Rotating the eye by k columns moves column c to column c + k (mod 128): every ring is
// rotated by 2k bits. Probes are rotated; gallery entries never are.
//
// Serialized form (520 bytes): "SKIR" magic, version byte (1), eye byte (see Eye), quality
// byte (0..100), a zero byte, then the 256 code bytes and the 256 mask bytes, each the words
// above in little-endian byte order.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace siak::abis {

inline constexpr int kIrisBits = 2048;
inline constexpr int kIrisWords = kIrisBits / 64;        // 32
inline constexpr int kIrisRings = 8;
inline constexpr int kIrisColumns = 128;
inline constexpr int kIrisRingWords = kIrisWords / kIrisRings;  // 4
inline constexpr size_t kIrisSerializedSize = 8 + 2 * (kIrisBits / 8);  // 520
inline constexpr uint8_t kIrisFormatVersion = 1;
// The words of the code that the partial-distance shortcut counts before the rest (see iris_kernels.h).
inline constexpr int kIrisPartialWords = 24;

enum class Eye : uint8_t { kRight = 1, kLeft = 2 };
std::string_view EyeName(Eye eye);  // "right" / "left"
Result<Eye> ParseEye(std::string_view name);

// One eye's code and mask, 64-byte aligned so a gallery of them streams in whole cache lines.
struct alignas(64) IrisCode {
  std::array<uint64_t, kIrisWords> code{};
  std::array<uint64_t, kIrisWords> mask{};

  bool Bit(int b) const { return (code[b >> 6] >> (b & 63)) & 1; }
  bool Usable(int b) const { return (mask[b >> 6] >> (b & 63)) & 1; }
  void SetBit(int b, bool v);
  void SetUsable(int b, bool v);
  int UsableBits() const;
  bool operator==(const IrisCode&) const = default;
};
static_assert(sizeof(IrisCode) == 512);

// The template rotated by `columns` (negative: the other way).
IrisCode Rotated(const IrisCode& iris, int columns);

struct IrisTemplate {
  Eye eye = Eye::kRight;
  uint8_t quality = 0;  // 0..100, from the capture device
  IrisCode iris;
};

std::string SerializeIris(const IrisTemplate& t);
// Strict: the exact size, the magic, a known version and eye, a quality of at most 100.
// `field` names the input in the error (e.g. "irises[0].template").
Result<IrisTemplate> ParseIris(std::string_view bytes, const std::string& field = "template");

}  // namespace siak::abis
