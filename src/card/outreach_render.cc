#include "card/outreach_render.h"

#include <cairo.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>

#include "card/render_util.h"
#include "common/text.h"

namespace siak::card {

namespace {

using namespace internal;

// ---- limits (what one document holds) ---------------------------------------------------------

constexpr size_t kMaxTeams = 100;
constexpr size_t kMaxStopsPerTeam = 1000;
constexpr size_t kMaxPlanStops = 5000;
constexpr size_t kMaxUnreached = 5000;
constexpr size_t kMaxTeamMembers = 20;
constexpr size_t kMaxTeamDevices = 10;
constexpr int kMaxSasaran = 1000000;
// The letter's layout is budgeted for this many rows with every other value at its longest.
constexpr size_t kMaxInvitedMembers = 10;
constexpr size_t kMaxInvitations = 2000;
constexpr size_t kSmsLength = 160;

// ---- text -------------------------------------------------------------------------------------

// One code point of UTF-8 text from s[i], advancing i; an invalid byte is skipped alone and read
// as U+FFFD, so that any input can be walked.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
  if (len == 0 || i + len > s.size() || !IsUtf8(s.substr(i, len))) {
    ++i;
    return 0xfffd;
  }
  uint32_t cp = len == 1 ? lead : len == 2 ? lead & 0x1fu : len == 3 ? lead & 0x0fu : lead & 0x07u;
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3fu);
  i += len;
  return cp;
}

// C0 and C1 controls, DEL and the Unicode line and paragraph separators: never printed.
bool IsControl(uint32_t cp) { return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029; }

