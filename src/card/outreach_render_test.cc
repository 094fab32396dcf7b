#include "card/outreach_render.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "card/image.h"
#include "common/text.h"

namespace siak::card {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

OutreachStop Stop(int day, std::string kecamatan, std::string desa, int sasaran, std::string keterangan = "") {
  return OutreachStop{D(2026, 12, day), std::move(kecamatan), std::move(desa), sasaran, std::move(keterangan)};
}

OutreachPlan Plan() {
  OutreachPlan plan;
  plan.office = "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN BANDUNG";
  plan.period_start = D(2026, 12, 1);
  plan.period_end = D(2026, 12, 31);
  OutreachTeam one;
  one.name = "Tim 1 (Soreang)";
  one.members = {"DEDI KURNIAWAN (operator)", "SITI NURHALIZA (verifikator)", "ASEP SUNANDAR (pengemudi)"};
  one.devices = {"Alat perekaman MOB-01", "Genset 2 kVA"};
  one.home_district = "Soreang";
  one.stops = {Stop(14, "Pasirjambu", "Cibodas", 45, "Perbatasan"), Stop(15, "Ciwidey", "Rawabogo", 30),
               Stop(16, "Rancabali", "Patengan", 52, "Pulau kecil terluar; Lansia dan disabilitas")};
  OutreachTeam two;
  two.name = "Tim 2 (Majalaya)";
  two.members = {"RINA MARLINA (operator)"};
  two.home_district = "Majalaya";
  two.stops = {Stop(20, "Ibun", "Neglasari", 1200, "Sekolah: pemilih pemula")};
  plan.teams = {one, two};
  plan.unreached = {{"Kertasari", "Cibeureum", 80, "Akses jalan terputus longsor; dijadwalkan Januari 2027"}};
  return plan;
}

Invitation Letter() {
  Invitation inv;
  inv.regency = "KABUPATEN BANDUNG";
  inv.office_address = "Jl. Raya Soreang Km. 17, Soreang 40911, Telp. (022) 5891234";
  inv.office_short = "Dukcapil Kab. Bandung";
  inv.number = "470/1234/Disdukcapil/XII/2026";
  inv.head_of_family = "SUTRISNO";
  inv.address = "Kp. Sukamaju No. 5";
  inv.rt_rw = "003/005";
  inv.desa = "Sukamaju";
  inv.kecamatan = "Soreang";
  inv.members = {{"SITI AMINAH", "320401******0003"}, {"BUDI SANTOSO", "320401******0004"}};
  inv.visit_date = D(2026, 12, 14);
  inv.visit_time = "09.00";
  inv.place = "Balai Desa Sukamaju";
  inv.contact = "Sdr. Dedi (petugas), HP 0812-3456-7890";
  inv.signed_place = "Soreang";
  inv.signed_on = D(2026, 12, 1);
  inv.official_title = "Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Bandung";
  inv.official_name = "Drs. H. AHMAD SURYANA, M.Si.";
  inv.official_nip = "19700101 199503 1 002";
  return inv;
}

int PageCount(const std::string& pdf) {
  int pages = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  return pages;
}

void ExpectA4(const std::string& pdf) {
  std::smatch m;
  ASSERT_TRUE(std::regex_search(pdf, m, std::regex(R"(/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\])")));
  EXPECT_NEAR(std::stod(m[1]), 210.0 / 25.4 * 72, 0.05);
  EXPECT_NEAR(std::stod(m[2]), 297.0 / 25.4 * 72, 0.05);
}

Pixels Decode(const Result<std::string>& png) {
  EXPECT_TRUE(png.ok()) << png.status().ToString();
  if (!png.ok()) return {};
  auto px = DecodeImage(*png, "preview");
  EXPECT_TRUE(px.ok()) << px.status().ToString();
  return px.ok() ? *px : Pixels{};
}

// Pixels in the box (millimetres) whose first channel is below `below` (ink, or grey fill).
int Pixels_(const Pixels& px, double dpi, double x0, double y0, double x1, double y1, int below) {
  const double k = dpi / 25.4;
  int count = 0;
  for (int y = static_cast<int>(y0 * k); y < static_cast<int>(y1 * k) && y < px.height; ++y) {
    for (int x = static_cast<int>(x0 * k); x < static_cast<int>(x1 * k) && x < px.width; ++x) {
      if (px.data[(static_cast<size_t>(y) * px.width + x) * px.channels] < below) ++count;
    }
  }
  return count;
}
int Ink(const Pixels& px, double x0, double y0, double x1, double y1) { return Pixels_(px, 96, x0, y0, x1, y1, 250); }

// The page count the PNG preview agrees with: page n renders, page n + 1 is refused.
int PreviewPages(const OutreachPlan& plan) {
  for (int page = 1; page < 200; ++page) {
    auto png = RenderOutreachPlanPng(plan, page, 24);
    if (!png.ok()) {
      EXPECT_EQ(png.status().field(), "page");
      EXPECT_NE(png.status().rule().find(std::to_string(page - 1)), std::string::npos) << png.status().ToString();
      return page - 1;
    }
  }
  return -1;
}

// pdftotext's text of the PDF, or nothing when poppler-utils is not installed.
std::optional<std::string> PdfText(const std::string& pdf, const std::string& name) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) return std::nullopt;
  const std::string in = testing::TempDir() + name + ".pdf", out = testing::TempDir() + name + ".txt";
  std::ofstream(in, std::ios::binary) << pdf;
  if (std::system(("pdftotext -layout '" + in + "' '" + out + "'").c_str()) != 0) return std::string();
  std::ifstream text(out, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(text), std::istreambuf_iterator<char>());
}

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// ---- dates ----------------------------------------------------------------------------------------

