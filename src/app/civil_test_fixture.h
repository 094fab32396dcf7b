// The civil registration tests' fixture: the register's fixture with a CivilService (signing
// its akta with a key of its own), a registrar and a supervisor in Kota Bandung, and helpers that
// declare and register events from JSON. Test-only.
#pragma once

#include <nlohmann/json.hpp>

#include "app/civil_service.h"
#include "app/register_test_fixture.h"

namespace siak {
namespace {

using CivilJson = nlohmann::json;

class CivilServiceTest : public RegisterServiceTest {
 protected:
  void SetUp() override {
    RegisterServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    civil_ = std::make_unique<CivilService>(*store_, clock_, *svc_, &key_);
  }
  BirthDeclaration Birth(const Household& h, const std::string& nama, const Date& born) {
    return BirthDeclaration{.kk = h.family.kk_number,
                            .nama = nama,
                            .jenis_kelamin = JenisKelamin::kPerempuan,
                            .tanggal_lahir = born,
                            .waktu_lahir = "06:45",
                            .tempat_lahir = "Bandung",
                            .tempat_dilahirkan = "puskesmas",
                            .penolong = "bidan",
                            .ibu = h.mother,
                            .ayah = h.father,
                            .nama_ibu = "",
                            .nama_ayah = "",
                            .saksi = {"Ujang", "Euis"},
                            .late_decision = ""};
  }
  // Declares `kind` as the officer; the declaration must pass.
  CivilEventRecord Declared(VitalEventKind kind, const CivilJson& j) {
    auto e = civil_->Declare(officer_, kind, j.dump());
    EXPECT_TRUE(e.ok()) << RuleOf(kind).name << ": " << e.status().ToString();
    return e.ok() ? *e : CivilEventRecord{};
  }
  // Declares and registers; both must pass.
  CivilEventRecord Registered(VitalEventKind kind, const CivilJson& j) {
    CivilEventRecord d = Declared(kind, j);
    auto r = civil_->Register(supervisor_, d.id);
    EXPECT_TRUE(r.ok()) << RuleOf(kind).name << ": " << r.status().ToString();
    return r.ok() ? *r : CivilEventRecord{};
  }
  // The field a declaration is refused on ("" when it passes).
  std::string RefusedOn(VitalEventKind kind, const CivilJson& j) {
    auto e = civil_->Declare(officer_, kind, j.dump());
    return e.ok() ? std::string() : e.status().field();
  }
  CivilJson Death(const Nik& nik, const Date& died) {
    return CivilJson{{"nik", std::string(nik.digits())},
                     {"tanggal_kematian", died.ToString()},
                     {"waktu_kematian", "04:30"},
                     {"tempat_kematian", "RSUD Kota Bandung"},
                     {"sebab", "sakit_biasa"},
                     {"yang_menerangkan", "dokter"},
                     {"pelapor", "Ujang"},
                     {"hubungan_pelapor", "tetangga"},
                     {"saksi", {"Asep", "Euis"}}};
  }
  CivilJson Marriage(const Nik& suami, const Nik& istri, const Date& on) {
    return CivilJson{{"suami", std::string(suami.digits())},
                     {"istri", std::string(istri.digits())},
                     {"tanggal_perkawinan", on.ToString()},
                     {"tempat_perkawinan", "Gereja Pasundan Bandung"},
                     {"jalur", "dinas"},
                     {"agama", "kristen"},
                     {"pemuka_agama", "Pdt. Yohanes"},
                     {"saksi", {"Asep", "Euis"}}};
  }
  static CivilJson Effects(const CivilEventRecord& e) { return CivilJson::parse(e.effects); }

  card::SigningKey key_ = card::SigningKey::Generate();
  std::unique_ptr<CivilService> civil_;
  const Principal officer_{"reg.bandung", Role::kRegistrar, "3273"};
  const Principal supervisor_{"spv.bandung", Role::kSupervisor, "3273"};
};

}  // namespace
}  // namespace siak
