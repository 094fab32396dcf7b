// Eligibility for an e-KTP (wajib KTP), UU 24/2013 Pasal 63(1): a WNI, or a WNA holding a
// KITAP, who on the given date is 17 or older, or is or has been married. Younger, never
// married children get a KIA instead. Pure: the date is passed in.
#pragma once

#include <string>

#include "common/date.h"
#include "domain/code_tables.h"

namespace siak {

struct EligibilityFacts {
  Kewarganegaraan kewarganegaraan = Kewarganegaraan::kWni;
  bool kitap = false;
  Date tanggal_lahir;
  StatusPerkawinan status_perkawinan = StatusPerkawinan::kBelumKawin;
  StatusDasar status_dasar = StatusDasar::kHidup;
};

struct Eligibility {
  bool wajib_ktp = false;
  std::string reason;  // why, in English, for officers' tooltips and tests
};

Eligibility WajibKtp(const EligibilityFacts& facts, const Date& on);

// The first day on which a never-married person becomes wajib KTP (the 17th birthday;
// 1 March for those born on 29 February, in common years).
Date SeventeenthBirthday(const Date& tanggal_lahir);

}  // namespace siak
