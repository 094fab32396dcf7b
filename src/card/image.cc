#include "card/image.h"

#include <png.h>
#include <turbojpeg.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

namespace siak::card {

namespace {

// No camera or scanner at a recording site produces more than this in either direction; a
// header claiming more is garbage or an attempt to make the decoder allocate gigabytes, so it
// is refused before any pixel is decoded.
constexpr int kMaxDimension = 10000;

constexpr std::array<unsigned char, 8> kPngSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

uint32_t Be32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}
uint16_t Be16(const unsigned char* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }

std::string Dims(int width, int height) { return std::to_string(width) + "x" + std::to_string(height); }

std::string KiB(size_t bytes) { return std::to_string((bytes + 1023) / 1024) + " KB"; }

Status CheckDims(int width, int height, const std::string& field) {
  if (width <= 0 || height <= 0) {
    return Status::Invalid(field, Dims(width, height), "has no pixels (zero width or height): take it again");
  }
  if (width > kMaxDimension || height > kMaxDimension) {
    return Status::Invalid(field, Dims(width, height),
                           "is larger than 10000 pixels in a direction: the file is damaged or not a photo");
  }
  return Status::Ok();
}

// PNG: signature, then the IHDR chunk, which the format requires to come first.
Result<ImageInfo> ProbePng(const unsigned char* p, size_t n, const std::string& field) {
  // signature (8) + chunk length (4) + "IHDR" (4) + 13 bytes of IHDR data + CRC (4)
  if (n < 33) return Status::Invalid(field, KiB(n), "is truncated (the PNG header is incomplete): send it again");
  if (Be32(p + 8) != 13 || std::memcmp(p + 12, "IHDR", 4) != 0) {
    return Status::Invalid(field, "", "is a damaged PNG (no IHDR header): save or scan it again");
  }
  const uint32_t w = Be32(p + 16), h = Be32(p + 20);
  const int depth = p[24], colour = p[25];
  // The colour type and bit depth combinations the PNG specification allows.
  bool valid = false;
  switch (colour) {
    case 0: valid = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16; break;
    case 3: valid = depth == 1 || depth == 2 || depth == 4 || depth == 8; break;
    case 2: case 4: case 6: valid = depth == 8 || depth == 16; break;
    default: break;
  }
  if (!valid) return Status::Invalid(field, "", "is a damaged PNG (impossible colour type or bit depth): save it again");
  if (p[26] != 0 || p[27] != 0 || p[28] > 1) {
    return Status::Invalid(field, "", "is a damaged PNG (unknown compression, filter or interlace): save it again");
  }
  // Compare before narrowing so that a declared 4 billion does not wrap to a small number.
  const int width = w > static_cast<uint32_t>(kMaxDimension) ? kMaxDimension + 1 : static_cast<int>(w);
  const int height = h > static_cast<uint32_t>(kMaxDimension) ? kMaxDimension + 1 : static_cast<int>(h);
  SIAK_RETURN_IF_ERROR(CheckDims(width, height, field));
  return ImageInfo{ImageFormat::kPng, width, height};
}

// JPEG: walks the marker segments from SOI to the first frame header. Only baseline,
// extended and progressive Huffman frames (SOF0/1/2) are accepted: they are what cameras
// write and what libturbojpeg decodes.
Result<ImageInfo> ProbeJpeg(const unsigned char* p, size_t n, const std::string& field) {
  const Status truncated = Status::Invalid(field, KiB(n), "is truncated (the JPEG header is incomplete): send it again");
  size_t pos = 2;  // after SOI
  while (true) {
    if (pos >= n) return truncated;
    if (p[pos] != 0xff) {
      return Status::Invalid(field, "", "is a damaged JPEG (bad marker before the frame header): take it again");
    }
    // A marker may be preceded by any number of 0xff fill bytes.
    while (pos < n && p[pos] == 0xff) ++pos;
    if (pos >= n) return truncated;
    const unsigned char marker = p[pos++];
    if (marker == 0x00) {
      return Status::Invalid(field, "", "is a damaged JPEG (bad marker before the frame header): take it again");
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;  // no length field
    if (marker == 0xd8 || marker == 0xd9 || marker == 0xda) {
      return Status::Invalid(field, "", "is a damaged JPEG (no frame header before the image data): take it again");
    }
    if (pos + 2 > n) return truncated;
    const size_t length = Be16(p + pos);
    if (length < 2) return Status::Invalid(field, "", "is a damaged JPEG (bad segment length): take it again");
    if (pos + length > n) return truncated;
    const bool sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    if (sof) {
      if (marker > 0xc2) {
        return Status::Invalid(field, "",
                               "is a lossless or arithmetic-coded JPEG, which is not supported: save it as a normal "
                               "JPEG or PNG");
      }
      if (length < 8) return Status::Invalid(field, "", "is a damaged JPEG (short frame header): take it again");
      const int precision = p[pos + 2];
      const int height = Be16(p + pos + 3), width = Be16(p + pos + 5);
      const int components = p[pos + 7];
      if (precision != 8) {
        return Status::Invalid(field, std::to_string(precision) + " bits",
                               "must be an 8-bit JPEG: save it again as a normal JPEG");
      }
      if (components != 1 && components != 3) {
        return Status::Invalid(field, std::to_string(components) + " components",
                               "must be a greyscale or colour (RGB) JPEG, not CMYK: save it again as RGB");
      }
      if (length != 8 + 3 * static_cast<size_t>(components)) {
        return Status::Invalid(field, "", "is a damaged JPEG (frame header length): take it again");
      }
      SIAK_RETURN_IF_ERROR(CheckDims(width, height, field));
      return ImageInfo{ImageFormat::kJpeg, width, height};
    }
    pos += length;
  }
}

Result<Pixels> DecodeJpeg(std::string_view bytes, const ImageInfo& info, const std::string& field) {
  // One handle per call: handles are not shareable between threads and are cheap to make.
  std::unique_ptr<void, int (*)(tjhandle)> tj(tjInitDecompress(), tjDestroy);
  if (!tj) return Status::Internal("libturbojpeg could not be initialised");
  const auto* src = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto size = static_cast<unsigned long>(bytes.size());
  int width = 0, height = 0, subsampling = 0, colourspace = 0;
  if (tjDecompressHeader3(tj.get(), src, size, &width, &height, &subsampling, &colourspace) != 0 ||
      width != info.width || height != info.height) {
    return Status::Invalid(field, "", "is a damaged JPEG (unreadable header): take it again");
  }
  Pixels out;
  out.width = width;
  out.height = height;
  out.channels = colourspace == TJCS_GRAY ? 1 : 3;
  out.data.resize(static_cast<size_t>(width) * height * out.channels);
  // Warnings (a truncated scan, a corrupt Huffman code) are failures: libjpeg would otherwise
  // fill the missing part with grey and we would print it. LIMITSCANS stops progressive files
  // crafted with thousands of scans.
  const int flags = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS | TJFLAG_ACCURATEDCT;
  if (tjDecompress2(tj.get(), src, size, out.data.data(), width, width * out.channels, height,
                    out.channels == 1 ? TJPF_GRAY : TJPF_RGB, flags) != 0) {
    return Status::Invalid(field, "", "is a damaged or incomplete JPEG: take or send it again");
  }
  return out;
}

Result<Pixels> DecodePng(std::string_view bytes, const ImageInfo& info, const std::string& field) {
  // libpng stops after the image data and never looks for the end chunk: a file cut off
  // there (an interrupted upload) would pass. The last 12 bytes must be IEND with its CRC.
  static constexpr unsigned char kIend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
  if (bytes.size() < sizeof kIend || std::memcmp(bytes.data() + bytes.size() - sizeof kIend, kIend, sizeof kIend) != 0) {
    return Status::Invalid(field, "", "is an incomplete PNG (no end chunk): save or send it again");
  }
  // libpng's simplified API keeps its error handling (setjmp) inside the library, so no
  // longjmp crosses our C++ frames.
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()) == 0) {
    return Status::Invalid(field, "", "is a damaged PNG: save or scan it again");
  }
  std::unique_ptr<png_image, void (*)(png_imagep)> guard(&image, png_image_free);
  if (static_cast<int>(image.width) != info.width || static_cast<int>(image.height) != info.height) {
    return Status::Invalid(field, "", "is a damaged PNG (inconsistent header): save it again");
  }
  const bool colour = (image.format & PNG_FORMAT_FLAG_COLOR) != 0;
  image.format = colour ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
  Pixels out;
  out.width = info.width;
  out.height = info.height;
  out.channels = colour ? 3 : 1;
  out.data.resize(static_cast<size_t>(out.width) * out.height * out.channels);
  // A transparent background (a signature pad's export) is composited onto white paper, not
  // onto black, which is libpng's default.
  png_color white{255, 255, 255};
  if (png_image_finish_read(&image, &white, out.data.data(), out.width * out.channels, nullptr) == 0) {
    return Status::Invalid(field, "", "is a damaged or incomplete PNG: save or scan it again");
  }
  return out;
}

