#include "domain/role.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace siak {
namespace {

TEST(RoleTest, EveryRoleRoundTrips) {
  std::set<std::string> names;
  for (Role role : kAllRoles) {
    const std::string_view name = RoleName(role);
    EXPECT_NE(name, "?");
    EXPECT_FALSE(name.empty());
    names.insert(std::string(name));
    auto parsed = ParseRole(name);
    ASSERT_TRUE(parsed.ok()) << name << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, role) << name;
  }
  EXPECT_EQ(names.size(), std::size(kAllRoles)) << "role names must be distinct";
  EXPECT_EQ(std::size(kAllRoles), 7u);
}

TEST(RoleTest, NamesAreTheDocumentedOnes) {
  EXPECT_EQ(RoleName(Role::kAdmin), "admin");
  EXPECT_EQ(RoleName(Role::kSupervisor), "supervisor");
  EXPECT_EQ(RoleName(Role::kRegistrar), "registrar");
  EXPECT_EQ(RoleName(Role::kRecordingOfficer), "recording_officer");
  EXPECT_EQ(RoleName(Role::kPrintOfficer), "print_officer");
  EXPECT_EQ(RoleName(Role::kAuditor), "auditor");
  EXPECT_EQ(RoleName(Role::kPartner), "partner");
}

TEST(RoleTest, BadNamesAreRejectedNamingTheField) {
  for (std::string_view bad : {"", "Admin", "ADMIN", "root", "admin ", " admin", "recording-officer",
                               "recording officer", "registrars", "?"}) {
    auto parsed = ParseRole(bad);
    ASSERT_FALSE(parsed.ok()) << "'" << bad << "' was accepted";
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(parsed.status().field(), "role") << bad;
    EXPECT_EQ(parsed.status().value(), bad);
    EXPECT_NE(parsed.status().rule().find("registrar"), std::string::npos) << parsed.status().rule();
  }
}

TEST(ScopeTest, ParseScopeAcceptsNationalAndRegionLevels) {
  struct Case {
    std::string_view text;
    std::string digits;
  };
  for (const Case& c :
       {Case{"national", ""}, Case{"", ""}, Case{"32", "32"}, Case{"32.73", "3273"}, Case{"3273", "3273"},
        Case{"32.73.01", "327301"}, Case{"327301", "327301"}, Case{"11.01", "1101"}}) {
    auto scope = ParseScope(c.text);
    ASSERT_TRUE(scope.ok()) << "'" << c.text << "': " << scope.status().ToString();
    EXPECT_EQ(*scope, c.digits) << c.text;
  }
}

TEST(ScopeTest, ParseScopeRejectsVillagesIslandsAndGarbage) {
  for (std::string_view bad : {"32.73.01.1001", "3273011001",  // village
                               "11.01.40001", "110140001",     // island
                               "abc", "Nasional", "NATIONAL", "3", "327", "32.7", "32..73", "32.", ".32", "10", "00",
                               "32.00", "32.73.00", "32 73", "-32"}) {
    auto scope = ParseScope(bad);
    ASSERT_FALSE(scope.ok()) << "'" << bad << "' was accepted as " << *scope;
    EXPECT_EQ(scope.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(scope.status().field(), "scope") << bad << ": " << scope.status().ToString();
  }
}

TEST(ScopeTest, InScope) {
  EXPECT_TRUE(InScope("", "3273011001"));
  EXPECT_TRUE(InScope("", "1101012001"));
  EXPECT_TRUE(InScope("32", "3273011001"));
  EXPECT_TRUE(InScope("3273", "3273011001"));
  EXPECT_TRUE(InScope("327301", "3273011001"));
  EXPECT_TRUE(InScope("3273", "3273"));
  EXPECT_FALSE(InScope("32", "1101012001"));
  EXPECT_FALSE(InScope("3273", "3204011001"));
  EXPECT_FALSE(InScope("3273", "3173011001"));
  EXPECT_FALSE(InScope("327301", "3273021001"));
  // A region shorter than the scope is not inside it.
  EXPECT_FALSE(InScope("327301", "3273"));
  EXPECT_FALSE(InScope("32", ""));
}

TEST(ScopeTest, ScopeLabel) {
  EXPECT_EQ(ScopeLabel(""), "national");
  EXPECT_EQ(ScopeLabel("32"), "32");
  EXPECT_EQ(ScopeLabel("3273"), "32.73");
  EXPECT_EQ(ScopeLabel("327301"), "32.73.01");
  // The label parses back to the same scope.
  for (std::string_view scope : {"", "32", "3273", "327301"}) {
    auto back = ParseScope(ScopeLabel(scope));
    ASSERT_TRUE(back.ok()) << scope;
    EXPECT_EQ(*back, scope);
  }
}

}  // namespace
}  // namespace siak
