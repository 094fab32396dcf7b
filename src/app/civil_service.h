// CivilService: civil registration (pencatatan sipil). An officer declares a vital event; a
// supervisor registers it (applying its effects to the register in the same transaction, each
// traceable to the event) or rejects it with a reason that is kept. Rules: domain/vital_event.h.
//
// This first part handles births (kelahiran): registering one issues the child's NIK by the NIK
// rules, adds the child to the family's KK as anak, numbers the akta kelahiran
// (3204-LT-28112026-0001) and appends a birth_registered event naming the civil event. The
// other events of issue 10 (death, marriage, divorce, marginal notes), certificates and their
// verification build on the same declaration lifecycle.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth_service.h"
#include "app/clock.h"
#include "app/register_service.h"
#include "domain/vital_event.h"
#include "store/civil_store.h"

namespace siak {

struct BirthDeclaration {
  KkNumber kk;                      // the family the child joins
  std::string nama;                 // the child's name
  JenisKelamin jenis_kelamin = JenisKelamin::kLakiLaki;
  Date tanggal_lahir;
  std::string waktu_lahir;          // HH:MM
  std::string tempat_lahir;         // the place (town) of birth
  std::string tempat_dilahirkan;    // rumah_sakit | puskesmas | polindes | rumah | lainnya
  std::string penolong;             // who attended: dokter | bidan | dukun | lainnya
  std::optional<Nik> ibu, ayah;     // the parents by NIK where known
  std::string nama_ibu, nama_ayah;  // otherwise by name (the mother's is required)
  std::vector<std::string> saksi;   // two witnesses
  std::string late_decision;        // a late registration: the head of the Dinas's decision
};

class CivilService {
 public:
  CivilService(Store& store, const Clock& clock, RegisterService& registry);

  Result<CivilEventRecord> DeclareBirth(const Principal& who, const BirthDeclaration& birth);
  // Registers a declaration and applies its effects; kConflict when it is no longer declared.
  Result<CivilEventRecord> Register(const Principal& who, int64_t id);
  Result<CivilEventRecord> Reject(const Principal& who, int64_t id, const std::string& reason);
  Result<CivilEventRecord> Get(const Principal& who, int64_t id);
  Result<std::vector<CivilEventRecord>> List(const Principal& who, int64_t after_id, int limit);

 private:
  // The declaration checked against the register as it is now (at declaring and again at
  // registering): the family, the parents, the deadline. Returns the family.
  Result<Family> CheckBirth(const Principal& who, const BirthDeclaration& birth, Timeliness* timeliness);

  Store& store_;
  const Clock& clock_;
  RegisterService& registry_;
};

}  // namespace siak