// Luma statistics; the histogram also gives the paper's brightness for signatures.
struct LumaStats {
  double mean = 0, stddev = 0;
  std::array<uint64_t, 256> histogram{};
  uint64_t count = 0;
};

LumaStats Measure(const Pixels& px) {
  LumaStats s;
  const size_t n = static_cast<size_t>(px.width) * px.height;
  const uint8_t* d = px.data.data();
  for (size_t i = 0; i < n; ++i) {
    int y = 0;
    if (px.channels == 1) {
      y = d[i];
    } else {
      const uint8_t* p = d + 3 * i;
      y = (299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000;  // ITU-R BT.601
    }
    ++s.histogram[y];
  }
  s.count = n;
  double sum = 0, sum2 = 0;
  for (int v = 0; v < 256; ++v) {
    sum += static_cast<double>(s.histogram[v]) * v;
    sum2 += static_cast<double>(s.histogram[v]) * v * v;
  }
  s.mean = n ? sum / static_cast<double>(n) : 0;
  s.stddev = n ? std::sqrt(std::max(0.0, sum2 / static_cast<double>(n) - s.mean * s.mean)) : 0;
  return s;
}

// The luma below which `fraction` of the pixels lie.
int Percentile(const LumaStats& s, double fraction) {
  const auto target = static_cast<uint64_t>(fraction * static_cast<double>(s.count));
  uint64_t seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += s.histogram[v];
    if (seen > target) return v;
  }
  return 255;
}

