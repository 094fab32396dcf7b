#include "app/register_service.h"

#include <algorithm>
#include <set>

#include "common/crypto.h"
#include "common/json_text.h"
#include "common/text.h"
#include "domain/eligibility.h"
#include "domain/name_key.h"

namespace siak {
namespace {

// The fields a person's update may change, and those only a correction may (static fields,
// Permendagri 74/2015; sex is corrected the same way, by court ruling).
struct FieldDiff {
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> dynamic_changes;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> static_changes;
  bool identity_changed = false;  // nik, kk_number, status_dasar, ektp_status: never through these paths
};

FieldDiff Diff(const Person& a, const Person& b) {
  FieldDiff d;
  auto dyn = [&](const char* name, const std::string& x, const std::string& y) {
    if (x != y) d.dynamic_changes.push_back({name, {x, y}});
  };
  auto stat = [&](const char* name, const std::string& x, const std::string& y) {
    if (x != y) d.static_changes.push_back({name, {x, y}});
  };
  auto n = [](auto code) { return std::to_string(CodeOf(code)); };
  stat("tempat_lahir", a.tempat_lahir, b.tempat_lahir);
  stat("tanggal_lahir", a.tanggal_lahir.ToString(), b.tanggal_lahir.ToString());
  stat("tanggal_lahir_presisi", std::to_string(static_cast<int>(a.tanggal_lahir_presisi)),
       std::to_string(static_cast<int>(b.tanggal_lahir_presisi)));
  stat("golongan_darah", n(a.golongan_darah), n(b.golongan_darah));
  stat("jenis_kelamin", n(a.jenis_kelamin), n(b.jenis_kelamin));
  dyn("nama", a.nama, b.nama);
  dyn("agama", n(a.agama), n(b.agama));
  dyn("status_perkawinan", n(a.status_perkawinan), n(b.status_perkawinan));
  dyn("perkawinan_tercatat", std::to_string(static_cast<int>(a.perkawinan_tercatat)),
      std::to_string(static_cast<int>(b.perkawinan_tercatat)));
  dyn("pendidikan", n(a.pendidikan), n(b.pendidikan));
  dyn("pekerjaan", n(a.pekerjaan), n(b.pekerjaan));
  dyn("kewarganegaraan", n(a.kewarganegaraan), n(b.kewarganegaraan));
  dyn("kitap", a.kitap ? "1" : "0", b.kitap ? "1" : "0");
  dyn("penyandang_cacat", a.penyandang_cacat ? n(*a.penyandang_cacat) : "", b.penyandang_cacat ? n(*b.penyandang_cacat) : "");
  dyn("nama_ayah", a.nama_ayah, b.nama_ayah);
  dyn("nama_ibu", a.nama_ibu, b.nama_ibu);
  dyn("wilayah", a.wilayah.digits(), b.wilayah.digits());
  dyn("alamat", a.alamat, b.alamat);
  dyn("rt", std::to_string(a.rt), std::to_string(b.rt));
  dyn("rw", std::to_string(a.rw), std::to_string(b.rw));
  d.identity_changed = a.nik != b.nik || a.kk_number != b.kk_number || a.status_dasar != b.status_dasar ||
                       a.ektp_status != b.ektp_status;
  return d;
}

std::string ChangesJson(const std::vector<std::pair<std::string, std::pair<std::string, std::string>>>& changes) {
  std::string out = "{";
  for (size_t i = 0; i < changes.size(); ++i) {
    if (i) out += ",";
    out += JsonQuote(changes[i].first) + ":[" + JsonQuote(changes[i].second.first) + "," +
           JsonQuote(changes[i].second.second) + "]";
  }
  return out + "}";
}

EktpStatus InitialEktpStatus(const Person& p, const Date& today) {
  EligibilityFacts facts{p.kewarganegaraan, p.kitap, p.tanggal_lahir, p.status_perkawinan, p.status_dasar};
  return WajibKtp(facts, today).wajib_ktp ? EktpStatus::kBelumRekam : EktpStatus::kBelumWajib;
}

std::string MembersJson(const Family& f) {
  std::string out = "[";
  for (size_t i = 0; i < f.members.size(); ++i) {
    if (i) out += ",";
    out += "{\"nik\":" + JsonQuote(f.members[i].nik.digits()) + ",\"shdk\":" + std::to_string(CodeOf(f.members[i].shdk)) + "}";
  }
  return out + "]";
}

}  // namespace

RegisterService::RegisterService(Store& store, const Clock& clock, const KnownDistricts& districts)
    : store_(store), clock_(clock), districts_(districts) {}

Status RegisterService::Event(RegisterEvent type, std::string_view subject, std::string_view province,
                              const Principal& who, std::string payload) {
  return store_
      .AppendEvent(EventRecord{0, clock_.NowIso(), static_cast<int>(type), std::string(subject), std::string(province),
                               who.username, std::move(payload)})
      .status();
}

Result<Nik> RegisterService::NextNik(const RegionCode& district, const Date& birth, JenisKelamin sex) {
  if (!districts_.Contains(district.digits())) {
    return Status::Invalid("nik_district", district.ToString(), "is not a kecamatan in the region data");
  }
  // The prefix (district + encoded date) is what serials are counted within.
  auto probe = Nik::Issue(district, birth, sex, {});
  if (!probe.ok()) return probe.status();
  // Concurrent registrations of the same prefix wait here until this transaction ends.
  SIAK_RETURN_IF_ERROR(store_.LockKey("nik:" + std::string(probe->serial_prefix())));
  SIAK_ASSIGN_OR_RETURN(std::vector<int> used, store_.UsedNikSerials(probe->serial_prefix()));
  return Nik::Issue(district, birth, sex, used);
}

Result<StoredPerson> RegisterService::LoadInScope(const Principal& who, const Nik& nik) {
  auto p = store_.GetPerson(nik);
  if (!p.ok()) return p;
  if (!InScope(who.scope, p->person.wilayah.digits())) return Status::NotFound("nik", nik.digits());
  return p;
}

Result<StoredPerson> RegisterService::RegisterPerson(const Principal& who, Person person, bool imported,
                                                     std::vector<NikWarning>* warnings) {
  const Date today = clock_.Today();
  if (!InScope(who.scope, person.wilayah.digits())) {
    return Status::Invalid("wilayah", person.wilayah.ToString(), "is outside your region scope " + ScopeLabel(who.scope));
  }
  if (person.nik.kind() == NikKind::kNik && !districts_.Contains(person.nik.district_digits())) {
    return Status::Invalid("nik", person.nik.digits(), "district code (digits 1-6) is not a kecamatan in the region data");
  }
  if (!districts_.Contains(person.wilayah.digits().substr(0, 6))) {
    return Status::Invalid("wilayah", person.wilayah.ToString(), "is not in the region data");
  }
  person.kk_number.reset();  // a KK is joined through the family endpoints
  person.status_dasar = StatusDasar::kHidup;
  person.ektp_status = InitialEktpStatus(person, today);
  SIAK_RETURN_IF_ERROR(ValidatePerson(person, today));
  auto mismatches = person.nik.CheckAgainst(person.tanggal_lahir, person.jenis_kelamin);
  if (!imported && !mismatches.empty()) {
    return Status::Internal("an issued NIK disagrees with the birth date or sex it was issued for");
  }
  if (warnings) *warnings = mismatches;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_RETURN_IF_ERROR(store_.InsertPersons(std::span<const Person>(&person, 1)));
    return Event(imported ? RegisterEvent::kPersonImported : RegisterEvent::kPersonRegistered, person.nik.digits(),
                 person.wilayah.province_digits(), who,
                 "{\"wilayah\":" + JsonQuote(person.wilayah.ToString()) + ",\"ektp_status\":" +
                     JsonQuote(EktpStatusName(person.ektp_status)) + "}");
  });
  if (!st.ok()) return st;
  return StoredPerson{person, 1};
}

