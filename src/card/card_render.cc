#include "card/card_render.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>

#include "card/image.h"
#include "card/render_util.h"
#include "common/text.h"

namespace siak::card {

namespace {

using namespace internal;

// Everything is drawn in millimetres; the surface's scale turns them into points (PDF,
// kPtPerMm) or 300 dpi pixels (PNG), so both outputs come from the same drawing code.
constexpr double kPxPerMm = 300.0 / 25.4;

// Layout, millimetres from the card's top-left corner.
constexpr double kMargin = 3.0;
constexpr double kPhotoX = 61.6, kPhotoY = 13.2, kPhotoW = 22.0, kPhotoH = 28.0;
constexpr double kValueRight = kPhotoX - 2.0;      // values end here: never under the photo
constexpr double kHeaderSize = 2.5, kNikSize = 3.1, kFieldSize = 1.95, kSmallSize = 1.7, kSerialSize = 1.3;
constexpr double kFirstRowY = 16.0, kRowStep = 2.72;
constexpr double kGolDarahX = 38.8;                  // "Gol. Darah" on the Jenis Kelamin line
constexpr double kSignatureX = 62.6, kSignatureY = 47.0, kSignatureW = 20.0, kSignatureH = 5.4;

class Painter {
 public:
  explicit Painter(cairo_t* cr)
      : cr_(cr),
        regular_(cairo_toy_font_face_create("DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL),
                 cairo_font_face_destroy),
        bold_(cairo_toy_font_face_create("DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD),
              cairo_font_face_destroy) {
    // Unhinted metrics: text measures the same on the PDF and the PNG, so both truncate alike.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr_, options);
    cairo_font_options_destroy(options);
  }

  void Font(double size, bool bold) {
    cairo_set_font_face(cr_, bold ? bold_.get() : regular_.get());
    cairo_set_font_size(cr_, size);
  }
  double Width(const std::string& text) { return Advance(cr_, text); }
  // Draws `text` with its baseline at y, fitted into [x, x + max_width] (or centred on x).
  void Text(double x, double y, const std::string& text, double max_width, Align align = Align::kLeft) {
    DrawText(cr_, x, y, text, max_width, align);
  }

 private:
  cairo_t* cr_;
  FontFace regular_, bold_;
};

Status Required(const std::string& bytes, const std::string& field) {
  if (!bytes.empty()) return Status::Ok();
  return Status::Invalid(field, "", "is required on a card: capture it at the recording before printing");
}

// The signature as ink coverage (an alpha mask): the card prints the strokes in ink colour on
// its own background, with no white box of paper around them, and the PDF stores one channel
// instead of three. Paper (luma 224 and above) is transparent, luma 64 and below fully inked.
Result<Surface> SignatureMask(const std::string& bytes) {
  const std::string field = "signature";
  SIAK_RETURN_IF_ERROR(Required(bytes, field));
  SIAK_ASSIGN_OR_RETURN(Pixels px, DecodeImage(bytes, field));
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_A8, px.width, px.height), cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()), "allocate the signature");
  }
  std::array<uint8_t, 256> coverage{};
  for (int v = 0; v < 256; ++v) coverage[v] = static_cast<uint8_t>(std::clamp((224 - v) * 255 / 160, 0, 255));
  cairo_surface_flush(surface.get());
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < px.height; ++y) {
    uint8_t* row = data + static_cast<size_t>(y) * stride;
    const uint8_t* p = px.data.data() + static_cast<size_t>(y) * px.width * px.channels;
    for (int x = 0; x < px.width; ++x) {
      const int luma = px.channels == 1 ? p[x] : (299 * p[3 * x] + 587 * p[3 * x + 1] + 114 * p[3 * x + 2] + 500) / 1000;
      row[x] = coverage[luma];
    }
  }
  cairo_surface_mark_dirty(surface.get());
  return surface;
}

