// The declaration reader and the helpers every vital event kind shares (civil_kinds.h).
#include <algorithm>

#include "app/civil_kinds.h"

namespace siak::civil {

const Json* Fields::Find(std::string_view field) {
  read_.insert(std::string(field));
  auto it = in_.find(std::string(field));
  if (it == in_.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<std::string> Fields::Text(std::string_view field, bool required, size_t max_bytes) {
  const Json* v = Find(field);
  const std::string name(field);
  if (!v) {
    if (required) return Status::Invalid(name, "", "is required");
    out_[name] = "";
    return std::string();
  }
  if (!v->is_string()) return Status::Invalid(name, v->dump(), "must be a string");
  std::string s = v->get<std::string>();
  if (required && s.empty()) return Status::Invalid(name, "", "is required");
  if (s.size() > max_bytes) {
    return Status::Invalid(name, s.substr(0, 40), "is longer than " + std::to_string(max_bytes) + " bytes");
  }
  if (std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20; })) {
    return Status::Invalid(name, s.substr(0, 40), "must be one line without control characters");
  }
  out_[name] = s;
  return s;
}

Result<std::string> Fields::Name(std::string_view field, bool required) {
  SIAK_ASSIGN_OR_RETURN(std::string s, Text(field, required, 120));
  SIAK_RETURN_IF_ERROR(ValidateName(std::string(field), s, required));
  return s;
}

Result<std::optional<Nik>> Fields::OptionalNik(std::string_view field) {
  SIAK_ASSIGN_OR_RETURN(std::string text, Text(field, false, 16));
  if (text.empty()) return std::optional<Nik>();
  SIAK_ASSIGN_OR_RETURN(Nik nik, Nik::ParseStructure(text, field));
  return std::optional<Nik>(nik);
}

Result<Nik> Fields::RequiredNik(std::string_view field) {
  SIAK_ASSIGN_OR_RETURN(std::optional<Nik> nik, OptionalNik(field));
  if (!nik) return Status::Invalid(std::string(field), "", "is required: a NIK of 16 digits");
  return *nik;
}

Result<Date> Fields::DateOf(std::string_view field) {
  SIAK_ASSIGN_OR_RETURN(std::string text, Text(field, true, 10));
  return Date::Parse(text, field);
}

Result<std::string> Fields::Time(std::string_view field) {
  SIAK_ASSIGN_OR_RETURN(std::string t, Text(field, true, 5));
  bool ok = t.size() == 5 && t[2] == ':';
  for (int i : {0, 1, 3, 4}) ok = ok && t[i] >= '0' && t[i] <= '9';
  ok = ok && std::stoi(t.substr(0, 2)) < 24 && std::stoi(t.substr(3, 2)) < 60;
  if (!ok) return Status::Invalid(std::string(field), t, "must be HH:MM (24 hours)");
  return t;
}

Result<std::string> Fields::Choice(std::string_view field, std::span<const std::string_view> allowed,
                                   bool required) {
  SIAK_ASSIGN_OR_RETURN(std::string v, Text(field, required, 40));
  if (v.empty() && !required) return v;
  if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) return v;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return Status::Invalid(std::string(field), v, "must be one of " + list);
}

Result<std::vector<std::string>> Fields::Witnesses() {
  const Json* v = Find("saksi");
  std::vector<std::string> out;
  if (v && v->is_array()) {
    for (const auto& s : *v) {
      if (!s.is_string() || s.get<std::string>().empty() || s.get<std::string>().size() > 100) {
        return Status::Invalid("saksi", s.dump(), "each witness is a name of 1-100 bytes");
      }
      out.push_back(s.get<std::string>());
    }
  }
  if (out.size() != 2) {
    return Status::Invalid("saksi", std::to_string(out.size()) + " given", "two witnesses by name are needed");
  }
  out_["saksi"] = out;
  return out;
}

Result<std::vector<Nik>> Fields::NikList(std::string_view field) {
  const Json* v = Find(field);
  const std::string name(field);
  std::vector<Nik> out;
  std::vector<std::string> stored;
  if (v) {
    if (!v->is_array()) return Status::Invalid(name, v->dump(), "must be a list of NIKs");
    for (size_t i = 0; i < v->size(); ++i) {
      const std::string item = name + "[" + std::to_string(i) + "]";
      if (!(*v)[i].is_string()) return Status::Invalid(item, (*v)[i].dump(), "must be a NIK (a string of 16 digits)");
      SIAK_ASSIGN_OR_RETURN(Nik nik, Nik::ParseStructure((*v)[i].get<std::string>(), item));
      if (std::find(out.begin(), out.end(), nik) != out.end()) return Status::Invalid(item, nik.digits(), "appears twice");
      out.push_back(nik);
      stored.push_back(std::string(nik.digits()));
    }
  }
  out_[name] = stored;
  return out;
}

