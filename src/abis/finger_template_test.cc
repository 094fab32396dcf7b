#include "abis/finger_template.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <vector>

#include "common/rng.h"

#ifndef SIAK_SHARED_DATA_DIR
#define SIAK_SHARED_DATA_DIR ""
#endif

namespace siak::abis {
namespace {

namespace fs = std::filesystem;

// Decodes from a heap buffer of exactly the record's size, so that AddressSanitizer catches a read
// of even one byte past the end (a std::string keeps a terminating NUL there).
Result<FingerRecord> DecodeExact(std::string_view bytes, const std::string& field = "template") {
  const std::vector<char> exact(bytes.begin(), bytes.end());
  return DecodeFingerRecord(std::string_view(exact.data(), exact.size()), field);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void Set8(std::string* b, size_t at, int v) { (*b)[at] = static_cast<char>(v); }
void Set16(std::string* b, size_t at, uint32_t v) {
  (*b)[at] = static_cast<char>((v >> 8) & 0xff);
  (*b)[at + 1] = static_cast<char>(v & 0xff);
}
void Set32(std::string* b, size_t at, uint32_t v) {
  Set16(b, at, v >> 16);
  Set16(b, at + 2, v & 0xffff);
}

std::string Hex(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string Encode(const FingerRecord& r) {
  auto bytes = EncodeFingerRecord(r);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

void ExpectSameRecord(const FingerRecord& a, const FingerRecord& b) {
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.width, b.width);
  EXPECT_EQ(a.height, b.height);
  EXPECT_EQ(a.x_resolution, b.x_resolution);
  EXPECT_EQ(a.y_resolution, b.y_resolution);
  EXPECT_EQ(a.capture_equipment, b.capture_equipment);
  EXPECT_EQ(a.product_id, b.product_id);
  ASSERT_EQ(a.views.size(), b.views.size());
  for (size_t v = 0; v < a.views.size(); ++v) {
    const FingerView& x = a.views[v];
    const FingerView& y = b.views[v];
    EXPECT_EQ(x.position, y.position) << v;
    EXPECT_EQ(x.view_number, y.view_number) << v;
    EXPECT_EQ(x.impression_type, y.impression_type) << v;
    EXPECT_EQ(x.quality, y.quality) << v;
    EXPECT_EQ(x.extended_data, y.extended_data) << v;
    ASSERT_EQ(x.minutiae.size(), y.minutiae.size()) << v;
    for (size_t m = 0; m < x.minutiae.size(); ++m) {
      EXPECT_EQ(x.minutiae[m].x, y.minutiae[m].x) << v << "/" << m;
      EXPECT_EQ(x.minutiae[m].y, y.minutiae[m].y) << v << "/" << m;
      EXPECT_EQ(x.minutiae[m].angle, y.minutiae[m].angle) << v << "/" << m;
      EXPECT_EQ(x.minutiae[m].type, y.minutiae[m].type) << v << "/" << m;
      EXPECT_EQ(x.minutiae[m].quality, y.minutiae[m].quality) << v << "/" << m;
    }
  }
}

// One view, two minutiae (one on the last pixel inside the image), no extended data. ISO layout:
// view header at 24, minutiae at 28 and 34, extended data length at 40, 42 bytes in all; ANSI
// (26-byte header) shifts everything after the header by 2.
FingerRecord SampleRecord(TemplateFormat format) {
  FingerRecord r;
  r.format = format;
  r.width = 300;
  r.height = 400;
  r.x_resolution = 197;
  r.y_resolution = 197;
  r.capture_equipment = 0x1234;
  if (format == TemplateFormat::kAnsi378_2004) r.product_id = 0x00110022;
  FingerView v;
  v.position = kRightIndex;
  v.quality = 60;
  v.minutiae.push_back({10, 20, 64, MinutiaType::kRidgeEnding, 50});
  v.minutiae.push_back({299, 399, 255, MinutiaType::kBifurcation, 100});
  r.views.push_back(v);
  return r;
}

// A richer record: several views, 0, 1 and many minutiae, extended data.
FingerRecord RichRecord(TemplateFormat format) {
  FingerRecord r = SampleRecord(format);
  FingerView empty;
  empty.position = kLeftIndex;
  empty.view_number = 1;
  empty.impression_type = 1;
  r.views.push_back(empty);
  FingerView one;
  one.position = 10;
  one.view_number = 15;
  one.impression_type = 8;
  one.quality = 100;
  one.minutiae.push_back({0, 0, 0, MinutiaType::kOther, 0});
  one.extended_data = std::string("\x00\x01\x00\x03xyz\xff", 8);
  r.views.push_back(one);
  FingerView many;
  many.position = 0;
  many.impression_type = 3;
  many.quality = 1;
  for (int i = 0; i < 255; ++i) {
    const auto type = static_cast<MinutiaType>(i % 3);
    // ANSI holds 180 angles: use ones it represents exactly, so the round trip is exact.
    const int ansi_angle = (i * 7) % 180;
    const auto angle = static_cast<uint8_t>(format == TemplateFormat::kAnsi378_2004
                                                ? (ansi_angle * 256 + 90) / 180
                                                : (i * 13) % 256);
    many.minutiae.push_back({static_cast<uint16_t>(i), static_cast<uint16_t>(399 - i), angle, type,
                             static_cast<uint8_t>(i % 101)});
  }
  r.views.push_back(many);
  return r;
}

// Every rejection must name the caller's field and state the rule; `parts` must all appear.
void ExpectRejected(std::string_view bytes, std::vector<std::string> parts) {
  auto r = DecodeExact(bytes, "fingers[3].template");
  ASSERT_FALSE(r.ok()) << "accepted " << Hex(bytes);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "fingers[3].template");
  const std::string text = r.status().ToString();
  for (const std::string& part : parts) {
    EXPECT_NE(text.find(part), std::string::npos) << "'" << part << "' not in: " << text;
  }
}

void ExpectEncodeRejected(const FingerRecord& record, const std::string& field,
                          const std::string& rule_part) {
  auto r = EncodeFingerRecord(record);
  ASSERT_FALSE(r.ok()) << "encoded " << field;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), field) << r.status().ToString();
  EXPECT_NE(r.status().rule().find(rule_part), std::string::npos) << r.status().ToString();
}

// ../shared/data beside the checkout, or wherever $SIAK_SHARED_DATA points (a clone elsewhere).
fs::path SharedData() {
  const char* env = std::getenv("SIAK_SHARED_DATA");
  return fs::path(env && *env ? env : SIAK_SHARED_DATA_DIR);
}

TEST(FingerTemplate, PositionNames) {
  EXPECT_EQ(FingerPositionName(0), "unknown");
  EXPECT_EQ(FingerPositionName(1), "right_thumb");
  EXPECT_EQ(FingerPositionName(kRightIndex), "right_index");
  EXPECT_EQ(FingerPositionName(5), "right_little");
  EXPECT_EQ(FingerPositionName(6), "left_thumb");
  EXPECT_EQ(FingerPositionName(kLeftIndex), "left_index");
  EXPECT_EQ(FingerPositionName(10), "left_little");
  EXPECT_EQ(FingerPositionName(11), "");
  EXPECT_EQ(FingerPositionName(-1), "");
}

// The layouts byte by byte, written out by hand from the standards (not from the encoder).
TEST(FingerTemplate, EncodesTheStandardIsoLayout) {
  const std::string expected = std::string("FMR\0 20\0", 8) +
      std::string("\x00\x00\x00\x2a"  // record length 42
                  "\x12\x34"          // capture equipment
                  "\x01\x2c\x01\x90"  // width 300, height 400
                  "\x00\xc5\x00\xc5"  // 197 pixels per cm
                  "\x01\x00"          // 1 view, reserved
                  "\x02\x00\x3c\x02"  // right index, view 0 / live plain, quality 60, 2 minutiae
                  "\x40\x0a\x00\x14\x40\x32"  // ridge ending (1 << 14 | 10), y 20, angle 64, q 50
                  "\x81\x2b\x01\x8f\xff\x64"  // bifurcation (2 << 14 | 299), y 399, 255, q 100
                  "\x00\x00",                  // no extended data
                  34);
  const std::string bytes = Encode(SampleRecord(TemplateFormat::kIso19794_2_2005));
  EXPECT_EQ(Hex(bytes), Hex(expected));
  auto back = DecodeExact(expected);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameRecord(*back, SampleRecord(TemplateFormat::kIso19794_2_2005));
}

TEST(FingerTemplate, EncodesTheStandardAnsiLayoutWithAnglesInTwoDegreeUnits) {
  const std::string expected = std::string("FMR\0 20\0", 8) +
      std::string("\x00\x2c"          // record length 44 (2-byte form)
                  "\x00\x11\x00\x22"  // CBEFF product identifier: owner 0x11, type 0x22
                  "\x12\x34"          // capture equipment
                  "\x01\x2c\x01\x90\x00\xc5\x00\xc5"
                  "\x01\x00"
                  "\x02\x00\x3c\x02"
                  "\x40\x0a\x00\x14\x2d\x32"  // ISO angle 64 (90 degrees) is ANSI 45
                  "\x81\x2b\x01\x8f\xb3\x64"  // ISO 255 (358.6 degrees) is ANSI 179
                  "\x00\x00",
                  36);
  const std::string bytes = Encode(SampleRecord(TemplateFormat::kAnsi378_2004));
  EXPECT_EQ(Hex(bytes), Hex(expected));
  auto back = DecodeExact(expected);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->format, TemplateFormat::kAnsi378_2004);
  ExpectSameRecord(*back, SampleRecord(TemplateFormat::kAnsi378_2004));
}

