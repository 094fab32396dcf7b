#include "domain/vital_event.h"

#include <cstdio>

namespace siak {

const VitalEventRule& RuleOf(VitalEventKind kind) {
  for (const auto& r : kVitalEventRules) {
    if (r.kind == kind) return r;
  }
  return kVitalEventRules[0];  // unreachable for a valid kind
}

Result<VitalEventKind> VitalEventKindFromName(std::string_view name, std::string_view field) {
  std::string names;
  for (const auto& r : kVitalEventRules) {
    if (r.name == name) return r.kind;
    names += (names.empty() ? "" : ", ") + std::string(r.name);
  }
  return Status::Invalid(std::string(field), name, "must be one of " + names);
}

std::string_view TimelinessName(Timeliness t) { return t == Timeliness::kLate ? "late" : "on_time"; }

Result<Timeliness> CheckTimeliness(VitalEventKind kind, const Date& from, const Date& registered, const Date& today,
                                   std::string_view field) {
  if (from > today) {
    return Status::Invalid(std::string(field), from.ToString(), "is in the future (today is " + today.ToString() + ")");
  }
  if (registered < from) {
    return Status::Invalid(std::string(field), from.ToString(),
                           "is after the registration date " + registered.ToString());
  }
  return registered.ToDays() - from.ToDays() > RuleOf(kind).deadline_days ? Timeliness::kLate : Timeliness::kOnTime;
}

std::string_view DeclarationStateName(DeclarationState s) {
  switch (s) {
    case DeclarationState::kDeclared: return "DECLARED";
    case DeclarationState::kRegistered: return "REGISTERED";
    case DeclarationState::kRejected: return "REJECTED";
    case DeclarationState::kCorrected: return "CORRECTED";
    case DeclarationState::kCancelled: return "CANCELLED";
  }
  return "";
}

Result<DeclarationState> DeclarationStateFromName(std::string_view name) {
  for (auto s : {DeclarationState::kDeclared, DeclarationState::kRegistered, DeclarationState::kRejected,
                 DeclarationState::kCorrected, DeclarationState::kCancelled}) {
    if (DeclarationStateName(s) == name) return s;
  }
  return Status::Invalid("state", std::string(name), "is not a declaration state");
}

std::string_view DeclarationActionName(DeclarationAction a) {
  switch (a) {
    case DeclarationAction::kRegister: return "register";
    case DeclarationAction::kReject: return "reject";
    case DeclarationAction::kCorrect: return "correct";
    case DeclarationAction::kCancel: return "cancel";
  }
  return "";
}

std::optional<DeclarationState> NextDeclarationState(DeclarationState from, DeclarationAction action) {
  for (const auto& t : kDeclarationTransitions) {
    if (t.from == from && t.action == action) return t.to;
  }
  return std::nullopt;
}

Result<std::string> AktaNumber(std::string_view regency_digits, VitalEventKind kind, const Date& registered,
                               int64_t sequence) {
  const VitalEventRule& rule = RuleOf(kind);
  if (rule.number_code.empty()) {
    return Status::Invalid("kind", rule.name, "has no akta of its own: it is a marginal note on the akta kelahiran");
  }
  if (regency_digits.size() != 4 || regency_digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return Status::Invalid("regency", regency_digits, "must be the regency's 4 digits, e.g. 3204");
  }
  if (sequence < 1 || sequence > 999999999) return Status::Invalid("sequence", std::to_string(sequence), "must be 1..999999999");
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*s-%.*s-%02d%02d%04d-%04lld", 4, regency_digits.data(),
                static_cast<int>(rule.number_code.size()), rule.number_code.data(), registered.day(), registered.month(),
                registered.year(), static_cast<long long>(sequence));
  return std::string(buf);
}

Result<AktaNumberParts> ParseAktaNumber(std::string_view number, std::string_view field) {
  const std::string f(field);
  auto bad = [&](const std::string& rule) { return Status::Invalid(f, number, rule); };
  // 4 digits, '-', 2 letters, '-', 8 digits, '-', 4..9 digits
  if (number.size() < 4 + 1 + 2 + 1 + 8 + 1 + 4 || number.size() > 4 + 1 + 2 + 1 + 8 + 1 + 9) {
    return bad("must look like 3204-LT-28112026-0001");
  }
  auto digits = [](std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; };
  if (number[4] != '-' || number[7] != '-' || number[16] != '-') return bad("must look like 3204-LT-28112026-0001");
  const std::string_view regency = number.substr(0, 4), code = number.substr(5, 2), date = number.substr(8, 8),
                         seq = number.substr(17);
  if (!digits(regency) || !digits(date) || !digits(seq)) return bad("must look like 3204-LT-28112026-0001");
  std::optional<VitalEventKind> kind;
  for (const auto& r : kVitalEventRules) {
    if (!r.number_code.empty() && r.number_code == code) kind = r.kind;
  }
  if (!kind) return bad("has an unknown register code '" + std::string(code) + "'");
  auto d = Date::FromYmd(std::stoi(std::string(date.substr(4, 4))), std::stoi(std::string(date.substr(2, 2))),
                         std::stoi(std::string(date.substr(0, 2))), field);
  if (!d.ok()) return bad("has no valid registration date (DDMMYYYY)");
  const int64_t sequence = std::stoll(std::string(seq));
  if (sequence < 1) return bad("has sequence 0");
  return AktaNumberParts{std::string(regency), *kind, *d, sequence};
}

}  // namespace siak