TEST(OutreachRenderDates, DayNamesAndLongDates) {
  EXPECT_EQ(IndonesianDayName(D(2026, 12, 14)), "Senin");
  EXPECT_EQ(IndonesianDayName(D(2026, 12, 1)), "Selasa");
  EXPECT_EQ(IndonesianDayName(D(2026, 12, 31)), "Kamis");
  EXPECT_EQ(IndonesianDayName(D(1970, 1, 1)), "Kamis");
  EXPECT_EQ(IndonesianDayName(D(1969, 12, 28)), "Minggu");  // before the epoch
  EXPECT_EQ(IndonesianDayName(D(2024, 2, 29)), "Kamis");
  EXPECT_EQ(IndonesianDayName(D(2026, 12, 18)), "Jumat");
  EXPECT_EQ(IndonesianDayName(D(2026, 12, 19)), "Sabtu");
  EXPECT_EQ(IndonesianDayName(D(2026, 12, 16)), "Rabu");
  EXPECT_EQ(IndonesianLongDate(D(2026, 12, 14)), "14 Desember 2026");
  EXPECT_EQ(IndonesianLongDate(D(2027, 1, 5)), "5 Januari 2027");
}

// ---- the plan -------------------------------------------------------------------------------------

TEST(OutreachRenderPlan, SmallPlanIsOneA4Page) {
  auto pdf = RenderOutreachPlanPdf(Plan());
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf->find("%%EOF"), std::string::npos);
  EXPECT_EQ(PageCount(*pdf), 1);
  ExpectA4(*pdf);
  EXPECT_EQ(PreviewPages(Plan()), 1);
}

TEST(OutreachRenderPlan, LongTablesPaginateWithTheHeaderRepeated) {
  OutreachPlan plan = Plan();
  plan.teams[0].stops.clear();
  for (int i = 0; i < 120; ++i) {
    plan.teams[0].stops.push_back(Stop(1 + i % 31, "Kecamatan " + std::to_string(i), "Desa " + std::to_string(i), i,
                                       i % 3 == 0 ? "Perbatasan" : ""));
  }
  for (int i = 0; i < 60; ++i) {
    plan.unreached.push_back({"Kertasari", "Desa " + std::to_string(i), 10, "Akses jalan terputus"});
  }
  auto pdf = RenderOutreachPlanPdf(plan);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  const int pages = PageCount(*pdf);
  // About 45 one-line rows fit a page: 120 + 60 rows and the headings take at least four.
  EXPECT_GE(pages, 4);
  EXPECT_LE(pages, 7);
  EXPECT_EQ(PreviewPages(plan), pages);

  // Page 2 continues team 1's table: under the running header, the continuation heading, then
  // the shaded header row again (grey, neither paper nor ink) across the table's width.
  const Pixels second = Decode(RenderOutreachPlanPng(plan, 2));
  ASSERT_GT(second.width, 0);
  const int grey = Pixels_(second, 96, 16, 26.5, 194, 29.5, 240) - Pixels_(second, 96, 16, 26.5, 194, 29.5, 180);
  EXPECT_GT(grey, 2000) << "no shaded header row at the top of page 2";
  EXPECT_GT(Ink(second, 15, 9, 120, 13), 50);   // the running header
  EXPECT_GT(Ink(second, 150, 285, 195, 289), 50);  // "Halaman 2 dari N"
  // Page 1 starts with the title, no running header above it.
  const Pixels first = Decode(RenderOutreachPlanPng(plan, 1));
  ASSERT_GT(first.width, 0);
  EXPECT_EQ(Ink(first, 0, 0, 210, 12), 0);

  if (auto text = PdfText(*pdf, "outreach_long")) {
    EXPECT_NE(text->find("Halaman 1 dari " + std::to_string(pages)), std::string::npos) << *text;
    EXPECT_NE(text->find("Halaman " + std::to_string(pages) + " dari " + std::to_string(pages)), std::string::npos);
    EXPECT_NE(text->find("Tim 1 (Soreang) (lanjutan)"), std::string::npos);
    EXPECT_GE(Occurrences(*text, "Desa/Kelurahan"), static_cast<size_t>(pages));  // one header row per page at least
    EXPECT_NE(text->find("Desa 119"), std::string::npos);
    EXPECT_NE(text->find("TIDAK TERJANGKAU"), std::string::npos);
  }
}