// Caller text as printed: controls as spaces, runs of spaces as one, ends trimmed, invalid UTF-8
// (only reachable from InvitationMessage) as '?', and at most `max_bytes` (whole characters).
// Only a bounded prefix is read, so a huge value costs no more than a long one.
std::string Printable(std::string_view text, size_t max_bytes = 4096) {
  std::string out;
  size_t i = 0;
  while (i < text.size() && out.size() < max_bytes + 8) {
    const size_t start = i;
    const uint32_t cp = NextCodePoint(text, i);
    if (IsControl(cp) || cp == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (cp == 0xfffd && i - start == 1) {
      out += '?';
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return TruncateUtf8(out, max_bytes);
}

// 1234567 -> "1.234.567" (Indonesian digit grouping).
std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ".");
  return n < 0 ? "-" + digits : digits;
}

std::string DayAndDate(const Date& date) { return IndonesianDayName(date) + ", " + date.ToDayMonthYear(); }

// ---- checks -----------------------------------------------------------------------------------

Status CheckText(const std::string& field, const std::string& text, bool required) {
  if (!IsUtf8(text)) return Status::Invalid(field, "", "must be UTF-8 text");
  if (required && Printable(text, 64).empty()) return Status::Invalid(field, "", "is required");
  return Status::Ok();
}

Status CheckCount(const std::string& field, size_t count, size_t min, size_t max, const std::string& what) {
  if (count < min || count > max) {
    return Status::Invalid(field, std::to_string(count),
                           "must list " + std::to_string(min) + " to " + std::to_string(max) + " " + what);
  }
  return Status::Ok();
}

Status CheckSasaran(const std::string& field, int sasaran) {
  if (sasaran < 0 || sasaran > kMaxSasaran) {
    return Status::Invalid(field, std::to_string(sasaran), "must be 0 to " + Grouped(kMaxSasaran) + " persons");
  }
  return Status::Ok();
}

Status CheckStop(const OutreachStop& stop, const Date& start, const Date& end) {
  if (!stop.date) return Status::Invalid("date", "", "is required");
  if (*stop.date < start || *stop.date > end) {
    return Status::Invalid("date", stop.date->ToString(),
                           "must be within the period " + start.ToString() + " to " + end.ToString());
  }
  SIAK_RETURN_IF_ERROR(CheckText("kecamatan", stop.kecamatan, true));
  SIAK_RETURN_IF_ERROR(CheckText("desa", stop.desa, true));
  SIAK_RETURN_IF_ERROR(CheckSasaran("sasaran", stop.sasaran));
  return CheckText("keterangan", stop.keterangan, false);
}

Status CheckTeam(const OutreachTeam& team, const Date& start, const Date& end) {
  SIAK_RETURN_IF_ERROR(CheckText("name", team.name, true));
  SIAK_RETURN_IF_ERROR(CheckCount("members", team.members.size(), 1, kMaxTeamMembers, "officers"));
  for (size_t i = 0; i < team.members.size(); ++i) {
    SIAK_RETURN_IF_ERROR(CheckText("members[" + std::to_string(i) + "]", team.members[i], true));
  }
  SIAK_RETURN_IF_ERROR(CheckCount("devices", team.devices.size(), 0, kMaxTeamDevices, "devices"));
  for (size_t i = 0; i < team.devices.size(); ++i) {
    SIAK_RETURN_IF_ERROR(CheckText("devices[" + std::to_string(i) + "]", team.devices[i], true));
  }
  SIAK_RETURN_IF_ERROR(CheckText("home_district", team.home_district, false));
  SIAK_RETURN_IF_ERROR(CheckCount("stops", team.stops.size(), 0, kMaxStopsPerTeam, "stops per team"));
  for (size_t i = 0; i < team.stops.size(); ++i) {
    const Status st = CheckStop(team.stops[i], start, end);
    if (!st.ok()) return st.WithFieldPrefix("stops[" + std::to_string(i) + "]");
  }
  return Status::Ok();
}

Status CheckUnreached(const UnreachedVillage& village) {
  SIAK_RETURN_IF_ERROR(CheckText("kecamatan", village.kecamatan, true));
  SIAK_RETURN_IF_ERROR(CheckText("desa", village.desa, true));
  SIAK_RETURN_IF_ERROR(CheckSasaran("sasaran", village.sasaran));
  return CheckText("reason", village.reason, true);
}

// ---- pages: blocks laid down a column, then drawn once the page count is known ------------------

constexpr double kPageW = 210.0, kPageH = 297.0;  // A4 portrait

// Draws a block whose top is at the given y.
using BlockDraw = std::function<void(cairo_t*, double)>;

// Lays blocks down the pages of a document, top to bottom. A block never spans two pages: one
// that does not fit below the last starts a new page. Blocks that must stay together (a heading
// and the first rows under it) are kept so by asking for their room first (KeepTogether).
class PageFlow {
 public:
  PageFlow(double first_top, double top, double bottom) : top_(top), bottom_(bottom), y_(first_top) {
    pages_.emplace_back();
  }

  bool Fits(double height) const { return y_ + height <= bottom_; }
  void NewPage() {
    pages_.emplace_back();
    y_ = top_;
    empty_page_ = true;
  }
  // A new page unless `height` fits below the last block (or the page is still empty).
  void KeepTogether(double height) {
    if (!Fits(height) && !empty_page_) NewPage();
  }
  void Add(double height, BlockDraw draw) {
    KeepTogether(height);
    pages_.back().push_back({y_, std::move(draw)});
    y_ += height;
    empty_page_ = false;
  }
  void Skip(double gap) { y_ = std::min(y_ + gap, bottom_); }

  int page_count() const { return static_cast<int>(pages_.size()); }
  void DrawPage(cairo_t* cr, int page) const {
    for (const auto& [y, draw] : pages_[static_cast<size_t>(page)]) draw(cr, y);
  }

 private:
  double top_, bottom_, y_;
  bool empty_page_ = true;
  std::vector<std::vector<std::pair<double, BlockDraw>>> pages_;
};

// ---- tables -----------------------------------------------------------------------------------

struct Column {
  std::string header;
  double width;
  Align align;
  size_t max_lines;  // a longer cell ends in an ellipsis
};

constexpr double kCellFont = 2.8, kCellStep = 3.7, kCellPadX = 1.3;
constexpr double kCellBaseline = 3.3, kCellExtra = 1.7;  // first baseline below the top; height beyond the lines

// A row measured and wrapped: the lines of each cell.
struct LaidRow {
  std::vector<std::vector<std::string>> cells;
  double height = 0;
  bool bold = false;
  bool shaded = false;
};

LaidRow LayRow(cairo_t* cr, const std::vector<Column>& columns, const std::vector<std::string>& texts, bool bold) {
  SetFont(cr, kCellFont, bold);
  LaidRow row;
  row.bold = bold;
  size_t lines = 1;
  for (size_t c = 0; c < columns.size(); ++c) {
    row.cells.push_back(WrapLines(cr, c < texts.size() ? texts[c] : "", columns[c].width - 2 * kCellPadX,
                                  columns[c].max_lines));
    lines = std::max(lines, row.cells.back().size());
  }
  row.height = static_cast<double>(lines) * kCellStep + kCellExtra;
  return row;
}

void DrawRow(cairo_t* cr, const std::vector<Column>& columns, double left, double top, const LaidRow& row) {
  double x = left;
  cairo_set_line_width(cr, 0.15);
  for (size_t c = 0; c < columns.size(); ++c) {
    const Column& col = columns[c];
    if (row.shaded) {
      cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
      cairo_rectangle(cr, x, top, col.width, row.height);
      cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, x, top, col.width, row.height);
    cairo_stroke(cr);
    SetFont(cr, kCellFont, row.bold);
    const double inner = col.width - 2 * kCellPadX;
    const double at = col.align == Align::kLeft     ? x + kCellPadX
                      : col.align == Align::kCenter ? x + col.width / 2
                                                    : x + col.width - kCellPadX;
    double y = top + kCellBaseline;
    for (const std::string& line : row.cells[c]) {
      DrawText(cr, at, y, line, inner, col.align);
      y += kCellStep;
    }
    x += col.width;
  }
}

struct Block {
  double height = 0;
  BlockDraw draw;
};

// Adds a table under `lead` (a heading kept on the page with the header row and the first row).
// On every further page the rows continue under `continued` and the header row again.
void AddTable(cairo_t* cr, PageFlow& flow, double left, const std::vector<Column>& columns,
              const std::vector<std::vector<std::string>>& rows, const std::vector<std::string>& total,
              const Block& lead, const std::string& continued) {
  std::vector<std::string> headers;
  for (const Column& col : columns) headers.push_back(col.header);
  auto header = std::make_shared<LaidRow>(LayRow(cr, columns, headers, true));
  header->shaded = true;
  auto columns_copy = std::make_shared<const std::vector<Column>>(columns);
  auto add_row = [&flow, left, columns_copy](const LaidRow& row) {
    flow.Add(row.height, [columns_copy, left, row](cairo_t* c, double y) { DrawRow(c, *columns_copy, left, y, row); });
  };

  std::vector<LaidRow> laid;
  laid.reserve(rows.size() + 1);
  for (const auto& texts : rows) laid.push_back(LayRow(cr, columns, texts, false));
  if (!total.empty()) laid.push_back(LayRow(cr, columns, total, true));

  flow.KeepTogether(lead.height + header->height + (laid.empty() ? 0 : laid.front().height));
  flow.Add(lead.height, lead.draw);
  add_row(*header);
  double width = 0;
  for (const Column& col : columns) width += col.width;
  const std::string heading = Printable(continued);
  for (const LaidRow& row : laid) {
    if (!flow.Fits(row.height)) {
      flow.NewPage();
      flow.Add(6.0, [heading, left, width](cairo_t* c, double y) {
        SetFont(c, 3.0, true);
        DrawText(c, left, y + 3.5, heading, width);
      });
      add_row(*header);
    }
    add_row(row);
  }
}

// ---- the plan -----------------------------------------------------------------------------------

constexpr double kPlanLeft = 15.0, kPlanWidth = kPageW - 2 * kPlanLeft;
constexpr double kPlanFirstTop = 12.0, kPlanTop = 19.0, kPlanBottom = 280.0;
constexpr std::string_view kPlanTitle = "RENCANA PELAYANAN JEMPUT BOLA PEREKAMAN KTP-el";
constexpr std::string_view kTeamListTitle = "DAFTAR KUNJUNGAN TIM JEMPUT BOLA PEREKAMAN KTP-el";

std::string Period(const OutreachPlan& plan) {
  return plan.period_start->ToDayMonthYear() + " s.d. " + plan.period_end->ToDayMonthYear();
}

int64_t TeamSasaran(const OutreachTeam& team) {
  int64_t sum = 0;
  for (const OutreachStop& stop : team.stops) sum += stop.sasaran;
  return sum;
}

// The title block at the top of the first page.
Block TitleBlock(cairo_t* cr, std::string title, const OutreachPlan& plan, std::string summary) {
  SetFont(cr, 3.6, true);
  std::vector<std::string> office = WrapLines(cr, Printable(plan.office), kPlanWidth, 2);
  const std::string period = "Periode: " + Period(plan);
  const double height = 8.0 + 4.6 * static_cast<double>(office.size()) + 15.0;
  return {height, [title = std::move(title), office = std::move(office), period,
                   summary = std::move(summary)](cairo_t* c, double top) {
            const double centre = kPlanLeft + kPlanWidth / 2;
            SetFont(c, 4.6, true);
            DrawText(c, centre, top + 6.0, title, kPlanWidth, Align::kCenter);
            SetFont(c, 3.6, true);
            double y = top + 11.5;
            for (const std::string& line : office) {
              DrawText(c, centre, y, line, kPlanWidth, Align::kCenter);
              y += 4.6;
            }
            SetFont(c, 3.2, false);
            DrawText(c, centre, y + 0.5, period, kPlanWidth, Align::kCenter);
            SetFont(c, 2.9, false);
            DrawText(c, centre, y + 5.5, summary, kPlanWidth, Align::kCenter);
            cairo_set_line_width(c, 0.4);
            cairo_move_to(c, kPlanLeft, y + 8.5);
            cairo_line_to(c, kPlanLeft + kPlanWidth, y + 8.5);
            cairo_stroke(c);
          }};
}

// A heading line and labelled lines under it ("Anggota : ..."), each value wrapped.
Block LabelledBlock(cairo_t* cr, std::string heading, const std::vector<std::pair<std::string, std::string>>& fields,
                    size_t max_lines) {
  constexpr double kLabelW = 27.0, kStep = 4.2;
  SetFont(cr, 3.0, false);
  std::vector<std::pair<std::string, std::vector<std::string>>> laid;
  size_t lines = 0;
  for (const auto& [label, value] : fields) {
    laid.emplace_back(label, WrapLines(cr, value.empty() ? "-" : value, kPlanWidth - kLabelW - 3.0, max_lines));
    lines += laid.back().second.size();
  }
  const double height = 7.0 + kStep * static_cast<double>(lines) + 1.5;
  return {height, [heading = std::move(heading), laid = std::move(laid)](cairo_t* c, double top) {
            SetFont(c, 3.4, true);
            DrawText(c, kPlanLeft, top + 4.2, heading, kPlanWidth);
            SetFont(c, 3.0, false);
            double y = top + 9.2;
            for (const auto& [label, value_lines] : laid) {
              DrawText(c, kPlanLeft, y, label, kLabelW - 1.0);
              DrawText(c, kPlanLeft + kLabelW, y, ":", 2.5);
              for (const std::string& line : value_lines) {
                DrawText(c, kPlanLeft + kLabelW + 3.0, y, line, kPlanWidth - kLabelW - 3.0);
                y += kStep;
              }
            }
          }};
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += Printable(item, 512);
  }
  return out;
}

