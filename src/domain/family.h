// Family: one Kartu Keluarga (KK) and its members, each with an SHDK.
//
// Invariants checked by ValidateFamily: exactly one Kepala keluarga; a NIK appears once;
// the address is a village. (A person on exactly one KK across the register is the store's
// invariant, enforced by its unique key on the member's NIK.)
#pragma once

#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/code_tables.h"
#include "domain/kk_number.h"
#include "domain/nik.h"
#include "domain/region_code.h"

namespace siak {

struct FamilyMember {
  Nik nik;
  Shdk shdk;
};

struct Family {
  KkNumber kk_number;
  RegionCode wilayah;  // village of the family's address
  std::string alamat;
  int rt = 0;
  int rw = 0;
  Date tanggal_terbit;  // date the KK (this number) was issued
  std::vector<FamilyMember> members;

  // The head's NIK; only meaningful on a family that passed ValidateFamily.
  const Nik& head() const;
};

Status ValidateFamily(const Family& family);

}  // namespace siak