TEST(FingerTemplate, AnsiAnglesConvertExactlyOneWayAndWithinOneDegreeTheOther) {
  FingerRecord r = SampleRecord(TemplateFormat::kAnsi378_2004);
  r.views[0].minutiae.resize(1);
  const std::string base = Encode(r);
  ASSERT_EQ(base.size(), 38u);
  // Every ANSI byte decodes to the nearest ISO unit and encodes back to itself.
  for (int a = 0; a <= 179; ++a) {
    std::string b = base;
    Set8(&b, 34, a);
    auto d = DecodeExact(b);
    ASSERT_TRUE(d.ok()) << a << ": " << d.status().ToString();
    const double degrees = a * 2.0;
    const double iso_degrees = d->views[0].minutiae[0].angle * 1.40625;
    EXPECT_LE(std::abs(degrees - iso_degrees), 1.40625 / 2) << a;
    EXPECT_EQ(Encode(*d), b) << a;
  }
  // Every ISO angle goes to the nearest ANSI unit (halves up) and comes back within one degree.
  for (int iso = 0; iso <= 255; ++iso) {
    r.views[0].minutiae[0].angle = static_cast<uint8_t>(iso);
    const std::string b = Encode(r);
    const int ansi = static_cast<unsigned char>(b[34]);
    EXPECT_LE(ansi, 179) << iso;
    EXPECT_LE(std::abs(iso * 1.40625 - ansi * 2.0), 1.0) << iso;
    auto d = DecodeExact(b);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_LE(std::abs(d->views[0].minutiae[0].angle - iso), 1) << iso;
  }
  r.views[0].minutiae[0].angle = 32;  // 45 degrees = 22.5 ANSI units: the tie rounds up
  EXPECT_EQ(static_cast<unsigned char>(Encode(r)[34]), 23);
}

