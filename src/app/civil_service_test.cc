#include "app/civil_service.h"

#include "app/register_test_fixture.h"

namespace siak {
namespace {

class CivilServiceTest : public RegisterServiceTest {
 protected:
  void SetUp() override {
    RegisterServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    civil_ = std::make_unique<CivilService>(*store_, clock_, *svc_);
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
  std::unique_ptr<CivilService> civil_;
  const Principal officer_{"reg.bandung", Role::kRegistrar, "3273"};
  const Principal supervisor_{"spv.bandung", Role::kSupervisor, "3273"};
};

// The "done when", first half: an officer declares a birth to a family, a supervisor
// registers it, the child appears in the KK with a valid NIK, and every effect is traceable.
TEST_F(CivilServiceTest, ADeclaredBirthRegisteredPutsTheChildInTheKkWithANik) {
  Household h = MakeHousehold();
  auto declared = civil_->DeclareBirth(officer_, Birth(h, "Putri Santoso", D(2026, 11, 20)));
  ASSERT_TRUE(declared.ok()) << declared.status().ToString();
  EXPECT_EQ(declared->state, "DECLARED");
  EXPECT_EQ(declared->timeliness, "on_time");
  // Declaring changes nothing in the register.
  EXPECT_EQ(GetFamily(h.family.kk_number)->members.size(), 4u);

  auto registered = civil_->Register(supervisor_, declared->id);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->state, "REGISTERED");
  EXPECT_EQ(registered->akta_number, "3273-LT-28112026-0001");
  EXPECT_EQ(registered->decided_by, "spv.bandung");
  const Nik child = N(registered->subject_nik);
  const StoredPerson p = Get(child);
  EXPECT_EQ(p.person.nama, "Putri Santoso");
  EXPECT_EQ(p.person.tanggal_lahir, D(2026, 11, 20));
  EXPECT_EQ(p.person.nama_ibu, "Siti Aminah");
  EXPECT_EQ(p.person.nama_ayah, "Budi Santoso");
  EXPECT_TRUE(child.CheckAgainst(D(2026, 11, 20), JenisKelamin::kPerempuan).empty()) << "the NIK encodes the birth";
  EXPECT_EQ(child.district_digits(), "327301");
  auto family = GetFamily(h.family.kk_number);
  ASSERT_TRUE(family.ok());
  EXPECT_EQ(family->members.size(), 5u);
  EXPECT_EQ(ShdkOf(*family, child), Shdk::kAnak);
  // Traceable: the child's events name the civil event and the akta.
  const auto events = Events(child.digits());
  EXPECT_TRUE(HasEvent(events, static_cast<int>(RegisterEvent::kPersonRegistered)));
  auto birth = LastEvent(events, static_cast<int>(RegisterEvent::kBirthRegistered));
  ASSERT_TRUE(birth.has_value());
  EXPECT_TRUE(Contains(birth->payload, "\"civil_event\":" + std::to_string(declared->id))) << birth->payload;
  EXPECT_TRUE(Contains(birth->payload, "3273-LT-28112026-0001"));
  // Once registered, never again; the next birth that day gets the next number.
  EXPECT_EQ(civil_->Register(supervisor_, declared->id).status().code(), StatusCode::kConflict);
  EXPECT_EQ(civil_->Reject(supervisor_, declared->id, "terlambat dicek").status().code(), StatusCode::kConflict);
  auto twin = civil_->DeclareBirth(officer_, Birth(h, "Putra Santoso", D(2026, 11, 20)));
  ASSERT_TRUE(twin.ok());
  auto twin_reg = civil_->Register(supervisor_, twin->id);
  ASSERT_TRUE(twin_reg.ok()) << twin_reg.status().ToString();
  EXPECT_EQ(twin_reg->akta_number, "3273-LT-28112026-0002");
  EXPECT_NE(twin_reg->subject_nik, registered->subject_nik);
}

TEST_F(CivilServiceTest, RejectionKeepsTheReasonAndChangesNothing) {
  Household h = MakeHousehold();
  auto declared = civil_->DeclareBirth(officer_, Birth(h, "Putri Santoso", D(2026, 11, 1)));
  ASSERT_TRUE(declared.ok());
  EXPECT_EQ(civil_->Reject(supervisor_, declared->id, "no").status().field(), "reason");
  auto rejected = civil_->Reject(supervisor_, declared->id, "surat keterangan lahir tidak ada");
  ASSERT_TRUE(rejected.ok()) << rejected.status().ToString();
  EXPECT_EQ(rejected->state, "REJECTED");
  EXPECT_EQ(rejected->reason, "surat keterangan lahir tidak ada");
  EXPECT_EQ(civil_->Register(supervisor_, declared->id).status().code(), StatusCode::kConflict);
  EXPECT_EQ(GetFamily(h.family.kk_number)->members.size(), 4u);
  // Outside the caller's scope the event does not exist.
  EXPECT_EQ(civil_->Get(aceh_, declared->id).status().code(), StatusCode::kNotFound);
  auto listed = civil_->List(officer_, 0, 50);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE(civil_->List(aceh_, 0, 50)->empty());
}

TEST_F(CivilServiceTest, DeclarationsBreakingARuleNameTheField) {
  Household h = MakeHousehold();
  auto field_of = [&](BirthDeclaration b) { return civil_->DeclareBirth(officer_, b).status().field(); };
  BirthDeclaration b = Birth(h, "Putri", D(2026, 11, 29));  // tomorrow
  EXPECT_EQ(field_of(b), "tanggal_lahir");
  b = Birth(h, "Putri", D(2026, 9, 1));  // 88 days ago: late, needs the Dinas's decision
  EXPECT_EQ(field_of(b), "late_decision");
  b.late_decision = "Keputusan Kadis No. 470/12/2026, 2026-11-27";
  auto late = civil_->DeclareBirth(officer_, b);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_EQ(late->timeliness, "late");
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.waktu_lahir = "25:00";
  EXPECT_EQ(field_of(b), "waktu_lahir");
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.penolong = "tetangga";
  EXPECT_EQ(field_of(b), "penolong");
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.saksi = {"Ujang"};
  EXPECT_EQ(field_of(b), "saksi");
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.ibu = h.father;  // not a woman
  EXPECT_EQ(field_of(b), "ibu");
  b = Birth(h, "Putri", D(2025, 6, 1));
  b.late_decision = "Keputusan Kadis No. 470/13/2026";
  b.ibu = h.daughter;  // 9 years old at that birth: not a plausible mother
  EXPECT_EQ(field_of(b), "ibu");
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.ayah = h.son;  // 21: fine as a father by age
  EXPECT_TRUE(civil_->DeclareBirth(officer_, b).ok());
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.ibu.reset();
  EXPECT_EQ(field_of(b), "ibu");  // neither a NIK nor a name
  b.nama_ibu = "Siti";
  EXPECT_TRUE(civil_->DeclareBirth(officer_, b).ok());
  // A family outside the officer's scope is not found.
  EXPECT_EQ(civil_->DeclareBirth(aceh_, Birth(h, "Putri", D(2026, 11, 20))).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace siak
