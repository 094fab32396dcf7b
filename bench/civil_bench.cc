// Civil registration throughput (issue 10): births registered per second on SQLite and
// PostgreSQL, each beside the register doing the same writes without the civil layer in the
// same run.
//  - BM_<Backend>BirthRegistered: a birth declared (checked against the register: the family,
//    both parents, the deadline) and registered by a supervisor: the child's NIK issued by the
//    rules, the child registered and added to the KK as anak, the akta kelahiran numbered, the
//    birth_registered event, the effects stored. Two transactions, as at the counter.
//  - BM_Baseline_<Backend>ChildRegistered: NextNik + RegisterPerson + AddMember in one
//    transaction: the register's own cost of the same child.
// The ratio is the civil layer's share: 1.0 would mean declaring, checking twice, numbering the
// akta and recording its effects cost nothing beyond the register's writes. Certificate renders
// per second are in siak_card_bench (the akta PDF and PNG).
#include <benchmark/benchmark.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/civil_service.h"
#include "app/clock.h"
#include "app/register_service.h"
#include "bench/bench_util.h"
#include "store/store.h"

namespace siak::bench {
namespace {

constexpr int kFamilies = 400;
constexpr int kBirths = 1200;  // three per family: no KK grows large

// A store with kFamilies families (a father heading, a mother as istri) in one village of
// Kota Bandung, and the services over it.
struct Setup {
  FreshDb db;
  std::unique_ptr<Store> store;
  KnownDistricts districts;
  ManualClock clock{1795852800};  // 2026-11-28T08:00:00Z
  std::unique_ptr<RegisterService> registry;
  std::unique_ptr<CivilService> civil;
  struct Household {
    KkNumber kk;
    Nik father, mother;
  };
  std::vector<Household> households;
  Principal admin{"bench", Role::kAdmin, ""};
  std::string error;

