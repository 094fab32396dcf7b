#include "card/chip_payload.h"

#include <gtest/gtest.h>

#include <random>

#include "common/crypto.h"

namespace siak::card {
namespace {

std::string Bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

ChipPayload Sample() {
  ChipPayload p;
  // Deliberately not in tag order: the encoder sorts.
  p.items = {
      {ChipItem::kNama, "SITI NURHALIZA BINTI ABDULLAH"},
      {ChipItem::kNik, "3204015708900002"},
      {ChipItem::kCardSerial, "KTP-3204-2026-0000123"},
      {ChipItem::kTempatLahir, "BANDUNG"},
      {ChipItem::kTanggalLahir, "1990-08-17"},
      {ChipItem::kJenisKelamin, "PEREMPUAN"},
      {ChipItem::kGolonganDarah, "O"},
      {ChipItem::kAlamat, "JL. MERDEKA NO. 17, GANG MAWAR"},
      {ChipItem::kRtRw, "003/007"},
      {ChipItem::kKelDesa, "CIBIRU WETAN"},
      {ChipItem::kKecamatan, "CILEUNYI"},
      {ChipItem::kKabupaten, "KABUPATEN BANDUNG"},
      {ChipItem::kProvinsi, "JAWA BARAT"},
      {ChipItem::kAgama, "ISLAM"},
      {ChipItem::kStatusPerkawinan, "KAWIN"},
      {ChipItem::kPekerjaan, "WIRASWASTA"},
      {ChipItem::kKewarganegaraan, "WNI"},
      {ChipItem::kBerlakuHingga, "SEUMUR HIDUP"},
      {ChipItem::kTempatTerbit, "KAB. BANDUNG"},
      {ChipItem::kTanggalTerbit, "28-11-2026"},
      {ChipItem::kPhotoSha256, Sha256Hex("photo")},
      {ChipItem::kSignatureSha256, Sha256Hex("signature")},
  };
  p.fingers = {{2, Bytes(420, 1)}, {7, Bytes(390, 2)}};
  return p;
}

TEST(ChipPayloadTest, RoundTripsInTagOrder) {
  const SigningKey key = SigningKey::Generate();
  const ChipPayload in = Sample();
  auto bytes = EncodeChipPayload(in, key);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto out = DecodeChipPayload(*bytes, key.public_key());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->key_id, key.public_key().KeyId());
  ASSERT_EQ(out->items.size(), in.items.size());
  for (size_t i = 0; i < out->items.size(); ++i) {
    EXPECT_EQ(static_cast<int>(out->items[i].first), static_cast<int>(i) + 1);  // every tag, in order
    EXPECT_EQ(out->items[i].second, in.Get(out->items[i].first));
  }
  EXPECT_EQ(out->Get(ChipItem::kNik), "3204015708900002");
  EXPECT_EQ(out->Get(ChipItem::kNama), "SITI NURHALIZA BINTI ABDULLAH");
  ASSERT_EQ(out->fingers.size(), 2u);
  EXPECT_EQ(out->fingers[0].position, 2);
  EXPECT_EQ(out->fingers[0].template_bytes, in.fingers[0].template_bytes);
  EXPECT_EQ(out->fingers[1].position, 7);
  EXPECT_EQ(out->fingers[1].template_bytes, in.fingers[1].template_bytes);
  // Canonical: the same data in another order gives the same bytes.
  ChipPayload reordered = in;
  std::reverse(reordered.items.begin(), reordered.items.end());
  EXPECT_EQ(*EncodeChipPayload(reordered, key), *bytes);
}

TEST(ChipPayloadTest, FollowsTheDocumentedLayout) {
  const SigningKey key = SigningKey::Generate();
  ChipPayload p;
  p.items = {{ChipItem::kNama, "ANI"}, {ChipItem::kNik, "3204015708900002"}};
  p.fingers = {{7, "REC"}};
  auto bytes = EncodeChipPayload(p, key);
  ASSERT_TRUE(bytes.ok());
  std::string expected = "SKCP";
  expected += '\x01';
  expected += *FromHex(key.public_key().KeyId());
  expected += std::string("\x00\x02", 2);
  expected += std::string("\x02\x00\x10", 3) + "3204015708900002";
  expected += std::string("\x03\x00\x03", 3) + "ANI";
  expected += std::string("\x00\x01", 2);
  expected += std::string("\x07\x00\x03", 3) + "REC";
  ASSERT_EQ(bytes->size(), expected.size() + 64);
  EXPECT_EQ(bytes->substr(0, expected.size()), expected);
  // The signature covers every byte before it.
  EXPECT_TRUE(VerifySignature(key.public_key(), expected, bytes->substr(expected.size())));
}

TEST(ChipPayloadTest, EmptyPayloadIsValid) {
  const SigningKey key = SigningKey::Generate();
  auto bytes = EncodeChipPayload(ChipPayload{}, key);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->size(), 4u + 1 + 8 + 2 + 2 + 64);
  auto out = DecodeChipPayload(*bytes, key.public_key());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->items.empty());
  EXPECT_EQ(out->Get(ChipItem::kNik), "");
}