TEST(OutreachRenderPlan, TeamListHasOnlyThatTeam) {
  const OutreachPlan plan = Plan();
  auto list = RenderTeamListPdf(plan, 1);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->rfind("%PDF-", 0), 0u);
  EXPECT_EQ(PageCount(*list), 1);
  ExpectA4(*list);
  auto bad = RenderTeamListPdf(plan, 2);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "team");
  // The list of a long team paginates on its own.
  OutreachPlan long_plan = plan;
  for (int i = 0; i < 150; ++i) long_plan.teams[1].stops.push_back(Stop(21, "Ibun", "Desa " + std::to_string(i), 5));
  auto long_list = RenderTeamListPdf(long_plan, 1);
  ASSERT_TRUE(long_list.ok()) << long_list.status().ToString();
  EXPECT_GE(PageCount(*long_list), 3);
  auto one = RenderTeamListPdf(long_plan, 0);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(PageCount(*one), 1);

  if (auto text = PdfText(*list, "outreach_team")) {
    EXPECT_NE(text->find("DAFTAR KUNJUNGAN TIM JEMPUT BOLA PEREKAMAN KTP-el"), std::string::npos) << *text;
    EXPECT_NE(text->find("Neglasari"), std::string::npos);
    EXPECT_NE(text->find("Minggu, 20-12-2026"), std::string::npos);
    EXPECT_NE(text->find("1.200"), std::string::npos);
    EXPECT_EQ(text->find("Cibodas"), std::string::npos);  // team 1's village
    EXPECT_EQ(text->find("TIDAK TERJANGKAU"), std::string::npos);
  }
}

TEST(OutreachRenderPlan, PlanTextWhenPdftotextIsInstalled) {
  auto pdf = RenderOutreachPlanPdf(Plan());
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  auto text = PdfText(*pdf, "outreach_plan");
  if (!text) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed: the printed text is not checked";
  for (const char* expected :
       {"RENCANA PELAYANAN JEMPUT BOLA PEREKAMAN KTP-el", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN BANDUNG",
        "01-12-2026 s.d. 31-12-2026", "Tim 1 (Soreang)", "DEDI KURNIAWAN (operator)", "Alat perekaman MOB-01",
        "Senin, 14-12-2026", "Pasirjambu", "Cibodas", "Perbatasan", "Pulau kecil terluar", "TIDAK TERJANGKAU",
        "Akses jalan terputus longsor", "Halaman 1 dari 1", "Jumlah", "Keterangan", "Sasaran"}) {
    EXPECT_NE(text->find(expected), std::string::npos) << expected << "\n" << *text;
  }
}

