// Deaths (kematian): the declaration, its consistency rules, and what registering one changes:
// status dasar MATI, the KK reissued without the deceased (under a new head, with a new number,
// where the head died; dissolved where no one is left), the spouse CERAI MATI, the person out of
// the biometric galleries, cards and Suket revoked and queued prints cancelled.
#include <algorithm>
#include <array>

#include "app/civil_kinds.h"
#include "store/abis_store.h"
#include "store/ektp_store.h"

namespace siak::civil {
namespace {

constexpr std::array<std::string_view, 6> kCauses = {"sakit_biasa", "wabah_penyakit", "kecelakaan",
                                                     "kriminalitas", "bunuh_diri",     "lainnya"};
constexpr std::array<std::string_view, 5> kCertifiers = {"dokter", "tenaga_kesehatan", "kepolisian", "kepala_desa",
                                                         "lainnya"};

// Who heads the KK after its head dies, unless the declaration names them (kepala_baru): the
// first relationship in this order with an adult (17 or older, or married), the eldest of them;
// in a family of minors only, the eldest member. A pembantu never heads the family: left alone,
// the KK is dissolved.
constexpr Shdk kSuccession[] = {Shdk::kIstri,   Shdk::kSuami,      Shdk::kAnak,    Shdk::kMenantu, Shdk::kOrangTua,
                                Shdk::kMertua,  Shdk::kCucu,       Shdk::kFamiliLain, Shdk::kLainnya};

// The others' relationship to a new head, by the successor's relationship to the old one: a
// spouse succeeding keeps the family as it was (the deceased's parents become parents-in-law); a
// child succeeding makes the widow(er) a parent and the siblings other relatives. Pairs not
// listed keep their relationship.
struct Reframe {
  Shdk successor, member, becomes;
};
constexpr Reframe kReframes[] = {
    {Shdk::kIstri, Shdk::kOrangTua, Shdk::kMertua},     {Shdk::kSuami, Shdk::kOrangTua, Shdk::kMertua},
    {Shdk::kAnak, Shdk::kIstri, Shdk::kOrangTua},       {Shdk::kAnak, Shdk::kSuami, Shdk::kOrangTua},
    {Shdk::kAnak, Shdk::kAnak, Shdk::kFamiliLain},      {Shdk::kAnak, Shdk::kOrangTua, Shdk::kFamiliLain},
    {Shdk::kAnak, Shdk::kMertua, Shdk::kFamiliLain},    {Shdk::kAnak, Shdk::kMenantu, Shdk::kFamiliLain},
};

bool Adult(const Person& p, const Date& today) {
  return p.tanggal_lahir.YearsUntil(today) >= 17 || p.status_perkawinan != StatusPerkawinan::kBelumKawin;
}

// The new head of `family` when `deceased` (its head) dies: nullopt when no one can head it.
Result<std::optional<FamilyMember>> Successor(Context& ctx, const Principal& who, const Family& family,
                                              const Nik& deceased, const std::optional<Nik>& requested) {
  struct Candidate {
    FamilyMember member;
    Person person;
  };
  std::vector<Candidate> living;
  for (const auto& m : family.members) {
    if (m.nik == deceased) continue;
    SIAK_ASSIGN_OR_RETURN(StoredPerson p, ctx.registry.GetPerson(who, m.nik));
    if (p.person.status_dasar == StatusDasar::kHidup) living.push_back({m, p.person});
  }
  if (requested) {
    for (const auto& c : living) {
      if (c.member.nik == *requested) return std::optional<FamilyMember>(c.member);
    }
    return Status::Invalid("kepala_baru", requested->digits(),
                           "is not a living member of KK " + family.kk_number.ToString());
  }
  const Date today = ctx.clock.Today();
  auto eldest = [](const std::vector<const Candidate*>& list) -> std::optional<FamilyMember> {
    if (list.empty()) return std::nullopt;
    return (*std::min_element(list.begin(), list.end(), [](const Candidate* a, const Candidate* b) {
             return a->person.tanggal_lahir < b->person.tanggal_lahir;
           }))->member;
  };
  for (Shdk shdk : kSuccession) {
    std::vector<const Candidate*> adults;
    for (const auto& c : living) {
      if (c.member.shdk == shdk && Adult(c.person, today)) adults.push_back(&c);
    }
    if (auto m = eldest(adults)) return std::optional<FamilyMember>(*m);
  }
  std::vector<const Candidate*> anyone;
  for (const auto& c : living) {
    if (c.member.shdk != Shdk::kPembantu) anyone.push_back(&c);
  }
  return std::optional<FamilyMember>(eldest(anyone));
}

Result<Checked> CheckDeath(Context& ctx, const Principal& who, const Json& j) {
  Fields f(j);
  SIAK_ASSIGN_OR_RETURN(Nik nik, f.RequiredNik("nik"));
  SIAK_ASSIGN_OR_RETURN(Date died, f.DateOf("tanggal_kematian"));
  SIAK_RETURN_IF_ERROR(f.Time("waktu_kematian").status());
  SIAK_RETURN_IF_ERROR(f.Text("tempat_kematian", true).status());
  SIAK_RETURN_IF_ERROR(f.Choice("sebab", kCauses).status());
  SIAK_RETURN_IF_ERROR(f.Choice("yang_menerangkan", kCertifiers).status());
  SIAK_RETURN_IF_ERROR(f.Text("pelapor", true).status());
  SIAK_ASSIGN_OR_RETURN(std::optional<Nik> pelapor, f.OptionalNik("pelapor_nik"));
  SIAK_RETURN_IF_ERROR(f.Text("hubungan_pelapor", false).status());
  SIAK_RETURN_IF_ERROR(f.Witnesses().status());
  SIAK_ASSIGN_OR_RETURN(std::optional<Nik> kepala_baru, f.OptionalNik("kepala_baru"));
  SIAK_ASSIGN_OR_RETURN(std::string late, f.Text("late_decision", false, 200));
  SIAK_RETURN_IF_ERROR(f.NoOthers());

  Checked c;
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, PersonNamed(ctx, who, "nik", nik));
  SIAK_RETURN_IF_ERROR(RequireAlive("nik", p));
  if (died < p.person.tanggal_lahir) {
    return Status::Invalid("tanggal_kematian", died.ToString(),
                           "is before the person's birth (" + p.person.tanggal_lahir.ToString() + ")");
  }
  SIAK_ASSIGN_OR_RETURN(c.timeliness, Deadline(ctx, VitalEventKind::kKematian, died, "tanggal_kematian", late));
  c.persons.push_back(std::string(nik.digits()));
  if (pelapor) {
    if (*pelapor == nik) return Status::Invalid("pelapor_nik", pelapor->digits(), "the deceased cannot report their death");
    SIAK_RETURN_IF_ERROR(PersonNamed(ctx, who, "pelapor_nik", *pelapor).status());
    c.persons.push_back(std::string(pelapor->digits()));
  }
  SIAK_ASSIGN_OR_RETURN(std::optional<Family> family, FamilyOf(ctx, who, p));
  if (kepala_baru) {
    if (!family || family->head() != nik) {
      return Status::Invalid("kepala_baru", kepala_baru->digits(), "is given only when the deceased heads a KK");
    }
    SIAK_RETURN_IF_ERROR(Successor(ctx, who, *family, nik, kepala_baru).status());
    c.persons.push_back(std::string(kepala_baru->digits()));
  }
  c.region_code = p.person.wilayah.digits();
  c.event_date = died;
  c.subject_nik = std::string(nik.digits());
  c.data = f.out();
  return c;
}

Result<Effects> ApplyDeath(Context& ctx, const Principal& who, int64_t event_id, const Checked& c,
                           const std::string& akta) {
  SIAK_ASSIGN_OR_RETURN(Nik nik, Nik::ParseStructure(c.subject_nik));
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, ctx.registry.GetPerson(who, nik));
  SIAK_ASSIGN_OR_RETURN(std::optional<Family> family, FamilyOf(ctx, who, p));
  Effects e;
  e.subject_nik = c.subject_nik;
  e.persons.push_back(c.subject_nik);
  const std::string now = ctx.clock.NowIso();

