#include "cli/commands.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>

#include <termios.h>
#include <unistd.h>

#include "api/server.h"
#include "cli/abis_commands.h"
#include "cli/ektp_commands.h"
#include "cli/civil_commands.h"
#include "cli/counter_commands.h"
#include "cli/outreach_commands.h"
#include "cli/cli_args.h"
#include "app/audit_log.h"
#include "app/auth_service.h"
#include "app/exchange.h"
#include "common/progress.h"
#include "demo/load.h"
#include "app/import_regions.h"
#include "domain/role.h"
#include "domain/eligibility.h"
#include "domain/nik.h"
#include "domain/region_index.h"
#include "store/store.h"

namespace siak {
namespace {

using namespace cli;  // NOLINT: the CLI's own helpers

constexpr const char* kUsage = R"(siak — OpenSIAK population administration

usage: siak [--store URL] <command> [arguments]

  init                       create or upgrade the store's schema to the latest version
  migrate --to N             move the schema to version N (0 removes everything)
  regions import [--from DIR]  load the official region list (all-or-nothing)
  regions stats              count provinces, regencies, districts, villages and islands
  regions find TEXT [--limit N]  type-ahead search by name (any case, accents, apostrophes) or code prefix
  nik check NIK [--born YYYY-MM-DD] [--sex L|P]  validate and decode a NIK
  serve [--config FILE] [--port N] [--address A] [--tls-cert F --tls-key F] ...
                             run the HTTP API (settings: docs/operations.md)
  user add NAME --role ROLE --scope SCOPE   create a user; the password is read from standard input
  user list                  list users with role, scope and state
  user disable NAME | user enable NAME
  user reset-password NAME   set a new password (read from standard input); ends the user's sessions
  audit verify               check the audit log's hash chain; names any edited, removed or reordered entry
  demo generate --region CODE[,CODE...] --residents N [--seed S] [--today YYYY-MM-DD]
                             fill an empty register with a synthetic population (never real data)
  persons count [--region CODE]   how many persons the register holds (in a region)
  export --out DIR [--format csv|jsonl] [--region CODE]   persons and families (docs/exchange.md)
  import --from DIR          add persons and families from an export (all-or-nothing)
  abis stats                 galleries, queue, cases and the decision limits (docs/abis.md)
  abis rebuild               rebuild the galleries from the store and write the snapshot
  abis search --right F [--left F]          1:N search of one recording's irises
  abis verify --nik NIK --right F [--left F]  1:1 verification against an enrolled person
  abis bench [--gallery N] [--batch B] [--max-shift S] [--threads T] [--kernel K]
                             matcher throughput on SYNTHETIC irises in memory
  abis synth --identity N --out F [--eye E] [--capture C] [--seed S]  write a SYNTHETIC template
  abis evaluate <folder> [--kernel K]  fingerprint accuracy by the FVC protocol on
                             <folder>/DBn_B/<finger>_<impression>.iso (EER, FMR100, FMR1000, ZeroFMR)
  abis seed-demo --region R [--persons N] [--duplicates D]  SYNTHETIC fingers and irises for
                             recorded residents, and planted duplicates queued for the worker
             (abis commands: --key-file F (var/abis.key), --gallery F (var/abis-gallery.snap))
  card verify <file> (--public-key HEX | --key-file F)  check a card's signed chip payload offline
  card public-key [--key-file F]  the card signing key's public half (var/card-signing.key)
  report coverage [--region P]    e-KTP coverage per child region (wajib KTP, recorded, cards, Suket, blanks)
  ektp sweep                      residents who turned 17 become wajib KTP, coverage deltas folded (siak serve does both)
  ektp seed-demo --region R       demo recording sites, kits and blank stock for regency R
  akta verify <reference> (--public-key HEX | --key-file F)  check an akta's QR reference offline
  akta show <event-id>            an akta's content (fields, marginal notes, kutipan)
  akta render <event-id> --out F [--format pdf|png]  the akta as a file, with its signed QR code
  civil stats [--region R] [--level 2|4|6|10] [--from D] [--to D]  births, deaths, marriages, divorces
                                  per region and month, with the late ones (docs/civil.md)
  civil seed-demo --region R [--births N] [--deaths N] [--marriages N]  the demo's recent history,
                                  registered through the civil events
  counter desks|open-desk|issue|call|ticket|stats|display ...  service counters (loket) and queue
                                  tickets at a site (docs/counters.md; siak counter for the details)
  outreach missing|priority|projection [--region R]  jemput bola: who has not recorded, villages
                                  ranked with their reasons, when each region reaches its target
  outreach snapshot | target --rate X --date D [--region R]  coverage history; the recording target
  outreach flags list|islands|import F  priority flags (outermost islands, border kecamatan, tertinggal)
  outreach outbox send --file F | plan-pdf <id> --out F [--team T]  messages; a printable plan
  outreach seed-demo --region R   the demo regency's flags (DEMO), teams, target, SYNTHETIC history
  version                    print the version

--store URL   sqlite:PATH (default sqlite:var/siak.db, or $SIAK_STORE) or postgresql://...
              or postgres:'host=... dbname=...'
Region data: --from DIR, or $SIAK_REGION_DATA, or third_party/regions/node_modules/idn-area-data/data
(idn-area-data 4.0.1, (c) its authors, Open Database License 1.0).
)";






Date Today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return *Date::FromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}


