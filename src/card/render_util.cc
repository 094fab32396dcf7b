#include "card/render_util.h"

#include <turbojpeg.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "card/image.h"

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

}  // namespace siak::card::internal
