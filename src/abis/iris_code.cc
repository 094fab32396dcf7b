#include "abis/iris_code.h"

#include <bit>
#include <cstring>

namespace siak::abis {

namespace {
constexpr char kMagic[4] = {'S', 'K', 'I', 'R'};

void PutWords(const std::array<uint64_t, kIrisWords>& words, std::string* out) {
  for (uint64_t w : words) {
    for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((w >> (8 * i)) & 0xff));
  }
}

void GetWords(const unsigned char* p, std::array<uint64_t, kIrisWords>* words) {
  for (int w = 0; w < kIrisWords; ++w) {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(p[8 * w + i]) << (8 * i);
    (*words)[w] = v;
  }
}

// Rotates each 256-bit ring (4 words) left by `bits` (0..255): bit i goes to (i + bits) % 256.
void RotateRings(const std::array<uint64_t, kIrisWords>& in, int bits,
                 std::array<uint64_t, kIrisWords>* out) {
  const int word_shift = bits / 64;
  const int bit_shift = bits % 64;
  for (int r = 0; r < kIrisRings; ++r) {
    const uint64_t* src = &in[r * kIrisRingWords];
    uint64_t* dst = &(*out)[r * kIrisRingWords];
    for (int w = 0; w < kIrisRingWords; ++w) {
      // Output word w takes bits from input words w - word_shift and w - word_shift - 1.
      const uint64_t lo = src[(w - word_shift + kIrisRingWords) % kIrisRingWords];
      const uint64_t lo2 = src[(w - word_shift - 1 + 2 * kIrisRingWords) % kIrisRingWords];
      dst[w] = bit_shift == 0 ? lo : (lo << bit_shift) | (lo2 >> (64 - bit_shift));
    }
  }
}
}  // namespace

std::string_view EyeName(Eye eye) { return eye == Eye::kLeft ? "left" : "right"; }

Result<Eye> ParseEye(std::string_view name) {
  if (name == "right") return Eye::kRight;
  if (name == "left") return Eye::kLeft;
  return Status::Invalid("eye", name, "must be \"right\" or \"left\"");
}

void IrisCode::SetBit(int b, bool v) {
  const uint64_t m = uint64_t{1} << (b & 63);
  code[b >> 6] = v ? (code[b >> 6] | m) : (code[b >> 6] & ~m);
}

void IrisCode::SetUsable(int b, bool v) {
  const uint64_t m = uint64_t{1} << (b & 63);
  mask[b >> 6] = v ? (mask[b >> 6] | m) : (mask[b >> 6] & ~m);
}

int IrisCode::UsableBits() const {
  int n = 0;
  for (uint64_t w : mask) n += std::popcount(w);
  return n;
}


IrisCode Rotated(const IrisCode& iris, int columns) {
  int c = columns % kIrisColumns;
  if (c < 0) c += kIrisColumns;
  IrisCode out;
  RotateRings(iris.code, 2 * c, &out.code);
  RotateRings(iris.mask, 2 * c, &out.mask);
  return out;
}

std::string SerializeIris(const IrisTemplate& t) {
  std::string out(kMagic, 4);
  out.push_back(static_cast<char>(kIrisFormatVersion));
  out.push_back(static_cast<char>(t.eye));
  out.push_back(static_cast<char>(t.quality));
  out.push_back('\0');
  PutWords(t.iris.code, &out);
  PutWords(t.iris.mask, &out);
  return out;
}

Result<IrisTemplate> ParseIris(std::string_view bytes, const std::string& field) {
  if (bytes.size() != kIrisSerializedSize) {
    return Status::Invalid(field, std::to_string(bytes.size()) + " bytes",
                           "an iris template is exactly 520 bytes (format version 1)");
  }
  if (std::memcmp(bytes.data(), kMagic, 4) != 0) {
    return Status::Invalid(field, "magic", "must start with the bytes \"SKIR\"");
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  if (p[4] != kIrisFormatVersion) {
    return Status::Invalid(field, std::to_string(p[4]), "unknown iris template version (known: 1)");
  }
  if (p[5] != static_cast<uint8_t>(Eye::kRight) && p[5] != static_cast<uint8_t>(Eye::kLeft)) {
    return Status::Invalid(field, std::to_string(p[5]), "eye byte must be 1 (right) or 2 (left)");
  }
  if (p[6] > 100) {
    return Status::Invalid(field, std::to_string(p[6]), "quality must be 0..100");
  }
  if (p[7] != 0) return Status::Invalid(field, std::to_string(p[7]), "reserved byte must be 0");
  IrisTemplate t;
  t.eye = static_cast<Eye>(p[5]);
  t.quality = p[6];
  GetWords(p + 8, &t.iris.code);
  GetWords(p + 8 + kIrisBits / 8, &t.iris.mask);
  return t;
}

}  // namespace siak::abis
