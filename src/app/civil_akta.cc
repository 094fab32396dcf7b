// What each akta shows: its title and its lines, in Indonesian, from the registered declaration
// (corrections applied) and the names as they were when it was registered.
#include <nlohmann/json.hpp>

#include "app/civil_service.h"

namespace siak {
namespace {

using Json = nlohmann::json;

std::string Words(std::string s) {
  for (char& c : s) {
    if (c == '_') c = ' ';
  }
  return s;
}

std::string DateText(const std::string& iso) {
  static constexpr const char* kMonths[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                            "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
  auto d = Date::Parse(iso);
  if (!d.ok()) return iso;
  return std::to_string(d->day()) + " " + kMonths[d->month() - 1] + " " + std::to_string(d->year());
}

}  // namespace

void FillAkta(VitalEventKind kind, const std::string& data_json, const std::string& effects_json, AktaContent& akta) {
  const Json d = Json::parse(data_json, nullptr, false);
  const Json e = Json::parse(effects_json, nullptr, false);
  auto v = [&](const char* field) { return d.is_object() ? d.value(field, "") : std::string(); };
  auto name = [&](const std::string& nik) -> std::string {
    if (e.is_object() && e.contains("nama") && e["nama"].contains(nik)) return e["nama"][nik].get<std::string>();
    return "";
  };
  // A person named by NIK: the declared (or corrected) name when there is one, else the name
  // they had when the event was registered.
  auto person = [&](const std::string& nik, const std::string& declared) {
    if (nik.empty()) return declared.empty() ? std::string("-") : declared;
    const std::string n = declared.empty() ? name(nik) : declared;
    return n + " (NIK " + nik + ")";
  };
  auto sex = [&]() {
    const int s = d.is_object() ? d.value("jenis_kelamin", 0) : 0;
    return std::string(s == 1 ? "Laki-laki" : s == 2 ? "Perempuan" : "-");
  };
  auto& f = akta.fields;
  switch (kind) {
    case VitalEventKind::kKelahiran:
      akta.title = "KUTIPAN AKTA KELAHIRAN";
      f = {{"Nomor Induk Kependudukan", akta.subject_nik},
           {"Nama", v("nama")},
           {"Jenis kelamin", sex()},
           {"Tempat lahir", v("tempat_lahir")},
           {"Tanggal lahir", DateText(v("tanggal_lahir")) + ", pukul " + v("waktu_lahir")},
           {"Anak dari ibu", person(v("ibu"), v("nama_ibu"))},
           {"Dan ayah", person(v("ayah"), v("nama_ayah"))},
           {"Dilahirkan di", Words(v("tempat_dilahirkan"))},
           {"Penolong kelahiran", Words(v("penolong"))},
           {"Nomor Kartu Keluarga", e.is_object() ? e.value("kk", v("kk_number")) : v("kk_number")}};
      break;
    case VitalEventKind::kLahirMati:
      akta.title = "SURAT KETERANGAN LAHIR MATI";
      f = {{"Ibu", person(v("ibu"), v("nama_ibu"))},
           {"Ayah", person(v("ayah"), v("nama_ayah"))},
           {"Jenis kelamin", sex()},
           {"Tempat", v("tempat_lahir")},
           {"Tanggal", DateText(v("tanggal_lahir")) + ", pukul " + v("waktu_lahir")},
           {"Lama dalam kandungan", std::to_string(d.value("lama_kandungan_minggu", 0)) + " minggu"},
           {"Nomor Kartu Keluarga", v("kk_number")}};
      break;
    case VitalEventKind::kKematian:
      akta.title = "KUTIPAN AKTA KEMATIAN";
      f = {{"Nomor Induk Kependudukan", v("nik")},
           {"Nama", name(v("nik"))},
           {"Meninggal dunia pada", DateText(v("tanggal_kematian")) + ", pukul " + v("waktu_kematian")},
           {"Di", v("tempat_kematian")},
           {"Sebab kematian", Words(v("sebab"))},
           {"Yang menerangkan", Words(v("yang_menerangkan"))},
           {"Pelapor", v("pelapor") + (v("hubungan_pelapor").empty() ? "" : " (" + v("hubungan_pelapor") + ")")}};
      break;
    case VitalEventKind::kPerkawinan:
      akta.title = "KUTIPAN AKTA PERKAWINAN";
      f = {{"Suami", person(v("suami"), "")},
           {"Istri", person(v("istri"), "")},
           {"Tanggal perkawinan", DateText(v("tanggal_perkawinan"))},
           {"Tempat", v("tempat_perkawinan")},
           {"Agama", Words(v("agama"))},
           {"Di hadapan pemuka agama", v("pemuka_agama")}};
      break;
    case VitalEventKind::kPerceraian:
      akta.title = "KUTIPAN AKTA PERCERAIAN";
      f = {{"Suami", person(v("suami"), "")},
           {"Istri", person(v("istri"), "")},
           {"Berdasarkan putusan", v("pengadilan")},
           {"Nomor putusan", v("nomor_putusan")},
           {"Berkekuatan hukum tetap sejak", DateText(v("tanggal_putusan"))}};
      break;
    case VitalEventKind::kPengakuanAnak:
    case VitalEventKind::kPengesahanAnak:
    case VitalEventKind::kPengangkatanAnak:
    case VitalEventKind::kPerubahanNama:
    case VitalEventKind::kPerubahanKewarganegaraan:
      akta.title = "CATATAN PINGGIR";  // no akta of their own: their note is on the birth's
      break;
  }
}

}  // namespace siak
