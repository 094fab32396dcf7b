// The events that add a marginal note (catatan pinggir) to a person's akta kelahiran and update
// the register: recognition (pengakuan) and legitimation (pengesahan) of a child, adoption
// (pengangkatan), change of name and change of citizenship. Each registered one stores its note's
// text in its effects ("catatan"); the birth certificate shows the notes of its subject in order.
#include <algorithm>
#include <array>

#include "app/civil_kinds.h"

namespace siak::civil {
namespace {

// Adoption (PP 54/2007): the child is under 18 at the decision; an adoptive parent is at least 30.
constexpr int kAdoptedChildMaxAge = 17;
constexpr int kAdoptiveParentMinAge = 30;
// A father who recognises or legitimises a child was at least this old at the child's birth.
constexpr int kFatherMinAge = 12;
constexpr std::array<std::string_view, 2> kCitizenships = {"WNI", "WNA"};

std::string Who(const StoredPerson& p) { return p.person.nama + " (NIK " + std::string(p.person.nik.digits()) + ")"; }

// What the note events share: the subject and the late route.
struct NoteCommon {
  StoredPerson subject;
};

Result<NoteCommon> ReadSubject(Context& ctx, const Principal& who, Fields& f, Checked& c) {
  SIAK_ASSIGN_OR_RETURN(Nik nik, f.RequiredNik("nik"));
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, PersonNamed(ctx, who, "nik", nik));
  SIAK_RETURN_IF_ERROR(RequireAlive("nik", p));
  c.subject_nik = std::string(nik.digits());
  c.region_code = p.person.wilayah.digits();
  c.persons.push_back(c.subject_nik);
  return NoteCommon{p};
}

// Recognition and legitimation: a father, alive, a man, old enough at the child's birth.
Result<StoredPerson> Father(Context& ctx, const Principal& who, Fields& f, const StoredPerson& child, Checked& c) {
  SIAK_ASSIGN_OR_RETURN(Nik ayah, f.RequiredNik("ayah"));
  SIAK_ASSIGN_OR_RETURN(StoredPerson father, PersonNamed(ctx, who, "ayah", ayah));
  SIAK_RETURN_IF_ERROR(RequireAlive("ayah", father));
  if (father.person.jenis_kelamin != JenisKelamin::kLakiLaki) return Status::Invalid("ayah", ayah.digits(), "must be a man");
  const int age = father.person.tanggal_lahir.YearsUntil(child.person.tanggal_lahir);
  if (age < kFatherMinAge) {
    return Status::Invalid("ayah", ayah.digits(), "was " + std::to_string(age) + " at the child's birth: under " +
                                                      std::to_string(kFatherMinAge));
  }
  c.persons.push_back(std::string(ayah.digits()));
  return father;
}

Result<Checked> CheckRecognition(Context& ctx, const Principal& who, const Json& j, VitalEventKind kind) {
  Fields f(j);
  Checked c;
  SIAK_ASSIGN_OR_RETURN(NoteCommon s, ReadSubject(ctx, who, f, c));
  SIAK_ASSIGN_OR_RETURN(StoredPerson father, Father(ctx, who, f, s.subject, c));
  const bool legitimation = kind == VitalEventKind::kPengesahanAnak;
  SIAK_ASSIGN_OR_RETURN(Date on, f.DateOf(legitimation ? "tanggal_pengesahan" : "tanggal_pengakuan"));
  if (legitimation) {
    // Legitimation follows the parents' marriage: its akta (or KUA book) number.
    SIAK_RETURN_IF_ERROR(f.Text("akta_perkawinan", true, 60).status());
    if (father.person.status_perkawinan != StatusPerkawinan::kKawin) {
      return Status::Invalid("ayah", father.person.nik.digits(),
                             "is not married in the register: legitimation follows the parents' marriage");
    }
  } else {
    SIAK_RETURN_IF_ERROR(f.Text("persetujuan_ibu", true, 200).status());  // the mother's consent
  }
  SIAK_ASSIGN_OR_RETURN(std::string late, f.Text("late_decision", false, 200));
  SIAK_RETURN_IF_ERROR(f.NoOthers());
  if (on < s.subject.person.tanggal_lahir) {
    return Status::Invalid(legitimation ? "tanggal_pengesahan" : "tanggal_pengakuan", on.ToString(),
                           "is before the child's birth");
  }
  SIAK_ASSIGN_OR_RETURN(c.timeliness, Deadline(ctx, kind, on, legitimation ? "tanggal_pengesahan" : "tanggal_pengakuan",
                                               late));
  c.event_date = on;
  c.data = f.out();
  return c;
}

Result<Checked> CheckAdoption(Context& ctx, const Principal& who, const Json& j) {
  Fields f(j);
  Checked c;
  SIAK_ASSIGN_OR_RETURN(NoteCommon s, ReadSubject(ctx, who, f, c));
  SIAK_ASSIGN_OR_RETURN(std::optional<Nik> ayah, f.OptionalNik("ayah_angkat"));
  SIAK_ASSIGN_OR_RETURN(std::optional<Nik> ibu, f.OptionalNik("ibu_angkat"));
  SIAK_RETURN_IF_ERROR(f.Text("pengadilan", true).status());
  SIAK_RETURN_IF_ERROR(f.Text("nomor_penetapan", true, 200).status());
  SIAK_ASSIGN_OR_RETURN(Date decided, f.DateOf("tanggal_penetapan"));
  SIAK_ASSIGN_OR_RETURN(bool move, f.Flag("pindah_kk"));
  SIAK_ASSIGN_OR_RETURN(std::string late, f.Text("late_decision", false, 200));
  SIAK_RETURN_IF_ERROR(f.NoOthers());
  if (!ayah && !ibu) return Status::Invalid("ayah_angkat", "", "name the adoptive father or mother (ibu_angkat) by NIK");
  const int child_age = s.subject.person.tanggal_lahir.YearsUntil(decided);
  if (child_age > kAdoptedChildMaxAge) {
    return Status::Invalid("nik", c.subject_nik, "was " + std::to_string(child_age) +
                                                     " at the decision: only a child under 18 is adopted");
  }
  std::optional<KkNumber> target;
  for (const auto& [field, nik, sex] : {std::tuple{"ayah_angkat", ayah, JenisKelamin::kLakiLaki},
                                        std::tuple{"ibu_angkat", ibu, JenisKelamin::kPerempuan}}) {
    if (!nik) continue;
    if (*nik == s.subject.person.nik) return Status::Invalid(field, nik->digits(), "is the child");
    SIAK_ASSIGN_OR_RETURN(StoredPerson p, PersonNamed(ctx, who, field, *nik));
    SIAK_RETURN_IF_ERROR(RequireAlive(field, p));
    if (p.person.jenis_kelamin != sex) return Status::Invalid(field, nik->digits(), "has the other sex");
    const int age = p.person.tanggal_lahir.YearsUntil(decided);
    if (age < kAdoptiveParentMinAge) {
      return Status::Invalid(field, nik->digits(), "is " + std::to_string(age) + ": an adoptive parent is at least " +
                                                       std::to_string(kAdoptiveParentMinAge));
    }
    if (!target) target = p.person.kk_number;
    c.persons.push_back(std::string(nik->digits()));
  }
  if (move) {
    if (!target) return Status::Invalid("pindah_kk", "true", "the adoptive parents are on no KK");
    if (s.subject.person.kk_number == target) {
      return Status::Invalid("pindah_kk", "true", "the child is already on the adoptive parents' KK");
    }
    if (s.subject.person.kk_number) {
      SIAK_ASSIGN_OR_RETURN(Family own, ctx.registry.GetFamily(who, *s.subject.person.kk_number));
      if (own.head() == s.subject.person.nik) {
        return Status::Invalid("pindah_kk", "true", "the child heads KK " + own.kk_number.ToString());
      }
    }
    SIAK_ASSIGN_OR_RETURN(Family theirs, ctx.registry.GetFamily(who, *target));
    if (theirs.wilayah != s.subject.person.wilayah) {
      return Status::Invalid("pindah_kk", "true",
                             "the adoptive parents' KK is in " + theirs.wilayah.ToString() + ", the child lives in " +
                                 s.subject.person.wilayah.ToString() + ": record the child's move (pindah) first");
    }
  }
  if (decided < s.subject.person.tanggal_lahir) {
    return Status::Invalid("tanggal_penetapan", decided.ToString(), "is before the child's birth");
  }
  SIAK_ASSIGN_OR_RETURN(c.timeliness, Deadline(ctx, VitalEventKind::kPengangkatanAnak, decided, "tanggal_penetapan", late));
  c.event_date = decided;
  c.data = f.out();
  return c;
}

Result<Checked> CheckNameChange(Context& ctx, const Principal& who, const Json& j) {
  Fields f(j);
  Checked c;
  SIAK_ASSIGN_OR_RETURN(NoteCommon s, ReadSubject(ctx, who, f, c));
  SIAK_ASSIGN_OR_RETURN(std::string name, f.Name("nama_baru", true));
  SIAK_RETURN_IF_ERROR(f.Text("pengadilan", true).status());
  SIAK_RETURN_IF_ERROR(f.Text("nomor_penetapan", true, 200).status());
  SIAK_ASSIGN_OR_RETURN(Date decided, f.DateOf("tanggal_penetapan"));
  SIAK_ASSIGN_OR_RETURN(std::string late, f.Text("late_decision", false, 200));
  SIAK_RETURN_IF_ERROR(f.NoOthers());
  if (name == s.subject.person.nama) return Status::Invalid("nama_baru", name, "is the person's name already");
  if (decided < s.subject.person.tanggal_lahir) {
    return Status::Invalid("tanggal_penetapan", decided.ToString(), "is before the person's birth");
  }
  SIAK_ASSIGN_OR_RETURN(c.timeliness, Deadline(ctx, VitalEventKind::kPerubahanNama, decided, "tanggal_penetapan", late));
  c.event_date = decided;
  c.data = f.out();
  return c;
}

Result<Checked> CheckCitizenship(Context& ctx, const Principal& who, const Json& j) {
  Fields f(j);
  Checked c;
  SIAK_ASSIGN_OR_RETURN(NoteCommon s, ReadSubject(ctx, who, f, c));
  SIAK_ASSIGN_OR_RETURN(std::string to, f.Choice("kewarganegaraan_baru", kCitizenships));
  SIAK_RETURN_IF_ERROR(f.Text("nomor_keputusan", true, 200).status());  // the minister's decree
  SIAK_ASSIGN_OR_RETURN(Date decided, f.DateOf("tanggal_keputusan"));
  SIAK_ASSIGN_OR_RETURN(std::string late, f.Text("late_decision", false, 200));
  SIAK_RETURN_IF_ERROR(f.NoOthers());
  if (to == LabelOf(s.subject.person.kewarganegaraan)) {
    return Status::Invalid("kewarganegaraan_baru", to, "is the person's citizenship already");
  }
  if (decided < s.subject.person.tanggal_lahir) {
    return Status::Invalid("tanggal_keputusan", decided.ToString(), "is before the person's birth");
  }
  SIAK_ASSIGN_OR_RETURN(c.timeliness,
                        Deadline(ctx, VitalEventKind::kPerubahanKewarganegaraan, decided, "tanggal_keputusan", late));
  c.event_date = decided;
  c.data = f.out();
  return c;
}

Result<StoredPerson> Named(Context& ctx, const Principal& who, const Json& d, const char* field) {
  SIAK_ASSIGN_OR_RETURN(Nik nik, Nik::ParseStructure(d.value(field, ""), field));
  return ctx.registry.GetPerson(who, nik);
}

// The note, the register's update and the event, for every note kind.
Result<Effects> ApplyNote(Context& ctx, const Principal& who, int64_t event_id, const Checked& c, VitalEventKind kind) {
  const Json& d = c.data;
  SIAK_ASSIGN_OR_RETURN(StoredPerson subject, Named(ctx, who, d, "nik"));
  Person updated = subject.person;
  Effects e;
  e.subject_nik = c.subject_nik;
  e.persons.push_back(c.subject_nik);
  std::string note;
  bool reprint = false;
  switch (kind) {
    case VitalEventKind::kPengakuanAnak:
    case VitalEventKind::kPengesahanAnak: {
      SIAK_ASSIGN_OR_RETURN(StoredPerson father, Named(ctx, who, d, "ayah"));
      updated.nama_ayah = father.person.nama;
      note = kind == VitalEventKind::kPengakuanAnak
                 ? "Berdasarkan pengakuan anak tanggal " + c.event_date.ToString() + ", anak ini diakui oleh " +
                       Who(father) + " sebagai anaknya."
                 : "Berdasarkan perkawinan orang tuanya (" + d.value("akta_perkawinan", "") +
                       "), anak ini disahkan sebagai anak dari " + Who(father) + " pada tanggal " +
                       c.event_date.ToString() + ".";
      break;
    }
    case VitalEventKind::kPengangkatanAnak: {
      std::vector<std::string> parents;
      std::optional<KkNumber> target;
      for (const char* field : {"ayah_angkat", "ibu_angkat"}) {
        if (d.value(field, "").empty()) continue;
        SIAK_ASSIGN_OR_RETURN(StoredPerson p, Named(ctx, who, d, field));
        parents.push_back(Who(p));
        if (!target) target = p.person.kk_number;
      }
      note = "Berdasarkan penetapan " + d.value("pengadilan", "") + " nomor " + d.value("nomor_penetapan", "") +
             " tanggal " + c.event_date.ToString() + ", anak ini diangkat sebagai anak oleh " + parents.front() +
             (parents.size() > 1 ? " dan " + parents.back() : "") + ".";
      if (d.value("pindah_kk", false) && target) {
        if (subject.person.kk_number) {
          SIAK_ASSIGN_OR_RETURN(Family own, ctx.registry.GetFamily(who, *subject.person.kk_number));
          if (own.head() == subject.person.nik) {
            return Status::Invalid("pindah_kk", "true", "the child heads KK " + own.kk_number.ToString());
          }
          SIAK_RETURN_IF_ERROR(ctx.registry.RemoveMember(who, own.kk_number, subject.person.nik).status());
        }
        SIAK_RETURN_IF_ERROR(ctx.registry.AddMember(who, *target, subject.person.nik, Shdk::kAnak).status());
        e.json["kk"] = target->ToString();
        SIAK_ASSIGN_OR_RETURN(subject, ctx.registry.GetPerson(who, subject.person.nik));
        updated = subject.person;
      }
      break;
    }
    case VitalEventKind::kPerubahanNama:
      note = "Berdasarkan penetapan " + d.value("pengadilan", "") + " nomor " + d.value("nomor_penetapan", "") +
             " tanggal " + c.event_date.ToString() + ", nama " + subject.person.nama + " diubah menjadi " +
             d.value("nama_baru", "") + ".";
      updated.nama = d.value("nama_baru", "");
      reprint = true;
      break;
    case VitalEventKind::kPerubahanKewarganegaraan: {
      const std::string to = d.value("kewarganegaraan_baru", "");
      note = "Berdasarkan keputusan nomor " + d.value("nomor_keputusan", "") + " tanggal " + c.event_date.ToString() +
             ", kewarganegaraan " + subject.person.nama + " berubah dari " +
             std::string(LabelOf(subject.person.kewarganegaraan)) + " menjadi " + to + ".";
      updated.kewarganegaraan = to == "WNI" ? Kewarganegaraan::kWni : Kewarganegaraan::kWna;
      if (updated.kewarganegaraan == Kewarganegaraan::kWni) updated.kitap = false;
      reprint = true;
      break;
    }
    case VitalEventKind::kKelahiran:
    case VitalEventKind::kLahirMati:
    case VitalEventKind::kKematian:
    case VitalEventKind::kPerkawinan:
    case VitalEventKind::kPerceraian:
      return Status::Internal("not a marginal-note event: " + std::string(RuleOf(kind).name));
  }
  SIAK_RETURN_IF_ERROR(ctx.registry.UpdatePerson(who, updated, subject.version).status());
  if (reprint) {
    // What the KTP-el and the KK print changed: the card is reprinted, the KK reissued.
    SIAK_RETURN_IF_ERROR(ctx.registry.MarkForReprint(who, subject.person.nik, note.substr(0, 200)).status());
    if (updated.kk_number) {
      SIAK_ASSIGN_OR_RETURN(Family f, ctx.registry.Reissue(who, *updated.kk_number));
      e.json["kk"] = f.kk_number.ToString();
    }
  }
  e.json["catatan"] = note;
  SIAK_RETURN_IF_ERROR(AppendEvent(ctx, RegisterEvent::kMarginalNoteRegistered, c.subject_nik, who,
                                   Json{{"civil_event", event_id}, {"kind", RuleOf(kind).name}, {"catatan", note}}));
  return e;
}

template <VitalEventKind K>
Result<Effects> Apply(Context& ctx, const Principal& who, int64_t id, const Checked& c, const std::string&) {
  return ApplyNote(ctx, who, id, c, K);
}
template <VitalEventKind K>
Result<Checked> Recognition(Context& ctx, const Principal& who, const Json& j) {
  return CheckRecognition(ctx, who, j, K);
}

}  // namespace

const KindOps kRecognitionOps{VitalEventKind::kPengakuanAnak, Recognition<VitalEventKind::kPengakuanAnak>,
                              Apply<VitalEventKind::kPengakuanAnak>};
const KindOps kLegitimationOps{VitalEventKind::kPengesahanAnak, Recognition<VitalEventKind::kPengesahanAnak>,
                               Apply<VitalEventKind::kPengesahanAnak>};
const KindOps kAdoptionOps{VitalEventKind::kPengangkatanAnak, CheckAdoption, Apply<VitalEventKind::kPengangkatanAnak>};
const KindOps kNameChangeOps{VitalEventKind::kPerubahanNama, CheckNameChange, Apply<VitalEventKind::kPerubahanNama>};
const KindOps kCitizenshipOps{VitalEventKind::kPerubahanKewarganegaraan, CheckCitizenship,
                              Apply<VitalEventKind::kPerubahanKewarganegaraan>};

}  // namespace siak::civil