Result<StoredPerson> RegisterService::GetPerson(const Principal& who, const Nik& nik) { return LoadInScope(who, nik); }

Result<StoredPerson> RegisterService::UpdatePerson(const Principal& who, const Person& updated,
                                                   int64_t expected_version) {
  const Date today = clock_.Today();
  SIAK_RETURN_IF_ERROR(ValidatePerson(updated, today));
  StoredPerson result{updated, 0};
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(StoredPerson current, LoadInScope(who, updated.nik));
    if (current.version != expected_version) {
      return Status::Conflict("If-Match", std::to_string(expected_version),
                              "the person changed since it was read (now version " + std::to_string(current.version) +
                                  "); reload and try again");
    }
    const FieldDiff diff = Diff(current.person, updated);
    if (!diff.static_changes.empty()) {
      return Status::Invalid(diff.static_changes.front().first, diff.static_changes.front().second.second,
                             "is a static field: change it through a correction with a reason and a document");
    }
    if (diff.identity_changed) {
      return Status::Invalid("nik", updated.nik.digits(),
                             "NIK, KK, status dasar and e-KTP status change only through their own procedures");
    }
    if (!InScope(who.scope, updated.wilayah.digits())) {
      return Status::Invalid("wilayah", updated.wilayah.ToString(), "is outside your region scope; record a move");
    }
    if (updated.wilayah.digits().substr(0, 6) != current.person.wilayah.digits().substr(0, 6) ||
        (current.person.kk_number && updated.wilayah != current.person.wilayah)) {
      return Status::Invalid("wilayah", updated.wilayah.ToString(), "a change of address is recorded as a move");
    }
    if (diff.dynamic_changes.empty()) {
      result.version = current.version;
      return Status::Ok();
    }
    // A change that makes a person wajib KTP (a marriage before 17) moves them to BELUM_REKAM.
    Person saved = updated;
    const bool became_wajib = saved.ektp_status == EktpStatus::kBelumWajib &&
                              InitialEktpStatus(saved, clock_.Today()) == EktpStatus::kBelumRekam;
    if (became_wajib) saved.ektp_status = *NextEktpStatus(EktpStatus::kBelumWajib, EktpEvent::kBecameWajib);
    SIAK_ASSIGN_OR_RETURN(result.version, store_.UpdatePerson(saved, expected_version));
    result.person = saved;
    if (became_wajib) {
      SIAK_RETURN_IF_ERROR(store_
                               .AppendEvent(EventRecord{0, clock_.NowIso(), static_cast<int>(EktpEvent::kBecameWajib),
                                                        saved.nik.ToString(), std::string(saved.wilayah.province_digits()),
                                                        who.username, "{\"reason\":\"status perkawinan\"}"})
                               .status());
    }
    return Event(RegisterEvent::kPersonUpdated, updated.nik.digits(), updated.wilayah.province_digits(), who,
                 "{\"changes\":" + ChangesJson(diff.dynamic_changes) + "}");
  });
  if (!st.ok()) return st;
  return result;
}