void AddTeam(cairo_t* cr, PageFlow& flow, const OutreachTeam& team) {
  const std::string name = Printable(team.name, 512);
  const Block lead = LabelledBlock(cr, name,
                                   {{"Anggota", Joined(team.members)},
                                    {"Perangkat", Joined(team.devices)},
                                    {"Kecamatan asal", Printable(team.home_district)}},
                                   3);
  if (team.stops.empty()) {
    flow.KeepTogether(lead.height + 6.0);
    flow.Add(lead.height, lead.draw);
    flow.Add(6.0, [](cairo_t* c, double y) {
      SetFont(c, 3.0, false);
      DrawText(c, kPlanLeft, y + 3.5, "Belum ada jadwal kunjungan untuk tim ini.", kPlanWidth);
    });
    return;
  }
  static const std::vector<Column> kColumns = {
      {"No", 9, Align::kRight, 1},          {"Tanggal", 35, Align::kLeft, 2},
      {"Kecamatan", 31, Align::kLeft, 2},   {"Desa/Kelurahan", 38, Align::kLeft, 2},
      {"Sasaran", 17, Align::kRight, 1},    {"Keterangan", 50, Align::kLeft, 3}};
  std::vector<std::vector<std::string>> rows;
  rows.reserve(team.stops.size());
  for (size_t i = 0; i < team.stops.size(); ++i) {
    const OutreachStop& stop = team.stops[i];
    rows.push_back({std::to_string(i + 1), DayAndDate(*stop.date), Printable(stop.kecamatan), Printable(stop.desa),
                    Grouped(stop.sasaran), Printable(stop.keterangan)});
  }
  AddTable(cr, flow, kPlanLeft, kColumns, rows, {"", "Jumlah", "", "", Grouped(TeamSasaran(team)), ""}, lead,
           name + " (lanjutan)");
}

