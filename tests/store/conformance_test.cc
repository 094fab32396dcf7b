// The store conformance suite: every test runs against every backend (SQLite, PostgreSQL).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>

#include "app/import_regions.h"
#include "store/abis_store.h"
#include "store/civil_store.h"
#include "store/codec.h"
#include "store/ektp_store.h"
#include "tests/store/test_backends.h"

namespace siak::testing {
namespace {

std::string TestHash(const AuditRecord& r) {
  // Not a cryptographic hash (issue 3 brings SHA-256): enough to see the chain is wired.
  size_t h = std::hash<std::string>{}(r.prev_hash + "|" + r.at + "|" + r.actor + "|" + r.action + "|" + r.subjects +
                                      "|" + r.outcome);
  return std::to_string(h);
}

using StoreConformance = BackendTest;

TEST_P(StoreConformance, MigratesDownAndUpAgain) {
  ASSERT_EQ(*store_->SchemaVersion(), Store::LatestSchemaVersion());
  ASSERT_OK(store_->InsertPersons(std::vector<Person>{MakePerson(1)}));
  ASSERT_OK(store_->Migrate(1));
  EXPECT_EQ(*store_->SchemaVersion(), 1);
  EXPECT_FALSE(store_->GetPerson(MakePerson(1).nik).ok()) << "person table must be gone at version 1";
  EXPECT_OK(store_->ReplaceRegions(SampleRegions()));  // version 1 still has regions
  ASSERT_OK(store_->Migrate(0));
  EXPECT_EQ(*store_->SchemaVersion(), 0);
  EXPECT_FALSE(store_->LoadRegions().ok()) << "region table must be gone at version 0";
  std::string error;
  EXPECT_FALSE(db_->ExecRaw("SELECT * FROM region", &error));
  ASSERT_OK(store_->Migrate(Store::LatestSchemaVersion()));
  EXPECT_EQ(*store_->SchemaVersion(), Store::LatestSchemaVersion());
  auto person = store_->GetPerson(MakePerson(1).nik);
  EXPECT_EQ(person.status().code(), StatusCode::kNotFound) << "a re-created table starts empty";
}

TEST_P(StoreConformance, MigrateRejectsUnknownVersion) {
  Status st = store_->Migrate(Store::LatestSchemaVersion() + 1);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.field(), "target_version");
  EXPECT_EQ(*store_->SchemaVersion(), Store::LatestSchemaVersion());
}

TEST_P(StoreConformance, OpenedTwiceSeesTheSameSchema) {
  auto second = db_->Open();
  ASSERT_OK(second);
  EXPECT_EQ(*(*second)->SchemaVersion(), Store::LatestSchemaVersion());
  EXPECT_OK((*second)->Migrate(Store::LatestSchemaVersion()));  // a no-op
}

TEST_P(StoreConformance, RegionsRoundTripAndCount) {
  const auto regions = SampleRegions();
  ASSERT_OK(store_->ReplaceRegions(regions));
  auto loaded = store_->LoadRegions();
  ASSERT_OK(loaded);
  ASSERT_EQ(loaded->size(), regions.size());
  for (const auto& r : regions) {
    auto it = std::find_if(loaded->begin(), loaded->end(), [&](const Region& l) { return l.code == r.code; });
    ASSERT_NE(it, loaded->end()) << r.code.ToString();
    EXPECT_EQ(it->name, r.name);
    EXPECT_EQ(it->is_populated, r.is_populated);
    EXPECT_EQ(it->is_outermost_small, r.is_outermost_small);
    EXPECT_EQ(it->coordinate, r.coordinate);
  }
  auto stats = store_->CountRegions();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->provinces, 2);
  EXPECT_EQ(stats->regencies, 2);
  EXPECT_EQ(stats->kota, 1);
  EXPECT_EQ(stats->districts, 2);
  EXPECT_EQ(stats->villages, 3);
  EXPECT_EQ(stats->kelurahan, 2);
  EXPECT_EQ(stats->desa, 1);
  EXPECT_EQ(stats->islands, 1);
  EXPECT_EQ(stats->outermost_small_islands, 1);
}

TEST_P(StoreConformance, ReplaceRegionsIsAllOrNothing) {
  ASSERT_OK(store_->ReplaceRegions(SampleRegions()));
  auto bad = SampleRegions();
  bad.erase(bad.begin() + 3, bad.end());
  bad.push_back(bad[0]);  // duplicate code
  Status st = store_->ReplaceRegions(bad);
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists) << st.ToString();
  auto loaded = store_->LoadRegions();
  ASSERT_OK(loaded);
  EXPECT_EQ(loaded->size(), SampleRegions().size()) << "the old region list must survive a failed replace";
}

TEST_P(StoreConformance, PersonRoundTripsEveryField) {
  Person p = MakePerson(50);  // has a disability, kawin tercatat
  p.nama = "Dédé Sunarya'";  // non-ASCII and an apostrophe survive
  p.kk_number = *KkNumber::ParseStructure("3273010101200001");
  p.tanggal_lahir = *Date::FromYmd(1990, 7, 1);
  p.tanggal_lahir_presisi = BirthDatePrecision::kDayMonthUnknown;
  p.kewarganegaraan = Kewarganegaraan::kWna;
  p.kitap = true;
  p.alamat = "Jl. \"Dago\"\tNo. 5\\B";  // COPY escapes
  ASSERT_OK(store_->InsertPersons(std::vector<Person>{p}));
  auto got = store_->GetPerson(p.nik);
  ASSERT_OK(got);
  const Person& g = got->person;
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(g.nik, p.nik);
  EXPECT_EQ(g.kk_number, p.kk_number);
  EXPECT_EQ(g.nama, p.nama);
  EXPECT_EQ(g.tempat_lahir, p.tempat_lahir);
  EXPECT_EQ(g.tanggal_lahir, p.tanggal_lahir);
  EXPECT_EQ(g.tanggal_lahir_presisi, p.tanggal_lahir_presisi);
  EXPECT_EQ(g.jenis_kelamin, p.jenis_kelamin);
  EXPECT_EQ(g.golongan_darah, p.golongan_darah);
  EXPECT_EQ(g.agama, p.agama);
  EXPECT_EQ(g.status_perkawinan, p.status_perkawinan);
  EXPECT_EQ(g.perkawinan_tercatat, p.perkawinan_tercatat);
  EXPECT_EQ(g.pendidikan, p.pendidikan);
  EXPECT_EQ(g.pekerjaan, p.pekerjaan);
  EXPECT_EQ(g.kewarganegaraan, p.kewarganegaraan);
  EXPECT_EQ(g.kitap, p.kitap);
  EXPECT_EQ(g.penyandang_cacat, p.penyandang_cacat);
  EXPECT_EQ(g.status_dasar, p.status_dasar);
  EXPECT_EQ(g.nama_ayah, p.nama_ayah);
  EXPECT_EQ(g.nama_ibu, p.nama_ibu);
  EXPECT_EQ(g.wilayah, p.wilayah);
  EXPECT_EQ(g.alamat, p.alamat);
  EXPECT_EQ(g.rt, p.rt);
  EXPECT_EQ(g.rw, p.rw);
  EXPECT_EQ(g.ektp_status, p.ektp_status);
}

