#include "card/akta_render.h"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include "card/image.h"
#include "common/crypto.h"

namespace siak::card {
namespace {

AktaReference Ref() { return AktaReference{"3273-LT-28112026-0001", "kelahiran", "3273016811260001", 1}; }

// Verifies `text` and expects a failure on "reference" whose rule mentions `rule_part`.
void ExpectRefused(const std::string& text, const PublicKey& key, const std::string& rule_part,
                   const std::string& why) {
  auto r = VerifyAktaReference(text, key);
  ASSERT_FALSE(r.ok()) << why << ": " << text;
  EXPECT_EQ(r.status().field(), "reference") << why;
  EXPECT_NE(r.status().rule().find(rule_part), std::string::npos) << why << ": " << r.status().ToString();
}

TEST(AktaReferenceTest, RoundTrips) {
  const SigningKey key = SigningKey::Generate();
  auto text = SignAktaReference(Ref(), key);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_TRUE(std::regex_match(
      *text, std::regex(R"(AKT1\.3273-LT-28112026-0001\.kelahiran\.3273016811260001\.1\.[A-Za-z0-9_-]{86})")))
      << *text;
  auto ref = VerifyAktaReference(*text, key.public_key());
  ASSERT_TRUE(ref.ok()) << ref.status().ToString();
  EXPECT_EQ(ref->akta_number, "3273-LT-28112026-0001");
  EXPECT_EQ(ref->kind, "kelahiran");
  EXPECT_EQ(ref->nik, "3273016811260001");
  EXPECT_EQ(ref->copy, 1);
}

TEST(AktaReferenceTest, StillbirthHasNoNikAndCopiesGoToNinetyNine) {
  const SigningKey key = SigningKey::Generate();
  const AktaReference r{"3273-LM-28112026-000123", "lahir_mati", "", 99};
  const std::string text = *SignAktaReference(r, key);
  EXPECT_NE(text.find(".lahir_mati.-.99."), std::string::npos) << text;
  auto back = VerifyAktaReference(text, key.public_key());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->akta_number, "3273-LM-28112026-000123");
  EXPECT_EQ(back->kind, "lahir_mati");
  EXPECT_EQ(back->nik, "");
  EXPECT_EQ(back->copy, 99);
}

TEST(AktaReferenceTest, SignatureCoversTheTextBeforeIt) {
  const SigningKey key = SigningKey::Generate();
  AktaReference r = Ref();
  r.copy = 2;
  const std::string text = *SignAktaReference(r, key);
  const std::string message = "AKT1.3273-LT-28112026-0001.kelahiran.3273016811260001.2";
  ASSERT_EQ(text.rfind(message + ".", 0), 0u) << text;
  // Decode the base64url signature independently of the implementation.
  std::string standard = text.substr(message.size() + 1);
  for (char& c : standard) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (standard.size() % 4) standard += '=';
  auto signature = siak::FromBase64(standard);
  ASSERT_TRUE(signature.has_value());
  EXPECT_TRUE(VerifySignature(key.public_key(), message, *signature));
}

TEST(AktaReferenceTest, TamperingFailsTheSignature) {
  const SigningKey key = SigningKey::Generate();
  const PublicKey& pub = key.public_key();
  const std::string text = *SignAktaReference(Ref(), key);
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string out = text;
    const size_t at = out.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) out.replace(at, from.size(), to);
    return out;
  };
  // Each changed part is still well formed: only the signature can catch it.
  ExpectRefused(replaced("-0001.", "-0002."), pub, "signature does not verify", "number");
  ExpectRefused(replaced("-LT-", "-KM-"), pub, "signature does not verify", "letters");
  ExpectRefused(replaced(".kelahiran.", ".kematian."), pub, "signature does not verify", "kind");
  ExpectRefused(replaced("3273016811260001", "3273016811260002"), pub, "signature does not verify", "nik");
  ExpectRefused(replaced("3273016811260001", "-"), pub, "signature does not verify", "nik removed");
  ExpectRefused(replaced(".1.", ".2."), pub, "signature does not verify", "copy");
  // Every character of the signature changed in turn: malformed or not verifying, never accepted.
  const size_t sig_at = text.rfind('.') + 1;
  for (size_t i = sig_at; i < text.size(); ++i) {
    std::string sig = text;
    sig[i] = sig[i] == 'A' ? 'B' : 'A';
    auto r = VerifyAktaReference(sig, pub);
    ASSERT_FALSE(r.ok()) << "signature char " << i - sig_at;
    EXPECT_NE(r.status().rule().find("signature"), std::string::npos) << r.status().ToString();
  }
}

