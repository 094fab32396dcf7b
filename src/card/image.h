// Images captured at a recording: the face photo and the signature. Probing reads only the
// header (format, dimensions); decoding checks the whole file; the quality gates say what the
// officer must do when a capture is unusable.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace siak::card {

enum class ImageFormat : uint8_t { kJpeg, kPng };
std::string_view ImageFormatName(ImageFormat format);  // "jpeg" | "png"

struct ImageInfo {
  ImageFormat format = ImageFormat::kJpeg;
  int width = 0;
  int height = 0;
};

// A decoded image, 8-bit grey or RGB, rows packed (stride = width * channels).
struct Pixels {
  int width = 0, height = 0, channels = 0;  // channels 1 or 3
  std::vector<uint8_t> data;
};

// Format and dimensions from the header, with strict bounds checks. Errors name `field`
// (e.g. "photo") and the rule ("must be a JPEG or PNG image", "is truncated", ...).
Result<ImageInfo> ProbeImage(std::string_view bytes, const std::string& field);
// The whole image (JPEG through libturbojpeg, PNG through libpng); a corrupt file fails. More
// than kMaxImagePixels is refused from the header (CheckPixelCount), before any allocation.
Result<Pixels> DecodeImage(std::string_view bytes, const std::string& field);

// At most 40 megapixels (120 MB of RGB) are decoded: a header within ProbeImage's 10000 per side
// may still claim 100 megapixels, 300 MB for one photo of a 512 KB file.
inline constexpr int64_t kMaxImagePixels = 40'000'000;
// OK when width x height is at most kMaxImagePixels; otherwise the error DecodeImage returns
// (field `field`, value "WxH"). Call it on ProbeImage's result before allocating for the pixels.
Status CheckPixelCount(const ImageInfo& info, const std::string& field);

// Limits of the gates, documented in docs/ektp.md.
inline constexpr size_t kMaxPhotoBytes = 512 * 1024;
inline constexpr size_t kMaxSignatureBytes = 128 * 1024;

// What the gate measured (for the recording's quality report).
struct ImageQuality {
  ImageInfo info;
  double mean_luma = 0;    // 0..255
  double luma_stddev = 0;  // contrast
  double ink_fraction = 0; // signature: share of dark pixels
};

// Face photo: JPEG or PNG, at most kMaxPhotoBytes, at least 240x320, portrait (height/width
// 1.1..1.6), neither too dark (mean luma < 40) nor washed out (> 220), not flat (stddev < 12).
// Field "photo"; the rule tells the officer what to do ("too dark: add light and take the photo again").
Result<ImageQuality> CheckFacePhoto(std::string_view bytes);
// Signature: JPEG or PNG, at most kMaxSignatureBytes, at least 200x60, landscape, with ink
// (0.3%..60% of pixels darker than the paper). Field "signature".
Result<ImageQuality> CheckSignature(std::string_view bytes);

}  // namespace siak::card