TEST(FingerTemplate, SyntheticRecordsRoundTripInBothFormats) {
  for (TemplateFormat format : {TemplateFormat::kIso19794_2_2005, TemplateFormat::kAnsi378_2004}) {
    for (const FingerRecord& r : {SampleRecord(format), RichRecord(format)}) {
      const std::string bytes = Encode(r);
      auto back = DecodeExact(bytes);
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      ExpectSameRecord(*back, r);
      EXPECT_EQ(Encode(*back), bytes);
    }
  }
  // Width and height 0 mean "not given": any 14-bit coordinate is then allowed.
  FingerRecord r = SampleRecord(TemplateFormat::kIso19794_2_2005);
  r.width = 0;
  r.height = 0;
  r.views[0].minutiae[0].x = 16383;
  r.views[0].minutiae[0].y = 16383;
  auto back = DecodeExact(Encode(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameRecord(*back, r);
}

// Random valid records of both formats survive encode -> decode -> encode unchanged.
TEST(FingerTemplate, RandomRecordsRoundTrip) {
  Rng rng(19794);
  for (int i = 0; i < 300; ++i) {
    FingerRecord r;
    r.format = rng.Below(2) ? TemplateFormat::kAnsi378_2004 : TemplateFormat::kIso19794_2_2005;
    const bool ansi = r.format == TemplateFormat::kAnsi378_2004;
    r.width = static_cast<uint16_t>(rng.Below(3) == 0 ? 0 : rng.Between(1, 2000));
    r.height = static_cast<uint16_t>(rng.Below(3) == 0 ? 0 : rng.Between(1, 2000));
    r.x_resolution = static_cast<uint16_t>(rng.Between(1, 65535));
    r.y_resolution = static_cast<uint16_t>(rng.Between(1, 65535));
    r.capture_equipment = static_cast<uint16_t>(rng.Below(65536));
    if (ansi) r.product_id = static_cast<uint32_t>(rng.Next());
    const int views = rng.Between(1, 16);
    for (int v = 0; v < views; ++v) {
      FingerView view;
      view.position = rng.Between(0, 10);
      view.view_number = rng.Between(0, 15);
      static constexpr int kTypes[] = {0, 1, 2, 3, 8, 9};
      view.impression_type = kTypes[rng.Below(ansi ? 6 : 5)];
      view.quality = rng.Between(0, 100);
      const int n = rng.Between(0, rng.Below(4) == 0 ? 255 : 40);
      for (int m = 0; m < n; ++m) {
        Minutia mi;
        mi.x = static_cast<uint16_t>(rng.Below(r.width ? r.width : 16384));
        mi.y = static_cast<uint16_t>(rng.Below(r.height ? r.height : 16384));
        mi.angle = static_cast<uint8_t>(ansi ? (rng.Below(180) * 256 + 90) / 180 : rng.Below(256));
        mi.type = static_cast<MinutiaType>(rng.Below(3));
        mi.quality = static_cast<uint8_t>(rng.Below(101));
        view.minutiae.push_back(mi);
      }
      view.extended_data.resize(rng.Below(4) == 0 ? rng.Below(300) : 0);
      for (char& c : view.extended_data) c = static_cast<char>(rng.Below(256));
      r.views.push_back(view);
    }
    const std::string bytes = Encode(r);
    auto back = DecodeExact(bytes);
    ASSERT_TRUE(back.ok()) << i << ": " << back.status().ToString();
    ExpectSameRecord(*back, r);
    EXPECT_EQ(Encode(*back), bytes) << i;
  }
}

TEST(FingerTemplate, AnsiUsesTheSixByteLengthOnlyFromSixtyFourKibibytes) {
  FingerRecord r = SampleRecord(TemplateFormat::kAnsi378_2004);
  // 26-byte header + 4 + 12 + 2 + extended data: 65535 bytes exactly still fits the short form.
  r.views[0].extended_data.assign(65535 - 44, 'e');
  std::string bytes = Encode(r);
  ASSERT_EQ(bytes.size(), 65535u);
  EXPECT_EQ(Hex(bytes.substr(8, 2)), "ffff");
  auto back = DecodeExact(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->views[0].extended_data.size(), 65535u - 44);

  // One more byte: 0x0000 then a 4-byte length, and the header grows by 4.
  r.views[0].extended_data.push_back('e');
  bytes = Encode(r);
  ASSERT_EQ(bytes.size(), 65540u);
  EXPECT_EQ(Hex(bytes.substr(8, 6)), "00000001" "0004");
  back = DecodeExact(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->format, TemplateFormat::kAnsi378_2004);
  ExpectSameRecord(*back, r);
  EXPECT_EQ(Encode(*back), bytes);

  // ISO records of that size keep their 4-byte length; detection still finds ISO.
  r.format = TemplateFormat::kIso19794_2_2005;
  r.product_id = 0;
  bytes = Encode(r);
  back = DecodeExact(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->format, TemplateFormat::kIso19794_2_2005);
}

TEST(FingerTemplate, RealFvcRecordsDecodeAndReencodeToTheSameBytes) {
  const fs::path root = SharedData() / "fvc2002-iso";
  if (!fs::is_directory(root)) {
    GTEST_SKIP() << "no " << root << ": the FVC2002 research data is not next to this checkout (set SIAK_SHARED_DATA) "
                 << "(see ../shared/data/README.md); nothing to decode";
  }
  std::vector<int> counts;
  for (const char* db : {"DB1_B", "DB2_B", "DB3_B", "DB4_B"}) {
    for (int finger = 101; finger <= 110; ++finger) {
      for (int impression = 1; impression <= 8; ++impression) {
        const std::string name = std::to_string(finger) + "_" + std::to_string(impression) + ".iso";
        const fs::path path = root / db / name;
        ASSERT_TRUE(fs::exists(path)) << path;
        const std::string bytes = ReadFile(path);
        auto r = DecodeExact(bytes, std::string(db) + "/" + name);
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        EXPECT_EQ(r->format, TemplateFormat::kIso19794_2_2005) << path;
        ASSERT_EQ(r->views.size(), 1u) << path;
        const size_t n = r->views[0].minutiae.size();
        // The README's layout: 24 + 4 + 6 per minutia + 2.
        EXPECT_EQ(bytes.size(), 24 + 4 + 6 * n + 2) << path;
        auto again = EncodeFingerRecord(*r);
        ASSERT_TRUE(again.ok()) << again.status().ToString();
        EXPECT_TRUE(*again == bytes) << path << " re-encodes differently";
        counts.push_back(static_cast<int>(n));
      }
    }
  }
  ASSERT_EQ(counts.size(), 320u);
  double mean = 0;
  for (int n : counts) mean += n;
  mean /= static_cast<double>(counts.size());
  const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
  std::cout << "FVC2002 B: " << counts.size() << " records, minutiae mean " << mean << ", range "
            << *lo << ".." << *hi << " (README: mean 35, 6 to 81)\n";
  // The README gives mean 35 within 6..81: a decoder misreading counts or offsets lands far off.
  EXPECT_GE(mean, 25.0);
  EXPECT_LE(mean, 45.0);
  EXPECT_GE(*lo, 6);
  EXPECT_LE(*hi, 81);
}

TEST(FingerTemplate, TruncatedRealRecordsAreRejectedAsTruncated) {
  const fs::path dir = SharedData() / "iso-invalid";
  if (!fs::is_directory(dir)) {
    GTEST_SKIP() << "no " << dir << ": the truncated samples are not next to this checkout";
  }
  int seen = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".iso") continue;
    ++seen;
    SCOPED_TRACE(entry.path().string());
    ExpectRejected(ReadFile(entry.path()), {"byte 8", "record length 30", "truncated"});
  }
  EXPECT_EQ(seen, 3);
}