Result<StoredPerson> RegisterService::CorrectPerson(const Principal& who, const Person& corrected,
                                                    int64_t expected_version, const std::string& reason,
                                                    const std::string& document) {
  if (Trim(reason).size() < 5) return Status::Invalid("reason", reason, "a correction needs a reason (at least 5 characters)");
  if (Trim(document).empty()) {
    return Status::Invalid("document", document, "a correction needs the supporting document's reference");
  }
  SIAK_RETURN_IF_ERROR(ValidatePerson(corrected, clock_.Today()));
  StoredPerson result{corrected, 0};
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(StoredPerson current, LoadInScope(who, corrected.nik));
    if (current.version != expected_version) {
      return Status::Conflict("If-Match", std::to_string(expected_version),
                              "the person changed since it was read (now version " + std::to_string(current.version) +
                                  "); reload and try again");
    }
    const FieldDiff diff = Diff(current.person, corrected);
    if (!diff.dynamic_changes.empty() || diff.identity_changed) {
      return Status::Invalid(diff.dynamic_changes.empty() ? "nik" : diff.dynamic_changes.front().first, "",
                             "a correction changes only static fields (tempat_lahir, tanggal_lahir, golongan_darah, "
                             "jenis_kelamin); use an update for the others");
    }
    if (diff.static_changes.empty()) return Status::Invalid("body", "", "the correction changes nothing");
    SIAK_ASSIGN_OR_RETURN(result.version, store_.UpdatePerson(corrected, expected_version));
    std::string payload = "{\"changes\":" + ChangesJson(diff.static_changes) + ",\"reason\":" + JsonQuote(reason) +
                          ",\"document\":" + JsonQuote(document);
    const auto warnings = corrected.nik.CheckAgainst(corrected.tanggal_lahir, corrected.jenis_kelamin);
    if (!warnings.empty()) payload += ",\"nik_unchanged\":" + JsonQuote(warnings.front().message);
    return Event(RegisterEvent::kPersonCorrected, corrected.nik.digits(), corrected.wilayah.province_digits(), who,
                 payload + "}");
  });
  if (!st.ok()) return st;
  return result;
}

Result<std::vector<EventRecord>> RegisterService::History(const Principal& who, const Nik& nik) {
  SIAK_RETURN_IF_ERROR(LoadInScope(who, nik).status());
  return store_.EventsFor(nik.digits());
}

// ---- families ----------------------------------------------------------------------------

Result<Family> RegisterService::LoadFamilyInScope(const Principal& who, const KkNumber& kk) {
  auto f = store_.GetFamily(kk);
  if (!f.ok()) return f;
  if (!InScope(who.scope, f->wilayah.digits())) return Status::NotFound("kk_number", kk.digits());
  return f;
}

Result<Family> RegisterService::GetFamily(const Principal& who, const KkNumber& kk) { return LoadFamilyInScope(who, kk); }

Result<KkNumber> RegisterService::IssueKk(const Principal& who, const RegionCode& village) {
  const RegionCode district = village.Parent();
  auto probe = KkNumber::Issue(district, clock_.Today(), {});
  if (!probe.ok()) return probe.status();
  SIAK_RETURN_IF_ERROR(store_.LockKey("kk:" + std::string(probe->serial_prefix())));
  SIAK_ASSIGN_OR_RETURN(std::vector<int> used, store_.UsedKkSerials(probe->serial_prefix()));
  SIAK_ASSIGN_OR_RETURN(KkNumber issued, KkNumber::Issue(district, clock_.Today(), used));
  SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kKkIssued, issued.digits(), village.province_digits(), who,
                             "{\"village\":" + JsonQuote(village.ToString()) + "}"));
  return issued;
}

Status RegisterService::SetKk(const Nik& nik, const std::optional<KkNumber>& kk) {
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, store_.GetPerson(nik));
  if (p.person.kk_number == kk) return Status::Ok();
  p.person.kk_number = kk;
  return store_.UpdatePerson(p.person, p.version).status();
}

