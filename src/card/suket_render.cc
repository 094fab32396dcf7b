#include "card/suket_render.h"

#include <cairo.h>

#include <algorithm>
#include <array>

#include "card/render_util.h"
#include "common/date.h"
#include "common/text.h"

namespace siak::card {

namespace {

using namespace internal;

constexpr std::string_view kPrefix = "SKT1";
constexpr size_t kSignatureBytes = 64;

// ---- reference text ---------------------------------------------------------------------------

bool ValidNumber(std::string_view number) {
  if (number.empty() || number.size() > 40) return false;
  return std::all_of(number.begin(), number.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-';
  });
}

bool ValidNik(std::string_view nik) { return nik.size() == 16 && IsAllDigits(nik); }

struct ParsedReference {
  SuketReference ref;
  std::string_view message;    // the signed part
  std::string signature;       // 64 bytes
};

// The reference's structure, without the signature check.
Result<ParsedReference> ParseReference(std::string_view text) {
  if (text.size() > 256) return InvalidReference(text, "is too long to be a Suket reference");
  std::array<std::string_view, 5> parts;
  const size_t count = SplitParts(text, '.', parts);
  if (count > parts.size()) return InvalidReference(text, "has too many parts (expected SKT1.number.nik.date.signature)");
  if (count != parts.size()) return InvalidReference(text, "has too few parts (expected SKT1.number.nik.date.signature)");
  if (parts[0] != kPrefix) return InvalidReference(text, "is not a Suket reference (must start with \"SKT1.\")");
  if (!ValidNumber(parts[1])) return InvalidReference(text, "has an invalid Suket number");
  if (!ValidNik(parts[2])) return InvalidReference(text, "has an invalid NIK (must be 16 digits)");
  const std::string_view ymd = parts[3];
  if (ymd.size() != 8 || !IsAllDigits(ymd)) return InvalidReference(text, "has an invalid date (must be YYYYMMDD)");
  auto date = Date::FromYmd(DigitsValue(ymd, 0, 4), DigitsValue(ymd, 4, 2), DigitsValue(ymd, 6, 2), "reference");
  if (!date.ok()) return InvalidReference(text, "has a date that does not exist");
  auto signature = Base64UrlDecode(parts[4]);
  if (!signature || signature->size() != kSignatureBytes) {
    return InvalidReference(text, "has a malformed signature (must be 64 bytes in base64url without padding)");
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

constexpr double kPageW = 148.0, kPageH = 210.0;  // A5 portrait
constexpr double kMargin = 12.0;

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
  SetFont(cr, 3.9, true);
  if (!doc.kabupaten.empty()) DrawText(cr, centre, 17, "PEMERINTAH " + doc.kabupaten, width, Align::kCenter);
  SetFont(cr, 3.4, true);
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
  SetFont(cr, 4.2, true);
  const std::string title = "SURAT KETERANGAN PENGGANTI KTP-EL";
  DrawText(cr, centre, 37, title, width, Align::kCenter);
  const double title_w = std::min(width, Advance(cr, title));
  cairo_set_line_width(cr, 0.3);
  cairo_move_to(cr, centre - title_w / 2, 38.0);
  cairo_line_to(cr, centre + title_w / 2, 38.0);
  cairo_stroke(cr);
  SetFont(cr, 3.2, false);
  DrawText(cr, centre, 43, "Nomor: " + doc.number, width, Align::kCenter);

  SetFont(cr, 3.0, false);
  double y = DrawParagraph(cr, kMargin, 52,
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
    SetFont(cr, 3.0, std::string_view(label) == "NIK" || std::string_view(label) == "Nama");
    DrawText(cr, kMargin + 2, y, label, label_w + 0.01);
    DrawText(cr, colon_x, y, ":", 2);
    DrawText(cr, value_x, y, *value, right - value_x);
    y += 4.9;
  }
  if (photo != nullptr) y = std::max(y, photo_y + photo_h + 5);

  SetFont(cr, 3.0, false);
  y = DrawParagraph(cr, kMargin, y + 2,
                "telah melakukan perekaman KTP-el. KTP-el yang bersangkutan belum dapat dicetak karena blangko "
                "KTP-el tidak tersedia. Surat keterangan ini berlaku sebagai pengganti KTP-el.",
                width, 4.6);
  SetFont(cr, 3.2, true);
  DrawText(cr, kMargin, y + 1.5, "Berlaku sampai dengan " + doc.valid_until, width);

  // QR code (left) and the issuing officer (right) in the bottom block.
  const double block_y = std::max(y + 8, kPageH - 62);
  const double qr_size = 36;
  SIAK_RETURN_IF_ERROR(DrawQr(cr, doc.reference, kMargin - 2, block_y, qr_size));
  cairo_set_source_rgb(cr, 0, 0, 0);
  SetFont(cr, 2.5, false);
  DrawText(cr, kMargin - 2 + qr_size / 2, block_y + qr_size + 3.5, "Periksa keaslian: pindai kode QR", qr_size + 14,
       Align::kCenter);

  const double sign_x = kPageW - kMargin - 25;  // centre of the signature column
  SetFont(cr, 3.0, false);
  DrawText(cr, sign_x, block_y + 5, doc.issued_at, 52, Align::kCenter);
  DrawText(cr, sign_x, block_y + 10, "Petugas,", 52, Align::kCenter);
  SetFont(cr, 3.0, true);
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
    return InvalidReference(text, "signature does not verify: the Suket was changed or not issued with this key");
  }
  return parsed.ref;
}

Result<std::string> RenderSuketPdf(const SuketDocument& doc) {
  SIAK_RETURN_IF_ERROR(CheckDocument(doc));
  Surface photo(nullptr, cairo_surface_destroy);
  if (!doc.photo.empty()) {
    SIAK_ASSIGN_OR_RETURN(photo, PhotoSurface(doc.photo, true));
  }
  return RenderPdfPage(kPageW, kPageH, "Surat Keterangan Pengganti KTP-el", "the Suket",
                       [&](cairo_t* cr) { return DrawSuket(cr, doc, photo.get()); });
}

}  // namespace siak::card