TEST(OutreachRenderPlan, InputsAreChecked) {
  auto field_of = [](const OutreachPlan& plan) {
    auto pdf = RenderOutreachPlanPdf(plan);
    EXPECT_FALSE(pdf.ok());
    EXPECT_EQ(pdf.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(ValidateOutreachPlan(plan).field(), pdf.status().field());
    EXPECT_EQ(RenderTeamListPdf(plan, 0).status().field(), pdf.status().field());
    return pdf.status().field();
  };
  ASSERT_TRUE(ValidateOutreachPlan(Plan()).ok());
  OutreachPlan p = Plan();
  p.office = " \n ";
  EXPECT_EQ(field_of(p), "office");
  p = Plan();
  p.period_start.reset();
  EXPECT_EQ(field_of(p), "period_start");
  p = Plan();
  p.period_end = D(2026, 11, 30);
  EXPECT_EQ(field_of(p), "period_end");
  p = Plan();
  p.teams.clear();
  EXPECT_EQ(field_of(p), "teams");
  p = Plan();
  p.teams[1].name.clear();
  EXPECT_EQ(field_of(p), "teams[1].name");
  p = Plan();
  p.teams[0].members.clear();
  EXPECT_EQ(field_of(p), "teams[0].members");
  p = Plan();
  p.teams[0].members.assign(21, "PETUGAS");
  EXPECT_EQ(field_of(p), "teams[0].members");
  p = Plan();
  p.teams[0].devices.push_back("");
  EXPECT_EQ(field_of(p), "teams[0].devices[2]");
  p = Plan();
  p.teams[0].stops[2].date.reset();
  EXPECT_EQ(field_of(p), "teams[0].stops[2].date");
  p = Plan();
  p.teams[0].stops[1].date = D(2027, 1, 1);
  EXPECT_EQ(field_of(p), "teams[0].stops[1].date");
  EXPECT_NE(RenderOutreachPlanPdf(p).status().rule().find("within the period"), std::string::npos);
  p = Plan();
  p.teams[1].stops[0].desa = "\xc3\x28";
  EXPECT_EQ(field_of(p), "teams[1].stops[0].desa");
  EXPECT_EQ(RenderOutreachPlanPdf(p).status().rule(), "must be UTF-8 text");
  p = Plan();
  p.teams[0].stops[0].kecamatan.clear();
  EXPECT_EQ(field_of(p), "teams[0].stops[0].kecamatan");
  p = Plan();
  p.teams[0].stops[0].sasaran = -1;
  EXPECT_EQ(field_of(p), "teams[0].stops[0].sasaran");
  p = Plan();
  p.teams[0].stops[0].keterangan = "\xff";
  EXPECT_EQ(field_of(p), "teams[0].stops[0].keterangan");
  p = Plan();
  p.unreached[0].reason.clear();
  EXPECT_EQ(field_of(p), "unreached[0].reason");
  // Too many rows for one document: 1000 per team, 5000 in all.
  p = Plan();
  p.teams[0].stops.assign(1001, Stop(2, "Ciwidey", "Lebakmuncang", 1));
  EXPECT_EQ(field_of(p), "teams[0].stops");
  p = Plan();
  p.teams.assign(6, p.teams[0]);
  for (auto& team : p.teams) team.stops.assign(1000, Stop(2, "Ciwidey", "Lebakmuncang", 1));
  EXPECT_EQ(field_of(p), "teams");
  // The preview's own parameters.
  EXPECT_EQ(RenderOutreachPlanPng(Plan(), 0).status().field(), "page");
  EXPECT_EQ(RenderOutreachPlanPng(Plan(), 2).status().field(), "page");
  EXPECT_EQ(RenderOutreachPlanPng(Plan(), 1, 10).status().field(), "dpi");
}

TEST(OutreachRenderPlan, StressInputStaysOnThePage) {
  OutreachPlan plan = Plan();
  const std::string huge(5000, 'W');
  plan.office = "DINAS\x01\x02 KEPENDUDUKAN\n\tDAN " + huge + " SIPIL " + huge;
  plan.teams[0].name = "Tim\x07 " + huge;
  plan.teams[0].members.assign(20, "NAMA SANGAT PANJANG " + std::string(300, 'N') + "\r\n(operator)");
  plan.teams[0].devices.assign(10, huge);
  plan.teams[0].home_district = huge;
  for (int i = 0; i < 40; ++i) {
    plan.teams[0].stops.push_back(Stop(1 + i % 31, "KEC " + huge, "DESA\x1b[31m " + huge,
                                       1000000, "Pulau kecil terluar \xf0\x9f\x8f\x9d " + huge + " " + huge));
  }
  plan.unreached.assign(30, {"KEC\x7f " + huge, "DESA " + huge, 999999, "Alasan \xc2\x85 panjang " + huge});
  auto pdf = RenderOutreachPlanPdf(plan);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  const int pages = PageCount(*pdf);
  EXPECT_GE(pages, 3);
  EXPECT_EQ(PreviewPages(plan), pages);
  for (int page = 1; page <= pages; ++page) {
    const Pixels px = Decode(RenderOutreachPlanPng(plan, page));
    ASSERT_GT(px.width, 0);
    EXPECT_EQ(Ink(px, 0, 0, 14.5, 297), 0) << "left margin, page " << page;
    EXPECT_EQ(Ink(px, 195.5, 0, 210, 297), 0) << "right margin, page " << page;
    EXPECT_EQ(Ink(px, 0, 290, 210, 297), 0) << "below the footer, page " << page;
    EXPECT_EQ(Ink(px, 0, 280.5, 210, 283), 0) << "the body ran into the footer, page " << page;
  }
  EXPECT_TRUE(RenderTeamListPdf(plan, 0).ok());
}

// ---- the letter -----------------------------------------------------------------------------------

TEST(OutreachRenderInvitation, OnePagePerHousehold) {
  auto one = RenderInvitationPdf(Letter());
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->rfind("%PDF-", 0), 0u);
  EXPECT_EQ(PageCount(*one), 1);
  ExpectA4(*one);
  std::vector<Invitation> many(7, Letter());
  for (size_t i = 0; i < many.size(); ++i) many[i].head_of_family = "KEPALA KELUARGA " + std::to_string(i);
  auto all = RenderInvitationsPdf(many);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(PageCount(*all), 7);
  ExpectA4(*all);
  EXPECT_EQ(RenderInvitationsPdf({}).status().field(), "invitations");

  // The letterhead's double rule, the table's shaded header, and the signature block's ink.
  const Pixels px = Decode(RenderInvitationPng(Letter()));
  ASSERT_GT(px.width, 0);
  EXPECT_NEAR(px.width, 794, 1);
  EXPECT_GT(Ink(px, 30, 37.5, 185, 39), 1000);
  EXPECT_EQ(Ink(px, 0, 0, 24, 297), 0);
  EXPECT_EQ(Ink(px, 191, 0, 210, 297), 0);
}

