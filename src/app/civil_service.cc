#include "app/civil_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

#include "app/register_events.h"

namespace siak {
namespace {

using Json = nlohmann::json;

constexpr std::array<std::string_view, 5> kBirthPlaces = {"rumah_sakit", "puskesmas", "polindes", "rumah", "lainnya"};
constexpr std::array<std::string_view, 4> kAttendants = {"dokter", "bidan", "dukun", "lainnya"};

// Plausible parents' ages at the birth (data, not code: a rule changes here only).
struct ParentAgeRule {
  std::string_view field;
  JenisKelamin sex;
  int min_age, max_age;
};
constexpr ParentAgeRule kParentAges[] = {{"ibu", JenisKelamin::kPerempuan, 10, 60},
                                         {"ayah", JenisKelamin::kLakiLaki, 12, 100}};

template <size_t N>
bool OneOf(const std::string& v, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), v) != list.end();
}
template <size_t N>
std::string ListOf(const std::array<std::string_view, N>& list) {
  std::string out;
  for (auto v : list) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

bool ValidTime(const std::string& t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (int i : {0, 1, 3, 4}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return std::stoi(t.substr(0, 2)) < 24 && std::stoi(t.substr(3, 2)) < 60;
}

Json BirthJson(const BirthDeclaration& b) {
  return Json{{"kk", b.kk.ToString()},
              {"nama", b.nama},
              {"jenis_kelamin", static_cast<int>(b.jenis_kelamin)},
              {"tanggal_lahir", b.tanggal_lahir.ToString()},
              {"waktu_lahir", b.waktu_lahir},
              {"tempat_lahir", b.tempat_lahir},
              {"tempat_dilahirkan", b.tempat_dilahirkan},
              {"penolong", b.penolong},
              {"ibu", b.ibu ? b.ibu->ToString() : ""},
              {"ayah", b.ayah ? b.ayah->ToString() : ""},
              {"nama_ibu", b.nama_ibu},
              {"nama_ayah", b.nama_ayah},
              {"saksi", b.saksi},
              {"late_decision", b.late_decision}};
}

Result<BirthDeclaration> BirthFromJson(const std::string& text) {
  const Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::Internal("stored civil_event.data is not JSON");
  SIAK_ASSIGN_OR_RETURN(KkNumber kk, KkNumber::ParseStructure(j.value("kk", "")));
  SIAK_ASSIGN_OR_RETURN(Date born, Date::Parse(j.value("tanggal_lahir", "")));
  std::optional<Nik> parents[2];
  const char* names[2] = {"ibu", "ayah"};
  for (int i = 0; i < 2; ++i) {
    const std::string v = j.value(names[i], "");
    if (v.empty()) continue;
    SIAK_ASSIGN_OR_RETURN(Nik n, Nik::ParseStructure(v));
    parents[i] = n;
  }
  return BirthDeclaration{.kk = kk,
                          .nama = j.value("nama", ""),
                          .jenis_kelamin = static_cast<JenisKelamin>(j.value("jenis_kelamin", 1)),
                          .tanggal_lahir = born,
                          .waktu_lahir = j.value("waktu_lahir", ""),
                          .tempat_lahir = j.value("tempat_lahir", ""),
                          .tempat_dilahirkan = j.value("tempat_dilahirkan", ""),
                          .penolong = j.value("penolong", ""),
                          .ibu = parents[0],
                          .ayah = parents[1],
                          .nama_ibu = j.value("nama_ibu", ""),
                          .nama_ayah = j.value("nama_ayah", ""),
                          .saksi = j.value("saksi", std::vector<std::string>{}),
                          .late_decision = j.value("late_decision", "")};
}

}  // namespace

CivilService::CivilService(Store& store, const Clock& clock, RegisterService& registry)
    : store_(store), clock_(clock), registry_(registry) {}

Result<Family> CivilService::CheckBirth(const Principal& who, const BirthDeclaration& b, Timeliness* timeliness) {
  const Date today = clock_.Today();
  if (b.nama.empty() || b.nama.size() > 100) return Status::Invalid("nama", b.nama, "the child's name: 1-100 bytes");
  SIAK_ASSIGN_OR_RETURN(*timeliness,
                        CheckTimeliness(VitalEventKind::kKelahiran, b.tanggal_lahir, today, today, "tanggal_lahir"));
  if (!ValidTime(b.waktu_lahir)) return Status::Invalid("waktu_lahir", b.waktu_lahir, "must be HH:MM (24 hours)");
  if (b.tempat_lahir.empty() || b.tempat_lahir.size() > 100) {
    return Status::Invalid("tempat_lahir", b.tempat_lahir, "the place of birth: 1-100 bytes");
  }
  if (!OneOf(b.tempat_dilahirkan, kBirthPlaces)) {
    return Status::Invalid("tempat_dilahirkan", b.tempat_dilahirkan, "must be one of " + ListOf(kBirthPlaces));
  }
  if (!OneOf(b.penolong, kAttendants)) {
    return Status::Invalid("penolong", b.penolong, "must be one of " + ListOf(kAttendants));
  }
  if (b.saksi.size() < 2 || std::any_of(b.saksi.begin(), b.saksi.end(), [](const std::string& s) {
        return s.empty() || s.size() > 100;
      })) {
    return Status::Invalid("saksi", std::to_string(b.saksi.size()) + " given", "two witnesses by name are needed");
  }
  if (*timeliness == Timeliness::kLate && b.late_decision.empty()) {
    return Status::Invalid("late_decision", "",
                           "a birth registered more than 60 days later needs the head of the Dinas's decision (its "
                           "number and date)");
  }
  if (!b.ibu && b.nama_ibu.empty()) return Status::Invalid("ibu", "", "the mother, by NIK or by name (nama_ibu)");
  SIAK_ASSIGN_OR_RETURN(Family family, registry_.GetFamily(who, b.kk));
  for (const ParentAgeRule& rule : kParentAges) {
    const std::optional<Nik>& nik = rule.field == "ibu" ? b.ibu : b.ayah;
    if (!nik) continue;
    auto parent = registry_.GetPerson(who, *nik);
    if (!parent.ok()) return Status::Invalid(std::string(rule.field), nik->ToString(), "is not a person in the register");
    const Person& p = parent->person;
    if (p.jenis_kelamin != rule.sex) {
      return Status::Invalid(std::string(rule.field), nik->ToString(),
                             rule.field == "ibu" ? "the mother must be a woman" : "the father must be a man");
    }
    if (p.status_dasar != StatusDasar::kHidup) {
      return Status::Invalid(std::string(rule.field), nik->ToString(),
                             "is not alive and valid in the register (a birth to a parent who died is declared "
                             "with the death registered first, within the medical limit)");
    }
    const int age = p.tanggal_lahir.YearsUntil(b.tanggal_lahir);
    if (age < rule.min_age || age > rule.max_age) {
      return Status::Invalid(std::string(rule.field), nik->ToString(),
                             "would be " + std::to_string(age) + " at the birth: not between " +
                                 std::to_string(rule.min_age) + " and " + std::to_string(rule.max_age));
    }
  }
  return family;
}

Result<CivilEventRecord> CivilService::DeclareBirth(const Principal& who, const BirthDeclaration& birth) {
  Timeliness timeliness = Timeliness::kOnTime;
  CivilEventRecord rec;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(Family family, CheckBirth(who, birth, &timeliness));
    rec.kind = std::string(RuleOf(VitalEventKind::kKelahiran).name);
    rec.state = std::string(DeclarationStateName(DeclarationState::kDeclared));
    rec.region_code = family.wilayah.digits();
    rec.event_date = birth.tanggal_lahir.ToString();
    rec.timeliness = std::string(TimelinessName(timeliness));
    rec.late_decision = birth.late_decision;
    rec.data = BirthJson(birth).dump();
    rec.declared_by = who.username;
    rec.declared_at = clock_.NowIso();
    SIAK_ASSIGN_OR_RETURN(rec.id, CivilStore(store_).Insert(rec));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return rec;
}

Result<CivilEventRecord> CivilService::Register(const Principal& who, int64_t id) {
  CivilEventRecord result;
  Status st = store_.Transaction([&]() -> Status {
    CivilStore civil(store_);
    SIAK_ASSIGN_OR_RETURN(CivilEventRecord rec, Get(who, id));
    if (rec.state != DeclarationStateName(DeclarationState::kDeclared)) {
      return Status::Conflict("event_id", std::to_string(id), "is " + rec.state + ", not a declaration");
    }
    SIAK_ASSIGN_OR_RETURN(VitalEventKind kind, VitalEventKindFromName(rec.kind));
    if (kind != VitalEventKind::kKelahiran) {
      return Status::FailedPrecondition("registering a " + rec.kind + " is not supported yet");
    }
    SIAK_ASSIGN_OR_RETURN(BirthDeclaration birth, BirthFromJson(rec.data));
    Timeliness timeliness = Timeliness::kOnTime;
    SIAK_ASSIGN_OR_RETURN(Family family, CheckBirth(who, birth, &timeliness));
    // The child: a NIK issued in the family's district, the family's address, the parents' names.
    auto name_of = [&](const std::optional<Nik>& nik, const std::string& given) -> std::string {
      if (!nik) return given;
      auto p = registry_.GetPerson(who, *nik);
      return p.ok() ? p->person.nama : given;
    };
    SIAK_ASSIGN_OR_RETURN(RegionCode district, RegionCode::Parse(family.wilayah.digits().substr(0, 6), "wilayah"));
    SIAK_ASSIGN_OR_RETURN(Nik nik, registry_.NextNik(district, birth.tanggal_lahir, birth.jenis_kelamin));
    SIAK_ASSIGN_OR_RETURN(StoredPerson head, registry_.GetPerson(who, family.head()));
    const Person child{.nik = nik,
                       .kk_number = std::nullopt,
                       .nama = birth.nama,
                       .tempat_lahir = birth.tempat_lahir,
                       .tanggal_lahir = birth.tanggal_lahir,
                       .tanggal_lahir_presisi = BirthDatePrecision::kExact,
                       .jenis_kelamin = birth.jenis_kelamin,
                       .golongan_darah = GolonganDarah::kTidakTahu,
                       .agama = head.person.agama,
                       .status_perkawinan = StatusPerkawinan::kBelumKawin,
                       .perkawinan_tercatat = PencatatanPerkawinan::kTidakBerlaku,
                       .pendidikan = Pendidikan::kTidakBelumSekolah,
                       .pekerjaan = Pekerjaan::kBelumTidakBekerja,
                       .kewarganegaraan = head.person.kewarganegaraan,
                       .kitap = false,
                       .penyandang_cacat = std::nullopt,
                       .status_dasar = StatusDasar::kHidup,
                       .nama_ayah = name_of(birth.ayah, birth.nama_ayah),
                       .nama_ibu = name_of(birth.ibu, birth.nama_ibu),
                       .wilayah = family.wilayah,
                       .alamat = family.alamat,
                       .rt = family.rt,
                       .rw = family.rw,
                       .ektp_status = EktpStatus::kBelumWajib};
    SIAK_RETURN_IF_ERROR(registry_.RegisterPerson(who, child, false).status());
    SIAK_RETURN_IF_ERROR(registry_.AddMember(who, family.kk_number, child.nik, Shdk::kAnak).status());
    const Date today = clock_.Today();
    const std::string regency = family.wilayah.digits().substr(0, 4);
    SIAK_ASSIGN_OR_RETURN(int64_t seq, civil.NextSequence(regency, "LT", today.ToString()));
    SIAK_ASSIGN_OR_RETURN(std::string akta, AktaNumber(regency, VitalEventKind::kKelahiran, today, seq));
    const std::string now = clock_.NowIso();
    SIAK_RETURN_IF_ERROR(civil.Register(id, std::string(child.nik.digits()), akta, who.username, now));
    SIAK_RETURN_IF_ERROR(store_
                             .AppendEvent(EventRecord{0, now, static_cast<int>(RegisterEvent::kBirthRegistered),
                                                      std::string(child.nik.digits()),
                                                      std::string(family.wilayah.province_digits()), who.username,
                                                      Json{{"civil_event", id},
                                                           {"akta_number", akta},
                                                           {"kk", family.kk_number.ToString()},
                                                           {"timeliness", TimelinessName(timeliness)}}
                                                          .dump()})
                             .status());
    SIAK_ASSIGN_OR_RETURN(result, civil.Get(id));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return result;
}

Result<CivilEventRecord> CivilService::Reject(const Principal& who, int64_t id, const std::string& reason) {
  if (reason.size() < 5 || reason.size() > 500) {
    return Status::Invalid("reason", reason, "say why, in 5-500 characters");
  }
  CivilEventRecord result;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_RETURN_IF_ERROR(Get(who, id).status());
    CivilStore civil(store_);
    SIAK_RETURN_IF_ERROR(civil.Reject(id, reason, who.username, clock_.NowIso()));
    SIAK_ASSIGN_OR_RETURN(result, civil.Get(id));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return result;
}

Result<CivilEventRecord> CivilService::Get(const Principal& who, int64_t id) {
  auto rec = CivilStore(store_).Get(id);
  if (!rec.ok() || !InScope(who.scope, rec->region_code)) return Status::NotFound("event_id", std::to_string(id));
  return rec;
}

Result<std::vector<CivilEventRecord>> CivilService::List(const Principal& who, int64_t after_id, int limit) {
  return CivilStore(store_).List(who.scope, after_id, std::clamp(limit, 1, 200));
}

}  // namespace siak
