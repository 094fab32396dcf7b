#include "store/codec.h"

#include <algorithm>
#include <charconv>

#include "common/text.h"
#include "domain/name_key.h"

namespace siak {
namespace {

std::string Int(int v) { return std::to_string(v); }

Status Corrupt(const std::string& table, const std::string& column, const std::string& why) {
  return Status::Internal("stored " + table + "." + column + " is unreadable: " + why);
}

Result<int> ParseInt(const std::optional<std::string>& cell, const std::string& table, const std::string& column) {
  if (!cell) return Corrupt(table, column, "NULL");
  int v = 0;
  auto [ptr, ec] = std::from_chars(cell->data(), cell->data() + cell->size(), v);
  if (ec != std::errc() || ptr != cell->data() + cell->size()) return Corrupt(table, column, "not a number");
  return v;
}

template <typename E>
Result<E> ParseCode(const std::optional<std::string>& cell, const std::string& column) {
  auto n = ParseInt(cell, "person", column);
  if (!n.ok()) return n.status();
  auto code = CodeFromNumber<E>(*n, column);
  if (!code.ok()) return Corrupt("person", column, code.status().rule());
  return code;
}

std::string Str(const std::optional<std::string>& cell) { return cell.value_or(""); }

}  // namespace

const std::vector<std::string> kPersonColumns = {
    "nik", "province_code", "region_code", "kk_number", "nama", "nama_fold", "tempat_lahir",
    "tanggal_lahir", "tanggal_lahir_presisi", "jenis_kelamin", "golongan_darah", "agama",
    "status_perkawinan", "perkawinan_tercatat", "pendidikan", "pekerjaan", "kewarganegaraan",
    "kitap", "penyandang_cacat", "status_dasar", "nama_ayah", "nama_ibu", "alamat", "rt", "rw",
    "ektp_status"};

Row PersonToRow(const Person& p) {
  Row row;
  row.reserve(kPersonColumns.size());
  row.emplace_back(p.nik.digits());
  row.emplace_back(std::string(p.wilayah.province_digits()));
  row.emplace_back(p.wilayah.digits());
  row.push_back(p.kk_number ? std::optional<std::string>(p.kk_number->digits()) : std::nullopt);
  row.emplace_back(p.nama);
  row.emplace_back(FoldForSearch(p.nama));
  row.emplace_back(p.tempat_lahir);
  row.emplace_back(p.tanggal_lahir.ToString());
  row.emplace_back(Int(static_cast<int>(p.tanggal_lahir_presisi)));
  row.emplace_back(Int(CodeOf(p.jenis_kelamin)));
  row.emplace_back(Int(CodeOf(p.golongan_darah)));
  row.emplace_back(Int(CodeOf(p.agama)));
  row.emplace_back(Int(CodeOf(p.status_perkawinan)));
  row.emplace_back(Int(static_cast<int>(p.perkawinan_tercatat)));
  row.emplace_back(Int(CodeOf(p.pendidikan)));
  row.emplace_back(Int(CodeOf(p.pekerjaan)));
  row.emplace_back(Int(CodeOf(p.kewarganegaraan)));
  row.emplace_back(p.kitap ? "1" : "0");
  row.push_back(p.penyandang_cacat ? std::optional<std::string>(Int(CodeOf(*p.penyandang_cacat))) : std::nullopt);
  row.emplace_back(Int(CodeOf(p.status_dasar)));
  row.emplace_back(p.nama_ayah);
  row.emplace_back(p.nama_ibu);
  row.emplace_back(p.alamat);
  row.emplace_back(Int(p.rt));
  row.emplace_back(Int(p.rw));
  row.emplace_back(Int(static_cast<int>(p.ektp_status)));
  return row;
}

Result<Person> PersonFromRow(std::span<const std::optional<std::string>> r) {
  if (r.size() < kPersonColumns.size()) return Status::Internal("person row has too few columns");
  auto nik = Nik::ParseStructure(Str(r[0]));
  if (!nik.ok()) return Corrupt("person", "nik", nik.status().rule());
  auto wilayah = RegionCode::Parse(Str(r[2]));
  if (!wilayah.ok()) return Corrupt("person", "region_code", wilayah.status().rule());
  std::optional<KkNumber> kk;
  if (r[3]) {
    auto parsed = KkNumber::ParseStructure(*r[3]);
    if (!parsed.ok()) return Corrupt("person", "kk_number", parsed.status().rule());
    kk = *parsed;
  }
  auto lahir = Date::Parse(Str(r[7]));
  if (!lahir.ok()) return Corrupt("person", "tanggal_lahir", lahir.status().rule());
  SIAK_ASSIGN_OR_RETURN(int presisi, ParseInt(r[8], "person", "tanggal_lahir_presisi"));
  SIAK_ASSIGN_OR_RETURN(JenisKelamin jk, ParseCode<JenisKelamin>(r[9], "jenis_kelamin"));
  SIAK_ASSIGN_OR_RETURN(GolonganDarah gd, ParseCode<GolonganDarah>(r[10], "golongan_darah"));
  SIAK_ASSIGN_OR_RETURN(Agama agama, ParseCode<Agama>(r[11], "agama"));
  SIAK_ASSIGN_OR_RETURN(StatusPerkawinan kawin, ParseCode<StatusPerkawinan>(r[12], "status_perkawinan"));
  SIAK_ASSIGN_OR_RETURN(int tercatat, ParseInt(r[13], "person", "perkawinan_tercatat"));
  SIAK_ASSIGN_OR_RETURN(Pendidikan pendidikan, ParseCode<Pendidikan>(r[14], "pendidikan"));
  SIAK_ASSIGN_OR_RETURN(Pekerjaan pekerjaan, ParseCode<Pekerjaan>(r[15], "pekerjaan"));
  SIAK_ASSIGN_OR_RETURN(Kewarganegaraan wn, ParseCode<Kewarganegaraan>(r[16], "kewarganegaraan"));
  SIAK_ASSIGN_OR_RETURN(int kitap, ParseInt(r[17], "person", "kitap"));
  std::optional<PenyandangCacat> cacat;
  if (r[18]) {
    SIAK_ASSIGN_OR_RETURN(PenyandangCacat c, ParseCode<PenyandangCacat>(r[18], "penyandang_cacat"));
    cacat = c;
  }
  SIAK_ASSIGN_OR_RETURN(StatusDasar dasar, ParseCode<StatusDasar>(r[19], "status_dasar"));
  SIAK_ASSIGN_OR_RETURN(int rt, ParseInt(r[23], "person", "rt"));
  SIAK_ASSIGN_OR_RETURN(int rw, ParseInt(r[24], "person", "rw"));
  SIAK_ASSIGN_OR_RETURN(int ektp, ParseInt(r[25], "person", "ektp_status"));
  if (presisi < 0 || presisi > 3) return Corrupt("person", "tanggal_lahir_presisi", "out of range");
  if (tercatat < 0 || tercatat > 2) return Corrupt("person", "perkawinan_tercatat", "out of range");
  if (ektp < 0 || ektp >= kEktpStatusCount) return Corrupt("person", "ektp_status", "out of range");
  return Person{
      .nik = *nik,
      .kk_number = kk,
      .nama = Str(r[4]),
      .tempat_lahir = Str(r[6]),
      .tanggal_lahir = *lahir,
      .tanggal_lahir_presisi = static_cast<BirthDatePrecision>(presisi),
      .jenis_kelamin = jk,
      .golongan_darah = gd,
      .agama = agama,
      .status_perkawinan = kawin,
      .perkawinan_tercatat = static_cast<PencatatanPerkawinan>(tercatat),
      .pendidikan = pendidikan,
      .pekerjaan = pekerjaan,
      .kewarganegaraan = wn,
      .kitap = kitap != 0,
      .penyandang_cacat = cacat,
      .status_dasar = dasar,
      .nama_ayah = Str(r[20]),
      .nama_ibu = Str(r[21]),
      .wilayah = *wilayah,
      .alamat = Str(r[22]),
      .rt = rt,
      .rw = rw,
      .ektp_status = static_cast<EktpStatus>(ektp),
  };
}

std::vector<std::string> PersonNameTokens(const Person& person) {
  std::vector<std::string> tokens = NameSearchTokens(person.nama);
  if (tokens.size() > 1) tokens.push_back(NameCompactKey(person.nama));
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return tokens;
}

std::vector<std::pair<std::string, std::string>> NameVariantRows(const std::vector<std::string>& tokens) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& token : tokens) {
    for (auto& variant : NameTokenVariants(token)) rows.emplace_back(std::move(variant), token);
  }
  return rows;
}

