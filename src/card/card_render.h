// The e-KTP card face at ID-1 size (85.60 x 53.98 mm), rendered with cairo as PDF and as a
// 300 dpi PNG (1011 x 638 pixels). Fields in the order of DOMAIN.md; the photo on the right
// with the place and date of issue and the signature beneath.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace siak::card {

inline constexpr double kCardWidthMm = 85.60;
inline constexpr double kCardHeightMm = 53.98;
inline constexpr int kCardPngWidth = 1011;   // 85.60 mm at 300 dpi
inline constexpr int kCardPngHeight = 638;   // 53.98 mm at 300 dpi

struct CardFace {
  std::string provinsi;     // "PROVINSI JAWA BARAT"
  std::string kabupaten;    // "KABUPATEN BANDUNG"
  std::string nik;
  // Label and value in print order: Nama, Tempat/Tgl Lahir, Jenis Kelamin (with Gol. Darah on
  // the same line), Alamat, RT/RW, Kel/Desa, Kecamatan, Agama, Status Perkawinan, Pekerjaan,
  // Kewarganegaraan, Berlaku Hingga.
  std::string nama, tempat_tgl_lahir, jenis_kelamin, golongan_darah, alamat, rt_rw, kel_desa, kecamatan, agama,
      status_perkawinan, pekerjaan, kewarganegaraan;
  std::string berlaku_hingga = "SEUMUR HIDUP";
  std::string tempat_terbit;   // "KAB. BANDUNG"
  std::string tanggal_terbit;  // "28-11-2026"
  std::string photo;           // JPEG or PNG bytes
  std::string signature;       // JPEG or PNG bytes
  std::string card_serial;     // small print at the bottom edge
};

// The labels in print order (for tests and documentation).
std::vector<std::pair<std::string, std::string>> CardFields(const CardFace& face);

Result<std::string> RenderCardPdf(const CardFace& face);
Result<std::string> RenderCardPng(const CardFace& face);

}  // namespace siak::card