std::vector<std::string> ValidSeeds() {
  std::vector<std::string> seeds = {Encode(SampleRecord(TemplateFormat::kIso19794_2_2005)),
                                    Encode(SampleRecord(TemplateFormat::kAnsi378_2004)),
                                    Encode(RichRecord(TemplateFormat::kIso19794_2_2005)),
                                    Encode(RichRecord(TemplateFormat::kAnsi378_2004))};
  const fs::path fvc = SharedData() / "fvc2002-iso" / "DB1_B" / "101_1.iso";
  if (fs::exists(fvc)) seeds.push_back(ReadFile(fvc));
  return seeds;
}

TEST(FingerTemplate, EveryTruncationFailsCleanly) {
  for (const std::string& good : ValidSeeds()) {
    ASSERT_TRUE(DecodeExact(good).ok());
    const bool ansi = DecodeExact(good)->format == TemplateFormat::kAnsi378_2004;
    for (size_t n = 0; n < good.size(); ++n) {
      const std::string cut = good.substr(0, n);
      auto r = DecodeExact(cut, "t");
      ASSERT_FALSE(r.ok()) << n;
      EXPECT_EQ(r.status().field(), "t");
      // The same cut with the length field patched to agree: now the view, minutia and
      // extended-data bounds must catch it.
      if (n >= 12) {
        std::string patched = cut;
        if (ansi) {
          Set16(&patched, 8, static_cast<uint32_t>(n));
        } else {
          Set32(&patched, 8, static_cast<uint32_t>(n));
        }
        auto p = DecodeExact(patched, "t");
        ASSERT_FALSE(p.ok()) << "patched cut at " << n << " accepted";
        EXPECT_EQ(p.status().field(), "t");
      }
    }
  }
}

