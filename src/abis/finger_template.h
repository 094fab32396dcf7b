// Finger minutiae records: ISO/IEC 19794-2:2005 and ANSI/INCITS 378-2004, decoded and encoded
// with strict bounds checks. A malformed or truncated record is an error naming the offset and
// the rule; the decoder never reads past its buffer (fuzzed: fuzz/finger_template_fuzz.cc).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace siak::abis {

enum class MinutiaType : uint8_t { kOther = 0, kRidgeEnding = 1, kBifurcation = 2 };

struct Minutia {
  uint16_t x = 0, y = 0;    // pixels
  uint8_t angle = 0;        // ISO units of 1.40625 degrees (0..255), counter-clockwise
  MinutiaType type = MinutiaType::kOther;
  uint8_t quality = 0;      // 0..100 (0: not reported)
};

// ISO/IEC 19794-2 finger positions: 0 unknown, 1 right thumb .. 5 right little,
// 6 left thumb .. 10 left little.
inline constexpr int kRightIndex = 2;
inline constexpr int kLeftIndex = 7;
std::string_view FingerPositionName(int position);  // "right_index", ...; "" when out of range

struct FingerView {
  int position = 0;
  int view_number = 0;
  int impression_type = 0;  // 0 live-scan plain, 1 live-scan rolled, ...
  int quality = 0;          // 0..100
  std::vector<Minutia> minutiae;
  std::string extended_data;  // kept as bytes
};

enum class TemplateFormat : uint8_t { kIso19794_2_2005, kAnsi378_2004 };

struct FingerRecord {
  TemplateFormat format = TemplateFormat::kIso19794_2_2005;
  uint16_t width = 0, height = 0;          // image size, pixels
  uint16_t x_resolution = 0, y_resolution = 0;  // pixels per cm
  uint16_t capture_equipment = 0;          // ISO: certification flag + equipment id
  std::vector<FingerView> views;           // at least one
  // Added by the finger helper: ANSI/INCITS 378 only, the CBEFF product identifier of the
  // extractor (owner << 16 | type). ISO/IEC 19794-2:2005 has no such field: encoding ISO with a
  // nonzero value fails rather than drop it silently (set it to 0 to convert ANSI to ISO).
  uint32_t product_id = 0;
};

// Detects the format from the header ("FMR\0" " 20\0"; ANSI has a 2-byte or 6-byte length and
// product identifiers). Every error names `field` and the rule, e.g.
//   fingers[3].template: record length 246 in the header but 243 bytes given
Result<FingerRecord> DecodeFingerRecord(std::string_view bytes, const std::string& field);
// Encodes in `record.format`; fails on values the format cannot hold.
Result<std::string> EncodeFingerRecord(const FingerRecord& record);
// Added by the finger helper (see finger_template.cc for the details):
// - The decoder accepts exactly what the encoder writes: reserved bits and bytes must be 0 and the
//   ANSI 6-byte length form is only for records of 64 KiB or more, so a record that decodes
//   re-encodes to the identical bytes (the fuzzer checks this).
// - Strict bounds: a minutia must lie inside the image (x < width, y < height) when the header
//   gives the image size (nonzero); a record holds 1 to 16 finger views.
// - ANSI angles (units of 2 degrees, 0..179) become ISO units on decode, (a * 256 + 90) / 180,
//   and go back on encode, (angle * 180 + 128) / 256: exact for every ANSI value, while an ISO
//   angle converted to ANSI moves by at most 1 degree (halves round up).

}  // namespace siak::abis