TEST(OutreachRenderInvitation, LetterTextWhenPdftotextIsInstalled) {
  Invitation inv = Letter();
  inv.members.push_back({"RATNA\x01SARI\n", "320401******0005"});
  auto pdf = RenderInvitationPdf(inv);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  auto text = PdfText(*pdf, "outreach_letter");
  if (!text) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed: the printed text is not checked";
  for (const char* expected :
       {"PEMERINTAH KABUPATEN BANDUNG", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "Jl. Raya Soreang Km. 17",
        "470/1234/Disdukcapil/XII/2026", "Undangan Perekaman KTP-el", "Kepada Yth.", "Bapak/Ibu SUTRISNO",
        "RT/RW 003/005", "Desa/Kelurahan Sukamaju, Kecamatan Soreang", "SITI AMINAH", "320401******0003",
        "RATNA SARI", "Senin, 14 Desember 2026", "09.00", "Balai Desa Sukamaju", "Kartu Keluarga (KK) asli",
        "tidak dipungut biaya", "0812-3456-7890", "Soreang, 1 Desember 2026", "Drs. H. AHMAD SURYANA, M.Si.",
        "NIP. 19700101 199503 1 002"}) {
    EXPECT_NE(text->find(expected), std::string::npos) << expected << "\n" << *text;
  }
  EXPECT_EQ(text->find('\x01'), std::string::npos);
}

