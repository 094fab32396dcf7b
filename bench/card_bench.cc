// The card benchmark (make bench): e-KTP card faces rendered per second per core, as PDF and as
// 300 dpi PNG, against a ceiling measured in the same run (cairo making and encoding a blank
// card of the same size: what the surface and the encoder cost with nothing drawn), the
// Suket PDF, the kutipan akta as A4 PDF and 96 dpi PNG against the same kind of ceiling (a blank
// A4 page), and the chip payload's Ed25519 encode+sign and verify. Figures go to
// docs/benchmarks.md.
//
//   siak_card_bench [--quick]
#include <cairo-pdf.h>
#include <cairo.h>
#include <turbojpeg.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "card/akta_render.h"
#include "card/card_render.h"
#include "card/chip_payload.h"
#include "card/image.h"
#include "card/suket_render.h"
#include "common/crypto.h"
#include "common/parallel.h"

namespace siak::card {
namespace {

using Clk = std::chrono::steady_clock;
double Since(Clk::time_point t) { return std::chrono::duration<double>(Clk::now() - t).count(); }

// Runs `op` on `threads` threads for about `seconds`; returns operations per second (all
// threads together). Fails loudly when an operation fails: a fast error is not a render.
double Rate(int threads, double seconds, const std::function<bool()>& op) {
  std::atomic<bool> failed{false};
  std::vector<long> done(threads, 0);
  std::vector<std::thread> pool;
  const auto start = Clk::now();
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      do {
        if (!op()) failed = true;
        ++done[t];
      } while (Since(start) < seconds && !failed);
    });
  }
  for (auto& th : pool) th.join();
  const double took = Since(start);
  if (failed) {
    std::printf("an operation FAILED\n");
    std::exit(1);
  }
  long total = 0;
  for (long d : done) total += d;
  return static_cast<double>(total) / took;
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// ---- inputs: a realistic capture --------------------------------------------------------------

// A 640x800 studio portrait with sensor noise, so that the JPEG is the size a camera writes
// (tens of KB), not a few KB of flat colour.
std::string PhotoJpeg() {
  const int w = 640, h = 800;
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_scale(cr, w, h);
  cairo_pattern_t* bg = cairo_pattern_create_linear(0, 0, 0, 1);
  cairo_pattern_add_color_stop_rgb(bg, 0, 0.55, 0.62, 0.80);
  cairo_pattern_add_color_stop_rgb(bg, 1, 0.35, 0.42, 0.62);
  cairo_set_source(cr, bg);
  cairo_paint(cr);
  cairo_pattern_destroy(bg);
  cairo_set_source_rgb(cr, 0.15, 0.17, 0.25);
  cairo_arc(cr, 0.5, 1.15, 0.5, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.78, 0.60, 0.48);
  cairo_save(cr);
  cairo_translate(cr, 0.5, 0.45);
  cairo_scale(cr, 0.26, 0.30);
  cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
  cairo_restore(cr);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  std::vector<uint8_t> rgb(static_cast<size_t>(w) * h * 3);
  std::mt19937 rng(1);
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      for (int c = 0; c < 3; ++c) {
        const int v = static_cast<int>((row[x] >> (16 - 8 * c)) & 0xff) + static_cast<int>(rng() % 13) - 6;
        rgb[(static_cast<size_t>(y) * w + x) * 3 + c] = static_cast<uint8_t>(std::clamp(v, 0, 255));
      }
    }
  }
  cairo_surface_destroy(s);
  tjhandle tj = tjInitCompress();
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  tjCompress2(tj, rgb.data(), w, w * 3, h, TJPF_RGB, &buf, &size, TJSAMP_420, 85, 0);
  std::string out(reinterpret_cast<char*>(buf), size);
  tjFree(buf);
  tjDestroy(tj);
  return out;
}

std::string SignaturePng() {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600, 180);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, 600, 180);
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.2);
  cairo_set_line_width(cr, 0.02);
  cairo_move_to(cr, 0.08, 0.70);
  cairo_curve_to(cr, 0.15, 0.05, 0.25, 0.10, 0.22, 0.65);
  cairo_curve_to(cr, 0.30, 0.20, 0.40, 0.85, 0.50, 0.35);
  cairo_curve_to(cr, 0.60, 0.10, 0.70, 0.90, 0.92, 0.30);
  cairo_stroke(cr);
  cairo_destroy(cr);
  std::string out;
  cairo_surface_write_to_png_stream(s, Append, &out);
  cairo_surface_destroy(s);
  return out;
}

