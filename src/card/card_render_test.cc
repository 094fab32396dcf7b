#include "card/card_render.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <regex>
#include <thread>

#include "card/image.h"

namespace siak::card {

// Drawn test images, defined in image_test.cc (same test binary).
namespace test_images {
std::string FacePng(int width, int height, double light);
std::string FaceJpeg(int width, int height, double light);
std::string SignaturePng(int width, int height);
std::string SolidJpeg(int width, int height, int grey);
std::string GreyFaceJpeg(int width, int height);
}  // namespace test_images

namespace {

using namespace test_images;

CardFace Face() {
  CardFace f;
  f.provinsi = "PROVINSI JAWA BARAT";
  f.kabupaten = "KABUPATEN BANDUNG";
  f.nik = "3204015708900002";
  f.nama = "SITI NURHALIZA";
  f.tempat_tgl_lahir = "BANDUNG, 17-08-1990";
  f.jenis_kelamin = "PEREMPUAN";
  f.golongan_darah = "O";
  f.alamat = "JL. MERDEKA NO. 17";
  f.rt_rw = "003/007";
  f.kel_desa = "CIBIRU WETAN";
  f.kecamatan = "CILEUNYI";
  f.agama = "ISLAM";
  f.status_perkawinan = "KAWIN";
  f.pekerjaan = "WIRASWASTA";
  f.kewarganegaraan = "WNI";
  f.tempat_terbit = "KAB. BANDUNG";
  f.tanggal_terbit = "28-11-2026";
  f.photo = FaceJpeg(640, 800, 1.0);
  f.signature = SignaturePng(400, 120);
  f.card_serial = "KTP-3204-2026-0000123";
  return f;
}

constexpr double kPx = 300.0 / 25.4;  // pixels per millimetre
int Px(double mm) { return static_cast<int>(std::lround(mm * kPx)); }

Pixels RenderPixels(const CardFace& face) {
  auto png = RenderCardPng(face);
  EXPECT_TRUE(png.ok()) << png.status().ToString();
  if (!png.ok()) return {};
  auto px = DecodeImage(*png, "card");
  EXPECT_TRUE(px.ok()) << px.status().ToString();
  return px.ok() ? *px : Pixels{};
}

// Mean absolute difference of two renders over a rectangle (millimetres).
double Diff(const Pixels& a, const Pixels& b, double x0, double y0, double x1, double y1) {
  double sum = 0;
  int n = 0;
  for (int y = Px(y0); y < Px(y1); ++y) {
    for (int x = Px(x0); x < Px(x1); ++x) {
      for (int c = 0; c < a.channels; ++c) {
        const size_t i = (static_cast<size_t>(y) * a.width + x) * a.channels + c;
        sum += std::abs(int{a.data[i]} - int{b.data[i]});
        ++n;
      }
    }
  }
  return n ? sum / n : 0;
}

int PageCount(const std::string& pdf) {
  int pages = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  return pages;
}

// The first page's MediaBox in points.
std::pair<double, double> MediaBox(const std::string& pdf) {
  std::smatch m;
  static const std::regex box(R"(/MediaBox\s*\[\s*([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s*\])");
  if (!std::regex_search(pdf, m, box)) return {0, 0};
  return {std::stod(m[3]) - std::stod(m[1]), std::stod(m[4]) - std::stod(m[2])};
}

TEST(CardRenderTest, FieldsInPrintOrder) {
  const auto fields = CardFields(Face());
  std::vector<std::string> labels;
  for (const auto& [label, value] : fields) labels.push_back(label);
  EXPECT_EQ(labels, (std::vector<std::string>{"Nama", "Tempat/Tgl Lahir", "Jenis Kelamin", "Gol. Darah", "Alamat",
                                              "RT/RW", "Kel/Desa", "Kecamatan", "Agama", "Status Perkawinan",
                                              "Pekerjaan", "Kewarganegaraan", "Berlaku Hingga"}));
  EXPECT_EQ(fields[0].second, "SITI NURHALIZA");
  EXPECT_EQ(fields[3].second, "O");
  EXPECT_EQ(fields.back().second, "SEUMUR HIDUP");
}

TEST(CardRenderTest, PdfIsOneId1Page) {
  auto pdf = RenderCardPdf(Face());
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf->find("%%EOF"), std::string::npos);
  EXPECT_EQ(PageCount(*pdf), 1);
  const auto [w, h] = MediaBox(*pdf);
  EXPECT_NEAR(w, 85.60 / 25.4 * 72, 0.05);  // 242.65 pt
  EXPECT_NEAR(h, 53.98 / 25.4 * 72, 0.05);  // 153.01 pt
  // The JPEG photo is embedded as it is, not re-compressed.
  EXPECT_NE(pdf->find("/DCTDecode"), std::string::npos);
  EXPECT_LT(pdf->size(), 400u * 1024);
}

TEST(CardRenderTest, PngIs300DpiId1) {
  auto png = RenderCardPng(Face());
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  auto info = ProbeImage(*png, "card");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->format, ImageFormat::kPng);
  EXPECT_EQ(info->width, kCardPngWidth);
  EXPECT_EQ(info->height, kCardPngHeight);
  const Pixels px = RenderPixels(Face());
  EXPECT_EQ(px.width, 1011);
  EXPECT_EQ(px.height, 638);
  // The background is light blue: blue above red, bright.
  const size_t corner = (static_cast<size_t>(Px(50)) * px.width + Px(1)) * px.channels;
  EXPECT_GT(px.data[corner + 2], px.data[corner]);
  EXPECT_GT(px.data[corner + 2], 200);
}

