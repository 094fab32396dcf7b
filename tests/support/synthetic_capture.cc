#include "tests/support/synthetic_capture.h"

#include <cairo.h>

#include <cmath>

#include "abis/finger_template.h"
#include "abis/synthetic_finger.h"
#include "common/rng.h"

namespace siak::testing {
namespace {

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string ToPng(cairo_surface_t* surface) {
  std::string out;
  cairo_surface_write_to_png_stream(surface, Append, &out);
  cairo_surface_destroy(surface);
  return out;
}

}  // namespace

std::string SyntheticFacePng(uint64_t seed, int width, int height) {
  Rng rng(seed);
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(s);
  cairo_pattern_t* bg = cairo_pattern_create_linear(0, 0, 0, height);
  cairo_pattern_add_color_stop_rgb(bg, 0, 0.75, 0.1, 0.1);  // the red background of KTP photos
  cairo_pattern_add_color_stop_rgb(bg, 1, 0.55, 0.05, 0.05);
  cairo_set_source(cr, bg);
  cairo_paint(cr);
  cairo_pattern_destroy(bg);
  const double tone = 0.55 + 0.2 * rng.Real();
  cairo_set_source_rgb(cr, tone, tone * 0.8, tone * 0.65);
  cairo_save(cr);
  cairo_translate(cr, width / 2.0, height * 0.4);
  cairo_scale(cr, width * 0.28, height * 0.27);
  cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
  cairo_restore(cr);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.15);  // shoulders
  cairo_rectangle(cr, width * 0.1, height * 0.78, width * 0.8, height * 0.22);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);  // eyes
  for (double x : {0.4, 0.6}) {
    cairo_arc(cr, width * x, height * 0.36, width * 0.03, 0, 2 * M_PI);
    cairo_fill(cr);
  }
  cairo_destroy(cr);
  return ToPng(s);
}

std::string SyntheticSignaturePng(uint64_t seed) {
  Rng rng(seed);
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 120);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.3);
  cairo_set_line_width(cr, 3);
  cairo_move_to(cr, 30, 80);
  for (int i = 0; i < 8; ++i) {
    cairo_curve_to(cr, 40 + i * 40, 20 + 60 * rng.Real(), 60 + i * 40, 100 * rng.Real(), 70 + i * 40,
                   40 + 50 * rng.Real());
  }
  cairo_stroke(cr);
  cairo_destroy(cr);
  return ToPng(s);
}

std::string FlatPng(int width, int height, double grey) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_paint(cr);
  cairo_destroy(cr);
  return ToPng(s);
}

std::string SyntheticFingerIso(int position, uint64_t seed, int minutiae) {
  Rng rng(seed * 16 + static_cast<uint64_t>(position));
  abis::FingerRecord rec;
  rec.format = abis::TemplateFormat::kIso19794_2_2005;
  rec.width = 400;
  rec.height = 500;
  rec.x_resolution = 197;
  rec.y_resolution = 197;
  abis::FingerView v;
  v.position = position;
  v.quality = 60 + static_cast<int>(rng.Below(40));
  for (int i = 0; i < minutiae; ++i) {
    abis::Minutia m;
    m.x = static_cast<uint16_t>(20 + rng.Below(360));
    m.y = static_cast<uint16_t>(20 + rng.Below(460));
    m.angle = static_cast<uint8_t>(rng.Below(256));
    m.type = rng.Below(2) == 0 ? abis::MinutiaType::kRidgeEnding : abis::MinutiaType::kBifurcation;
    m.quality = static_cast<uint8_t>(40 + rng.Below(60));
    v.minutiae.push_back(m);
  }
  rec.views.push_back(v);
  auto bytes = abis::EncodeFingerRecord(rec);
  return bytes.ok() ? *bytes : std::string();
}

std::string SyntheticFingerCapture(int position, uint64_t identity, uint64_t capture) {
  static const abis::SyntheticFingers fingers(20261128);
  auto bytes = abis::EncodeFingerRecord(fingers.CaptureRecord(identity, position, capture));
  return bytes.ok() ? *bytes : std::string();
}

}  // namespace siak::testing
