// libFuzzer target for the finger minutiae record decoder (src/abis/finger_template.h).
//
// Beyond "no crash, no out-of-bounds read, no undefined behaviour" (ASan + UBSan), it checks the
// decoder's two promises on every input:
//   - a rejection is an InvalidArgument that names the caller's field and starts with the byte;
//   - an accepted record is canonical: encoding it again gives back exactly the input bytes.
// Built by fuzz/build.sh (no CMake). Compiled with -DSIAK_FUZZ_WRITE_CORPUS instead, this file is
// the program that writes the seed corpus (fuzz/build.sh --corpus): records made by the encoder,
// never real fingerprints.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "abis/finger_template.h"

namespace {

[[noreturn]] void Fail(const char* what, const siak::Status& status) {
  std::fprintf(stderr, "finger_template_fuzz: %s: %s\n", what, status.ToString().c_str());
  std::abort();
}

}  // namespace

#ifndef SIAK_FUZZ_WRITE_CORPUS

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto record = siak::abis::DecodeFingerRecord(bytes, "fuzz.template");
  if (!record.ok()) {
    const siak::Status& s = record.status();
    if (s.code() != siak::StatusCode::kInvalidArgument || s.field() != "fuzz.template" ||
        s.rule().rfind("byte ", 0) != 0) {
      Fail("a rejection must be InvalidArgument on the field, starting with the byte", s);
    }
    return 0;
  }
  auto again = siak::abis::EncodeFingerRecord(*record);
  if (!again.ok()) Fail("an accepted record must encode", again.status());
  if (*again != bytes) Fail("an accepted record must re-encode to the same bytes", siak::Status());
  return 0;
}

#else  // SIAK_FUZZ_WRITE_CORPUS

#include <filesystem>
#include <fstream>
#include <vector>

namespace {

using siak::abis::FingerRecord;
using siak::abis::FingerView;
using siak::abis::Minutia;
using siak::abis::MinutiaType;
using siak::abis::TemplateFormat;

FingerView View(int position, int view_number, int impression, int quality, int minutiae,
                TemplateFormat format) {
  FingerView v;
  v.position = position;
  v.view_number = view_number;
  v.impression_type = impression;
  v.quality = quality;
  for (int i = 0; i < minutiae; ++i) {
    Minutia m;
    m.x = static_cast<uint16_t>((i * 37) % 300);
    m.y = static_cast<uint16_t>((i * 53) % 400);
    // ANSI holds 180 angles: seed with ones it represents exactly.
    m.angle = static_cast<uint8_t>(format == TemplateFormat::kAnsi378_2004
                                       ? ((i * 11) % 180 * 256 + 90) / 180
                                       : (i * 29) % 256);
    m.type = static_cast<MinutiaType>(i % 3);
    m.quality = static_cast<uint8_t>((i * 17) % 101);
    v.minutiae.push_back(m);
  }
  return v;
}

FingerRecord Record(TemplateFormat format, std::vector<FingerView> views) {
  FingerRecord r;
  r.format = format;
  r.width = 300;
  r.height = 400;
  r.x_resolution = 197;
  r.y_resolution = 197;
  r.capture_equipment = 0x1234;
  if (format == TemplateFormat::kAnsi378_2004) r.product_id = 0x00330044;
  r.views = std::move(views);
  return r;
}

std::string Encode(const FingerRecord& r) {
  auto bytes = siak::abis::EncodeFingerRecord(r);
  if (!bytes.ok()) Fail("a seed must encode", bytes.status());
  return *bytes;
}

void Write(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
  std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", (dir / name).c_str());
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus directory>\n", argv[0]);
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  for (TemplateFormat format : {TemplateFormat::kIso19794_2_2005, TemplateFormat::kAnsi378_2004}) {
    const bool ansi = format == TemplateFormat::kAnsi378_2004;
    const std::string p = ansi ? "ansi_" : "iso_";
    const std::string none = Encode(Record(format, {View(2, 0, 0, 60, 0, format)}));
    const std::string one = Encode(Record(format, {View(7, 0, 1, 80, 1, format)}));
    const std::string many = Encode(Record(format, {View(2, 0, 0, 55, 40, format)}));
    FingerView extended = View(3, 1, 8, 90, 5, format);
    extended.extended_data = std::string("\x00\x01\x00\x06ridge\xff", 10);
    const std::string ext = Encode(Record(format, {extended}));
    const std::string views = Encode(Record(
        format, {View(2, 0, 0, 70, 12, format), View(2, 1, 0, 65, 9, format),
                 View(7, 0, 2, 40, 0, format), View(10, 15, ansi ? 9 : 8, 100, 3, format)}));
    FingerRecord unsized = Record(format, {View(1, 0, 3, 0, 6, format)});
    unsized.width = 0;
    unsized.height = 0;
    unsized.views[0].minutiae[0].x = 16383;
    unsized.views[0].minutiae[0].y = 16383;
    Write(dir, p + "0_minutiae", none);
    Write(dir, p + "1_minutia", one);
    Write(dir, p + "40_minutiae", many);
    Write(dir, p + "255_minutiae", Encode(Record(format, {View(6, 0, 0, 20, 255, format)})));
    Write(dir, p + "extended_data", ext);
    Write(dir, p + "4_views", views);
    Write(dir, p + "no_image_size", Encode(unsized));
    // Invalid seeds: cut short (length field left as is, then patched to agree), and one
    // trailing byte, so the fuzzer starts next to each bounds check.
    const size_t length_at = 8;
    Write(dir, p + "truncated_header", many.substr(0, 20));
    Write(dir, p + "truncated_last_byte", many.substr(0, many.size() - 1));
    Write(dir, p + "trailing_byte", many + '\0');
    std::string cut = views.substr(0, views.size() / 2);
    if (ansi) {
      cut[length_at] = static_cast<char>(cut.size() >> 8);
      cut[length_at + 1] = static_cast<char>(cut.size() & 0xff);
    } else {
      cut[length_at + 2] = static_cast<char>(cut.size() >> 8);
      cut[length_at + 3] = static_cast<char>(cut.size() & 0xff);
    }
    Write(dir, p + "cut_mid_view_length_patched", cut);
  }
  return 0;
}

#endif  // SIAK_FUZZ_WRITE_CORPUS