void AddUnreached(cairo_t* cr, PageFlow& flow, const std::vector<UnreachedVillage>& villages) {
  const std::string intro = villages.empty()
                                ? "Tidak ada: semua desa/kelurahan sasaran terjadwal dalam periode ini."
                                : "Desa/kelurahan berikut tidak terjangkau oleh tim dalam periode ini:";
  const Block lead = {11.5, [intro](cairo_t* c, double top) {
                        SetFont(c, 3.4, true);
                        DrawText(c, kPlanLeft, top + 4.2, "TIDAK TERJANGKAU", kPlanWidth);
                        SetFont(c, 3.0, false);
                        DrawText(c, kPlanLeft, top + 9.2, intro, kPlanWidth);
                      }};
  if (villages.empty()) {
    flow.Add(lead.height, lead.draw);
    return;
  }
  static const std::vector<Column> kColumns = {{"No", 9, Align::kRight, 1},
                                               {"Kecamatan", 36, Align::kLeft, 2},
                                               {"Desa/Kelurahan", 42, Align::kLeft, 2},
                                               {"Sasaran", 17, Align::kRight, 1},
                                               {"Alasan", 76, Align::kLeft, 3}};
  std::vector<std::vector<std::string>> rows;
  rows.reserve(villages.size());
  int64_t sum = 0;
  for (size_t i = 0; i < villages.size(); ++i) {
    const UnreachedVillage& v = villages[i];
    rows.push_back({std::to_string(i + 1), Printable(v.kecamatan), Printable(v.desa), Grouped(v.sasaran),
                    Printable(v.reason)});
    sum += v.sasaran;
  }
  AddTable(cr, flow, kPlanLeft, kColumns, rows, {"", "Jumlah", "", Grouped(sum), ""}, lead,
           "TIDAK TERJANGKAU (lanjutan)");
}

// The running header (from the second page) and the footer with the page number.
void DrawPlanFrame(cairo_t* cr, const std::string& title, const OutreachPlan& plan, int page, int pages) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.2);
  SetFont(cr, 2.6, false);
  if (page > 0) {
    const double title_w = std::min(Advance(cr, title), kPlanWidth / 2);
    DrawText(cr, kPlanLeft, 12.0, title, title_w + 0.01);
    DrawText(cr, kPlanLeft + kPlanWidth, 12.0, Printable(plan.office), kPlanWidth - title_w - 6.0, Align::kRight);
    cairo_move_to(cr, kPlanLeft, 13.8);
    cairo_line_to(cr, kPlanLeft + kPlanWidth, 13.8);
    cairo_stroke(cr);
  }
  cairo_move_to(cr, kPlanLeft, 283.5);
  cairo_line_to(cr, kPlanLeft + kPlanWidth, 283.5);
  cairo_stroke(cr);
  DrawText(cr, kPlanLeft, 287.5, "Periode " + Period(plan), 120.0);
  DrawText(cr, kPlanLeft + kPlanWidth, 287.5,
           "Halaman " + std::to_string(page + 1) + " dari " + std::to_string(pages), 55.0, Align::kRight);
}

// Lays out the plan (every team, or only `team`) and draws its pages: all of them with
// cairo_show_page between (`only` is 0), or only page `only` (1-based).
Status DrawPlan(cairo_t* cr, const OutreachPlan& plan, std::optional<size_t> team, int only) {
  const std::string title(team ? kTeamListTitle : kPlanTitle);
  PageFlow flow(kPlanFirstTop, kPlanTop, kPlanBottom);
  std::string summary;
  if (team) {
    const OutreachTeam& t = plan.teams[*team];
    summary = "Tim: " + Printable(t.name, 200) + "   Lokasi: " + Grouped(static_cast<int64_t>(t.stops.size())) +
              "   Sasaran: " + Grouped(TeamSasaran(t)) + " orang";
  } else {
    size_t stops = 0;
    int64_t sasaran = 0, unreached = 0;
    for (const OutreachTeam& t : plan.teams) {
      stops += t.stops.size();
      sasaran += TeamSasaran(t);
    }
    for (const UnreachedVillage& v : plan.unreached) unreached += v.sasaran;
    summary = "Tim: " + Grouped(static_cast<int64_t>(plan.teams.size())) +
              "   Lokasi: " + Grouped(static_cast<int64_t>(stops)) + "   Sasaran: " + Grouped(sasaran) +
              " orang   Tidak terjangkau: " + Grouped(static_cast<int64_t>(plan.unreached.size())) +
              " desa/kelurahan (" + Grouped(unreached) + " orang)";
  }
  const Block heading = TitleBlock(cr, title, plan, std::move(summary));
  flow.Add(heading.height, heading.draw);
  if (team) {
    AddTeam(cr, flow, plan.teams[*team]);
  } else {
    for (const OutreachTeam& t : plan.teams) {
      AddTeam(cr, flow, t);
      flow.Skip(6.0);
    }
    AddUnreached(cr, flow, plan.unreached);
  }

  const int pages = flow.page_count();
  if (only > pages) {
    return Status::Invalid("page", std::to_string(only), "must be 1 to " + std::to_string(pages) + " (the page count)");
  }
  for (int page = 0; page < pages; ++page) {
    if (only != 0 && page + 1 != only) continue;
    if (only == 0 && page > 0) cairo_show_page(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    DrawPlanFrame(cr, title, plan, page, pages);
    flow.DrawPage(cr, page);
  }
  return Status::Ok();
}

Status CheckDpi(double dpi) {
  if (!(dpi >= 24 && dpi <= 300)) return Status::Invalid("dpi", std::to_string(dpi), "must be 24 to 300");
  return Status::Ok();
}

Result<std::string> RenderPng(double dpi, std::string_view what, const DrawPage& draw) {
  SIAK_RETURN_IF_ERROR(CheckDpi(dpi));
  const double px_per_mm = dpi / 25.4;
  return RenderPngPage(static_cast<int>(std::lround(kPageW * px_per_mm)),
                       static_cast<int>(std::lround(kPageH * px_per_mm)), px_per_mm, what, draw);
}

// ---- the invitation letter ----------------------------------------------------------------------

constexpr double kLetterLeft = 25.0, kLetterRight = 190.0, kLetterWidth = kLetterRight - kLetterLeft;
constexpr double kBodyFont = 3.3, kBodyStep = 4.8;
constexpr std::string_view kSubject = "Undangan Perekaman KTP-el";

// The NIK as the caller masked it: 16 characters of digits and '*', at least one '*'.
bool LooksMasked(std::string_view nik) {
  return nik.size() == 16 && nik.find('*') != std::string_view::npos &&
         std::all_of(nik.begin(), nik.end(), [](char c) { return c == '*' || (c >= '0' && c <= '9'); });
}

// 18 digits, optionally grouped by spaces ("19700101 199503 1 002").
bool ValidNip(std::string_view nip) {
  size_t digits = 0;
  for (char c : nip) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ') {
      return false;
    }
  }
  return digits == 18;
}