int CmdInit(const Args& args) {
  auto store = OpenStore(Option(args, "store", "SIAK_STORE", "sqlite:var/siak.db"));
  if (!store.ok()) return Fail(store.status());
  Status st = (*store)->Migrate(Store::LatestSchemaVersion());
  if (!st.ok()) return Fail(st);
  std::cout << "store ready (" << (*store)->backend() << ", schema version " << Store::LatestSchemaVersion() << ")\n";
  return 0;
}

int CmdMigrate(const Args& args) {
  auto it = args.options.find("to");
  if (it == args.options.end()) return Usage("migrate needs --to N");
  int target = 0;
  try {
    size_t used = 0;
    target = std::stoi(it->second, &used);
    if (used != it->second.size()) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    return Fail(Status::Invalid("to", it->second, "must be a schema version number"));
  }
  auto store = OpenStore(Option(args, "store", "SIAK_STORE", "sqlite:var/siak.db"));
  if (!store.ok()) return Fail(store.status());
  Status st = (*store)->Migrate(target);
  if (!st.ok()) return Fail(st);
  std::cout << "schema version " << target << "\n";
  return 0;
}

int CmdRegionsImport(const Args& args) {
  const std::string dir =
      Option(args, "from", "SIAK_REGION_DATA", "third_party/regions/node_modules/idn-area-data/data");
  auto start = std::chrono::steady_clock::now();
  auto regions = ReadRegionCsvs(dir);
  if (!regions.ok()) return Fail(regions.status());
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  Status st = (*store)->ReplaceRegions(*regions);
  if (!st.ok()) return Fail(st);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  std::cout << "imported " << regions->size() << " regions from " << dir << " in " << ms << " ms\n";
  return 0;
}

int CmdRegionsStats(const Args& args) {
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  auto stats = (*store)->CountRegions();
  if (!stats.ok()) return Fail(stats.status());
  const RegionStats& s = *stats;
  std::printf("provinces  %8s\n", Progress::Count(s.provinces).c_str());
  std::printf("regencies  %8s  (%s kabupaten, %s kota)\n", Progress::Count(s.regencies).c_str(),
              Progress::Count(s.kabupaten).c_str(), Progress::Count(s.kota).c_str());
  std::printf("districts  %8s\n", Progress::Count(s.districts).c_str());
  std::printf("villages   %8s  (%s desa, %s kelurahan, %s desa adat)\n", Progress::Count(s.villages).c_str(),
              Progress::Count(s.desa).c_str(), Progress::Count(s.kelurahan).c_str(), Progress::Count(s.desa_adat).c_str());
  std::printf("islands    %8s  (%s populated, %s outermost small islands)\n", Progress::Count(s.islands).c_str(),
              Progress::Count(s.populated_islands).c_str(), Progress::Count(s.outermost_small_islands).c_str());
  std::printf("Region data: idn-area-data 4.0.1, Open Database License (ODbL) 1.0.\n");
  return 0;
}

int CmdRegionsFind(const Args& args) {
  if (args.positional.size() < 3) return Usage("regions find needs TEXT");
  std::string query;
  for (size_t i = 2; i < args.positional.size(); ++i) query += (i > 2 ? " " : "") + args.positional[i];
  size_t limit = 20;
  if (auto it = args.options.find("limit"); it != args.options.end()) {
    try {
      limit = static_cast<size_t>(std::stoul(it->second));
    } catch (const std::exception&) {
      return Fail(Status::Invalid("limit", it->second, "must be a positive number"));
    }
  }
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  auto regions = (*store)->LoadRegions();
  if (!regions.ok()) return Fail(regions.status());
  if (regions->empty()) return Fail(Status::FailedPrecondition("no regions loaded; run 'siak regions import'"));
  RegionIndex index(std::move(regions).value());
  auto matches = index.Find(query, limit);
  for (const auto& m : matches) {
    std::printf("%-14s %-15s %s\n", m.region->code.ToString().c_str(),
                std::string(RegionLevelLabel(m.region->code.level())).c_str(), m.path.c_str());
  }
  if (matches.empty()) std::printf("no region matches \"%s\"\n", query.c_str());
  return 0;
}

