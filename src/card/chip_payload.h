// The e-KTP chip payload: the card's data items and the two index-finger templates, in a
// documented binary layout, signed with Ed25519 so that a reader can check it offline.
//
// Layout (all integers big-endian), version 1:
//   "SKCP" | u8 version=1 | key id (8 bytes) | u16 item count | items | u16 finger count |
//   fingers | signature (64 bytes, over every byte before it)
//   item   = u8 tag | u16 length | UTF-8 bytes          (tags: ChipItem below, each at most once)
//   finger = u8 ISO finger position | u16 length | ISO/IEC 19794-2 record bytes
// The whole payload is at most kChipCapacity bytes (the chip's 8 KB).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "card/signing_key.h"
#include "common/result.h"

namespace siak::card {

inline constexpr size_t kChipCapacity = 8192;

enum class ChipItem : uint8_t {
  kCardSerial = 1, kNik = 2, kNama = 3, kTempatLahir = 4, kTanggalLahir = 5, kJenisKelamin = 6,
  kGolonganDarah = 7, kAlamat = 8, kRtRw = 9, kKelDesa = 10, kKecamatan = 11, kKabupaten = 12,
  kProvinsi = 13, kAgama = 14, kStatusPerkawinan = 15, kPekerjaan = 16, kKewarganegaraan = 17,
  kBerlakuHingga = 18, kTempatTerbit = 19, kTanggalTerbit = 20, kPhotoSha256 = 21, kSignatureSha256 = 22,
};
std::string_view ChipItemName(ChipItem item);  // "nik", "nama", ...

struct ChipFinger {
  int position = 0;      // ISO finger position: 2 right index, 7 left index
  std::string template_bytes;
};

struct ChipPayload {
  std::vector<std::pair<ChipItem, std::string>> items;  // in tag order when encoded
  std::vector<ChipFinger> fingers;                      // 0..2
  std::string key_id;                                   // filled by Decode (hex)
  std::string Get(ChipItem item) const;                 // "" when absent
};

// Encodes and signs; fails (field "chip") when an item or template is too long or the
// payload exceeds the chip.
Result<std::string> EncodeChipPayload(const ChipPayload& payload, const SigningKey& key);
// Parses with bounds checks and verifies the signature against `key`; every malformed,
// truncated, unknown-version or badly signed payload is an error naming the rule.
Result<ChipPayload> DecodeChipPayload(std::string_view bytes, const PublicKey& key);

}  // namespace siak::card