TEST(ChipPayloadTest, CapacityIsTheChipsEightKilobytes) {
  const SigningKey key = SigningKey::Generate();
  ChipPayload p;
  p.items = {{ChipItem::kNik, "3204015708900002"}};
  // Header 15 + item 19 + finger count 2 + finger header 3 + signature 64 = 103 bytes of overhead.
  p.fingers = {{2, Bytes(kChipCapacity - 103, 3)}};
  auto exact = EncodeChipPayload(p, key);
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_EQ(exact->size(), kChipCapacity);
  EXPECT_TRUE(DecodeChipPayload(*exact, key.public_key()).ok());

  p.fingers[0].template_bytes += 'x';
  auto over = EncodeChipPayload(p, key);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().field(), "chip");
  EXPECT_NE(over.status().rule().find("8192"), std::string::npos);

  // A reader refuses more than the chip can hold before parsing anything.
  EXPECT_FALSE(DecodeChipPayload(*exact + "x", key.public_key()).ok());
}

TEST(ChipPayloadTest, EncoderRefusesWhatTheLayoutCannotHold) {
  const SigningKey key = SigningKey::Generate();
  auto fails = [&](const ChipPayload& p, const std::string& rule_part) {
    auto r = EncodeChipPayload(p, key);
    ASSERT_FALSE(r.ok()) << rule_part;
    EXPECT_EQ(r.status().field(), "chip");
    EXPECT_NE(r.status().rule().find(rule_part), std::string::npos) << r.status().ToString();
  };
  ChipPayload p;
  p.items = {{ChipItem::kNik, "1"}, {ChipItem::kNama, "A"}, {ChipItem::kNik, "2"}};
  fails(p, "twice");
  p.items = {{static_cast<ChipItem>(0), "x"}};
  fails(p, "unknown item tag");
  p.items = {{static_cast<ChipItem>(23), "x"}};
  fails(p, "unknown item tag");
  p.items = {{ChipItem::kNama, std::string(70000, 'A')}};
  fails(p, "65535");
  p.items = {{ChipItem::kNama, "\xc3\x28"}};
  fails(p, "UTF-8");
  p.items = {};
  p.fingers = {{2, "a"}, {7, "b"}, {3, "c"}};
  fails(p, "at most 2");
  p.fingers = {{11, "a"}};
  fails(p, "1..10");
  p.fingers = {{2, ""}};
  fails(p, "1 to 65535");
  p.fingers = {{2, "a"}, {2, "b"}};
  fails(p, "twice");
}

TEST(ChipPayloadTest, EveryTruncationFailsCleanly) {
  const SigningKey key = SigningKey::Generate();
  auto bytes = EncodeChipPayload(Sample(), key);
  ASSERT_TRUE(bytes.ok());
  for (size_t n = 0; n < bytes->size(); ++n) {
    // A copy of exactly n bytes, so that ASan catches any read past the end.
    const std::string prefix = bytes->substr(0, n);
    auto r = DecodeChipPayload(prefix, key.public_key());
    ASSERT_FALSE(r.ok()) << "decoded a prefix of " << n << " bytes";
    ASSERT_EQ(r.status().field(), "chip");
    ASSERT_NE(r.status().rule().find("truncated"), std::string::npos) << n << ": " << r.status().ToString();
  }
}

TEST(ChipPayloadTest, EveryBitFlipFails) {
  const SigningKey key = SigningKey::Generate();
  ChipPayload p;
  p.items = {{ChipItem::kNik, "3204015708900002"}, {ChipItem::kNama, "BUDI"}, {ChipItem::kGolonganDarah, "AB"}};
  p.fingers = {{2, Bytes(40, 4)}};
  auto bytes = EncodeChipPayload(p, key);
  ASSERT_TRUE(bytes.ok());
  for (size_t i = 0; i < bytes->size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string changed = *bytes;
      changed[i] = static_cast<char>(changed[i] ^ (1 << bit));
      auto r = DecodeChipPayload(changed, key.public_key());
      ASSERT_FALSE(r.ok()) << "byte " << i << " bit " << bit;
      ASSERT_EQ(r.status().field(), "chip");
    }
  }
}