TEST(CardRenderTest, PhotoIsPaintedInItsBoxAndNowhereElse) {
  CardFace dark = Face();
  dark.photo = SolidJpeg(600, 800, 30);
  const Pixels a = RenderPixels(Face());
  const Pixels b = RenderPixels(dark);
  ASSERT_EQ(a.data.size(), b.data.size());
  // Photo box: x 61.6..83.6 mm, y 13.2..41.2 mm.
  EXPECT_GT(Diff(a, b, 62, 14, 83, 40), 40.0);
  // The dark photo is dark: it covers the whole box.
  const Pixels& d = b;
  for (auto [x, y] : {std::pair{62.0, 14.0}, std::pair{83.0, 14.0}, std::pair{62.0, 40.8}, std::pair{83.2, 40.8}}) {
    const size_t i = (static_cast<size_t>(Px(y)) * d.width + Px(x)) * d.channels;
    EXPECT_LT(d.data[i], 60) << x << "," << y;
  }
  // Outside the box (a little margin for antialiasing) nothing changes.
  EXPECT_EQ(Diff(a, b, 0, 0, 61.3, kCardHeightMm - 0.1), 0.0);
  EXPECT_EQ(Diff(a, b, 61.3, 0, kCardWidthMm - 0.1, 12.9), 0.0);
  EXPECT_EQ(Diff(a, b, 61.3, 41.5, kCardWidthMm - 0.1, kCardHeightMm - 0.1), 0.0);
  EXPECT_EQ(Diff(a, b, 83.9, 0, kCardWidthMm - 0.1, kCardHeightMm - 0.1), 0.0);
}

TEST(CardRenderTest, NameChangesOnlyTheNameRow) {
  CardFace other = Face();
  other.nama = "BUDI SANTOSO";
  const Pixels a = RenderPixels(Face());
  const Pixels b = RenderPixels(other);
  EXPECT_GT(Diff(a, b, 20, 13.8, 59, 16.6), 1.0);
  // The name's baseline is at 16.0 mm; the rows above and below stay identical.
  EXPECT_EQ(Diff(a, b, 0, 0, kCardWidthMm - 0.1, 13.6), 0.0);
  EXPECT_EQ(Diff(a, b, 0, 17.0, kCardWidthMm - 0.1, kCardHeightMm - 0.1), 0.0);
  auto pa = RenderCardPng(Face());
  auto pb = RenderCardPng(other);
  ASSERT_TRUE(pa.ok() && pb.ok());
  EXPECT_NE(*pa, *pb);
}

TEST(CardRenderTest, LongValuesAreCutWithAnEllipsisInsideTheirColumn) {
  CardFace empty = Face();
  empty.nama.clear();
  empty.alamat.clear();
  empty.jenis_kelamin.clear();
  CardFace longer = empty;
  longer.nama = "MUHAMMAD ABDURRAHMAN WAHYUDI SETIAWAN PRATAMA KUSUMANINGRAT HADIWIJAYA SOEDIRMAN";
  longer.alamat = std::string(300, 'W');
  longer.jenis_kelamin = "PEREMPUAN PEREMPUAN PEREMPUAN";
  const Pixels a = RenderPixels(empty);
  const Pixels b = RenderPixels(longer);
  // The text reaches the end of its column...
  EXPECT_GT(Diff(a, b, 50, 13.8, 59.5, 16.6), 1.0);
  // ...and not beyond: from the column's end to the card's edge everything is as without it.
  EXPECT_EQ(Diff(a, b, 59.7, 0, kCardWidthMm - 0.1, kCardHeightMm - 0.1), 0.0);
  // Jenis Kelamin stops before Gol. Darah on its line (baseline 21.44 mm).
  EXPECT_GT(Diff(a, b, 30, 19.3, 37.6, 22.0), 1.0);
  EXPECT_EQ(Diff(a, b, 37.9, 19.3, 59.5, 22.0), 0.0);
  // The PDF handles the same values.
  EXPECT_TRUE(RenderCardPdf(longer).ok());
}

TEST(CardRenderTest, AcceptsPngPhotosAndGreyJpegs) {
  CardFace f = Face();
  f.photo = FacePng(300, 400, 1.0);
  EXPECT_TRUE(RenderCardPng(f).ok());
  EXPECT_TRUE(RenderCardPdf(f).ok());
  f.photo = GreyFaceJpeg(300, 400);
  EXPECT_TRUE(RenderCardPng(f).ok());
  EXPECT_TRUE(RenderCardPdf(f).ok());
}

TEST(CardRenderTest, ErrorsNameTheField) {
  CardFace f = Face();
  f.photo.clear();
  auto r = RenderCardPng(f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "photo");
  // A JPEG cut short (an interrupted upload) is refused, not printed with a grey band.
  f = Face();
  f.photo = f.photo.substr(0, f.photo.size() - 200);
  for (const auto& render : {RenderCardPng, RenderCardPdf}) {
    r = render(f);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().field(), "photo");
  }
  f = Face();
  f.signature = f.signature.substr(0, f.signature.size() / 2);
  r = RenderCardPdf(f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "signature");
  f = Face();
  f.nama = "SITI \xff";
  r = RenderCardPng(f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "nama");
  // Control characters are printed as spaces rather than failing.
  f = Face();
  f.alamat = "JL. MERDEKA\nNO. 17\t";
  EXPECT_TRUE(RenderCardPng(f).ok());
}

TEST(CardRenderTest, ThreadsRenderTheSameCard) {
  const CardFace face = Face();
  auto reference = RenderCardPng(face);
  ASSERT_TRUE(reference.ok());
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        auto png = RenderCardPng(face);
        auto pdf = RenderCardPdf(face);
        same[t] += png.ok() && *png == *reference && pdf.ok();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(same[t], 3) << "thread " << t;
}

}  // namespace
}  // namespace siak::card
