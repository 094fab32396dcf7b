// Marriages (perkawinan) and divorces (perceraian): the declarations, the rules of the marriage
// law that a registrar checks, and what registering changes: marital statuses (tercatat), the
// families joined or split by the KK rules, cards with the old status reprinted.
//
// A marriage of Muslims is solemnised and recorded by the KUA (Ministry of Religious Affairs),
// which issues the marriage book (buku nikah) and reports it to the Dinas: it arrives here as
// data (jalur "kua", with the book's number) and changes the register the same way, without an
// akta perkawinan of the Dinas. Other marriages are registered at the Dinas (jalur "dinas").
#include <algorithm>
#include <array>

#include "app/civil_kinds.h"

namespace siak::civil {
namespace {

constexpr std::array<std::string_view, 2> kRoutes = {"dinas", "kua"};
constexpr std::array<std::string_view, 7> kReligions = {"islam", "kristen", "katholik", "hindu",
                                                        "budha", "khonghucu", "kepercayaan"};
constexpr std::array<std::string_view, 2> kKkChoices = {"suami", "baru"};

// The marriage law's rules a registrar checks (data: UU 1/1974 as amended by UU 16/2019).
struct MarriageRules {
  int min_age;                 // both spouses; younger needs the court's dispensation
  int min_age_with_dispensation;  // below this a registrar refuses the declaration as implausible
  bool husband_needs_permission_when_married;  // polygamy only with the court's permission
  bool wife_must_be_unmarried;                 // never two husbands
};
constexpr MarriageRules kMarriageRules{19, 15, true, true};

// The relationship to the husband (the head) of a member the bride brings along from the KK she
// headed: her children stay anak, her parents become his parents-in-law, anyone else famili lain.
constexpr Shdk BroughtAlong(Shdk hers) {
  return hers == Shdk::kAnak ? Shdk::kAnak : hers == Shdk::kOrangTua ? Shdk::kMertua : Shdk::kFamiliLain;
}

Result<std::pair<StoredPerson, StoredPerson>> Spouses(Context& ctx, const Principal& who, const Nik& suami,
                                                      const Nik& istri, std::vector<std::string>& persons) {
  if (suami == istri) return Status::Invalid("istri", istri.digits(), "is the same person as suami");
  SIAK_ASSIGN_OR_RETURN(StoredPerson h, PersonNamed(ctx, who, "suami", suami));
  SIAK_ASSIGN_OR_RETURN(StoredPerson w, PersonNamed(ctx, who, "istri", istri));
  SIAK_RETURN_IF_ERROR(RequireAlive("suami", h));
  SIAK_RETURN_IF_ERROR(RequireAlive("istri", w));
  if (h.person.jenis_kelamin != JenisKelamin::kLakiLaki) return Status::Invalid("suami", suami.digits(), "must be a man");
  if (w.person.jenis_kelamin != JenisKelamin::kPerempuan) return Status::Invalid("istri", istri.digits(), "must be a woman");
  persons.push_back(std::string(suami.digits()));
  persons.push_back(std::string(istri.digits()));
  return std::make_pair(h, w);
}

Result<Checked> CheckMarriage(Context& ctx, const Principal& who, const Json& j) {
  Fields f(j);
  SIAK_ASSIGN_OR_RETURN(Nik suami, f.RequiredNik("suami"));
  SIAK_ASSIGN_OR_RETURN(Nik istri, f.RequiredNik("istri"));
  SIAK_ASSIGN_OR_RETURN(Date married, f.DateOf("tanggal_perkawinan"));
  SIAK_RETURN_IF_ERROR(f.Text("tempat_perkawinan", true).status());
  SIAK_ASSIGN_OR_RETURN(std::string route, f.Choice("jalur", kRoutes));
  SIAK_ASSIGN_OR_RETURN(std::string agama, f.Choice("agama", kReligions));
  const bool kua = route == "kua";
  SIAK_RETURN_IF_ERROR(f.Text("pemuka_agama", !kua).status());
  SIAK_RETURN_IF_ERROR(f.Text("nomor_buku_nikah", kua, 40).status());
  SIAK_RETURN_IF_ERROR(f.Text("kua", kua).status());
  SIAK_RETURN_IF_ERROR(f.Witnesses().status());
  SIAK_ASSIGN_OR_RETURN(std::string permission, f.Text("izin_poligami", false, 200));
  SIAK_ASSIGN_OR_RETURN(std::string dispensation, f.Text("dispensasi", false, 200));
  SIAK_ASSIGN_OR_RETURN(std::string kk_choice, f.Choice("kk", kKkChoices, false));
  SIAK_ASSIGN_OR_RETURN(std::string late, f.Text("late_decision", false, 200));
  SIAK_RETURN_IF_ERROR(f.NoOthers());
  if (kua != (agama == "islam")) {
    return Status::Invalid("jalur", route,
                           kua ? "the KUA records marriages of Muslims only" :
                                 "a marriage of Muslims is recorded by the KUA: send it with jalur \"kua\"");
  }

  Checked c;
  SIAK_ASSIGN_OR_RETURN(c.timeliness, Deadline(ctx, VitalEventKind::kPerkawinan, married, "tanggal_perkawinan", late));
  SIAK_ASSIGN_OR_RETURN(auto spouses, Spouses(ctx, who, suami, istri, c.persons));
  const auto& [h, w] = spouses;
  for (const StoredPerson* p : {&h, &w}) {
    const char* field = p == &h ? "suami" : "istri";
    const int age = p->person.tanggal_lahir.YearsUntil(married);
    if (married < p->person.tanggal_lahir || age < kMarriageRules.min_age_with_dispensation) {
      return Status::Invalid(field, p->person.nik.digits(),
                             "would be " + std::to_string(age) + " at the marriage: not a plausible spouse");
    }
    if (age < kMarriageRules.min_age && dispensation.empty()) {
      return Status::Invalid(field, p->person.nik.digits(),
                             "would be " + std::to_string(age) + " at the marriage: under " +
                                 std::to_string(kMarriageRules.min_age) +
                                 " a marriage needs the court's dispensation (dispensasi)");
    }
  }
  if (kMarriageRules.wife_must_be_unmarried && w.person.status_perkawinan == StatusPerkawinan::kKawin) {
    return Status::Invalid("istri", istri.digits(),
                           "is married: her divorce or her husband's death must be registered first");
  }
  if (kMarriageRules.husband_needs_permission_when_married &&
      h.person.status_perkawinan == StatusPerkawinan::kKawin && permission.empty()) {
    return Status::Invalid("izin_poligami", "",
                           "the husband is married: another marriage needs the court's permission (its decision)");
  }
  // The family they form: the husband's KK when he heads one, otherwise a new KK at his address.
  SIAK_ASSIGN_OR_RETURN(std::optional<Family> his, FamilyOf(ctx, who, h));
  const bool heads = his && his->head() == suami;
  if (kk_choice.empty()) kk_choice = heads ? "suami" : "baru";
  if (kk_choice == "suami" && !heads) {
    return Status::Invalid("kk", kk_choice, "the husband heads no KK: the couple gets a new KK (\"baru\")");
  }
  if (kk_choice == "baru" && heads) {
    return Status::Invalid("kk", kk_choice, "the husband heads KK " + his->kk_number.ToString() + ": his wife joins it");
  }
  if (w.person.wilayah != h.person.wilayah) {
    return Status::Invalid("istri", istri.digits(),
                           "lives in " + w.person.wilayah.ToString() + ", the husband in " +
                               h.person.wilayah.ToString() + ": record her move (pindah) first");
  }
  c.data = f.out();
  c.data["kk"] = kk_choice;
  c.region_code = h.person.wilayah.digits();
  c.event_date = married;
  c.subject_nik = std::string(suami.digits());
  c.issues_akta = !kua;
  return c;
}

// `person` leaves their KK (a head's whole family comes along, keeping their relationships)
// and joins `kk` with `shdk`.
Status Join(Context& ctx, const Principal& who, const Nik& person, const KkNumber& kk, Shdk shdk, Effects& e) {
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, ctx.registry.GetPerson(who, person));
  SIAK_ASSIGN_OR_RETURN(std::optional<Family> own, FamilyOf(ctx, who, p));
  std::vector<FamilyMember> along;
  if (own) {
    if (own->head() == person) {
      along = own->members;
      SIAK_RETURN_IF_ERROR(ctx.registry.DissolveFamily(who, own->kk_number, "its head married into KK " + kk.ToString()));
      e.json["kk_dissolved"] = own->kk_number.ToString();
    } else {
      SIAK_RETURN_IF_ERROR(ctx.registry.RemoveMember(who, own->kk_number, person).status());
    }
  }
  SIAK_RETURN_IF_ERROR(ctx.registry.AddMember(who, kk, person, shdk).status());
  for (const auto& m : along) {
    if (m.nik == person) continue;
    SIAK_RETURN_IF_ERROR(ctx.registry.AddMember(who, kk, m.nik, BroughtAlong(m.shdk)).status());
    // Their KK and maybe their address changed: a card is reprinted.
    SIAK_RETURN_IF_ERROR(ctx.registry.MarkForReprint(who, m.nik, "KK baru karena perkawinan").status());
    e.persons.push_back(std::string(m.nik.digits()));
  }
  return Status::Ok();
}

Result<Effects> ApplyMarriage(Context& ctx, const Principal& who, int64_t event_id, const Checked& c,
                              const std::string& akta) {
  SIAK_ASSIGN_OR_RETURN(Nik suami, Nik::ParseStructure(c.data.at("suami").get<std::string>()));
  SIAK_ASSIGN_OR_RETURN(Nik istri, Nik::ParseStructure(c.data.at("istri").get<std::string>()));
  Effects e;
  e.subject_nik = c.subject_nik;
  for (const Nik& n : {suami, istri}) {
    SIAK_RETURN_IF_ERROR(SetMaritalStatus(ctx, who, n, StatusPerkawinan::kKawin, PencatatanPerkawinan::kTercatat, e));
  }
  SIAK_ASSIGN_OR_RETURN(StoredPerson h, ctx.registry.GetPerson(who, suami));
  std::optional<KkNumber> kk = h.person.kk_number;
  if (c.data.value("kk", "") == "baru") {
    SIAK_ASSIGN_OR_RETURN(std::optional<Family> parents, FamilyOf(ctx, who, h));
    if (parents) {
      SIAK_ASSIGN_OR_RETURN(SplitResult split, ctx.registry.Split(who, parents->kk_number,
                                                                   {{suami, Shdk::kKepalaKeluarga}}, std::nullopt));
      kk = split.split_off.kk_number;
    } else {
      SIAK_ASSIGN_OR_RETURN(Family created, ctx.registry.CreateFamily(who, FamilyDraft{.wilayah = h.person.wilayah,
                                                                                      .alamat = h.person.alamat,
                                                                                      .rt = h.person.rt,
                                                                                      .rw = h.person.rw,
                                                                                      .members = {{suami, Shdk::kKepalaKeluarga}}}));
      kk = created.kk_number;
    }
  }
  if (!kk) return Status::Internal("the husband has no KK after the marriage");
  SIAK_RETURN_IF_ERROR(Join(ctx, who, istri, *kk, Shdk::kIstri, e));
  e.json["kk"] = kk->ToString();
  for (const Nik& n : {suami, istri}) {
    SIAK_RETURN_IF_ERROR(ctx.registry.MarkForReprint(who, n, "status perkawinan: kawin").status());
  }
  const std::string reference = akta.empty() ? c.data.value("nomor_buku_nikah", "") : akta;
  for (const Nik& n : {suami, istri}) {
    SIAK_RETURN_IF_ERROR(AppendEvent(ctx, RegisterEvent::kMarriageRegistered, std::string(n.digits()), who,
                                     Json{{"civil_event", event_id},
                                          {"akta_number", akta},
                                          {"reference", reference},
                                          {"jalur", c.data.value("jalur", "")},
                                          {"kk", kk->ToString()}}));
  }
  return e;
}

Result<Checked> CheckDivorce(Context& ctx, const Principal& who, const Json& j) {
  Fields f(j);
  SIAK_ASSIGN_OR_RETURN(Nik suami, f.RequiredNik("suami"));
  SIAK_ASSIGN_OR_RETURN(Nik istri, f.RequiredNik("istri"));
  SIAK_RETURN_IF_ERROR(f.Text("pengadilan", true).status());
  SIAK_RETURN_IF_ERROR(f.Text("nomor_putusan", true, 200).status());
  SIAK_ASSIGN_OR_RETURN(Date ruled, f.DateOf("tanggal_putusan"));
  SIAK_ASSIGN_OR_RETURN(std::vector<Nik> children, f.NikList("anak_ikut"));
  SIAK_ASSIGN_OR_RETURN(std::string late, f.Text("late_decision", false, 200));
  SIAK_RETURN_IF_ERROR(f.NoOthers());

  Checked c;
  SIAK_ASSIGN_OR_RETURN(c.timeliness, Deadline(ctx, VitalEventKind::kPerceraian, ruled, "tanggal_putusan", late));
  SIAK_ASSIGN_OR_RETURN(auto spouses, Spouses(ctx, who, suami, istri, c.persons));
  const auto& [h, w] = spouses;
  for (const StoredPerson* p : {&h, &w}) {
    if (p->person.status_perkawinan != StatusPerkawinan::kKawin) {
      return Status::Invalid(p == &h ? "suami" : "istri", p->person.nik.digits(), "is not married (kawin) in the register");
    }
  }
  // Recorded as each other's spouse: one heads the KK, the other is on it as istri or suami.
  SIAK_ASSIGN_OR_RETURN(std::optional<Family> family, FamilyOf(ctx, who, h));
  bool together = false;
  Nik leaving = istri;
  if (family) {
    for (const auto& m : family->members) {
      if (family->head() == suami && m.nik == istri && m.shdk == Shdk::kIstri) together = true;
      if (family->head() == istri && m.nik == suami && m.shdk == Shdk::kSuami) {
        together = true;
        leaving = suami;
      }
    }
  }
  if (!together) {
    return Status::Invalid("istri", istri.digits(), "is not recorded as the wife of " + std::string(suami.digits()) +
                                                        " on one KK: correct the KK first");
  }
  for (size_t i = 0; i < children.size(); ++i) {
    const bool child = std::any_of(family->members.begin(), family->members.end(), [&](const FamilyMember& m) {
      return m.nik == children[i] && m.shdk == Shdk::kAnak;
    });
    if (!child) {
      return Status::Invalid("anak_ikut[" + std::to_string(i) + "]", children[i].digits(),
                             "is not a child (anak) on KK " + family->kk_number.ToString());
    }
    c.persons.push_back(std::string(children[i].digits()));
  }
  c.data = f.out();
  c.derived["keluar"] = std::string(leaving.digits());  // who leaves the KK (the spouse who does not head it)
  c.region_code = h.person.wilayah.digits();
  c.event_date = ruled;
  c.subject_nik = std::string(suami.digits());
  return c;
}

Result<Effects> ApplyDivorce(Context& ctx, const Principal& who, int64_t event_id, const Checked& c,
                             const std::string& akta) {
  SIAK_ASSIGN_OR_RETURN(Nik suami, Nik::ParseStructure(c.data.at("suami").get<std::string>()));
  SIAK_ASSIGN_OR_RETURN(Nik istri, Nik::ParseStructure(c.data.at("istri").get<std::string>()));
  SIAK_ASSIGN_OR_RETURN(Nik leaving, Nik::ParseStructure(c.derived.at("keluar").get<std::string>()));
  Effects e;
  e.subject_nik = c.subject_nik;
  // A husband with another living wife on the KK stays married.
  bool other_wife = false;
  SIAK_ASSIGN_OR_RETURN(StoredPerson h, ctx.registry.GetPerson(who, suami));
  SIAK_ASSIGN_OR_RETURN(std::optional<Family> family, FamilyOf(ctx, who, h));
  if (family && family->head() == suami) {
    for (const auto& m : family->members) {
      if (m.nik == istri || m.shdk != Shdk::kIstri) continue;
      SIAK_ASSIGN_OR_RETURN(StoredPerson other, ctx.registry.GetPerson(who, m.nik));
      other_wife |= other.person.status_dasar == StatusDasar::kHidup &&
                    other.person.status_perkawinan == StatusPerkawinan::kKawin;
    }
  }
  for (const Nik& n : {suami, istri}) {
    if (n == suami && other_wife) continue;
    SIAK_RETURN_IF_ERROR(
        SetMaritalStatus(ctx, who, n, StatusPerkawinan::kCeraiHidup, PencatatanPerkawinan::kTercatat, e));
  }
  // The spouse who does not head the KK leaves it as the head of a new KK, with the children the
  // court gave them.
  SIAK_ASSIGN_OR_RETURN(StoredPerson l, ctx.registry.GetPerson(who, leaving));
  std::vector<FamilyMember> going{{leaving, Shdk::kKepalaKeluarga}};
  for (const auto& child : c.data.at("anak_ikut")) {
    SIAK_ASSIGN_OR_RETURN(Nik n, Nik::ParseStructure(child.get<std::string>()));
    going.push_back({n, Shdk::kAnak});
  }
  SIAK_ASSIGN_OR_RETURN(SplitResult split, ctx.registry.Split(who, *l.person.kk_number, going, std::nullopt));
  e.json["kk"] = Json{{"remaining", split.remaining.kk_number.ToString()}, {"new", split.split_off.kk_number.ToString()}};
  for (size_t i = 1; i < going.size(); ++i) e.persons.push_back(std::string(going[i].nik.digits()));
  for (const Nik& n : {suami, istri}) {
    SIAK_RETURN_IF_ERROR(ctx.registry.MarkForReprint(who, n, "status perkawinan: cerai hidup").status());
    SIAK_RETURN_IF_ERROR(AppendEvent(ctx, RegisterEvent::kDivorceRegistered, std::string(n.digits()), who,
                                     Json{{"civil_event", event_id},
                                          {"akta_number", akta},
                                          {"nomor_putusan", c.data.value("nomor_putusan", "")},
                                          {"kk", e.json["kk"]}}));
  }
  return e;
}

}  // namespace

const KindOps kMarriageOps{VitalEventKind::kPerkawinan, CheckMarriage, ApplyMarriage};
const KindOps kDivorceOps{VitalEventKind::kPerceraian, CheckDivorce, ApplyDivorce};

}  // namespace siak::civil
