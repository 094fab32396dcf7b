// Printed documents for jemput bola: mobile e-KTP recording teams that visit villages instead of
// waiting for residents at the office. Three outputs, all worded in Bahasa Indonesia:
//
//  - the team plan (RENCANA PELAYANAN JEMPUT BOLA PEREKAMAN KTP-el): A4 portrait pages with every
//    team's schedule and the villages left unreached, "Halaman i dari N" on each page; tables
//    that do not fit a page continue on the next one under a repeated header row. The list of
//    one team is the same document cut to that team, to hand to its members.
//  - the invitation letter (surat undangan) to one household: one A4 page per household, and
//    many households as one multi-page PDF for a print run.
//  - the SMS / WhatsApp text of that invitation.
//
// Inputs are plain strings, numbers and dates: this module knows nothing of the domain or app
// layers (the caller masks NIKs, picks the members and writes the reasons). Every renderer checks
// its input first (errors are Status::Invalid naming the field, e.g. "teams[1].stops[4].desa",
// and the rule). Text must be UTF-8; control characters print as spaces; a value too long for
// its place wraps over a bounded number of lines and then ends in an ellipsis, so nothing is
// drawn off the page whatever the input's length. All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"

namespace siak::card {

// ---- dates as printed -------------------------------------------------------------------------

// "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu" or "Minggu".
std::string IndonesianDayName(const Date& date);
// "14 Desember 2026": the long form used in letters.
std::string IndonesianLongDate(const Date& date);

// ---- the team plan ----------------------------------------------------------------------------

// One visit of a team: a row of its table.
struct OutreachStop {
  std::optional<Date> date;  // required; within the plan's period
  std::string kecamatan;     // required
  std::string desa;          // desa/kelurahan, required
  int sasaran = 0;           // persons planned, 0..1000000
  std::string keterangan;    // optional: priority reasons, "Pulau kecil terluar; Perbatasan"
};

struct OutreachTeam {
  std::string name;                  // required: "Tim 1 (Soreang)"
  std::vector<std::string> members;  // 1..20 names, each non-empty: "DEDI (operator)"
  std::vector<std::string> devices;  // 0..10, each non-empty: "Alat perekaman MOB-03"
  std::string home_district;         // optional: the kecamatan the team starts from
  std::vector<OutreachStop> stops;   // 0..1000, printed in this order
};

// A village that no team visits in the period, and why.
struct UnreachedVillage {
  std::string kecamatan;  // required
  std::string desa;       // required
  int sasaran = 0;        // persons left unserved, 0..1000000
  std::string reason;     // required, Indonesian: "Akses terputus banjir; dijadwalkan Januari"
};

struct OutreachPlan {
  std::string office;  // required: "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN BANDUNG"
  std::optional<Date> period_start;  // required
  std::optional<Date> period_end;    // required, not before period_start
  std::vector<OutreachTeam> teams;   // 1..100 teams, 5000 stops in all at most
  std::vector<UnreachedVillage> unreached;  // 0..5000
};

// The checks every plan renderer applies, for a caller that wants them before rendering.
Status ValidateOutreachPlan(const OutreachPlan& plan);

// The whole plan: the title block (title, office, period, totals), one section per team (name,
// members, devices, home district, then the table No / Tanggal "Senin, 14-12-2026" / Kecamatan /
// Desa/Kelurahan / Sasaran / Keterangan with a Jumlah row) and the TIDAK TERJANGKAU section.
Result<std::string> RenderOutreachPlanPdf(const OutreachPlan& plan);
// The list of one team (`team` indexes plan.teams): the title block and that team's section.
// The whole plan is checked, so that a list never disagrees with the plan it was cut from.
Result<std::string> RenderTeamListPdf(const OutreachPlan& plan, size_t team);
// One page (1-based) of RenderOutreachPlanPdf as a PNG preview (opaque RGB) at `dpi` (24..300).
// Errors name "page" (with the page count in the rule) and "dpi".
Result<std::string> RenderOutreachPlanPng(const OutreachPlan& plan, int page, double dpi = 96);

// ---- the invitation to a household ------------------------------------------------------------

struct InvitedMember {
  std::string name;        // required
  std::string masked_nik;  // required, already masked by the caller: "320401******0003"
};

struct Invitation {
  // Letterhead.
  std::string regency;         // required: "KABUPATEN BANDUNG" (printed "PEMERINTAH KABUPATEN BANDUNG")
  std::string office_address;  // required: "Jl. Raya Soreang Km. 17, Soreang 40911, Telp. (022) 5891234"
  std::string office_short;    // optional: signs the messages, "Dukcapil Kab. Bandung"
  // The letter.
  std::string number;      // Nomor, required: "470/1234/Disdukcapil/XII/2026"
  std::string attachment;  // Lampiran, optional ("-" when empty)
  // The addressee: the head of the family (kepala keluarga) and the family's address.
  std::string head_of_family;  // required
  std::string address;         // alamat, required: "Jl. Melati No. 5"
  std::string rt_rw;           // optional: "003/005"
  std::string desa;            // desa/kelurahan, required
  std::string kecamatan;       // required
  // The members who must record (wajib KTP-el, not yet recorded): 1..10, a table row each (the
  // page is budgeted for 10 with every other value at its longest).
  std::vector<InvitedMember> members;
  // The visit.
  std::optional<Date> visit_date;  // required, not before signed_on
  std::string visit_time;          // required: "09.00 - 12.00 WIB"
  std::string place;               // required: "Balai Desa Sukamaju, Jl. Raya Sukamaju No. 1"
  std::string contact;             // optional: "Sdr. Dedi (petugas), HP 0812-3456-7890"
  // The signature block.
  std::string signed_place;        // required: "Soreang"
  std::optional<Date> signed_on;   // required
  std::string official_title;      // required: "Kepala Dinas Kependudukan dan Pencatatan Sipil"
  std::string official_name;       // required
  std::string official_nip;        // required: 18 digits, optionally grouped by spaces
};

// The checks every invitation renderer applies.
Status ValidateInvitation(const Invitation& invitation);

// One A4 page: letterhead, Nomor / Lampiran / Perihal "Undangan Perekaman KTP-el", "Kepada Yth.
// Bapak/Ibu <kepala keluarga>" with the address, the invitation and the table No / Nama / NIK,
// Hari/Tanggal / Waktu / Tempat, what to bring (KK asli; tidak dipungut biaya), the contact, the
// closing and the signature block (place and date, title, name, NIP).
Result<std::string> RenderInvitationPdf(const Invitation& invitation);
// One page per invitation, in order (1..2000 invitations); errors are prefixed "invitations[i]".
Result<std::string> RenderInvitationsPdf(const std::vector<Invitation>& invitations);
// The page as a PNG preview (opaque RGB) at `dpi` (24..300).
Result<std::string> RenderInvitationPng(const Invitation& invitation, double dpi = 96);

enum class MessageChannel { kSms, kWhatsApp };

// The invitation as a message. kSms: one SMS of at most 160 characters, all in the GSM 7-bit
// basic set (printable ASCII without [ ] { } \ ^ ~ | and `; other letters are transliterated,
// é -> e), so it never splits into two messages, e.g. "Yth. Bpk/Ibu SUTRISNO: 2 anggota keluarga
// diundang rekam KTP-el pd Senin 14-12-2026 09.00 di Balai Desa Sukamaju. Bawa KK asli. Gratis.
// Dukcapil Kab. Bandung". When it is too long, the place gives way first (cut at its first comma,
// then to 20 characters), then the sender (office_short, dropped whole), the head's name, the
// time; never the day and date. kWhatsApp: UTF-8 on several lines, with every member's name (no
// NIK: a message may be read by others), the date in full, the time, place, what to bring, the
// contact and the letter's number. Meant for a valid invitation (ValidateInvitation); any other
// input still gives a text within these rules.
std::string InvitationMessage(const Invitation& invitation, MessageChannel channel);

}  // namespace siak::card
