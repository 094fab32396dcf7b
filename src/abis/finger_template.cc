#include "abis/finger_template.h"

#include <array>
#include <optional>
#include <utility>

// Layouts (all integers big-endian; offsets in bytes):
//
//   ISO/IEC 19794-2:2005 record header, 24 bytes
//     0 "FMR\0"   4 " 20\0"   8 record length (4)   12 capture equipment (2)
//    14 width (2) 16 height (2) 18 x resolution (2) 20 y resolution (2) (pixels per cm)
//    22 number of finger views (1)   23 reserved (1, zero)
//
//   ANSI/INCITS 378-2004 record header, 26 bytes (30 with the long length form)
//     0 "FMR\0"   4 " 20\0"   8 record length (2); when 0, a 4-byte length follows at 10
//     then the CBEFF product identifier (owner 2 + type 2), capture equipment (2), width,
//     height, x and y resolution (2 each), number of finger views (1), reserved (1, zero)
//
//   Then, in both, per finger view: position (1), view number << 4 | impression type (1),
//   finger quality (1), number of minutiae (1); 6 bytes per minutia: type << 14 | x (2),
//   reserved << 14 | y (2), angle (1), quality (1); extended data length (2) and that many bytes.
//
// Format detection. Both formats start "FMR\0 20\0"; only the length fields tell them apart. A
// record whose ISO length (4 bytes at 8) equals the buffer size is ISO; else one whose ANSI length
// (2 bytes at 8, or 4 at 10 after two zero bytes) equals it is ANSI. The two can never both match
// a well-formed buffer (an ISO record under 64 KiB has zero bytes at 8..9, where an ANSI short
// length is never 0, and an ANSI long length would read as (ISO length << 16 | equipment)), so
// "prefer ISO" only decides which format's length error a broken record gets: the one whose
// declared length is nearer the buffer size, ISO on a tie. A truncated record is thus reported
// against the length it most plausibly meant.
//
// Canonical form. The decoder accepts exactly what the encoder writes: reserved bits and bytes
// must be 0, the ANSI long length form only carries records of 65536 bytes or more, ANSI angles
// are 0..179. So decode followed by encode gives back the identical bytes (the fuzzer asserts it).
//
// Angles. ISO counts 256 units of 1.40625 degrees per turn, ANSI 180 units of 2 degrees, both
// counter-clockwise. Minutia.angle is always ISO units: an ANSI byte a becomes the nearest ISO
// unit, (a * 256 + 90) / 180 (never a tie: 256a - 90 is never a multiple of 180), and goes back as
// the nearest ANSI unit, (angle * 180 + 128) / 256 (ties, ISO 32 + 64k, round up). ANSI -> ISO ->
// ANSI is exact for all 180 values because an ISO unit is finer than an ANSI one; ISO -> ANSI moves
// an angle by at most 1 degree.
//
// Edge minutiae. We reject x >= width or y >= height when the header gives the size (nonzero): a
// minutia outside the image it was extracted from is a broken extractor or a corrupted record, and
// all 320 FVC2002 records (a commercial extractor) satisfy it. A size of 0 means "not given".

