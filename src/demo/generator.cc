#include "demo/generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "app/register_events.h"
#include "common/json_text.h"
#include "demo/names.h"
#include "common/rng.h"
#include "demo/tables.h"
#include "domain/eligibility.h"

namespace siak::demo {
namespace {

struct Village {
  explicit Village(RegionCode c) : code(std::move(c)) {}
  RegionCode code;
  const Region* district = nullptr;
  const Region* regency = nullptr;
  bool urban = false;   // kelurahan
  bool remote = false;  // where recording lags: outer-island regencies, Papua, mountain desa
  int rw_count = 1;
};

const char* const kStreets[] = {"MERDEKA", "SUDIRMAN", "AHMAD YANI", "DIPONEGORO", "GATOT SUBROTO", "PAHLAWAN",
                                "MAWAR", "MELATI", "KENANGA", "ANGGREK", "CEMPAKA", "SUKARNO HATTA",
                                "RAYA", "PASAR", "STASIUN", "MESJID", "PESANTREN", "SEKOLAH", "KARTINI",
                                "PEMUDA", "KEBON JERUK", "BABAKAN", "CEMARA", "NUSANTARA", "GARUDA"};
const char* const kKampung[] = {"SUKAMAJU", "MEKARSARI", "SUKARAME", "CIKONENG", "BABAKAN", "SINDANGSARI",
                                "SUKAMULYA", "TEGALLEGA", "KRAJAN", "NGASEM", "WANASARI", "CIBEUREUM",
                                "MARGAHAYU", "SUKASARI", "CIGADUNG", "GUNUNGSARI", "SIDOREJO", "KARANGANYAR",
                                "TANJUNG", "PASIR", "LEBAK", "PANGKALAN", "BATU", "SUMBER"};

// An individual drawn for the current chunk, before names and identifiers.
struct Indiv {
  Date birth = Date::FromDays(0);
  bool female = false;
  int age = 0;
  StatusPerkawinan marital = StatusPerkawinan::kBelumKawin;
  int household = -1;
  Shdk shdk = Shdk::kLainnya;
};

struct Household {
  std::vector<int> members;  // indices into the chunk; members[0] is the head
  int parent_age = 0;        // the wife's or female head's age (else the head's - 4): places children
  int children = 0;
  int child_cap = 0;
  int merged_into = -1;      // a young couple living in a parent's KK
  bool couple = false;
};

std::string Pad(int64_t value, int width) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(value));
  return buf;
}

Date Ymd(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

std::string Ddmmyyyy(const Date& d) { return Pad(d.day(), 2) + Pad(d.month(), 2) + Pad(d.year(), 4); }

}  // namespace

struct PopulationGenerator::Impl {
  const RegionIndex& regions;
  DemoConfig config;
  Rng rng;
  std::vector<Village> villages;
  std::vector<double> village_cumulative;
  std::vector<const Region*> origin_districts;  // where migrants' NIKs were first issued
  // Districts of each generated regency (by its 4 digits).
  std::unordered_map<std::string, std::vector<const Region*>> districts_of_regency;
  int64_t living = 0;
  // NIK serials per district: [day field 1..71][month][two-digit year]; allocated on first use.
  std::unordered_map<int, std::vector<uint16_t>> nik_serials;
  std::unordered_map<uint64_t, uint16_t> kk_serials;    // (district, issue date)
  std::unordered_map<uint64_t, uint16_t> akta_serials;  // (regency, kind, date)
  int64_t skpwni_serial = 0;

  Impl(const RegionIndex& r, DemoConfig c) : regions(r), config(std::move(c)), rng(config.seed) {}

  // ---- identifiers ----
  Nik IssueNik(const Region& district, const Date& birth, bool female) {
    auto& table = nik_serials[std::stoi(district.code.digits())];
    if (table.empty()) table.assign(72 * 13 * 100, 0);
    const int day_field = birth.day() + (female ? 40 : 0);
    uint16_t& serial = table[(day_field * 13 + birth.month()) * 100 + birth.year() % 100];
    ++serial;
    const std::string digits = district.code.digits() + Pad(day_field, 2) + Pad(birth.month(), 2) +
                               Pad(birth.year() % 100, 2) + Pad(serial, 4);
    return *Nik::ParseStructure(digits);
  }

  KkNumber IssueKk(const Region& district, const Date& date) {
    const uint64_t key = static_cast<uint64_t>(std::stoll(district.code.digits())) * 100000 +
                         static_cast<uint64_t>(date.ToDays() + 40000);
    const uint16_t serial = ++kk_serials[key];
    const std::string digits = district.code.digits() + Pad(date.day(), 2) + Pad(date.month(), 2) +
                               Pad(date.year() % 100, 2) + Pad(serial, 4);
    return *KkNumber::ParseStructure(digits);
  }