  // The spouse(s) to widow: the head's istri/suami; or the head when the deceased was their
  // spouse and no other living spouse of theirs remains on the KK (a husband with two wives stays
  // married when one dies). Couples recorded elsewhere on a KK (an anak and a menantu) are not
  // recognised by SHDK alone: their status is updated through the register.
  std::vector<Nik> spouses;
  if (family && p.person.status_perkawinan == StatusPerkawinan::kKawin) {
    Shdk own = Shdk::kLainnya;
    for (const auto& m : family->members) {
      if (m.nik == nik) own = m.shdk;
    }
    auto is_spouse = [](Shdk s) { return s == Shdk::kIstri || s == Shdk::kSuami; };
    if (own == Shdk::kKepalaKeluarga) {
      for (const auto& m : family->members) {
        if (is_spouse(m.shdk)) spouses.push_back(m.nik);
      }
    } else if (is_spouse(own)) {
      bool another = false;
      for (const auto& m : family->members) {
        if (m.nik == nik || !is_spouse(m.shdk)) continue;
        SIAK_ASSIGN_OR_RETURN(StoredPerson other, ctx.registry.GetPerson(who, m.nik));
        another |= other.person.status_dasar == StatusDasar::kHidup &&
                   other.person.status_perkawinan == StatusPerkawinan::kKawin;
      }
      if (!another) spouses.push_back(family->head());
    }
  }