int CmdNikCheck(const Args& args) {
  if (args.positional.size() < 3) return Usage("nik check needs a NIK");
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  auto regions = (*store)->LoadRegions();
  if (!regions.ok()) return Fail(regions.status());
  const KnownDistricts districts = KnownDistricts::Of(*regions);
  if (districts.size() == 0) return Fail(Status::FailedPrecondition("no regions loaded; run 'siak regions import'"));
  auto nik = Nik::Parse(args.positional[2], districts);
  if (!nik.ok()) return Fail(nik.status());
  const Date today = Today();
  std::optional<Date> born;
  if (auto it = args.options.find("born"); it != args.options.end()) {
    auto d = Date::Parse(it->second, "born");
    if (!d.ok()) return Fail(d.status());
    born = *d;
  }
  auto birth = born ? nik->BirthDateNear(*born) : nik->BirthDate(today);
  std::printf("NIK %s is valid (%s)\n", nik->ToString().c_str(), nik->kind() == NikKind::kNit ? "NIT" : "NIK");
  if (nik->kind() == NikKind::kNik) {
    const Region* r = nullptr;
    RegionIndex index(std::move(regions).value());
    r = index.Get(std::string(nik->district_digits()));
    std::printf("  first issued in  %s (%s)\n", nik->district_code().c_str(), r ? index.PathOf(*r).c_str() : "?");
  } else {
    std::printf("  country %03d, mission %d\n", nik->nit_country(), nik->nit_mission());
  }
  std::printf("  sex              %s\n", std::string(LabelOf(nik->sex())).c_str());
  if (birth.ok()) std::printf("  born             %s\n", birth->ToString().c_str());
  std::printf("  serial           %04d\n", nik->serial());
  if (auto it = args.options.find("sex"); born && it != args.options.end()) {
    if (it->second != "L" && it->second != "P") return Fail(Status::Invalid("sex", it->second, "must be L or P"));
    auto sex = it->second == "L" ? JenisKelamin::kLakiLaki : JenisKelamin::kPerempuan;
    for (const auto& w : nik->CheckAgainst(*born, sex)) std::printf("  warning: %s: %s\n", w.field.c_str(), w.message.c_str());
  }
  return 0;
}

// A password from standard input: one line; not echoed when typed at a terminal. Never taken
// from the command line, where other users could read it in the process list.
Result<std::string> ReadPassword(const std::string& prompt) {
  const bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  const bool got = static_cast<bool>(std::getline(std::cin, password));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!got) return Status::Invalid("password", "", "give the password on standard input");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

int CmdUser(const Args& args) {
  const auto& p = args.positional;
  if (p.size() < 2) return Usage("user needs add, list, disable, enable or reset-password");
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  AuthService auth(**store, clock);
  const std::string& verb = p[1];
  if (verb == "list") {
    auto users = auth.ListUsers();
    if (!users.ok()) return Fail(users.status());
    const int64_t now = clock.NowUnix();
    std::printf("%-24s %-18s %-12s %s\n", "user", "role", "scope", "state");
    for (const auto& u : *users) {
      std::string state = u.disabled ? "disabled" : u.locked_until > now ? "locked until " + IsoFromUnix(u.locked_until) : "active";
      std::printf("%-24s %-18s %-12s %s\n", u.username.c_str(), u.role.c_str(), ScopeLabel(u.scope).c_str(), state.c_str());
    }
    return 0;
  }
  if (p.size() < 3) return Usage("user " + verb + " needs a user name");
  const std::string& name = p[2];
  if (verb == "add") {
    auto role_it = args.options.find("role");
    auto scope_it = args.options.find("scope");
    if (role_it == args.options.end() || scope_it == args.options.end()) {
      return Usage("user add needs --role ROLE and --scope national|PP|PP.RR|PP.RR.DD");
    }
    auto role = ParseRole(role_it->second);
    if (!role.ok()) return Fail(role.status());
    auto scope = ParseScope(scope_it->second);
    if (!scope.ok()) return Fail(scope.status());
    if (!scope->empty()) {
      // One lookup by key (loading all 108,972 regions to find one took seconds).
      auto found = (*store)->Sql("SELECT 1 FROM region WHERE code = ?", {*scope});
      if (!found.ok()) return Fail(found.status());
      if (found->rows.empty()) {
        return Fail(Status::Invalid("scope", scope_it->second, "is not a region in the region data"));
      }
    }
    Status valid = AuthService::ValidateUsername(name);
    if (!valid.ok()) return Fail(valid);
    auto password = ReadPassword("password for " + name + ": ");
    if (!password.ok()) return Fail(password.status());
    Status st = auth.AddUser(name, *password, *role, *scope);
    if (!st.ok()) return Fail(st);
    std::printf("user %s added (%s, %s)\n", name.c_str(), std::string(RoleName(*role)).c_str(), ScopeLabel(*scope).c_str());
    return 0;
  }
  if (verb == "disable" || verb == "enable") {
    Status st = auth.SetDisabled(name, verb == "disable");
    if (!st.ok()) return Fail(st);
    std::printf("user %s %sd\n", name.c_str(), verb.c_str());
    return 0;
  }
  if (verb == "reset-password") {
    auto password = ReadPassword("new password for " + name + ": ");
    if (!password.ok()) return Fail(password.status());
    Status st = auth.ResetPassword(name, *password);
    if (!st.ok()) return Fail(st);
    std::printf("password of %s reset; their sessions ended\n", name.c_str());
    return 0;
  }
  return Usage("unknown user command '" + verb + "'");
}