// Draws `text` wrapped to at most `max_lines` lines from baseline y; returns the next baseline.
double DrawLines(cairo_t* cr, double x, double y, const std::string& text, double width, size_t max_lines,
                 double step = kBodyStep, Align align = Align::kLeft) {
  for (const std::string& line : WrapLines(cr, text, width, max_lines)) {
    DrawText(cr, x, y, line, width, align);
    y += step;
  }
  return y;
}

// The page, top to bottom. The space is budgeted for the worst case: every wrapped value at its
// line limit and kMaxInvitedMembers rows still end above the bottom margin (15 mm).
Status DrawInvitation(cairo_t* cr, const Invitation& inv) {
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  const double centre = (kLetterLeft + kLetterRight) / 2;

  // Letterhead.
  SetFont(cr, 4.4, true);
  DrawText(cr, centre, 19.0, "PEMERINTAH " + Printable(inv.regency), kLetterWidth, Align::kCenter);
  SetFont(cr, 5.0, true);
  DrawText(cr, centre, 25.5, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", kLetterWidth, Align::kCenter);
  SetFont(cr, 2.9, false);
  DrawLines(cr, centre, 30.8, Printable(inv.office_address), kLetterWidth, 2, 3.6, Align::kCenter);
  cairo_set_line_width(cr, 0.7);
  cairo_move_to(cr, kLetterLeft, 37.8);
  cairo_line_to(cr, kLetterRight, 37.8);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.25);
  cairo_move_to(cr, kLetterLeft, 38.7);
  cairo_line_to(cr, kLetterRight, 38.7);
  cairo_stroke(cr);

  // Nomor, Lampiran, Perihal.
  SetFont(cr, kBodyFont, false);
  const double colon_x = kLetterLeft + 20.0, value_x = colon_x + 3.0, value_w = kLetterRight - value_x;
  const std::string attachment = Printable(inv.attachment);
  const std::pair<const char*, std::string> head[] = {
      {"Nomor", Printable(inv.number)},
      {"Lampiran", attachment.empty() ? "-" : attachment},
      {"Perihal", std::string(kSubject)}};
  double y = 46.0;
  for (const auto& [label, value] : head) {
    DrawText(cr, kLetterLeft, y, label, 19.0);
    DrawText(cr, colon_x, y, ":", 2.5);
    DrawText(cr, value_x, y, value, value_w);
    y += kBodyStep;
  }

  // The addressee: at most 1 + 2 + 2 + 2 + 1 lines.
  y += 5.0;
  DrawText(cr, kLetterLeft, y, "Kepada Yth.", kLetterWidth);
  y += kBodyStep;
  SetFont(cr, kBodyFont, true);
  y = DrawLines(cr, kLetterLeft, y, "Bapak/Ibu " + Printable(inv.head_of_family), kLetterWidth, 2);
  SetFont(cr, kBodyFont, false);
  const std::string rt_rw = Printable(inv.rt_rw);
  y = DrawLines(cr, kLetterLeft, y, Printable(inv.address) + (rt_rw.empty() ? "" : ", RT/RW " + rt_rw),
                kLetterWidth, 2);
  y = DrawLines(cr, kLetterLeft, y,
                "Desa/Kelurahan " + Printable(inv.desa) + ", Kecamatan " + Printable(inv.kecamatan), kLetterWidth,
                2);
  DrawText(cr, kLetterLeft, y, "di Tempat", kLetterWidth);

  // The invitation and the members: 1 + 2 lines, then the table.
  y += kBodyStep + 3.0;
  DrawText(cr, kLetterLeft, y, "Dengan hormat,", kLetterWidth);
  y = DrawLines(cr, kLetterLeft, y + kBodyStep,
                "Dalam rangka pelayanan jemput bola, kami mengundang anggota keluarga Bapak/Ibu yang telah wajib "
                "KTP-el dan belum melakukan perekaman, yaitu:",
                kLetterWidth, 2);
  static const std::vector<Column> kColumns = {
      {"No", 12, Align::kCenter, 1}, {"Nama", 98, Align::kLeft, 1}, {"NIK", 55, Align::kLeft, 1}};
  double top = y - 2.0;
  std::vector<std::string> headers;
  for (const Column& col : kColumns) headers.push_back(col.header);
  LaidRow header = LayRow(cr, kColumns, headers, true);
  header.shaded = true;
  DrawRow(cr, kColumns, kLetterLeft, top, header);
  top += header.height;
  for (size_t i = 0; i < inv.members.size(); ++i) {
    const LaidRow row = LayRow(
        cr, kColumns, {std::to_string(i + 1), Printable(inv.members[i].name), Printable(inv.members[i].masked_nik)},
        false);
    DrawRow(cr, kColumns, kLetterLeft, top, row);
    top += row.height;
  }

  // When and where: 1 + 1 + 1 + 2 lines.
  SetFont(cr, kBodyFont, false);
  y = top + 5.5;
  DrawText(cr, kLetterLeft, y, "untuk hadir dan melakukan perekaman KTP-el pada:", kLetterWidth);
  y += kBodyStep + 1.0;
  const double label_x = kLetterLeft + 8.0, when_colon = label_x + 25.0, when_x = when_colon + 3.0,
               when_w = kLetterRight - when_x;
  const std::pair<const char*, std::string> when[] = {
      {"Hari/Tanggal", IndonesianDayName(*inv.visit_date) + ", " + IndonesianLongDate(*inv.visit_date)},
      {"Waktu", Printable(inv.visit_time)},
      {"Tempat", Printable(inv.place)}};
  for (const auto& [label, value] : when) {
    DrawText(cr, label_x, y, label, 24.0);
    DrawText(cr, when_colon, y, ":", 2.5);
    y = DrawLines(cr, when_x, y, value, when_w, std::string_view(label) == "Tempat" ? 2 : 1);
  }

  // What to bring, the contact, the closing: 1 + 2 + 2 lines.
  y += 1.5;
  y = DrawLines(cr, kLetterLeft, y,
                "Mohon membawa Kartu Keluarga (KK) asli. Perekaman KTP-el tidak dipungut biaya.", kLetterWidth, 1);
  const std::string contact = Printable(inv.contact);
  if (!contact.empty()) {
    y = DrawLines(cr, kLetterLeft, y, "Informasi lebih lanjut dapat menghubungi " + contact + ".", kLetterWidth, 2);
  }
  y = DrawLines(cr, kLetterLeft, y + 1.5,
                "Demikian undangan ini kami sampaikan. Atas perhatian dan kehadiran Bapak/Ibu, kami ucapkan terima "
                "kasih.",
                kLetterWidth, 2);

  // The signature block, right: 1 + 2 lines, the space to sign, the name and the NIP.
  const double sign_x = kLetterRight - 40.0, sign_w = 80.0;
  y += 3.0;
  DrawText(cr, sign_x, y, Printable(inv.signed_place) + ", " + IndonesianLongDate(*inv.signed_on), sign_w,
           Align::kCenter);
  y = DrawLines(cr, sign_x, y + kBodyStep, Printable(inv.official_title), sign_w, 2, 4.5, Align::kCenter);
  y += 15.0;
  SetFont(cr, kBodyFont, true);
  const std::string name = Fit(cr, Printable(inv.official_name), sign_w);
  DrawText(cr, sign_x, y, name, sign_w, Align::kCenter);
  const double name_w = Advance(cr, name);
  cairo_set_line_width(cr, 0.25);
  cairo_move_to(cr, sign_x - name_w / 2, y + 0.8);
  cairo_line_to(cr, sign_x + name_w / 2, y + 0.8);
  cairo_stroke(cr);
  SetFont(cr, kBodyFont, false);
  DrawText(cr, sign_x, y + kBodyStep, "NIP. " + Printable(inv.official_nip), sign_w, Align::kCenter);
  return Status::Ok();
}