  // The KK: reissued without the deceased.
  if (family) {
    Json kk{{"old", family->kk_number.ToString()}};
    if (family->head() == nik) {
      std::optional<Nik> requested;
      if (const std::string k = c.data.value("kepala_baru", ""); !k.empty()) {
        SIAK_ASSIGN_OR_RETURN(Nik n, Nik::ParseStructure(k, "kepala_baru"));
        requested = n;
      }
      SIAK_ASSIGN_OR_RETURN(std::optional<FamilyMember> next, Successor(ctx, who, *family, nik, requested));
      if (next) {
        SIAK_ASSIGN_OR_RETURN(Family changed, ctx.registry.ChangeHead(who, family->kk_number, next->nik, Shdk::kLainnya));
        SIAK_ASSIGN_OR_RETURN(changed, ctx.registry.RemoveMember(who, changed.kk_number, nik));
        // The others' relationships to the new head (each member's own, by the first rule that fits).
        std::vector<FamilyMember> members = changed.members;
        bool reframed = false;
        for (auto& m : members) {
          for (const Reframe& r : kReframes) {
            if (r.successor == next->shdk && r.member == m.shdk) {
              m.shdk = r.becomes;
              reframed = true;
              break;
            }
          }
        }
        if (reframed) {
          SIAK_ASSIGN_OR_RETURN(changed, ctx.registry.SetRelationships(who, changed.kk_number, members,
                                                                       "the head died: relationships to the new head"));
        }
        kk["new"] = changed.kk_number.ToString();
        kk["head"] = std::string(next->nik.digits());
        // Every member now holds a new KK number.
        for (const auto& m : changed.members) e.persons.push_back(std::string(m.nik.digits()));
      } else {
        SIAK_RETURN_IF_ERROR(ctx.registry.DissolveFamily(who, family->kk_number, "its head died; no one to head it"));
        kk["dissolved"] = true;
      }
    } else {
      SIAK_ASSIGN_OR_RETURN(Family after, ctx.registry.RemoveMember(who, family->kk_number, nik));
      kk["new"] = after.kk_number.ToString();  // the same number, reissued
    }
    e.json["kk"] = kk;
  }

  // The spouse becomes cerai mati; a card showing "kawin" is reprinted.
  for (const Nik& s : spouses) {
    SIAK_ASSIGN_OR_RETURN(StoredPerson sp, ctx.registry.GetPerson(who, s));
    if (sp.person.status_perkawinan != StatusPerkawinan::kKawin || sp.person.status_dasar != StatusDasar::kHidup) continue;
    SIAK_RETURN_IF_ERROR(SetMaritalStatus(ctx, who, s, StatusPerkawinan::kCeraiMati,
                                          PencatatanPerkawinan::kTidakBerlaku, e));
    SIAK_RETURN_IF_ERROR(ctx.registry.MarkForReprint(who, s, "status perkawinan: cerai mati").status());
  }

  // Out of the biometric galleries (the matchers follow the gallery log); a recording still
  // queued for de-duplication ends as a failure, so that it cannot enrol them again.
  AbisStore abis(ctx.store);
  SIAK_ASSIGN_OR_RETURN(auto enrolled, abis.EnrolledJob(c.subject_nik));
  if (enrolled) {
    SIAK_RETURN_IF_ERROR(abis.LogGallery(c.subject_nik, "remove", 0, "", now).status());
    e.json["galleries"] = "removed";
  }
  SIAK_ASSIGN_OR_RETURN(auto jobs, abis.JobsOf(c.subject_nik));
  for (const auto& job : jobs) {
    if (job.state != "queued") continue;
    SIAK_RETURN_IF_ERROR(abis.FinishJob(job.id, "FAILURE",
                                        Json{{"reason", "the person died (akta kematian " + akta + ")"}}.dump(), now));
    e.json["abis_jobs_closed"].push_back(job.id);
  }

  // Cards and Suket revoked; a queued print cancelled.
  EktpStore ektp(ctx.store);
  const std::string reason = "meninggal dunia (akta kematian " + akta + ")";
  Json revoked = Json::array();
  SIAK_ASSIGN_OR_RETURN(auto cards, ektp.CardsOf(c.subject_nik));
  for (const auto& card : cards) {
    if (card.state == "printed" || card.state == "issued") {
      SIAK_RETURN_IF_ERROR(ektp.RevokeCard(card.serial, reason, now));
      revoked.push_back(card.serial);
    }
  }
  if (!revoked.empty()) e.json["cards_revoked"] = revoked;
  SIAK_ASSIGN_OR_RETURN(int64_t sukets, ektp.CloseSukets(c.subject_nik, "revoked", "", now));
  if (sukets > 0) e.json["suket_revoked"] = sukets;
  SIAK_ASSIGN_OR_RETURN(auto requests, ektp.RequestsOf(c.subject_nik));
  for (const auto& r : requests) {
    if (r.state == "queued") {
      SIAK_RETURN_IF_ERROR(ektp.CloseRequest(r.id, "cancelled", ""));
      e.json["print_cancelled"] = r.id;
    }
  }

  // Status dasar MATI, with the event naming the akta.
  Json payload{{"civil_event", event_id}, {"akta_number", akta}, {"tanggal_kematian", c.event_date.ToString()}};
  for (const auto& [k, v] : e.json.items()) payload[k] = v;
  SIAK_RETURN_IF_ERROR(
      ctx.registry.SetStatusDasar(who, nik, StatusDasar::kMati, RegisterEvent::kDeathRegistered, payload.dump()).status());
  e.json["status_dasar"] = "MATI";
  return e;
}

}  // namespace

const KindOps kDeathOps{VitalEventKind::kKematian, CheckDeath, ApplyDeath};

}  // namespace siak::civil