CardFace Face(const std::string& photo, const std::string& signature) {
  CardFace f;
  f.provinsi = "PROVINSI JAWA BARAT";
  f.kabupaten = "KABUPATEN BANDUNG";
  f.nik = "3204015708900002";
  f.nama = "SITI NURHALIZA KUSUMAWARDHANI";
  f.tempat_tgl_lahir = "BANDUNG, 17-08-1990";
  f.jenis_kelamin = "PEREMPUAN";
  f.golongan_darah = "O";
  f.alamat = "JL. MERDEKA NO. 17 GANG MAWAR";
  f.rt_rw = "003/007";
  f.kel_desa = "CIBIRU WETAN";
  f.kecamatan = "CILEUNYI";
  f.agama = "ISLAM";
  f.status_perkawinan = "KAWIN";
  f.pekerjaan = "WIRASWASTA";
  f.kewarganegaraan = "WNI";
  f.tempat_terbit = "KAB. BANDUNG";
  f.tanggal_terbit = "28-11-2026";
  f.photo = photo;
  f.signature = signature;
  f.card_serial = "KTP-3204-2026-0000123";
  return f;
}

// ---- the ceiling: a blank page through the same surface and encoder ---------------------------

bool BlankPng(int width_px, int height_px, double px_per_mm, cairo_format_t format) {
  cairo_surface_t* s = cairo_image_surface_create(format, width_px, height_px);
  cairo_t* cr = cairo_create(s);
  cairo_scale(cr, px_per_mm, px_per_mm);
  cairo_set_source_rgb(cr, 0.85, 0.92, 0.97);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string out;
  const bool ok = cairo_surface_write_to_png_stream(s, Append, &out) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(s);
  return ok && !out.empty();
}

bool BlankPdf(double width_mm, double height_mm) {
  std::string out;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(Append, &out, width_mm * 72 / 25.4, height_mm * 72 / 25.4);
  cairo_t* cr = cairo_create(s);
  cairo_scale(cr, 72 / 25.4, 72 / 25.4);
  cairo_set_source_rgb(cr, 0.85, 0.92, 0.97);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  const bool ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(s);
  return ok && !out.empty();
}

// A kutipan akta kelahiran as the Dinas issues it: the usual fields and two marginal notes.
AktaDocument Akta(const SigningKey& key) {
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
      {"Kewarganegaraan", "WARGA NEGARA INDONESIA"},
  };
  d.marginal_notes = {
      "Berdasarkan Penetapan Pengadilan Negeri Bandung Nomor 12/Pdt.P/2027/PN.Bdg tanggal 5 Januari 2027, nama "
      "anak tersebut diubah menjadi PUTRI AYU LESTARI WIBOWO.",
      "Anak tersebut diakui oleh ayahnya BUDI SANTOSO pada tanggal 10 Februari 2027."};
  d.copy = 1;
  d.issued_at = "KOTA BANDUNG, 28-11-2026";
  d.official = "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Bandung";
  d.reference = *SignAktaReference({d.akta_number, "kelahiran", "3273016811260001", 1}, key);
  return d;
}

