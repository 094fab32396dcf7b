#include "app/civil_service.h"

#include <algorithm>
#include <set>

#include "app/civil_kinds.h"
#include "card/akta_render.h"
#include "common/text.h"
#include "store/abis_store.h"

namespace siak {

namespace civil {

const KindOps& OpsOf(VitalEventKind kind) {
  static const KindOps* const kAll[] = {&kBirthOps,       &kStillbirthOps,   &kDeathOps,    &kMarriageOps,
                                        &kDivorceOps,     &kRecognitionOps,  &kLegitimationOps, &kAdoptionOps,
                                        &kNameChangeOps,  &kCitizenshipOps};
  for (const KindOps* ops : kAll) {
    if (ops->kind == kind) return *ops;
  }
  return kBirthOps;  // unreachable: every kind has its ops (CivilServiceTest.EveryKindHasItsChecksAndEffects)
}

}  // namespace civil

namespace {

using civil::Json;

// The declaration fields that name persons by NIK (for the audit).
constexpr std::string_view kNikFields[] = {"nik",         "ibu",        "ayah",       "suami",     "istri",
                                           "pelapor_nik", "kepala_baru", "ayah_angkat", "ibu_angkat", "anak_ikut"};

// What a correction may change, per kind: the words of the akta, never who it is about or when
// (those need a cancellation and a new declaration: a birth date is in the NIK). Times are HH:MM.
struct Correctable {
  VitalEventKind kind;
  std::initializer_list<std::string_view> fields;
};
const Correctable kCorrectable[] = {
    {VitalEventKind::kKelahiran, {"nama", "tempat_lahir", "waktu_lahir", "nama_ibu", "nama_ayah"}},
    {VitalEventKind::kLahirMati, {"tempat_lahir", "waktu_lahir", "nama_ibu", "nama_ayah"}},
    {VitalEventKind::kKematian, {"waktu_kematian", "tempat_kematian", "pelapor", "hubungan_pelapor"}},
    {VitalEventKind::kPerkawinan, {"tempat_perkawinan", "pemuka_agama"}},
    {VitalEventKind::kPerceraian, {"pengadilan", "nomor_putusan"}},
};

std::vector<std::string_view> CorrectableFields(VitalEventKind kind) {
  for (const auto& c : kCorrectable) {
    if (c.kind == kind) return {c.fields.begin(), c.fields.end()};
  }
  return {};
}


bool IsNoteKind(VitalEventKind kind) { return RuleOf(kind).number_code.empty(); }

// A registered event's declaration with its registered corrections applied, in order.
Result<Json> CorrectedData(CivilStore& civil, const CivilEventRecord& rec) {
  Json data = Json::parse(rec.data, nullptr, false);
  if (!data.is_object()) return Status::Internal("stored civil_event.data is not a JSON object");
  SIAK_ASSIGN_OR_RETURN(auto further, civil.Naming(rec.id));
  for (const auto& f : further) {
    if (f.state != "REGISTERED" && f.state != "CORRECTED") continue;
    const Json fd = Json::parse(f.data, nullptr, false);
    if (fd.is_object() && fd.value("tindakan", "") == "pembetulan") {
      for (const auto& [field, value] : fd["perubahan"].items()) data[field] = value;
    }
  }
  return data;
}

// What the akta says of a parent's name: the declared (or corrected) name, else the name the
// parent named by NIK had when it was registered.
std::string ParentName(const Json& data, const Json& effects, const char* nik_field, const char* name_field) {
  const std::string name = data.value(name_field, "");
  if (!name.empty()) return name;
  const std::string nik = data.value(nik_field, "");
  if (!nik.empty() && effects.is_object() && effects.contains("nama") && effects["nama"].contains(nik)) {
    return effects["nama"][nik].get<std::string>();
  }
  return "";
}

}  // namespace

std::string BirthDeclarationJson(const BirthDeclaration& b) {
  Json j{{"kk_number", b.kk.ToString()},
         {"nama", b.nama},
         {"jenis_kelamin", static_cast<int>(b.jenis_kelamin)},
         {"tanggal_lahir", b.tanggal_lahir.ToString()},
         {"waktu_lahir", b.waktu_lahir},
         {"tempat_lahir", b.tempat_lahir},
         {"tempat_dilahirkan", b.tempat_dilahirkan},
         {"penolong", b.penolong},
         {"saksi", b.saksi}};
  if (b.ibu) j["ibu"] = std::string(b.ibu->digits());
  if (b.ayah) j["ayah"] = std::string(b.ayah->digits());
  if (!b.nama_ibu.empty()) j["nama_ibu"] = b.nama_ibu;
  if (!b.nama_ayah.empty()) j["nama_ayah"] = b.nama_ayah;
  if (!b.late_decision.empty()) j["late_decision"] = b.late_decision;
  return j.dump();
}

CivilService::CivilService(Store& store, const Clock& clock, RegisterService& registry,
                           const card::SigningKey* signing_key, const RegionIndex* regions)
    : store_(store), clock_(clock), registry_(registry), signing_key_(signing_key), regions_(regions) {}

Result<CivilEventRecord> CivilService::Declare(const Principal& who, VitalEventKind kind,
                                               std::string_view declaration_json) {
  const Json j = Json::parse(declaration_json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Invalid("declaration", "", "must be a JSON object");
  civil::Context ctx{store_, clock_, registry_};
  CivilEventRecord rec;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(civil::Checked c, civil::OpsOf(kind).check(ctx, who, j));
    rec.kind = std::string(RuleOf(kind).name);
    rec.state = std::string(DeclarationStateName(DeclarationState::kDeclared));
    rec.region_code = c.region_code;
    rec.subject_nik = c.subject_nik;
    rec.event_date = c.event_date.ToString();
    rec.timeliness = std::string(TimelinessName(c.timeliness));
    rec.late_decision = c.data.value("late_decision", "");
    rec.data = c.data.dump();
    rec.declared_by = who.username;
    rec.declared_at = clock_.NowIso();
    SIAK_ASSIGN_OR_RETURN(rec.id, CivilStore(store_).Insert(rec));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return rec;
}

Result<CivilEventRecord> CivilService::DeclareBirth(const Principal& who, const BirthDeclaration& birth) {
  return Declare(who, VitalEventKind::kKelahiran, BirthDeclarationJson(birth));
}

Result<CivilEventRecord> CivilService::Register(const Principal& who, int64_t id) {
  CivilEventRecord result;
  Status st = store_.Transaction([&]() -> Status {
    CivilStore civil(store_);
    SIAK_ASSIGN_OR_RETURN(CivilEventRecord rec, Get(who, id));
    if (rec.state != DeclarationStateName(DeclarationState::kDeclared)) {
      return Status::Conflict("event_id", std::to_string(id), "is " + rec.state + ", not a declaration");
    }
    const std::string now = clock_.NowIso();
    if (rec.corrects != 0) {
      std::string effects;
      SIAK_RETURN_IF_ERROR(RegisterFurther(who, rec, &effects));
      SIAK_RETURN_IF_ERROR(civil.Register(id, rec.subject_nik, "", who.username, now, effects));
    } else {
      SIAK_ASSIGN_OR_RETURN(VitalEventKind kind, VitalEventKindFromName(rec.kind));
      const Json declaration = Json::parse(rec.data, nullptr, false);
      if (declaration.is_discarded()) return Status::Internal("stored civil_event.data is not JSON");
      civil::Context ctx{store_, clock_, registry_};
      if (auto declared = Date::Parse(rec.declared_at.substr(0, 10)); declared.ok()) ctx.declared_on = *declared;
      // Checked again against the register as it is now (the deadline as it was when declared).
      SIAK_ASSIGN_OR_RETURN(civil::Checked c, civil::OpsOf(kind).check(ctx, who, declaration));
      Json names = Json::object();  // as they were when it was registered, for the akta
      for (const auto& nik : c.persons) {
        if (auto n = Nik::ParseStructure(nik); n.ok()) {
          if (auto p = registry_.GetPerson(who, *n); p.ok()) names[nik] = p->person.nama;
        }
      }
      std::string akta;
      const VitalEventRule& rule = RuleOf(kind);
      if (!rule.number_code.empty() && c.issues_akta) {
        const Date today = clock_.Today();
        const std::string regency = c.region_code.substr(0, 4);
        SIAK_ASSIGN_OR_RETURN(int64_t seq, civil.NextSequence(regency, std::string(rule.number_code), today.ToString()));
        SIAK_ASSIGN_OR_RETURN(akta, AktaNumber(regency, kind, today, seq));
      }
      SIAK_ASSIGN_OR_RETURN(civil::Effects e, civil::OpsOf(kind).apply(ctx, who, id, c, akta));
      std::set<std::string> persons(c.persons.begin(), c.persons.end());
      persons.insert(e.persons.begin(), e.persons.end());
      if (!e.subject_nik.empty()) {
        persons.insert(e.subject_nik);
        if (auto n = Nik::ParseStructure(e.subject_nik); n.ok() && !names.contains(e.subject_nik)) {
          if (auto p = registry_.GetPerson(who, *n); p.ok()) names[e.subject_nik] = p->person.nama;
        }
      }
      e.json["persons"] = std::vector<std::string>(persons.begin(), persons.end());
      e.json["nama"] = names;
      SIAK_RETURN_IF_ERROR(civil.Register(id, e.subject_nik, akta, who.username, now, e.json.dump()));
    }
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

Result<CivilEventRecord> CivilService::DeclareCorrection(const Principal& who, int64_t id, std::string_view changes_json,
                                                         const std::string& reason, const std::string& document) {
  return DeclareFurther(who, id, "pembetulan", std::string(changes_json), reason, document);
}

Result<CivilEventRecord> CivilService::DeclareCancellation(const Principal& who, int64_t id, const std::string& reason,
                                                           const std::string& document) {
  return DeclareFurther(who, id, "pembatalan", "{}", reason, document);
}

Result<CivilEventRecord> CivilService::DeclareFurther(const Principal& who, int64_t id, const std::string& action,
                                                      const std::string& changes_json, const std::string& reason,
                                                      const std::string& document) {
  auto one_line = [](const std::string& t) {
    return std::none_of(t.begin(), t.end(), [](unsigned char c) { return c < 0x20; });
  };
  if (Trim(reason).size() < 5 || reason.size() > 500 || !one_line(reason)) {
    return Status::Invalid("reason", reason, "say why, in 5-500 characters on one line");
  }
  if (Trim(document).empty() || document.size() > 200 || !one_line(document)) {
    return Status::Invalid("document", document,
                           action == "pembatalan" ? "the court's decision (number and date), 1-200 characters"
                                                  : "the supporting document (number and date), 1-200 characters");
  }
  const Json changes = Json::parse(changes_json, nullptr, false);
  if (changes.is_discarded() || !changes.is_object()) return Status::Invalid("changes", "", "must be a JSON object");
  CivilEventRecord rec;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(CivilEventRecord original, Get(who, id));
    if (original.corrects != 0) {
      return Status::Invalid("event_id", std::to_string(id),
                             "is itself a correction or cancellation: name the event it is about (" +
                                 std::to_string(original.corrects) + ")");
    }
    SIAK_ASSIGN_OR_RETURN(DeclarationState state, DeclarationStateFromName(original.state));
    const auto action_kind = action == "pembetulan" ? DeclarationAction::kCorrect : DeclarationAction::kCancel;
    if (!NextDeclarationState(state, action_kind)) {
      return Status::Conflict("event_id", std::to_string(id),
                              "is " + original.state + ": only a registered event is corrected or cancelled");
    }
    SIAK_ASSIGN_OR_RETURN(VitalEventKind kind, VitalEventKindFromName(original.kind));
    if (action == "pembetulan") {
      const auto allowed = CorrectableFields(kind);
      if (allowed.empty()) {
        return Status::Invalid("event_id", std::to_string(id),
                               "a marginal note is not corrected: cancel it and declare it again");
      }
      if (changes.empty()) return Status::Invalid("changes", "{}", "name at least one field to correct");
      std::string list;
      for (auto f : allowed) list += (list.empty() ? "" : ", ") + std::string(f);
      const Json data = Json::parse(original.data, nullptr, false);
      civil::Fields read(changes);  // the declaration's own readers: one line, 1-100 bytes, names, times
      for (const auto& [field, value] : changes.items()) {
        const std::string name = "changes." + field;
        if (std::find(allowed.begin(), allowed.end(), field) == allowed.end()) {
          return Status::Invalid(name, "", "cannot be corrected this way (correctable: " + list + ")");
        }
        auto text = read.Text(field, true);
        if (!text.ok()) return text.status().WithFieldPrefix("changes");
        const std::string v = *text;
        if (field == "nama" || field == "nama_ibu" || field == "nama_ayah" || field == "tempat_lahir") {
          SIAK_RETURN_IF_ERROR(ValidateName(name, v, true));
        }
        if (v.front() == ' ' || v.back() == ' ') {
          return Status::Invalid(name, v, "must be one line, without leading or trailing spaces");
        }
        if (field.rfind("waktu_", 0) == 0) SIAK_RETURN_IF_ERROR(read.Time(field).status().WithFieldPrefix("changes"));
        if (data.is_object() && data.value(field, "") == v) {
          return Status::Invalid(name, v, "is what the akta already says");
        }
      }
    }
    rec.kind = original.kind;
    rec.state = std::string(DeclarationStateName(DeclarationState::kDeclared));
    rec.region_code = original.region_code;
    rec.subject_nik = original.subject_nik;
    rec.event_date = original.event_date;
    rec.timeliness = original.timeliness;
    rec.data = Json{{"tindakan", action}, {"perubahan", changes}, {"alasan", std::string(Trim(reason))},
                    {"dokumen", std::string(Trim(document))}}
                   .dump();
    rec.declared_by = who.username;
    rec.declared_at = clock_.NowIso();
    rec.corrects = id;
    SIAK_ASSIGN_OR_RETURN(rec.id, CivilStore(store_).Insert(rec));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return rec;
}

Status CivilService::RegisterFurther(const Principal& who, const CivilEventRecord& further, std::string* effects_out) {
  CivilStore civil(store_);
  SIAK_ASSIGN_OR_RETURN(CivilEventRecord original, civil.Get(further.corrects));
  const Json data = Json::parse(further.data, nullptr, false);
  if (data.is_discarded()) return Status::Internal("stored civil_event.data is not JSON");
  const bool correction = data.value("tindakan", "") == "pembetulan";
  SIAK_RETURN_IF_ERROR(civil.Close(original.id, correction ? "CORRECTED" : "CANCELLED", further.id));
  SIAK_ASSIGN_OR_RETURN(VitalEventKind kind, VitalEventKindFromName(original.kind));
  civil::Context ctx{store_, clock_, registry_};
  Json e = Json::object();
  const std::string document = data.value("dokumen", "");
  std::optional<Nik> subject;
  if (auto n = Nik::ParseStructure(original.subject_nik); n.ok()) subject = *n;
  bool logged = false;  // the register's own event already names this one
  if (correction) {
    const Json& changes = data.at("perubahan");
    std::string note = "Dibetulkan berdasarkan " + document + ":";
    for (const auto& [field, value] : changes.items()) note += " " + field + " menjadi " + value.get<std::string>() + ";";
    note.back() = '.';
    // A birth's corrected words are the child's register entry too, where the register still
    // says what the akta said (a later change of name or a recognition stands).
    if (kind == VitalEventKind::kKelahiran && subject) {
      SIAK_ASSIGN_OR_RETURN(Json before, CorrectedData(civil, original));
      const Json original_effects = Json::parse(original.effects, nullptr, false);
      SIAK_ASSIGN_OR_RETURN(StoredPerson p, registry_.GetPerson(who, *subject));
      Person updated = p.person;
      Json register_changes = Json::object(), kept = Json::array();
      auto follow = [&](const char* field, std::string& value, const std::string& akta_said) {
        if (!changes.contains(field)) return;
        if (value == akta_said) {
          value = changes[field].get<std::string>();
          register_changes[field] = value;
        } else {
          kept.push_back(field);
        }
      };
      follow("nama", updated.nama, before.value("nama", ""));
      follow("nama_ayah", updated.nama_ayah, ParentName(before, original_effects, "ayah", "nama_ayah"));
      follow("nama_ibu", updated.nama_ibu, ParentName(before, original_effects, "ibu", "nama_ibu"));
      SIAK_ASSIGN_OR_RETURN(StoredPerson saved, registry_.UpdatePerson(who, updated, p.version));
      if (changes.contains("tempat_lahir")) {
        if (saved.person.tempat_lahir == before.value("tempat_lahir", "")) {
          updated = saved.person;
          updated.tempat_lahir = changes["tempat_lahir"];
          SIAK_RETURN_IF_ERROR(
              registry_.CorrectPerson(who, updated, saved.version, data.value("alasan", ""), document).status());
          register_changes["tempat_lahir"] = updated.tempat_lahir;
        } else {
          kept.push_back("tempat_lahir");
        }
      }
      e["register"] = Json{{"changed", register_changes}, {"kept", kept}};
    }
    e["catatan"] = note;
  } else {
    std::string note = "Dibatalkan berdasarkan " + document + ": " + data.value("alasan", "") + ".";
    const Json undone = Json::parse(original.effects, nullptr, false);
    std::vector<std::string> restored;
    if (kind == VitalEventKind::kKematian && subject) {
      // The person lives: status dasar HIDUP again; the spouse the death widowed is married
      // again; back in the galleries with their enrolled recording; the revoked card reprinted.
      // Their place on a KK is restored by the officer through the register (the family may have
      // changed meanwhile): `to_restore` says so.
      SIAK_RETURN_IF_ERROR(registry_.SetStatusDasar(who, *subject, StatusDasar::kHidup, RegisterEvent::kCivilEventCancelled,
                                                    Json{{"civil_event", further.id}, {"cancels", original.id}}.dump())
                               .status());
      logged = true;
      civil::Effects widowed;
      if (undone.is_object() && undone.contains("status_perkawinan")) {
        for (const auto& [nik_text, status] : undone["status_perkawinan"].items()) {
          auto spouse = Nik::ParseStructure(nik_text);
          if (!spouse.ok()) continue;
          auto sp = registry_.GetPerson(who, *spouse);
          if (!sp.ok() || sp->person.status_perkawinan != StatusPerkawinan::kCeraiMati) continue;
          SIAK_RETURN_IF_ERROR(civil::SetMaritalStatus(ctx, who, *spouse, StatusPerkawinan::kKawin,
                                                       PencatatanPerkawinan::kTercatat, widowed));
          restored.push_back(nik_text);
        }
      }
      if (widowed.json.contains("status_perkawinan")) e["status_perkawinan"] = widowed.json["status_perkawinan"];
      AbisStore abis(store_);
      SIAK_ASSIGN_OR_RETURN(auto jobs, abis.JobsOf(std::string(subject->digits())));
      SIAK_ASSIGN_OR_RETURN(auto enrolled, abis.EnrolledJob(std::string(subject->digits())));
      for (auto it = jobs.rbegin(); it != jobs.rend() && !enrolled; ++it) {
        if (it->outcome != "UNIQUE") continue;
        SIAK_RETURN_IF_ERROR(abis.LogGallery(std::string(subject->digits()), "add", it->id,
                                             original.region_code.substr(0, 2), clock_.NowIso())
                                 .status());
        e["galleries"] = "added again";
        break;
      }
      SIAK_RETURN_IF_ERROR(registry_.MarkForReprint(who, *subject, "akta kematian dibatalkan").status());
      e["register"] = "status dasar HIDUP";
      e["to_restore"] = Json::array({"kk"});
    } else if (kind == VitalEventKind::kKelahiran && subject) {
      // The birth did not happen as registered: the NIK is not valid and leaves the KK.
      SIAK_ASSIGN_OR_RETURN(StoredPerson p, registry_.GetPerson(who, *subject));
      if (p.person.kk_number) {
        SIAK_ASSIGN_OR_RETURN(Family f, registry_.GetFamily(who, *p.person.kk_number));
        if (f.head() == *subject) {
          return Status::Invalid("event_id", std::to_string(original.id),
                                 "the child heads KK " + f.kk_number.ToString() +
                                     " now: the family is changed through the register first");
        }
        SIAK_RETURN_IF_ERROR(registry_.RemoveMember(who, f.kk_number, *subject).status());
      }
      SIAK_RETURN_IF_ERROR(registry_.SetStatusDasar(who, *subject, StatusDasar::kTidakValid,
                                                    RegisterEvent::kCivilEventCancelled,
                                                    Json{{"civil_event", further.id}, {"cancels", original.id}}.dump())
                               .status());
      logged = true;
      e["register"] = "status dasar TIDAK VALID; removed from the KK";
    } else {
      // What the cancelled event changed stays as it is until the officer changes it through
      // the register: `to_restore` lists it.
      e["register"] = "unchanged: the register follows through its own procedures";
      e["to_restore"] = undone.is_object() ? undone : Json::object();
      if (e["to_restore"].is_object()) {
        e["to_restore"].erase("persons");
        e["to_restore"].erase("nama");
      }
    }
    for (const auto& r : restored) e["restored"].push_back(r);
    e["catatan"] = note;
  }
  if (!logged) {
    const std::string about = subject ? std::string(subject->digits()) : original.akta_number;
    SIAK_RETURN_IF_ERROR(civil::AppendEvent(ctx, correction ? RegisterEvent::kCivilEventCorrected
                                                             : RegisterEvent::kCivilEventCancelled,
                                            about, who,
                                            Json{{"civil_event", further.id},
                                                 {correction ? "corrects" : "cancels", original.id},
                                                 {"catatan", e["catatan"]}}));
  }
  std::vector<std::string> persons;
  if (subject) persons.push_back(std::string(subject->digits()));
  if (e.contains("restored")) {
    for (const auto& r : e["restored"]) persons.push_back(r.get<std::string>());
  }
  e["persons"] = persons;
  *effects_out = e.dump();
  return Status::Ok();
}

Result<CivilEventRecord> CivilService::Get(const Principal& who, int64_t id) {
  auto rec = CivilStore(store_).Get(id);
  if (!rec.ok() || !InScope(who.scope, rec->region_code)) return Status::NotFound("event_id", std::to_string(id));
  return rec;
}

Result<std::vector<CivilEventRecord>> CivilService::List(const Principal& who, int64_t after_id, int limit) {
  return CivilStore(store_).List(who.scope, after_id, std::clamp(limit, 1, 200));
}

Result<std::vector<CivilEventRecord>> CivilService::OfPerson(const Principal& who, const Nik& nik) {
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, registry_.GetPerson(who, nik));  // in scope, or not found
  // Events about them (their birth, notes, death) and those that name them in their district
  // (a wife's marriage and divorce, a child's parents).
  SIAK_ASSIGN_OR_RETURN(auto events, CivilStore(store_).Mentioning(std::string(nik.digits()),
                                                                   p.person.wilayah.digits().substr(0, 6)));
  std::erase_if(events, [&](const CivilEventRecord& e) { return !InScope(who.scope, e.region_code); });
  return events;
}

std::vector<std::string> CivilService::PersonsOf(const CivilEventRecord& e) {
  std::set<std::string> out;
  if (!e.subject_nik.empty()) out.insert(e.subject_nik);
  const Json data = Json::parse(e.data, nullptr, false);
  if (data.is_object()) {
    for (auto field : kNikFields) {
      auto it = data.find(std::string(field));
      if (it == data.end()) continue;
      auto add = [&](const Json& v) {
        if (!v.is_string()) return;
        const std::string t = v.get<std::string>();
        if (t.size() == 16 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          out.insert(t);
        }
      };
      if (it->is_array()) {
        for (size_t i = 0; i < it->size() && i < 20; ++i) add((*it)[i]);
      } else {
        add(*it);
      }
    }
  }
  const Json effects = Json::parse(e.effects, nullptr, false);
  if (effects.is_object() && effects.contains("persons") && effects["persons"].is_array()) {
    for (const auto& v : effects["persons"]) {
      if (v.is_string()) out.insert(v.get<std::string>());
    }
  }
  return {out.begin(), out.end()};
}

Result<AktaContent> CivilService::Akta(const Principal& who, int64_t id) {
  CivilStore civil(store_);
  SIAK_ASSIGN_OR_RETURN(CivilEventRecord rec, Get(who, id));
  if (rec.corrects != 0) {
    return Status::Invalid("event_id", std::to_string(id),
                           "is a correction or cancellation; the akta is event " + std::to_string(rec.corrects));
  }
  if (rec.state == "CANCELLED") {
    return Status::Conflict("event_id", std::to_string(id), "was cancelled: its akta is no longer issued");
  }
  if (rec.state != "REGISTERED" && rec.state != "CORRECTED") {
    return Status::Conflict("event_id", std::to_string(id), "is " + rec.state + ": only a registered event has an akta");
  }
  SIAK_ASSIGN_OR_RETURN(VitalEventKind kind, VitalEventKindFromName(rec.kind));
  if (rec.akta_number.empty()) {
    if (IsNoteKind(kind)) {
      return Status::Invalid("event_id", std::to_string(id),
                             "has no akta of its own: its marginal note is on the akta kelahiran of " + rec.subject_nik);
    }
    return Status::Invalid("event_id", std::to_string(id),
                           "has no akta of the Dinas: the KUA's marriage book (buku nikah) is its certificate");
  }
  AktaContent akta;
  akta.akta_number = rec.akta_number;
  akta.kind = rec.kind;
  akta.subject_nik = rec.subject_nik;
  akta.copy = static_cast<int>(rec.copies);
  // The declaration with its registered corrections applied, and their notes.
  SIAK_ASSIGN_OR_RETURN(Json data, CorrectedData(civil, rec));
  SIAK_ASSIGN_OR_RETURN(auto further, civil.Naming(id));
  for (const auto& f : further) {
    if (f.state != "REGISTERED" && f.state != "CORRECTED") continue;
    const Json fe = Json::parse(f.effects, nullptr, false);
    if (fe.is_object() && fe.contains("catatan")) akta.marginal_notes.push_back(fe["catatan"].get<std::string>());
  }
  // A birth certificate carries the notes of the later events about its child.
  if (kind == VitalEventKind::kKelahiran && !rec.subject_nik.empty()) {
    SIAK_ASSIGN_OR_RETURN(auto events, civil.OfSubject(rec.subject_nik));
    for (const auto& e : events) {
      auto k = VitalEventKindFromName(e.kind);
      if (!k.ok() || !IsNoteKind(*k) || e.corrects != 0) continue;
      const Json ee = Json::parse(e.effects, nullptr, false);
      if (!ee.is_object() || !ee.contains("catatan")) continue;
      std::string note = ee["catatan"].get<std::string>();
      if (e.state == "CANCELLED") note += " (Catatan ini dibatalkan.)";
      akta.marginal_notes.push_back(note);
    }
  }
  FillAkta(kind, data.dump(), rec.effects, akta);
  std::string regency = rec.region_code.substr(0, 4);
  if (regions_) {
    if (const Region* r = regions_->Get(regency)) regency = r->name;
  }
  auto decided = Date::Parse(rec.decided_at.substr(0, 10));
  akta.issued_at = regency + ", " + (decided.ok() ? decided->ToDayMonthYear() : rec.decided_at);
  return akta;
}

Result<AktaContent> CivilService::IssueCopy(const Principal& who, int64_t id) {
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(AktaContent current, Akta(who, id));
    if (current.copy >= 99) {
      return Status::Conflict("event_id", std::to_string(id), "has had 99 kutipan, the most a reference numbers");
    }
    SIAK_ASSIGN_OR_RETURN(int64_t copy, CivilStore(store_).NextCopy(id));
    SIAK_ASSIGN_OR_RETURN(CivilEventRecord rec, CivilStore(store_).Get(id));
    civil::Context ctx{store_, clock_, registry_};
    return civil::AppendEvent(ctx, RegisterEvent::kAktaCopyIssued, rec.subject_nik.empty() ? rec.akta_number : rec.subject_nik, who,
                              Json{{"civil_event", id}, {"akta_number", rec.akta_number}, {"copy", copy}});
  });
  if (!st.ok()) return st;
  return Akta(who, id);
}

Result<std::string> CivilService::Sign(const AktaContent& a) const {
  if (!signing_key_) return Status::FailedPrecondition("no signing key: the akta's QR reference cannot be signed");
  return card::SignAktaReference(card::AktaReference{a.akta_number, a.kind, a.subject_nik, a.copy}, *signing_key_);
}

Result<std::string> CivilService::Reference(const Principal& who, int64_t id) {
  SIAK_ASSIGN_OR_RETURN(AktaContent a, Akta(who, id));
  return Sign(a);
}

Result<std::string> CivilService::RenderAkta(const Principal& who, int64_t id, std::string_view format) {
  if (format != "pdf" && format != "png") return Status::Invalid("format", std::string(format), "must be pdf or png");
  if (!signing_key_) return Status::FailedPrecondition("no signing key: the akta's QR reference cannot be signed");
  SIAK_ASSIGN_OR_RETURN(AktaContent a, Akta(who, id));
  SIAK_ASSIGN_OR_RETURN(std::string reference, Sign(a));
  card::AktaDocument doc;
  doc.title = a.title;
  doc.akta_number = a.akta_number;
  doc.fields = a.fields;
  doc.marginal_notes = a.marginal_notes;
  doc.copy = a.copy;
  doc.issued_at = a.issued_at;
  doc.official = "Kepala Dinas Kependudukan dan Pencatatan Sipil";
  doc.reference = reference;
  if (format == "pdf") return card::RenderAktaPdf(doc);
  return card::RenderAktaPng(doc);
}

Result<AktaCheck> CivilService::CheckReference(std::string_view reference) {
  if (!signing_key_) return Status::FailedPrecondition("no signing key: akta references cannot be checked");
  AktaCheck out;
  auto ref = card::VerifyAktaReference(reference, signing_key_->public_key());
  if (!ref.ok()) {
    out.problem = ref.status().rule();
    return out;
  }
  out.signature_valid = true;
  out.akta_number = ref->akta_number;
  out.kind = ref->kind;
  out.copy = ref->copy;
  if (!ref->nik.empty()) out.nik_masked = ref->nik.substr(0, 6) + "******" + ref->nik.substr(12);
  SIAK_ASSIGN_OR_RETURN(auto rec, CivilStore(store_).ByAktaNumber(ref->akta_number));
  if (!rec) {
    out.problem = "no akta with this number in the register";
    return out;
  }
  out.state = rec->state;
  out.latest_copy = static_cast<int>(rec->copies);
  if (rec->state == "CANCELLED") {
    out.problem = "the akta was cancelled";
  } else if (rec->subject_nik != ref->nik || rec->kind != ref->kind) {
    out.problem = "the reference does not match the akta in the register";
  } else {
    out.valid = true;
  }
  return out;
}

Result<std::vector<CivilCount>> CivilService::Statistics(const Principal& who, const std::string& region,
                                                         int child_digits, const Date& from, const Date& to) {
  if (!region.empty() && !std::all_of(region.begin(), region.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::Invalid("region", region, "must be a region code's digits");
  }
  if (to < from) return Status::Invalid("to", to.ToString(), "is before from (" + from.ToString() + ")");
  std::string prefix = region;
  if (!InScope(who.scope, prefix)) {
    if (prefix.size() < who.scope.size() && who.scope.rfind(prefix, 0) == 0) {
      prefix = who.scope;  // narrowed to the caller's scope
    } else {
      return Status::NotFound("region", region);
    }
  }
  if (child_digits != 2 && child_digits != 4 && child_digits != 6 && child_digits != 10) {
    return Status::Invalid("level", std::to_string(child_digits), "must be 2, 4, 6 or 10 digits");
  }
  if (static_cast<size_t>(child_digits) < prefix.size()) child_digits = static_cast<int>(std::min<size_t>(prefix.size(), 10));
  return CivilStore(store_).Count(prefix, child_digits, from.ToString(), to.ToString());
}

}  // namespace siak