Status RegisterService::SaveFamily(const Family& family, bool move_members_address) {
  SIAK_RETURN_IF_ERROR(ValidateFamily(family));
  SIAK_RETURN_IF_ERROR(store_.PutFamily(family));
  for (const auto& m : family.members) {
    SIAK_ASSIGN_OR_RETURN(StoredPerson p, store_.GetPerson(m.nik));
    bool changed = p.person.kk_number != family.kk_number;
    p.person.kk_number = family.kk_number;
    if (move_members_address && (p.person.wilayah != family.wilayah || p.person.alamat != family.alamat ||
                                 p.person.rt != family.rt || p.person.rw != family.rw)) {
      p.person.wilayah = family.wilayah;
      p.person.alamat = family.alamat;
      p.person.rt = family.rt;
      p.person.rw = family.rw;
      changed = true;
    }
    if (changed) SIAK_RETURN_IF_ERROR(store_.UpdatePerson(p.person, p.version).status());
  }
  return Status::Ok();
}

Result<Family> RegisterService::CreateFamily(const Principal& who, const FamilyDraft& draft) {
  if (!InScope(who.scope, draft.wilayah.digits())) {
    return Status::Invalid("wilayah", draft.wilayah.ToString(), "is outside your region scope " + ScopeLabel(who.scope));
  }
  if (!districts_.Contains(draft.wilayah.digits().substr(0, 6))) {
    return Status::Invalid("wilayah", draft.wilayah.ToString(), "is not in the region data");
  }
  std::optional<Family> created;
  Status st = store_.Transaction([&]() -> Status {
    for (size_t i = 0; i < draft.members.size(); ++i) {
      const std::string field = "members[" + std::to_string(i) + "].nik";
      auto p = LoadInScope(who, draft.members[i].nik);
      if (!p.ok()) return p.status().code() == StatusCode::kNotFound ? Status::NotFound(field, draft.members[i].nik.digits())
                                                                      : p.status();
      if (p->person.kk_number) {
        return Status::Invalid(field, draft.members[i].nik.digits(),
                               "is already on KK " + p->person.kk_number->ToString() + "; remove or move them first");
      }
      if (p->person.wilayah != draft.wilayah) {
        return Status::Invalid(field, draft.members[i].nik.digits(),
                               "lives in " + p->person.wilayah.ToString() + ", not in the KK's village; record a move first");
      }
    }
    SIAK_ASSIGN_OR_RETURN(KkNumber kk, IssueKk(who, draft.wilayah));
    Family f{kk, draft.wilayah, draft.alamat, draft.rt, draft.rw, clock_.Today(), draft.members};
    SIAK_RETURN_IF_ERROR(SaveFamily(f, true));
    SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kFamilyCreated, kk.digits(), f.wilayah.province_digits(), who,
                               "{\"members\":" + MembersJson(f) + "}"));
    created = f;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *created;
}

Result<Family> RegisterService::AddMember(const Principal& who, const KkNumber& kk, const Nik& nik, Shdk shdk) {
  std::optional<Family> out;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(Family f, LoadFamilyInScope(who, kk));
    SIAK_ASSIGN_OR_RETURN(StoredPerson p, LoadInScope(who, nik));
    if (p.person.kk_number) {
      return Status::Invalid("nik", nik.digits(), "is already on KK " + p.person.kk_number->ToString());
    }
    if (shdk == Shdk::kKepalaKeluarga) return Status::Invalid("shdk", "1", "a KK has one head; use change-head");
    f.members.push_back({nik, shdk});
    f.tanggal_terbit = clock_.Today();  // reissued with the new member
    SIAK_RETURN_IF_ERROR(SaveFamily(f, true));
    SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kFamilyMemberAdded, kk.digits(), f.wilayah.province_digits(), who,
                               "{\"nik\":" + JsonQuote(nik.digits()) + ",\"shdk\":" + std::to_string(CodeOf(shdk)) + "}"));
    out = f;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *out;
}

Result<Family> RegisterService::RemoveMember(const Principal& who, const KkNumber& kk, const Nik& nik) {
  std::optional<Family> out;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(Family f, LoadFamilyInScope(who, kk));
    auto it = std::find_if(f.members.begin(), f.members.end(), [&](const FamilyMember& m) { return m.nik == nik; });
    if (it == f.members.end()) return Status::NotFound("nik", nik.digits());
    if (it->shdk == Shdk::kKepalaKeluarga) {
      return Status::Invalid("nik", nik.digits(), "is the head: change the head first, or split or move the family");
    }
    f.members.erase(it);
    f.tanggal_terbit = clock_.Today();  // the KK keeps its number and is reissued
    SIAK_RETURN_IF_ERROR(SaveFamily(f, false));
    SIAK_RETURN_IF_ERROR(SetKk(nik, std::nullopt));
    SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kFamilyMemberRemoved, kk.digits(), f.wilayah.province_digits(), who,
                               "{\"nik\":" + JsonQuote(nik.digits()) + "}"));
    out = f;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *out;
}

