// Helpers shared by the card (card_render.cc), Suket (suket_render.cc) and akta (akta_render.cc)
// renderers. Private to siak_card: not installed, not included outside src/card. Drawing is in
// millimetres; the caller's cairo context carries the scale to points or pixels.
#pragma once

#include <cairo.h>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// ---- documents (Suket, akta) --------------------------------------------------------------------

// Selects DejaVu Sans, regular or bold, `size` millimetres high (cairo's toy font API).
void SetFont(cairo_t* cr, double size, bool bold);

// `text` (control characters as spaces) word-wrapped greedily to `max_width` in the current font,
// one string per line. A word wider than a whole line is broken between characters, so no line is
// wider than `max_width` (one character at least per line). No words: no lines.
std::vector<std::string> WrapText(cairo_t* cr, std::string_view text, double max_width);

// Draws `text` wrapped to `width` (WrapText), the first baseline at y and one line every
// `line_step`; returns the baseline below the last line.
double DrawParagraph(cairo_t* cr, double x, double y, std::string_view text, double width, double line_step);

// WrapText limited to `max_lines` lines (at least one): when the text needs more, the last line
// shown ends in an ellipsis. Only the prefix that could be shown is measured (a quarter em per
// character at least), so the cost does not grow with the input; a text cut there also ends in
// an ellipsis.
std::vector<std::string> WrapLines(cairo_t* cr, std::string_view text, double max_width, size_t max_lines);

// The QR code (libqrencode, level M) of `content` in a white square of `size` at (x, y), the
// standard quiet zone of four modules inside it; the modules are one path of rectangles, so that
// touching modules leave no hairline seams in PDF viewers.
Status DrawQr(cairo_t* cr, const std::string& content, double x, double y, double size);

// Paints one page: called with the context scaled to millimetres, font metrics unhinted (text
// measures the same in the PDF and the PNG, so both wrap and cut alike).
using DrawPage = std::function<Status(cairo_t*)>;

// One PDF page of width_mm x height_mm with `title` in its metadata. `what` ("the Suket") names
// the document in errors. For a document of several pages, `draw` ends each page but the last
// with cairo_show_page (the scale and font options carry over to the next page).
Result<std::string> RenderPdfPage(double width_mm, double height_mm, const std::string& title,
                                  std::string_view what, const DrawPage& draw);
// One opaque RGB PNG of width_px x height_px, `px_per_mm` pixels per millimetre.
Result<std::string> RenderPngPage(int width_px, int height_px, double px_per_mm, std::string_view what,
                                  const DrawPage& draw);

// ---- signed references (the QR content of the Suket and the akta) -----------------------------

// base64url (RFC 4648 section 5) without padding. Decoding is strict: only the URL alphabet, no
// '=', and the unused low bits of the last character must be zero, so that each signature has
// exactly one text form.
std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

// Splits `text` at every `separator` into `parts` (views into `text`). Returns the number of
// parts, or parts.size() + 1 when the text has more than that.
size_t SplitParts(std::string_view text, char separator, std::span<std::string_view> parts);

// An error on the field "reference" that echoes a bounded prefix of `text` (it comes from a
// scanned QR code) and states the rule broken.
Status InvalidReference(std::string_view text, std::string rule);

}  // namespace siak::card::internal
