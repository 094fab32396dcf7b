#include "domain/family.h"

#include <set>

#include "domain/person.h"

namespace siak {

const Nik& Family::head() const {
  for (const auto& m : members) {
    if (m.shdk == Shdk::kKepalaKeluarga) return m.nik;
  }
  return members.front().nik;
}

Status ValidateFamily(const Family& family) {
  if (family.wilayah.level() != RegionLevel::kVillage) {
    return Status::Invalid("wilayah", family.wilayah.ToString(), "the address must be a desa/kelurahan");
  }
  SIAK_RETURN_IF_ERROR(ValidateAlamat(family.alamat));
  if (family.rt < 1 || family.rt > 999) return Status::Invalid("rt", std::to_string(family.rt), "must be 001-999");
  if (family.rw < 1 || family.rw > 999) return Status::Invalid("rw", std::to_string(family.rw), "must be 001-999");
  int heads = 0;
  std::set<std::string> seen;
  for (size_t i = 0; i < family.members.size(); ++i) {
    const auto& m = family.members[i];
    if (!seen.insert(m.nik.ToString()).second) {
      return Status::Invalid("members[" + std::to_string(i) + "].nik", m.nik.digits(), "appears twice on the KK");
    }
    if (m.shdk == Shdk::kKepalaKeluarga) ++heads;
  }
  if (heads != 1) {
    return Status::Invalid("members", std::to_string(heads) + " heads",
                           "a KK has exactly one Kepala keluarga (SHDK 1)");
  }
  return Status::Ok();
}

}  // namespace siak