// ---- messages -----------------------------------------------------------------------------------

// U+00C0..U+00FF as ASCII: letters without their marks.
constexpr std::array<const char*, 64> kLatin1 = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    "D", "N", "O", "O", "O", "O", "O",  "x", "O", "U", "U", "U", "U", "Y", "TH", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o",  "/", "o", "u", "u", "u", "u", "y", "th", "y"};

// Text limited to characters of the GSM 7-bit basic set that are also ASCII: the ASCII that needs
// the GSM escape ([ ] { } \ ^ ~ |) or is not in GSM at all (`) is replaced by a look-alike, marked
// letters lose their marks, typographic quotes and dashes become plain ones, anything else '?'.
// Controls become spaces; runs of spaces collapse; ends are trimmed.
std::string GsmAscii(std::string_view text) {
  const std::string clean = Printable(text, 1024);
  std::string out;
  size_t i = 0;
  while (i < clean.size()) {
    const uint32_t cp = NextCodePoint(clean, i);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      switch (c) {
        case '[': case '{': out += '('; break;
        case ']': case '}': out += ')'; break;
        case '\\': out += '/'; break;
        case '^': case '~': case '|': out += '-'; break;
        case '`': out += '\''; break;
        default: out += c;
      }
    } else if (cp >= 0xc0 && cp <= 0xff) {
      out += kLatin1[cp - 0xc0];
    } else if (cp == 0xa0) {
      out += ' ';
    } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201a || cp == 0x2032 || cp == 0xb4) {
      out += '\'';
    } else if (cp == 0x201c || cp == 0x201d || cp == 0x201e) {
      out += '"';
    } else if (cp >= 0x2010 && cp <= 0x2015) {
      out += '-';
    } else if (cp == 0x2026) {
      out += "...";
    } else {
      out += '?';
    }
  }
  return out;
}

// `text` cut to `max` characters (ASCII), ending in ".." when cut and there is room for it.
std::string Shortened(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  if (max < 4) return text.substr(0, max);
  std::string out = text.substr(0, max - 2);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "..";
}

