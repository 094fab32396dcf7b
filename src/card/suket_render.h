// The Suket (surat keterangan pengganti KTP-el): a temporary certificate for a recorded person
// while the site has no blanks, valid six months. Rendered as a one-page A5 PDF in Indonesian
// with a QR code carrying a signed reference that anyone can check offline with the public key.
//
// Reference text: "SKT1.<number>.<nik>.<valid until YYYYMMDD>.<base64url signature, no padding>"
// where the Ed25519 signature covers "SKT1.<number>.<nik>.<valid until>".
#pragma once

#include <string>
#include <string_view>

#include "card/signing_key.h"
#include "common/result.h"

namespace siak::card {

struct SuketReference {
  std::string number;       // the Suket number, [A-Z0-9/-]{1,40}
  std::string nik;          // 16 digits
  std::string valid_until;  // YYYY-MM-DD
};

Result<std::string> SignSuketReference(const SuketReference& ref, const SigningKey& key);
// Parses and verifies; errors name the rule (format, signature).
Result<SuketReference> VerifySuketReference(std::string_view text, const PublicKey& key);

struct SuketDocument {
  std::string number;
  std::string nik, nama, tempat_tgl_lahir, jenis_kelamin, alamat, rt_rw, kel_desa, kecamatan, kabupaten, provinsi,
      agama, status_perkawinan, pekerjaan;
  std::string issued_at;    // place, date: "KAB. BANDUNG, 28-11-2026"
  std::string valid_until;  // "28-05-2027"
  std::string officer;      // name or username of the issuing officer
  std::string photo;        // optional JPEG or PNG
  std::string reference;    // the signed reference (QR content)
};

Result<std::string> RenderSuketPdf(const SuketDocument& doc);

}  // namespace siak::card
