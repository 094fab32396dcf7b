// Internal to CivilService (src/app/civil_*.cc): what each vital event kind checks and changes.
//
// A kind is a pair of functions in a table (OpsOf): `check` reads a declaration (JSON, every
// field named in its errors, unknown fields refused) and checks it against the register as it is
// now; it runs when the officer declares and again when the supervisor registers. `apply` makes
// the event's effects inside the registering transaction and says what it changed, so that every
// effect is traceable to the event (civil_event.effects, the event log's payloads, the audit).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/auth_service.h"
#include "app/clock.h"
#include "app/register_events.h"
#include "app/register_service.h"
#include "domain/vital_event.h"
#include "store/civil_store.h"

namespace siak::civil {

using Json = nlohmann::json;

struct Context {
  Store& store;
  const Clock& clock;
  RegisterService& registry;
  // When the declaration was made: the deadline is counted to it, so that a declaration made in
  // time is not late because the supervisor registers it a few days later.
  std::optional<Date> declared_on = std::nullopt;
};

// A declaration checked against the register.
struct Checked {
  std::string region_code;         // the village it is registered for (its scope)
  Date event_date = Date::FromDays(0);
  Timeliness timeliness = Timeliness::kOnTime;
  std::string subject_nik;         // the person it is about ("" for a birth until registered, a stillbirth)
  Json data = Json::object();      // the declaration as stored (normalised)
  Json derived = Json::object();   // what the check found out (not stored: checked again at registering)
  std::vector<std::string> persons;  // every NIK it names (audit)
  bool issues_akta = true;         // false: the certificate comes from elsewhere (a KUA marriage book)
};

// What registering changed.
struct Effects {
  std::string subject_nik;
  Json json = Json::object();       // stored as civil_event.effects
  std::vector<std::string> persons;  // every person changed (audit)
};

struct KindOps {
  VitalEventKind kind;
  Result<Checked> (*check)(Context& ctx, const Principal& who, const Json& declaration);
  Result<Effects> (*apply)(Context& ctx, const Principal& who, int64_t event_id, const Checked& checked,
                           const std::string& akta_number);
};

const KindOps& OpsOf(VitalEventKind kind);

extern const KindOps kBirthOps, kStillbirthOps, kDeathOps, kMarriageOps, kDivorceOps, kRecognitionOps,
    kLegitimationOps, kAdoptionOps, kNameChangeOps, kCitizenshipOps;

// Reads a declaration's fields, each error naming the field and the rule, and keeps what it read
// (normalised) for storing. NoOthers() refuses any field that was not read.
class Fields {
 public:
  explicit Fields(const Json& in) : in_(in) {}

  Result<std::string> Text(std::string_view field, bool required, size_t max_bytes = 100);
  // A person's or a place's name by the register's name rule (domain/person.h ValidateName).
  Result<std::string> Name(std::string_view field, bool required);
  Result<std::optional<Nik>> OptionalNik(std::string_view field);
  Result<Nik> RequiredNik(std::string_view field);
  Result<Date> DateOf(std::string_view field);
  Result<std::string> Time(std::string_view field);  // HH:MM, 24 hours
  Result<std::string> Choice(std::string_view field, std::span<const std::string_view> allowed, bool required = true);
  Result<std::vector<std::string>> Witnesses();        // "saksi": two names
  Result<std::vector<Nik>> NikList(std::string_view field);  // optional; [] when absent
  Result<int64_t> Whole(std::string_view field, int64_t min, int64_t max);
  Result<bool> Flag(std::string_view field);           // optional; false when absent
  Status NoOthers() const;

  Json& out() { return out_; }

 private:
  const Json* Find(std::string_view field);
  const Json& in_;
  Json out_ = Json::object();
  std::set<std::string, std::less<>> read_;
};

// The person a field names, in the caller's scope; otherwise an error on the field.
Result<StoredPerson> PersonNamed(Context& ctx, const Principal& who, std::string_view field, const Nik& nik);
// The person must be alive (status dasar HIDUP).
Status RequireAlive(std::string_view field, const StoredPerson& p);
// The deadline (counted from `from` to the declaration: today, or ctx.declared_on), and the late route: a late event
// needs `late_decision`.
Result<Timeliness> Deadline(Context& ctx, VitalEventKind kind, const Date& from, std::string_view field,
                            const std::string& late_decision);
// Appends a register event naming the civil event.
Status AppendEvent(Context& ctx, RegisterEvent type, const std::string& subject, const Principal& who, Json payload);
// Sets a person's marital status (the register's own update, with its event) for `event_id`.
Status SetMaritalStatus(Context& ctx, const Principal& who, const Nik& nik, StatusPerkawinan status,
                        PencatatanPerkawinan tercatat, Effects& effects);
// The KK of a person, if any (in scope).
Result<std::optional<Family>> FamilyOf(Context& ctx, const Principal& who, const StoredPerson& p);

}  // namespace siak::civil
