#include "card/image.h"

#include <cairo.h>
#include <gtest/gtest.h>
#include <turbojpeg.h>

#include <cmath>
#include <memory>
#include <random>

namespace siak::card {

// Test images, drawn here rather than stored as binary fixtures. Shared with the other card
// tests of this binary (declared again at their top).
namespace test_images {

namespace {

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

// A portrait: a blue-grey studio backdrop, shoulders, a skin-toned oval face with eyes,
// eyebrows and a mouth. `light` scales every channel (0.1 is a dark room, 2.0 an overexposure).
Surface DrawFace(int width, int height, double light) {
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), cairo_surface_destroy);
  cairo_t* cr = cairo_create(s.get());
  cairo_scale(cr, width, height);  // draw in unit coordinates
  auto rgb = [&](double r, double g, double b) {
    cairo_set_source_rgb(cr, std::min(1.0, r * light), std::min(1.0, g * light), std::min(1.0, b * light));
  };
  cairo_pattern_t* backdrop = cairo_pattern_create_linear(0, 0, 0, 1);
  cairo_pattern_add_color_stop_rgb(backdrop, 0, std::min(1.0, 0.55 * light), std::min(1.0, 0.62 * light),
                                   std::min(1.0, 0.80 * light));
  cairo_pattern_add_color_stop_rgb(backdrop, 1, std::min(1.0, 0.35 * light), std::min(1.0, 0.42 * light),
                                   std::min(1.0, 0.62 * light));
  cairo_set_source(cr, backdrop);
  cairo_paint(cr);
  cairo_pattern_destroy(backdrop);
  rgb(0.15, 0.17, 0.25);  // shoulders
  cairo_arc(cr, 0.5, 1.15, 0.5, 0, 2 * M_PI);
  cairo_fill(cr);
  rgb(0.78, 0.60, 0.48);  // face
  cairo_save(cr);
  cairo_translate(cr, 0.5, 0.45);
  cairo_scale(cr, 0.26, 0.30);
  cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
  cairo_restore(cr);
  cairo_fill(cr);
  rgb(0.08, 0.06, 0.05);  // hair, eyes, mouth
  cairo_save(cr);
  cairo_translate(cr, 0.5, 0.22);
  cairo_scale(cr, 0.27, 0.12);
  cairo_arc(cr, 0, 0, 1, M_PI, 2 * M_PI);
  cairo_restore(cr);
  cairo_fill(cr);
  cairo_arc(cr, 0.40, 0.42, 0.03, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_arc(cr, 0.60, 0.42, 0.03, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_set_line_width(cr, 0.015);
  cairo_move_to(cr, 0.42, 0.60);
  cairo_curve_to(cr, 0.46, 0.63, 0.54, 0.63, 0.58, 0.60);
  cairo_stroke(cr);
  cairo_destroy(cr);
  cairo_surface_flush(s.get());
  return s;
}

// A signature: dark ink strokes on white paper.
Surface DrawSignature(int width, int height) {
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), cairo_surface_destroy);
  cairo_t* cr = cairo_create(s.get());
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, width, height);
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.2);
  cairo_set_line_width(cr, 0.025);
  cairo_move_to(cr, 0.08, 0.70);
  cairo_curve_to(cr, 0.15, 0.05, 0.25, 0.10, 0.22, 0.65);
  cairo_curve_to(cr, 0.30, 0.20, 0.40, 0.85, 0.50, 0.35);
  cairo_curve_to(cr, 0.60, 0.10, 0.70, 0.90, 0.92, 0.30);
  cairo_stroke(cr);
  cairo_move_to(cr, 0.12, 0.82);
  cairo_line_to(cr, 0.88, 0.78);
  cairo_stroke(cr);
  cairo_destroy(cr);
  cairo_surface_flush(s.get());
  return s;
}

Surface Solid(int width, int height, int grey) {
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), cairo_surface_destroy);
  cairo_t* cr = cairo_create(s.get());
  cairo_set_source_rgb(cr, grey / 255.0, grey / 255.0, grey / 255.0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(s.get());
  return s;
}

std::string Png(cairo_surface_t* s) {
  std::string out;
  cairo_surface_write_to_png_stream(s, Append, &out);
  return out;
}

std::vector<uint8_t> Rgb(cairo_surface_t* s) {
  const int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  std::vector<uint8_t> rgb(static_cast<size_t>(w) * h * 3);
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      uint8_t* p = &rgb[(static_cast<size_t>(y) * w + x) * 3];
      p[0] = (row[x] >> 16) & 0xff;
      p[1] = (row[x] >> 8) & 0xff;
      p[2] = row[x] & 0xff;
    }
  }
  return rgb;
}