TEST_P(StoreConformance, MissingPersonIsNotFound) {
  auto got = store_->GetPerson(MakePerson(7).nik);
  EXPECT_EQ(got.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(got.status().field(), "nik");
}

TEST_P(StoreConformance, BulkInsertWithADuplicateChangesNothing) {
  ASSERT_OK(store_->InsertPersons(std::vector<Person>{MakePerson(1)}));
  std::vector<Person> batch;
  for (int i = 2; i < 500; ++i) batch.push_back(MakePerson(i));
  batch.push_back(MakePerson(1));  // already stored
  Status st = store_->InsertPersons(batch);
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(st.field(), "nik");
  EXPECT_EQ(st.value(), MakePerson(1).nik.digits());
  EXPECT_EQ(*store_->CountPersons(""), 1) << "a failed bulk insert must write nothing";
}

TEST_P(StoreConformance, BulkInsertReportsProgressAndCounts) {
  std::vector<Person> batch;
  for (int i = 0; i < 25000; ++i) batch.push_back(MakePerson(i, i % 2 ? "3273011001" : "1101012001"));
  std::vector<int64_t> seen;
  ASSERT_OK(store_->InsertPersons(batch, [&](int64_t done) { seen.push_back(done); }));
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), 25000);
  EXPECT_EQ(*store_->CountPersons(""), 25000);
  EXPECT_EQ(*store_->CountPersons("32"), 12500);
  EXPECT_EQ(*store_->CountPersons("110101"), 12500);
  EXPECT_EQ(*store_->CountPersons("3273011001"), 12500);
  EXPECT_EQ(*store_->CountPersons("3274"), 0);
}

TEST_P(StoreConformance, UpdateBumpsVersionAndRefusesStaleWrites) {
  Person p = MakePerson(3);
  ASSERT_OK(store_->InsertPersons(std::vector<Person>{p}));
  p.pekerjaan = Pekerjaan::kGuru;
  auto v2 = store_->UpdatePerson(p, 1);
  ASSERT_OK(v2);
  EXPECT_EQ(*v2, 2);
  EXPECT_EQ(store_->GetPerson(p.nik)->person.pekerjaan, Pekerjaan::kGuru);
  p.pekerjaan = Pekerjaan::kDokter;
  auto stale = store_->UpdatePerson(p, 1);
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->GetPerson(p.nik)->person.pekerjaan, Pekerjaan::kGuru) << "a stale update must change nothing";
  auto missing = store_->UpdatePerson(MakePerson(4), 1);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, MoveToAnotherProvinceKeepsNikUnique) {
  Person p = MakePerson(5, "3273011001");
  ASSERT_OK(store_->InsertPersons(std::vector<Person>{p}));
  p.wilayah = *RegionCode::Parse("1101012001");  // moves from Jawa Barat to Aceh
  ASSERT_OK(store_->UpdatePerson(p, 1));
  auto got = store_->GetPerson(p.nik);
  ASSERT_OK(got);
  EXPECT_EQ(got->person.wilayah.ToString(), "11.01.01.2001");
  EXPECT_EQ(*store_->CountPersons("32"), 0);
  EXPECT_EQ(*store_->CountPersons("11"), 1);
  Person again = MakePerson(5, "3273011001");  // same NIK, back in the old province
  EXPECT_EQ(store_->InsertPersons(std::vector<Person>{again}).code(), StatusCode::kAlreadyExists);
}

TEST_P(StoreConformance, UsedSerialsDriveNikIssuing) {
  const auto district = *RegionCode::Parse("32.73.01");
  const auto born = *Date::FromYmd(1990, 12, 5);
  for (int k = 0; k < 3; ++k) {
    auto used = store_->UsedNikSerials("327301451290");
    ASSERT_OK(used);
    EXPECT_EQ(used->size(), static_cast<size_t>(k));
    auto nik = Nik::Issue(district, born, JenisKelamin::kPerempuan, *used);
    ASSERT_OK(nik);
    EXPECT_EQ(nik->serial(), k + 1);
    Person p = MakePerson(10 + k);
    p.nik = *nik;
    ASSERT_OK(store_->InsertPersons(std::vector<Person>{p}));
  }
  EXPECT_EQ(store_->UsedNikSerials("327301451290")->size(), 3u);
  EXPECT_TRUE(store_->UsedNikSerials("327301051290")->empty()) << "men's serials are counted apart";
}

Family MakeFamily(const std::string& kk, std::vector<std::pair<int, Shdk>> members) {
  Family f{.kk_number = *KkNumber::ParseStructure(kk), .wilayah = *RegionCode::Parse("3273011001"),
           .alamat = "Jl. Setiabudi 1", .rt = 2, .rw = 3, .tanggal_terbit = *Date::FromYmd(2020, 1, 1), .members = {}};
  for (auto [i, shdk] : members) f.members.push_back({MakePerson(i).nik, shdk});
  return f;
}

TEST_P(StoreConformance, FamilyRoundTripAndReplaceMembers) {
  Family f = MakeFamily("3273010101200001", {{1, Shdk::kKepalaKeluarga}, {2, Shdk::kIstri}, {3, Shdk::kAnak}});
  ASSERT_OK(store_->PutFamily(f));
  auto got = store_->GetFamily(f.kk_number);
  ASSERT_OK(got);
  ASSERT_EQ(got->members.size(), 3u);
  EXPECT_EQ(got->head(), MakePerson(1).nik);
  EXPECT_EQ(got->members[2].shdk, Shdk::kAnak);
  EXPECT_EQ(got->tanggal_terbit, f.tanggal_terbit);
  EXPECT_EQ(got->rt, 2);
  f.members.pop_back();  // the child moves out
  ASSERT_OK(store_->PutFamily(f));
  EXPECT_EQ(store_->GetFamily(f.kk_number)->members.size(), 2u);
  EXPECT_EQ(store_->UsedKkSerials("327301010120")->size(), 1u);
}

TEST_P(StoreConformance, PersonIsOnOneKkOnly) {
  ASSERT_OK(store_->PutFamily(MakeFamily("3273010101200001", {{1, Shdk::kKepalaKeluarga}, {2, Shdk::kIstri}})));
  Family second = MakeFamily("3273010101200002", {{3, Shdk::kKepalaKeluarga}, {2, Shdk::kIstri}});
  Status st = store_->PutFamily(second);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_EQ(st.field(), "members[1].nik");
  EXPECT_EQ(store_->GetFamily(second.kk_number).status().code(), StatusCode::kNotFound)
      << "the second KK must not be half-written";
}

TEST_P(StoreConformance, FamilyNeedsExactlyOneHead) {
  Status st = store_->PutFamily(MakeFamily("3273010101200001", {{1, Shdk::kKepalaKeluarga}, {2, Shdk::kKepalaKeluarga}}));
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.field(), "members");
}

TEST_P(StoreConformance, BulkFamiliesAreAllOrNothingAndListInOrder) {
  std::vector<Family> families = {
      MakeFamily("3273010101200002", {{1, Shdk::kKepalaKeluarga}, {2, Shdk::kIstri}}),
      MakeFamily("3273010101200001", {{3, Shdk::kKepalaKeluarga}, {4, Shdk::kAnak}, {5, Shdk::kCucu}}),
  };
  ASSERT_OK(store_->InsertFamilies(families));
  auto listed = store_->ListFamilies("", "", 10);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->at(0).kk_number.ToString(), "3273010101200001");
  ASSERT_EQ(listed->at(0).members.size(), 3u);
  EXPECT_EQ(listed->at(0).members[2].shdk, Shdk::kCucu);
  EXPECT_EQ(listed->at(1).members.size(), 2u);
  auto after = store_->ListFamilies("3273", "3273010101200001", 10);
  ASSERT_OK(after);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ(store_->ListFamilies("3274", "", 10)->size(), 0u);
  // A batch with a member already on a KK writes none of its families.
  std::vector<Family> clash = {MakeFamily("3273010101200003", {{6, Shdk::kKepalaKeluarga}}),
                               MakeFamily("3273010101200004", {{7, Shdk::kKepalaKeluarga}, {1, Shdk::kAnak}})};
  Status st = store_->InsertFamilies(clash);
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists) << st.ToString();
  EXPECT_EQ(store_->GetFamily(clash[0].kk_number).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListFamilies("", "", 10)->size(), 2u);
}

