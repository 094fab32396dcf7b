#include "card/render_util.h"

#include <cairo-pdf.h>
#include <qrencode.h>
#include <turbojpeg.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include "card/image.h"
#include "common/text.h"

namespace siak::card::internal {

Status CairoError(cairo_status_t status, std::string_view what) {
  return Status::Internal("cairo could not " + std::string(what) + ": " + cairo_status_to_string(status));
}

std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

double Advance(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t ext;
  cairo_text_extents(cr, text.c_str(), &ext);
  return ext.x_advance;
}

std::string Fit(cairo_t* cr, const std::string& text, double max_width) {
  if (Advance(cr, text) <= max_width) return text;
  static constexpr const char* kEllipsis = "\xe2\x80\xa6";
  std::vector<size_t> cuts;  // byte offsets of character starts
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) cuts.push_back(i);
  }
  // Widths grow with the prefix: binary search the longest prefix that fits with the ellipsis.
  size_t lo = 0, hi = cuts.size();  // prefix of cuts[k] bytes for k in [lo, hi)
  std::string best;
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    std::string candidate = text.substr(0, cuts[mid]);
    while (!candidate.empty() && candidate.back() == ' ') candidate.pop_back();
    candidate += kEllipsis;
    if (Advance(cr, candidate) <= max_width) {
      best = std::move(candidate);
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return best;
}

void DrawText(cairo_t* cr, double x, double y, const std::string& text, double max_width, Align align) {
  const std::string shown = Fit(cr, OneLine(text), max_width);
  if (shown.empty()) return;
  const double w = Advance(cr, shown);
  cairo_move_to(cr, align == Align::kCenter ? x - w / 2 : align == Align::kRight ? x - w : x, y);
  cairo_show_text(cr, shown.c_str());
}

Result<Surface> PhotoSurface(const std::string& bytes, bool attach_jpeg) {
  const std::string field = "photo";
  SIAK_ASSIGN_OR_RETURN(ImageInfo info, ProbeImage(bytes, field));
  SIAK_RETURN_IF_ERROR(CheckPixelCount(info, field));  // before the surface is allocated
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, info.width, info.height), cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()), "allocate the photo");
  }
  cairo_surface_flush(surface.get());
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  if (info.format == ImageFormat::kJpeg) {
    std::unique_ptr<void, int (*)(tjhandle)> tj(tjInitDecompress(), tjDestroy);
    if (!tj) return Status::Internal("libturbojpeg could not be initialised");
    const auto* src = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto size = static_cast<unsigned long>(bytes.size());
    int width = 0, height = 0, subsampling = 0, colourspace = 0;
    if (tjDecompressHeader3(tj.get(), src, size, &width, &height, &subsampling, &colourspace) != 0 ||
        width != info.width || height != info.height) {
      return Status::Invalid(field, "", "is a damaged JPEG (unreadable header): take it again");
    }
    // cairo's RGB24 is a native-endian 0x00RRGGBB word. The flags are DecodeImage's: warnings
    // (a truncated scan) fail, and progressive files with thousands of scans are stopped.
    const int format = std::endian::native == std::endian::little ? TJPF_BGRX : TJPF_XRGB;
    if (tjDecompress2(tj.get(), src, size, data, width, stride, height, format,
                      TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS | TJFLAG_ACCURATEDCT) != 0) {
      return Status::Invalid(field, "", "is a damaged or incomplete JPEG: take or send it again");
    }
  } else {
    SIAK_ASSIGN_OR_RETURN(Pixels px, DecodeImage(bytes, field));
    for (int y = 0; y < px.height; ++y) {
      auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride);
      const uint8_t* p = px.data.data() + static_cast<size_t>(y) * px.width * px.channels;
      for (int x = 0; x < px.width; ++x) {
        row[x] = px.channels == 1 ? 0xff000000u | (uint32_t{p[x]} * 0x010101u)
                                  : 0xff000000u | (uint32_t{p[3 * x]} << 16) | (uint32_t{p[3 * x + 1]} << 8) |
                                        p[3 * x + 2];
      }
    }
  }
  cairo_surface_mark_dirty(surface.get());
  if (attach_jpeg && info.format == ImageFormat::kJpeg) {
    auto* copy = new std::string(bytes);
    const cairo_status_t st = cairo_surface_set_mime_data(
        surface.get(), CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()), copy->size(),
        [](void* p) { delete static_cast<std::string*>(p); }, copy);
    if (st != CAIRO_STATUS_SUCCESS) {
      delete copy;
      return CairoError(st, "attach the photo JPEG");
    }
  }
  return surface;
}

