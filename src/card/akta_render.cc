#include "card/akta_render.h"

#include <cairo.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "card/render_util.h"
#include "common/date.h"
#include "common/text.h"

namespace siak::card {

namespace {

using namespace internal;

constexpr std::string_view kPrefix = "AKT1";
constexpr std::string_view kNoNik = "-";
constexpr size_t kSignatureBytes = 64;
constexpr int kMaxCopy = 99;

// ---- reference text ---------------------------------------------------------------------------

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// [0-9]{4}-[A-Z]{2}-[0-9]{8}-[0-9]{4,6}, and the DDMMYYYY a date that exists.
bool ValidAktaNumber(std::string_view number) {
  if (number.size() < 21 || number.size() > 23) return false;
  if (!IsAllDigits(number.substr(0, 4)) || number[4] != '-' || !IsUpper(number[5]) || !IsUpper(number[6]) ||
      number[7] != '-' || !IsAllDigits(number.substr(8, 8)) || number[16] != '-' || !IsAllDigits(number.substr(17))) {
    return false;
  }
  return Date::FromYmd(DigitsValue(number, 12, 4), DigitsValue(number, 10, 2), DigitsValue(number, 8, 2)).ok();
}

bool ValidKind(std::string_view kind) {
  return !kind.empty() && kind.size() <= 32 &&
         std::all_of(kind.begin(), kind.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

bool ValidNik(std::string_view nik) { return nik.size() == 16 && IsAllDigits(nik); }

// 1..99 in decimal without a leading zero; 0 when the text is anything else.
int ParseCopy(std::string_view text) {
  if (text.empty() || text.size() > 2 || !IsAllDigits(text) || text[0] == '0') return 0;
  return DigitsValue(text, 0, text.size());
}

constexpr std::string_view kExpected = "expected AKT1.akta_number.kind.nik.copy.signature";

struct ParsedReference {
  AktaReference ref;
  std::string_view message;  // the signed part
  std::string signature;     // 64 bytes
};

// The reference's structure, without the signature check.
Result<ParsedReference> ParseReference(std::string_view text) {
  if (text.size() > 256) return InvalidReference(text, "is too long to be an akta reference");
  std::array<std::string_view, 6> parts;
  const size_t count = SplitParts(text, '.', parts);
  if (count > parts.size()) return InvalidReference(text, "has too many parts (" + std::string(kExpected) + ")");
  if (count != parts.size()) return InvalidReference(text, "has too few parts (" + std::string(kExpected) + ")");
  if (parts[0] != kPrefix) return InvalidReference(text, "is not an akta reference (must start with \"AKT1.\")");
  if (!ValidAktaNumber(parts[1])) {
    return InvalidReference(text, "has an invalid akta number (must be like 3273-LT-28112026-0001)");
  }
  if (!ValidKind(parts[2])) return InvalidReference(text, "has an invalid kind (must be 1 to 32 of a-z and '_')");
  if (parts[3] != kNoNik && !ValidNik(parts[3])) {
    return InvalidReference(text, "has an invalid NIK (must be 16 digits, or - when there is none)");
  }
  const int copy = ParseCopy(parts[4]);
  if (copy == 0) return InvalidReference(text, "has an invalid copy (must be 1 to 99, no leading zero)");
  auto signature = Base64UrlDecode(parts[5]);
  if (!signature || signature->size() != kSignatureBytes) {
    return InvalidReference(text, "has a malformed signature (must be 64 bytes in base64url without padding)");
  }
  ParsedReference out;
  out.ref.akta_number = std::string(parts[1]);
  out.ref.kind = std::string(parts[2]);
  out.ref.nik = parts[3] == kNoNik ? std::string() : std::string(parts[3]);
  out.ref.copy = copy;
  out.message = text.substr(0, static_cast<size_t>(parts[5].data() - text.data()) - 1);
  out.signature = std::move(*signature);
  return out;
}

// ---- drawing (render_util.h conventions: millimetres, DejaVu Sans, unhinted metrics) -----------

constexpr double kPageW = 210.0, kPageH = 297.0;  // A4 portrait
constexpr double kMargin = 20.0;
constexpr double kRight = kPageW - kMargin, kWidth = kPageW - 2 * kMargin;
constexpr double kBodySize = 3.4, kBodyStep = 5.2;  // the fields: about 9.6 pt
constexpr double kNoteSize = 3.0, kNoteStep = 4.3;  // the marginal notes
constexpr size_t kMaxValueLines = 3;
constexpr double kTableTop = 74.0;
// The bottom block: the QR code on the left, the place, date and official on the right.
constexpr double kQrSize = 34.0;
constexpr double kBlockTop = kPageH - 15.0 - kQrSize - 8.0;
// The CATATAN PINGGIR box ends above the block and is at least this high (its heading and two
// lines), whatever the fields take.
constexpr double kNotesBottom = kBlockTop - 6.0;
constexpr double kMinNotesBox = 22.0;

// Draws the table of fields from kTableTop; returns the baseline below the last row drawn. Rows
// that do not fit above `limit` are counted on one last line instead.
double DrawFields(cairo_t* cr, const AktaDocument& doc, double limit) {
  SetFont(cr, kBodySize, false);
  double label_w = 0;
  for (const auto& [label, value] : doc.fields) label_w = std::max(label_w, Advance(cr, OneLine(label)));
  label_w = std::min(label_w, kWidth * 0.4);
  const double colon_x = kMargin + label_w + 2.0, value_x = colon_x + 3.0, value_w = kRight - value_x;
  double y = kTableTop;
  for (size_t i = 0; i < doc.fields.size(); ++i) {
    const auto& [label, value] = doc.fields[i];
    std::vector<std::string> lines = WrapText(cr, value, value_w);
    if (lines.empty()) lines.push_back("-");
    if (lines.size() > kMaxValueLines) {
      // The ellipsis shows the value goes on; Fit cuts the last shown line to make room for it.
      lines[kMaxValueLines - 1] = Fit(cr, lines[kMaxValueLines - 1] + " " + lines[kMaxValueLines], value_w);
      lines.resize(kMaxValueLines);
    }
    const bool more_after = i + 1 < doc.fields.size();
    const double last_baseline = y + kBodyStep * static_cast<double>(lines.size() - 1);
    if (last_baseline + (more_after ? kBodyStep : 0) > limit) {
      DrawText(cr, kMargin, y,
               "\xe2\x80\xa6 " + std::to_string(doc.fields.size() - i) + " baris data lainnya tidak dimuat", kWidth);
      return y + kBodyStep;
    }
    DrawText(cr, kMargin, y, label, label_w + 0.01);
    DrawText(cr, colon_x, y, ":", 2.5);
    for (const std::string& line : lines) {
      DrawText(cr, value_x, y, line, value_w);
      y += kBodyStep;
    }
  }
  return y;
}

// The CATATAN PINGGIR box from `top` to kNotesBottom: the notes numbered, each wrapped with a
// hanging indent. A note is drawn whole or not at all (a legal text cut short would mislead),
// except the first, which is cut with an ellipsis rather than leave the box empty; the notes
// that do not fit are counted on the last line.
void DrawNotes(cairo_t* cr, const AktaDocument& doc, double top) {
  cairo_set_line_width(cr, 0.3);
  cairo_rectangle(cr, kMargin, top, kWidth, kNotesBottom - top);
  cairo_stroke(cr);
  SetFont(cr, 3.3, true);
  DrawText(cr, kPageW / 2, top + 6.0, "CATATAN PINGGIR", kWidth - 4, Align::kCenter);

  SetFont(cr, kNoteSize, false);
  const double x = kMargin + 3.0, width = kWidth - 6.0, first = top + 12.0;
  const auto capacity = static_cast<size_t>(std::floor((kNotesBottom - 3.0 - first) / kNoteStep)) + 1;
  const size_t count = doc.marginal_notes.size();
  if (count == 0) {
    DrawText(cr, x, first, "-", width);
    return;
  }
  const double number_w = Advance(cr, std::to_string(count) + ". ");
  const double text_x = x + number_w, text_w = width - number_w;
  size_t used = 0, drawn = 0;
  for (; drawn < count; ++drawn) {
    std::vector<std::string> lines = WrapText(cr, doc.marginal_notes[drawn], text_w);
    if (lines.empty()) lines.push_back("-");
    const size_t room = capacity - used - (drawn + 1 < count ? 1 : 0);  // a line kept for the count
    if (lines.size() > room) {
      if (drawn > 0 || room == 0) break;
      lines[room - 1] = Fit(cr, lines[room - 1] + " " + lines[room], text_w);
      lines.resize(room);
    }
    DrawText(cr, x, first + kNoteStep * static_cast<double>(used), std::to_string(drawn + 1) + ".", number_w);
    for (const std::string& line : lines) {
      DrawText(cr, text_x, first + kNoteStep * static_cast<double>(used), line, text_w);
      ++used;
    }
  }
  if (drawn < count) {
    DrawText(cr, x, first + kNoteStep * static_cast<double>(used),
             "\xe2\x80\xa6 dan " + std::to_string(count - drawn) + " catatan pinggir lainnya tidak dimuat pada kutipan ini",
             width);
  }
}

Status DrawAkta(cairo_t* cr, const AktaDocument& doc) {
  const double centre = kPageW / 2;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);

  // The copy mark, boxed, top right.
  SetFont(cr, 3.0, true);
  const std::string mark = CopyMark(doc.copy);
  const double mark_w = std::min(Advance(cr, mark), 80.0);
  cairo_set_line_width(cr, 0.3);
  cairo_rectangle(cr, kRight - mark_w - 4.0, 10.0, mark_w + 4.0, 6.5);
  cairo_stroke(cr);
  DrawText(cr, kRight - 2.0, 14.5, mark, mark_w + 0.01, Align::kRight);

  // Heading, title and number.
  SetFont(cr, 5.0, true);
  DrawText(cr, centre, 30, "REPUBLIK INDONESIA", kWidth, Align::kCenter);
  SetFont(cr, 3.6, true);
  DrawText(cr, centre, 36.5, "PENCATATAN SIPIL", kWidth, Align::kCenter);
  cairo_set_line_width(cr, 0.6);
  cairo_move_to(cr, kMargin, 40.5);
  cairo_line_to(cr, kRight, 40.5);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.2);
  cairo_move_to(cr, kMargin, 41.4);
  cairo_line_to(cr, kRight, 41.4);
  cairo_stroke(cr);
  SetFont(cr, 5.2, true);
  DrawText(cr, centre, 53, doc.title, kWidth, Align::kCenter);
  const double title_w = std::min(kWidth, Advance(cr, Fit(cr, OneLine(doc.title), kWidth)));
  cairo_set_line_width(cr, 0.3);
  cairo_move_to(cr, centre - title_w / 2, 54.4);
  cairo_line_to(cr, centre + title_w / 2, 54.4);
  cairo_stroke(cr);
  SetFont(cr, 3.8, false);
  DrawText(cr, centre, 61.5, "No. " + doc.akta_number, kWidth, Align::kCenter);

  const double table_end = DrawFields(cr, doc, kNotesBottom - kMinNotesBox - 4.0);
  DrawNotes(cr, doc, table_end - kBodyStep + 6.0);

  // QR code (left), with its caption; place, date and official (right).
  SIAK_RETURN_IF_ERROR(DrawQr(cr, doc.reference, kMargin - 3.0, kBlockTop, kQrSize));
  cairo_set_source_rgb(cr, 0, 0, 0);
  SetFont(cr, 2.5, false);
  DrawText(cr, kMargin, kBlockTop + kQrSize + 3.5, "Pindai untuk memeriksa keaslian (siak akta verify)", 95);
  const double sign_x = kRight - 38.0, sign_w = 76.0;
  SetFont(cr, 3.4, false);
  DrawText(cr, sign_x, kBlockTop + 5.0, doc.issued_at, sign_w, Align::kCenter);
  std::vector<std::string> official = WrapText(cr, doc.official, sign_w);
  if (official.size() > 3) {
    official[2] = Fit(cr, official[2] + " " + official[3], sign_w);
    official.resize(3);
  }
  double y = kBlockTop + 10.5;
  for (const std::string& line : official) {
    DrawText(cr, sign_x, y, line, sign_w, Align::kCenter);
    y += 4.8;
  }
  return Status::Ok();
}

Status CheckDocument(const AktaDocument& doc) {
  if (doc.title.empty()) return Status::Invalid("title", "", "is required");
  if (doc.akta_number.empty()) return Status::Invalid("akta_number", "", "is required");
  if (doc.reference.empty()) return Status::Invalid("reference", "", "is required (the QR code's content)");
  if (doc.copy < 1 || doc.copy > kMaxCopy) return Status::Invalid("copy", std::to_string(doc.copy), "must be 1 to 99");
  const std::pair<const char*, const std::string*> texts[] = {
      {"title", &doc.title}, {"akta_number", &doc.akta_number}, {"issued_at", &doc.issued_at},
      {"official", &doc.official}, {"reference", &doc.reference}};
  for (const auto& [field, text] : texts) {
    if (!IsUtf8(*text)) return Status::Invalid(field, "", "must be UTF-8 text");
  }
  for (size_t i = 0; i < doc.fields.size(); ++i) {
    if (!IsUtf8(doc.fields[i].first) || !IsUtf8(doc.fields[i].second)) {
      return Status::Invalid("fields[" + std::to_string(i) + "]", "", "must be UTF-8 text");
    }
  }
  for (size_t i = 0; i < doc.marginal_notes.size(); ++i) {
    if (!IsUtf8(doc.marginal_notes[i])) {
      return Status::Invalid("marginal_notes[" + std::to_string(i) + "]", "", "must be UTF-8 text");
    }
  }
  // The QR code vouches for the number and the copy printed on this page: a reference made for
  // another akta (or another kutipan of it) would let this paper pass a check it should fail.
  SIAK_ASSIGN_OR_RETURN(ParsedReference parsed, ParseReference(doc.reference));
  if (parsed.ref.akta_number != doc.akta_number) {
    return Status::Invalid("reference", TruncateUtf8(doc.akta_number, 80), "was signed for another akta number");
  }
  if (parsed.ref.copy != doc.copy) {
    return Status::Invalid("reference", std::to_string(doc.copy), "was signed for another copy (kutipan)");
  }
  return Status::Ok();
}

}  // namespace

std::string CopyMark(int copy) {
  static constexpr std::array<const char*, 10> kOrdinals = {"PERTAMA", "KEDUA",  "KETIGA",    "KEEMPAT",    "KELIMA",
                                                             "KEENAM",  "KETUJUH", "KEDELAPAN", "KESEMBILAN", "KESEPULUH"};
  if (copy < 1) return "";
  if (copy <= static_cast<int>(kOrdinals.size())) return std::string("KUTIPAN ") + kOrdinals[copy - 1];
  return "KUTIPAN KE-" + std::to_string(copy);
}

Result<std::string> SignAktaReference(const AktaReference& ref, const SigningKey& key) {
  if (!ValidAktaNumber(ref.akta_number)) {
    return Status::Invalid("akta_number", TruncateUtf8(ref.akta_number, 80),
                           "must be <regency 4 digits>-<2 letters A-Z>-<DDMMYYYY, a real date>-<sequence 4 to 6 "
                           "digits>, e.g. 3273-LT-28112026-0001");
  }
  if (!ValidKind(ref.kind)) {
    return Status::Invalid("kind", TruncateUtf8(ref.kind, 80), "must be 1 to 32 characters of a-z and '_'");
  }
  if (!ref.nik.empty() && !ValidNik(ref.nik)) {
    return Status::Invalid("nik", TruncateUtf8(ref.nik, 80), "must be 16 digits, or empty when there is none");
  }
  if (ref.copy < 1 || ref.copy > kMaxCopy) return Status::Invalid("copy", std::to_string(ref.copy), "must be 1 to 99");
  const std::string message = std::string(kPrefix) + "." + ref.akta_number + "." + ref.kind + "." +
                              (ref.nik.empty() ? std::string(kNoNik) : ref.nik) + "." + std::to_string(ref.copy);
  return message + "." + Base64UrlEncode(key.Sign(message));
}

Result<AktaReference> VerifyAktaReference(std::string_view text, const PublicKey& key) {
  SIAK_ASSIGN_OR_RETURN(ParsedReference parsed, ParseReference(text));
  if (!VerifySignature(key, parsed.message, parsed.signature)) {
    return InvalidReference(text, "signature does not verify: the akta was changed or not issued with this key");
  }
  return parsed.ref;
}

Result<std::string> RenderAktaPdf(const AktaDocument& doc) {
  SIAK_RETURN_IF_ERROR(CheckDocument(doc));
  return RenderPdfPage(kPageW, kPageH, OneLine(doc.title), "the akta",
                       [&](cairo_t* cr) { return DrawAkta(cr, doc); });
}

Result<std::string> RenderAktaPng(const AktaDocument& doc, double dpi) {
  if (!(dpi >= 24 && dpi <= 300)) return Status::Invalid("dpi", std::to_string(dpi), "must be 24 to 300");
  SIAK_RETURN_IF_ERROR(CheckDocument(doc));
  const double px_per_mm = dpi / 25.4;
  return RenderPngPage(static_cast<int>(std::lround(kPageW * px_per_mm)),
                       static_cast<int>(std::lround(kPageH * px_per_mm)), px_per_mm, "the akta",
                       [&](cairo_t* cr) { return DrawAkta(cr, doc); });
}

}  // namespace siak::card