const std::vector<std::string> kRegionColumns = {"code", "parent_code", "level", "name", "name_fold",
                                                 "is_populated", "is_outermost_small", "coordinate"};

Row RegionToRow(const Region& region) {
  const bool has_parent = region.code.HasParent();
  return Row{region.code.digits(),
             has_parent ? std::optional<std::string>(region.code.Parent().digits()) : std::nullopt,
             Int(static_cast<int>(region.code.level())),
             region.name,
             FoldForSearch(region.name),
             region.is_populated ? "1" : "0",
             region.is_outermost_small ? "1" : "0",
             region.coordinate};
}

Result<Region> RegionFromRow(std::span<const std::optional<std::string>> r) {
  if (r.size() < kRegionColumns.size()) return Status::Internal("region row has too few columns");
  auto code = RegionCode::Parse(Str(r[0]));
  if (!code.ok()) return Corrupt("region", "code", code.status().rule());
  return Region{.code = *code,
                .name = Str(r[3]),
                .is_populated = Str(r[5]) == "1",
                .is_outermost_small = Str(r[6]) == "1",
                .coordinate = Str(r[7])};
}

const std::vector<std::string> kFamilyColumns = {"kk_number", "province_code", "region_code", "alamat",
                                                 "rt",        "rw",            "tanggal_terbit"};