void PaintImage(cairo_t* cr, cairo_surface_t* image, double x, double y, double w, double h, bool cover) {
  const double iw = cairo_image_surface_get_width(image), ih = cairo_image_surface_get_height(image);
  const double scale = cover ? std::max(w / iw, h / ih) : std::min(w / iw, h / ih);
  cairo_save(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_clip(cr);
  cairo_translate(cr, x + (w - iw * scale) / 2, y + (h - ih * scale) / 2);
  cairo_scale(cr, scale, scale);
  if (cairo_image_surface_get_format(image) == CAIRO_FORMAT_A8) {
    // A mask: the current source colour through the image's coverage.
    cairo_pattern_t* mask = cairo_pattern_create_for_surface(image);
    cairo_pattern_set_filter(mask, CAIRO_FILTER_GOOD);
    cairo_mask(cr, mask);
    cairo_pattern_destroy(mask);
  } else {
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
  }
  cairo_restore(cr);
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// ---- documents ----------------------------------------------------------------------------------

void SetFont(cairo_t* cr, double size, bool bold) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

namespace {

// The byte length of the longest prefix of `word` (whole characters, at least one) that fits
// `max_width`. Widths grow with the prefix: binary search over the character starts.
size_t FittingPrefix(cairo_t* cr, const std::string& word, double max_width) {
  std::vector<size_t> ends;  // byte offsets just past each character
  for (size_t i = 1; i <= word.size(); ++i) {
    if (i == word.size() || (static_cast<unsigned char>(word[i]) & 0xc0) != 0x80) ends.push_back(i);
  }
  size_t lo = 1, hi = ends.size();  // the answer is a count of characters in [lo, hi]
  while (lo < hi) {
    const size_t mid = (lo + hi + 1) / 2;
    if (Advance(cr, word.substr(0, ends[mid - 1])) <= max_width) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return ends[lo - 1];
}

}  // namespace

std::vector<std::string> WrapText(cairo_t* cr, std::string_view text, double max_width) {
  std::vector<std::string> lines;
  const std::string clean = OneLine(text);
  std::string line;
  size_t start = 0;
  while (start < clean.size()) {
    size_t end = clean.find(' ', start);
    if (end == std::string::npos) end = clean.size();
    std::string word = clean.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    std::string candidate = line.empty() ? word : line + " " + word;
    if (Advance(cr, candidate) <= max_width) {
      line = std::move(candidate);
      continue;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    while (Advance(cr, word) > max_width) {  // wider than a whole line: break between characters
      const size_t cut = FittingPrefix(cr, word, max_width);
      if (cut >= word.size()) break;  // a single character: it stands alone
      lines.push_back(word.substr(0, cut));
      word.erase(0, cut);
    }
    line = std::move(word);
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

double DrawParagraph(cairo_t* cr, double x, double y, std::string_view text, double width, double line_step) {
  for (const std::string& line : WrapText(cr, text, width)) {
    DrawText(cr, x, y, line, width);
    y += line_step;
  }
  return y;
}

std::vector<std::string> WrapLines(cairo_t* cr, std::string_view text, double max_width, size_t max_lines) {
  max_lines = std::max<size_t>(max_lines, 1);
  // Only the characters that could be shown are measured: a line holds no more than one character
  // per quarter em (DejaVu's narrowest common glyphs are wider), one more shows that text goes on.
  cairo_matrix_t font;
  cairo_get_font_matrix(cr, &font);
  const double quarter_em = std::max(std::abs(font.xx), 0.01) / 4;
  const size_t budget = max_lines * (static_cast<size_t>(std::max(max_width, 0.0) / quarter_em) + 1) + 1;
  size_t end = 0;
  for (size_t chars = 0; end < text.size() && chars < budget; ++chars) {
    do {
      ++end;
    } while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80);
  }
  const bool cut = end < text.size();
  std::vector<std::string> lines = WrapText(cr, text.substr(0, end), max_width);
  if (lines.empty() || (!cut && lines.size() <= max_lines)) return lines;
  lines.resize(std::min(lines.size(), max_lines));
  std::string last = lines.back() + "\xe2\x80\xa6";
  // Too wide with the ellipsis: Fit cuts the line (never the whole `last`) and ends it in one.
  lines.back() = Advance(cr, last) <= max_width ? std::move(last) : Fit(cr, last, max_width);
  return lines;
}

Status DrawQr(cairo_t* cr, const std::string& content, double x, double y, double size) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString(content.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!qr) return Status::Internal("the QR code could not be encoded (libqrencode failed)");
  const int n = qr->width;
  const double module = size / (n + 8);
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < n; ++row) {
    int col = 0;
    while (col < n) {
      if ((qr->data[row * n + col] & 1) == 0) {
        ++col;
        continue;
      }
      const int run = col;
      while (col < n && (qr->data[row * n + col] & 1) != 0) ++col;
      cairo_rectangle(cr, x + (4 + run) * module, y + (4 + row) * module, (col - run) * module, module);
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
  return Status::Ok();
}

namespace {

// Scales the context to millimetres, unhints the font metrics, draws, and reports cairo's state.
Status DrawScaled(cairo_surface_t* surface, double scale, std::string_view what, const DrawPage& draw) {
  Context cr(cairo_create(surface), cairo_destroy);
  cairo_scale(cr.get(), scale, scale);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr.get(), options);
  cairo_font_options_destroy(options);
  SIAK_RETURN_IF_ERROR(draw(cr.get()));
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_status(cr.get()), "draw " + std::string(what));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> RenderPdfPage(double width_mm, double height_mm, const std::string& title,
                                  std::string_view what, const DrawPage& draw) {
  std::string out;
  Surface surface(cairo_pdf_surface_create_for_stream(AppendToString, &out, width_mm * kPtPerMm, height_mm * kPtPerMm),
                  cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()), "create the PDF");
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "OpenSIAK");
  SIAK_RETURN_IF_ERROR(DrawScaled(surface.get(), kPtPerMm, what, draw));
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()), "write the PDF");
  }
  return out;
}