TEST(AktaReferenceTest, AnotherKeyFails) {
  const SigningKey key = SigningKey::Generate();
  const std::string text = *SignAktaReference(Ref(), key);
  ExpectRefused(text, SigningKey::Generate().public_key(), "signature does not verify", "other key");
  // Re-signed by someone else for a changed NIK: still not ours.
  AktaReference changed = Ref();
  changed.nik = "3273016811260002";
  ExpectRefused(*SignAktaReference(changed, SigningKey::Generate()), key.public_key(), "signature does not verify",
                "other signer");
}

TEST(AktaReferenceTest, MalformedTextsFailNamingTheRule) {
  const SigningKey key = SigningKey::Generate();
  const PublicKey& pub = key.public_key();
  const std::string text = *SignAktaReference(Ref(), key);
  const std::string sig = text.substr(text.rfind('.') + 1);
  const std::string body = "AKT1.3273-LT-28112026-0001.kelahiran.3273016811260001.1.";
  ASSERT_EQ(body + sig, text);

  ExpectRefused("", pub, "too few parts", "empty");
  ExpectRefused("AKT1", pub, "too few parts", "prefix only");
  ExpectRefused("AKT1.3273-LT-28112026-0001.kelahiran.3273016811260001." + sig, pub, "too few parts", "no copy");
  ExpectRefused(text + ".X", pub, "too many parts", "extra part");
  ExpectRefused(std::string(1000, '.'), pub, "too long", "dots");
  ExpectRefused(std::string(200, '.'), pub, "too many parts", "short dots");
  ExpectRefused("AKT2" + text.substr(4), pub, "not an akta reference", "prefix");
  ExpectRefused("SKT1" + text.substr(4), pub, "not an akta reference", "Suket prefix");
  // The akta number.
  for (const std::string& number : std::vector<std::string>{"3273-lt-28112026-0001", "327-LT-28112026-0001", "3273-LT-2811202-0001",
                                    "3273-LT-28112026-001", "3273-LT-28112026-0000001", "3273-LT-30022026-0001",
                                    "3273_LT_28112026_0001", "3273-L1-28112026-0001", ""}) {
    ExpectRefused("AKT1." + number + ".kelahiran.3273016811260001.1." + sig, pub, "invalid akta number", number);
  }
  // The kind.
  for (const std::string& kind : std::vector<std::string>{"Kelahiran", "kelahiran2", "", std::string(33, 'k'), "lahir-mati"}) {
    ExpectRefused("AKT1.3273-LT-28112026-0001." + kind + ".3273016811260001.1." + sig, pub, "invalid kind", kind);
  }
  // The NIK: 15 or 17 digits, letters, empty (a missing NIK is written "-").
  for (const std::string& nik : std::vector<std::string>{"327301681126000", "32730168112600011", "327301681126000X", "", "--"}) {
    ExpectRefused("AKT1.3273-LT-28112026-0001.kelahiran." + nik + ".1." + sig, pub, "invalid NIK", nik);
  }
  // The copy.
  for (const std::string& copy : std::vector<std::string>{"0", "01", "100", "-1", "x", ""}) {
    ExpectRefused("AKT1.3273-LT-28112026-0001.kelahiran.3273016811260001." + copy + "." + sig, pub, "invalid copy",
                  copy);
  }
  // The signature's encoding.
  ExpectRefused(body, pub, "malformed signature", "empty signature");
  ExpectRefused(body + sig.substr(1), pub, "malformed signature", "truncated");
  ExpectRefused(body + sig + "A", pub, "malformed signature", "longer");
  ExpectRefused(body + sig + "==", pub, "malformed signature", "padding");
  ExpectRefused(body + "+" + sig.substr(1), pub, "malformed signature", "standard alphabet");
  ExpectRefused(body + sig.substr(0, 85) + "B", pub, "malformed signature", "non-canonical trailing bits");
  ExpectRefused(body + std::string(86, '!'), pub, "malformed signature", "not base64");
}