std::string Jpeg(cairo_surface_t* s, int quality, bool grey, bool progressive) {
  const int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  std::vector<uint8_t> rgb = Rgb(s);
  tjhandle tj = tjInitCompress();
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  const int flags = TJFLAG_ACCURATEDCT | (progressive ? TJFLAG_PROGRESSIVE : 0);
  const int rc = tjCompress2(tj, rgb.data(), w, w * 3, h, TJPF_RGB, &buf, &size, grey ? TJSAMP_GRAY : TJSAMP_420,
                             quality, flags);
  std::string out = rc == 0 ? std::string(reinterpret_cast<char*>(buf), size) : std::string();
  tjFree(buf);
  tjDestroy(tj);
  return out;
}

}  // namespace

std::string FacePng(int width, int height, double light) { return Png(DrawFace(width, height, light).get()); }
std::string FaceJpeg(int width, int height, double light) { return Jpeg(DrawFace(width, height, light).get(), 85, false, false); }
std::string SignaturePng(int width, int height) { return Png(DrawSignature(width, height).get()); }
std::string SignatureJpeg(int width, int height) { return Jpeg(DrawSignature(width, height).get(), 90, true, false); }
std::string SolidPng(int width, int height, int grey) { return Png(Solid(width, height, grey).get()); }
std::string SolidJpeg(int width, int height, int grey) { return Jpeg(Solid(width, height, grey).get(), 90, false, false); }
std::string ProgressiveFaceJpeg(int width, int height) {
  return Jpeg(DrawFace(width, height, 1.0).get(), 85, false, true);
}
std::string GreyFaceJpeg(int width, int height) { return Jpeg(DrawFace(width, height, 1.0).get(), 85, true, false); }

}  // namespace test_images

namespace {

using namespace test_images;

std::string Be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

// A PNG signature and IHDR declaring any size (CRC not computed: probing does not need it).
std::string PngHeader(uint32_t width, uint32_t height) {
  std::string s("\x89PNG\r\n\x1a\n", 8);
  s += Be32(13) + "IHDR" + Be32(width) + Be32(height);
  s += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
  s += Be32(0);                                   // CRC
  return s;
}

// SOI, an APP0 segment, then a frame header of the given kind.
std::string JpegHeader(unsigned char sof, int width, int height, int components, int precision = 8) {
  std::string s("\xff\xd8", 2);
  s += std::string("\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
  s += "\xff";
  s += static_cast<char>(sof);
  const int length = 8 + 3 * components;
  s += static_cast<char>(length >> 8);
  s += static_cast<char>(length & 0xff);
  s += static_cast<char>(precision);
  s += static_cast<char>(height >> 8);
  s += static_cast<char>(height & 0xff);
  s += static_cast<char>(width >> 8);
  s += static_cast<char>(width & 0xff);
  s += static_cast<char>(components);
  for (int c = 0; c < components; ++c) s += std::string{static_cast<char>(c + 1), '\x11', '\x00'};
  return s;
}

TEST(ImageTest, ProbesPngAndJpegHeaders) {
  auto png = ProbeImage(FacePng(300, 400, 1.0), "photo");
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_EQ(png->format, ImageFormat::kPng);
  EXPECT_EQ(png->width, 300);
  EXPECT_EQ(png->height, 400);
  EXPECT_EQ(ImageFormatName(png->format), "png");

  auto jpeg = ProbeImage(FaceJpeg(640, 800, 1.0), "photo");
  ASSERT_TRUE(jpeg.ok()) << jpeg.status().ToString();
  EXPECT_EQ(jpeg->format, ImageFormat::kJpeg);
  EXPECT_EQ(jpeg->width, 640);
  EXPECT_EQ(jpeg->height, 800);
  EXPECT_EQ(ImageFormatName(jpeg->format), "jpeg");

  auto progressive = ProbeImage(ProgressiveFaceJpeg(320, 400), "photo");
  ASSERT_TRUE(progressive.ok()) << progressive.status().ToString();
  EXPECT_EQ(progressive->width, 320);
}

TEST(ImageTest, ProbeWalksJpegMarkersWithFillBytes) {
  // Fill bytes before a marker are legal; the walk must skip them and the APP segments.
  std::string s = JpegHeader(0xc0, 123, 45, 3);
  s.insert(20, "\xff\xff", 2);
  auto info = ProbeImage(s, "photo");
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->width, 123);
  EXPECT_EQ(info->height, 45);
}

TEST(ImageTest, DecodesPngExactly) {
  auto surface = DrawFace(60, 80, 1.0);
  const std::vector<uint8_t> expected = Rgb(surface.get());
  auto px = DecodeImage(Png(surface.get()), "photo");
  ASSERT_TRUE(px.ok()) << px.status().ToString();
  EXPECT_EQ(px->width, 60);
  EXPECT_EQ(px->height, 80);
  EXPECT_EQ(px->channels, 3);
  EXPECT_EQ(px->data, expected);
}

TEST(ImageTest, DecodesJpegClosely) {
  auto surface = DrawFace(160, 200, 1.0);
  const std::vector<uint8_t> expected = Rgb(surface.get());
  auto px = DecodeImage(Jpeg(surface.get(), 95, false, false), "photo");
  ASSERT_TRUE(px.ok()) << px.status().ToString();
  ASSERT_EQ(px->channels, 3);
  ASSERT_EQ(px->data.size(), expected.size());
  double diff = 0;
  for (size_t i = 0; i < expected.size(); ++i) diff += std::abs(int{px->data[i]} - int{expected[i]});
  EXPECT_LT(diff / static_cast<double>(expected.size()), 4.0);
}

TEST(ImageTest, DecodesGreyImagesAsOneChannel) {
  auto jpeg = DecodeImage(GreyFaceJpeg(120, 160), "photo");
  ASSERT_TRUE(jpeg.ok()) << jpeg.status().ToString();
  EXPECT_EQ(jpeg->channels, 1);
  EXPECT_EQ(jpeg->data.size(), 120u * 160u);
  auto progressive = DecodeImage(ProgressiveFaceJpeg(120, 160), "photo");
  ASSERT_TRUE(progressive.ok()) << progressive.status().ToString();
  EXPECT_EQ(progressive->channels, 3);
}

TEST(ImageTest, TransparentPngIsCompositedOntoWhitePaper) {
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 300, 100), cairo_surface_destroy);
  cairo_t* cr = cairo_create(s.get());
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_rectangle(cr, 0, 40, 300, 20);
  cairo_fill(cr);
  cairo_destroy(cr);
  auto px = DecodeImage(Png(s.get()), "signature");
  ASSERT_TRUE(px.ok()) << px.status().ToString();
  const size_t channels = static_cast<size_t>(px->channels);
  EXPECT_EQ(px->data[(10 * 300 + 150) * channels], 255);  // transparent: white
  EXPECT_EQ(px->data[(50 * 300 + 150) * channels], 0);    // ink stays black
}