  // "3204-LT-15032019-0001": regency, kind (LT birth, KM death, KW marriage), date, serial.
  std::string AktaNumber(const Region& regency, const char* kind, const Date& date) {
    const uint64_t key = (static_cast<uint64_t>(std::stoi(regency.code.digits())) * 8 + kind[1]) * 100000 +
                         static_cast<uint64_t>(date.ToDays() + 40000);
    const uint16_t serial = ++akta_serials[key];
    return regency.code.digits() + "-" + kind + "-" + Ddmmyyyy(date) + "-" + Pad(serial, 4);
  }

  // ---- drawing ----
  int DrawAge(bool* female) {
    const size_t group = rng.Weighted(AgeGroupShares());
    int age;
    if (group + 1 < kAgeGroups) {
      age = static_cast<int>(group) * 5 + rng.Between(0, 4);
    } else {
      age = 75 + std::min(30, static_cast<int>(-std::log(1.0 - rng.Real()) * 6.0));
    }
    *female = !rng.Chance(MaleShare(static_cast<int>(group)));
    return age;
  }

  Date BirthDateFor(int age) {
    // Born between `age` and `age + 1` years before the reference date.
    const Date& ref = config.reference;
    const Date latest = Date::FromDays(Ymd(ref.year() - age, ref.month(), std::min(ref.day(), 28)).ToDays());
    return latest.AddDays(-rng.Between(0, 364));
  }

  const Village& DrawVillage() {
    const double x = rng.Real() * village_cumulative.back();
    const size_t i = std::upper_bound(village_cumulative.begin(), village_cumulative.end(), x) -
                     village_cumulative.begin();
    return villages[std::min(i, villages.size() - 1)];
  }

  Agama DrawAgama(std::string_view province) {
    const auto shares = ReligionShares(province);
    return static_cast<Agama>(rng.Weighted(shares) + 1);
  }

  GolonganDarah DrawBlood() {
    if (rng.Chance(0.55)) return GolonganDarah::kTidakTahu;
    static const double weights[] = {25, 28, 7, 40};
    const size_t t = rng.Weighted(weights);
    if (rng.Chance(0.06)) {  // with rhesus
      static const GolonganDarah pos[] = {GolonganDarah::kAPlus, GolonganDarah::kBPlus, GolonganDarah::kABPlus,
                                          GolonganDarah::kOPlus};
      return pos[t];
    }
    static const GolonganDarah plain[] = {GolonganDarah::kA, GolonganDarah::kB, GolonganDarah::kAB,
                                          GolonganDarah::kO};
    return plain[t];
  }

  Pekerjaan DrawPekerjaan(int age, bool female, Pendidikan edu, bool urban) {
    if (age < 5) return Pekerjaan::kBelumTidakBekerja;
    if (age < 19) return age >= 16 && rng.Chance(0.15) ? Pekerjaan::kBuruhHarianLepas : Pekerjaan::kPelajarMahasiswa;
    if (age < 23 && CodeOf(edu) >= 5 && rng.Chance(0.45)) return Pekerjaan::kPelajarMahasiswa;
    if (age >= 60 && rng.Chance(0.45)) return rng.Chance(0.35) ? Pekerjaan::kPensiunan : Pekerjaan::kBelumTidakBekerja;
    if (female && rng.Chance(0.38)) return Pekerjaan::kMengurusRumahTangga;
    if (CodeOf(edu) >= 8) {
      static const Pekerjaan graduate[] = {Pekerjaan::kPns, Pekerjaan::kGuru, Pekerjaan::kKaryawanSwasta,
                                           Pekerjaan::kKaryawanSwasta, Pekerjaan::kKaryawanBumn, Pekerjaan::kDosen,
                                           Pekerjaan::kDokter, Pekerjaan::kBidan, Pekerjaan::kPerawat,
                                           Pekerjaan::kWiraswasta, Pekerjaan::kAkuntan, Pekerjaan::kPengacara};
      return rng.Pick(graduate);
    }
    if (rng.Chance(0.012)) return rng.Chance(0.5) ? Pekerjaan::kTni : Pekerjaan::kPolri;
    if (urban) {
      static const double w[] = {30, 22, 12, 10, 6, 5, 5, 4, 3, 3};
      static const Pekerjaan p[] = {Pekerjaan::kKaryawanSwasta, Pekerjaan::kWiraswasta, Pekerjaan::kBuruhHarianLepas,
                                    Pekerjaan::kPedagang, Pekerjaan::kSopir, Pekerjaan::kPerdagangan,
                                    Pekerjaan::kKaryawanHonorer, Pekerjaan::kTukangJahit, Pekerjaan::kMekanik,
                                    Pekerjaan::kBelumTidakBekerja};
      return p[rng.Weighted(w)];
    }
    static const double w[] = {28, 18, 16, 12, 8, 5, 4, 3, 3, 3};
    static const Pekerjaan p[] = {Pekerjaan::kPetaniPekebun, Pekerjaan::kBuruhTaniPerkebunan, Pekerjaan::kWiraswasta,
                                  Pekerjaan::kBuruhHarianLepas, Pekerjaan::kKaryawanSwasta, Pekerjaan::kPedagang,
                                  Pekerjaan::kPeternak, Pekerjaan::kTukangBatu, Pekerjaan::kNelayanPerikanan,
                                  Pekerjaan::kBelumTidakBekerja};
    return p[rng.Weighted(w)];
  }

