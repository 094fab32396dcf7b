#include "card/suket_render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <qrencode.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "card/render_util.h"
#include "common/date.h"
#include "common/text.h"

namespace siak::card {

namespace {

constexpr std::string_view kPrefix = "SKT1";
constexpr size_t kSignatureBytes = 64;

// ---- base64url (RFC 4648 section 5), no padding ----------------------------------------------
// Local and strict: only the URL alphabet, no '=', and the unused low bits of the last
// character must be zero, so that each signature has exactly one text form.

constexpr char kB64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

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

int B64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
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

// ---- reference text ---------------------------------------------------------------------------

bool ValidNumber(std::string_view number) {
  if (number.empty() || number.size() > 40) return false;
  return std::all_of(number.begin(), number.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-';
  });
}

bool ValidNik(std::string_view nik) { return nik.size() == 16 && IsAllDigits(nik); }

Status ReferenceError(std::string_view text, std::string rule) {
  // The reference comes from a scanned QR code: echo a bounded prefix only.
  return Status::Invalid("reference", TruncateUtf8(text, 80), std::move(rule));
}

struct ParsedReference {
  SuketReference ref;
  std::string_view message;    // the signed part
  std::string signature;       // 64 bytes
};

// The reference's structure, without the signature check.
Result<ParsedReference> ParseReference(std::string_view text) {
  if (text.size() > 256) return ReferenceError(text, "is too long to be a Suket reference");
  std::array<std::string_view, 5> parts;
  size_t count = 0, start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '.') {
      if (count == parts.size()) return ReferenceError(text, "has too many parts (expected SKT1.number.nik.date.signature)");
      parts[count++] = text.substr(start, i - start);
      start = i + 1;
    }
  }
  if (count != parts.size()) return ReferenceError(text, "has too few parts (expected SKT1.number.nik.date.signature)");
  if (parts[0] != kPrefix) return ReferenceError(text, "is not a Suket reference (must start with \"SKT1.\")");
  if (!ValidNumber(parts[1])) return ReferenceError(text, "has an invalid Suket number");
  if (!ValidNik(parts[2])) return ReferenceError(text, "has an invalid NIK (must be 16 digits)");
  const std::string_view ymd = parts[3];
  if (ymd.size() != 8 || !IsAllDigits(ymd)) return ReferenceError(text, "has an invalid date (must be YYYYMMDD)");
  auto date = Date::FromYmd(DigitsValue(ymd, 0, 4), DigitsValue(ymd, 4, 2), DigitsValue(ymd, 6, 2), "reference");
  if (!date.ok()) return ReferenceError(text, "has a date that does not exist");
  auto signature = Base64UrlDecode(parts[4]);
  if (!signature || signature->size() != kSignatureBytes) {
    return ReferenceError(text, "has a malformed signature (must be 64 bytes in base64url without padding)");
  }
  ParsedReference out;
  out.ref.number = std::string(parts[1]);
  out.ref.nik = std::string(parts[2]);
  out.ref.valid_until = date->ToString();
  out.message = text.substr(0, static_cast<size_t>(parts[4].data() - text.data()) - 1);
  out.signature = std::move(*signature);
  return out;
}

// ---- drawing (the conventions of card_render.cc and render_util.h: millimetres, DejaVu Sans) ---

using namespace internal;

constexpr double kPageW = 148.0, kPageH = 210.0;  // A5 portrait
constexpr double kMargin = 12.0;

void Font(cairo_t* cr, double size, bool bold) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

// Greedy word wrap; returns the baseline below the last line.
double Paragraph(cairo_t* cr, double x, double y, const std::string& text, double width, double line_step) {
  std::string line;
  size_t start = 0;
  const std::string clean = OneLine(text);
  while (start <= clean.size()) {
    size_t end = clean.find(' ', start);
    if (end == std::string::npos) end = clean.size();
    const std::string word = clean.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && Advance(cr, candidate) > width) {
      DrawText(cr, x, y, line, width);
      y += line_step;
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) {
    DrawText(cr, x, y, line, width);
    y += line_step;
  }
  return y;
}

// The QR code as filled rectangles (one path, so that touching modules leave no hairline seams
// in PDF viewers), with the standard quiet zone of four modules.
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

// "28-05-2027" or "2027-05-28" as a Date.
Result<Date> ParseDisplayDate(std::string_view text, const std::string& field) {
  if (text.size() == 10 && text[2] == '-' && text[5] == '-' && IsAllDigits(text.substr(0, 2)) &&
      IsAllDigits(text.substr(3, 2)) && IsAllDigits(text.substr(6, 4))) {
    return Date::FromYmd(DigitsValue(text, 6, 4), DigitsValue(text, 3, 2), DigitsValue(text, 0, 2), field);
  }
  auto iso = Date::Parse(text, field);
  if (iso.ok()) return iso;
  return Status::Invalid(field, text, "must be a date DD-MM-YYYY");
}

