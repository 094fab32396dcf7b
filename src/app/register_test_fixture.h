// The register service's test fixture (a store with the official regions, a manual clock, scoped
// principals, households), shared by the register's and civil registration's tests. Test-only.
#pragma once

#include "app/register_service.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/clock.h"
#include "app/import_regions.h"
#include "app/register_events.h"
#include "store/store.h"
#include "tests/support/synthetic_person.h"

namespace siak {

// Readable failure messages for the identifier types.
inline void PrintTo(const Nik& nik, std::ostream* os) { *os << nik.ToString(); }
inline void PrintTo(const KkNumber& kk, std::ostream* os) { *os << kk.ToString(); }
inline void PrintTo(const RegionCode& code, std::ostream* os) { *os << code.ToString(); }
inline void PrintTo(const Date& date, std::ostream* os) { *os << date.ToString(); }

namespace {

// 2026-11-28T08:00:00Z: KK numbers issued today carry 281126.
constexpr int64_t kToday = 1795852800;
constexpr int64_t kDay = 86400;

inline Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }
inline RegionCode R(std::string_view code) { return *RegionCode::Parse(code); }
inline Nik N(std::string_view digits) { return *Nik::ParseStructure(digits); }

inline std::string MakeTempDir(const char* name) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (std::string(name) + "-XXXXXX")).string();
  if (mkdtemp(tmpl.data()) == nullptr) return "";
  return tmpl;
}

inline bool HasEvent(const std::vector<EventRecord>& events, int type) {
  return std::any_of(events.begin(), events.end(), [&](const EventRecord& e) { return e.type == type; });
}
inline std::optional<EventRecord> LastEvent(const std::vector<EventRecord>& events, int type) {
  std::optional<EventRecord> found;
  for (const auto& e : events) {
    if (e.type == type) found = e;
  }
  return found;
}
inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}
inline std::optional<Shdk> ShdkOf(const Family& f, const Nik& nik) {
  for (const auto& m : f.members) {
    if (m.nik == nik) return m.shdk;
  }
  return std::nullopt;
}
// Stand-ins returned by the helpers after a failure has been recorded (the test fails anyway).
inline Person PlaceholderPerson() {
  return Person{.nik = N("3273010101900001"),
                .kk_number = std::nullopt,
                .nama = "Placeholder",
                .tempat_lahir = "Bandung",
                .tanggal_lahir = D(1990, 1, 1),
                .tanggal_lahir_presisi = BirthDatePrecision::kExact,
                .jenis_kelamin = JenisKelamin::kLakiLaki,
                .golongan_darah = GolonganDarah::kTidakTahu,
                .agama = Agama::kIslam,
                .status_perkawinan = StatusPerkawinan::kBelumKawin,
                .perkawinan_tercatat = PencatatanPerkawinan::kTidakBerlaku,
                .pendidikan = Pendidikan::kSlta,
                .pekerjaan = Pekerjaan::kLainnya,
                .kewarganegaraan = Kewarganegaraan::kWni,
                .kitap = false,
                .penyandang_cacat = std::nullopt,
                .status_dasar = StatusDasar::kHidup,
                .nama_ayah = "",
                .nama_ibu = "",
                .wilayah = R("3273011001"),
                .alamat = "",
                .rt = 1,
                .rw = 1,
                .ektp_status = EktpStatus::kBelumWajib};
}

// A search for `text` (designated initializers would trip -Wmissing-field-initializers).
inline SearchQuery Query(std::string text, std::string cursor = "", int limit = 20, std::string region_prefix = "") {
  SearchQuery q;
  q.text = std::move(text);
  q.cursor = std::move(cursor);
  q.limit = limit;
  q.region_prefix = std::move(region_prefix);
  return q;
}

// A move of `movers` to `village`; join_kk, staying_head and reason are set by the caller.
inline MoveRequest MoveTo(std::vector<Nik> movers, std::string_view village, std::string alamat = "Jl. Baru No. 1", int rt = 1,
                   int rw = 1) {
  return MoveRequest{.movers = std::move(movers),
                     .destination = R(village),
                     .alamat = std::move(alamat),
                     .rt = rt,
                     .rw = rw,
                     .join_kk = std::nullopt,
                     .staying_head = std::nullopt,
                     .reason = "pindah"};
}
inline Family PlaceholderFamily() {
  return Family{*KkNumber::ParseStructure("3273010101900001"), R("3273011001"), "", 1, 1, D(1990, 1, 1), {}};
}