TEST_P(StoreConformance, BulkEventsKeepTheirOrder) {
  std::vector<EventRecord> events;
  for (int i = 0; i < 3; ++i) {
    events.push_back(EventRecord{0, "2025-01-0" + std::to_string(i + 1) + "T02:00:00Z", 130, "3273010101900001", "32",
                                 "demo", "{\"n\":" + std::to_string(i) + "}"});
  }
  ASSERT_OK(store_->AppendEvents(events));
  auto got = store_->EventsFor("3273010101900001");
  ASSERT_OK(got);
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ(got->at(2).payload, "{\"n\":2}");
  EXPECT_LT(got->at(0).seq, got->at(1).seq);
}

TEST_P(StoreConformance, EventLogIsOrderedAndAppendOnly) {
  for (int i = 0; i < 3; ++i) {
    auto seq = store_->AppendEvent(EventRecord{0, "2026-11-28T08:00:0" + std::to_string(i) + "Z", 2 + i,
                                               "3273014512900001", "32", "operator1", "{\"n\":" + std::to_string(i) + "}"});
    ASSERT_OK(seq);
  }
  ASSERT_OK(store_->AppendEvent(EventRecord{0, "2026-11-28T08:00:09Z", 1, "other", "32", "operator1", "{}"}));
  auto events = store_->EventsFor("3273014512900001");
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 3u);
  EXPECT_LT((*events)[0].seq, (*events)[1].seq);
  EXPECT_EQ((*events)[2].type, 4);
  EXPECT_EQ((*events)[1].payload, "{\"n\":1}");
  std::string error;
  EXPECT_FALSE(db_->ExecRaw("UPDATE event SET payload = 'x'", &error));
  EXPECT_NE(error.find("append-only"), std::string::npos) << error;
  EXPECT_FALSE(db_->ExecRaw("DELETE FROM event", &error));
  EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM event"), 4);
}

TEST_P(StoreConformance, AuditLogChainsHashesAndIsAppendOnly) {
  std::vector<AuditRecord> written;
  for (int i = 0; i < 5; ++i) {
    AuditRecord r{.seq = 0, .at = "2026-11-28T08:00:00Z", .actor = "registrar" + std::to_string(i), .role = "registrar",
                  .source = "127.0.0.1", .action = "person.read", .subjects = "3273014512900001", .outcome = "ok",
                  .detail = "", .prev_hash = "", .hash = ""};
    auto appended = store_->AppendAudit(r, TestHash);
    ASSERT_OK(appended);
    written.push_back(*appended);
  }
  EXPECT_EQ(written[0].prev_hash, std::string(64, '0'));
  for (size_t i = 1; i < written.size(); ++i) EXPECT_EQ(written[i].prev_hash, written[i - 1].hash);
  auto page = store_->ReadAudit(written[1].seq, 2);
  ASSERT_OK(page);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].seq, written[2].seq);
  EXPECT_EQ((*page)[0].hash, TestHash((*page)[0]));
  std::string error;
  EXPECT_FALSE(db_->ExecRaw("UPDATE audit SET outcome = 'denied'", &error));
  EXPECT_FALSE(db_->ExecRaw("DELETE FROM audit WHERE seq = " + std::to_string(written[2].seq), &error));
  EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM audit"), 5);
}

TEST_P(StoreConformance, ConcurrentAuditWritersFormOneChain) {
  constexpr int kPerThread = 60;
  auto writer = [&](const std::string& actor) {
    auto store = db_->Open();
    ASSERT_OK(store);
    for (int i = 0; i < kPerThread; ++i) {
      AuditRecord r{.seq = 0, .at = "2026-11-28T08:00:00Z", .actor = actor, .role = "registrar", .source = "",
                    .action = "person.read", .subjects = std::to_string(i), .outcome = "ok", .detail = "",
                    .prev_hash = "", .hash = ""};
      ASSERT_OK((*store)->AppendAudit(r, TestHash));
    }
  };
  std::thread a(writer, "a"), b(writer, "b");
  a.join();
  b.join();
  auto all = store_->ReadAudit(0, 1000);
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u * kPerThread);
  EXPECT_EQ((*all)[0].prev_hash, std::string(64, '0'));
  for (size_t i = 1; i < all->size(); ++i) {
    ASSERT_EQ((*all)[i].prev_hash, (*all)[i - 1].hash) << "chain broken at entry " << i;
    ASSERT_EQ((*all)[i].hash, TestHash((*all)[i]));
  }
}

// The de-duplication tables (AbisStore works through Store::Sql on every backend).
TEST_P(StoreConformance, CivilEventsDeclaredOnceDecidedAndNumbered) {
  CivilStore civil(*store_);
  CivilEventRecord e{.id = 0, .kind = "kelahiran", .state = "", .region_code = "3273011001", .subject_nik = "",
                     .event_date = "2026-11-20", .timeliness = "on_time", .late_decision = "", .data = "{}",
                     .akta_number = "", .declared_by = "reg", .declared_at = "2026-11-28T08:00:00Z", .decided_by = "",
                     .decided_at = "", .reason = ""};
  auto a = civil.Insert(e);
  ASSERT_OK(a);
  e.region_code = "1101011001";
  auto b = civil.Insert(e);
  ASSERT_OK(b);
  EXPECT_GT(*b, *a);
  auto got = civil.Get(*a);
  ASSERT_OK(got);
  EXPECT_EQ(got->state, "DECLARED");
  EXPECT_EQ(got->akta_number, "");
  EXPECT_EQ(civil.Get(999).status().code(), StatusCode::kNotFound);
  // Decided once: the second decision finds it no longer declared.
  ASSERT_OK(civil.Register(*a, "3273016011260001", "3273-LT-28112026-0001", "spv", "2026-11-28T09:00:00Z"));
  EXPECT_EQ(civil.Register(*a, "3273016011260002", "3273-LT-28112026-0002", "spv", "2026-11-28T09:00:01Z").code(),
            StatusCode::kConflict);
  EXPECT_EQ(civil.Reject(*a, "terlambat", "spv", "2026-11-28T09:00:02Z").code(), StatusCode::kConflict);
  EXPECT_EQ(civil.Get(*a)->akta_number, "3273-LT-28112026-0001");
  EXPECT_EQ(civil.Get(*a)->subject_nik, "3273016011260001");
  ASSERT_OK(civil.Reject(*b, "tidak lengkap", "spv", "2026-11-28T09:01:00Z"));
  EXPECT_EQ(civil.Get(*b)->state, "REJECTED");
  EXPECT_EQ(civil.Get(*b)->reason, "tidak lengkap");
  // Scoped lists; the akta number is unique.
  EXPECT_EQ(civil.List("3273", 0, 10)->size(), 1u);
  EXPECT_EQ(civil.List("", 0, 10)->size(), 2u);
  EXPECT_EQ(civil.List("", *a, 10)->size(), 1u);
  // Sequences per regency, code and day.
  EXPECT_EQ(*civil.NextSequence("3273", "LT", "2026-11-28"), 1);
  EXPECT_EQ(*civil.NextSequence("3273", "LT", "2026-11-28"), 2);
  EXPECT_EQ(*civil.NextSequence("3273", "KM", "2026-11-28"), 1);
  EXPECT_EQ(*civil.NextSequence("3273", "LT", "2026-11-29"), 1);
  EXPECT_EQ(*civil.NextSequence("3204", "LT", "2026-11-28"), 1);
}

