#include "abis/iris_code.h"

#include <gtest/gtest.h>

#include "common/rng.h"

namespace siak::abis {
namespace {

IrisCode RandomCode(uint64_t seed) {
  Rng rng(seed);
  IrisCode c;
  for (int w = 0; w < kIrisWords; ++w) {
    c.code[w] = rng.Next();
    c.mask[w] = rng.Next() | rng.Next();
  }
  return c;
}

TEST(IrisCode, SerializeRoundTripsAndHasTheDocumentedLayout) {
  IrisTemplate t{Eye::kLeft, 87, RandomCode(1)};
  const std::string bytes = SerializeIris(t);
  ASSERT_EQ(bytes.size(), kIrisSerializedSize);
  EXPECT_EQ(bytes.substr(0, 4), "SKIR");
  EXPECT_EQ(bytes[4], 1);
  EXPECT_EQ(bytes[5], 2);
  EXPECT_EQ(static_cast<uint8_t>(bytes[6]), 87);
  // Bit 0 of the code is the low bit of byte 8; the mask starts 256 bytes later.
  EXPECT_EQ(static_cast<uint8_t>(bytes[8]) & 1, t.iris.Bit(0) ? 1 : 0);
  EXPECT_EQ(static_cast<uint8_t>(bytes[8 + 256]) & 1, t.iris.Usable(0) ? 1 : 0);
  auto back = ParseIris(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->eye, Eye::kLeft);
  EXPECT_EQ(back->quality, 87);
  EXPECT_EQ(back->iris, t.iris);
}

TEST(IrisCode, ParseRejectsEveryMalformedTemplateNamingTheRule) {
  const std::string good = SerializeIris({Eye::kRight, 50, RandomCode(2)});
  auto expect_bad = [](const std::string& bytes, const std::string& rule_part) {
    auto r = ParseIris(bytes, "irises[0].template");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().field(), "irises[0].template");
    EXPECT_NE(r.status().ToString().find(rule_part), std::string::npos) << r.status().ToString();
  };
  expect_bad(good.substr(0, 519), "exactly 520 bytes");
  expect_bad(good + "x", "exactly 520 bytes");
  expect_bad("", "exactly 520 bytes");
  std::string b = good; b[0] = 'X'; expect_bad(b, "SKIR");
  b = good; b[4] = 2; expect_bad(b, "version");
  b = good; b[5] = 3; expect_bad(b, "eye");
  b = good; b[6] = static_cast<char>(101); expect_bad(b, "quality");
  b = good; b[7] = 1; expect_bad(b, "reserved");
}

TEST(IrisCode, RotationMovesColumnsWithinEachRing) {
  const IrisCode c = RandomCode(3);
  for (int k : {1, 2, 5, 31, 32, 33, 64, 100, 127}) {
    const IrisCode r = Rotated(c, k);
    for (int ring = 0; ring < kIrisRings; ++ring) {
      for (int col = 0; col < kIrisColumns; ++col) {
        for (int part = 0; part < 2; ++part) {
          const int from = ring * 256 + col * 2 + part;
          const int to = ring * 256 + ((col + k) % kIrisColumns) * 2 + part;
          ASSERT_EQ(r.Bit(to), c.Bit(from)) << "k=" << k << " ring=" << ring << " col=" << col;
          ASSERT_EQ(r.Usable(to), c.Usable(from));
        }
      }
    }
    EXPECT_EQ(Rotated(r, -k), c);
  }
  EXPECT_EQ(Rotated(c, 128), c);
  EXPECT_EQ(Rotated(c, 0), c);
}

TEST(IrisCode, CountsUsableBits) {
  IrisCode c;
  EXPECT_EQ(c.UsableBits(), 0);
  c.SetUsable(0, true);
  c.SetUsable(2047, true);
  c.SetUsable(kIrisPartialWords * 64, true);
  EXPECT_EQ(c.UsableBits(), 3);
  // A rotation moves usable bits but never changes their number (the kernels' bound needs it).
  for (int k : {-8, -1, 3, 8}) EXPECT_EQ(Rotated(c, k).UsableBits(), 3);
  c.SetUsable(2047, false);
  EXPECT_EQ(c.UsableBits(), 2);
}

TEST(IrisCode, EyeNames) {
  EXPECT_EQ(*ParseEye("left"), Eye::kLeft);
  EXPECT_EQ(EyeName(Eye::kRight), "right");
  EXPECT_FALSE(ParseEye("kiri").ok());
}

}  // namespace
}  // namespace siak::abis