  explicit Setup(const std::string& backend) : db(FreshDb::Make(backend)) {
    if (!db.error.empty()) {
      error = db.error;
      return;
    }
    auto s = OpenStore(db.url);
    if (!s.ok()) {
      error = s.status().ToString();
      return;
    }
    store = std::move(s).value();
    districts.Add("327301");
    registry = std::make_unique<RegisterService>(*store, clock, districts);
    civil = std::make_unique<CivilService>(*store, clock, *registry);
    const RegionCode village = *RegionCode::Parse("3273011001");
    const RegionCode district = *RegionCode::Parse("327301");
    auto adult = [&](const std::string& nama, int year, JenisKelamin sex) -> Result<Nik> {
      const Date born = *Date::FromYmd(year, 1 + (static_cast<int>(households.size()) % 12), 10);
      Result<Nik> nik = Status::Internal("");
      Status st = store->Transaction([&]() -> Status {
        nik = registry->NextNik(district, born, sex);
        SIAK_RETURN_IF_ERROR(nik.status());
        return registry
            ->RegisterPerson(admin,
                             Person{.nik = *nik,
                                    .kk_number = std::nullopt,
                                    .nama = nama,
                                    .tempat_lahir = "Bandung",
                                    .tanggal_lahir = born,
                                    .tanggal_lahir_presisi = BirthDatePrecision::kExact,
                                    .jenis_kelamin = sex,
                                    .golongan_darah = GolonganDarah::kO,
                                    .agama = Agama::kIslam,
                                    .status_perkawinan = StatusPerkawinan::kKawin,
                                    .perkawinan_tercatat = PencatatanPerkawinan::kTercatat,
                                    .pendidikan = Pendidikan::kSlta,
                                    .pekerjaan = Pekerjaan::kKaryawanSwasta,
                                    .kewarganegaraan = Kewarganegaraan::kWni,
                                    .kitap = false,
                                    .penyandang_cacat = std::nullopt,
                                    .status_dasar = StatusDasar::kHidup,
                                    .nama_ayah = "Ahmad",
                                    .nama_ibu = "Fatimah",
                                    .wilayah = village,
                                    .alamat = "Jl. Sukajadi No. 5",
                                    .rt = 3,
                                    .rw = 7,
                                    .ektp_status = EktpStatus::kBelumRekam},
                             false)
            .status();
      });
      if (!st.ok()) return st;
      return nik;
    };
    for (int i = 0; i < kFamilies; ++i) {
      auto father = adult("Budi Santoso", 1985, JenisKelamin::kLakiLaki);
      auto mother = adult("Siti Aminah", 1990, JenisKelamin::kPerempuan);
      if (!father.ok() || !mother.ok()) {
        error = (father.ok() ? mother.status() : father.status()).ToString();
        return;
      }
      auto f = registry->CreateFamily(admin, FamilyDraft{village, "Jl. Sukajadi No. 5", 3, 7,
                                                         {{*father, Shdk::kKepalaKeluarga}, {*mother, Shdk::kIstri}}});
      if (!f.ok()) {
        error = f.status().ToString();
        return;
      }
      households.push_back({f->kk_number, *father, *mother});
    }
  }
  ~Setup() {
    civil.reset();
    registry.reset();
    store.reset();
    db.Drop();
  }
};

void BirthRegistered(benchmark::State& state, const std::string& backend) {
  Setup s(backend);
  if (!s.error.empty()) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  int i = 0;
  for (auto _ : state) {
    const auto& h = s.households[static_cast<size_t>(i) % s.households.size()];
    const BirthDeclaration b{.kk = h.kk,
                             .nama = "Putri Santoso",
                             .jenis_kelamin = JenisKelamin::kPerempuan,
                             .tanggal_lahir = *Date::FromYmd(2026, 11, 1 + i % 27),
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
    auto d = s.civil->DeclareBirth(s.admin, b);
    auto r = d.ok() ? s.civil->Register(s.admin, d->id) : Result<CivilEventRecord>(d.status());
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}

void ChildRegistered(benchmark::State& state, const std::string& backend) {
  Setup s(backend);
  if (!s.error.empty()) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  const RegionCode district = *RegionCode::Parse("327301");
  int i = 0;
  for (auto _ : state) {
    const auto& h = s.households[static_cast<size_t>(i) % s.households.size()];
    const Date born = *Date::FromYmd(2026, 11, 1 + i % 27);
    Status st = s.store->Transaction([&]() -> Status {
      SIAK_ASSIGN_OR_RETURN(Nik nik, s.registry->NextNik(district, born, JenisKelamin::kPerempuan));
      SIAK_RETURN_IF_ERROR(s.registry
                               ->RegisterPerson(s.admin,
                                                Person{.nik = nik,
                                                       .kk_number = std::nullopt,
                                                       .nama = "Putri Santoso",
                                                       .tempat_lahir = "Bandung",
                                                       .tanggal_lahir = born,
                                                       .tanggal_lahir_presisi = BirthDatePrecision::kExact,
                                                       .jenis_kelamin = JenisKelamin::kPerempuan,
                                                       .golongan_darah = GolonganDarah::kTidakTahu,
                                                       .agama = Agama::kIslam,
                                                       .status_perkawinan = StatusPerkawinan::kBelumKawin,
                                                       .perkawinan_tercatat = PencatatanPerkawinan::kTidakBerlaku,
                                                       .pendidikan = Pendidikan::kTidakBelumSekolah,
                                                       .pekerjaan = Pekerjaan::kBelumTidakBekerja,
                                                       .kewarganegaraan = Kewarganegaraan::kWni,
                                                       .kitap = false,
                                                       .penyandang_cacat = std::nullopt,
                                                       .status_dasar = StatusDasar::kHidup,
                                                       .nama_ayah = "Budi Santoso",
                                                       .nama_ibu = "Siti Aminah",
                                                       .wilayah = *RegionCode::Parse("3273011001"),
                                                       .alamat = "Jl. Sukajadi No. 5",
                                                       .rt = 3,
                                                       .rw = 7,
                                                       .ektp_status = EktpStatus::kBelumWajib},
                                                false)
                               .status());
      return s.registry->AddMember(s.admin, h.kk, nik, Shdk::kAnak).status();
    });
    if (!st.ok()) {
      state.SkipWithError(st.ToString().c_str());
      return;
    }
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SqliteBirthRegistered(benchmark::State& state) { BirthRegistered(state, "sqlite"); }
void BM_PostgresBirthRegistered(benchmark::State& state) { BirthRegistered(state, "postgresql"); }
void BM_Baseline_SqliteChildRegistered(benchmark::State& state) { ChildRegistered(state, "sqlite"); }
void BM_Baseline_PostgresChildRegistered(benchmark::State& state) { ChildRegistered(state, "postgresql"); }

BENCHMARK(BM_SqliteBirthRegistered)->Iterations(kBirths)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Baseline_SqliteChildRegistered)->Iterations(kBirths)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PostgresBirthRegistered)->Iterations(kBirths)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Baseline_PostgresChildRegistered)->Iterations(kBirths)->UseRealTime()->Unit(benchmark::kMicrosecond);

const bool kRatios[] = {
    RegisterRatio("BM_SqliteBirthRegistered/iterations:1200/real_time",
                  "BM_Baseline_SqliteChildRegistered/iterations:1200/real_time",
                  "births registered (declare + register, akta numbered) per second vs the register writing the "
                  "same child alone (SQLite)"),
    RegisterRatio("BM_PostgresBirthRegistered/iterations:1200/real_time",
                  "BM_Baseline_PostgresChildRegistered/iterations:1200/real_time",
                  "the same on PostgreSQL"),
};

}  // namespace
}  // namespace siak::bench