// Under ASan/UBSan (the test build) any out-of-bounds read or undefined shift fails here; anything
// the decoder accepts must also be exactly what the encoder writes for it.
TEST(FingerTemplate, RandomBitFlipsNeverCrashAndAcceptedRecordsAreCanonical) {
  Rng rng(2005);
  int accepted = 0, rejected = 0;
  for (const std::string& good : ValidSeeds()) {
    for (int i = 0; i < 4000; ++i) {
      std::string b = good;
      const int flips = rng.Between(1, 4);
      for (int f = 0; f < flips; ++f) {
        // Half of the flips go to the first 48 bytes, where the header and counts are.
        const auto span = static_cast<uint32_t>(rng.Below(2) ? std::min<size_t>(48, b.size())
                                                              : b.size());
        const size_t at = rng.Below(span);
        b[at] = static_cast<char>(b[at] ^ (1 << rng.Below(8)));
      }
      auto r = DecodeExact(b);
      if (!r.ok()) {
        ++rejected;
        EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
        EXPECT_NE(r.status().rule().find("byte "), std::string::npos) << r.status().ToString();
        continue;
      }
      ++accepted;
      auto again = EncodeFingerRecord(*r);
      ASSERT_TRUE(again.ok()) << again.status().ToString();
      ASSERT_EQ(Hex(*again), Hex(b));
    }
  }
  // Flips in coordinates, angles and qualities often stay valid; flips in the header rarely do.
  EXPECT_GT(accepted, 100);
  EXPECT_GT(rejected, 100);
}