TEST(ImageTest, RejectsWhatIsNotAnImage) {
  for (const std::string& bytes : {std::string(), std::string("GIF89a...."), std::string("%PDF-1.5"),
                                   std::string("\xff\xd8", 2), std::string("\x89PNG\r\n\x1a\n", 8)}) {
    auto info = ProbeImage(bytes, "photo");
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.status().field(), "photo");
    EXPECT_EQ(info.status().code(), StatusCode::kInvalidArgument);
    EXPECT_FALSE(DecodeImage(bytes, "photo").ok());
  }
  EXPECT_NE(ProbeImage("GIF89a....", "photo").status().rule().find("JPEG or PNG"), std::string::npos);
}

TEST(ImageTest, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  const std::string prefixes[] = {"", std::string("\x89PNG\r\n\x1a\n", 8), std::string("\xff\xd8\xff", 3),
                                  PngHeader(64, 64), JpegHeader(0xc0, 64, 64, 3)};
  for (int i = 0; i < 2000; ++i) {
    std::string bytes = prefixes[i % 5];
    const size_t extra = rng() % 600;
    for (size_t k = 0; k < extra; ++k) bytes += static_cast<char>(rng() & 0xff);
    (void)ProbeImage(bytes, "photo");
    EXPECT_FALSE(DecodeImage(bytes, "photo").ok()) << "random image " << i << " decoded";
  }
}

TEST(ImageTest, EveryTruncationFailsCleanly) {
  for (const std::string& full : {FacePng(48, 64, 1.0), FaceJpeg(48, 64, 1.0), ProgressiveFaceJpeg(48, 64)}) {
    ASSERT_TRUE(DecodeImage(full, "photo").ok());
    for (size_t n = 0; n < full.size(); ++n) {
      auto px = DecodeImage(std::string_view(full).substr(0, n), "photo");
      ASSERT_FALSE(px.ok()) << "a prefix of " << n << " of " << full.size() << " bytes decoded";
      ASSERT_EQ(px.status().field(), "photo");
    }
  }
}

TEST(ImageTest, CorruptPngFailsItsChecksum) {
  std::string png = FacePng(64, 80, 1.0);
  png[png.size() / 2] ^= 0x5a;  // inside the image data: the chunk CRC no longer matches
  EXPECT_FALSE(DecodeImage(png, "photo").ok());
}

