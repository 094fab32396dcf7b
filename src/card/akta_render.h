// The kutipan akta: the certified extract of a civil-registration record (a birth, stillbirth,
// death, marriage or divorce) with its marginal notes (catatan pinggir). Rendered as one A4
// portrait page in Indonesian, as a PDF to print and as a PNG to preview, with a QR code carrying
// a signed reference that anyone can check offline with the public key (`siak akta verify`).
//
// Reference text: "AKT1.<akta number>.<kind>.<nik, or - when none>.<copy>.<base64url signature,
// no padding>" where the Ed25519 signature covers everything before the last dot, e.g.
// "AKT1.3273-LT-28112026-0001.kelahiran.3273016811260001.1.<86 characters>". The copy is written
// in decimal without leading zeros, so that each reference has exactly one text form.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "card/signing_key.h"
#include "common/result.h"

namespace siak::card {

struct AktaReference {
  // <regency, 4 digits>-<letters, 2 of A-Z>-<registration date DDMMYYYY>-<sequence, 4 to 6 digits>,
  // e.g. 3273-LT-28112026-0001; the date must exist.
  std::string akta_number;
  std::string kind;  // the vital event's name: kelahiran, lahir_mati, kematian, ... ([a-z_]{1,32})
  std::string nik;   // the person's NIK, 16 digits; empty when there is none (a stillbirth)
  int copy = 1;      // which kutipan: 1 = pertama, 2 = kedua, ... (1..99)
};

// Validates the fields (errors name the field: akta_number, kind, nik, copy) and signs.
Result<std::string> SignAktaReference(const AktaReference& ref, const SigningKey& key);
// Parses and verifies. Errors are on the field "reference" and name the rule: the format (parts,
// prefix), the part that is invalid (akta number, kind, NIK, copy, signature encoding), or the
// signature that does not verify under `key`.
Result<AktaReference> VerifyAktaReference(std::string_view text, const PublicKey& key);

// The copy mark printed top right: "KUTIPAN PERTAMA", "KUTIPAN KEDUA", ... "KUTIPAN KESEPULUH",
// then "KUTIPAN KE-11", "KUTIPAN KE-12", ...; empty for a copy below 1.
std::string CopyMark(int copy);

struct AktaDocument {
  std::string title;        // "KUTIPAN AKTA KELAHIRAN"
  std::string akta_number;  // printed as "No. <akta_number>"
  std::vector<std::pair<std::string, std::string>> fields;  // label, value in Indonesian, in print order
  std::vector<std::string> marginal_notes;                   // catatan pinggir, one paragraph each
  int copy = 1;
  std::string issued_at;  // place, date: "KOTA BANDUNG, 28-11-2026"
  std::string official;   // "Kepala Dinas Kependudukan dan Pencatatan Sipil"
  std::string reference;  // the signed reference (QR content)
};

// One A4 portrait page: REPUBLIK INDONESIA, the title, the number, the fields (a long value wraps
// over up to three lines, then ends in an ellipsis), the CATATAN PINGGIR box (each note wrapped;
// when they do not all fit, the last line says how many were left out), the copy mark top right,
// the QR code bottom left and the place, date and official bottom right. Nothing is drawn off the
// page, whatever the input's length.
//
// Errors name the field: title, akta_number and reference are required, copy is 1..99, text must
// be UTF-8, and the reference must be well formed and name this akta number and copy (its
// signature is not checked here: that needs the public key).
Result<std::string> RenderAktaPdf(const AktaDocument& doc);
// The same page as a PNG preview (opaque RGB) at `dpi` (24..300): 794 x 1123 pixels at 96 dpi.
Result<std::string> RenderAktaPng(const AktaDocument& doc, double dpi = 96);

}  // namespace siak::card