TEST(FingerTemplate, DetectsTheFormatFromTheLengthFields) {
  auto iso = DecodeExact(Encode(SampleRecord(TemplateFormat::kIso19794_2_2005)));
  ASSERT_TRUE(iso.ok());
  EXPECT_EQ(iso->format, TemplateFormat::kIso19794_2_2005);
  auto ansi = DecodeExact(Encode(SampleRecord(TemplateFormat::kAnsi378_2004)));
  ASSERT_TRUE(ansi.ok());
  EXPECT_EQ(ansi->format, TemplateFormat::kAnsi378_2004);
  // When neither length matches, the error is about the one nearer the size.
  const std::string ansi_bytes = Encode(SampleRecord(TemplateFormat::kAnsi378_2004));
  ExpectRejected(ansi_bytes.substr(0, 43),
                 {"byte 8", "record length 44 in the ANSI/INCITS 378-2004",
                  "truncated (1 byte missing)"});
  const std::string iso_bytes = Encode(SampleRecord(TemplateFormat::kIso19794_2_2005));
  ExpectRejected(iso_bytes + "zz", {"byte 8", "record length 42 in the ISO/IEC 19794-2:2005",
                                    "trailing bytes (2 bytes too many)"});
}

// One test per decoding rule: the field, the byte and the rule must all be in the error.
TEST(FingerTemplate, DecodeNamesFieldOffsetAndRuleForEachBrokenRule) {
  const std::string good = Encode(SampleRecord(TemplateFormat::kIso19794_2_2005));
  ASSERT_EQ(good.size(), 42u);
  std::string b;

  ExpectRejected("", {"byte 0", "header is 24 bytes", "truncated"});
  ExpectRejected(good.substr(0, 23), {"byte 23", "header is 24 bytes", "truncated"});
  b = good; Set8(&b, 2, 'X');
  ExpectRejected(b, {"byte 0", "FMX\\x00", "format identifier must be \"FMR\\0\""});
  b = good; Set8(&b, 5, '3');
  ExpectRejected(b, {"byte 4", "version must be \" 20\\0\""});
  ExpectRejected(good.substr(0, 41), {"byte 8", "record length 42", "truncated (1 byte missing)"});
  ExpectRejected(good + std::string(3, '\0'), {"byte 8", "trailing bytes (3 bytes too many)"});
  b = good; Set16(&b, 18, 0);
  ExpectRejected(b, {"byte 18", "x_resolution", "must not be 0"});
  b = good; Set16(&b, 20, 0);
  ExpectRejected(b, {"byte 20", "y_resolution", "must not be 0"});
  b = good; Set8(&b, 22, 0);
  ExpectRejected(b, {"byte 22", "= \"0\"", "1 to 16 finger views"});
  b = good; Set8(&b, 22, 17);
  ExpectRejected(b, {"byte 22", "= \"17\"", "1 to 16 finger views"});
  b = good; Set8(&b, 23, 1);
  ExpectRejected(b, {"byte 23", "reserved header byte must be 0"});
  b = good; Set8(&b, 24, 11);
  ExpectRejected(b, {"byte 24", "views[0].position", "finger position must be 0..10"});
  for (int type : {4, 7, 9, 15}) {
    b = good; Set8(&b, 25, type);
    ExpectRejected(b, {"byte 25", "views[0].impression_type", "must be 0..3 or 8"});
  }
  b = good; Set8(&b, 26, 101);
  ExpectRejected(b, {"byte 26", "views[0].quality", "finger quality must be 0..100"});
  b = good; Set8(&b, 28, 0xc0);
  ExpectRejected(b, {"byte 28", "views[0].minutiae[0].type", "3 is reserved"});
  b = good; Set16(&b, 34, (2 << 14) | 300);
  ExpectRejected(b, {"byte 34", "views[0].minutiae[1].x", "less than the image width 300"});
  b = good; Set16(&b, 36, 400);
  ExpectRejected(b, {"byte 36", "views[0].minutiae[1].y", "less than the image height 400"});
  b = good; Set8(&b, 30, 0x40);
  ExpectRejected(b, {"byte 30", "views[0].minutiae[0].y", "top 2 bits of y are reserved"});
  b = good; Set8(&b, 33, 101);
  ExpectRejected(b, {"byte 33", "views[0].minutiae[0].quality", "minutia quality must be 0..100"});
  b = good; Set16(&b, 40, 1);
  ExpectRejected(b, {"byte 40", "views[0].extended_data", "length 1 runs past the end",
                     "0 bytes left"});
  b = good; Set8(&b, 27, 3);
  ExpectRejected(b, {"byte 28", "views[0] with 3 minutiae needs 18 bytes", "has 14 left"});
  b = good; Set8(&b, 22, 2);
  ExpectRejected(b, {"byte 42", "views[1] header needs 4 bytes", "has 0 left"});
  b = good + std::string(2, '\0'); Set32(&b, 8, 44);
  ExpectRejected(b, {"byte 42", "bytes after the last finger view"});
  b = good.substr(0, 40); Set32(&b, 8, 40);
  ExpectRejected(b, {"byte 40", "views[0].extended_data length needs 2 bytes"});

  // ANSI: its own impression types and angle range, and the canonical length form.
  const std::string ansi = Encode(SampleRecord(TemplateFormat::kAnsi378_2004));
  b = ansi; Set8(&b, 27, 9);  // live-scan contactless exists in ANSI 378-2004
  EXPECT_TRUE(DecodeExact(b).ok());
  b = ansi; Set8(&b, 27, 4);
  ExpectRejected(b, {"byte 27", "impression type must be 0..3, 8 or 9 in ANSI/INCITS 378-2004"});
  b = ansi; Set8(&b, 34, 180);
  ExpectRejected(b, {"byte 34", "views[0].minutiae[0].angle", "units of 2 degrees, 0..179"});
  b = ansi; Set16(&b, 20, 0);
  ExpectRejected(b, {"byte 20", "x_resolution"});
  b = std::string(ansi, 0, 8) + std::string("\x00\x00\x00\x00\x00\x30", 6) + ansi.substr(10);
  ASSERT_EQ(b.size(), 48u);
  ExpectRejected(b, {"byte 8", "6-byte record length form is only for records of 65536 bytes"});
  b = ansi.substr(0, 24); Set16(&b, 8, 24);
  ExpectRejected(b, {"byte 24", "ANSI/INCITS 378-2004 header is 26 bytes", "truncated"});
}