TEST(ImageTest, RejectsZeroAndHugeDimensionsBeforeDecoding) {
  for (auto [w, h] : {std::pair{0u, 100u}, std::pair{100u, 0u}}) {
    auto info = ProbeImage(PngHeader(w, h), "photo");
    ASSERT_FALSE(info.ok());
    EXPECT_NE(info.status().rule().find("no pixels"), std::string::npos) << info.status().ToString();
  }
  for (auto [w, h] : {std::pair{20000u, 100u}, std::pair{100u, 10001u}, std::pair{0xffffffffu, 0xffffffffu}}) {
    auto info = ProbeImage(PngHeader(w, h), "photo");
    ASSERT_FALSE(info.ok());
    EXPECT_NE(info.status().rule().find("10000"), std::string::npos) << info.status().ToString();
    EXPECT_NE(DecodeImage(PngHeader(w, h), "photo").status().rule().find("10000"), std::string::npos);
  }
  auto zero_jpeg = ProbeImage(JpegHeader(0xc0, 100, 0, 3), "photo");
  ASSERT_FALSE(zero_jpeg.ok());
  EXPECT_NE(zero_jpeg.status().rule().find("no pixels"), std::string::npos);
  auto huge_jpeg = ProbeImage(JpegHeader(0xc2, 65000, 65000, 3), "photo");
  ASSERT_FALSE(huge_jpeg.ok());
  EXPECT_NE(huge_jpeg.status().rule().find("10000"), std::string::npos);
  auto ok_jpeg = ProbeImage(JpegHeader(0xc1, 10000, 10000, 1), "photo");
  EXPECT_TRUE(ok_jpeg.ok()) << ok_jpeg.status().ToString();
}

TEST(ImageTest, DecodeRefusesMoreThan40MegapixelsBeforeAllocating) {
  // Within 10000 per side, so ProbeImage accepts them; DecodeImage refuses them from the header
  // (the files hold no pixel data: anything that tried to decode would fail differently).
  for (auto [w, h] : {std::pair{10000, 10000}, std::pair{8000, 5001}, std::pair{4001, 10000}}) {
    const std::string png = PngHeader(static_cast<uint32_t>(w), static_cast<uint32_t>(h));
    const std::string jpeg = JpegHeader(0xc0, w, h, 3);
    for (const std::string* file : {&png, &jpeg}) {
      ASSERT_TRUE(ProbeImage(*file, "photo").ok());
      const ImageInfo info = *ProbeImage(*file, "photo");
      auto px = DecodeImage(*file, "photo");
      ASSERT_FALSE(px.ok());
      EXPECT_EQ(px.status().field(), "photo");
      EXPECT_EQ(px.status().value(), std::to_string(w) + "x" + std::to_string(h));
      EXPECT_NE(px.status().rule().find("more than 40 megapixels"), std::string::npos) << px.status().ToString();
      EXPECT_EQ(CheckPixelCount(info, "photo").rule(), px.status().rule());
    }
  }
  // Exactly 40 megapixels passes the limit (and then fails as the header-only file it is).
  const std::string png = PngHeader(8000, 5000);
  EXPECT_TRUE(CheckPixelCount(*ProbeImage(png, "photo"), "photo").ok());
  auto px = DecodeImage(png, "photo");
  ASSERT_FALSE(px.ok());
  EXPECT_EQ(px.status().rule().find("megapixels"), std::string::npos) << px.status().ToString();
  px = DecodeImage(JpegHeader(0xc0, 8000, 5000, 3), "photo");
  ASSERT_FALSE(px.ok());
  EXPECT_EQ(px.status().rule().find("megapixels"), std::string::npos) << px.status().ToString();
}

TEST(ImageTest, RejectsUnsupportedJpegKinds) {
  EXPECT_NE(ProbeImage(JpegHeader(0xc0, 100, 100, 4), "photo").status().rule().find("CMYK"), std::string::npos);
  EXPECT_NE(ProbeImage(JpegHeader(0xc3, 100, 100, 3), "photo").status().rule().find("lossless"), std::string::npos);
  EXPECT_NE(ProbeImage(JpegHeader(0xc9, 100, 100, 3), "photo").status().rule().find("arithmetic"), std::string::npos);
  EXPECT_NE(ProbeImage(JpegHeader(0xc0, 100, 100, 3, 12), "photo").status().rule().find("8-bit"), std::string::npos);
  // A segment length pointing past the end, or scan data before any frame header.
  std::string past = JpegHeader(0xc0, 100, 100, 3);
  past[5] = '\x7f';
  EXPECT_NE(ProbeImage(past, "photo").status().rule().find("truncated"), std::string::npos);
  EXPECT_FALSE(ProbeImage(std::string("\xff\xd8\xff\xda\x00\x02", 6), "photo").ok());
  EXPECT_FALSE(ProbeImage(std::string("\xff\xd8\xff\xe0\x00\x01", 6), "photo").ok());  // length < 2
}