std::string Fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string_view ImageFormatName(ImageFormat format) { return format == ImageFormat::kPng ? "png" : "jpeg"; }

Result<ImageInfo> ProbeImage(std::string_view bytes, const std::string& field) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  if (n == 0) return Status::Invalid(field, "", "is empty: take or attach the image again");
  if (n >= 8 && std::memcmp(p, kPngSignature.data(), 8) == 0) return ProbePng(p, n, field);
  if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff) return ProbeJpeg(p, n, field);
  return Status::Invalid(field, "", "must be a JPEG or PNG image: save it as JPEG or PNG and attach it again");
}

Status CheckPixelCount(const ImageInfo& info, const std::string& field) {
  if (static_cast<int64_t>(info.width) * info.height <= kMaxImagePixels) return Status::Ok();
  return Status::Invalid(field, Dims(info.width, info.height),
                         "has more than 40 megapixels: the file is damaged or not a photo; take or scan it again at "
                         "a lower resolution");
}

Result<Pixels> DecodeImage(std::string_view bytes, const std::string& field) {
  SIAK_ASSIGN_OR_RETURN(ImageInfo info, ProbeImage(bytes, field));
  SIAK_RETURN_IF_ERROR(CheckPixelCount(info, field));
  return info.format == ImageFormat::kJpeg ? DecodeJpeg(bytes, info, field) : DecodePng(bytes, info, field);
}

