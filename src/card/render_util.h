// Helpers shared by the card (card_render.cc) and Suket (suket_render.cc) renderers. Private to
// siak_card: not installed, not included outside src/card. Drawing is in millimetres; the
// caller's cairo context carries the scale to points or pixels.
#pragma once

#include <cairo.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace siak::card::internal {

inline constexpr double kPtPerMm = 72.0 / 25.4;

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;
using FontFace = std::unique_ptr<cairo_font_face_t, decltype(&cairo_font_face_destroy)>;

Status CairoError(cairo_status_t status, std::string_view what);


// Control characters (a newline pasted into an address) would print as boxes: one line, spaces.
std::string OneLine(std::string_view s);

// The horizontal advance of `text` in the current font.
double Advance(cairo_t* cr, const std::string& text);

// The text, or its longest prefix (whole characters) followed by an ellipsis, that fits
// `max_width` in the current font: a value never runs into the next column or off the page.
std::string Fit(cairo_t* cr, const std::string& text, double max_width);

enum class Align { kLeft, kCenter, kRight };

// Draws `text` (control characters as spaces) with its baseline at y, fitted into max_width:
// starting at x (kLeft), centred on x (kCenter) or ending at x (kRight).
void DrawText(cairo_t* cr, double x, double y, const std::string& text, double max_width,
              Align align = Align::kLeft);

// The photo as an RGB24 cairo surface. A JPEG (what cameras give) is decoded by libturbojpeg
// straight into the surface's memory in cairo's pixel order, with the same strictness and error
// texts as DecodeImage: no intermediate copy of 2 MB per photo. With `attach_jpeg` (for a PDF) a
// JPEG also keeps its original bytes, which cairo embeds as they are instead of re-compressing
// the pixels: smaller and faithful. Errors name the field "photo".
Result<Surface> PhotoSurface(const std::string& bytes, bool attach_jpeg);

// Paints `image` into the box: `cover` fills it (cropping the overflow, centred), otherwise the
// whole image fits inside it with its aspect ratio kept. An A8 image is a mask for the current
// source colour.
void PaintImage(cairo_t* cr, cairo_surface_t* image, double x, double y, double w, double h, bool cover);

// A cairo write callback appending to the std::string `closure`.
cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length);

}  // namespace siak::card::internal