Status CheckDocument(const SuketDocument& doc) {
  const std::pair<const char*, const std::string*> texts[] = {
      {"number", &doc.number}, {"nik", &doc.nik}, {"nama", &doc.nama}, {"tempat_tgl_lahir", &doc.tempat_tgl_lahir},
      {"jenis_kelamin", &doc.jenis_kelamin}, {"alamat", &doc.alamat}, {"rt_rw", &doc.rt_rw},
      {"kel_desa", &doc.kel_desa}, {"kecamatan", &doc.kecamatan}, {"kabupaten", &doc.kabupaten},
      {"provinsi", &doc.provinsi}, {"agama", &doc.agama}, {"status_perkawinan", &doc.status_perkawinan},
      {"pekerjaan", &doc.pekerjaan}, {"issued_at", &doc.issued_at}, {"valid_until", &doc.valid_until},
      {"officer", &doc.officer}, {"reference", &doc.reference}};
  for (const auto& [field, text] : texts) {
    if (!IsUtf8(*text)) return Status::Invalid(field, "", "must be UTF-8 text");
  }
  // The QR code vouches for the number, the NIK and the date printed beside it: a reference
  // made for another Suket would let this paper pass a check it should fail.
  SIAK_ASSIGN_OR_RETURN(ParsedReference parsed, ParseReference(doc.reference));
  if (parsed.ref.number != doc.number) {
    return Status::Invalid("reference", doc.number, "was signed for another Suket number");
  }
  if (parsed.ref.nik != doc.nik) return Status::Invalid("reference", doc.nik, "was signed for another NIK");
  SIAK_ASSIGN_OR_RETURN(Date valid_until, ParseDisplayDate(doc.valid_until, "valid_until"));
  if (valid_until.ToString() != parsed.ref.valid_until) {
    return Status::Invalid("reference", doc.valid_until, "was signed with another validity date");
  }
  return Status::Ok();
}

Status DrawSuket(cairo_t* cr, const SuketDocument& doc, cairo_surface_t* photo) {
  const double centre = kPageW / 2, width = kPageW - 2 * kMargin;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);

  // Letterhead.
  Font(cr, 3.9, true);
  if (!doc.kabupaten.empty()) DrawText(cr, centre, 17, "PEMERINTAH " + doc.kabupaten, width, Align::kCenter);
  Font(cr, 3.4, true);
  DrawText(cr, centre, 22.5, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", width, Align::kCenter);
  cairo_set_line_width(cr, 0.6);
  cairo_move_to(cr, kMargin, 26.5);
  cairo_line_to(cr, kPageW - kMargin, 26.5);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.2);
  cairo_move_to(cr, kMargin, 27.4);
  cairo_line_to(cr, kPageW - kMargin, 27.4);
  cairo_stroke(cr);

  // Title and number.
  Font(cr, 4.2, true);
  const std::string title = "SURAT KETERANGAN PENGGANTI KTP-EL";
  DrawText(cr, centre, 37, title, width, Align::kCenter);
  const double title_w = std::min(width, Advance(cr, title));
  cairo_set_line_width(cr, 0.3);
  cairo_move_to(cr, centre - title_w / 2, 38.0);
  cairo_line_to(cr, centre + title_w / 2, 38.0);
  cairo_stroke(cr);
  Font(cr, 3.2, false);
  DrawText(cr, centre, 43, "Nomor: " + doc.number, width, Align::kCenter);

  Font(cr, 3.0, false);
  double y = Paragraph(cr, kMargin, 52,
                       "Yang bertanda tangan di bawah ini menerangkan bahwa penduduk dengan data sebagai berikut:",
                       width, 4.6);

  // Biodata; the photo (if any) on the right of the first rows.
  const double photo_x = kPageW - kMargin - 30, photo_y = y, photo_w = 30, photo_h = 40;
  if (photo != nullptr) {
    PaintImage(cr, photo, photo_x, photo_y, photo_w, photo_h, true);
    cairo_set_line_width(cr, 0.2);
    cairo_rectangle(cr, photo_x, photo_y, photo_w, photo_h);
    cairo_stroke(cr);
  }
  const std::pair<const char*, const std::string*> rows[] = {
      {"NIK", &doc.nik}, {"Nama", &doc.nama}, {"Tempat/Tgl Lahir", &doc.tempat_tgl_lahir},
      {"Jenis Kelamin", &doc.jenis_kelamin}, {"Alamat", &doc.alamat}, {"RT/RW", &doc.rt_rw},
      {"Kel/Desa", &doc.kel_desa}, {"Kecamatan", &doc.kecamatan}, {"Kabupaten/Kota", &doc.kabupaten},
      {"Provinsi", &doc.provinsi}, {"Agama", &doc.agama}, {"Status Perkawinan", &doc.status_perkawinan},
      {"Pekerjaan", &doc.pekerjaan}};
  double label_w = 0;
  for (const auto& [label, value] : rows) label_w = std::max(label_w, Advance(cr, label));
  const double colon_x = kMargin + 2 + label_w + 1.5, value_x = colon_x + 2.2;
  y += 2.0;
  for (const auto& [label, value] : rows) {
    const bool beside_photo = photo != nullptr && y - 3 < photo_y + photo_h;
    const double right = beside_photo ? photo_x - 2.5 : kPageW - kMargin;
    Font(cr, 3.0, std::string_view(label) == "NIK" || std::string_view(label) == "Nama");
    DrawText(cr, kMargin + 2, y, label, label_w + 0.01);
    DrawText(cr, colon_x, y, ":", 2);
    DrawText(cr, value_x, y, *value, right - value_x);
    y += 4.9;
  }
  if (photo != nullptr) y = std::max(y, photo_y + photo_h + 5);

  Font(cr, 3.0, false);
  y = Paragraph(cr, kMargin, y + 2,
                "telah melakukan perekaman KTP-el. KTP-el yang bersangkutan belum dapat dicetak karena blangko "
                "KTP-el tidak tersedia. Surat keterangan ini berlaku sebagai pengganti KTP-el.",
                width, 4.6);
  Font(cr, 3.2, true);
  DrawText(cr, kMargin, y + 1.5, "Berlaku sampai dengan " + doc.valid_until, width);

  // QR code (left) and the issuing officer (right) in the bottom block.
  const double block_y = std::max(y + 8, kPageH - 62);
  const double qr_size = 36;
  SIAK_RETURN_IF_ERROR(DrawQr(cr, doc.reference, kMargin - 2, block_y, qr_size));
  cairo_set_source_rgb(cr, 0, 0, 0);
  Font(cr, 2.5, false);
  DrawText(cr, kMargin - 2 + qr_size / 2, block_y + qr_size + 3.5, "Periksa keaslian: pindai kode QR", qr_size + 14,
       Align::kCenter);

  const double sign_x = kPageW - kMargin - 25;  // centre of the signature column
  Font(cr, 3.0, false);
  DrawText(cr, sign_x, block_y + 5, doc.issued_at, 52, Align::kCenter);
  DrawText(cr, sign_x, block_y + 10, "Petugas,", 52, Align::kCenter);
  Font(cr, 3.0, true);
  DrawText(cr, sign_x, block_y + 30, doc.officer, 52, Align::kCenter);
  return Status::Ok();
}

}  // namespace