Result<Family> RegisterService::ChangeHead(const Principal& who, const KkNumber& kk, const Nik& new_head,
                                           Shdk old_head_shdk) {
  if (old_head_shdk == Shdk::kKepalaKeluarga) {
    return Status::Invalid("old_head_shdk", "1", "the former head needs another relationship");
  }
  std::optional<Family> out;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(Family f, LoadFamilyInScope(who, kk));
    if (f.head() == new_head) return Status::Invalid("new_head", new_head.digits(), "is already the head of this KK");
    bool found = false;
    for (auto& m : f.members) {
      if (m.shdk == Shdk::kKepalaKeluarga) m.shdk = old_head_shdk;
      if (m.nik == new_head) {
        m.shdk = Shdk::kKepalaKeluarga;
        found = true;
      }
    }
    if (!found) return Status::Invalid("new_head", new_head.digits(), "is not a member of KK " + kk.ToString());
    // A KK number belongs to its head: the family continues under a new number.
    SIAK_ASSIGN_OR_RETURN(KkNumber next, IssueKk(who, f.wilayah));
    SIAK_RETURN_IF_ERROR(store_.DeleteFamily(kk));
    f.kk_number = next;
    f.tanggal_terbit = clock_.Today();
    SIAK_RETURN_IF_ERROR(SaveFamily(f, false));
    const std::string payload = "{\"old_kk\":" + JsonQuote(kk.digits()) + ",\"new_kk\":" + JsonQuote(next.digits()) +
                                ",\"new_head\":" + JsonQuote(new_head.digits()) + "}";
    SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kFamilyHeadChanged, kk.digits(), f.wilayah.province_digits(), who, payload));
    SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kFamilyCreated, next.digits(), f.wilayah.province_digits(), who,
                               "{\"from\":" + JsonQuote(kk.digits()) + ",\"members\":" + MembersJson(f) + "}"));
    out = f;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *out;
}

Result<SplitResult> RegisterService::Split(const Principal& who, const KkNumber& kk,
                                           const std::vector<FamilyMember>& leaving, std::optional<Nik> staying_head) {
  std::optional<SplitResult> out;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(Family f, LoadFamilyInScope(who, kk));
    std::set<std::string> leaving_niks;
    for (size_t i = 0; i < leaving.size(); ++i) {
      const auto& l = leaving[i];
      if (std::none_of(f.members.begin(), f.members.end(), [&](const FamilyMember& m) { return m.nik == l.nik; })) {
        return Status::Invalid("leaving[" + std::to_string(i) + "].nik", l.nik.digits(), "is not a member of KK " + kk.ToString());
      }
      leaving_niks.insert(l.nik.ToString());
    }
    Family remaining = f;
    remaining.members.clear();
    bool head_leaves = false;
    for (const auto& m : f.members) {
      if (leaving_niks.contains(m.nik.ToString())) {
        head_leaves |= m.shdk == Shdk::kKepalaKeluarga;
      } else {
        remaining.members.push_back(m);
      }
    }
    if (remaining.members.empty()) return Status::Invalid("leaving", "", "someone must stay; to move everyone, record a move");
    if (head_leaves) {
      if (!staying_head) return Status::Invalid("staying_head", "", "the head leaves: name the new head of those who stay");
      bool found = false;
      for (auto& m : remaining.members) {
        if (m.nik == *staying_head) {
          m.shdk = Shdk::kKepalaKeluarga;
          found = true;
        }
      }
      if (!found) return Status::Invalid("staying_head", staying_head->digits(), "is not among those who stay");
    }
    // Members leave the old KK first (a NIK is on one KK only), and each new number is stored
    // before the next is issued (serials are counted from the store).
    if (head_leaves) {
      SIAK_RETURN_IF_ERROR(store_.DeleteFamily(kk));
    } else {
      remaining.tanggal_terbit = clock_.Today();  // the KK keeps its number and is reissued
      SIAK_RETURN_IF_ERROR(store_.PutFamily(remaining));
    }
    for (const auto& l : leaving) SIAK_RETURN_IF_ERROR(SetKk(l.nik, std::nullopt));
    SIAK_ASSIGN_OR_RETURN(KkNumber split_kk, IssueKk(who, f.wilayah));
    Family split_off{split_kk, f.wilayah, f.alamat, f.rt, f.rw, clock_.Today(), leaving};
    SIAK_RETURN_IF_ERROR(ValidateFamily(split_off).WithFieldPrefix("leaving"));
    SIAK_RETURN_IF_ERROR(SaveFamily(split_off, false));
    if (head_leaves) {
      SIAK_ASSIGN_OR_RETURN(remaining.kk_number, IssueKk(who, f.wilayah));
      remaining.tanggal_terbit = clock_.Today();
    }
    SIAK_RETURN_IF_ERROR(SaveFamily(remaining, false));
    SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kFamilySplit, kk.digits(), f.wilayah.province_digits(), who,
                               "{\"new_kk\":" + JsonQuote(split_kk.digits()) + ",\"remaining_kk\":" +
                                   JsonQuote(remaining.kk_number.digits()) + ",\"leaving\":" + MembersJson(split_off) + "}"));
    out = SplitResult{remaining, split_off};
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *out;
}