  // ---- household formation ----
  void FormHouseholds(std::vector<Indiv>& people, std::vector<Household>& households) {
    const int n = static_cast<int>(people.size());
    auto start = [&](int head, Shdk shdk = Shdk::kKepalaKeluarga) {
      Household h;
      h.members.push_back(head);
      people[head].household = static_cast<int>(households.size());
      people[head].shdk = shdk;
      h.parent_age = people[head].female ? people[head].age : people[head].age - 4;
      h.child_cap = static_cast<int>(rng.Weighted(std::array<double, 7>{10, 22, 30, 20, 10, 5, 3}));
      households.push_back(std::move(h));
      return static_cast<int>(households.size()) - 1;
    };
    auto join = [&](int hh, int who, Shdk shdk) {
      if (households[hh].merged_into >= 0) {  // the young couple's children are grandchildren there
        hh = households[hh].merged_into;
        if (shdk == Shdk::kAnak) shdk = Shdk::kCucu;
      }
      households[hh].members.push_back(who);
      people[who].household = hh;
      people[who].shdk = shdk;
    };

    // Couples: each married man takes a married woman of about his age (usually a few years younger).
    std::vector<std::vector<int>> wives_by_age(130);
    std::vector<int> husbands;
    for (int i = 0; i < n; ++i) {
      if (people[i].marital != StatusPerkawinan::kKawin) continue;
      if (people[i].female) wives_by_age[people[i].age].push_back(i);
      else husbands.push_back(i);
    }
    for (int h : husbands) {
      const int target = people[h].age - (rng.Chance(0.15) ? -rng.Between(0, 3) : rng.Between(0, 7));
      int wife = -1;
      for (int d = 0; d <= 8 && wife < 0; ++d) {
        for (int a : {target - d, target + d}) {
          if (a < 16 || a >= 130 || wives_by_age[a].empty()) continue;
          wife = wives_by_age[a].back();
          wives_by_age[a].pop_back();
          break;
        }
      }
      const int hh = start(h);
      if (wife >= 0) {
        join(hh, wife, Shdk::kIstri);
        households[hh].parent_age = people[wife].age;
        households[hh].couple = true;
      }
    }
    // Married women whose husband lives elsewhere (migrant work) head their own KK.
    for (auto& bucket : wives_by_age) {
      for (int w : bucket) start(w);
    }
    // Divorced and widowed adults: the younger head their own KK; elders often live with a child.
    std::vector<int> elders;
    for (int i = 0; i < n; ++i) {
      const auto m = people[i].marital;
      if (m != StatusPerkawinan::kCeraiHidup && m != StatusPerkawinan::kCeraiMati) continue;
      if (people[i].age >= 58 && rng.Chance(0.75)) elders.push_back(i);
      else start(i);
    }

    // Households by the head's age, to find a parent's KK for young couples and elders.
    std::vector<std::vector<int>> by_head_age(140);
    for (int hh = 0; hh < static_cast<int>(households.size()); ++hh) {
      by_head_age[std::clamp(people[households[hh].members[0]].age, 0, 139)].push_back(hh);
    }
    // A household whose head is min_gap..max_gap years younger than `age` (or older, when
    // `older`), other than `exclude`.
    auto find_head = [&](int age, int min_gap, int max_gap, int exclude, bool older) {
      const int sign = older ? 1 : -1;
      const int target = age + sign * rng.Between(min_gap + 4, std::max(min_gap + 4, max_gap - 12));
      const int lo = older ? age + min_gap : age - max_gap, hi = older ? age + max_gap : age - min_gap;
      for (int d = 0; d <= max_gap - min_gap; ++d) {
        for (int a : {target - d, target + d}) {
          if (a < lo || a > hi || a < 0 || a >= 140 || by_head_age[a].empty()) continue;
          auto& bucket = by_head_age[a];
          for (int tries = 0; tries < 3; ++tries) {
            const int hh = bucket[rng.Below(static_cast<uint32_t>(bucket.size()))];
            if (hh != exclude && households[hh].merged_into < 0) return hh;
          }
        }
      }
      return -1;
    };
    // Young couples often stay on a parent's KK: the child as Anak, the spouse as Menantu.
    const int formed = static_cast<int>(households.size());
    for (int hh = 0; hh < formed; ++hh) {
      Household& h = households[hh];
      if (!h.couple || people[h.members[0]].age >= 32 || !rng.Chance(0.35)) continue;
      const bool wifes_parents = rng.Chance(0.5);
      const int child = wifes_parents ? h.members[1] : h.members[0];
      const int parent_hh = find_head(people[child].age, 18, 45, hh, /*older=*/true);
      if (parent_hh < 0 || households[parent_hh].couple == false || households[parent_hh].members.size() > 5) continue;
      Household& p = households[parent_hh];
      const int spouse = wifes_parents ? h.members[0] : h.members[1];
      p.members.push_back(child);
      people[child].household = parent_hh;
      people[child].shdk = Shdk::kAnak;
      p.members.push_back(spouse);
      people[spouse].household = parent_hh;
      people[spouse].shdk = Shdk::kMenantu;
      h.members.clear();
      h.merged_into = parent_hh;
    }
    // Elders with an adult child's family (three generations), or alone.
    for (int e : elders) {
      const int hh = find_head(people[e].age, 18, 45, -1, /*older=*/false);
      if (hh >= 0 && households[hh].members.size() < 7) {
        join(hh, e, rng.Chance(0.6) ? Shdk::kOrangTua : Shdk::kMertua);
      } else {
        start(e);
      }
    }

    // Parents by age, to place children and young adults.
    std::vector<std::vector<int>> by_parent_age(140);
    for (int hh = 0; hh < static_cast<int>(households.size()); ++hh) {
      const int a = std::clamp(households[hh].parent_age, 0, 139);
      by_parent_age[a].push_back(hh);
    }
    auto find_parent = [&](int child_age, int min_gap, int max_gap, bool respect_cap) {
      const int target = child_age + rng.Between(std::max(min_gap, 20), std::min(max_gap, 36));
      for (int d = 0; d <= max_gap - min_gap; ++d) {
        for (int a : {target - d, target + d}) {
          if (a < child_age + min_gap || a > child_age + max_gap || a >= 140 || by_parent_age[a].empty()) continue;
          auto& bucket = by_parent_age[a];
          for (int tries = 0; tries < 3; ++tries) {
            const int hh = bucket[rng.Below(static_cast<uint32_t>(bucket.size()))];
            if (!respect_cap || households[hh].children < households[hh].child_cap) return hh;
          }
        }
      }
      return -1;
    };

    // Never-married adults: most young ones stay in their parents' KK.
    for (int i = 0; i < n; ++i) {
      if (people[i].household >= 0 || people[i].age < 17 || people[i].marital != StatusPerkawinan::kBelumKawin) continue;
      const int age = people[i].age;
      const double stay = age < 25 ? 0.92 : (age < 35 ? 0.75 : 0.4);
      int hh = rng.Chance(stay) ? find_parent(age, 17, 45, false) : -1;
      if (hh >= 0) {
        join(hh, i, Shdk::kAnak);
        ++households[hh].children;
      } else if (people[i].female && age < 45 && rng.Chance(0.04) && !households.empty()) {
        join(static_cast<int>(rng.Below(static_cast<uint32_t>(households.size()))), i, Shdk::kPembantu);
      } else {
        start(i);
      }
    }
    // Children, oldest first, with a mother 17-45 years older; else with grandparents; else kin.
    std::vector<int> children;
    for (int i = 0; i < n; ++i) {
      if (people[i].household < 0 && people[i].age < 17) children.push_back(i);
    }
    std::sort(children.begin(), children.end(), [&](int a, int b) { return people[a].age > people[b].age; });
    for (int c : children) {
      int hh = find_parent(people[c].age, 17, 45, true);
      if (hh < 0) hh = find_parent(people[c].age, 17, 45, false);
      if (hh >= 0) {
        join(hh, c, Shdk::kAnak);
        ++households[hh].children;
        continue;
      }
      hh = find_parent(people[c].age, 38, 80, false);
      if (hh >= 0) {
        join(hh, c, Shdk::kCucu);
      } else if (!households.empty()) {
        join(static_cast<int>(rng.Below(static_cast<uint32_t>(households.size()))), c, Shdk::kFamiliLain);
      } else {
        start(c);
      }
    }
  }