Result<ImageQuality> CheckFacePhoto(std::string_view bytes) {
  const std::string field = "photo";
  if (bytes.size() > kMaxPhotoBytes) {
    return Status::Invalid(field, KiB(bytes.size()),
                           "is larger than 512 KB: take the photo again at a lower resolution or save it with more "
                           "JPEG compression");
  }
  SIAK_ASSIGN_OR_RETURN(ImageInfo info, ProbeImage(bytes, field));
  // The shape first: a landscape photo is fixed by turning the camera, not by more pixels.
  const double ratio = static_cast<double>(info.height) / info.width;
  if (ratio < 1.1 || ratio > 1.6) {
    return Status::Invalid(field, Dims(info.width, info.height),
                           "must be portrait, 1.1 to 1.6 times as high as wide: hold the camera upright and frame "
                           "head and shoulders, then take the photo again");
  }
  if (info.width < 240 || info.height < 320) {
    return Status::Invalid(field, Dims(info.width, info.height),
                           "must be at least 240x320 pixels: take the photo again at a higher resolution");
  }
  SIAK_ASSIGN_OR_RETURN(Pixels px, DecodeImage(bytes, field));
  const LumaStats s = Measure(px);
  ImageQuality q;
  q.info = info;
  q.mean_luma = s.mean;
  q.luma_stddev = s.stddev;
  if (s.mean < 40) {
    return Status::Invalid(field, "mean brightness " + Fixed1(s.mean), "is too dark: add light and take the photo again");
  }
  if (s.mean > 220) {
    return Status::Invalid(field, "mean brightness " + Fixed1(s.mean),
                           "is washed out (too bright): reduce the light or the flash and take the photo again");
  }
  if (s.stddev < 12) {
    return Status::Invalid(field, "contrast " + Fixed1(s.stddev),
                           "is flat (no contrast, no face visible): clean the lens, check the light and the framing, "
                           "and take the photo again");
  }
  return q;
}

Result<ImageQuality> CheckSignature(std::string_view bytes) {
  const std::string field = "signature";
  if (bytes.size() > kMaxSignatureBytes) {
    return Status::Invalid(field, KiB(bytes.size()),
                           "is larger than 128 KB: scan the signature again at a lower resolution or save it as PNG");
  }
  SIAK_ASSIGN_OR_RETURN(ImageInfo info, ProbeImage(bytes, field));
  if (info.width < 200 || info.height < 60) {
    return Status::Invalid(field, Dims(info.width, info.height),
                           "must be at least 200x60 pixels: capture the signature again at a higher resolution");
  }
  if (info.width <= info.height) {
    return Status::Invalid(field, Dims(info.width, info.height),
                           "must be landscape (wider than high): turn the pad or crop to the signature and capture "
                           "it again");
  }
  SIAK_ASSIGN_OR_RETURN(Pixels px, DecodeImage(bytes, field));
  const LumaStats s = Measure(px);
  // The paper is what most of the image is: the 90th percentile of brightness even when ink
  // covers a lot. Ink is what is clearly darker than it (by a third, and at least 40 levels)
  // so that the paper's grain and the scanner's noise do not count.
  const int paper = Percentile(s, 0.9);
  const int threshold = std::min(paper - 40, paper * 2 / 3);
  uint64_t ink = 0;
  for (int v = 0; v < std::max(0, threshold); ++v) ink += s.histogram[v];
  ImageQuality q;
  q.info = info;
  q.mean_luma = s.mean;
  q.luma_stddev = s.stddev;
  q.ink_fraction = s.count ? static_cast<double>(ink) / static_cast<double>(s.count) : 0;
  // Paper this dark means the image is mostly ink (or a dark photo of a pad): there is no
  // paper to measure against.
  if (paper < 96 || q.ink_fraction > 0.60) {
    return Status::Invalid(field, "ink " + Fixed1(100 * q.ink_fraction) + "%, paper brightness " + std::to_string(paper),
                           "is mostly dark: sign on clean white paper or a clean pad and capture it again");
  }
  if (q.ink_fraction < 0.003) {
    return Status::Invalid(field, "ink " + Fixed1(100 * q.ink_fraction) + "%",
                           "has almost no ink: ask the person to sign again with a dark pen, pressing firmly");
  }
  return q;
}

}  // namespace siak::card