std::string SmsText(const Invitation& inv) {
  // A time or a sender longer than these is not what a message needs.
  std::string name = GsmAscii(inv.head_of_family), place = GsmAscii(inv.place);
  std::string time(Trim(GsmAscii(inv.visit_time).substr(0, 20)));
  std::string office = Shortened(GsmAscii(inv.office_short), 30);
  const std::string date =
      inv.visit_date ? IndonesianDayName(*inv.visit_date) + " " + inv.visit_date->ToDayMonthYear() : "-";
  const std::string count = std::to_string(inv.members.size());
  auto build = [&] {
    return "Yth. Bpk/Ibu " + name + ": " + count + " anggota keluarga diundang rekam KTP-el pd " + date +
           (time.empty() ? "" : " " + time) + " di " + place + ". Bawa KK asli. Gratis." +
           (office.empty() ? "" : " " + office);
  };
  // What gives way, in order, and how far: the place first, never the date. A place is cut at
  // its first comma before anything else ("Balai Desa Sukamaju, Jl. Raya ..."), and the sender
  // goes whole or not at all (the SMS sender id names the office too).
  std::string text = build();
  if (text.size() > kSmsLength && place.find(',') != std::string::npos) {
    place = std::string(Trim(place.substr(0, place.find(','))));
    text = build();
  }
  const std::pair<std::string*, size_t> steps[] = {{&place, 20}, {&office, 0}, {&name, 10}, {&place, 12},
                                                   {&time, 5},   {&place, 1},  {&name, 1}};
  for (const auto& [field, floor] : steps) {
    if (text.size() <= kSmsLength) break;
    const size_t excess = text.size() - kSmsLength;
    const size_t keep = field->size() > excess ? std::max(floor, field->size() - excess) : floor;
    if (field == &office) {
      field->clear();
    } else if (field == &time) {
      *field = std::string(Trim(field->substr(0, std::min(keep, field->size()))));
    } else {
      *field = Shortened(*field, keep);
    }
    text = build();
  }
  if (text.size() > kSmsLength) text.resize(kSmsLength);  // unreachable with the floors above
  return text;
}

std::string WhatsAppText(const Invitation& inv) {
  auto clean = [](const std::string& s) { return Printable(s, 300); };
  std::string text = "Yth. Bapak/Ibu " + clean(inv.head_of_family) + ",\n";
  const std::string rt_rw = clean(inv.rt_rw);
  text += "Alamat: " + clean(inv.address) + (rt_rw.empty() ? "" : ", RT/RW " + rt_rw) + ", Desa/Kel. " +
          clean(inv.desa) + ", Kec. " + clean(inv.kecamatan) + "\n\n";
  text += "Dalam rangka pelayanan jemput bola, kami mengundang anggota keluarga Bapak/Ibu berikut untuk "
          "perekaman KTP-el:\n";
  for (size_t i = 0; i < inv.members.size(); ++i) {
    text += std::to_string(i + 1) + ". " + clean(inv.members[i].name) + "\n";
  }
  text += "\nHari/Tanggal: " +
          (inv.visit_date ? IndonesianDayName(*inv.visit_date) + ", " + IndonesianLongDate(*inv.visit_date)
                          : std::string("-")) +
          "\n";
  text += "Waktu: " + clean(inv.visit_time) + "\n";
  text += "Tempat: " + clean(inv.place) + "\n\n";
  text += "Mohon membawa Kartu Keluarga (KK) asli. Perekaman KTP-el tidak dipungut biaya.\n";
  const std::string contact = clean(inv.contact);
  if (!contact.empty()) text += "Informasi: " + contact + "\n";
  const std::string number = clean(inv.number);
  if (!number.empty()) text += "Surat undangan nomor " + number + "\n";
  const std::string office = clean(inv.office_short);
  text += "\nTerima kasih.\n" + (office.empty() ? std::string("Dinas Kependudukan dan Pencatatan Sipil") : office);
  return text;
}

}  // namespace

// ---- public -------------------------------------------------------------------------------------

std::string IndonesianDayName(const Date& date) {
  // 1970-01-01 was a Thursday.
  static constexpr std::array<const char*, 7> kDays = {"Kamis", "Jumat", "Sabtu", "Minggu",
                                                      "Senin", "Selasa", "Rabu"};
  const int64_t days = date.ToDays();
  return kDays[static_cast<size_t>(((days % 7) + 7) % 7)];
}

std::string IndonesianLongDate(const Date& date) {
  static constexpr std::array<const char*, 12> kMonths = {"Januari", "Februari", "Maret",     "April",
                                                         "Mei",     "Juni",     "Juli",      "Agustus",
                                                         "September", "Oktober", "November", "Desember"};
  return std::to_string(date.day()) + " " + kMonths[static_cast<size_t>(date.month() - 1)] + " " +
         std::to_string(date.year());
}

Status ValidateOutreachPlan(const OutreachPlan& plan) {
  SIAK_RETURN_IF_ERROR(CheckText("office", plan.office, true));
  if (!plan.period_start) return Status::Invalid("period_start", "", "is required");
  if (!plan.period_end) return Status::Invalid("period_end", "", "is required");
  if (*plan.period_end < *plan.period_start) {
    return Status::Invalid("period_end", plan.period_end->ToString(),
                           "must not be before period_start (" + plan.period_start->ToString() + ")");
  }
  SIAK_RETURN_IF_ERROR(CheckCount("teams", plan.teams.size(), 1, kMaxTeams, "teams"));
  size_t stops = 0;
  for (size_t i = 0; i < plan.teams.size(); ++i) {
    const Status st = CheckTeam(plan.teams[i], *plan.period_start, *plan.period_end);
    if (!st.ok()) return st.WithFieldPrefix("teams[" + std::to_string(i) + "]");
    stops += plan.teams[i].stops.size();
  }
  if (stops > kMaxPlanStops) {
    return Status::Invalid("teams", std::to_string(stops),
                           "must have at most " + std::to_string(kMaxPlanStops) +
                               " stops in all in one plan (split the period into several plans)");
  }
  SIAK_RETURN_IF_ERROR(CheckCount("unreached", plan.unreached.size(), 0, kMaxUnreached, "villages"));
  for (size_t i = 0; i < plan.unreached.size(); ++i) {
    const Status st = CheckUnreached(plan.unreached[i]);
    if (!st.ok()) return st.WithFieldPrefix("unreached[" + std::to_string(i) + "]");
  }
  return Status::Ok();
}