  // ---- the chunk ----
  void Chunk(int count, DemoBatch* out) {
    std::vector<Indiv> people(count);
    const Date& ref = config.reference;
    for (Indiv& p : people) {
      p.age = DrawAge(&p.female);
      p.birth = BirthDateFor(p.age);
      p.age = p.birth.YearsUntil(ref);
      const auto shares = MaritalShares(p.age, p.female);
      p.marital = static_cast<StatusPerkawinan>(rng.Weighted(shares) + 1);
    }
    std::vector<Household> households;
    FormHouseholds(people, households);
    for (auto& h : households) {
      if (!h.members.empty()) EmitHousehold(people, h, out);
    }
  }

  void EmitHousehold(std::vector<Indiv>& people, Household& h, DemoBatch* out) {
    const Date& ref = config.reference;
    const Village& village = DrawVillage();
    const std::string province(village.code.province_digits());
    const bool foreign = rng.Chance(0.0004);
    const bool migrant = !foreign && rng.Chance(0.06);
    const int years_here = migrant ? rng.Between(1, 15) : 1000;
    const Region* origin = migrant ? rng.PickFrom(origin_districts) : nullptr;
    Agama agama = DrawAgama(province);
    Ethnic ethnic;
    if (foreign) {
      ethnic = Ethnic::kAsing;
      static const Agama religions[] = {Agama::kKristen, Agama::kKatholik, Agama::kBudha, Agama::kIslam};
      agama = rng.Pick(religions);
    } else {
      const auto shares = EthnicShares(migrant ? std::string(origin->code.province_digits()) : province, agama);
      ethnic = static_cast<Ethnic>(rng.Weighted(shares));
    }
    const std::string family_name = FamilyNameFor(ethnic, agama, rng);
    // The head first, then by SHDK and age: how a KK lists its members.
    std::stable_sort(h.members.begin() + 1, h.members.end(), [&](int a, int b) {
      if (people[a].shdk != people[b].shdk) return CodeOf(people[a].shdk) < CodeOf(people[b].shdk);
      return people[a].birth < people[b].birth;
    });
    const int head = h.members[0];
    const int rw = rng.Between(1, village.rw_count);
    const int rt = rng.Between(1, 3 + (rw * 7 + village.rw_count) % 8);
    std::string alamat;
    if (village.urban || rng.Chance(0.3)) {
      alamat = "JL. " + std::string(rng.Pick(kStreets)) + " NO. " + std::to_string(rng.Between(1, 250));
    } else if (rng.Chance(0.75)) {
      alamat = (ethnic == Ethnic::kSunda ? "KP. " : "DUSUN ") + std::string(rng.Pick(kKampung));
    }
    // Names: the head and spouse first; children take the family name and birth order.
    std::vector<std::string> names(h.members.size());
    std::string father_name, mother_name;
    int birth_order = 0;
    for (size_t k = 0; k < h.members.size(); ++k) {
      const Indiv& p = people[h.members[k]];
      std::string fam;
      if (p.shdk == Shdk::kKepalaKeluarga || p.shdk == Shdk::kAnak || p.shdk == Shdk::kCucu) fam = family_name;
      if (p.shdk == Shdk::kIstri) fam = ethnic == Ethnic::kTimur && rng.Chance(0.5) ? family_name : FamilyNameFor(ethnic, agama, rng);
      if (p.shdk == Shdk::kPembantu || p.shdk == Shdk::kFamiliLain) fam = FamilyNameFor(ethnic, agama, rng);
      const int order = p.shdk == Shdk::kAnak ? ++birth_order : 1;
      names[k] = MakeName(ethnic, agama, p.female, p.birth.year(), order, fam, rng);
      if (k == 0) (p.female ? mother_name : father_name) = names[k];
      if (p.shdk == Shdk::kIstri) mother_name = names[k];
    }
    // The KK: issued after its youngest member was born, within the last 15 years.
    Date youngest = people[head].birth;
    for (int m : h.members) youngest = std::max(youngest, people[m].birth);
    const int64_t lo = std::max(youngest.ToDays() + 7, ref.ToDays() - 15 * 365);
    const int64_t hi = ref.ToDays() - 1;
    const Date issued = Date::FromDays(lo >= hi ? hi : lo + rng.Below(static_cast<uint32_t>(hi - lo)));
    Family family{.kk_number = IssueKk(*village.district, issued),
                  .wilayah = village.code,
                  .alamat = alamat,
                  .rt = rt,
                  .rw = rw,
                  .tanggal_terbit = issued,
                  .members = {}};
    const std::string kk_text = family.kk_number.ToString();
    std::optional<Nik> husband, wife;
    Date eldest_child_birth = ref;
    for (size_t k = 0; k < h.members.size(); ++k) {
      const Indiv& ind = people[h.members[k]];
      // Where the NIK was first issued: here, another district of the regency, or the origin.
      const bool born_after_move = migrant && ind.age < years_here;
      const Region* nik_district = village.district;
      if (migrant && !born_after_move) nik_district = origin;
      else if (rng.Chance(0.2)) nik_district = rng.PickFrom(districts_of_regency.at(village.regency->code.digits()));
      Date birth = ind.birth;
      BirthDatePrecision precision = BirthDatePrecision::kExact;
      if (birth.year() < 1970 && rng.Chance(0.03)) {
        const double u = rng.Real();
        if (u < 0.5) {
          precision = BirthDatePrecision::kDayMonthUnknown;
          birth = Ymd(birth.year(), 7, 1);
        } else if (u < 0.85) {
          precision = BirthDatePrecision::kDayUnknown;
          birth = Ymd(birth.year(), birth.month(), 15);
        } else {
          precision = BirthDatePrecision::kDayMonthUnknownSimduk;
          birth = Ymd(birth.year(), 12, 31);
        }
      }
      Person p{.nik = IssueNik(*nik_district, birth, ind.female),
               .kk_number = family.kk_number,
               .nama = names[k],
               .tempat_lahir = PlaceName(
                   (nik_district == origin && origin ? regions.Get(origin->code.Parent().digits()) : village.regency)
                       ->name),
               .tanggal_lahir = birth,
               .tanggal_lahir_presisi = precision,
               .jenis_kelamin = ind.female ? JenisKelamin::kPerempuan : JenisKelamin::kLakiLaki,
               .golongan_darah = DrawBlood(),
               .agama = agama,
               .status_perkawinan = ind.marital,
               .perkawinan_tercatat = PencatatanPerkawinan::kTidakBerlaku,
               .pendidikan = Pendidikan::kTidakBelumSekolah,
               .pekerjaan = Pekerjaan::kBelumTidakBekerja,
               .kewarganegaraan = foreign ? Kewarganegaraan::kWna : Kewarganegaraan::kWni,
               .kitap = foreign,
               .penyandang_cacat = std::nullopt,
               .status_dasar = StatusDasar::kHidup,
               .nama_ayah = "",
               .nama_ibu = "",
               .wilayah = village.code,
               .alamat = alamat,
               .rt = rt,
               .rw = rw,
               .ektp_status = EktpStatus::kBelumWajib};
      if (ind.marital == StatusPerkawinan::kKawin || ind.marital == StatusPerkawinan::kCeraiHidup) {
        p.perkawinan_tercatat = rng.Chance(0.87) ? PencatatanPerkawinan::kTercatat : PencatatanPerkawinan::kBelumTercatat;
      }
      if (ind.age < 17) {
        p.pendidikan = ChildEducation(ind.age);
      } else if (ind.age < 19) {
        p.pendidikan = rng.Chance(0.75) ? Pendidikan::kSltp : Pendidikan::kTamatSd;
      } else {
        p.pendidikan = static_cast<Pendidikan>(rng.Weighted(AdultEducationShares(birth.year())) + 1);
      }
      p.pekerjaan = DrawPekerjaan(ind.age, ind.female, p.pendidikan, village.urban);
      if (rng.Chance(0.012)) p.penyandang_cacat = static_cast<PenyandangCacat>(rng.Between(1, 6));
      if (ind.shdk == Shdk::kAnak && !father_name.empty()) {
        p.nama_ayah = father_name;
        p.nama_ibu = mother_name.empty() ? MakeName(ethnic, agama, true, birth.year() - 25, 1, "", rng) : mother_name;
      } else {
        p.nama_ayah = MakeName(ethnic, agama, false, birth.year() - 28, 1, family_name, rng);
        p.nama_ibu = ind.shdk == Shdk::kAnak && !mother_name.empty()
                         ? mother_name
                         : MakeName(ethnic, agama, true, birth.year() - 25, 1, "", rng);
      }
      // e-KTP.
      const Eligibility e = WajibKtp(EligibilityFacts{p.kewarganegaraan, p.kitap, p.tanggal_lahir,
                                                      p.status_perkawinan, p.status_dasar},
                                     ref);
      if (e.wajib_ktp) {
        if (rng.Chance(UnrecordedShare(village.remote, village.urban, ind.age))) {
          p.ektp_status = EktpStatus::kBelumRekam;
        } else {
          p.ektp_status = static_cast<EktpStatus>(rng.Weighted(RecordedStatusShares()) + 2);
        }
      }
      // Events: akta kelahiran of the young born here, moves of migrants.
      const std::string nik_text = p.nik.ToString();
      if (ind.age < 18 && (!migrant || born_after_move) && rng.Chance(0.9)) {
        const Date registered = std::min(birth.AddDays(rng.Chance(0.8) ? rng.Between(3, 60) : rng.Between(61, 900)),
                                         ref.AddDays(-1));
        out->events.push_back(EventRecord{0, registered.ToString() + "T02:00:00Z",
                                          static_cast<int>(RegisterEvent::kBirthRegistered), nik_text, province, "demo",
                                          "{\"akta\":" + JsonQuote(AktaNumber(*village.regency, "LT", registered)) +
                                              ",\"kk_number\":" + JsonQuote(kk_text) + "}"});
      }
      if (migrant && !born_after_move) {
        const Date moved = ref.AddDays(-years_here * 365 + rng.Between(0, 300));
        out->events.push_back(EventRecord{
            0, moved.ToString() + "T02:00:00Z", static_cast<int>(RegisterEvent::kMovedIn), nik_text, province, "demo",
            "{\"from\":" + JsonQuote(origin->code.ToString()) + ",\"to\":" + JsonQuote(village.code.ToString()) +
                ",\"skpwni\":" + JsonQuote("SKPWNI/" + std::string(origin->code.digits().substr(0, 4)) + "/" +
                                          Pad(moved.year(), 4) + "/" + Pad(++skpwni_serial % 1000000, 6)) +
                "}"});
      }
      if (ind.shdk == Shdk::kAnak && ind.birth < eldest_child_birth) eldest_child_birth = ind.birth;
      if (k == 0 && !ind.female && ind.marital == StatusPerkawinan::kKawin) husband = p.nik;
      if (ind.shdk == Shdk::kIstri) wife = p.nik;
      family.members.push_back(FamilyMember{p.nik, ind.shdk});
      // A widow(er) sometimes still has the late spouse's record: status MATI, akta kematian.
      if (ind.marital == StatusPerkawinan::kCeraiMati && rng.Chance(0.3)) EmitDeceased(ind, p, village, out);
      out->persons.push_back(std::move(p));
    }
    if (husband && wife) {
      const Indiv& w = people[h.members[1]];
      const int64_t earliest = SeventeenthBirthday(w.birth).ToDays();
      int64_t married = std::min(eldest_child_birth.ToDays() - rng.Between(200, 1200), ref.ToDays() - 30);
      if (married < earliest) married = std::min(earliest + rng.Between(0, 700), ref.ToDays() - 1);
      const Date date = Date::FromDays(married);
      const bool kua = agama == Agama::kIslam;
      out->events.push_back(EventRecord{
          0, date.ToString() + "T02:00:00Z", static_cast<int>(RegisterEvent::kMarriageRegistered), husband->ToString(),
          province, "demo",
          "{\"spouse\":" + JsonQuote(wife->ToString()) + ",\"" + (kua ? "kua_register" : "akta") + "\":" +
              JsonQuote(kua ? "KUA/" + village.district->code.digits() + "/" + Pad(date.year(), 4) + "/" +
                                  Pad(rng.Between(1, 9999), 4)
                            : AktaNumber(*village.regency, "KW", date)) +
              "}"});
    }
    out->families.push_back(std::move(family));
    living += static_cast<int64_t>(h.members.size());
  }