namespace siak::abis {

namespace {

constexpr char kMagic[4] = {'F', 'M', 'R', '\0'};
constexpr char kVersion[4] = {' ', '2', '0', '\0'};
constexpr size_t kIsoHeaderSize = 24;
constexpr size_t kAnsiHeaderSize = 26;
constexpr size_t kAnsiLongHeaderSize = 30;
constexpr size_t kViewHeaderSize = 4;
constexpr size_t kMinutiaSize = 6;
constexpr size_t kExtendedLengthSize = 2;
constexpr uint32_t kAnsiShortLengthLimit = 0xffff;  // longer records use the 6-byte length form
// The view count byte could say 255, but one capture session gives at most two or three views of
// each finger on the card path; 16 bounds the work a hostile record can ask for and still holds
// all ten fingers.
constexpr size_t kMaxViews = 16;
constexpr int kMaxPosition = 10;
constexpr int kMaxViewNumber = 15;  // 4 bits
constexpr int kMaxQuality = 100;
constexpr size_t kMaxMinutiae = 255;  // 1 byte
constexpr uint16_t kMaxCoordinate = 0x3fff;  // 14 bits
constexpr uint8_t kMaxAnsiAngle = 179;
constexpr size_t kMaxExtendedData = 0xffff;

constexpr std::array<std::string_view, 11> kPositionNames = {
    "unknown",     "right_thumb", "right_index", "right_middle", "right_ring", "right_little",
    "left_thumb",  "left_index",  "left_middle", "left_ring",    "left_little"};

std::string_view FormatName(TemplateFormat format) {
  return format == TemplateFormat::kAnsi378_2004 ? "ANSI/INCITS 378-2004" : "ISO/IEC 19794-2:2005";
}

// Impression types each standard defines: live-scan plain 0, rolled 1, non-live plain 2, rolled 3,
// swipe 8; ANSI 378-2004 adds live-scan contactless 9. (The latent codes 4..7 belong to later
// editions and to images, not to these minutiae records.)
bool IsImpressionType(int type, TemplateFormat format) {
  if (type >= 0 && type <= 3) return true;
  if (type == 8) return true;
  return type == 9 && format == TemplateFormat::kAnsi378_2004;
}

std::string ImpressionTypesText(TemplateFormat format) {
  return format == TemplateFormat::kAnsi378_2004 ? "0..3, 8 or 9" : "0..3 or 8";
}

uint8_t AnsiToIsoAngle(uint8_t ansi) { return static_cast<uint8_t>((ansi * 256 + 90) / 180); }
uint8_t IsoToAnsiAngle(uint8_t iso) { return static_cast<uint8_t>((iso * 180 + 128) / 256); }

// A broken rule found in a value, shared by the decoder (which names the byte) and the encoder
// (which names the member), so that both enforce the same limits with the same words.
struct Problem {
  std::string path;  // "x_resolution", "views[1].quality", "views[0].minutiae[3].x"
  size_t offset;     // of the value in the encoded record
  std::string value;
  std::string rule;
};

std::string ViewPath(size_t view) { return "views[" + std::to_string(view) + "]"; }
std::string MinutiaPath(size_t view, size_t minutia) {
  return ViewPath(view) + ".minutiae[" + std::to_string(minutia) + "]";
}

// `common` is the offset of the capture equipment field (12 ISO, 14 or 18 ANSI).
std::optional<Problem> CheckHeader(const FingerRecord& r, size_t view_count, size_t common) {
  if (r.x_resolution == 0) {
    return Problem{"x_resolution", common + 6, "0", "must not be 0 (pixels per centimetre)"};
  }
  if (r.y_resolution == 0) {
    return Problem{"y_resolution", common + 8, "0", "must not be 0 (pixels per centimetre)"};
  }
  if (view_count == 0 || view_count > kMaxViews) {
    return Problem{"views", common + 10, std::to_string(view_count),
                   "a record holds 1 to " + std::to_string(kMaxViews) + " finger views"};
  }
  return std::nullopt;
}

// `offset` is that of the finger view header.
std::optional<Problem> CheckViewHeader(const FingerView& v, size_t minutiae, TemplateFormat format,
                                       size_t view, size_t offset) {
  const std::string path = ViewPath(view);
  if (v.position < 0 || v.position > kMaxPosition) {
    return Problem{path + ".position", offset, std::to_string(v.position),
                   "finger position must be 0..10 (0 unknown, 1..5 right thumb..little, 6..10 "
                   "left thumb..little)"};
  }
  if (v.view_number < 0 || v.view_number > kMaxViewNumber) {
    return Problem{path + ".view_number", offset + 1, std::to_string(v.view_number),
                   "view number must be 0..15 (4 bits)"};
  }
  if (!IsImpressionType(v.impression_type, format)) {
    return Problem{path + ".impression_type", offset + 1, std::to_string(v.impression_type),
                   "impression type must be " + ImpressionTypesText(format) + " in " +
                       std::string(FormatName(format))};
  }
  if (v.quality < 0 || v.quality > kMaxQuality) {
    return Problem{path + ".quality", offset + 2, std::to_string(v.quality),
                   "finger quality must be 0..100"};
  }
  if (minutiae > kMaxMinutiae) {
    return Problem{path + ".minutiae", offset + 3, std::to_string(minutiae),
                   "a finger view holds at most 255 minutiae (1 byte)"};
  }
  return std::nullopt;
}

// `offset` is that of the minutia's first byte.
std::optional<Problem> CheckMinutia(const Minutia& m, const FingerRecord& r, size_t view,
                                    size_t minutia, size_t offset) {
  const std::string path = MinutiaPath(view, minutia);
  const auto type = static_cast<uint8_t>(m.type);
  if (type > static_cast<uint8_t>(MinutiaType::kBifurcation)) {
    return Problem{path + ".type", offset, std::to_string(type),
                   "minutia type must be 0 (other), 1 (ridge ending) or 2 (bifurcation); 3 is "
                   "reserved"};
  }
  if (m.x > kMaxCoordinate) {
    return Problem{path + ".x", offset, std::to_string(m.x), "must be at most 16383 (14 bits)"};
  }
  if (r.width != 0 && m.x >= r.width) {
    return Problem{path + ".x", offset, std::to_string(m.x),
                   "must be less than the image width " + std::to_string(r.width) +
                       " (a minutia lies inside its image)"};
  }
  if (m.y > kMaxCoordinate) {
    return Problem{path + ".y", offset + 2, std::to_string(m.y), "must be at most 16383 (14 bits)"};
  }
  if (r.height != 0 && m.y >= r.height) {
    return Problem{path + ".y", offset + 2, std::to_string(m.y),
                   "must be less than the image height " + std::to_string(r.height) +
                       " (a minutia lies inside its image)"};
  }
  if (m.quality > kMaxQuality) {
    return Problem{path + ".quality", offset + 5, std::to_string(m.quality),
                   "minutia quality must be 0..100"};
  }
  return std::nullopt;
}

// Reads big-endian integers at offsets the caller has checked against the size.
class Bytes {
 public:
  explicit Bytes(std::string_view s)
      : p_(reinterpret_cast<const unsigned char*>(s.data())), size_(s.size()) {}
  size_t size() const { return size_; }
  uint8_t U8(size_t at) const { return p_[at]; }
  uint16_t U16(size_t at) const {
    return static_cast<uint16_t>((uint32_t{p_[at]} << 8) | p_[at + 1]);
  }
  uint32_t U32(size_t at) const {
    return (uint32_t{p_[at]} << 24) | (uint32_t{p_[at + 1]} << 16) | (uint32_t{p_[at + 2]} << 8) |
           p_[at + 3];
  }
  std::string_view View(size_t at, size_t n) const {
    return {reinterpret_cast<const char*>(p_ + at), n};
  }

