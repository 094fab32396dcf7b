// Synthetic Indonesian names in the traditions of tables.h, written as registers hold them:
// upper case, with the spelling variants real data carries (Muhammad / Mohammad / Moh. /
// Muhamad, pre-1972 spellings such as Soeparman and Djoko, Sundanese p for f). Invented
// combinations from common name parts; any likeness to a real resident is chance.
#pragma once

#include <string>

#include "common/rng.h"
#include "demo/tables.h"

namespace siak::demo {

// The family name children inherit (Batak marga, Chinese-Indonesian, eastern Christian and
// Hadhrami surnames); "" for traditions without one, or when this family uses none.
std::string FamilyNameFor(Ethnic ethnic, Agama agama, Rng& rng);

// A full name. `birth_order` (1-based) shapes Balinese names; `family_name` is appended where
// the tradition uses one.
std::string MakeName(Ethnic ethnic, Agama agama, bool female, int birth_year, int birth_order,
                     const std::string& family_name, Rng& rng);

// A birthplace-style city name from a regency name: "KABUPATEN BANDUNG" -> "BANDUNG".
std::string PlaceName(std::string_view regency_name);

}  // namespace siak::demo