void PaintBackground(cairo_t* cr) {
  cairo_pattern_t* sky = cairo_pattern_create_linear(0, 0, kCardWidthMm, kCardHeightMm);
  cairo_pattern_add_color_stop_rgb(sky, 0.0, 0.80, 0.89, 0.96);
  cairo_pattern_add_color_stop_rgb(sky, 0.55, 0.90, 0.95, 0.99);
  cairo_pattern_add_color_stop_rgb(sky, 1.0, 0.82, 0.90, 0.96);
  cairo_set_source(cr, sky);
  cairo_paint(cr);
  cairo_pattern_destroy(sky);
  // A faint guilloche of waves, as on the printed blank (and so a photocopy looks different).
  cairo_set_line_width(cr, 0.08);
  cairo_set_source_rgba(cr, 0.45, 0.62, 0.82, 0.35);
  for (int wave = 0; wave < 7; ++wave) {
    const double base = 9.0 + wave * 6.5;
    cairo_move_to(cr, 0, base);
    for (int i = 1; i <= 43; ++i) {
      const double x = i * 2.0;
      cairo_line_to(cr, x, base + 1.6 * std::sin(x / 6.0 + wave * 0.9));
    }
    cairo_stroke(cr);
  }
}

struct Images {
  Surface photo{nullptr, cairo_surface_destroy};
  Surface signature{nullptr, cairo_surface_destroy};
};

void Draw(cairo_t* cr, const CardFace& face, const Images& images) {
  Painter p(cr);
  PaintBackground(cr);
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.08);

  const double centre = kCardWidthMm / 2, full = kCardWidthMm - 2 * kMargin;
  p.Font(kHeaderSize, true);
  p.Text(centre, 4.6, face.provinsi, full, Align::kCenter);
  p.Text(centre, 7.8, face.kabupaten, full, Align::kCenter);

  // The colon column sits just right of the widest label, as on the printed card.
  const auto fields = CardFields(face);
  p.Font(kFieldSize, false);
  double label_width = 0;
  for (const auto& [label, value] : fields) {
    if (label != "Gol. Darah") label_width = std::max(label_width, p.Width(label));
  }
  const double colon_x = kMargin + label_width + 0.8;
  const double value_x = colon_x + 1.2;

  p.Font(kNikSize, true);
  const double nik_y = 12.4;
  p.Text(kMargin, nik_y, "NIK", label_width);
  const double nik_colon = std::max(colon_x, kMargin + p.Width("NIK") + 0.8);
  p.Text(nik_colon, nik_y, ":", 2);
  // The NIK's baseline is above the photo (digits have no descenders): it may run to the margin.
  p.Text(nik_colon + p.Width(": "), nik_y, face.nik, kCardWidthMm - kMargin - nik_colon - p.Width(": "));

  double y = kFirstRowY;
  for (const auto& [label, value] : fields) {
    p.Font(kFieldSize, false);
    if (label == "Gol. Darah") {
      // Same line as Jenis Kelamin (already advanced past): label, colon and value to the right.
      const double line = y - kRowStep;
      const double w = p.Width(label);
      p.Text(kGolDarahX, line, label, w + 0.01);
      p.Text(kGolDarahX + w + 0.8, line, ":", 2);
      p.Text(kGolDarahX + w + 2.0, line, value, kValueRight - (kGolDarahX + w + 2.0));
      continue;
    }
    p.Text(kMargin, y, label, label_width + 0.01);
    p.Text(colon_x, y, ":", 2);
    const double right = label == "Jenis Kelamin" ? kGolDarahX - 1.0 : kValueRight;
    p.Text(value_x, y, value, right - value_x);
    y += kRowStep;
  }

  // Photo, then the place and date of issue and the signature beneath it.
  PaintImage(cr, images.photo.get(), kPhotoX, kPhotoY, kPhotoW, kPhotoH, true);
  const double photo_centre = kPhotoX + kPhotoW / 2;
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.08);
  p.Font(kSmallSize, false);
  p.Text(photo_centre, kPhotoY + kPhotoH + 2.6, face.tempat_terbit, kPhotoW + 1.5, Align::kCenter);
  p.Text(photo_centre, kPhotoY + kPhotoH + 4.8, face.tanggal_terbit, kPhotoW + 1.5, Align::kCenter);
  cairo_set_source_rgb(cr, 0.04, 0.04, 0.10);  // signature ink
  PaintImage(cr, images.signature.get(), kSignatureX, kSignatureY, kSignatureW, kSignatureH, false);

  cairo_set_source_rgb(cr, 0.25, 0.28, 0.35);
  p.Font(kSerialSize, false);
  p.Text(kMargin, kCardHeightMm - 1.4, face.card_serial, kSignatureX - kMargin - 2.0);
}