 private:
  const unsigned char* p_;
  size_t size_;
};

// Printable ASCII as is, anything else as \xNN: for echoing a bad magic or version.
std::string Printable(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Where one format puts its length and header fields, and the length it declares.
struct Layout {
  TemplateFormat format;
  size_t length_offset;
  uint64_t declared;  // record length from the header
  bool long_form;     // ANSI: 0x0000 then a 4-byte length
  size_t common;      // offset of the capture equipment field
  size_t header_size;
};

Layout IsoLayout(const Bytes& in) {
  return {TemplateFormat::kIso19794_2_2005, 8, in.U32(8), false, 12, kIsoHeaderSize};
}

// Needs 14 bytes (the caller has checked for 24).
Layout AnsiLayout(const Bytes& in) {
  const uint16_t short_length = in.U16(8);
  if (short_length != 0) {
    return {TemplateFormat::kAnsi378_2004, 8, short_length, false, 14, kAnsiHeaderSize};
  }
  return {TemplateFormat::kAnsi378_2004, 10, in.U32(10), true, 18, kAnsiLongHeaderSize};
}

std::string CountBytes(uint64_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

uint64_t Distance(uint64_t a, uint64_t b) { return a > b ? a - b : b - a; }

Layout DetectLayout(const Bytes& in) {
  const Layout iso = IsoLayout(in);
  if (iso.declared == in.size()) return iso;
  const Layout ansi = AnsiLayout(in);
  if (ansi.declared == in.size()) return ansi;
  return Distance(ansi.declared, in.size()) < Distance(iso.declared, in.size()) ? ansi : iso;
}

void Put8(std::string* out, uint32_t v) { out->push_back(static_cast<char>(v & 0xff)); }
void Put16(std::string* out, uint32_t v) {
  Put8(out, v >> 8);
  Put8(out, v);
}
void Put32(std::string* out, uint32_t v) {
  Put16(out, v >> 16);
  Put16(out, v);
}

}  // namespace

std::string_view FingerPositionName(int position) {
  if (position < 0 || position > kMaxPosition) return "";
  return kPositionNames[static_cast<size_t>(position)];
}

Result<FingerRecord> DecodeFingerRecord(std::string_view bytes, const std::string& field) {
  const Bytes in(bytes);
  const size_t size = in.size();
  // Every error names the caller's field and starts with the byte it is about.
  auto invalid = [&field](size_t offset, std::string_view value, const std::string& rule) {
    return Status::Invalid(field, value, "byte " + std::to_string(offset) + ": " + rule);
  };
  auto problem = [&invalid](const Problem& p) {
    return invalid(p.offset, p.value, p.path + ": " + p.rule);
  };

  if (size < kIsoHeaderSize) {
    return invalid(size, std::to_string(size) + " bytes",
                   "the record ends here but a finger minutiae record header is 24 bytes (ISO/IEC "
                   "19794-2) or 26 (ANSI/INCITS 378): the record is truncated");
  }
  if (in.View(0, 4) != std::string_view(kMagic, 4)) {
    return invalid(0, Printable(in.View(0, 4)),
                   "format identifier must be \"FMR\\0\" (a finger minutiae record)");
  }
  if (in.View(4, 4) != std::string_view(kVersion, 4)) {
    return invalid(4, Printable(in.View(4, 4)),
                   "version must be \" 20\\0\" (ISO/IEC 19794-2:2005 or ANSI/INCITS 378-2004)");
  }

  const Layout layout = DetectLayout(in);
  const std::string_view format_name = FormatName(layout.format);
  if (layout.declared != size) {
    const std::string head = "record length " + std::to_string(layout.declared) + " in the " +
                             std::string(format_name) + " header but " + std::to_string(size) +
                             " bytes given: ";
    if (layout.declared > size) {
      return invalid(layout.length_offset, std::to_string(layout.declared),
                     head + "the record is truncated (" + CountBytes(layout.declared - size) +
                         " missing)");
    }
    return invalid(layout.length_offset, std::to_string(layout.declared),
                   head + "the record has trailing bytes (" +
                       CountBytes(size - layout.declared) + " too many)");
  }
  if (layout.long_form && layout.declared <= kAnsiShortLengthLimit) {
    return invalid(8, "0", "the ANSI 6-byte record length form is only for records of 65536 bytes "
                           "or more; this one has " + std::to_string(size) +
                           " and must use the 2-byte form");
  }
  if (size < layout.header_size) {
    return invalid(size, std::to_string(size) + " bytes",
                   "the record ends here but the " + std::string(format_name) + " header is " +
                       std::to_string(layout.header_size) + " bytes: the record is truncated");
  }

  FingerRecord record;
  record.format = layout.format;
  const size_t c = layout.common;
  if (layout.format == TemplateFormat::kAnsi378_2004) record.product_id = in.U32(c - 4);
  record.capture_equipment = in.U16(c);
  record.width = in.U16(c + 2);
  record.height = in.U16(c + 4);
  record.x_resolution = in.U16(c + 6);
  record.y_resolution = in.U16(c + 8);
  const size_t view_count = in.U8(c + 10);
  if (auto p = CheckHeader(record, view_count, c)) return problem(*p);
  if (in.U8(c + 11) != 0) {
    return invalid(c + 11, std::to_string(in.U8(c + 11)), "the reserved header byte must be 0");
  }

  size_t pos = layout.header_size;
  // `size - pos` cannot wrap: pos only advances past bytes that were checked to exist.
  auto runs_past_end = [&](size_t need, const std::string& what, std::string_view value) {
    return invalid(pos, value,
                   what + " needs " + std::to_string(need) + " bytes but the record has " +
                       std::to_string(size - pos) + " left: a view count or a minutiae count is "
                       "wrong, or the record is truncated");
  };
  record.views.reserve(view_count);
  for (size_t v = 0; v < view_count; ++v) {
    if (size - pos < kViewHeaderSize) {
      return runs_past_end(kViewHeaderSize, ViewPath(v) + " header",
                           std::to_string(view_count) + " views");
    }
    FingerView view;
    view.position = in.U8(pos);
    view.view_number = in.U8(pos + 1) >> 4;
    view.impression_type = in.U8(pos + 1) & 0x0f;
    view.quality = in.U8(pos + 2);
    const size_t count = in.U8(pos + 3);
    if (auto p = CheckViewHeader(view, count, layout.format, v, pos)) return problem(*p);
    pos += kViewHeaderSize;

    if (size - pos < count * kMinutiaSize) {
      return runs_past_end(count * kMinutiaSize,
                           ViewPath(v) + " with " + std::to_string(count) + " minutiae",
                           std::to_string(count) + " minutiae");
    }
    view.minutiae.reserve(count);
    for (size_t m = 0; m < count; ++m, pos += kMinutiaSize) {
      const uint16_t type_x = in.U16(pos);
      const uint16_t reserved_y = in.U16(pos + 2);
      const uint8_t angle = in.U8(pos + 4);
      if ((reserved_y >> 14) != 0) {
        return invalid(pos + 2, std::to_string(reserved_y >> 14),
                       MinutiaPath(v, m) + ".y: the top 2 bits of y are reserved and must be 0");
      }
      if (layout.format == TemplateFormat::kAnsi378_2004 && angle > kMaxAnsiAngle) {
        return invalid(pos + 4, std::to_string(angle),
                       MinutiaPath(v, m) +
                           ".angle: an ANSI angle is in units of 2 degrees, 0..179");
      }
      Minutia minutia;
      minutia.type = static_cast<MinutiaType>(type_x >> 14);
      minutia.x = type_x & kMaxCoordinate;
      minutia.y = reserved_y & kMaxCoordinate;
      minutia.angle =
          layout.format == TemplateFormat::kAnsi378_2004 ? AnsiToIsoAngle(angle) : angle;
      minutia.quality = in.U8(pos + 5);
      if (auto p = CheckMinutia(minutia, record, v, m, pos)) return problem(*p);
      view.minutiae.push_back(minutia);
    }

    if (size - pos < kExtendedLengthSize) {
      return runs_past_end(kExtendedLengthSize, ViewPath(v) + ".extended_data length",
                           CountBytes(size - pos));
    }
    const size_t extended = in.U16(pos);
    if (size - pos - kExtendedLengthSize < extended) {
      return invalid(pos, std::to_string(extended),
                     ViewPath(v) + ".extended_data: length " + std::to_string(extended) +
                         " runs past the end of the record (" +
                         std::to_string(size - pos - kExtendedLengthSize) + " bytes left)");
    }
    pos += kExtendedLengthSize;
    view.extended_data.assign(in.View(pos, extended));
    pos += extended;
    record.views.push_back(std::move(view));
  }
  if (pos != size) {
    return invalid(pos, std::to_string(size - pos) + " bytes",
                   "bytes after the last finger view: the record length counts them but no view "
                   "holds them (the view count is wrong or data was appended)");
  }
  return record;
}

Result<std::string> EncodeFingerRecord(const FingerRecord& record) {
  const TemplateFormat format = record.format;
  if (format != TemplateFormat::kIso19794_2_2005 && format != TemplateFormat::kAnsi378_2004) {
    return Status::Invalid("format", std::to_string(static_cast<int>(format)),
                           "must be ISO/IEC 19794-2:2005 or ANSI/INCITS 378-2004");
  }
  const bool ansi = format == TemplateFormat::kAnsi378_2004;
  auto problem = [](const Problem& p) { return Status::Invalid(p.path, p.value, p.rule); };

  // Validate everything and size the body before writing a byte. The encoder reports members, not
  // bytes, so the offsets the checks compute go unused here.
  if (auto p = CheckHeader(record, record.views.size(), 0)) return problem(*p);
  if (!ansi && record.product_id != 0) {
    return Status::Invalid("product_id", std::to_string(record.product_id),
                           "ISO/IEC 19794-2:2005 has no product identifier: must be 0 (it is an "
                           "ANSI/INCITS 378 field)");
  }
  size_t body = 0;
  for (size_t v = 0; v < record.views.size(); ++v) {
    const FingerView& view = record.views[v];
    if (auto p = CheckViewHeader(view, view.minutiae.size(), format, v, 0)) return problem(*p);
    for (size_t m = 0; m < view.minutiae.size(); ++m) {
      if (auto p = CheckMinutia(view.minutiae[m], record, v, m, 0)) return problem(*p);
    }
    if (view.extended_data.size() > kMaxExtendedData) {
      return Status::Invalid(ViewPath(v) + ".extended_data",
                             std::to_string(view.extended_data.size()) + " bytes",
                             "extended data is at most 65535 bytes (2-byte length)");
    }
    body += kViewHeaderSize + view.minutiae.size() * kMinutiaSize + kExtendedLengthSize +
            view.extended_data.size();
  }
  // At most 16 * (4 + 255 * 6 + 2 + 65535) bytes: far below 4 GiB, so the lengths fit.
  size_t total = (ansi ? kAnsiHeaderSize : kIsoHeaderSize) + body;
  const bool long_form = ansi && total > kAnsiShortLengthLimit;
  if (long_form) total = kAnsiLongHeaderSize + body;

  std::string out;
  out.reserve(total);
  out.append(kMagic, 4);
  out.append(kVersion, 4);
  if (!ansi) {
    Put32(&out, static_cast<uint32_t>(total));
  } else if (!long_form) {
    Put16(&out, static_cast<uint32_t>(total));
  } else {
    Put16(&out, 0);
    Put32(&out, static_cast<uint32_t>(total));
  }
  if (ansi) Put32(&out, record.product_id);
  Put16(&out, record.capture_equipment);
  Put16(&out, record.width);
  Put16(&out, record.height);
  Put16(&out, record.x_resolution);
  Put16(&out, record.y_resolution);
  Put8(&out, static_cast<uint32_t>(record.views.size()));
  Put8(&out, 0);  // reserved
  for (const FingerView& view : record.views) {
    Put8(&out, static_cast<uint32_t>(view.position));
    Put8(&out, static_cast<uint32_t>((view.view_number << 4) | view.impression_type));
    Put8(&out, static_cast<uint32_t>(view.quality));
    Put8(&out, static_cast<uint32_t>(view.minutiae.size()));
    for (const Minutia& m : view.minutiae) {
      Put16(&out, (static_cast<uint32_t>(static_cast<uint8_t>(m.type)) << 14) | m.x);
      Put16(&out, m.y);
      Put8(&out, ansi ? IsoToAnsiAngle(m.angle) : m.angle);
      Put8(&out, m.quality);
    }
    Put16(&out, static_cast<uint32_t>(view.extended_data.size()));
    out += view.extended_data;
  }
  return out;
}

}  // namespace siak::abis
