#include "cli/civil_commands.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include "app/civil_service.h"
#include "app/clock.h"
#include "app/register_service.h"
#include "card/akta_render.h"
#include "card/signing_key.h"
#include "cli/ektp_commands.h"
#include "domain/known_districts.h"
#include "domain/region_index.h"

namespace siak::cli {
namespace {

using Json = nlohmann::json;

std::string KeyFile(const Args& args) {
  return Option(args, "key-file", "SIAK_CARD_KEY_FILE", "var/card-signing.key");
}

// The store, the regions and the services, acting as `who`.
struct CivilContext {
  std::unique_ptr<Store> store;
  std::unique_ptr<RegionIndex> regions;
  KnownDistricts districts;
  SystemClock clock;
  std::optional<card::SigningKey> key;
  std::unique_ptr<RegisterService> registry;
  std::unique_ptr<CivilService> civil;
  Principal who{"siak-cli", Role::kAdmin, ""};
};

Result<std::unique_ptr<CivilContext>> OpenCivil(const Args& args) {
  auto ctx = std::make_unique<CivilContext>();
  SIAK_ASSIGN_OR_RETURN(ctx->store, OpenMigrated(args));
  SIAK_ASSIGN_OR_RETURN(std::vector<Region> regions, ctx->store->LoadRegions());
  if (regions.empty()) return Status::FailedPrecondition("no regions in the store: run siak regions import");
  ctx->regions = std::make_unique<RegionIndex>(std::move(regions));
  ctx->districts = KnownDistricts::Of(ctx->regions->regions());
  bool created = false;
  SIAK_ASSIGN_OR_RETURN(card::SigningKey key, card::SigningKey::OpenOrCreate(KeyFile(args), &created));
  if (created) std::cerr << "siak: made a new card signing key at " << KeyFile(args) << "\n";
  ctx->key.emplace(std::move(key));
  ctx->registry = std::make_unique<RegisterService>(*ctx->store, ctx->clock, ctx->districts);
  ctx->civil = std::make_unique<CivilService>(*ctx->store, ctx->clock, *ctx->registry, &*ctx->key, ctx->regions.get());
  return ctx;
}

Result<int64_t> EventId(const std::string& text) {
  auto n = ParseCount(text, "event_id");
  if (!n.ok()) return n.status();
  if (*n < 1) return Status::Invalid("event_id", text, "must be a positive whole number");
  return *n;
}

int Verify(const Args& args) {
  if (args.positional.size() != 3) return Usage("akta verify <reference> (--public-key HEX | --key-file F)");
  auto key = VerifyingKey(args);
  if (!key.ok()) return Fail(key.status());
  auto ref = card::VerifyAktaReference(args.positional[2], *key);
  if (!ref.ok()) return Fail(ref.status());
  std::cout << "valid: signed by key " << key->KeyId() << "\n"
            << "  akta_number  " << ref->akta_number << "\n"
            << "  kind         " << ref->kind << "\n"
            << "  nik          " << (ref->nik.empty() ? "-" : ref->nik) << "\n"
            << "  copy         " << card::CopyMark(ref->copy) << "\n";
  return 0;
}

int Show(const Args& args) {
  if (args.positional.size() != 3) return Usage("akta show <event-id>");
  auto id = EventId(args.positional[2]);
  if (!id.ok()) return Fail(id.status());
  auto ctx = OpenCivil(args);
  if (!ctx.ok()) return Fail(ctx.status());
  auto akta = (*ctx)->civil->Akta((*ctx)->who, *id);
  if (!akta.ok()) return Fail(akta.status());
  std::cout << akta->title << "  No. " << akta->akta_number << "  (" << card::CopyMark(akta->copy) << ")\n";
  for (const auto& [label, value] : akta->fields) std::printf("  %-28s %s\n", label.c_str(), value.c_str());
  std::cout << "  catatan pinggir: " << (akta->marginal_notes.empty() ? "-" : "") << "\n";
  for (const auto& note : akta->marginal_notes) std::cout << "    - " << note << "\n";
  std::cout << "  " << akta->issued_at << "\n";
  auto reference = (*ctx)->civil->Reference((*ctx)->who, *id);
  if (!reference.ok()) return Fail(reference.status());
  std::cout << "  referensi " << *reference << "\n";
  return 0;
}

int Render(const Args& args) {
  if (args.positional.size() != 3 || !args.options.count("out")) {
    return Usage("akta render <event-id> --out F [--format pdf|png]");
  }
  auto id = EventId(args.positional[2]);
  if (!id.ok()) return Fail(id.status());
  const std::string format = Option(args, "format", nullptr, "pdf");
  auto ctx = OpenCivil(args);
  if (!ctx.ok()) return Fail(ctx.status());
  auto bytes = (*ctx)->civil->RenderAkta((*ctx)->who, *id, format);
  if (!bytes.ok()) return Fail(bytes.status());
  std::ofstream out(args.options.at("out"), std::ios::binary);
  out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  if (!out) return Fail(Status::Invalid("out", args.options.at("out"), "cannot be written"));
  std::cout << "wrote " << args.options.at("out") << " (" << bytes->size() << " bytes)\n";
  return 0;
}

int Stats(const Args& args) {
  auto level = ParseCount(Option(args, "level", nullptr, "4"), "level");
  if (!level.ok()) return Fail(level.status());
  auto from = Date::Parse(Option(args, "from", nullptr, "1900-01-01"), "from");
  if (!from.ok()) return Fail(from.status());
  auto to = Date::Parse(Option(args, "to", nullptr, "9999-12-31"), "to");
  if (!to.ok()) return Fail(to.status());
  std::string region;
  for (char c : Option(args, "region", nullptr, "")) {
    if (c != '.') region += c;
  }
  auto ctx = OpenCivil(args);
  if (!ctx.ok()) return Fail(ctx.status());
  auto counts = (*ctx)->civil->Statistics((*ctx)->who, region, static_cast<int>(*level), *from, *to);
  if (!counts.ok()) return Fail(counts.status());
  // region, month -> kind -> (total, late)
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::pair<int64_t, int64_t>>> rows;
  for (const auto& c : *counts) {
    auto& cell = rows[{c.region, c.month}][c.kind];
    cell.first += c.count;
    if (c.timeliness == "late") cell.second += c.count;
  }
  const char* kinds[] = {"kelahiran", "kematian", "perkawinan", "perceraian", "lahir_mati"};
  std::printf("%-12s %-8s %10s %10s %10s %10s %10s\n", "region", "month", "births", "deaths", "marriages", "divorces",
              "stillbirth");
  for (const auto& [key, by_kind] : rows) {
    std::printf("%-12s %-8s", key.first.c_str(), key.second.c_str());
    for (const char* k : kinds) {
      auto it = by_kind.find(k);
      const std::string cell = it == by_kind.end() ? "0"
                                                   : std::to_string(it->second.first) +
                                                         (it->second.second ? " (" + std::to_string(it->second.second) +
                                                                                  " late)"
                                                                            : "");
      std::printf(" %10s", cell.c_str());
    }
    std::printf("\n");
  }
  if (rows.empty()) std::cout << "no registered events\n";
  return 0;
}

// The demo population's recent history, produced through the civil registration events: births
// to married women of 20-40 in their husbands' families, deaths of the elderly, marriages of
// single adults of one village, a few divorces and a change of name. The base population is
// generated in bulk (a census snapshot, `siak demo generate`); what happened since goes through
// the same declare -> register path as an office's, with every effect in the event log.
int SeedDemo(const Args& args) {
  if (!args.options.count("region")) {
    return Usage("civil seed-demo --region R [--births N (60)] [--deaths N (20)] [--marriages N (10)]");
  }
  auto births_n = ParseCount(Option(args, "births", nullptr, "60"), "births");
  auto deaths_n = ParseCount(Option(args, "deaths", nullptr, "20"), "deaths");
  auto marriages_n = ParseCount(Option(args, "marriages", nullptr, "10"), "marriages");
  for (const auto* n : {&births_n, &deaths_n, &marriages_n}) {
    if (!n->ok()) return Fail(n->status());
  }
  auto region = RegionCode::Parse(args.options.at("region"), "region");
  if (!region.ok()) return Fail(region.status());
  auto opened = OpenCivil(args);
  if (!opened.ok()) return Fail(opened.status());
  CivilContext& ctx = **opened;
  ctx.who = Principal{"demo-history", Role::kAdmin, ""};
  auto existing = ctx.civil->List(ctx.who, 0, 1);
  if (!existing.ok()) return Fail(existing.status());
  if (!existing->empty()) {
    std::cout << "civil events exist already: no demo history added\n";
    return 0;
  }
  const Date today = ctx.clock.Today();
  Store& store = *ctx.store;

  // Candidates, from the region's residents in NIK order.
  struct Mother {
    Nik nik, husband;
    KkNumber kk;
  };
  std::vector<Mother> mothers;
  std::vector<Nik> elderly;
  std::map<std::string, std::vector<StoredPerson>> single_men, single_women;  // by village
  std::vector<std::pair<Nik, Nik>> couples;                                   // head and istri
  PersonFilter filter;
  filter.region_prefix = std::string(region->digits());
  filter.limit = 1000;
  const size_t want_births = static_cast<size_t>(*births_n), want_deaths = static_cast<size_t>(*deaths_n);
  for (int pages = 0; pages < 60; ++pages) {
    auto page = store.FindPersons(filter);
    if (!page.ok()) return Fail(page.status());
    if (page->empty()) break;
    for (const auto& sp : *page) {
      const Person& p = sp.person;
      if (p.status_dasar != StatusDasar::kHidup) continue;
      const int age = p.tanggal_lahir.YearsUntil(today);
      if (age >= 75 && elderly.size() < want_deaths) elderly.push_back(p.nik);
      if (p.status_perkawinan == StatusPerkawinan::kBelumKawin && p.kk_number) {
        if (p.jenis_kelamin == JenisKelamin::kLakiLaki && age >= 25 && age <= 35) {
          single_men[p.wilayah.digits()].push_back(sp);
        } else if (p.jenis_kelamin == JenisKelamin::kPerempuan && age >= 22 && age <= 32) {
          single_women[p.wilayah.digits()].push_back(sp);
        }
      }
      if (p.jenis_kelamin == JenisKelamin::kPerempuan && p.status_perkawinan == StatusPerkawinan::kKawin &&
          p.kk_number && age >= 20 && age <= 40 && (mothers.size() < want_births || couples.size() < 2)) {
        auto family = store.GetFamily(*p.kk_number);
        if (!family.ok()) continue;
        for (const auto& m : family->members) {
          if (m.nik == p.nik && m.shdk == Shdk::kIstri) {
            if (mothers.size() < want_births) {
              mothers.push_back({p.nik, family->head(), *p.kk_number});
            } else {
              couples.push_back({family->head(), p.nik});
            }
          }
        }
      }
    }
    filter.after_nik = std::string(page->back().person.nik.digits());
  }

  int registered = 0, refused = 0;
  auto run = [&](VitalEventKind kind, const Json& declaration) {
    auto d = ctx.civil->Declare(ctx.who, kind, declaration.dump());
    if (d.ok()) {
      auto r = ctx.civil->Register(ctx.who, d->id);
      if (r.ok()) {
        ++registered;
        return;
      }
      d = r.status();
    }
    ++refused;
    if (refused <= 5) std::cerr << "  " << RuleOf(kind).name << " refused: " << d.status().ToString() << "\n";
  };
  static constexpr const char* kNames[] = {"Putri", "Putra", "Aulia", "Rizki", "Nabila", "Fajar", "Salsabila", "Bagas"};
  static constexpr const char* kSecond[] = {"Ramadhani", "Pratama", "Lestari", "Saputra",
                                             "Wulandari", "Hidayat", "Permata", "Nugraha"};
  static constexpr const char* kPlaces[] = {"rumah_sakit", "puskesmas", "rumah", "polindes"};
  static constexpr const char* kAttendants[] = {"bidan", "dokter", "bidan", "dukun"};
  for (size_t i = 0; i < mothers.size(); ++i) {
    const bool late = i % 10 == 9;
    const Date born = today.AddDays(-static_cast<int64_t>(late ? 70 + i : 1 + i % 50));
    Json j{{"kk_number", mothers[i].kk.ToString()},
           {"nama", std::string(kNames[i % 8]) + " " + kSecond[(i / 8) % 8]},
           {"jenis_kelamin", i % 2 == 0 ? 2 : 1},  // the names alternate: Putri, Putra, ...
           {"tanggal_lahir", born.ToString()},
           {"waktu_lahir", (i % 24 < 10 ? "0" : "") + std::to_string(i % 24) + ":15"},
           {"tempat_lahir", "Bandung"},
           {"tempat_dilahirkan", kPlaces[i % 4]},
           {"penolong", kAttendants[i % 4]},
           {"ibu", std::string(mothers[i].nik.digits())},
           {"saksi", {"Saksi Satu", "Saksi Dua"}}};
    if (mothers[i].husband != mothers[i].nik) j["ayah"] = std::string(mothers[i].husband.digits());
    if (late) j["late_decision"] = "Keputusan Kepala Dinas No. 474/" + std::to_string(i) + "/Disdukcapil";
    run(VitalEventKind::kKelahiran, j);
  }
  static constexpr const char* kCauses[] = {"sakit_biasa", "sakit_biasa", "kecelakaan", "lainnya"};
  for (size_t i = 0; i < elderly.size(); ++i) {
    run(VitalEventKind::kKematian, Json{{"nik", std::string(elderly[i].digits())},
                                        {"tanggal_kematian", today.AddDays(-static_cast<int64_t>(1 + i % 25)).ToString()},
                                        {"waktu_kematian", "0" + std::to_string(i % 10) + ":30"},
                                        {"tempat_kematian", i % 3 == 0 ? "Rumah Sakit" : "Rumah"},
                                        {"sebab", kCauses[i % 4]},
                                        {"yang_menerangkan", i % 3 == 0 ? "dokter" : "kepala_desa"},
                                        {"pelapor", "Keluarga"},
                                        {"hubungan_pelapor", "anak"},
                                        {"saksi", {"Saksi Satu", "Saksi Dua"}}});
  }
  int marriages = 0;
  for (auto& [village, men] : single_men) {
    auto& women = single_women[village];
    for (size_t k = 0; k < men.size() && k < women.size() && marriages < *marriages_n; ++k) {
      if (men[k].person.kk_number == women[k].person.kk_number) continue;  // siblings
      const bool muslim = men[k].person.agama == Agama::kIslam;
      const std::string agama = muslim ? "islam" : [&] {
        std::string a(LabelOf(men[k].person.agama));
        for (char& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return a.substr(0, a.find(' '));
      }();
      Json j{{"suami", std::string(men[k].person.nik.digits())},
             {"istri", std::string(women[k].person.nik.digits())},
             {"tanggal_perkawinan", today.AddDays(-static_cast<int64_t>(3 + marriages * 4)).ToString()},
             {"tempat_perkawinan", muslim ? "KUA Kecamatan" : "Gereja"},
             {"jalur", muslim ? "kua" : "dinas"},
             {"agama", agama},
             {"saksi", {"Saksi Satu", "Saksi Dua"}}};
      if (muslim) {
        j["nomor_buku_nikah"] = "KUA/" + std::to_string(marriages + 1) + "/" + std::to_string(today.year());
        j["kua"] = "KUA Kecamatan " + village.substr(0, 6);
      } else {
        j["pemuka_agama"] = "Pemuka agama";
      }
      run(VitalEventKind::kPerkawinan, j);
      ++marriages;
    }
  }
  for (size_t i = 0; i < couples.size(); ++i) {
    run(VitalEventKind::kPerceraian, Json{{"suami", std::string(couples[i].first.digits())},
                                          {"istri", std::string(couples[i].second.digits())},
                                          {"pengadilan", "Pengadilan Agama Bandung"},
                                          {"nomor_putusan", std::to_string(100 + i) + "/Pdt.G/" +
                                                                std::to_string(today.year()) + "/PA.Bdg"},
                                          {"tanggal_putusan", today.AddDays(-static_cast<int64_t>(10 + i)).ToString()}});
  }
  std::cout << registered << " civil events registered in " << region->ToString() << " (" << mothers.size()
            << " births, " << elderly.size() << " deaths, " << marriages << " marriages, " << couples.size()
            << " divorces tried; " << refused << " refused by the rules)\n";
  return 0;
}

}  // namespace

int CmdAkta(const Args& args) {
  const auto& p = args.positional;
  if (p.size() >= 2 && p[1] == "verify") return Verify(args);
  if (p.size() >= 2 && p[1] == "show") return Show(args);
  if (p.size() >= 2 && p[1] == "render") return Render(args);
  return Usage("akta verify <reference> (--public-key HEX | --key-file F) | akta show <event-id> | "
               "akta render <event-id> --out F [--format pdf|png]");
}

int CmdCivil(const Args& args) {
  const auto& p = args.positional;
  if (p.size() == 2 && p[1] == "stats") return Stats(args);
  if (p.size() == 2 && p[1] == "seed-demo") return SeedDemo(args);
  return Usage("civil stats [--region R] [--level N] [--from D] [--to D] | civil seed-demo --region R");
}

}  // namespace siak::cli