int CmdAuditVerify(const Args& args) {
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  auto result = VerifyAuditChain(**store);
  if (!result.ok()) return Fail(result.status());
  for (const auto& f : result->findings) std::printf("TAMPERED seq %lld: %s\n", static_cast<long long>(f.seq), f.problem.c_str());
  std::printf("%lld entries, head hash %s\n", static_cast<long long>(result->entries), result->head_hash.c_str());
  if (!result->findings.empty()) {
    std::printf("audit log: %zu problem(s) found\n", result->findings.size());
    return 1;
  }
  std::printf("audit log: intact\n");
  return 0;
}

Result<RegionIndex> LoadRegionIndex(Store& store) {
  SIAK_ASSIGN_OR_RETURN(std::vector<Region> regions, store.LoadRegions());
  if (regions.empty()) return Status::FailedPrecondition("no regions are loaded; run 'siak regions import' first");
  return RegionIndex(std::move(regions));
}


int CmdDemoGenerate(const Args& args) {
  if (!args.options.contains("region") || !args.options.contains("residents")) {
    return Usage("demo generate needs --region CODE[,CODE...] and --residents N");
  }
  demo::DemoConfig config;
  const std::string regions_text = args.options.at("region");
  size_t pos = 0;
  while (pos <= regions_text.size()) {
    size_t comma = regions_text.find(',', pos);
    if (comma == std::string::npos) comma = regions_text.size();
    if (comma > pos) config.regions.push_back(regions_text.substr(pos, comma - pos));
    pos = comma + 1;
  }
  auto residents = ParseCount(args.options.at("residents"), "residents");
  if (!residents.ok()) return Fail(residents.status());
  config.residents = *residents;
  auto seed = ParseCount(Option(args, "seed", nullptr, "1"), "seed");
  if (!seed.ok()) return Fail(seed.status());
  config.seed = static_cast<uint64_t>(*seed);
  config.reference = Today();
  if (args.options.contains("today")) {
    auto today = Date::Parse(args.options.at("today"), "today");
    if (!today.ok()) return Fail(today.status());
    config.reference = *today;
  }
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  auto index = LoadRegionIndex(**store);
  if (!index.ok()) return Fail(index.status());
  Progress progress("generating", config.residents);
  auto summary = demo::GenerateInto(**store, *index, config, [&](int64_t done) { progress.Update(done); });
  if (!summary.ok()) return Fail(summary.status());
  progress.Update(summary->living);
  progress.Finish();
  std::printf("demo population: %s living residents, %s deceased, %s families (KK), %s events in %.1f s (%s residents/s)\n",
              Progress::Count(summary->living).c_str(), Progress::Count(summary->deceased).c_str(),
              Progress::Count(summary->families).c_str(), Progress::Count(summary->events).c_str(),
              progress.seconds(),
              Progress::Count(static_cast<int64_t>(static_cast<double>(summary->living) / std::max(progress.seconds(), 1e-3))).c_str());
  return 0;
}

// --region CODE as a digit prefix ("" when absent: everywhere).
Result<std::string> RegionPrefixOption(const Args& args) {
  if (!args.options.contains("region")) return std::string();
  SIAK_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(args.options.at("region"), "region"));
  return code.digits();
}

