// Persons and families as JSON: the field names are the F-1.01 names used across the
// register (nama, tempat_lahir, ...); codes travel as their official numbers, and responses
// add the Indonesian label of each code beside it (agama: 1, agama_label: "Islam").
#pragma once

#include <string>

#include "api/json_io.h"
#include "domain/family.h"
#include "domain/region_index.h"
#include "store/store.h"

namespace siak::api {

Json PersonToJson(const StoredPerson& person, const RegionIndex& regions);
// The same text as PersonToJson(...).dump(), written directly (no document: a read of a person
// built a tree of some 40 nodes to print it once, an eighth of the server's time per GET).
std::string PersonJsonText(const StoredPerson& person, const RegionIndex& regions);
Json FamilyToJson(const Family& family, const RegionIndex& regions);
std::string PersonETag(int64_t version);                 // "\"v3\""
Result<int64_t> VersionFromIfMatch(const std::string& if_match);

// Sets the person fields present in `body`. With `create`, the required fields must be
// present; without it (a patch), absent fields keep their value. Unknown fields are refused,
// as are "nik" and fields the register sets itself.
Status ApplyPersonFields(const Json& body, Person* person, bool create);

// The biodata fields a request may carry (for the OpenAPI document and error messages).
const std::vector<std::string>& PersonFieldNames();

}  // namespace siak::api