Result<int64_t> Fields::Whole(std::string_view field, int64_t min, int64_t max) {
  const Json* v = Find(field);
  const std::string name(field);
  if (!v) return Status::Invalid(name, "", "is required");
  if (!v->is_number_integer() || v->get<int64_t>() < min || v->get<int64_t>() > max) {
    return Status::Invalid(name, v->dump(), "must be a whole number from " + std::to_string(min) + " to " +
                                                std::to_string(max));
  }
  out_[name] = v->get<int64_t>();
  return v->get<int64_t>();
}

Result<bool> Fields::Flag(std::string_view field) {
  const Json* v = Find(field);
  if (!v) return false;
  if (!v->is_boolean()) return Status::Invalid(std::string(field), v->dump(), "must be true or false");
  out_[std::string(field)] = v->get<bool>();
  return v->get<bool>();
}

Status Fields::NoOthers() const {
  for (const auto& [key, value] : in_.items()) {
    if (!read_.contains(key)) return Status::Invalid(key, "", "is not a field of this declaration");
  }
  return Status::Ok();
}

Result<StoredPerson> PersonNamed(Context& ctx, const Principal& who, std::string_view field, const Nik& nik) {
  auto p = ctx.registry.GetPerson(who, nik);
  if (p.ok()) return p;
  if (p.status().code() == StatusCode::kNotFound) {
    return Status::Invalid(std::string(field), nik.digits(), "is not a person in the register within your scope");
  }
  return p.status();
}

Status RequireAlive(std::string_view field, const StoredPerson& p) {
  if (p.person.status_dasar == StatusDasar::kHidup) return Status::Ok();
  return Status::Invalid(std::string(field), p.person.nik.digits(),
                         "is not alive in the register (status dasar " +
                             std::string(LabelOf(p.person.status_dasar)) + ")");
}

Result<Timeliness> Deadline(Context& ctx, VitalEventKind kind, const Date& from, std::string_view field,
                            const std::string& late_decision) {
  const Date today = ctx.clock.Today();
  SIAK_ASSIGN_OR_RETURN(Timeliness t, CheckTimeliness(kind, from, ctx.declared_on.value_or(today), today, field));
  if (t == Timeliness::kLate && late_decision.empty()) {
    const VitalEventRule& rule = RuleOf(kind);
    return Status::Invalid("late_decision", "",
                           "a " + std::string(rule.name) + " registered more than " +
                               std::to_string(rule.deadline_days) + " days after " + std::string(field) +
                               " needs the head of the Dinas's decision (its number and date)");
  }
  return t;
}

Status AppendEvent(Context& ctx, RegisterEvent type, const std::string& subject, const Principal& who,
                   Json payload) {
  std::string province;
  if (auto nik = Nik::ParseStructure(subject); nik.ok()) {
    if (auto p = ctx.store.GetPerson(*nik); p.ok()) province = std::string(p->person.wilayah.province_digits());
  }
  return ctx.store
      .AppendEvent(EventRecord{0, ctx.clock.NowIso(), static_cast<int>(type), subject, province, who.username,
                               payload.dump()})
      .status();
}

Status SetMaritalStatus(Context& ctx, const Principal& who, const Nik& nik, StatusPerkawinan status,
                        PencatatanPerkawinan tercatat, Effects& effects) {
  SIAK_ASSIGN_OR_RETURN(StoredPerson p, ctx.registry.GetPerson(who, nik));
  Person updated = p.person;
  updated.status_perkawinan = status;
  updated.perkawinan_tercatat = tercatat;
  SIAK_RETURN_IF_ERROR(ctx.registry.UpdatePerson(who, updated, p.version).status());
  effects.json["status_perkawinan"][std::string(nik.digits())] = std::string(LabelOf(status));
  effects.persons.push_back(std::string(nik.digits()));
  return Status::Ok();
}

Result<std::optional<Family>> FamilyOf(Context& ctx, const Principal& who, const StoredPerson& p) {
  if (!p.person.kk_number) return std::optional<Family>();
  SIAK_ASSIGN_OR_RETURN(Family f, ctx.registry.GetFamily(who, *p.person.kk_number));
  return std::optional<Family>(f);
}

}  // namespace siak::civil