// Further events, subjects, copies and counts (migration 9), the same on every backend.
TEST_P(StoreConformance, CivilEventsClosedByFurtherEventsCopiedAndCounted) {
  CivilStore civil(*store_);
  auto insert = [&](const std::string& kind, const std::string& region, const std::string& date, int64_t corrects) {
    CivilEventRecord e;
    e.kind = kind;
    e.region_code = region;
    e.event_date = date;
    e.timeliness = date < "2026-10-01" ? "late" : "on_time";
    e.data = "{}";
    e.declared_by = "reg";
    e.declared_at = "2026-11-28T08:00:00Z";
    e.corrects = corrects;
    auto id = civil.Insert(e);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  };
  const int64_t birth = insert("kelahiran", "3273011001", "2026-11-20", 0);
  const int64_t late = insert("kelahiran", "3273021001", "2026-08-02", 0);
  const int64_t death = insert("kematian", "3273011001", "2026-11-25", 0);
  const int64_t note = insert("perubahan_nama", "3273011001", "2026-11-26", 0);
  ASSERT_OK(civil.Register(birth, "3273016011260001", "3273-LT-28112026-0001", "spv", "t", R"({"persons":[]})"));
  ASSERT_OK(civil.Register(late, "3273026008260001", "3273-LT-28112026-0002", "spv", "t"));
  ASSERT_OK(civil.Register(death, "3273010101500001", "3273-KM-28112026-0001", "spv", "t"));
  // A marginal note has no akta number: several of them never collide on the unique column.
  ASSERT_OK(civil.Register(note, "3273016011260001", "", "spv", "t"));
  const int64_t note2 = insert("perubahan_nama", "3273011001", "2026-11-27", 0);
  ASSERT_OK(civil.Register(note2, "3273016011260001", "", "spv", "t"));
  EXPECT_EQ(civil.Get(birth)->effects, R"({"persons":[]})");
  EXPECT_EQ(civil.Get(late)->effects, "{}");
  // The subject's events, in order, registered ones only.
  auto of = civil.OfSubject("3273016011260001");
  ASSERT_OK(of);
  ASSERT_EQ(of->size(), 3u);
  EXPECT_EQ((*of)[0].id, birth);
  EXPECT_EQ(civil.ByAktaNumber("3273-KM-28112026-0001")->value().id, death);
  EXPECT_FALSE(civil.ByAktaNumber("3273-KM-28112026-0009")->has_value());
  // Copies of a registered akta.
  EXPECT_EQ(civil.Get(birth)->copies, 1);
  EXPECT_EQ(*civil.NextCopy(birth), 2);
  EXPECT_EQ(*civil.NextCopy(birth), 3);
  // A correction closes the original (again and again), a cancellation finally.
  const int64_t fix = insert("kelahiran", "3273011001", "2026-11-20", birth);
  EXPECT_EQ(civil.Naming(birth)->size(), 1u);
  ASSERT_OK(civil.Close(birth, "CORRECTED", fix));
  EXPECT_EQ(civil.Get(birth)->state, "CORRECTED");
  ASSERT_OK(civil.Close(birth, "CORRECTED", fix));
  ASSERT_OK(civil.Close(death, "CANCELLED", fix));
  EXPECT_EQ(civil.Close(death, "CORRECTED", fix).code(), StatusCode::kConflict);
  EXPECT_EQ(civil.NextCopy(death).status().code(), StatusCode::kConflict);
  // Counts: registered and corrected events, not cancelled ones nor further events nor declarations.
  auto counts = civil.Count("3273", 6, "2026-01-01", "2026-12-31");
  ASSERT_OK(counts);
  std::map<std::string, int64_t> by;
  for (const auto& c : *counts) by[c.kind + "/" + c.region + "/" + c.month + "/" + c.timeliness] += c.count;
  EXPECT_EQ(by["kelahiran/327301/2026-11/on_time"], 1);
  EXPECT_EQ(by["kelahiran/327302/2026-08/late"], 1);
  EXPECT_EQ(by["perubahan_nama/327301/2026-11/on_time"], 2);
  EXPECT_EQ(by.size(), 3u);
  EXPECT_EQ(civil.Count("3273", 6, "2026-11-01", "2026-11-30")->size(), 2u);
  EXPECT_TRUE(civil.Count("11", 4, "2026-01-01", "2026-12-31")->empty());
  // A person's events: as the subject, or named in a declaration of their district.
  const int64_t named = insert("perkawinan", "3273011001", "2026-11-21", 0);
  ASSERT_OK(store_->Sql("UPDATE civil_event SET data = ? WHERE id = ?",
                        {R"({"suami":"3273011111900001","istri":"3273015511950001"})", std::to_string(named)})
                .status());
  ASSERT_OK(civil.Register(named, "3273011111900001", "3273-KW-28112026-0001", "spv", "t"));
  EXPECT_EQ(civil.Mentioning("3273015511950001", "327301")->size(), 1u);
  EXPECT_TRUE(civil.Mentioning("3273015511950001", "327302")->empty());
  EXPECT_EQ(civil.Mentioning("3273016011260001", "327399")->size(), 3u) << "as the subject, anywhere";
  // Attachments: bytes kept exactly, metadata listed without them.
  CivilAttachment a;
  a.event_id = named;
  a.jenis = "buku_nikah";
  a.name = "buku.pdf";
  a.content_type = "application/pdf";
  a.content = std::string("%PDF-\0\x01\xff", 8);
  a.size = 8;
  a.sha256 = "x";
  a.added_by = "reg";
  a.added_at = "t";
  auto aid = civil.AddAttachment(a);
  ASSERT_OK(aid);
  auto listed = civil.Attachments(named);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE(listed->front().content.empty());
  EXPECT_EQ(civil.GetAttachment(named, *aid)->content, a.content);
  EXPECT_EQ(civil.GetAttachment(birth, *aid).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, AbisQueueOutcomesGalleryLogAndCases) {
  AbisStore abis(*store_);
  AbisJobRecord job{.id = 0, .recording_id = "rec-1", .nik = "3273014512900001", .region_code = "3273011001",
                    .templates = "00ff", .state = "queued", .outcome = "", .detail = "", .submitted_by = "rekam",
                    .captured_at = "2026-11-27T08:00:00Z", .submitted_at = "2026-11-28T08:00:00Z", .finished_at = ""};
  auto id = abis.InsertJob(job);
  ASSERT_OK(id);
  job.recording_id = "rec-2";
  job.nik = "3273014512900002";
  auto id2 = abis.InsertJob(job);
  ASSERT_OK(id2);
  EXPECT_GT(*id2, *id);
  job.nik = "3273014512900003";
  auto again = abis.InsertJob(job);  // the recording id is taken
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto queued = abis.QueuedJobs(10);
  ASSERT_OK(queued);
  ASSERT_EQ(queued->size(), 2u);
  EXPECT_EQ((*queued)[0].id, *id);
  EXPECT_EQ((*queued)[0].captured_at, "2026-11-27T08:00:00Z");
  ASSERT_OK(abis.FinishJob(*id, "UNIQUE", "{}", "2026-11-28T08:01:00Z"));
  EXPECT_EQ(abis.FinishJob(*id, "DUPLICATE", "{}", "2026-11-28T08:02:00Z").code(), StatusCode::kConflict);
  EXPECT_EQ(abis.GetJob(*id)->outcome, "UNIQUE");
  EXPECT_EQ(abis.QueuedJobs(10)->size(), 1u);
  EXPECT_EQ(abis.JobCounts()->at("UNIQUE"), 1);
  EXPECT_EQ(abis.JobCounts()->at("queued"), 1);
  EXPECT_EQ(abis.GetJob(999).status().code(), StatusCode::kNotFound);

  // The gallery log: in order; the enrolled set follows it.
  auto s1 = abis.LogGallery("3273014512900001", "add", *id, "32", "2026-11-28T08:01:00Z");
  auto s2 = abis.LogGallery("3273014512900002", "add", *id2, "32", "2026-11-28T08:01:01Z");
  auto s3 = abis.LogGallery("3273014512900001", "remove", 0, "", "2026-11-28T08:01:02Z");
  ASSERT_OK(s3);
  EXPECT_LT(*s1, *s2);
  EXPECT_LT(*s2, *s3);
  EXPECT_EQ(*abis.LastGallerySeq(), *s3);
  auto after = abis.GalleryLogAfter(*s1, 10);
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[1].op, "remove");
  EXPECT_EQ(*abis.CountEnrolled(), 1);
  EXPECT_FALSE(abis.EnrolledJob("3273014512900001")->has_value());
  auto enrolled = abis.EnrolledTemplates("", 10);
  ASSERT_EQ(enrolled->size(), 1u);
  EXPECT_EQ((*enrolled)[0].first, "3273014512900002");
  EXPECT_EQ((*enrolled)[0].second, "00ff");

  // Cases: scoped by the person's region, decided once.
  AbisCaseRecord c{.id = 0, .job_id = *id2, .nik = "3273014512900002", .candidate_nik = "1101014512900001",
                   .region_code = "3273011001", .score_right = "0.120000", .score_left = "",
                   .false_match_probability = "1.000e-30", .state = "open", .decision = "", .surviving_nik = "",
                   .reason = "", .decided_by = "", .opened_at = "2026-11-28T08:02:00Z", .decided_at = ""};
  auto case_id = abis.InsertCase(c);
  ASSERT_OK(case_id);
  EXPECT_EQ(abis.Cases("open", "32", 0, 10)->size(), 1u);
  EXPECT_EQ(abis.Cases("open", "11", 0, 10)->size(), 0u) << "scoped by the recording's person, not the candidate";
  EXPECT_EQ(*abis.CountOpenCases(), 1);
  ASSERT_OK(abis.DecideCase(*case_id, "different", "", "orang berbeda", "spv", "2026-11-28T09:00:00Z"));
  EXPECT_EQ(abis.DecideCase(*case_id, "same", "x", "lagi", "spv", "2026-11-28T09:00:01Z").code(), StatusCode::kConflict);
  auto decided = abis.GetCase(*case_id);
  EXPECT_EQ(decided->state, "resolved");
  EXPECT_EQ(decided->decision, "different");
  EXPECT_EQ(decided->score_left, "");
  EXPECT_EQ(abis.CasesOfJob(*id2)->size(), 1u);
  EXPECT_EQ(*abis.CountOpenCases(), 0);
}