int Main(int argc, char** argv) {
  bool quick = false;
  for (int i = 1; i < argc; ++i) quick = quick || std::strcmp(argv[i], "--quick") == 0;
  const double seconds = quick ? 1.0 : 4.0;
  const int cores = CoreCount();
  if (!CryptoInit().ok()) return 1;

  const std::string photo = PhotoJpeg(), signature = SignaturePng();
  const CardFace face = Face(photo, signature);
  {
    auto pdf = RenderCardPdf(face);
    auto png = RenderCardPng(face);
    if (!pdf.ok() || !png.ok()) {
      std::printf("render failed: %s\n", (pdf.ok() ? png.status() : pdf.status()).ToString().c_str());
      return 1;
    }
    auto q = CheckFacePhoto(photo);
    std::printf("card: photo 640x800 JPEG %.1f KB (gate %s), signature 600x180 PNG %.1f KB; output PDF %.1f KB, "
                "PNG %.1f KB (1011x638)\n",
                photo.size() / 1024.0, q.ok() ? "passes" : q.status().ToString().c_str(), signature.size() / 1024.0,
                pdf->size() / 1024.0, png->size() / 1024.0);
  }
  std::printf("%d cores; %.0f s per figure\n\n", cores, seconds);

  // 80,000 cards a day: the Philippine national ID's printing capacity, for scale.
  const double national = 80000.0 / 86400.0;
  std::printf("%-8s %-8s %14s %14s %14s %8s %16s\n", "output", "threads", "cards/s", "per core", "blank/s", "ratio",
              "cards/day/core");
  struct Kind {
    const char* name;
    std::function<bool()> card;
    std::function<bool()> blank;
  };
  const Kind kinds[] = {
      {"pdf", [&] { return RenderCardPdf(face).ok(); }, [] { return BlankPdf(kCardWidthMm, kCardHeightMm); }},
      {"png", [&] { return RenderCardPng(face).ok(); },
       [] { return BlankPng(kCardPngWidth, kCardPngHeight, 300.0 / 25.4, CAIRO_FORMAT_ARGB32); }},
  };
  for (const Kind& k : kinds) {
    for (int threads : {1, cores}) {
      if (threads == cores && cores == 1) continue;
      const double card = Rate(threads, seconds, k.card);
      const double blank = Rate(threads, seconds, k.blank);
      std::printf("%-8s %-8d %14.1f %14.1f %14.1f %8.3f %16.0f\n", k.name, threads, card, card / threads, blank,
                  card / blank, card / threads * 86400);
    }
  }
  std::printf("80,000 cards/day (the Philippines' national printing capacity) = %.3f cards/s\n", national);
  // A tighter PNG ceiling: encoding this very card's pixels (what no drawing code can avoid,
  // since the output must be a PNG of them). The gap to the card rate is decoding and drawing.
  {
    const std::string png = *RenderCardPng(face);
    struct Reader {
      const std::string* data;
      size_t pos = 0;
    } reader{&png};
    cairo_surface_t* card = cairo_image_surface_create_from_png_stream(
        [](void* closure, unsigned char* out, unsigned int length) {
          auto* r = static_cast<Reader*>(closure);
          if (r->pos + length > r->data->size()) return CAIRO_STATUS_READ_ERROR;
          std::memcpy(out, r->data->data() + r->pos, length);
          r->pos += length;
          return CAIRO_STATUS_SUCCESS;
        },
        &reader);
    const double encode = Rate(1, seconds, [&] {
      std::string out;
      return cairo_surface_write_to_png_stream(card, Append, &out) == CAIRO_STATUS_SUCCESS;
    });
    const double card_rate = Rate(1, seconds, [&] { return RenderCardPng(face).ok(); });
    std::printf("png: encoding the rendered card's own pixels alone: %.1f/s per core; the card render is %.2f of it\n\n",
                encode, card_rate / encode);
    cairo_surface_destroy(card);
  }

  // The pieces of a render, to show where the time goes.
  const double decode = Rate(1, seconds / 2, [&] { return DecodeImage(photo, "photo").ok(); });
  const double gate = Rate(1, seconds / 2, [&] { return CheckFacePhoto(photo).ok(); });
  std::printf("photo 640x800 JPEG decode: %.1f/s; face photo gate (decode + statistics): %.1f/s\n", decode, gate);

  // The Suket.
  const SigningKey key = SigningKey::Generate();
  SuketDocument doc;
  doc.number = "SKT/3204/2026/000012";
  doc.nik = face.nik;
  doc.nama = face.nama;
  doc.tempat_tgl_lahir = face.tempat_tgl_lahir;
  doc.jenis_kelamin = face.jenis_kelamin;
  doc.alamat = face.alamat;
  doc.rt_rw = face.rt_rw;
  doc.kel_desa = face.kel_desa;
  doc.kecamatan = face.kecamatan;
  doc.kabupaten = "KABUPATEN BANDUNG";
  doc.provinsi = "JAWA BARAT";
  doc.agama = face.agama;
  doc.status_perkawinan = face.status_perkawinan;
  doc.pekerjaan = face.pekerjaan;
  doc.issued_at = "KAB. BANDUNG, 28-11-2026";
  doc.valid_until = "28-05-2027";
  doc.officer = "DEDI KURNIAWAN";
  doc.photo = photo;
  doc.reference = *SignSuketReference({doc.number, doc.nik, "2027-05-28"}, key);
  const double suket = Rate(1, seconds, [&] { return RenderSuketPdf(doc).ok(); });
  const double refs = Rate(1, seconds / 2, [&] { return VerifySuketReference(doc.reference, key.public_key()).ok(); });
  std::printf("Suket A5 PDF (photo, QR): %.1f/s per core; reference verify %.0f/s per core\n\n", suket, refs);

  // The kutipan akta: one A4 page of text and a QR code; the ceiling is a blank A4 page through
  // the same surface and encoder (PNG: RGB24 at 96 dpi, 794 x 1123, as RenderAktaPng makes it).
  {
    const AktaDocument akta = Akta(key);
    auto pdf = RenderAktaPdf(akta);
    auto png = RenderAktaPng(akta);
    if (!pdf.ok() || !png.ok()) {
      std::printf("akta render failed: %s\n", (pdf.ok() ? png.status() : pdf.status()).ToString().c_str());
      return 1;
    }
    std::printf("akta A4 (9 fields, 2 marginal notes, QR): PDF %.1f KB, PNG %.1f KB (794x1123, 96 dpi)\n",
                pdf->size() / 1024.0, png->size() / 1024.0);
    std::printf("%-8s %-8s %14s %14s %14s %8s\n", "akta", "threads", "renders/s", "per core", "blank/s", "ratio");
    const Kind akta_kinds[] = {
        {"pdf", [&] { return RenderAktaPdf(akta).ok(); }, [] { return BlankPdf(210, 297); }},
        {"png", [&] { return RenderAktaPng(akta).ok(); },
         [] { return BlankPng(794, 1123, 96 / 25.4, CAIRO_FORMAT_RGB24); }},
    };
    for (const Kind& k : akta_kinds) {
      for (int threads : {1, cores}) {
        if (threads == cores && cores == 1) continue;
        const double rate = Rate(threads, seconds, k.card);
        const double blank = Rate(threads, seconds, k.blank);
        std::printf("%-8s %-8d %14.1f %14.1f %14.1f %8.3f\n", k.name, threads, rate, rate / threads, blank,
                    rate / blank);
      }
    }
    const double verify = Rate(1, seconds / 2, [&] { return VerifyAktaReference(akta.reference, key.public_key()).ok(); });
    std::printf("akta reference verify %.0f/s per core\n\n", verify);
  }

  // The chip payload: all 22 items and two ISO 19794-2 sized templates (~50 minutiae each).
  ChipPayload payload;
  for (int tag = 1; tag <= 22; ++tag) {
    payload.items.emplace_back(static_cast<ChipItem>(tag), tag == 21 || tag == 22 ? Sha256Hex("x") : "NILAI CONTOH " + std::to_string(tag));
  }
  std::mt19937 rng(5);
  for (int pos : {2, 7}) {
    std::string t(28 + 50 * 6, '\0');
    for (char& c : t) c = static_cast<char>(rng() & 0xff);
    payload.fingers.push_back(ChipFinger{pos, t});
  }
  auto encoded = EncodeChipPayload(payload, key);
  if (!encoded.ok()) return 1;
  const double sign = Rate(1, seconds / 2, [&] { return EncodeChipPayload(payload, key).ok(); });
  const double verify = Rate(1, seconds / 2, [&] { return DecodeChipPayload(*encoded, key.public_key()).ok(); });
  const double sign_all = Rate(cores, seconds / 2, [&] { return EncodeChipPayload(payload, key).ok(); });
  std::printf("chip payload (%zu of %zu bytes): encode+sign %.0f/s per core (%.0f/s on %d cores), "
              "decode+verify %.0f/s per core\n",
              encoded->size(), kChipCapacity, sign, sign_all, cores, verify);
  return 0;
}

}  // namespace
}  // namespace siak::card

int main(int argc, char** argv) { return siak::card::Main(argc, argv); }
