// Births (kelahiran) and stillbirths (lahir mati): the declaration, its consistency rules, and
// what registering a birth changes (a new person with a NIK, added to the KK as anak).
#include <algorithm>
#include <array>

#include "app/civil_kinds.h"

namespace siak::civil {
namespace {

constexpr std::array<std::string_view, 5> kBirthPlaces = {"rumah_sakit", "puskesmas", "polindes", "rumah", "lainnya"};
constexpr std::array<std::string_view, 4> kAttendants = {"dokter", "bidan", "dukun", "lainnya"};

// The parents' plausibility rules (data, not code: a rule changes here only). Ages at the birth;
// a parent who died: a mother's child is born no later than the day she died (a perimortem
// birth), a father's within 300 days of his death (the legal presumption of paternity).
struct ParentRule {
  std::string_view field;
  JenisKelamin sex;
  int min_age, max_age;
  int born_after_death_days;
};
constexpr ParentRule kParentRules[] = {{"ibu", JenisKelamin::kPerempuan, 10, 60, 0},
                                       {"ayah", JenisKelamin::kLakiLaki, 12, 100, 300}};

// A stillbirth: a baby born dead after at least 28 weeks in the womb (before that the loss is not
// registered as a stillbirth).
constexpr int kStillbirthMinWeeks = 28;
constexpr int kStillbirthMaxWeeks = 45;

// The registered death date of a person, if any.
Result<std::optional<Date>> DeathDate(Context& ctx, const Nik& nik) {
  SIAK_ASSIGN_OR_RETURN(auto events, CivilStore(ctx.store).OfSubject(std::string(nik.digits())));
  for (const auto& e : events) {
    if (e.kind == RuleOf(VitalEventKind::kKematian).name && (e.state == "REGISTERED" || e.state == "CORRECTED") &&
        e.corrects == 0) {
      SIAK_ASSIGN_OR_RETURN(Date d, Date::Parse(e.event_date));
      return std::optional<Date>(d);
    }
  }
  return std::optional<Date>();
}

// The mother and father named by NIK: in the register, the right sex, alive at the birth (or
// within the rule's limit after their registered death), of a plausible age.
Status CheckParents(Context& ctx, const Principal& who, const std::optional<Nik> parents[2], const Date& born,
                    std::vector<std::string>& persons) {
  for (int i = 0; i < 2; ++i) {
    const ParentRule& rule = kParentRules[i];
    if (!parents[i]) continue;
    const std::string field(rule.field);
    SIAK_ASSIGN_OR_RETURN(StoredPerson p, PersonNamed(ctx, who, field, *parents[i]));
    persons.push_back(std::string(parents[i]->digits()));
    if (p.person.jenis_kelamin != rule.sex) {
      return Status::Invalid(field, parents[i]->digits(),
                             rule.field == "ibu" ? "the mother must be a woman" : "the father must be a man");
    }
    if (p.person.status_dasar == StatusDasar::kMati) {
      SIAK_ASSIGN_OR_RETURN(std::optional<Date> died, DeathDate(ctx, *parents[i]));
      if (!died) return RequireAlive(field, p);
      if (born > died->AddDays(rule.born_after_death_days)) {
        return Status::Invalid(field, parents[i]->digits(),
                               "died on " + died->ToString() + ": a child of theirs is born at most " +
                                   std::to_string(rule.born_after_death_days) + " days after that");
      }
    } else {
      SIAK_RETURN_IF_ERROR(RequireAlive(field, p));
    }
    const int age = p.person.tanggal_lahir.YearsUntil(born);
    if (age < rule.min_age || age > rule.max_age) {
      return Status::Invalid(field, parents[i]->digits(),
                             "would be " + std::to_string(age) + " at the birth: not between " +
                                 std::to_string(rule.min_age) + " and " + std::to_string(rule.max_age));
    }
  }
  return Status::Ok();
}

// What births and stillbirths share: the family, the time and place, the attendant, the parents
// and the witnesses.
struct BirthCommon {
  KkNumber kk;
  Date born;
  std::optional<Nik> parents[2];
  std::string late;
};

Result<BirthCommon> ReadBirthCommon(Fields& f, std::string_view date_field, std::string_view time_field) {
  SIAK_ASSIGN_OR_RETURN(std::string kk_text, f.Text("kk_number", true, 16));
  SIAK_ASSIGN_OR_RETURN(KkNumber kk, KkNumber::ParseStructure(kk_text, "kk_number"));
  SIAK_RETURN_IF_ERROR(f.Whole("jenis_kelamin", 1, 2).status());
  SIAK_ASSIGN_OR_RETURN(Date born, f.DateOf(date_field));
  SIAK_RETURN_IF_ERROR(f.Time(time_field).status());
  SIAK_RETURN_IF_ERROR(f.Name("tempat_lahir", true).status());
  SIAK_RETURN_IF_ERROR(f.Choice("tempat_dilahirkan", kBirthPlaces).status());
  SIAK_RETURN_IF_ERROR(f.Choice("penolong", kAttendants).status());
  SIAK_ASSIGN_OR_RETURN(std::optional<Nik> ibu, f.OptionalNik("ibu"));
  SIAK_ASSIGN_OR_RETURN(std::optional<Nik> ayah, f.OptionalNik("ayah"));
  SIAK_ASSIGN_OR_RETURN(std::string nama_ibu, f.Name("nama_ibu", false));
  SIAK_RETURN_IF_ERROR(f.Name("nama_ayah", false).status());
  SIAK_RETURN_IF_ERROR(f.Witnesses().status());
  SIAK_ASSIGN_OR_RETURN(std::string late, f.Text("late_decision", false, 200));
  if (!ibu && nama_ibu.empty()) return Status::Invalid("ibu", "", "the mother, by NIK or by name (nama_ibu)");
  return BirthCommon{kk, born, {ibu, ayah}, late};
}

// A birth or a stillbirth: the fields both have (a live birth adds the child's name, a
// stillbirth the weeks in the womb), then the family, the deadline and the parents.
Result<Checked> CheckBirthOf(Context& ctx, const Principal& who, const Json& j, VitalEventKind kind) {
  Fields f(j);
  const bool live = kind == VitalEventKind::kKelahiran;
  if (live) SIAK_RETURN_IF_ERROR(f.Name("nama", true).status());
  SIAK_ASSIGN_OR_RETURN(BirthCommon b, ReadBirthCommon(f, "tanggal_lahir", "waktu_lahir"));
  if (!live) {
    SIAK_RETURN_IF_ERROR(f.Whole("lama_kandungan_minggu", kStillbirthMinWeeks, kStillbirthMaxWeeks).status());
  }
  SIAK_RETURN_IF_ERROR(f.NoOthers());
  Checked c;
  SIAK_ASSIGN_OR_RETURN(c.timeliness, Deadline(ctx, kind, b.born, "tanggal_lahir", b.late));
  SIAK_ASSIGN_OR_RETURN(Family family, ctx.registry.GetFamily(who, b.kk));
  SIAK_RETURN_IF_ERROR(CheckParents(ctx, who, b.parents, b.born, c.persons));
  c.region_code = family.wilayah.digits();
  c.event_date = b.born;
  c.data = f.out();
  return c;
}

Result<Checked> CheckBirth(Context& ctx, const Principal& who, const Json& j) {
  return CheckBirthOf(ctx, who, j, VitalEventKind::kKelahiran);
}

Result<Effects> ApplyBirth(Context& ctx, const Principal& who, int64_t event_id, const Checked& c,
                           const std::string& akta) {
  const Json& d = c.data;
  SIAK_ASSIGN_OR_RETURN(KkNumber kk, KkNumber::ParseStructure(d.at("kk_number").get<std::string>()));
  SIAK_ASSIGN_OR_RETURN(Family family, ctx.registry.GetFamily(who, kk));
  auto name_of = [&](const char* nik_field, const char* name_field) -> std::string {
    const std::string nik = d.value(nik_field, "");
    if (!nik.empty()) {
      if (auto n = Nik::ParseStructure(nik); n.ok()) {
        if (auto p = ctx.registry.GetPerson(who, *n); p.ok()) return p->person.nama;
      }
    }
    return d.value(name_field, "");
  };
  const auto sex = static_cast<JenisKelamin>(d.at("jenis_kelamin").get<int>());
  SIAK_ASSIGN_OR_RETURN(RegionCode district, RegionCode::Parse(family.wilayah.digits().substr(0, 6), "wilayah"));
  SIAK_ASSIGN_OR_RETURN(Nik nik, ctx.registry.NextNik(district, c.event_date, sex));
  SIAK_ASSIGN_OR_RETURN(StoredPerson head, ctx.registry.GetPerson(who, family.head()));
  const Person child{.nik = nik,
                     .kk_number = std::nullopt,
                     .nama = d.at("nama").get<std::string>(),
                     .tempat_lahir = d.at("tempat_lahir").get<std::string>(),
                     .tanggal_lahir = c.event_date,
                     .tanggal_lahir_presisi = BirthDatePrecision::kExact,
                     .jenis_kelamin = sex,
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
                     .nama_ayah = name_of("ayah", "nama_ayah"),
                     .nama_ibu = name_of("ibu", "nama_ibu"),
                     .wilayah = family.wilayah,
                     .alamat = family.alamat,
                     .rt = family.rt,
                     .rw = family.rw,
                     .ektp_status = EktpStatus::kBelumWajib};
  SIAK_RETURN_IF_ERROR(ctx.registry.RegisterPerson(who, child, false).status());
  // The child's relationship to the head: anak of the head's family, cucu when a parent is
  // themselves an anak (or menantu) on the KK (a young couple living with the head).
  Shdk shdk = Shdk::kAnak;
  for (const char* parent : {"ibu", "ayah"}) {
    const std::string p = d.value(parent, "");
    for (const auto& m : family.members) {
      if (!p.empty() && m.nik.digits() == p && (m.shdk == Shdk::kAnak || m.shdk == Shdk::kMenantu)) {
        shdk = Shdk::kCucu;
      }
    }
  }
  SIAK_RETURN_IF_ERROR(ctx.registry.AddMember(who, family.kk_number, child.nik, shdk).status());
  Effects e;
  e.subject_nik = std::string(nik.digits());
  e.persons = {e.subject_nik};
  // A KIA (kartu identitas anak) becomes due for the child: the card itself is issue 8's counters.
  e.json = Json{{"nik", e.subject_nik},
                {"kk", family.kk_number.ToString()},
                {"shdk", std::string(LabelOf(shdk))},
                {"kia_due", true}};
  SIAK_RETURN_IF_ERROR(AppendEvent(ctx, RegisterEvent::kBirthRegistered, e.subject_nik, who,
                                   Json{{"civil_event", event_id},
                                        {"akta_number", akta},
                                        {"kk", family.kk_number.ToString()},
                                        {"timeliness", TimelinessName(c.timeliness)}}));
  return e;
}

Result<Checked> CheckStillbirth(Context& ctx, const Principal& who, const Json& j) {
  return CheckBirthOf(ctx, who, j, VitalEventKind::kLahirMati);
}

// A stillbirth gets its certificate; the register does not change (no NIK is issued).
Result<Effects> ApplyStillbirth(Context&, const Principal&, int64_t, const Checked& c, const std::string&) {
  Effects e;
  e.json = Json{{"register", "unchanged"}, {"kk", c.data.value("kk_number", "")}};
  return e;
}

}  // namespace

const KindOps kBirthOps{VitalEventKind::kKelahiran, CheckBirth, ApplyBirth};
const KindOps kStillbirthOps{VitalEventKind::kLahirMati, CheckStillbirth, ApplyStillbirth};

}  // namespace siak::civil