TEST(AktaReferenceTest, SignValidatesItsInput) {
  const SigningKey key = SigningKey::Generate();
  auto fails = [&](const AktaReference& r, const std::string& field) {
    auto text = SignAktaReference(r, key);
    ASSERT_FALSE(text.ok()) << field;
    EXPECT_EQ(text.status().field(), field) << text.status().ToString();
  };
  AktaReference r = Ref();
  r.akta_number = "3273-LT-28112026-01";
  fails(r, "akta_number");
  r.akta_number = "3273.LT.28112026.0001";  // the separator
  fails(r, "akta_number");
  r.akta_number = "3273-LT-31042026-0001";  // 31 April
  fails(r, "akta_number");
  r = Ref();
  r.kind = "";
  fails(r, "kind");
  r.kind = "kelahiran.palsu";
  fails(r, "kind");
  r = Ref();
  r.nik = "327301681126000";  // 15 digits
  fails(r, "nik");
  r.nik = "-";
  fails(r, "nik");
  r = Ref();
  r.copy = 0;
  fails(r, "copy");
  r.copy = 100;
  fails(r, "copy");
  r = Ref();
  r.akta_number = "3273-CR-29022028-999999";  // a leap day, the longest sequence
  r.kind = std::string(32, 'z');
  EXPECT_TRUE(SignAktaReference(r, key).ok());
}

TEST(AktaCopyMarkTest, OrdinalsThenNumbers) {
  EXPECT_EQ(CopyMark(1), "KUTIPAN PERTAMA");
  EXPECT_EQ(CopyMark(2), "KUTIPAN KEDUA");
  EXPECT_EQ(CopyMark(3), "KUTIPAN KETIGA");
  EXPECT_EQ(CopyMark(4), "KUTIPAN KEEMPAT");
  EXPECT_EQ(CopyMark(10), "KUTIPAN KESEPULUH");
  EXPECT_EQ(CopyMark(11), "KUTIPAN KE-11");
  EXPECT_EQ(CopyMark(99), "KUTIPAN KE-99");
  EXPECT_EQ(CopyMark(0), "");
}

// ---- rendering --------------------------------------------------------------------------------

AktaDocument Doc(const SigningKey& key, int copy = 1) {
  AktaDocument d;
  d.title = "KUTIPAN AKTA KELAHIRAN";
  d.akta_number = "3273-LT-28112026-0001";
  d.fields = {
      {"Nomor Induk Kependudukan", "3273016811260001"},
      {"Nama", "PUTRI AYU LESTARI"},
      {"Jenis Kelamin", "PEREMPUAN"},
      {"Tempat Lahir", "KOTA BANDUNG"},
      {"Tanggal Lahir", "DUA PULUH TUJUH NOVEMBER DUA RIBU DUA PULUH ENAM (27-11-2026)"},
      {"Anak ke", "1 (SATU)"},
      {"Nama Ayah", "BUDI SANTOSO"},
      {"Nama Ibu", "SITI NURHALIZA"},
  };
  d.copy = copy;
  d.issued_at = "KOTA BANDUNG, 28-11-2026";
  d.official = "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Bandung";
  AktaReference ref = Ref();
  ref.copy = copy;
  d.reference = *SignAktaReference(ref, key);
  return d;
}

int PageCount(const std::string& pdf) {
  int pages = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  return pages;
}

Pixels Decode(const Result<std::string>& png) {
  EXPECT_TRUE(png.ok()) << png.status().ToString();
  if (!png.ok()) return {};
  auto px = DecodeImage(*png, "akta");
  EXPECT_TRUE(px.ok()) << px.status().ToString();
  return px.ok() ? *px : Pixels{};
}

// Pixels darker than mid grey in a rectangle given in millimetres, at `dpi`.
int DarkPixels(const Pixels& px, double dpi, double x0, double y0, double x1, double y1) {
  const double k = dpi / 25.4;
  int dark = 0;
  for (int y = static_cast<int>(y0 * k); y < static_cast<int>(y1 * k) && y < px.height; ++y) {
    for (int x = static_cast<int>(x0 * k); x < static_cast<int>(x1 * k) && x < px.width; ++x) {
      const size_t i = (static_cast<size_t>(y) * px.width + x) * px.channels;
      if (px.data[i] < 128) ++dark;
    }
  }
  return dark;
}