  void EmitDeceased(const Indiv& survivor, const Person& sp, const Village& village, DemoBatch* out) {
    const Date& ref = config.reference;
    const bool female = !survivor.female;
    const int age = std::max(20, survivor.age + (female ? -rng.Between(0, 6) : rng.Between(0, 6)));
    const Date birth = BirthDateFor(age);
    const Date died = ref.AddDays(-rng.Between(30, 3650));
    if (died <= birth) return;
    Person p = sp;
    p.nik = IssueNik(*village.district, birth, female);
    p.kk_number.reset();
    p.nama = MakeName(Ethnic::kJawa, sp.agama, female, birth.year(), 1, "", rng);
    p.tanggal_lahir = birth;
    p.tanggal_lahir_presisi = BirthDatePrecision::kExact;
    p.jenis_kelamin = female ? JenisKelamin::kPerempuan : JenisKelamin::kLakiLaki;
    p.status_perkawinan = StatusPerkawinan::kKawin;
    p.perkawinan_tercatat = PencatatanPerkawinan::kTercatat;
    p.status_dasar = StatusDasar::kMati;
    p.penyandang_cacat.reset();
    p.ektp_status = EktpStatus::kCardIssued;
    p.nama_ayah = MakeName(Ethnic::kJawa, sp.agama, false, birth.year() - 28, 1, "", rng);
    p.nama_ibu = MakeName(Ethnic::kJawa, sp.agama, true, birth.year() - 25, 1, "", rng);
    out->events.push_back(EventRecord{0, died.ToString() + "T02:00:00Z",
                                      static_cast<int>(RegisterEvent::kDeathRegistered), p.nik.ToString(),
                                      std::string(village.code.province_digits()), "demo",
                                      "{\"akta\":" + JsonQuote(AktaNumber(*village.regency, "KM", died)) +
                                          ",\"spouse\":" + JsonQuote(sp.nik.ToString()) + "}"});
    out->persons.push_back(std::move(p));
  }
};

