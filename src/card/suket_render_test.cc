#include "card/suket_render.h"

#include <gtest/gtest.h>

#include <regex>

#include "common/crypto.h"

namespace siak::card {

// Drawn test images, defined in image_test.cc (same test binary).
namespace test_images {
std::string FaceJpeg(int width, int height, double light);
std::string FacePng(int width, int height, double light);
}  // namespace test_images

namespace {

SuketReference Ref() { return SuketReference{"SKT/3204/2026/000012", "3204015708900002", "2027-05-28"}; }

TEST(SuketReferenceTest, RoundTrips) {
  const SigningKey key = SigningKey::Generate();
  auto text = SignSuketReference(Ref(), key);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_TRUE(std::regex_match(*text, std::regex(R"(SKT1\.SKT/3204/2026/000012\.3204015708900002\.20270528\.[A-Za-z0-9_-]{86})")))
      << *text;
  auto ref = VerifySuketReference(*text, key.public_key());
  ASSERT_TRUE(ref.ok()) << ref.status().ToString();
  EXPECT_EQ(ref->number, "SKT/3204/2026/000012");
  EXPECT_EQ(ref->nik, "3204015708900002");
  EXPECT_EQ(ref->valid_until, "2027-05-28");
}

TEST(SuketReferenceTest, SignatureCoversTheTextBeforeIt) {
  const SigningKey key = SigningKey::Generate();
  const SuketReference r{"SKT-1", "3204015708900002", "2027-01-02"};
  const std::string text = *SignSuketReference(r, key);
  const std::string message = "SKT1.SKT-1.3204015708900002.20270102";
  ASSERT_EQ(text.rfind(message + ".", 0), 0u);
  // Decode the base64url signature independently of the implementation.
  const std::string b64 = text.substr(message.size() + 1);
  std::string standard = b64;
  for (char& c : standard) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (standard.size() % 4) standard += '=';
  EXPECT_TRUE(VerifySignature(key.public_key(), message, *siak::FromBase64(standard)));
}

TEST(SuketReferenceTest, TamperingFails) {
  const SigningKey key = SigningKey::Generate();
  const std::string text = *SignSuketReference(Ref(), key);
  const size_t nik_at = text.find("3204015708900002");
  const size_t date_at = text.find("20270528");
  auto must_fail = [&](std::string changed, const std::string& why) {
    auto r = VerifySuketReference(changed, key.public_key());
    EXPECT_FALSE(r.ok()) << why << ": " << changed;
    if (!r.ok()) {
      EXPECT_EQ(r.status().field(), "reference") << why;
    }
  };
  std::string nik = text;
  nik[nik_at + 15] = '3';
  must_fail(nik, "nik");
  std::string date = text;
  date[date_at + 7] = '9';
  must_fail(date, "date");
  std::string number = text;
  number[5] = 'T';  // "SKT/..." becomes "TKT/..."
  must_fail(number, "number");
  // Every character of the signature changed in turn.
  const size_t sig_at = text.rfind('.') + 1;
  for (size_t i = sig_at; i < text.size(); ++i) {
    std::string sig = text;
    sig[i] = sig[i] == 'A' ? 'B' : 'A';
    must_fail(sig, "signature char " + std::to_string(i - sig_at));
  }
  must_fail(text.substr(0, text.size() - 1), "truncated signature");
  must_fail(text + "A", "longer signature");
  must_fail(text + "=", "padding");
  must_fail(text + ".X", "extra part");
  must_fail("SKT2" + text.substr(4), "prefix");
  must_fail("", "empty");
  must_fail(std::string(1000, '.'), "dots");
  // Another key.
  auto other = VerifySuketReference(text, SigningKey::Generate().public_key());
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().rule().find("signature"), std::string::npos);
  // Re-signed with another key for a changed NIK: still not ours.
  SuketReference changed = Ref();
  changed.nik = "3204015708900003";
  must_fail(*SignSuketReference(changed, SigningKey::Generate()), "other signer");
}

TEST(SuketReferenceTest, SignValidatesItsInput) {
  const SigningKey key = SigningKey::Generate();
  auto fails = [&](SuketReference r, const std::string& field) {
    auto text = SignSuketReference(r, key);
    ASSERT_FALSE(text.ok()) << field;
    EXPECT_EQ(text.status().field(), field);
  };
  SuketReference r = Ref();
  r.number = "skt-1";
  fails(r, "number");
  r.number = "SKT.1";  // the separator
  fails(r, "number");
  r.number = "";
  fails(r, "number");
  r.number = std::string(41, 'A');
  fails(r, "number");
  r = Ref();
  r.nik = "320401570890000";
  fails(r, "nik");
  r.nik = "320401570890000X";
  fails(r, "nik");
  r = Ref();
  r.valid_until = "2027-02-30";
  fails(r, "valid_until");
  r.valid_until = "28-05-2027";
  fails(r, "valid_until");
  r = Ref();
  r.number = std::string(40, 'A');
  EXPECT_TRUE(SignSuketReference(r, key).ok());
}

SuketDocument Doc(const SigningKey& key) {
  SuketDocument d;
  d.number = "SKT/3204/2026/000012";
  d.nik = "3204015708900002";
  d.nama = "SITI NURHALIZA";
  d.tempat_tgl_lahir = "BANDUNG, 17-08-1990";
  d.jenis_kelamin = "PEREMPUAN";
  d.alamat = "JL. MERDEKA NO. 17, GANG MAWAR";
  d.rt_rw = "003/007";
  d.kel_desa = "CIBIRU WETAN";
  d.kecamatan = "CILEUNYI";
  d.kabupaten = "KABUPATEN BANDUNG";
  d.provinsi = "JAWA BARAT";
  d.agama = "ISLAM";
  d.status_perkawinan = "KAWIN";
  d.pekerjaan = "WIRASWASTA";
  d.issued_at = "KAB. BANDUNG, 28-11-2026";
  d.valid_until = "28-05-2027";
  d.officer = "DEDI KURNIAWAN";
  d.reference = *SignSuketReference(Ref(), key);
  return d;
}

int PageCount(const std::string& pdf) {
  int pages = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  return pages;
}

TEST(SuketRenderTest, RendersOneA5Page) {
  const SigningKey key = SigningKey::Generate();
  for (const std::string& photo : {std::string(), test_images::FaceJpeg(480, 640, 1.0),
                                   test_images::FacePng(300, 400, 1.0)}) {
    SuketDocument doc = Doc(key);
    doc.photo = photo;
    auto pdf = RenderSuketPdf(doc);
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
    EXPECT_EQ(PageCount(*pdf), 1);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(*pdf, m, std::regex(R"(/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\])")));
    EXPECT_NEAR(std::stod(m[1]), 148.0 / 25.4 * 72, 0.05);  // 419.53 pt
    EXPECT_NEAR(std::stod(m[2]), 210.0 / 25.4 * 72, 0.05);  // 595.28 pt
    EXPECT_EQ(pdf->find("/DCTDecode") != std::string::npos, photo.size() > 3 && photo[0] == '\xff') << photo.size();
  }
}