TEST(AktaRenderTest, PdfIsOneA4Page) {
  const SigningKey key = SigningKey::Generate();
  auto pdf = RenderAktaPdf(Doc(key));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf->find("%%EOF"), std::string::npos);
  EXPECT_EQ(PageCount(*pdf), 1);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(*pdf, m, std::regex(R"(/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\])")));
  EXPECT_NEAR(std::stod(m[1]), 210.0 / 25.4 * 72, 0.05);  // 595.28 pt
  EXPECT_NEAR(std::stod(m[2]), 297.0 / 25.4 * 72, 0.05);  // 841.89 pt
}

TEST(AktaRenderTest, PngIsA4AtTheAskedDpi) {
  const SigningKey key = SigningKey::Generate();
  const Pixels px = Decode(RenderAktaPng(Doc(key)));
  EXPECT_NEAR(px.width, 794, 1);
  EXPECT_NEAR(px.height, 1123, 1);
  const Pixels small = Decode(RenderAktaPng(Doc(key), 48));
  EXPECT_NEAR(small.width, 397, 1);
  EXPECT_NEAR(small.height, 561, 1);
  for (double dpi : {0.0, 23.0, 301.0, std::nan("")}) {
    auto r = RenderAktaPng(Doc(key), dpi);
    ASSERT_FALSE(r.ok()) << dpi;
    EXPECT_EQ(r.status().field(), "dpi");
  }
}

TEST(AktaRenderTest, QrCodeIsBottomLeftAndTheMarginIsBlank) {
  const SigningKey key = SigningKey::Generate();
  const Pixels px = Decode(RenderAktaPng(Doc(key)));
  ASSERT_GT(px.width, 0);
  // The QR modules: the square (17..51 mm, 240..274 mm) less its quiet zone, about half dark.
  const int qr = DarkPixels(px, 96, 20, 243, 48, 271);
  const int area = static_cast<int>(28 * 28 * std::pow(96 / 25.4, 2));
  EXPECT_GT(qr, area / 4) << qr << " of " << area;
  EXPECT_LT(qr, area * 3 / 4) << qr << " of " << area;
  // The right margin beside the table and the notes: paper only.
  EXPECT_EQ(DarkPixels(px, 96, 195, 25, 209, 230), 0);
  // The page's top-left corner: paper only.
  EXPECT_EQ(DarkPixels(px, 96, 0, 0, 15, 20), 0);
  // The copy mark top right has ink.
  EXPECT_GT(DarkPixels(px, 96, 140, 9, 191, 18), 50);
}

TEST(AktaRenderTest, CopyIsPrinted) {
  const SigningKey key = SigningKey::Generate();
  // "KUTIPAN KEDUA" is narrower than "KUTIPAN PERTAMA": the boxed mark starts further right.
  const Pixels first = Decode(RenderAktaPng(Doc(key, 1)));
  const Pixels second = Decode(RenderAktaPng(Doc(key, 2)));
  ASSERT_GT(first.width, 0);
  ASSERT_GT(second.width, 0);
  EXPECT_GT(DarkPixels(first, 96, 140, 9, 162, 18), DarkPixels(second, 96, 140, 9, 162, 18));
  EXPECT_EQ(CopyMark(Doc(key, 2).copy), "KUTIPAN KEDUA");
}

TEST(AktaRenderTest, ManyMarginalNotesStayOnThePage) {
  const SigningKey key = SigningKey::Generate();
  AktaDocument doc = Doc(key);
  for (int i = 1; i <= 200; ++i) {
    doc.marginal_notes.push_back("Berdasarkan Penetapan Pengadilan Negeri Bandung Nomor " + std::to_string(i) +
                                 "/Pdt.P/2027/PN.Bdg tanggal 5 Januari 2027, nama anak tersebut diubah menjadi "
                                 "PUTRI AYU LESTARI WIBOWO.");
  }
  auto pdf = RenderAktaPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(PageCount(*pdf), 1);
  const Pixels many = Decode(RenderAktaPng(doc));
  ASSERT_GT(many.width, 0);
  // The bottom block is not drawn over: the caption's line under the QR code is as without notes.
  const Pixels none = Decode(RenderAktaPng(Doc(key)));
  ASSERT_GT(none.width, 0);
  EXPECT_EQ(DarkPixels(many, 96, 120, 234.5, 209, 240), 0);  // between the box and the signature column
  EXPECT_GT(DarkPixels(many, 96, 21, 140, 190, 230), DarkPixels(none, 96, 21, 140, 190, 230));
  // One very long note alone is cut rather than overflowing.
  doc.marginal_notes.assign(1, std::string(20000, 'x'));
  EXPECT_TRUE(RenderAktaPdf(doc).ok());
  const Pixels one = Decode(RenderAktaPng(doc));
  ASSERT_GT(one.width, 0);
  EXPECT_EQ(DarkPixels(one, 96, 120, 234.5, 209, 240), 0);
}

