// Row codecs shared by every backend: a domain value <-> one row of text columns, in the
// column order of the schema. Both engines take and return text, so one codec serves both
// and the backends cannot drift. Reading validates again: a row that no longer parses is
// reported as kInternal naming the table and column, never turned into a half-filled value.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/family.h"
#include "domain/person.h"
#include "domain/region.h"

namespace siak {

using Row = std::vector<std::optional<std::string>>;  // nullopt is SQL NULL

// person: the columns, in order, of the person table (version excluded).
extern const std::vector<std::string> kPersonColumns;
Row PersonToRow(const Person& person);
Result<Person> PersonFromRow(std::span<const std::optional<std::string>> row);

// The name search tokens stored for a person (person_name_token): the words of the name in
// canonical form, plus the whole name run together when it has more than one word, so that
// "Nur Hayati" and "Nurhayati" find each other.
std::vector<std::string> PersonNameTokens(const Person& person);

// (variant, token) rows for name_token_variant, for the tokens above.
std::vector<std::pair<std::string, std::string>> NameVariantRows(const std::vector<std::string>& tokens);

extern const std::vector<std::string> kRegionColumns;
Row RegionToRow(const Region& region);
Result<Region> RegionFromRow(std::span<const std::optional<std::string>> row);

// family: kk_number, province_code, region_code, alamat, rt, rw, tanggal_terbit
extern const std::vector<std::string> kFamilyColumns;
Row FamilyToRow(const Family& family);
// family_member: nik, kk_number, province_code, shdk, position (the member's place on the KK).
extern const std::vector<std::string> kFamilyMemberColumns;
Row FamilyMemberRow(const Family& family, size_t position);
// A member row: nik, shdk.
using MemberRow = std::pair<std::optional<std::string>, std::optional<std::string>>;
Result<Family> FamilyFromRows(const Row& family_row, std::span<const MemberRow> members);

}  // namespace siak
