#include "cli/ektp_commands.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/clock.h"
#include "app/ektp_service.h"
#include "store/ektp_store.h"
#include "card/chip_payload.h"
#include "card/signing_key.h"
#include "common/crypto.h"

namespace siak::cli {
namespace {

Principal Host() { return Principal{"siak-cli", Role::kAdmin, ""}; }

std::string KeyFile(const Args& args) {
  return Option(args, "key-file", "SIAK_CARD_KEY_FILE", "var/card-signing.key");
}

Result<std::string> ReadFile(const std::string& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Invalid(field, path, "cannot be opened");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int CardVerify(const Args& args) {
  if (args.positional.size() != 3) return Usage("card verify <file> (--public-key HEX | --key-file F)");
  auto key = VerifyingKey(args);
  if (!key.ok()) return Fail(key.status());
  auto bytes = ReadFile(args.positional[2], "file");
  if (!bytes.ok()) return Fail(bytes.status());
  auto payload = card::DecodeChipPayload(*bytes, *key);
  if (!payload.ok()) return Fail(payload.status());
  std::cout << "valid: signed by key " << payload->key_id << "\n";
  for (const auto& [item, value] : payload->items) {
    std::printf("  %-20s %s\n", std::string(card::ChipItemName(item)).c_str(), value.c_str());
  }
  for (const auto& f : payload->fingers) {
    std::printf("  finger %-13d %zu bytes (ISO/IEC 19794-2)\n", f.position, f.template_bytes.size());
  }
  return 0;
}

// Loads the regions and builds a service for reports (no keys are used by them).
struct ReportContext {
  std::unique_ptr<Store> store;
  std::unique_ptr<RegionIndex> regions;
  SystemClock clock;
  card::SigningKey unused_key = card::SigningKey::Generate();
  std::unique_ptr<EktpService> ektp;
};

Result<std::unique_ptr<ReportContext>> OpenReport(const Args& args) {
  auto ctx = std::make_unique<ReportContext>();
  SIAK_ASSIGN_OR_RETURN(ctx->store, OpenMigrated(args));
  SIAK_ASSIGN_OR_RETURN(std::vector<Region> regions, ctx->store->LoadRegions());
  if (regions.empty()) return Status::FailedPrecondition("no regions in the store: run siak regions import");
  ctx->regions = std::make_unique<RegionIndex>(std::move(regions));
  ctx->ektp = std::make_unique<EktpService>(NewSecretKey(), ctx->unused_key, ctx->clock, *ctx->regions, nullptr);
  return ctx;
}

std::string Thousands(int64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > (v < 0 ? 1 : 0); i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

}  // namespace

Result<card::PublicKey> VerifyingKey(const Args& args) {
  if (args.options.count("public-key")) return card::ParsePublicKeyHex(args.options.at("public-key"), "public_key");
  SIAK_ASSIGN_OR_RETURN(card::SigningKey signing, card::SigningKey::ReadFile(KeyFile(args)));
  return signing.public_key();
}

int CmdCard(const Args& args) {
  const auto& p = args.positional;
  if (p.size() >= 2 && p[1] == "verify") return CardVerify(args);
  if (p.size() == 2 && p[1] == "public-key") {
    bool created = false;
    auto key = card::SigningKey::OpenOrCreate(KeyFile(args), &created);
    if (!key.ok()) return Fail(key.status());
    if (created) std::cerr << "siak: made a new card signing key at " << KeyFile(args) << "\n";
    std::cout << key->public_key().Hex() << "  (key id " << key->public_key().KeyId() << ")\n";
    return 0;
  }
  return Usage("card verify <file> (--public-key HEX | --key-file F) | card public-key [--key-file F]");
}

int CmdReport(const Args& args) {
  const auto& p = args.positional;
  if (p.size() != 2 || p[1] != "coverage") return Usage("report coverage [--region P]");
  auto ctx = OpenReport(args);
  if (!ctx.ok()) return Fail(ctx.status());
  const std::string region = args.options.count("region") ? args.options.at("region") : "";
  auto c = (*ctx)->ektp->GetCoverage(*(*ctx)->store, Host(), region);
  if (!c.ok()) return Fail(c.status());
  std::printf("%-12s %-28s %12s %12s %12s %7s %10s %10s %7s %8s\n", "region", "name", "residents", "wajib KTP",
              "recorded", "rate", "print-rdy", "issued", "suket", "blanks");
  auto row = [](const CoverageRow& r) {
    std::printf("%-12s %-28.28s %12s %12s %12s %6.2f%% %10s %10s %7s %8s\n",
                r.region_code.empty() ? "-" : r.region_code.c_str(), r.name.c_str(), Thousands(r.residents).c_str(),
                Thousands(r.wajib_ktp).c_str(), Thousands(r.recorded).c_str(), 100.0 * r.recording_rate,
                Thousands(r.print_ready).c_str(), Thousands(r.cards_issued).c_str(),
                Thousands(r.suket_outstanding).c_str(), Thousands(r.blanks_on_hand).c_str());
  };
  for (const auto& r : c->children) row(r);
  row(c->total);
  return 0;
}

int CmdEktp(const Args& args) {
  const auto& p = args.positional;
  if (p.size() == 2 && p[1] == "sweep") {
    auto ctx = OpenReport(args);
    if (!ctx.ok()) return Fail(ctx.status());
    auto n = (*ctx)->ektp->SweepWajib(*(*ctx)->store, "siak-cli");
    if (!n.ok()) return Fail(n.status());
    std::cout << Thousands(*n) << " residents became wajib KTP\n";
    auto folded = EktpStore(*(*ctx)->store).CompactCoverage();
    if (!folded.ok()) return Fail(folded.status());
    std::cout << Thousands(*folded) << " coverage deltas folded into the counters\n";
    return 0;
  }
  if (p.size() == 2 && p[1] == "seed-demo") {
    // Demo sites for one regency: its Dinas, the office of its first district, a mobile team and
    // an event counter, a recording kit at each, and blanks from the centre down to the Dinas.
    if (!args.options.count("region")) return Usage("ektp seed-demo --region R (a regency, e.g. 32.04)");
    auto ctx = OpenReport(args);
    if (!ctx.ok()) return Fail(ctx.status());
    Store& store = *(*ctx)->store;
    EktpService& ektp = *(*ctx)->ektp;
    auto code = RegionCode::Parse(args.options.at("region"), "region");
    if (!code.ok()) return Fail(code.status());
    const std::string r = code->digits();
    if (r.size() != 4) return Fail(Status::Invalid("region", args.options.at("region"), "must be a regency"));
    auto existing = ektp.ListSites(store, Host());
    if (!existing.ok()) return Fail(existing.status());
    for (const auto& s : *existing) {
      if (s.code == r + "-DINAS") {
        std::cout << "demo sites of " << code->ToString() << " exist already\n";
        return 0;
      }
    }
    std::string district;
    for (const auto& reg : (*ctx)->regions->regions()) {
      const std::string& d = reg.code.digits();
      if (d.size() == 6 && d.compare(0, 4, r) == 0 && (district.empty() || d < district)) district = d;
    }
    if (district.empty()) return Fail(Status::Invalid("region", r, "has no districts"));
    const Date today = (*ctx)->clock.Today();
    std::vector<SiteInput> sites = {
        {r + "-DINAS", "dinas", "Dinas Kependudukan dan Pencatatan Sipil", r, 0, "", ""},
        {district + "-KEC", "kecamatan", "Kantor Kecamatan", district, 0, "", ""},
        {r + "-MOBIL-1", "mobile", "Tim jemput bola 1", district, 0, "", ""},
        {r + "-LOKET-1", "counter", "Loket pelayanan hari bebas kendaraan", r, 0, today.ToString(),
         today.AddDays(30).ToString()}};
    int64_t dinas = 0;
    Status st = store.Transaction([&]() -> Status {
      for (const auto& in : sites) {
        SIAK_ASSIGN_OR_RETURN(SiteRecord s, ektp.CreateSite(store, Host(), in));
        if (s.kind == "dinas") dinas = s.id;
        DeviceRecord kit;
        kit.serial = "KIT-" + s.code;
        kit.kind = "kit";
        kit.model = "Perekam KTP-el (demo)";
        SIAK_RETURN_IF_ERROR(ektp.RegisterDevice(store, Host(), s.id, kit).status());
        std::cout << "site " << s.id << "  " << s.code << "  (" << s.kind << "), device " << kit.serial << "\n";
      }
      SIAK_RETURN_IF_ERROR(ektp.SetQuota(store, Host(), "kab:" + r, 500, 50));
      SIAK_RETURN_IF_ERROR(ektp.SetQuota(store, Host(), "site:" + std::to_string(dinas), 0, 20));
      SIAK_RETURN_IF_ERROR(
          ektp.MoveStock(store, Host(), StockMoveInput{"procured", "", "pusat", 10000, "demo"}).status());
      SIAK_RETURN_IF_ERROR(
          ektp.MoveStock(store, Host(), StockMoveInput{"delivered", "pusat", "kab:" + r, 500, "demo"}).status());
      return ektp
          .MoveStock(store, Host(),
                     StockMoveInput{"allocated", "kab:" + r, "site:" + std::to_string(dinas), 300, "demo"})
          .status();
    });
    if (!st.ok()) return Fail(st);
    std::cout << "blanks: 10,000 at pusat, 500 delivered to kab:" << r << ", 300 allocated to site:" << dinas << "\n";
    return 0;
  }
  return Usage("ektp sweep | ektp seed-demo --region R");
}

}  // namespace siak::cli