TEST(SuketRenderTest, LongValuesStillRender) {
  const SigningKey key = SigningKey::Generate();
  SuketDocument doc = Doc(key);
  doc.nama = std::string(200, 'M');
  doc.alamat = "JALAN " + std::string(400, 'X');
  doc.officer = std::string(120, 'O');
  doc.photo = test_images::FaceJpeg(480, 640, 1.0);
  auto pdf = RenderSuketPdf(doc);
  EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
}

TEST(SuketRenderTest, TheQrMustVouchForThisSuket) {
  const SigningKey key = SigningKey::Generate();
  SuketDocument doc = Doc(key);
  doc.nik = "3204015708900003";
  auto r = RenderSuketPdf(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "reference");

  doc = Doc(key);
  doc.number = "SKT/3204/2026/000013";
  EXPECT_FALSE(RenderSuketPdf(doc).ok());

  doc = Doc(key);
  doc.valid_until = "29-05-2027";
  EXPECT_FALSE(RenderSuketPdf(doc).ok());
  doc.valid_until = "2027-05-28";  // ISO is accepted too
  EXPECT_TRUE(RenderSuketPdf(doc).ok());
  doc.valid_until = "soon";
  EXPECT_EQ(RenderSuketPdf(doc).status().field(), "valid_until");

  doc = Doc(key);
  doc.reference.clear();
  EXPECT_EQ(RenderSuketPdf(doc).status().field(), "reference");

  doc = Doc(key);
  doc.photo = "not a photo";
  EXPECT_EQ(RenderSuketPdf(doc).status().field(), "photo");

  doc = Doc(key);
  doc.nama = "\xc0\xaf";
  EXPECT_EQ(RenderSuketPdf(doc).status().field(), "nama");
}

}  // namespace
}  // namespace siak::card