TEST(ChipPayloadTest, RandomBytesNeverDecode) {
  const SigningKey key = SigningKey::Generate();
  std::mt19937 rng(11);
  std::string head = "SKCP";
  head += '\x01';
  head += *FromHex(key.public_key().KeyId());
  for (int i = 0; i < 3000; ++i) {
    std::string bytes = (i % 2 ? head : std::string()) + Bytes(rng() % 300, static_cast<uint32_t>(i));
    EXPECT_FALSE(DecodeChipPayload(bytes, key.public_key()).ok());
  }
}

// Builds a payload by hand (to reach the structural checks behind the signature) and signs it.
std::string Signed(const SigningKey& key, std::string body) {
  std::string out = "SKCP";
  out += '\x01';
  out += *FromHex(key.public_key().KeyId());
  out += body;
  return out + key.Sign(out);
}

TEST(ChipPayloadTest, DecoderNamesTheRule) {
  const SigningKey key = SigningKey::Generate();
  auto rule = [&](std::string_view bytes) {
    auto r = DecodeChipPayload(bytes, key.public_key());
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().rule();
  };
  auto good = *EncodeChipPayload(Sample(), key);

  std::string magic = good;
  magic[0] = 'X';
  EXPECT_NE(rule(magic).find("magic"), std::string::npos);
  std::string version = good;
  version[4] = 2;
  EXPECT_NE(rule(version).find("version"), std::string::npos);
  EXPECT_NE(rule(good + std::string(1, '\0')).find("after the signature"), std::string::npos);
  std::string signature = good;
  signature.back() ^= 0x40;
  EXPECT_NE(rule(signature).find("signature"), std::string::npos);

  // Another key: the key id says so before any signature check.
  const SigningKey other = SigningKey::Generate();
  auto r = DecodeChipPayload(good, other.public_key());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().rule().find("signed by another key"), std::string::npos);
  EXPECT_EQ(r.status().value(), key.public_key().KeyId());
  // Another key that forged the key id still fails the signature.
  std::string forged = good.substr(0, good.size() - 64);
  forged += other.Sign(forged);
  EXPECT_NE(rule(forged).find("signature"), std::string::npos);

  const std::string no_fingers("\x00\x00", 2);
  EXPECT_NE(rule(Signed(key, std::string("\x00\x02\x02\x00\x01" "1\x02\x00\x01" "2", 10) + no_fingers)).find("twice"),
            std::string::npos);
  EXPECT_NE(rule(Signed(key, std::string("\x00\x02\x03\x00\x01" "A\x02\x00\x01" "2", 10) + no_fingers)).find("order"),
            std::string::npos);
  EXPECT_NE(rule(Signed(key, std::string("\x00\x01\x63\x00\x01" "A", 6) + no_fingers)).find("unknown item tag"),
            std::string::npos);
  EXPECT_NE(rule(Signed(key, std::string("\x00\x01\x03\x00\x02\xc3\x28", 7) + no_fingers)).find("UTF-8"),
            std::string::npos);
  EXPECT_NE(rule(Signed(key, std::string("\x00\x00\x00\x03", 4))).find("more than 2"), std::string::npos);
  EXPECT_NE(rule(Signed(key, std::string("\x00\x00\x00\x01\x0b\x00\x01X", 8))).find("1..10"), std::string::npos);
  EXPECT_NE(rule(Signed(key, std::string("\x00\x00\x00\x02\x02\x00\x01X\x02\x00\x01Y", 12))).find("twice"),
            std::string::npos);
  EXPECT_NE(rule(Signed(key, std::string("\x00\x00\x00\x01\x02\x00\x00", 7))).find("empty"), std::string::npos);
  // A well-formed hand-made payload decodes: the checks above fail for their own reason.
  EXPECT_TRUE(DecodeChipPayload(Signed(key, std::string("\x00\x01\x03\x00\x01" "A", 6) + no_fingers),
                                key.public_key()).ok());
}

TEST(ChipPayloadTest, ItemNames) {
  EXPECT_EQ(ChipItemName(ChipItem::kNik), "nik");
  EXPECT_EQ(ChipItemName(ChipItem::kNama), "nama");
  EXPECT_EQ(ChipItemName(ChipItem::kCardSerial), "card_serial");
  EXPECT_EQ(ChipItemName(ChipItem::kSignatureSha256), "signature_sha256");
  for (int tag = 1; tag <= 22; ++tag) EXPECT_FALSE(ChipItemName(static_cast<ChipItem>(tag)).empty()) << tag;
  EXPECT_EQ(ChipItemName(static_cast<ChipItem>(99)), "");
}

}  // namespace
}  // namespace siak::card