Result<Family> RegisterService::Reissue(const Principal& who, const KkNumber& kk) {
  std::optional<Family> out;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(Family f, LoadFamilyInScope(who, kk));
    f.tanggal_terbit = clock_.Today();
    SIAK_RETURN_IF_ERROR(store_.PutFamily(f));
    SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kFamilyReissued, kk.digits(), f.wilayah.province_digits(), who,
                               "{\"tanggal_terbit\":" + JsonQuote(f.tanggal_terbit.ToString()) + "}"));
    out = f;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *out;
}

// ---- moves -------------------------------------------------------------------------------

Result<MoveResult> RegisterService::Move(const Principal& who, const MoveRequest& req) {
  if (req.movers.empty()) return Status::Invalid("movers", "", "name at least one person who moves");
  if (req.destination.level() != RegionLevel::kVillage || !districts_.Contains(req.destination.digits().substr(0, 6))) {
    return Status::Invalid("destination", req.destination.ToString(), "must be a desa/kelurahan in the region data");
  }
  if (req.rt < 1 || req.rt > 999) return Status::Invalid("rt", std::to_string(req.rt), "must be 001-999");
  if (req.rw < 1 || req.rw > 999) return Status::Invalid("rw", std::to_string(req.rw), "must be 001-999");
  if (!req.join_kk) SIAK_RETURN_IF_ERROR(ValidateAlamat(req.alamat));
  std::optional<MoveResult> out;
  Status st = store_.Transaction([&]() -> Status {
    // Who moves, from which KK.
    std::vector<StoredPerson> movers;
    std::optional<KkNumber> origin_kk;
    for (size_t i = 0; i < req.movers.size(); ++i) {
      auto p = LoadInScope(who, req.movers[i]);
      if (!p.ok()) return p.status().WithFieldPrefix("movers[" + std::to_string(i) + "]");
      if (i == 0) origin_kk = p->person.kk_number;
      if (p->person.kk_number != origin_kk) {
        return Status::Invalid("movers[" + std::to_string(i) + "]", req.movers[i].digits(),
                               "is on another KK; movers must come from one KK");
      }
      movers.push_back(*p);
    }
    const RegionCode origin = movers.front().person.wilayah;
    const Person& first = movers.front().person;
    if (origin == req.destination && !req.join_kk && first.alamat == req.alamat && first.rt == req.rt &&
        first.rw == req.rw) {
      return Status::Invalid("destination", req.destination.ToString(), "is the current address; nothing moves");
    }
    std::string skpwni;
    std::optional<KkNumber> staying_kk_number;
    std::vector<Nik> reprint;
    const bool between_regencies = origin.digits().substr(0, 4) != req.destination.digits().substr(0, 4);
    if (between_regencies) {
      // SKPWNI number: origin regency, date, and a random part (unique without coordination).
      const std::string date = clock_.Today().ToString();
      skpwni = "SKPWNI/" + std::string(origin.digits().substr(0, 4)) + "/" + date.substr(0, 4) + date.substr(5, 2) +
               date.substr(8, 2) + "/" + RandomTokenHex(4);
    }

    // The origin family: who stays, and under which number.
    std::vector<FamilyMember> moving_members;
    bool whole_family = true;
    if (origin_kk) {
      SIAK_ASSIGN_OR_RETURN(Family origin_family, store_.GetFamily(*origin_kk));
      std::vector<FamilyMember> staying;
      bool head_moves = false;
      for (const auto& m : origin_family.members) {
        const bool moves = std::any_of(movers.begin(), movers.end(), [&](const StoredPerson& p) { return p.person.nik == m.nik; });
        if (moves) {
          moving_members.push_back(m);
          head_moves |= m.shdk == Shdk::kKepalaKeluarga;
        } else {
          staying.push_back(m);
        }
      }
      whole_family = staying.empty();
      if (!whole_family) {
        if (head_moves) {
          if (!req.staying_head) return Status::Invalid("staying_head", "", "the head moves out: name the new head of those who stay");
          bool found = false;
          for (auto& m : staying) {
            if (m.nik == *req.staying_head) {
              m.shdk = Shdk::kKepalaKeluarga;
              found = true;
            }
          }
          if (!found) return Status::Invalid("staying_head", req.staying_head->digits(), "is not among those who stay");
          // Those who stay get a new KK number (Permendagri 108/2019).
          SIAK_RETURN_IF_ERROR(store_.DeleteFamily(*origin_kk));
          SIAK_ASSIGN_OR_RETURN(KkNumber staying_kk, IssueKk(who, origin));
          origin_family.kk_number = staying_kk;
        }
        origin_family.members = staying;
        origin_family.tanggal_terbit = clock_.Today();  // kept number: reissued
        SIAK_RETURN_IF_ERROR(store_.PutFamily(origin_family));  // the movers leave it
        for (const auto& m : moving_members) SIAK_RETURN_IF_ERROR(SetKk(m.nik, std::nullopt));
        SIAK_RETURN_IF_ERROR(SaveFamily(origin_family, false));
        staying_kk_number = origin_family.kk_number;
        // The movers without their head form a family whose first member leads it.
        if (!head_moves && !req.join_kk) {
          moving_members.front().shdk = Shdk::kKepalaKeluarga;
        }
      } else {
        SIAK_RETURN_IF_ERROR(store_.DeleteFamily(*origin_kk));
        for (const auto& m : moving_members) SIAK_RETURN_IF_ERROR(SetKk(m.nik, std::nullopt));
      }
    } else {
      for (const auto& p : movers) moving_members.push_back({p.person.nik, Shdk::kLainnya});
      moving_members.front().shdk = Shdk::kKepalaKeluarga;
    }

    // The destination family.
    std::optional<Family> destination_family;
    if (req.join_kk) {
      auto target = store_.GetFamily(*req.join_kk);
      if (!target.ok()) return target.status().code() == StatusCode::kNotFound ? Status::NotFound("join_kk", req.join_kk->digits()) : target.status();
      if (target->wilayah != req.destination) {
        return Status::Invalid("join_kk", req.join_kk->digits(), "lives at " + target->wilayah.ToString() + ", not at the destination");
      }
      destination_family = *target;
      for (auto m : moving_members) {
        if (m.shdk == Shdk::kKepalaKeluarga) m.shdk = Shdk::kFamiliLain;  // the KK keeps its head
        destination_family->members.push_back(m);
      }
      destination_family->tanggal_terbit = clock_.Today();
    } else if (whole_family && origin_kk && origin.digits().substr(0, 6) == req.destination.digits().substr(0, 6)) {
      // Within one kecamatan the whole family keeps its KK number; the KK is reissued.
      destination_family = Family{*origin_kk, req.destination, req.alamat, req.rt, req.rw, clock_.Today(), moving_members};
    } else {
      SIAK_ASSIGN_OR_RETURN(KkNumber issued, IssueKk(who, req.destination));
      destination_family = Family{issued, req.destination, req.alamat, req.rt, req.rw, clock_.Today(), moving_members};
    }
    const Family& destination = *destination_family;
    SIAK_RETURN_IF_ERROR(SaveFamily(destination, true));

    // Same NIKs; new address; cards with the old address are reprinted.
    for (const auto& m : moving_members) {
      SIAK_ASSIGN_OR_RETURN(bool marked, MarkForReprint(who, m.nik, "change of address"));
      if (marked) reprint.push_back(m.nik);
      const std::string payload = "{\"from\":" + JsonQuote(origin.ToString()) + ",\"to\":" + JsonQuote(req.destination.ToString()) +
                                  ",\"skpwni\":" + JsonQuote(skpwni) + ",\"kk\":" + JsonQuote(destination.kk_number.digits()) +
                                  ",\"reason\":" + JsonQuote(req.reason) + "}";
      SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kMovedOut, m.nik.digits(), origin.province_digits(), who, payload));
      SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kMovedIn, m.nik.digits(), req.destination.province_digits(), who, payload));
    }
    out = MoveResult{skpwni, destination.kk_number, staying_kk_number, reprint};
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *out;
}