Result<std::string> RenderOutreachPlanPdf(const OutreachPlan& plan) {
  SIAK_RETURN_IF_ERROR(ValidateOutreachPlan(plan));
  return RenderPdfPage(kPageW, kPageH, std::string(kPlanTitle), "the outreach plan",
                       [&](cairo_t* cr) { return DrawPlan(cr, plan, std::nullopt, 0); });
}

Result<std::string> RenderTeamListPdf(const OutreachPlan& plan, size_t team) {
  SIAK_RETURN_IF_ERROR(ValidateOutreachPlan(plan));
  if (team >= plan.teams.size()) {
    return Status::Invalid("team", std::to_string(team),
                           "must index a team of the plan (0 to " + std::to_string(plan.teams.size() - 1) + ")");
  }
  return RenderPdfPage(kPageW, kPageH, std::string(kTeamListTitle) + " - " + Printable(plan.teams[team].name, 200),
                       "the team list", [&](cairo_t* cr) { return DrawPlan(cr, plan, team, 0); });
}

Result<std::string> RenderOutreachPlanPng(const OutreachPlan& plan, int page, double dpi) {
  SIAK_RETURN_IF_ERROR(CheckDpi(dpi));
  if (page < 1) return Status::Invalid("page", std::to_string(page), "must be 1 or more");
  SIAK_RETURN_IF_ERROR(ValidateOutreachPlan(plan));
  return RenderPng(dpi, "the outreach plan", [&](cairo_t* cr) { return DrawPlan(cr, plan, std::nullopt, page); });
}

Status ValidateInvitation(const Invitation& inv) {
  const std::pair<const char*, const std::string*> required[] = {
      {"regency", &inv.regency},       {"office_address", &inv.office_address},
      {"number", &inv.number},         {"head_of_family", &inv.head_of_family},
      {"address", &inv.address},       {"desa", &inv.desa},
      {"kecamatan", &inv.kecamatan},   {"visit_time", &inv.visit_time},
      {"place", &inv.place},           {"signed_place", &inv.signed_place},
      {"official_title", &inv.official_title}, {"official_name", &inv.official_name},
      {"official_nip", &inv.official_nip}};
  for (const auto& [field, text] : required) SIAK_RETURN_IF_ERROR(CheckText(field, *text, true));
  const std::pair<const char*, const std::string*> optional[] = {
      {"office_short", &inv.office_short}, {"attachment", &inv.attachment},
      {"rt_rw", &inv.rt_rw},               {"contact", &inv.contact}};
  for (const auto& [field, text] : optional) SIAK_RETURN_IF_ERROR(CheckText(field, *text, false));
  if (!ValidNip(inv.official_nip)) {
    return Status::Invalid("official_nip", TruncateUtf8(inv.official_nip, 40),
                           "must be 18 digits, optionally grouped by spaces");
  }
  SIAK_RETURN_IF_ERROR(CheckCount("members", inv.members.size(), 1, kMaxInvitedMembers,
                                  "members per letter (split a larger household over two letters)"));
  for (size_t i = 0; i < inv.members.size(); ++i) {
    const std::string at = "members[" + std::to_string(i) + "]";
    SIAK_RETURN_IF_ERROR(CheckText(at + ".name", inv.members[i].name, true));
    if (!LooksMasked(inv.members[i].masked_nik)) {
      // The value is not echoed: it may be a whole NIK.
      return Status::Invalid(at + ".masked_nik", "",
                             "must be a masked NIK: 16 characters of digits and '*', at least one '*' "
                             "(e.g. 320401******0003)");
    }
  }
  if (!inv.visit_date) return Status::Invalid("visit_date", "", "is required");
  if (!inv.signed_on) return Status::Invalid("signed_on", "", "is required");
  if (*inv.visit_date < *inv.signed_on) {
    return Status::Invalid("visit_date", inv.visit_date->ToString(),
                           "must not be before the letter's date (signed_on " + inv.signed_on->ToString() + ")");
  }
  return Status::Ok();
}

Result<std::string> RenderInvitationPdf(const Invitation& invitation) {
  SIAK_RETURN_IF_ERROR(ValidateInvitation(invitation));
  return RenderPdfPage(kPageW, kPageH, std::string(kSubject), "the invitation",
                       [&](cairo_t* cr) { return DrawInvitation(cr, invitation); });
}

Result<std::string> RenderInvitationsPdf(const std::vector<Invitation>& invitations) {
  SIAK_RETURN_IF_ERROR(CheckCount("invitations", invitations.size(), 1, kMaxInvitations, "letters per document"));
  for (size_t i = 0; i < invitations.size(); ++i) {
    const Status st = ValidateInvitation(invitations[i]);
    if (!st.ok()) return st.WithFieldPrefix("invitations[" + std::to_string(i) + "]");
  }
  return RenderPdfPage(kPageW, kPageH, std::string(kSubject), "the invitations", [&](cairo_t* cr) {
    for (size_t i = 0; i < invitations.size(); ++i) {
      if (i > 0) cairo_show_page(cr);
      SIAK_RETURN_IF_ERROR(DrawInvitation(cr, invitations[i]));
    }
    return Status::Ok();
  });
}

Result<std::string> RenderInvitationPng(const Invitation& invitation, double dpi) {
  SIAK_RETURN_IF_ERROR(CheckDpi(dpi));
  SIAK_RETURN_IF_ERROR(ValidateInvitation(invitation));
  return RenderPng(dpi, "the invitation", [&](cairo_t* cr) { return DrawInvitation(cr, invitation); });
}

std::string InvitationMessage(const Invitation& invitation, MessageChannel channel) {
  switch (channel) {
    case MessageChannel::kSms: return SmsText(invitation);
    case MessageChannel::kWhatsApp: return WhatsAppText(invitation);
  }
  return SmsText(invitation);
}

}  // namespace siak::card
