#include "domain/vital_event.h"

#include <gtest/gtest.h>

#include <set>

namespace siak {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

TEST(VitalEvent, EveryKindHasOneRuleAndANameThatRoundTrips) {
  std::set<std::string_view> names, codes;
  for (int k = 1; k <= kVitalEventKinds; ++k) {
    const auto kind = static_cast<VitalEventKind>(k);
    const VitalEventRule& r = RuleOf(kind);
    EXPECT_EQ(r.kind, kind);
    EXPECT_TRUE(names.insert(r.name).second) << r.name;
    if (!r.number_code.empty()) {
      EXPECT_TRUE(codes.insert(r.number_code).second) << r.number_code;
    }
    EXPECT_EQ(*VitalEventKindFromName(r.name), kind);
  }
  EXPECT_EQ(std::size(kVitalEventRules), static_cast<size_t>(kVitalEventKinds));
  EXPECT_TRUE(RuleOf(VitalEventKind::kKelahiran).issues_nik);
  EXPECT_FALSE(RuleOf(VitalEventKind::kLahirMati).issues_nik);  // a certificate only, no NIK
  const auto bad = VitalEventKindFromName("lahiran");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "kind");
  EXPECT_NE(bad.status().rule().find("kelahiran"), std::string::npos);
}

TEST(VitalEvent, DeadlinesFollowDomainAndLateRegistrationIsRecognised) {
  const Date today = D("2026-11-28");
  // Birth: 60 days.
  EXPECT_EQ(*CheckTimeliness(VitalEventKind::kKelahiran, D("2026-09-29"), today, today), Timeliness::kOnTime);  // day 60
  EXPECT_EQ(*CheckTimeliness(VitalEventKind::kKelahiran, D("2026-09-28"), today, today), Timeliness::kLate);    // day 61
  // Death: 30 days.
  EXPECT_EQ(*CheckTimeliness(VitalEventKind::kKematian, D("2026-10-29"), today, today), Timeliness::kOnTime);
  EXPECT_EQ(*CheckTimeliness(VitalEventKind::kKematian, D("2026-10-28"), today, today), Timeliness::kLate);
  // Marriage and divorce: 60 (a divorce from the final ruling).
  EXPECT_EQ(*CheckTimeliness(VitalEventKind::kPerkawinan, D("2026-09-28"), today, today), Timeliness::kLate);
  EXPECT_EQ(RuleOf(VitalEventKind::kPerceraian).from, DeadlineFrom::kDecision);
  EXPECT_EQ(*CheckTimeliness(VitalEventKind::kPerceraian, D("2026-09-29"), today, today), Timeliness::kOnTime);
  EXPECT_EQ(TimelinessName(Timeliness::kLate), "late");
  // Never in the future, never registered before it happened; the error names the field.
  auto future = CheckTimeliness(VitalEventKind::kKelahiran, D("2026-11-29"), D("2026-11-29"), today, "birth_date");
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().field(), "birth_date");
  EXPECT_NE(future.status().rule().find("future"), std::string::npos);
  EXPECT_FALSE(CheckTimeliness(VitalEventKind::kKematian, D("2026-11-20"), D("2026-11-19"), today).ok());
}

TEST(VitalEvent, DeclarationsMoveOnlyByTheTable) {
  using S = DeclarationState;
  using A = DeclarationAction;
  EXPECT_EQ(NextDeclarationState(S::kDeclared, A::kRegister), S::kRegistered);
  for (S s : {S::kDeclared, S::kRegistered, S::kRejected, S::kCorrected, S::kCancelled}) {
    EXPECT_EQ(DeclarationStateFromName(DeclarationStateName(s)).value(), s);
  }
  EXPECT_EQ(DeclarationStateFromName("DIBATALKAN").status().field(), "state");
  EXPECT_EQ(NextDeclarationState(S::kDeclared, A::kReject), S::kRejected);
  EXPECT_EQ(NextDeclarationState(S::kRegistered, A::kCorrect), S::kCorrected);
  EXPECT_EQ(NextDeclarationState(S::kRegistered, A::kCancel), S::kCancelled);
  // A registered event is never registered again or rejected; final states stay final.
  EXPECT_FALSE(NextDeclarationState(S::kRegistered, A::kRegister));
  EXPECT_FALSE(NextDeclarationState(S::kRegistered, A::kReject));
  EXPECT_FALSE(NextDeclarationState(S::kDeclared, A::kCorrect));
  // A corrected event can be corrected again or cancelled; rejected and cancelled are final.
  EXPECT_EQ(NextDeclarationState(S::kCorrected, A::kCorrect), S::kCorrected);
  EXPECT_EQ(NextDeclarationState(S::kCorrected, A::kCancel), S::kCancelled);
  EXPECT_FALSE(NextDeclarationState(S::kCorrected, A::kRegister));
  EXPECT_FALSE(NextDeclarationState(S::kCorrected, A::kReject));
  for (S s : {S::kRejected, S::kCancelled}) {
    for (A a : {A::kRegister, A::kReject, A::kCorrect, A::kCancel}) {
      EXPECT_FALSE(NextDeclarationState(s, a)) << DeclarationStateName(s) << " " << DeclarationActionName(a);
    }
  }
}

TEST(VitalEvent, AktaNumbersAreWrittenAndReadBack) {
  auto n = AktaNumber("3204", VitalEventKind::kKelahiran, D("2026-11-28"), 1);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, "3204-LT-28112026-0001");
  EXPECT_EQ(*AktaNumber("3273", VitalEventKind::kKematian, D("2027-01-05"), 12345), "3273-KM-05012027-12345");
  auto back = ParseAktaNumber("3273-KM-05012027-12345");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->regency, "3273");
  EXPECT_EQ(back->kind, VitalEventKind::kKematian);
  EXPECT_EQ(back->registered, D("2027-01-05"));
  EXPECT_EQ(back->sequence, 12345);
  // A marginal note has no number of its own; bad input names the field.
  EXPECT_EQ(AktaNumber("3204", VitalEventKind::kPerubahanNama, D("2026-11-28"), 1).status().field(), "kind");
  EXPECT_EQ(AktaNumber("32.04", VitalEventKind::kKelahiran, D("2026-11-28"), 1).status().field(), "regency");
  EXPECT_EQ(AktaNumber("3204", VitalEventKind::kKelahiran, D("2026-11-28"), 0).status().field(), "sequence");
  for (const char* bad : {"", "3204-LT-28112026-01", "3204-XX-28112026-0001", "3204-LT-31022026-0001",
                          "3204_LT_28112026_0001", "32O4-LT-28112026-0001", "3204-LT-28112026-0000"}) {
    auto p = ParseAktaNumber(bad);
    EXPECT_FALSE(p.ok()) << bad;
    if (!p.ok()) {
      EXPECT_EQ(p.status().field(), "akta_number") << bad;
    }
  }
}

}  // namespace
}  // namespace siak