TEST(AktaRenderTest, LongValuesAndManyFieldsStillRender) {
  const SigningKey key = SigningKey::Generate();
  AktaDocument doc = Doc(key);
  doc.fields[1].second = std::string(2000, 'M');
  doc.fields[4].second = "SATU DUA TIGA EMPAT LIMA ENAM TUJUH DELAPAN SEMBILAN SEPULUH " + std::string(300, 'Q');
  doc.fields.emplace_back(std::string(300, 'L'), "label too long");
  for (int i = 0; i < 100; ++i) doc.fields.emplace_back("Baris " + std::to_string(i), "NILAI");
  doc.official = std::string(500, 'O') + " " + std::string(500, 'P');
  doc.issued_at = std::string(300, 'I');
  doc.title = std::string(300, 'T');
  auto pdf = RenderAktaPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(PageCount(*pdf), 1);
  const Pixels px = Decode(RenderAktaPng(doc));
  ASSERT_GT(px.width, 0);
  EXPECT_EQ(DarkPixels(px, 96, 195, 25, 209, 230), 0);  // nothing ran into the right margin
  // The rows that do not fit stop above the bottom block: beside the QR code and below its
  // caption is paper, as on a page with few fields.
  EXPECT_EQ(DarkPixels(px, 96, 55, 238, 110, 274), 0);
  EXPECT_EQ(DarkPixels(px, 96, 0, 279, 210, 297), 0);
  // The QR code is still there, not covered by the overflowing table.
  EXPECT_GT(DarkPixels(px, 96, 20, 243, 48, 271), 1000);
}

TEST(AktaRenderTest, InputsAreChecked) {
  const SigningKey key = SigningKey::Generate();
  auto field_of = [](const AktaDocument& d) {
    auto pdf = RenderAktaPdf(d);
    EXPECT_FALSE(pdf.ok());
    auto png = RenderAktaPng(d);
    EXPECT_FALSE(png.ok());
    EXPECT_EQ(pdf.status().field(), png.status().field());
    return pdf.status().field();
  };
  AktaDocument d = Doc(key);
  d.title.clear();
  EXPECT_EQ(field_of(d), "title");
  d = Doc(key);
  d.akta_number.clear();
  EXPECT_EQ(field_of(d), "akta_number");
  d = Doc(key);
  d.reference.clear();
  EXPECT_EQ(field_of(d), "reference");
  d = Doc(key);
  d.copy = 0;
  EXPECT_EQ(field_of(d), "copy");
  d.copy = -3;
  EXPECT_EQ(field_of(d), "copy");
  d = Doc(key);
  d.marginal_notes = {"baik", "\xc0\xaf"};
  EXPECT_EQ(field_of(d), "marginal_notes[1]");
  d = Doc(key);
  d.fields[2].second = "\xff";
  EXPECT_EQ(field_of(d), "fields[2]");
  // The QR code must vouch for this akta and this copy.
  d = Doc(key);
  d.akta_number = "3273-LT-28112026-0002";
  EXPECT_EQ(field_of(d), "reference");
  d = Doc(key);
  d.copy = 2;  // the reference says copy 1
  EXPECT_EQ(field_of(d), "reference");
  d = Doc(key);
  d.reference = "not a reference";
  EXPECT_EQ(field_of(d), "reference");
  // And the document itself renders (the checks above are not refusing everything).
  EXPECT_TRUE(RenderAktaPdf(Doc(key)).ok());
  EXPECT_TRUE(RenderAktaPdf(Doc(key, 2)).ok());
}

}  // namespace
}  // namespace siak::card