PopulationGenerator::PopulationGenerator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PopulationGenerator::~PopulationGenerator() = default;

Result<std::unique_ptr<PopulationGenerator>> PopulationGenerator::Create(const RegionIndex& regions,
                                                                         DemoConfig config) {
  if (config.residents < 1 || config.residents > 400'000'000) {
    return Status::Invalid("residents", std::to_string(config.residents), "must be between 1 and 400,000,000");
  }
  if (config.regions.empty()) return Status::Invalid("region", "", "name at least one region code, e.g. 32.04");
  if (config.chunk < 64) config.chunk = 64;
  auto impl = std::make_unique<Impl>(regions, config);
  std::vector<std::string> prefixes;
  for (const std::string& text : config.regions) {
    auto code = RegionCode::Parse(text, "region");
    if (!code.ok()) return code.status();
    if (!regions.Get(code->digits())) return Status::NotFound("region", text);
    if (code->level() == RegionLevel::kIsland) {
      return Status::Invalid("region", text, "must be a province, regency, district or village, not an island");
    }
    prefixes.push_back(code->digits());
  }
  // Regencies with outermost small islands, where recording lags (DOMAIN.md: outreach layers).
  std::vector<std::string> outer_regencies;
  for (const Region& r : regions.regions()) {
    if (r.code.level() == RegionLevel::kIsland && r.is_outermost_small) {
      outer_regencies.push_back(r.code.digits().substr(0, 4));
    }
  }
  Rng layout(config.seed ^ 0x5eed5eedULL);
  for (const Region& r : regions.regions()) {
    const std::string& d = r.code.digits();
    if (r.code.level() != RegionLevel::kVillage) continue;
    if (std::none_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) { return d.starts_with(p); })) continue;
    Village v(r.code);
    v.district = regions.Get(d.substr(0, 6));
    v.regency = regions.Get(d.substr(0, 4));
    if (!v.district || !v.regency) continue;
    v.urban = r.code.village_kind() == VillageKind::kKelurahan;
    const bool outer = std::find(outer_regencies.begin(), outer_regencies.end(), d.substr(0, 4)) != outer_regencies.end();
    v.remote = !v.urban && (outer || d[0] == '9' || layout.Chance(0.08));
    v.rw_count = v.urban ? layout.Between(6, 18) : layout.Between(2, 10);
    // Village sizes vary: a log-normal-ish weight, larger in towns.
    const double weight = std::exp(layout.Real() * 1.6 + layout.Real() * 1.6) * (v.urban ? 2.0 : 1.0);
    impl->village_cumulative.push_back((impl->village_cumulative.empty() ? 0 : impl->village_cumulative.back()) +
                                       weight);
    impl->villages.push_back(std::move(v));
  }
  if (impl->villages.empty()) {
    return Status::Invalid("region", config.regions.front(), "holds no village: load the regions first (siak regions import)");
  }
  // Every district of the villages' regencies (where a resident's NIK may have been issued
  // before a move within the regency); migrants come from 64 districts elsewhere, fixed by the seed.
  for (const Village& v : impl->villages) impl->districts_of_regency[v.regency->code.digits()];
  std::vector<const Region*> all_districts;
  for (const Region& r : regions.regions()) {
    if (r.code.level() != RegionLevel::kDistrict) continue;
    auto own = impl->districts_of_regency.find(r.code.digits().substr(0, 4));
    if (own != impl->districts_of_regency.end()) {
      own->second.push_back(&r);
    } else {
      all_districts.push_back(&r);
    }
  }
  for (int i = 0; i < 64 && !all_districts.empty(); ++i) impl->origin_districts.push_back(layout.PickFrom(all_districts));
  if (impl->origin_districts.empty()) impl->origin_districts.push_back(impl->villages.front().district);
  return std::unique_ptr<PopulationGenerator>(new PopulationGenerator(std::move(impl)));
}

bool PopulationGenerator::Next(DemoBatch* batch) {
  batch->Clear();
  Impl& g = *impl_;
  if (g.living >= g.config.residents) return false;
  const int64_t want = std::min<int64_t>(g.config.chunk, g.config.residents - g.living);
  g.Chunk(static_cast<int>(want), batch);
  return true;
}


}  // namespace siak::demo