// ---- search ------------------------------------------------------------------------------

Result<StoredPerson> RegisterService::SetStatusDasar(const Principal& who, const Nik& nik, StatusDasar status,
                                                    RegisterEvent type, const std::string& payload) {
  std::optional<StoredPerson> out;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(StoredPerson p, LoadInScope(who, nik));
    p.person.status_dasar = status;
    SIAK_ASSIGN_OR_RETURN(p.version, store_.UpdatePerson(p.person, p.version));
    SIAK_RETURN_IF_ERROR(Event(type, nik.digits(), p.person.wilayah.province_digits(), who, payload));
    out = p;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *out;
}

Result<Family> RegisterService::SetRelationships(const Principal& who, const KkNumber& kk,
                                                const std::vector<FamilyMember>& members, const std::string& reason) {
  std::optional<Family> out;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(Family f, LoadFamilyInScope(who, kk));
    std::set<std::string> before, after;
    for (const auto& m : f.members) before.insert(m.nik.ToString());
    for (const auto& m : members) after.insert(m.nik.ToString());
    if (before != after || members.size() != f.members.size()) {
      return Status::Invalid("members", "", "must be exactly the members of KK " + kk.ToString());
    }
    f.members = members;
    f.tanggal_terbit = clock_.Today();
    SIAK_RETURN_IF_ERROR(ValidateFamily(f));
    SIAK_RETURN_IF_ERROR(store_.PutFamily(f));
    SIAK_RETURN_IF_ERROR(Event(RegisterEvent::kFamilyReissued, kk.digits(), f.wilayah.province_digits(), who,
                               "{\"members\":" + MembersJson(f) + ",\"reason\":" + JsonQuote(reason) + "}"));
    out = f;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *out;
}