Result<std::string> RenderPngPage(int width_px, int height_px, double px_per_mm, std::string_view what,
                                  const DrawPage& draw) {
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width_px, height_px), cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()), "create the image");
  }
  SIAK_RETURN_IF_ERROR(DrawScaled(surface.get(), px_per_mm, what, draw));
  std::string out;
  const cairo_status_t st = cairo_surface_write_to_png_stream(surface.get(), AppendToString, &out);
  if (st != CAIRO_STATUS_SUCCESS) return CairoError(st, "encode the PNG");
  return out;
}

// ---- signed references ------------------------------------------------------------------------

namespace {

constexpr char kB64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int B64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (uint32_t{static_cast<uint8_t>(bytes[i])} << 16) |
                       (uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8) | static_cast<uint8_t>(bytes[i + 2]);
    out += kB64Url[(v >> 18) & 63];
    out += kB64Url[(v >> 12) & 63];
    out += kB64Url[(v >> 6) & 63];
    out += kB64Url[v & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest == 1) {
    const uint32_t v = uint32_t{static_cast<uint8_t>(bytes[i])} << 16;
    out += kB64Url[(v >> 18) & 63];
    out += kB64Url[(v >> 12) & 63];
  } else if (rest == 2) {
    const uint32_t v = (uint32_t{static_cast<uint8_t>(bytes[i])} << 16) | (uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8);
    out += kB64Url[(v >> 18) & 63];
    out += kB64Url[(v >> 12) & 63];
    out += kB64Url[(v >> 6) & 63];
  }
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const int v = B64UrlValue(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;  // non-canonical trailing bits
  return out;
}

size_t SplitParts(std::string_view text, char separator, std::span<std::string_view> parts) {
  size_t count = 0, start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      if (count == parts.size()) return parts.size() + 1;
      parts[count++] = text.substr(start, i - start);
      start = i + 1;
    }
  }
  return count;
}

Status InvalidReference(std::string_view text, std::string rule) {
  return Status::Invalid("reference", TruncateUtf8(text, 80), std::move(rule));
}

}  // namespace siak::card::internal