TEST_P(StoreConformance, LoadsTheOfficialRegionList) {
  const std::string dir = SIAK_REGION_DATA_DIR;
  if (!std::filesystem::exists(dir + "/villages.csv")) {
    if (std::getenv("SIAK_REQUIRE_PG")) FAIL() << "region data missing at " << dir << "; run scripts/setup.sh";
    GTEST_SKIP() << "region data not installed at " << dir << " (scripts/setup.sh fetches it)";
  }
  auto regions = ReadRegionCsvs(dir);
  ASSERT_OK(regions);
  ASSERT_OK(store_->ReplaceRegions(*regions));
  auto stats = store_->CountRegions();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->provinces, 38);
  EXPECT_EQ(stats->regencies, 514);
  EXPECT_EQ(stats->kabupaten, 416);
  EXPECT_EQ(stats->kota, 98);
  EXPECT_EQ(stats->districts, 7285);
  EXPECT_EQ(stats->villages, 83762);
  EXPECT_EQ(stats->islands, 17373);
  EXPECT_EQ(stats->outermost_small_islands, 110);
}

// ---- e-KTP (migration 7) ----

// The coverage counters the person triggers keep equal a full scan after every kind of write:
// bulk insert, status change, a move within and across provinces (a partition move on
// PostgreSQL), a death, and a delete.
TEST_P(StoreConformance, EktpCoverageCountersFollowEveryWrite) {
  EktpStore ektp(*store_);
  auto check = [&](const std::string& scope, int digits, const char* when) {
    auto counted = ektp.CoverageCounts(scope, digits);
    auto scanned = ektp.CoverageCountsByScan(scope, digits);
    ASSERT_OK(counted);
    ASSERT_OK(scanned);
    EXPECT_EQ(*counted, *scanned) << when << " (scope '" << scope << "')";
  };
  std::vector<Person> persons;
  for (int i = 0; i < 60; ++i) {
    Person p = MakePerson(100 + i, i % 3 == 0 ? "3273011002" : "3273011001");
    p.ektp_status = static_cast<EktpStatus>(i % 11);
    if (i % 17 == 0) p.status_dasar = StatusDasar::kMati;
    persons.push_back(p);
  }
  ASSERT_OK(store_->InsertPersons(persons));
  check("", 2, "after the bulk insert");
  check("3273", 10, "after the bulk insert");
  auto by_village = ektp.CoverageCounts("32", 10);
  ASSERT_OK(by_village);
  int64_t living = 0;
  for (const auto& [village, statuses] : *by_village) {
    for (const auto& [status, n] : statuses) living += n;
  }
  EXPECT_EQ(living, 60 - 4);  // i = 0, 17, 34, 51 died

  // A status change, a move to another village, a move to another province, a death.
  auto stored = store_->GetPerson(persons[1].nik);
  ASSERT_OK(stored);
  Person p = stored->person;
  p.ektp_status = EktpStatus::kCardIssued;
  ASSERT_OK(store_->UpdatePerson(p, stored->version));
  check("", 10, "after a status change");
  stored = store_->GetPerson(persons[2].nik);
  p = stored->person;
  p.wilayah = *RegionCode::Parse("3273011002");
  ASSERT_OK(store_->UpdatePerson(p, stored->version));
  check("", 10, "after a move between villages");
  stored = store_->GetPerson(persons[4].nik);
  p = stored->person;
  p.wilayah = *RegionCode::Parse("1101012001");
  ASSERT_OK(store_->UpdatePerson(p, stored->version));
  check("", 10, "after a move between provinces");
  EXPECT_EQ(ektp.CoverageCounts("11", 10)->at("1101012001").at(static_cast<int>(p.ektp_status)), 1);
  stored = store_->GetPerson(persons[5].nik);
  p = stored->person;
  p.status_dasar = StatusDasar::kMati;
  ASSERT_OK(store_->UpdatePerson(p, stored->version));
  check("", 10, "after a death");
  // An update that changes nothing counted leaves the counters alone.
  stored = store_->GetPerson(persons[6].nik);
  p = stored->person;
  p.nama = "Nama Baru";
  ASSERT_OK(store_->UpdatePerson(p, stored->version));
  check("", 10, "after a name change");
  // Folding the deltas (PostgreSQL's triggers append them) keeps the counts and empties the table.
  auto folded = ektp.CompactCoverage();
  ASSERT_OK(folded);
  if (GetParam() == "postgresql") {
    EXPECT_GT(*folded, 0);
  }
  EXPECT_EQ(db_->QueryInt("SELECT COUNT(*) FROM ektp_coverage_delta"), 0);
  check("", 10, "after compaction");
  stored = store_->GetPerson(persons[7].nik);
  p = stored->person;
  p.ektp_status = EktpStatus::kCardIssued;
  ASSERT_OK(store_->UpdatePerson(p, stored->version));
  check("", 10, "after compaction and another change");
}