Row FamilyToRow(const Family& f) {
  return Row{f.kk_number.digits(), std::string(f.wilayah.province_digits()), f.wilayah.digits(), f.alamat,
             Int(f.rt), Int(f.rw), f.tanggal_terbit.ToString()};
}

const std::vector<std::string> kFamilyMemberColumns = {"nik", "kk_number", "province_code", "shdk", "position"};

Row FamilyMemberRow(const Family& f, size_t position) {
  const FamilyMember& m = f.members[position];
  return Row{m.nik.ToString(), f.kk_number.ToString(), std::string(f.wilayah.province_digits()), Int(CodeOf(m.shdk)),
             std::to_string(position)};
}

Result<Family> FamilyFromRows(const Row& r, std::span<const MemberRow> members) {
  if (r.size() < kFamilyColumns.size()) return Status::Internal("family row has too few columns");
  auto kk = KkNumber::ParseStructure(Str(r[0]));
  if (!kk.ok()) return Corrupt("family", "kk_number", kk.status().rule());
  auto wilayah = RegionCode::Parse(Str(r[2]));
  if (!wilayah.ok()) return Corrupt("family", "region_code", wilayah.status().rule());
  SIAK_ASSIGN_OR_RETURN(int rt, ParseInt(r[4], "family", "rt"));
  SIAK_ASSIGN_OR_RETURN(int rw, ParseInt(r[5], "family", "rw"));
  auto terbit = Date::Parse(Str(r[6]));
  if (!terbit.ok()) return Corrupt("family", "tanggal_terbit", terbit.status().rule());
  Family family{.kk_number = *kk, .wilayah = *wilayah, .alamat = Str(r[3]), .rt = rt, .rw = rw,
                .tanggal_terbit = *terbit, .members = {}};
  for (const auto& [nik_text, shdk_text] : members) {
    auto nik = Nik::ParseStructure(Str(nik_text));
    if (!nik.ok()) return Corrupt("family_member", "nik", nik.status().rule());
    SIAK_ASSIGN_OR_RETURN(int shdk_number, ParseInt(shdk_text, "family_member", "shdk"));
    auto shdk = CodeFromNumber<Shdk>(shdk_number);
    if (!shdk.ok()) return Corrupt("family_member", "shdk", shdk.status().rule());
    family.members.push_back({*nik, *shdk});
  }
  return family;
}

}  // namespace siak