Status RegisterService::DissolveFamily(const Principal& who, const KkNumber& kk, const std::string& reason) {
  return store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(Family f, LoadFamilyInScope(who, kk));
    SIAK_RETURN_IF_ERROR(store_.DeleteFamily(kk));
    for (const auto& m : f.members) SIAK_RETURN_IF_ERROR(SetKk(m.nik, std::nullopt));
    return Event(RegisterEvent::kFamilyDissolved, kk.digits(), f.wilayah.province_digits(), who,
                 "{\"reason\":" + JsonQuote(reason) + "}");
  });
}

Result<bool> RegisterService::MarkForReprint(const Principal& who, const Nik& nik, const std::string& reason) {
  bool marked = false;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(StoredPerson p, store_.GetPerson(nik));
    if (p.person.ektp_status != EktpStatus::kCardIssued) return Status::Ok();
    p.person.ektp_status = *NextEktpStatus(EktpStatus::kCardIssued, EktpEvent::kReprintRequested);
    SIAK_RETURN_IF_ERROR(store_.UpdatePerson(p.person, p.version).status());
    SIAK_RETURN_IF_ERROR(store_
                             .AppendEvent(EventRecord{0, clock_.NowIso(), static_cast<int>(EktpEvent::kReprintRequested),
                                                      nik.ToString(), std::string(p.person.wilayah.province_digits()),
                                                      who.username, "{\"reason\":" + JsonQuote(reason) + "}"})
                             .status());
    marked = true;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return marked;
}

Result<SearchPage> RegisterService::Search(const Principal& who, const SearchQuery& q) {
  if (q.limit < 1 || q.limit > 100) return Status::Invalid("limit", std::to_string(q.limit), "must be 1-100");
  PersonFilter filter;
  // The caller's scope and the asked-for region, whichever is narrower; disjoint: nothing.
  const std::string& scope = who.scope;
  if (q.region_prefix.starts_with(scope)) {
    filter.region_prefix = q.region_prefix;
  } else if (scope.starts_with(q.region_prefix)) {
    filter.region_prefix = scope;
  } else {
    return SearchPage{};
  }
  filter.birth_date = q.birth_date;
  filter.after_nik = q.cursor;
  filter.limit = q.limit;
  const std::string text(Trim(q.text));
  if (IsAllDigits(text) && text.size() == 16) {
    auto kk = KkNumber::ParseStructure(text);
    auto nik = Nik::ParseStructure(text);
    SearchPage page;
    if (nik.ok() && q.cursor.empty()) {
      auto p = LoadInScope(who, *nik);
      if (p.ok()) page.persons.push_back(*p);
      else if (p.status().code() != StatusCode::kNotFound) return p.status();
    }
    if (page.persons.empty() && kk.ok()) {
      filter.kk_number = text;
      SIAK_ASSIGN_OR_RETURN(page.persons, store_.FindPersons(filter));
      if (static_cast<int>(page.persons.size()) == q.limit) page.next_cursor = page.persons.back().person.nik.ToString();
    }
    return page;
  }
  if (IsAllDigits(text)) return Status::Invalid("q", text, "a NIK or KK number has 16 digits");
  const std::vector<std::string> tokens = NameSearchTokens(text);
  if (tokens.empty() && !q.birth_date) {
    return Status::Invalid("q", text, "give a NIK, a KK number, a name or a birth date");
  }
  // Each query word matches its canonical token, or a stored token one typo away (one letter
  // added, dropped, changed, or two neighbours swapped), found through the deletion-variant
  // index whatever the size of the register.
  auto expand = [&](const std::string& token) -> Result<std::vector<std::string>> {
    std::vector<std::string> set = {token};
    if (token.size() < kMinTypoTokenLength) return set;
    SIAK_ASSIGN_OR_RETURN(std::vector<std::string> near, store_.TokensWithVariants(NameTokenVariants(token)));
    for (const auto& candidate : near) {
      if (candidate != token && EditDistanceAtMost(candidate, token, 1)) set.push_back(candidate);
    }
    return set;
  };
  for (const auto& token : tokens) {
    SIAK_ASSIGN_OR_RETURN(std::vector<std::string> set, expand(token));
    filter.name_token_sets.push_back(std::move(set));
  }
  SearchPage page;
  SIAK_ASSIGN_OR_RETURN(page.persons, store_.FindPersons(filter));
  if (page.persons.empty() && tokens.size() > 1) {
    // "Nur Hayati" finds "Nurhayati": the words run together.
    filter.name_token_sets.clear();
    SIAK_ASSIGN_OR_RETURN(std::vector<std::string> set, expand(NameCompactKey(text)));
    filter.name_token_sets.push_back(std::move(set));
    SIAK_ASSIGN_OR_RETURN(page.persons, store_.FindPersons(filter));
  }
  if (static_cast<int>(page.persons.size()) == q.limit) page.next_cursor = page.persons.back().person.nik.ToString();
  return page;
}

}  // namespace siak