TEST(OutreachRenderInvitation, InputsAreChecked) {
  auto field_of = [](const Invitation& inv) {
    auto pdf = RenderInvitationPdf(inv);
    EXPECT_FALSE(pdf.ok());
    EXPECT_EQ(pdf.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(RenderInvitationPng(inv).status().field(), pdf.status().field());
    EXPECT_EQ(ValidateInvitation(inv).field(), pdf.status().field());
    return pdf.status().field();
  };
  ASSERT_TRUE(ValidateInvitation(Letter()).ok());
  for (std::string Invitation::*member :
       {&Invitation::regency, &Invitation::office_address, &Invitation::number, &Invitation::head_of_family,
        &Invitation::address, &Invitation::desa, &Invitation::kecamatan, &Invitation::visit_time,
        &Invitation::place, &Invitation::signed_place, &Invitation::official_title, &Invitation::official_name,
        &Invitation::official_nip}) {
    Invitation inv = Letter();
    inv.*member = "\t";
    const std::string field = field_of(inv);
    EXPECT_FALSE(field.empty());
    EXPECT_EQ(RenderInvitationPdf(inv).status().rule(), "is required") << field;
  }
  Invitation inv = Letter();
  inv.contact = "\xe2\x82";  // a character cut short
  EXPECT_EQ(field_of(inv), "contact");
  inv = Letter();
  inv.official_nip = "1970010119950310";  // 16 digits
  EXPECT_EQ(field_of(inv), "official_nip");
  inv = Letter();
  inv.members.clear();
  EXPECT_EQ(field_of(inv), "members");
  inv = Letter();
  inv.members.assign(11, {"NAMA", "320401******0003"});
  EXPECT_EQ(field_of(inv), "members");
  inv = Letter();
  inv.members[1].name.clear();
  EXPECT_EQ(field_of(inv), "members[1].name");
  inv = Letter();
  inv.members[0].masked_nik = "3204010101900003";  // not masked: refused, and not echoed
  EXPECT_EQ(field_of(inv), "members[0].masked_nik");
  EXPECT_EQ(RenderInvitationPdf(inv).status().value(), "");
  inv = Letter();
  inv.visit_date.reset();
  EXPECT_EQ(field_of(inv), "visit_date");
  inv = Letter();
  inv.signed_on.reset();
  EXPECT_EQ(field_of(inv), "signed_on");
  inv = Letter();
  inv.visit_date = D(2026, 11, 30);  // before the letter
  EXPECT_EQ(field_of(inv), "visit_date");
  // In a print run the error names the letter.
  std::vector<Invitation> many(4, Letter());
  many[2].place.clear();
  EXPECT_EQ(RenderInvitationsPdf(many).status().field(), "invitations[2].place");
  EXPECT_EQ(RenderInvitationPng(Letter(), 400).status().field(), "dpi");
}

TEST(OutreachRenderInvitation, StressInputStaysOnThePage) {
  Invitation inv = Letter();
  const std::string huge(4000, 'M');
  for (std::string* text : {&inv.regency, &inv.office_address, &inv.number, &inv.attachment, &inv.head_of_family,
                            &inv.address, &inv.rt_rw, &inv.desa, &inv.kecamatan, &inv.visit_time, &inv.place,
                            &inv.contact, &inv.signed_place, &inv.official_title, &inv.official_name}) {
    *text = "AWAL\x01\x02\x1b[2J " + huge + "\n" + huge + " \xe2\x80\xa8 akhir";
  }
  inv.members.assign(10, {"NAMA\r\n" + std::string(600, 'W') + " " + huge, "320401******0003"});
  auto pdf = RenderInvitationPdf(inv);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(PageCount(*pdf), 1);
  const Pixels px = Decode(RenderInvitationPng(inv));
  ASSERT_GT(px.width, 0);
  EXPECT_EQ(Ink(px, 0, 0, 24.5, 297), 0) << "left margin";
  EXPECT_EQ(Ink(px, 190.5, 0, 210, 297), 0) << "right margin";
  EXPECT_EQ(Ink(px, 0, 283, 210, 297), 0) << "bottom margin";
  EXPECT_EQ(Ink(px, 0, 0, 210, 12), 0) << "top margin";
  // The signature block is still there: the NIP line has ink.
  EXPECT_GT(Ink(px, 110, 240, 190, 283), 100);
}

// ---- messages -------------------------------------------------------------------------------------

bool GsmSafeAscii(const std::string& text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
    if (std::string_view("[]{}\\^~|`").find(c) != std::string_view::npos) return false;
  }
  return true;
}