TEST_P(StoreConformance, EktpLedgerNeverGoesNegative) {
  EktpStore ektp(*store_);
  const std::string at = "2026-11-28T08:00:00Z";
  auto move = [&](const std::string& kind, const std::string& from, const std::string& to, int64_t q) {
    return ektp.Move(StockEntry{0, at, "", kind, from, to, q, "", "", "admin"});
  };
  ASSERT_OK(move("procured", "", "pusat", 100));
  ASSERT_OK(move("delivered", "pusat", "kab:3273", 60));
  auto over = move("delivered", "pusat", "kab:3273", 41);
  EXPECT_EQ(over.status().code(), StatusCode::kConflict);
  EXPECT_NE(over.status().ToString().find("40 blanks on hand at pusat"), std::string::npos) << over.status().ToString();
  EXPECT_EQ(ektp.Account("pusat")->on_hand, 40);       // nothing moved
  EXPECT_EQ(ektp.Account("kab:3273")->on_hand, 60);
  ASSERT_OK(move("allocated", "kab:3273", "site:1", 10));
  ASSERT_OK(move("consumed", "site:1", "", 1));
  EXPECT_EQ(ektp.Account("site:1")->on_hand, 9);
  EXPECT_EQ(*ektp.MonthTotal("kab:3273", "2026-11", "delivered"), 60);
  EXPECT_EQ(ektp.Account("never-used")->on_hand, 0);
  // The schema refuses a negative balance even from raw SQL.
  std::string error;
  EXPECT_FALSE(db_->ExecRaw("UPDATE ektp_stock SET on_hand = -1 WHERE account = 'site:1'", &error));
  EXPECT_EQ(ektp.Entries("site:1", 0, 10)->size(), 2u);

  // Eight writers on their own connections race for five blanks: exactly five win.
  ASSERT_OK(move("consumed", "site:1", "", 4));  // 5 left
  std::atomic<int> won{0}, lost{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto conn = db_->Open();
      if (!conn.ok()) {
        ++failed;
        return;
      }
      EktpStore mine(**conn);
      auto r = mine.Move(StockEntry{0, at, "", "consumed", "site:1", "", 1, "", "card-" + std::to_string(t), "printer"});
      if (r.ok()) {
        ++won;
      } else if (r.status().code() == StatusCode::kConflict) {
        ++lost;
      } else {
        ++failed;
        ADD_FAILURE() << r.status().ToString();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(won.load(), 5);
  EXPECT_EQ(lost.load(), 3);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ektp.Account("site:1")->on_hand, 0);
  EXPECT_EQ(db_->QueryInt("SELECT COUNT(*) FROM ektp_stock_entry WHERE kind = 'consumed'"), 2 + 5);
}

TEST_P(StoreConformance, EktpSitesQueueCardsSuketAndSequences) {
  EktpStore ektp(*store_);
  auto dinas = ektp.InsertSite(SiteRecord{0, "3273-DINAS", "dinas", "Disdukcapil Kota Bandung", "3273", 0, "", "", true,
                                          "2026-11-28T08:00:00Z"});
  ASSERT_OK(dinas);
  auto again = ektp.InsertSite(SiteRecord{0, "3273-DINAS", "dinas", "x", "3273", 0, "", "", true, "t"});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto mobile = ektp.InsertSite(SiteRecord{0, "3273-MOBIL-1", "mobile", "Tim jemput bola 1", "327301", *dinas, "", "",
                                           true, "2026-11-28T08:00:00Z"});
  ASSERT_OK(mobile);
  EXPECT_EQ(ektp.GetSite(*mobile)->print_site_id, *dinas);
  EXPECT_EQ(ektp.Sites("3273")->size(), 2u);
  EXPECT_EQ(ektp.Sites("11")->size(), 0u);
  ASSERT_OK(ektp.InsertDevice(DeviceRecord{"KIT-001", *mobile, "kit", "Perekam e-KTP", true, "t"}));
  EXPECT_EQ(ektp.GetDevice("KIT-001")->site_id, *mobile);
  EXPECT_EQ(ektp.InsertDevice(DeviceRecord{"KIT-001", *dinas, "kit", "x", true, "t"}).code(), StatusCode::kAlreadyExists);

  // Sequences count from 1 per name.
  EXPECT_EQ(*ektp.NextSequence("card"), 1);
  EXPECT_EQ(*ektp.NextSequence("card"), 2);
  EXPECT_EQ(*ektp.NextSequence("suket:3273:2026"), 1);

  // The queue: priority first, then oldest; a site's own and the unassigned ones of its region.
  auto req = [&](const std::string& nik, int64_t site, int priority) {
    return ektp.InsertPrintRequest(PrintRequestRecord{0, nik, "3273011001", site, "first", priority, "queued", "", "",
                                                      "", "abis", "2026-11-28T08:00:00Z"});
  };
  auto r1 = req("3273014512900001", *dinas, 0);
  auto r2 = req("3273014512900002", 0, 0);
  auto r3 = req("3273014512900003", *dinas, 1);
  ASSERT_OK(r1);
  ASSERT_OK(r2);
  ASSERT_OK(r3);
  auto queue = ektp.Queue(*dinas, "3273", 10);
  ASSERT_OK(queue);
  ASSERT_EQ(queue->size(), 3u);
  EXPECT_EQ((*queue)[0].id, *r3);
  EXPECT_EQ((*queue)[1].id, *r1);
  EXPECT_EQ((*queue)[2].id, *r2);
  EXPECT_EQ(ektp.Queue(*dinas, "11", 10)->size(), 2u);  // the unassigned one is not in region 11
  ASSERT_OK(ektp.CloseRequest(*r3, "printed", "32730000000001"));
  EXPECT_EQ(ektp.CloseRequest(*r3, "printed", "32730000000002").code(), StatusCode::kConflict);
  EXPECT_TRUE(ektp.QueuedRequestOf("3273014512900001")->has_value());
  EXPECT_FALSE(ektp.QueuedRequestOf("3273014512900003")->has_value());

  // Cards: printed -> issued -> revoked, each once.
  CardRecord card{"32730000000001", "3273014512900003", "3273011001", *dinas, *r3, "rec-1", "printed", "{}", "00",
                  "printer", "2026-11-28T09:00:00Z", "", "", "", "", ""};
  ASSERT_OK(ektp.InsertCard(card));
  ASSERT_OK(ektp.IssueCard(card.serial, "Siti", "printer", "2026-11-28T10:00:00Z"));
  EXPECT_EQ(ektp.IssueCard(card.serial, "Siti", "printer", "2026-11-28T10:00:00Z").code(), StatusCode::kConflict);
  EXPECT_EQ(ektp.GetCard(card.serial)->received_by, "Siti");
  ASSERT_OK(ektp.RevokeCard(card.serial, "lost", "2026-11-29T08:00:00Z"));
  EXPECT_EQ(ektp.RevokeCard(card.serial, "lost", "2026-11-29T08:00:00Z").code(), StatusCode::kConflict);
  EXPECT_EQ(ektp.CardsOf("3273014512900003")->at(0).state, "revoked");

  // Suket: active until superseded; outstanding counts only the active and unexpired.
  SuketRecord suket{"SKT-3273-2026-000001", "3273014512900001", "3273011001", *dinas, "active", "ref",
                    "printer", "2026-11-28T08:00:00Z", "2027-05-28", "", ""};
  ASSERT_OK(ektp.InsertSuket(suket));
  suket.number = "SKT-3273-2026-000002";
  suket.valid_until = "2026-01-01";  // expired
  ASSERT_OK(ektp.InsertSuket(suket));
  auto outstanding = ektp.OutstandingSukets("32", 4, "2026-11-28");
  ASSERT_OK(outstanding);
  EXPECT_EQ(outstanding->at("3273"), 1);
  EXPECT_EQ(*ektp.CloseSukets("3273014512900001", "superseded", "32730000000009", "2026-11-29T08:00:00Z"), 2);
  EXPECT_EQ(ektp.GetSuket("SKT-3273-2026-000001")->state, "superseded");
  EXPECT_EQ(ektp.OutstandingSukets("32", 4, "2026-11-28")->count("3273"), 0u);
}

TEST_P(StoreConformance, EktpBelumWajibByBirthDate) {
  std::vector<Person> persons;
  for (int i = 0; i < 5; ++i) {
    Person p = MakePerson(300 + i);
    p.ektp_status = i < 3 ? EktpStatus::kBelumWajib : EktpStatus::kBelumRekam;
    p.tanggal_lahir = *Date::FromYmd(2009 + i % 2, 11, 28);  // 2009 (17 today) or 2010
    persons.push_back(p);
  }
  ASSERT_OK(store_->InsertPersons(persons));
  EktpStore ektp(*store_);
  auto niks = ektp.BelumWajibBornBy("2009-11-28", "", 100);
  ASSERT_OK(niks);
  // i = 0 and 2 are BELUM_WAJIB and born 2009-11-28; i = 1 is born 2010; 3 and 4 are BELUM_REKAM.
  ASSERT_EQ(niks->size(), 2u);
  EXPECT_EQ(ektp.BelumWajibBornBy("2009-11-28", (*niks)[0], 100)->size(), 1u);
}

// Migration 12 rebuilds SQLite's person and name-token tables (insertion order); PostgreSQL's
// step is empty. Down and up again, every person, token and coverage counter must survive, each
// layout must have exactly the indexes and triggers a store migrated straight to it has, and the
// name search, the coverage triggers and a rename must work on the rebuilt layout.
TEST_P(StoreConformance, PersonsAndNameTokensSurviveMigration12BothWays) {
  std::vector<Person> persons;
  for (int i = 0; i < 6; ++i) persons.push_back(MakePerson(400 + i));
  persons[0].nama = "Siti Aminah";
  persons[1].nama = "Siti Rahayu";
  persons[2].nama = "Budi Santoso";
  ASSERT_OK(store_->InsertPersons(persons));
  auto found_by = [&](const std::string& word) {
    Person probe = persons[0];
    probe.nama = word;
    std::vector<std::string> tokens = PersonNameTokens(probe);
    EXPECT_FALSE(tokens.empty()) << word;
    PersonFilter filter;
    filter.name_token_sets = {{tokens.empty() ? word : tokens.front()}};
    auto r = store_->FindPersons(filter);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> niks;
    if (r.ok()) {
      for (const auto& sp : *r) niks.emplace_back(sp.person.nik.digits());
    }
    return niks;
  };
  auto rows = [](Store& store, const std::string& sql) {
    auto r = store.Sql(sql, {});
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    return r.ok() ? r->rows : std::vector<Row>{};
  };
  // The counters with their pending deltas (PostgreSQL's triggers append deltas; SQLite's add in place).
  const std::string coverage_sql =
      "SELECT region_code, ektp_status, SUM(n) FROM (SELECT region_code, ektp_status, n FROM ektp_coverage "
      "UNION ALL SELECT region_code, ektp_status, n FROM ektp_coverage_delta) AS c GROUP BY 1, 2 ORDER BY 1, 2";
  // SQLite: the indexes and triggers of both tables (their text), and the tables' columns.
  const bool sqlite = GetParam() == "sqlite";
  const std::string objects_sql =
      "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('person', 'person_name_token') "
      "AND type <> 'table' ORDER BY type, name";
  const std::string columns_sql =
      "SELECT m.name, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk FROM sqlite_master m, "
      "pragma_table_info(m.name) c WHERE m.name IN ('person', 'person_name_token') ORDER BY m.name, c.cid";
  auto layout = [&](Store& store) {
    std::vector<Row> out = rows(store, objects_sql);
    for (Row& row : rows(store, columns_sql)) out.push_back(std::move(row));
    return out;
  };
  const auto siti = found_by("Siti");
  ASSERT_EQ(siti.size(), 2u);
  const auto counts = store_->CountPersons("32");
  ASSERT_OK(counts);
  const auto coverage = rows(*store_, coverage_sql);
  ASSERT_FALSE(coverage.empty());
  const auto latest_layout = sqlite ? layout(*store_) : std::vector<Row>{};

  // Down to the old layout and up again: what the shared SQL reads is the same on both.
  for (int target : {11, Store::LatestSchemaVersion()}) {
    ASSERT_OK(store_->Migrate(target));
    EXPECT_EQ(found_by("Siti"), siti) << "at version " << target;
    EXPECT_EQ(found_by("Santoso").size(), 1u) << "at version " << target;
    EXPECT_EQ(*store_->CountPersons("32"), *counts) << "at version " << target;
    EXPECT_EQ(rows(*store_, coverage_sql), coverage) << "at version " << target;
    for (const Person& p : persons) {
      auto got = store_->GetPerson(p.nik);
      ASSERT_OK(got);
      EXPECT_EQ(got->person.nama, p.nama);
    }
    if (sqlite && target == 11) {
      std::string skip;
      auto fresh_db = TestDatabase::Create("sqlite", &skip);
      ASSERT_TRUE(fresh_db) << skip;
      auto fresh = fresh_db->Open();
      ASSERT_OK(fresh);
      ASSERT_OK((*fresh)->Migrate(11));
      EXPECT_EQ(layout(*store_), layout(**fresh)) << "going down did not restore version 11's layout";
    } else if (sqlite) {
      EXPECT_EQ(layout(*store_), latest_layout) << "going up again did not restore version 12's layout";
    }
  }
  // Writes on the rebuilt layout: a new person (its coverage trigger fires), a duplicate NIK, a rename.
  Person fresh = MakePerson(420);
  fresh.nama = "Siti Nurhaliza";
  ASSERT_OK(store_->InsertPersons(std::vector<Person>{fresh}));
  EXPECT_EQ(store_->InsertPersons(std::vector<Person>{fresh}).code(), StatusCode::kAlreadyExists);
  EXPECT_NE(rows(*store_, coverage_sql), coverage) << "the coverage trigger did not fire";
  const std::vector<std::string> fresh_only{std::string(fresh.nik.digits())};
  EXPECT_EQ(found_by("Nurhaliza"), fresh_only);
  EXPECT_EQ(found_by("Siti").size(), 3u);
  auto stored = store_->GetPerson(fresh.nik);
  ASSERT_OK(stored);
  Person renamed = stored->person;
  renamed.nama = "Dewi Kartika";
  ASSERT_OK(store_->UpdatePerson(renamed, stored->version));
  EXPECT_TRUE(found_by("Nurhaliza").empty()) << "the old name's tokens stayed";
  EXPECT_EQ(found_by("Kartika"), fresh_only);
  EXPECT_EQ(found_by("Siti"), siti) << "the rename touched another person's tokens";
}

TEST_P(StoreConformance, LoginAttemptsChangeOnlyTheCounterAndLeaveTheAuthGeneration) {
  const UserRecord user{"siti.aminah", "argon2id-hash", "registrar", "3273", false, 0, 0, 1764288000};
  ASSERT_OK(store_->InsertUser(user));
  const uint64_t before = Store::AuthGeneration();
  ASSERT_OK(store_->RecordLoginAttempts("siti.aminah", 3, 1764288600));
  auto after = store_->GetUser("siti.aminah");
  ASSERT_OK(after);
  EXPECT_EQ(after->failed_attempts, 3);
  EXPECT_EQ(after->locked_until, 1764288600);
  EXPECT_EQ(after->password_hash, user.password_hash);
  EXPECT_EQ(after->role, user.role);
  EXPECT_EQ(after->scope, user.scope);
  EXPECT_FALSE(after->disabled);
  EXPECT_EQ(after->created_at, user.created_at);
  // A session's principal does not depend on the counter: cached sessions stay valid.
  EXPECT_EQ(Store::AuthGeneration(), before);
  Status missing = store_->RecordLoginAttempts("nobody.here", 1, 0);
  EXPECT_EQ(missing.code(), StatusCode::kNotFound) << missing.ToString();
  EXPECT_EQ(missing.field(), "username");
  // A change the principal does depend on still advances it.
  UserRecord disabled = *after;
  disabled.disabled = true;
  ASSERT_OK(store_->UpdateUser(disabled));
  EXPECT_GT(Store::AuthGeneration(), before);
}

TEST_P(StoreConformance, LoginAttemptsAreCountedOneByOneAndRefusedWhileLocked) {
  ASSERT_OK(store_->InsertUser({"siti.aminah", "argon2id-hash", "registrar", "3273", false, 0, 0, 1764288000}));
  const uint64_t generation = Store::AuthGeneration();
  const std::vector<int64_t> delays = {0, 0, 2, 4, 600};  // two free, 2 s, 4 s, then locked for 10 min
  int64_t now = 1764288000;
  auto count = [&](const std::string& name) { return store_->CountLoginAttempt(name, now, delays); };
  for (int64_t n = 1; n <= 2; ++n) {
    auto a = count("siti.aminah");
    ASSERT_OK(a);
    EXPECT_EQ(*a, std::optional<int64_t>(n));
    EXPECT_EQ(store_->GetUser("siti.aminah")->locked_until, 0) << "free attempt " << n << " set a delay";
  }
  auto third = count("siti.aminah");
  ASSERT_OK(third);
  EXPECT_EQ(*third, std::optional<int64_t>(3));
  EXPECT_EQ(store_->GetUser("siti.aminah")->locked_until, now + 2);
  for (int i = 0; i < 2; ++i) {  // refused while slowed down, and not counted
    auto refused = count("siti.aminah");
    ASSERT_OK(refused);
    EXPECT_FALSE(refused->has_value());
  }
  EXPECT_EQ(store_->GetUser("siti.aminah")->failed_attempts, 3);
  auto expect_count = [&](int64_t n, int64_t delay) {
    auto a = count("siti.aminah");
    ASSERT_OK(a);
    EXPECT_EQ(*a, std::optional<int64_t>(n));
    EXPECT_EQ(store_->GetUser("siti.aminah")->locked_until, now + delay) << "attempt " << n;
  };
  now += 2;
  expect_count(4, 4);
  now += 4;
  expect_count(5, 600);
  now += 600;
  expect_count(6, 600);  // the last delay holds for later attempts
  auto missing = count("nobody.here");
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  // A right password clears the count and the lock, if the hash it was checked against is still
  // the user's and the account is not disabled.
  auto stale = store_->ClearLoginAttempts("siti.aminah", "an-older-hash");
  ASSERT_OK(stale);
  EXPECT_FALSE(stale->has_value());
  EXPECT_EQ(store_->GetUser("siti.aminah")->failed_attempts, 6) << "a stale password cleared the count";
  auto cleared = store_->ClearLoginAttempts("siti.aminah", "argon2id-hash");
  ASSERT_OK(cleared);
  ASSERT_TRUE(cleared->has_value());
  EXPECT_EQ((*cleared)->role, "registrar");
  EXPECT_EQ((*cleared)->scope, "3273");
  EXPECT_EQ(store_->GetUser("siti.aminah")->failed_attempts, 0);
  EXPECT_EQ(store_->GetUser("siti.aminah")->locked_until, 0);
  auto missing_user = store_->ClearLoginAttempts("nobody.here", "argon2id-hash");
  ASSERT_OK(missing_user);
  EXPECT_FALSE(missing_user->has_value());
  EXPECT_EQ(Store::AuthGeneration(), generation);

  // Parallel attempts on their own connections: each is counted once, and none passes the lock
  // that an earlier one set.
  ASSERT_OK(store_->RecordLoginAttempts("siti.aminah", 0, 0));
  now += 3600;
  constexpr int kThreads = 12, kEach = 20;
  std::atomic<int> failed{0};
  auto on_own_connections = [&](const std::function<void(Store&)>& work) {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        auto conn = db_->Open();
        if (!conn.ok()) {
          ++failed;
          return;
        }
        work(**conn);
      });
    }
    for (auto& t : threads) t.join();
  };
  const std::vector<int64_t> never = {0};
  std::atomic<int> counted{0};
  on_own_connections([&](Store& conn) {
    for (int i = 0; i < kEach; ++i) {
      auto a = conn.CountLoginAttempt("siti.aminah", now, never);
      if (!a.ok() || !a->has_value()) {
        ADD_FAILURE() << (a.ok() ? std::string("not counted") : a.status().ToString());
        ++failed;
        return;
      }
      ++counted;
    }
  });
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(counted.load(), kThreads * kEach);
  EXPECT_EQ(store_->GetUser("siti.aminah")->failed_attempts, kThreads * kEach) << "an attempt was lost";
  ASSERT_OK(store_->RecordLoginAttempts("siti.aminah", 0, 0));
  std::atomic<int> passed{0};
  on_own_connections([&](Store& conn) {
    auto a = conn.CountLoginAttempt("siti.aminah", now, delays);
    if (!a.ok()) ++failed;
    if (a.ok() && a->has_value()) ++passed;
  });
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(passed.load(), 3) << "two free attempts and the one that set the delay";
  EXPECT_EQ(store_->GetUser("siti.aminah")->failed_attempts, 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