Status CheckText(const CardFace& face) {
  const std::pair<const char*, const std::string*> texts[] = {
      {"provinsi", &face.provinsi}, {"kabupaten", &face.kabupaten}, {"nik", &face.nik}, {"nama", &face.nama},
      {"tempat_tgl_lahir", &face.tempat_tgl_lahir}, {"jenis_kelamin", &face.jenis_kelamin},
      {"golongan_darah", &face.golongan_darah}, {"alamat", &face.alamat}, {"rt_rw", &face.rt_rw},
      {"kel_desa", &face.kel_desa}, {"kecamatan", &face.kecamatan}, {"agama", &face.agama},
      {"status_perkawinan", &face.status_perkawinan}, {"pekerjaan", &face.pekerjaan},
      {"kewarganegaraan", &face.kewarganegaraan}, {"berlaku_hingga", &face.berlaku_hingga},
      {"tempat_terbit", &face.tempat_terbit}, {"tanggal_terbit", &face.tanggal_terbit},
      {"card_serial", &face.card_serial}};
  for (const auto& [field, text] : texts) {
    if (!IsUtf8(*text)) return Status::Invalid(field, "", "must be UTF-8 text");
  }
  return Status::Ok();
}

Result<Images> LoadImages(const CardFace& face, bool attach_jpeg) {
  SIAK_RETURN_IF_ERROR(CheckText(face));
  Images images;
  SIAK_RETURN_IF_ERROR(Required(face.photo, "photo"));
  SIAK_ASSIGN_OR_RETURN(images.photo, PhotoSurface(face.photo, attach_jpeg));
  SIAK_ASSIGN_OR_RETURN(images.signature, SignatureMask(face.signature));
  return images;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> CardFields(const CardFace& face) {
  return {
      {"Nama", face.nama},
      {"Tempat/Tgl Lahir", face.tempat_tgl_lahir},
      {"Jenis Kelamin", face.jenis_kelamin},
      {"Gol. Darah", face.golongan_darah},
      {"Alamat", face.alamat},
      {"RT/RW", face.rt_rw},
      {"Kel/Desa", face.kel_desa},
      {"Kecamatan", face.kecamatan},
      {"Agama", face.agama},
      {"Status Perkawinan", face.status_perkawinan},
      {"Pekerjaan", face.pekerjaan},
      {"Kewarganegaraan", face.kewarganegaraan},
      {"Berlaku Hingga", face.berlaku_hingga},
  };
}

Result<std::string> RenderCardPdf(const CardFace& face) {
  SIAK_ASSIGN_OR_RETURN(Images images, LoadImages(face, true));
  std::string out;
  Surface surface(cairo_pdf_surface_create_for_stream(AppendToString, &out, kCardWidthMm * kPtPerMm,
                                                      kCardHeightMm * kPtPerMm),
                  cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()), "create the PDF");
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, "KTP-el");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "OpenSIAK");
  {
    Context cr(cairo_create(surface.get()), cairo_destroy);
    cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
    Draw(cr.get(), face, images);
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return CairoError(cairo_status(cr.get()), "draw the card");
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()), "write the PDF");
  }
  return out;
}

Result<std::string> RenderCardPng(const CardFace& face) {
  SIAK_ASSIGN_OR_RETURN(Images images, LoadImages(face, false));
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kCardPngWidth, kCardPngHeight),
                  cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()), "create the image");
  }
  {
    Context cr(cairo_create(surface.get()), cairo_destroy);
    cairo_scale(cr.get(), kPxPerMm, kPxPerMm);
    Draw(cr.get(), face, images);
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return CairoError(cairo_status(cr.get()), "draw the card");
  }
  std::string out;
  const cairo_status_t st = cairo_surface_write_to_png_stream(surface.get(), AppendToString, &out);
  if (st != CAIRO_STATUS_SUCCESS) return CairoError(st, "encode the PNG");
  return out;
}

}  // namespace siak::card