TEST(OutreachRenderMessage, SmsIsShortAsciiAndKeepsTheDate) {
  const std::string sms = InvitationMessage(Letter(), MessageChannel::kSms);
  EXPECT_EQ(sms,
            "Yth. Bpk/Ibu SUTRISNO: 2 anggota keluarga diundang rekam KTP-el pd Senin 14-12-2026 09.00 di Balai "
            "Desa Sukamaju. Bawa KK asli. Gratis. Dukcapil Kab. Bandung");
  EXPECT_LE(sms.size(), 160u);

  // A long place gives way first; the date stays.
  Invitation inv = Letter();
  inv.place = "Aula Kantor Kecamatan Soreang, Jl. Raya Soreang No. 123, seberang alun-alun";
  std::string text = InvitationMessage(inv, MessageChannel::kSms);
  EXPECT_EQ(text.size(), 160u) << text;
  EXPECT_NE(text.find("Senin 14-12-2026 09.00 di Aula Kantor"), std::string::npos) << text;
  EXPECT_NE(text.find(".. Bawa KK asli. Gratis. Dukcapil Kab. Bandung"), std::string::npos) << text;
  EXPECT_NE(text.find("SUTRISNO"), std::string::npos);

  // Everything long, marked letters, typographic quotes, GSM escapes and controls.
  inv = Letter();
  inv.head_of_family = "JOS\xc3\x89 \xe2\x80\x9c" "D\xc3\x96" "DI\xe2\x80\x9d [KEPALA]\n" + std::string(500, 'K');
  inv.place = "{Balai} \\ Desa ^ ~ | ` \xf0\x9f\x98\x80 " + std::string(500, 'P');
  inv.visit_time = "09.00 - 12.00 WIB " + std::string(300, 'T');
  inv.office_short = std::string(300, 'O');
  inv.members.assign(10, {"X", "320401******0003"});
  text = InvitationMessage(inv, MessageChannel::kSms);
  EXPECT_LE(text.size(), 160u) << text;
  EXPECT_TRUE(GsmSafeAscii(text)) << text;
  EXPECT_NE(text.find("Senin 14-12-2026"), std::string::npos) << text;
  EXPECT_NE(text.find("Yth. Bpk/Ibu JOSE "), std::string::npos) << text;
  EXPECT_NE(text.find("10 anggota"), std::string::npos) << text;
  EXPECT_NE(text.find("09.00 - 12.00 WIB"), std::string::npos) << text;
  EXPECT_NE(text.find("Bawa KK asli. Gratis."), std::string::npos) << text;
  inv = Letter();
  inv.head_of_family = "JOS\xc3\x89 \xe2\x80\x9c" "D\xc3\x96" "DI\xe2\x80\x9d [KEPALA]\n";
  inv.place = "Balai Desa";
  inv.office_short = "Dukcapil Bandung";
  text = InvitationMessage(inv, MessageChannel::kSms);
  EXPECT_TRUE(GsmSafeAscii(text)) << text;
  EXPECT_EQ(text.rfind("Yth. Bpk/Ibu JOSE \"DODI\" (KEPALA): 2 anggota", 0), 0u) << text;

  // Every day name fits, the longest included.
  inv = Letter();
  inv.visit_date = D(2026, 12, 20);  // Minggu
  inv.place = std::string(200, 'P');
  text = InvitationMessage(inv, MessageChannel::kSms);
  EXPECT_LE(text.size(), 160u);
  EXPECT_NE(text.find("Minggu 20-12-2026"), std::string::npos) << text;

  // Invalid input still gives a safe text.
  inv = Letter();
  inv.place = "\xff\xfe Balai";
  inv.visit_date.reset();
  text = InvitationMessage(inv, MessageChannel::kSms);
  EXPECT_LE(text.size(), 160u);
  EXPECT_TRUE(GsmSafeAscii(text)) << text;
}

TEST(OutreachRenderMessage, WhatsAppListsEveryName) {
  Invitation inv = Letter();
  inv.members.push_back({"ANDI \xc3\x89RIK\nSAPUTRA", "320401******0005"});
  const std::string text = InvitationMessage(inv, MessageChannel::kWhatsApp);
  for (const char* expected :
       {"Yth. Bapak/Ibu SUTRISNO", "1. SITI AMINAH\n", "2. BUDI SANTOSO\n", "3. ANDI \xc3\x89RIK SAPUTRA\n",
        "Senin, 14 Desember 2026", "Waktu: 09.00", "Tempat: Balai Desa Sukamaju", "Kartu Keluarga (KK) asli",
        "tidak dipungut biaya", "0812-3456-7890", "470/1234/Disdukcapil/XII/2026", "Dukcapil Kab. Bandung"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("******"), std::string::npos) << "no NIK in a message";
  EXPECT_TRUE(IsUtf8(text));
  for (char c : text) EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << text;

  // Invalid UTF-8 and huge values still give bounded, valid text.
  inv.head_of_family = "\xc3" + std::string(100000, 'H');
  const std::string odd = InvitationMessage(inv, MessageChannel::kWhatsApp);
  EXPECT_TRUE(IsUtf8(odd));
  EXPECT_LT(odd.size(), 10000u);
}

}  // namespace
}  // namespace siak::card