int CmdPersonsCount(const Args& args) {
  auto prefix = RegionPrefixOption(args);
  if (!prefix.ok()) return Fail(prefix.status());
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  auto n = (*store)->CountPersons(*prefix);
  if (!n.ok()) return Fail(n.status());
  std::printf("%lld\n", static_cast<long long>(*n));
  return 0;
}

int CmdExport(const Args& args) {
  if (!args.options.contains("out")) return Usage("export needs --out DIR");
  const std::string format_text = Option(args, "format", nullptr, "csv");
  if (format_text != "csv" && format_text != "jsonl") return Fail(Status::Invalid("format", format_text, "must be csv or jsonl"));
  auto prefix = RegionPrefixOption(args);
  if (!prefix.ok()) return Fail(prefix.status());
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  Progress progress("exporting persons", 0);
  auto summary = ExportRegister(**store, args.options.at("out"),
                                format_text == "csv" ? ExchangeFormat::kCsv : ExchangeFormat::kJsonLines, *prefix,
                                [&](int64_t done) { progress.Update(done); });
  if (!summary.ok()) return Fail(summary.status());
  progress.Finish();
  std::printf("exported %s persons and %s families to %s\n", Progress::Count(summary->persons).c_str(),
              Progress::Count(summary->families).c_str(), args.options.at("out").c_str());
  return 0;
}

int CmdImport(const Args& args) {
  if (!args.options.contains("from")) return Usage("import needs --from DIR");
  auto store = OpenMigrated(args);
  if (!store.ok()) return Fail(store.status());
  auto index = LoadRegionIndex(**store);
  if (!index.ok()) return Fail(index.status());
  Progress progress("importing persons", 0);
  auto summary = ImportRegister(**store, args.options.at("from"), KnownDistricts::Of(index->regions()), Today(),
                                [&](int64_t done) { progress.Update(done); });
  if (!summary.ok()) return Fail(summary.status());
  progress.Finish();
  std::printf("imported %s persons and %s families (nothing else changed)\n", Progress::Count(summary->persons).c_str(),
              Progress::Count(summary->families).c_str());
  return 0;
}

int CmdServe(const Args& args) {
  std::map<std::string, std::string> flags = args.options;
  const std::string config_path = flags.contains("config") ? flags["config"] : "";
  auto config = api::LoadServerConfig(config_path, flags);
  if (!config.ok()) return Fail(config.status());
  return api::RunServer(*config);
}

}  // namespace

int RunCli(const std::vector<std::string>& raw) {
  std::string error;
  auto parsed = ParseArgs(raw, &error);
  if (!parsed) return Usage(error);
  const Args& args = *parsed;
  const auto& p = args.positional;
  if (p.empty() || p[0] == "help" || args.options.contains("help")) {
    std::cout << kUsage;
    return p.empty() ? 2 : 0;
  }
  if (p[0] == "version") {
    std::cout << "siak 0.1.0\n";
    return 0;
  }
  if (p[0] == "init") return CmdInit(args);
  if (p[0] == "migrate") return CmdMigrate(args);
  if (p[0] == "regions" && p.size() >= 2) {
    if (p[1] == "import") return CmdRegionsImport(args);
    if (p[1] == "stats") return CmdRegionsStats(args);
    if (p[1] == "find") return CmdRegionsFind(args);
  }
  if (p[0] == "nik" && p.size() >= 2 && p[1] == "check") return CmdNikCheck(args);
  if (p[0] == "user") return CmdUser(args);
  if (p[0] == "audit" && p.size() >= 2 && p[1] == "verify") return CmdAuditVerify(args);
  if (p[0] == "serve") return CmdServe(args);
  if (p[0] == "demo" && p.size() >= 2 && p[1] == "generate") return CmdDemoGenerate(args);
  if (p[0] == "export") return CmdExport(args);
  if (p[0] == "persons" && p.size() >= 2 && p[1] == "count") return CmdPersonsCount(args);
  if (p[0] == "import") return CmdImport(args);
  if (p[0] == "abis") return CmdAbis(args);
  if (p[0] == "card") return CmdCard(args);
  if (p[0] == "report") return CmdReport(args);
  if (p[0] == "ektp") return CmdEktp(args);
  if (p[0] == "akta") return CmdAkta(args);
  if (p[0] == "civil") return CmdCivil(args);
  if (p[0] == "counter") return CmdCounter(args);
  if (p[0] == "outreach") return CmdOutreach(args);
  return Usage("unknown command '" + p[0] + (p.size() > 1 ? " " + p[1] : "") + "'");
}

}  // namespace siak