inline std::set<std::string> NiksOf(const Family& f) {
  std::set<std::string> out;
  for (const auto& m : f.members) out.insert(m.nik.ToString());
  return out;
}

// A register over a real SQLite store loaded with the official region list. The regions are
// read and stored once into a template database; every test gets its own copy of it.
class RegisterServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::is_directory(SIAK_REGION_DATA_DIR)) {
      skip_reason_ = new std::string(std::string("region data not found at ") + SIAK_REGION_DATA_DIR +
                                     " (run scripts/setup.sh to install idn-area-data)");
      return;
    }
    std::string error;
    template_path_ = new std::string(SharedTemplate(&error));
    if (template_path_->empty()) {
      setup_error_ = new std::string(error);
      return;
    }
    auto store = OpenStore("sqlite:" + *template_path_);
    auto regions = store.ok() ? (*store)->LoadRegions() : Result<std::vector<Region>>(store.status());
    if (!regions.ok()) {
      setup_error_ = new std::string("reading the template's regions: " + regions.status().ToString());
      return;
    }
    districts_ = new KnownDistricts(KnownDistricts::Of(*regions));
  }

  // The store with the official regions, made once per test run and binary and shared by every
  // test process (CTest runs each test as a process of its own; importing the 83,762 villages
  // each time cost 3-4 s a test under the sanitizers). Removed by scripts/test.sh.
  static std::string SharedTemplate(std::string* error) {
    struct stat exe {};
    stat("/proc/self/exe", &exe);
    const std::string base = (std::filesystem::temp_directory_path() /
                              ("siak_register_tmpl_" + std::to_string(Store::LatestSchemaVersion()) + "_" +
                               std::to_string(exe.st_mtime) + "_" + std::to_string(getppid())))
                                 .string();
    const int fd = open((base + ".lock").c_str(), O_CREAT | O_RDWR, 0600);
    if (fd < 0 || flock(fd, LOCK_EX) != 0) {
      *error = "cannot lock " + base + ".lock";
      if (fd >= 0) close(fd);
      return "";
    }
    const std::string path = base + ".db";
    if (!std::filesystem::exists(path)) {
      auto regions = ReadRegionCsvs(SIAK_REGION_DATA_DIR);
      Status st = regions.ok() ? Status::Ok() : regions.status();
      const std::string part = base + ".part";
      std::filesystem::remove(part);
      if (st.ok()) {
        auto store = OpenStore("sqlite:" + part);
        st = store.ok() ? (*store)->Migrate(Store::LatestSchemaVersion()) : store.status();
        if (st.ok()) st = (*store)->ReplaceRegions(*regions);
      }  // closed here: the WAL is checkpointed into the file
      if (st.ok()) {
        for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(part + suffix);
        std::filesystem::rename(part, path);
      } else {
        *error = "preparing the template store: " + st.ToString();
      }
    }
    flock(fd, LOCK_UN);
    close(fd);
    return error->empty() ? path : "";
  }

  static void TearDownTestSuite() {
    delete template_path_;
    delete districts_;
    delete skip_reason_;
    delete setup_error_;
    template_path_ = nullptr;
    districts_ = nullptr;
    skip_reason_ = nullptr;
    setup_error_ = nullptr;
  }

  void SetUp() override {
    if (skip_reason_) GTEST_SKIP() << *skip_reason_;
    ASSERT_EQ(setup_error_, nullptr) << *setup_error_;
    dir_ = MakeTempDir("siak-register");
    ASSERT_FALSE(dir_.empty());
    std::filesystem::copy_file(*template_path_, dir_ + "/x.db");
    auto store = OpenStore("sqlite:" + dir_ + "/x.db");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    auto version = store_->SchemaVersion();
    ASSERT_TRUE(version.ok());
    ASSERT_EQ(*version, Store::LatestSchemaVersion());
    svc_ = std::make_unique<RegisterService>(*store_, clock_, *districts_);
  }

  void TearDown() override {
    svc_.reset();
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // A person with the next NIK of the village's district (not yet registered).
  Person NewPerson(const std::string& nama, const std::string& village, const Date& born, JenisKelamin sex,
                   StatusPerkawinan status = StatusPerkawinan::kBelumKawin) {
    auto nik = svc_->NextNik(R(village.substr(0, 6)), born, sex);
    EXPECT_TRUE(nik.ok()) << nik.status().ToString();
    const bool married = status == StatusPerkawinan::kKawin || status == StatusPerkawinan::kCeraiHidup;
    return Person{
        .nik = nik.ok() ? *nik : PlaceholderPerson().nik,
        .kk_number = std::nullopt,
        .nama = nama,
        .tempat_lahir = "Bandung",
        .tanggal_lahir = born,
        .tanggal_lahir_presisi = BirthDatePrecision::kExact,
        .jenis_kelamin = sex,
        .golongan_darah = GolonganDarah::kO,
        .agama = Agama::kIslam,
        .status_perkawinan = status,
        .perkawinan_tercatat = married ? PencatatanPerkawinan::kTercatat : PencatatanPerkawinan::kTidakBerlaku,
        .pendidikan = Pendidikan::kSlta,
        .pekerjaan = Pekerjaan::kKaryawanSwasta,
        .kewarganegaraan = Kewarganegaraan::kWni,
        .kitap = false,
        .penyandang_cacat = std::nullopt,
        .status_dasar = StatusDasar::kHidup,
        .nama_ayah = "Ahmad",
        .nama_ibu = "Fatimah",
        .wilayah = R(village),
        .alamat = "Jl. Sukajadi No. 5",
        .rt = 3,
        .rw = 7,
        .ektp_status = EktpStatus::kBelumWajib,
    };
  }

  StoredPerson Register(const Principal& who, const std::string& nama, const std::string& village, const Date& born,
                        JenisKelamin sex, StatusPerkawinan status = StatusPerkawinan::kBelumKawin) {
    Person p = NewPerson(nama, village, born, sex, status);
    auto r = svc_->RegisterPerson(who, p, false);
    EXPECT_TRUE(r.ok()) << nama << ": " << r.status().ToString();
    return r.ok() ? *r : StoredPerson{p, 0};
  }

  StoredPerson Get(const Nik& nik) {
    auto p = svc_->GetPerson(admin_, nik);
    EXPECT_TRUE(p.ok()) << nik.ToString() << ": " << p.status().ToString();
    return p.ok() ? *p : StoredPerson{PlaceholderPerson(), 0};
  }

  std::vector<EventRecord> Events(std::string_view subject) {
    auto e = store_->EventsFor(subject);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? *e : std::vector<EventRecord>{};
  }

  // A family of four in `village`: father (head), mother, an adult son and a young daughter.
  struct Household {
    Nik father, mother, son, daughter;
    Family family;
  };
  Household MakeHousehold(const std::string& village = "3273011001", const Principal* who = nullptr) {
    const Principal& by = who ? *who : admin_;
    Household h{Register(by, "Budi Santoso", village, D(1980, 3, 14), JenisKelamin::kLakiLaki, StatusPerkawinan::kKawin)
                    .person.nik,
                Register(by, "Siti Aminah", village, D(1982, 7, 2), JenisKelamin::kPerempuan, StatusPerkawinan::kKawin)
                    .person.nik,
                Register(by, "Andi Santoso", village, D(2005, 1, 20), JenisKelamin::kLakiLaki).person.nik,
                Register(by, "Dewi Santoso", village, D(2015, 9, 9), JenisKelamin::kPerempuan).person.nik,
                PlaceholderFamily()};
    FamilyDraft draft{
        R(village),
        "Jl. Setiabudi No. 12",
        2,
        5,
        {{h.father, Shdk::kKepalaKeluarga}, {h.mother, Shdk::kIstri}, {h.son, Shdk::kAnak}, {h.daughter, Shdk::kAnak}}};
    auto f = svc_->CreateFamily(by, draft);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    if (f.ok()) h.family = *f;
    return h;
  }

  Result<Family> GetFamily(const KkNumber& kk) { return svc_->GetFamily(admin_, kk); }

  static std::string* skip_reason_;
  static std::string* setup_error_;
  static std::string* template_path_;
  static KnownDistricts* districts_;

  std::string dir_;
  std::unique_ptr<Store> store_;
  ManualClock clock_{kToday};
  std::unique_ptr<RegisterService> svc_;
  const Principal admin_{"admin", Role::kAdmin, ""};
  const Principal bandung_{"reg.bandung", Role::kRegistrar, "3273"};
  const Principal aceh_{"reg.aceh", Role::kRegistrar, "1101"};
};

std::string* RegisterServiceTest::skip_reason_ = nullptr;
std::string* RegisterServiceTest::setup_error_ = nullptr;
std::string* RegisterServiceTest::template_path_ = nullptr;
KnownDistricts* RegisterServiceTest::districts_ = nullptr;

}  // namespace
}  // namespace siak