TEST(FingerTemplate, EncodeRejectsWhatTheFormatCannotHold) {
  const FingerRecord good = SampleRecord(TemplateFormat::kIso19794_2_2005);
  FingerRecord r;

  r = good; r.views.clear();
  ExpectEncodeRejected(r, "views", "1 to 16 finger views");
  r = good; r.views.resize(17, good.views[0]);
  ExpectEncodeRejected(r, "views", "1 to 16 finger views");
  r = good; r.x_resolution = 0;
  ExpectEncodeRejected(r, "x_resolution", "must not be 0");
  r = good; r.y_resolution = 0;
  ExpectEncodeRejected(r, "y_resolution", "must not be 0");
  r = good; r.product_id = 7;
  ExpectEncodeRejected(r, "product_id", "has no product identifier");
  r = good; r.format = static_cast<TemplateFormat>(7);
  ExpectEncodeRejected(r, "format", "must be ISO/IEC 19794-2:2005 or ANSI/INCITS 378-2004");
  for (int position : {-1, 11}) {
    r = good; r.views[0].position = position;
    ExpectEncodeRejected(r, "views[0].position", "0..10");
  }
  r = good; r.views[0].view_number = 16;
  ExpectEncodeRejected(r, "views[0].view_number", "0..15");
  r = good; r.views[0].impression_type = 9;
  ExpectEncodeRejected(r, "views[0].impression_type", "0..3 or 8");
  r.format = TemplateFormat::kAnsi378_2004;
  EXPECT_TRUE(EncodeFingerRecord(r).ok());
  r = good; r.views[0].quality = 101;
  ExpectEncodeRejected(r, "views[0].quality", "0..100");
  r = good; r.views[0].minutiae.resize(256);
  ExpectEncodeRejected(r, "views[0].minutiae", "at most 255 minutiae");
  r = good; r.views[0].minutiae[1].type = static_cast<MinutiaType>(3);
  ExpectEncodeRejected(r, "views[0].minutiae[1].type", "3 is reserved");
  r = good; r.views[0].minutiae[1].x = 300;
  ExpectEncodeRejected(r, "views[0].minutiae[1].x", "less than the image width 300");
  r = good; r.views[0].minutiae[1].y = 400;
  ExpectEncodeRejected(r, "views[0].minutiae[1].y", "less than the image height 400");
  r = good; r.width = 0; r.views[0].minutiae[1].x = 16384;
  ExpectEncodeRejected(r, "views[0].minutiae[1].x", "at most 16383");
  r = good; r.height = 0; r.views[0].minutiae[1].y = 16384;
  ExpectEncodeRejected(r, "views[0].minutiae[1].y", "at most 16383");
  r = good; r.views[0].minutiae[1].quality = 101;
  ExpectEncodeRejected(r, "views[0].minutiae[1].quality", "0..100");
  r = good; r.views[0].extended_data.assign(65536, 'x');
  ExpectEncodeRejected(r, "views[0].extended_data", "at most 65535 bytes");
}

}  // namespace
}  // namespace siak::abis