// ---- the quality gates ----------------------------------------------------------------------

TEST(FacePhotoTest, AcceptsAGoodPortrait) {
  for (const std::string& photo : {FaceJpeg(640, 800, 1.0), FacePng(300, 400, 1.0)}) {
    auto q = CheckFacePhoto(photo);
    ASSERT_TRUE(q.ok()) << q.status().ToString();
    EXPECT_GT(q->mean_luma, 60);
    EXPECT_LT(q->mean_luma, 200);
    EXPECT_GT(q->luma_stddev, 20);
  }
}

TEST(FacePhotoTest, SaysWhatToDo) {
  struct Case {
    std::string bytes;
    std::string rule_part;
  };
  const Case cases[] = {
      {std::string(kMaxPhotoBytes + 1, 'x'), "larger than 512 KB"},
      {FacePng(200, 260, 1.0), "at least 240x320"},
      {FacePng(400, 300, 1.0), "portrait"},
      {FacePng(240, 400, 1.0), "portrait"},  // 1.67: too narrow
      {FaceJpeg(300, 400, 0.12), "too dark: add light and take the photo again"},
      {FaceJpeg(300, 400, 4.0), "washed out"},
      {SolidPng(300, 400, 128), "flat"},
      {"not an image", "JPEG or PNG"},
  };
  for (const Case& c : cases) {
    auto q = CheckFacePhoto(c.bytes);
    ASSERT_FALSE(q.ok()) << c.rule_part;
    EXPECT_EQ(q.status().field(), "photo");
    EXPECT_NE(q.status().rule().find(c.rule_part), std::string::npos) << q.status().ToString();
  }
  // Every photo rule ends with what the officer does next.
  EXPECT_NE(CheckFacePhoto(FacePng(200, 260, 1.0)).status().rule().find("again"), std::string::npos);
}

TEST(FacePhotoTest, BoundariesOfTheRatio) {
  EXPECT_TRUE(CheckFacePhoto(FacePng(300, 330, 1.0)).ok());  // 1.1
  EXPECT_TRUE(CheckFacePhoto(FacePng(250, 400, 1.0)).ok());  // 1.6
  EXPECT_FALSE(CheckFacePhoto(FacePng(300, 329, 1.0)).ok());
}

TEST(SignatureTest, AcceptsInkOnPaper) {
  for (const std::string& sig : {SignaturePng(400, 120), SignatureJpeg(600, 200)}) {
    auto q = CheckSignature(sig);
    ASSERT_TRUE(q.ok()) << q.status().ToString();
    EXPECT_GT(q->ink_fraction, 0.003);
    EXPECT_LT(q->ink_fraction, 0.6);
    EXPECT_GT(q->mean_luma, 180);
  }
}

TEST(SignatureTest, SaysWhatToDo) {
  struct Case {
    std::string bytes;
    std::string rule_part;
  };
  const Case cases[] = {
      {std::string(kMaxSignatureBytes + 1, 'x'), "larger than 128 KB"},
      {SignaturePng(150, 60), "at least 200x60"},
      {SignaturePng(200, 300), "landscape"},
      {SolidPng(400, 120, 250), "no ink"},
      {SolidJpeg(400, 120, 20), "mostly dark"},
  };
  for (const Case& c : cases) {
    auto q = CheckSignature(c.bytes);
    ASSERT_FALSE(q.ok()) << c.rule_part;
    EXPECT_EQ(q.status().field(), "signature");
    EXPECT_NE(q.status().rule().find(c.rule_part), std::string::npos) << q.status().ToString();
  }
}

TEST(SignatureTest, HalfInkedIsStillASignatureButMostlyInkIsNot) {
  // 40% of the width inked: accepted; 70%: rejected as mostly dark.
  for (auto [inked, ok] : {std::pair{0.4, true}, std::pair{0.7, false}}) {
    Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 120), cairo_surface_destroy);
    cairo_t* cr = cairo_create(s.get());
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, 0, 0, 400 * inked, 120);
    cairo_fill(cr);
    cairo_destroy(cr);
    auto q = CheckSignature(Png(s.get()));
    EXPECT_EQ(q.ok(), ok) << inked << ": " << q.status().ToString();
  }
}

}  // namespace
}  // namespace siak::card