Result<std::string> SignSuketReference(const SuketReference& ref, const SigningKey& key) {
  if (!ValidNumber(ref.number)) {
    return Status::Invalid("number", TruncateUtf8(ref.number, 80),
                           "must be 1 to 40 characters of A-Z, 0-9, '/' and '-'");
  }
  if (!ValidNik(ref.nik)) return Status::Invalid("nik", TruncateUtf8(ref.nik, 80), "must be 16 digits");
  SIAK_ASSIGN_OR_RETURN(Date until, Date::Parse(ref.valid_until, "valid_until"));
  const std::string iso = until.ToString();
  const std::string message =
      std::string(kPrefix) + "." + ref.number + "." + ref.nik + "." + iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
  return message + "." + Base64UrlEncode(key.Sign(message));
}

Result<SuketReference> VerifySuketReference(std::string_view text, const PublicKey& key) {
  SIAK_ASSIGN_OR_RETURN(ParsedReference parsed, ParseReference(text));
  if (!VerifySignature(key, parsed.message, parsed.signature)) {
    return ReferenceError(text, "signature does not verify: the Suket was changed or not issued with this key");
  }
  return parsed.ref;
}

Result<std::string> RenderSuketPdf(const SuketDocument& doc) {
  SIAK_RETURN_IF_ERROR(CheckDocument(doc));
  Surface photo(nullptr, cairo_surface_destroy);
  if (!doc.photo.empty()) {
    SIAK_ASSIGN_OR_RETURN(photo, PhotoSurface(doc.photo, true));
  }
  std::string out;
  Surface surface(cairo_pdf_surface_create_for_stream(AppendToString, &out, kPageW * kPtPerMm, kPageH * kPtPerMm),
                  cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()), "create the PDF");
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, "Surat Keterangan Pengganti KTP-el");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "OpenSIAK");
  {
    Context cr(cairo_create(surface.get()), cairo_destroy);
    cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr.get(), options);
    cairo_font_options_destroy(options);
    SIAK_RETURN_IF_ERROR(DrawSuket(cr.get(), doc, photo.get()));
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return CairoError(cairo_status(cr.get()), "draw the Suket");
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()), "write the PDF");
  }
  return out;
}

}  // namespace siak::card
