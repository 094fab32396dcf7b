#include "app/exchange.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/csv.h"

namespace siak {
namespace {

using Json = nlohmann::ordered_json;

// Columns whose JSON value is a number, a boolean, or null when empty.
bool IsNumberColumn(const std::string& c) {
  return c == "jenis_kelamin" || c == "golongan_darah" || c == "agama" || c == "status_perkawinan" ||
         c == "perkawinan_tercatat" || c == "pendidikan" || c == "pekerjaan" || c == "kewarganegaraan" ||
         c == "penyandang_cacat" || c == "status_dasar" || c == "rt" || c == "rw";
}
bool IsNullableColumn(const std::string& c) { return c == "kk_number" || c == "penyandang_cacat"; }

std::vector<std::string> PersonFields(const Person& p) {
  return {p.nik.ToString(),
          p.kk_number ? p.kk_number->ToString() : "",
          p.nama,
          p.tempat_lahir,
          p.tanggal_lahir.ToString(),
          std::string(BirthDatePrecisionName(p.tanggal_lahir_presisi)),
          std::to_string(CodeOf(p.jenis_kelamin)),
          std::to_string(CodeOf(p.golongan_darah)),
          std::to_string(CodeOf(p.agama)),
          std::to_string(CodeOf(p.status_perkawinan)),
          std::to_string(static_cast<int>(p.perkawinan_tercatat)),
          std::to_string(CodeOf(p.pendidikan)),
          std::to_string(CodeOf(p.pekerjaan)),
          std::to_string(CodeOf(p.kewarganegaraan)),
          p.kitap ? "1" : "0",
          p.penyandang_cacat ? std::to_string(CodeOf(*p.penyandang_cacat)) : "",
          std::to_string(CodeOf(p.status_dasar)),
          p.nama_ayah,
          p.nama_ibu,
          p.wilayah.ToString(),
          p.alamat,
          std::to_string(p.rt),
          std::to_string(p.rw),
          std::string(EktpStatusName(p.ektp_status))};
}

Result<int> IntField(const std::string& text, const std::string& field, int lo, int hi) {
  int value = 0;
  if (text.empty() || text.size() > 4) return Status::Invalid(field, text, "must be a number");
  for (char c : text) {
    if (c < '0' || c > '9') return Status::Invalid(field, text, "must be a number");
    value = value * 10 + (c - '0');
  }
  if (value < lo || value > hi) {
    return Status::Invalid(field, text, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  return value;
}

template <typename E>
Result<E> CodeField(const std::string& text, const std::string& field) {
  SIAK_ASSIGN_OR_RETURN(int n, IntField(text, field, 0, 255));
  return CodeFromNumber<E>(n, field);
}

Result<Person> PersonFromFields(const std::vector<std::string>& f, const KnownDistricts& districts,
                                const Date& today) {
  const auto& cols = PersonExchangeColumns();
  if (f.size() != cols.size()) {
    return Status::Invalid("columns", std::to_string(f.size()),
                           "a person row has " + std::to_string(cols.size()) + " columns");
  }
  SIAK_ASSIGN_OR_RETURN(Nik nik, Nik::Parse(f[0], districts, "nik"));
  std::optional<KkNumber> kk;
  if (!f[1].empty()) {
    SIAK_ASSIGN_OR_RETURN(KkNumber parsed, KkNumber::Parse(f[1], districts, "kk_number"));
    kk = parsed;
  }
  SIAK_ASSIGN_OR_RETURN(Date lahir, Date::Parse(f[4], "tanggal_lahir"));
  SIAK_ASSIGN_OR_RETURN(BirthDatePrecision presisi, ParseBirthDatePrecision(f[5]));
  Person p{.nik = nik, .kk_number = kk, .nama = f[2], .tempat_lahir = f[3], .tanggal_lahir = lahir,
           .tanggal_lahir_presisi = presisi, .penyandang_cacat = std::nullopt, .nama_ayah = f[17], .nama_ibu = f[18],
           .wilayah = *RegionCode::Parse("11"), .alamat = f[20]};
  SIAK_ASSIGN_OR_RETURN(p.jenis_kelamin, CodeField<JenisKelamin>(f[6], "jenis_kelamin"));
  SIAK_ASSIGN_OR_RETURN(p.golongan_darah, CodeField<GolonganDarah>(f[7], "golongan_darah"));
  SIAK_ASSIGN_OR_RETURN(p.agama, CodeField<Agama>(f[8], "agama"));
  SIAK_ASSIGN_OR_RETURN(p.status_perkawinan, CodeField<StatusPerkawinan>(f[9], "status_perkawinan"));
  SIAK_ASSIGN_OR_RETURN(int tercatat, IntField(f[10], "perkawinan_tercatat", 0, 2));
  p.perkawinan_tercatat = static_cast<PencatatanPerkawinan>(tercatat);
  SIAK_ASSIGN_OR_RETURN(p.pendidikan, CodeField<Pendidikan>(f[11], "pendidikan"));
  SIAK_ASSIGN_OR_RETURN(p.pekerjaan, CodeField<Pekerjaan>(f[12], "pekerjaan"));
  SIAK_ASSIGN_OR_RETURN(p.kewarganegaraan, CodeField<Kewarganegaraan>(f[13], "kewarganegaraan"));
  if (f[14] != "0" && f[14] != "1") return Status::Invalid("kitap", f[14], "must be 0 or 1");
  p.kitap = f[14] == "1";
  if (!f[15].empty()) {
    SIAK_ASSIGN_OR_RETURN(PenyandangCacat c, CodeField<PenyandangCacat>(f[15], "penyandang_cacat"));
    p.penyandang_cacat = c;
  }
  SIAK_ASSIGN_OR_RETURN(p.status_dasar, CodeField<StatusDasar>(f[16], "status_dasar"));
  SIAK_ASSIGN_OR_RETURN(p.wilayah, RegionCode::Parse(f[19], "wilayah"));
  if (p.wilayah.level() != RegionLevel::kVillage) return Status::Invalid("wilayah", f[19], "must be a village code");
  SIAK_ASSIGN_OR_RETURN(p.rt, IntField(f[21], "rt", 1, 999));
  SIAK_ASSIGN_OR_RETURN(p.rw, IntField(f[22], "rw", 1, 999));
  SIAK_ASSIGN_OR_RETURN(p.ektp_status, EktpStatusFromName(f[23]));
  SIAK_RETURN_IF_ERROR(ValidatePerson(p, today));
  return p;
}

// The members column, "NIK:SHDK;NIK:SHDK", as (NIK, SHDK) texts.
Result<std::vector<std::pair<std::string, std::string>>> SplitMembers(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(';', pos);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(pos, end - pos);
    const size_t colon = item.find(':');
    if (colon == std::string::npos) return Status::Invalid("members", item, "each member is NIK:SHDK");
    out.emplace_back(item.substr(0, colon), item.substr(colon + 1));
    pos = end + 1;
  }
  return out;
}

std::vector<std::string> FamilyFields(const Family& f) {
  std::string members;
  for (const auto& m : f.members) {
    if (!members.empty()) members += ';';
    members += m.nik.ToString() + ":" + std::to_string(CodeOf(m.shdk));
  }
  return {f.kk_number.ToString(), f.wilayah.ToString(), f.alamat, std::to_string(f.rt), std::to_string(f.rw),
          f.tanggal_terbit.ToString(), members};
}

Result<Family> FamilyFromFields(const std::vector<std::string>& f, const KnownDistricts& districts) {
  if (f.size() != FamilyExchangeColumns().size()) {
    return Status::Invalid("columns", std::to_string(f.size()), "a family row has 7 columns");
  }
  SIAK_ASSIGN_OR_RETURN(KkNumber kk, KkNumber::Parse(f[0], districts, "kk_number"));
  SIAK_ASSIGN_OR_RETURN(RegionCode wilayah, RegionCode::Parse(f[1], "wilayah"));
  if (wilayah.level() != RegionLevel::kVillage) return Status::Invalid("wilayah", f[1], "must be a village code");
  SIAK_RETURN_IF_ERROR(ValidateAlamat(f[2]));
  SIAK_ASSIGN_OR_RETURN(int rt, IntField(f[3], "rt", 1, 999));
  SIAK_ASSIGN_OR_RETURN(int rw, IntField(f[4], "rw", 1, 999));
  SIAK_ASSIGN_OR_RETURN(Date terbit, Date::Parse(f[5], "tanggal_terbit"));
  Family family{.kk_number = kk, .wilayah = wilayah, .alamat = f[2], .rt = rt, .rw = rw, .tanggal_terbit = terbit,
                .members = {}};
  SIAK_ASSIGN_OR_RETURN(auto members, SplitMembers(f[6]));
  for (const auto& [nik_text, shdk_text] : members) {
    SIAK_ASSIGN_OR_RETURN(Nik nik, Nik::Parse(nik_text, districts, "members.nik"));
    SIAK_ASSIGN_OR_RETURN(Shdk shdk, CodeField<Shdk>(shdk_text, "members.shdk"));
    family.members.push_back({nik, shdk});
  }
  SIAK_RETURN_IF_ERROR(ValidateFamily(family));
  return family;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    const std::string& v = fields[i];
    if (v.find_first_of(",\"\r\n") == std::string::npos) {
      out += v;
    } else {
      out += '"';
      for (char c : v) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
  }
  out += '\n';
  return out;
}

std::string JsonLine(const std::vector<std::string>& cols, const std::vector<std::string>& fields) {
  Json j = Json::object();
  for (size_t i = 0; i < cols.size(); ++i) {
    const std::string& c = cols[i];
    const std::string& v = fields[i];
    if (IsNullableColumn(c) && v.empty()) {
      j[c] = nullptr;
    } else if (c == "kitap") {
      j[c] = v == "1";
    } else if (IsNumberColumn(c)) {
      j[c] = std::stoi(v);
    } else if (c == "members") {
      Json members = Json::array();
      const auto split = SplitMembers(v);  // written by FamilyFields: well formed
      for (const auto& [nik, shdk] : *split) members.push_back(Json{{"nik", nik}, {"shdk", std::stoi(shdk)}});
      j[c] = members;
    } else {
      j[c] = v;
    }
  }
  return j.dump() + "\n";
}

// A JSON line back to the CSV field texts (so both formats share one validation path).
Result<std::vector<std::string>> FieldsFromJson(const std::string& line, const std::vector<std::string>& cols) {
  Json j;
  try {
    j = Json::parse(line);
  } catch (const std::exception&) {
    return Status::Invalid("json", "", "the line is not valid JSON");
  }
  if (!j.is_object()) return Status::Invalid("json", "", "each line is one JSON object");
  for (const auto& [key, value] : j.items()) {
    if (std::find(cols.begin(), cols.end(), key) == cols.end()) {
      return Status::Invalid(key, "", "is not a column of this file");
    }
  }
  std::vector<std::string> out;
  for (const std::string& c : cols) {
    if (!j.contains(c)) return Status::Invalid(c, "", "is missing");
    const Json& v = j[c];
    if (v.is_null()) {
      if (!IsNullableColumn(c)) return Status::Invalid(c, "null", "must not be null");
      out.emplace_back();
    } else if (c == "kitap") {
      if (!v.is_boolean()) return Status::Invalid(c, v.dump(), "must be true or false");
      out.emplace_back(v.get<bool>() ? "1" : "0");
    } else if (IsNumberColumn(c)) {
      if (!v.is_number_integer()) return Status::Invalid(c, v.dump(), "must be a whole number");
      out.push_back(std::to_string(v.get<int64_t>()));
    } else if (c == "members") {
      if (!v.is_array()) return Status::Invalid(c, v.dump(), "must be an array of {nik, shdk}");
      std::string joined;
      for (const Json& m : v) {
        if (!m.is_object() || !m.contains("nik") || !m["nik"].is_string() || !m.contains("shdk") ||
            !m["shdk"].is_number_integer()) {
          return Status::Invalid("members", m.dump(), "each member is {\"nik\": \"...\", \"shdk\": N}");
        }
        if (!joined.empty()) joined += ';';
        joined += m["nik"].get<std::string>() + ":" + std::to_string(m["shdk"].get<int64_t>());
      }
      out.push_back(joined);
    } else {
      if (!v.is_string()) return Status::Invalid(c, v.dump(), "must be a string");
      out.push_back(v.get<std::string>());
    }
  }
  return out;
}

// Reads every record of a file as field texts, with the line each starts on.
struct FileRecords {
  std::string name;
  std::vector<CsvRecord> records;
};

Result<FileRecords> ReadRecords(const std::string& dir, const std::string& base, ExchangeFormat format,
                                const std::vector<std::string>& cols) {
  FileRecords out;
  out.name = base + (format == ExchangeFormat::kCsv ? ".csv" : ".jsonl");
  SIAK_ASSIGN_OR_RETURN(std::string data, ReadFile(dir + "/" + out.name));
  if (format == ExchangeFormat::kCsv) {
    CsvReader reader(data);
    CsvRecord rec;
    Status error;
    bool header = true;
    while (reader.Next(&rec, &error)) {
      if (!error.ok()) return error.WithLocation(out.name);
      if (header) {
        if (rec.fields != cols) {
          return Status::Invalid("header", "", "the first line must name the columns: see docs/exchange.md")
              .WithLocation(out.name + " line " + std::to_string(rec.line));
        }
        header = false;
        continue;
      }
      out.records.push_back(rec);
    }
    if (header) return Status::Invalid("header", "", "the file is empty; it needs at least the header line").WithLocation(out.name);
    return out;
  }
  size_t pos = 0;
  int line = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    ++line;
    const std::string text = data.substr(pos, end - pos);
    pos = end + 1;
    if (text.empty()) continue;
    auto fields = FieldsFromJson(text, cols);
    if (!fields.ok()) return fields.status().WithLocation(out.name + " line " + std::to_string(line));
    out.records.push_back(CsvRecord{line, std::move(fields).value()});
  }
  return out;
}

}  // namespace

const std::vector<std::string>& PersonExchangeColumns() {
  static const std::vector<std::string> cols = {
      "nik", "kk_number", "nama", "tempat_lahir", "tanggal_lahir", "tanggal_lahir_presisi", "jenis_kelamin",
      "golongan_darah", "agama", "status_perkawinan", "perkawinan_tercatat", "pendidikan", "pekerjaan",
      "kewarganegaraan", "kitap", "penyandang_cacat", "status_dasar", "nama_ayah", "nama_ibu", "wilayah", "alamat",
      "rt", "rw", "ektp_status"};
  return cols;
}

const std::vector<std::string>& FamilyExchangeColumns() {
  static const std::vector<std::string> cols = {"kk_number", "wilayah", "alamat", "rt", "rw", "tanggal_terbit",
                                                "members"};
  return cols;
}

Result<ExchangeSummary> ExportRegister(Store& store, const std::string& dir, ExchangeFormat format,
                                       const std::string& region_prefix,
                                       const std::function<void(int64_t)>& progress) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Invalid("out", dir, "cannot create the directory: " + ec.message());
  const std::string ext = format == ExchangeFormat::kCsv ? ".csv" : ".jsonl";
  // Write to temporary names and rename at the end: a failed export leaves no half file.
  const std::string persons_path = dir + "/persons" + ext, families_path = dir + "/families" + ext;
  std::ofstream persons(persons_path + ".part", std::ios::binary), families(families_path + ".part", std::ios::binary);
  if (!persons || !families) return Status::Invalid("out", dir, "cannot write files there");
  ExchangeSummary summary;
  if (format == ExchangeFormat::kCsv) {
    persons << CsvLine(PersonExchangeColumns());
    families << CsvLine(FamilyExchangeColumns());
  }
  // One read transaction: a consistent snapshot of persons and families.
  const bool own_tx = !store.InExplicitTransaction();
  if (own_tx) SIAK_RETURN_IF_ERROR(store.Begin());
  Status st = [&]() -> Status {
    PersonFilter filter;
    filter.region_prefix = region_prefix;
    filter.limit = 5000;
    for (;;) {
      SIAK_ASSIGN_OR_RETURN(std::vector<StoredPerson> page, store.FindPersons(filter));
      for (const StoredPerson& sp : page) {
        const auto fields = PersonFields(sp.person);
        persons << (format == ExchangeFormat::kCsv ? CsvLine(fields) : JsonLine(PersonExchangeColumns(), fields));
      }
      summary.persons += static_cast<int64_t>(page.size());
      if (progress) progress(summary.persons);
      if (static_cast<int>(page.size()) < filter.limit) break;
      filter.after_nik = page.back().person.nik.ToString();
    }
    std::string after;
    for (;;) {
      SIAK_ASSIGN_OR_RETURN(std::vector<Family> page, store.ListFamilies(region_prefix, after, 5000));
      for (const Family& f : page) {
        const auto fields = FamilyFields(f);
        families << (format == ExchangeFormat::kCsv ? CsvLine(fields) : JsonLine(FamilyExchangeColumns(), fields));
      }
      summary.families += static_cast<int64_t>(page.size());
      if (page.size() < 5000) break;
      after = page.back().kk_number.ToString();
    }
    return Status::Ok();
  }();
  if (own_tx) (void)store.Rollback();  // read-only
  persons.close();
  families.close();
  if (st.ok() && (!persons || !families)) st = Status::Unavailable("writing the export files failed (disk full?)");
  if (!st.ok()) {
    std::filesystem::remove(persons_path + ".part", ec);
    std::filesystem::remove(families_path + ".part", ec);
    return st;
  }
  std::filesystem::rename(persons_path + ".part", persons_path, ec);
  if (!ec) std::filesystem::rename(families_path + ".part", families_path, ec);
  if (ec) return Status::Unavailable("cannot move the export files into place: " + ec.message());
  return summary;
}

Result<ExchangeSummary> ImportRegister(Store& store, const std::string& dir, const KnownDistricts& districts,
                                       const Date& today, const std::function<void(int64_t)>& progress) {
  ExchangeFormat format;
  if (std::filesystem::exists(dir + "/persons.csv")) {
    format = ExchangeFormat::kCsv;
  } else if (std::filesystem::exists(dir + "/persons.jsonl")) {
    format = ExchangeFormat::kJsonLines;
  } else {
    return Status::NotFound("from", dir + "/persons.csv (or persons.jsonl)");
  }
  SIAK_ASSIGN_OR_RETURN(FileRecords person_file, ReadRecords(dir, "persons", format, PersonExchangeColumns()));
  SIAK_ASSIGN_OR_RETURN(FileRecords family_file, ReadRecords(dir, "families", format, FamilyExchangeColumns()));
  auto at = [](const FileRecords& f, int line) { return f.name + " line " + std::to_string(line); };

  std::vector<Person> persons;
  persons.reserve(person_file.records.size());
  std::unordered_map<std::string, size_t> index;  // NIK -> position in persons
  for (const CsvRecord& rec : person_file.records) {
    auto p = PersonFromFields(rec.fields, districts, today);
    if (!p.ok()) return p.status().WithLocation(at(person_file, rec.line));
    const std::string nik = p->nik.ToString();
    if (!index.emplace(nik, persons.size()).second) {
      return Status::AlreadyExists("nik", nik).WithLocation(at(person_file, rec.line) + " (listed twice)");
    }
    persons.push_back(std::move(p).value());
  }
  std::vector<Family> families;
  std::unordered_map<std::string, std::string> member_of;  // NIK -> KK
  std::unordered_map<std::string, int> kk_line;
  for (const CsvRecord& rec : family_file.records) {
    auto f = FamilyFromFields(rec.fields, districts);
    if (!f.ok()) return f.status().WithLocation(at(family_file, rec.line));
    const std::string kk = f->kk_number.ToString();
    if (!kk_line.emplace(kk, rec.line).second) {
      return Status::AlreadyExists("kk_number", kk).WithLocation(at(family_file, rec.line) + " (listed twice)");
    }
    for (const auto& m : f->members) {
      const std::string nik = m.nik.ToString();
      if (!member_of.emplace(nik, kk).second) {
        return Status::Invalid("members.nik", nik, "is a member of two KKs in this import")
            .WithLocation(at(family_file, rec.line));
      }
      auto it = index.find(nik);
      if (it == index.end()) {
        auto existing = store.GetPerson(m.nik);
        if (!existing.ok()) {
          return Status::Invalid("members.nik", nik, "is neither in persons of this import nor in the register")
              .WithLocation(at(family_file, rec.line));
        }
      } else if (persons[it->second].kk_number != f->kk_number) {
        return Status::Invalid("members.nik", nik, "has another kk_number in the persons file")
            .WithLocation(at(family_file, rec.line));
      }
    }
    families.push_back(std::move(f).value());
  }
  for (size_t i = 0; i < persons.size(); ++i) {
    const Person& p = persons[i];
    if (!p.kk_number) continue;
    auto it = member_of.find(p.nik.ToString());
    if (it == member_of.end() || it->second != p.kk_number->ToString()) {
      return Status::Invalid("kk_number", p.kk_number->ToString(), "the families file does not list this person on it")
          .WithLocation(at(person_file, person_file.records[i].line));
    }
  }

  store.PrepareForBulkLoad();
  SIAK_RETURN_IF_ERROR(store.Begin());
  Status st = [&]() -> Status {
    constexpr size_t kStep = 20000;
    for (size_t i = 0; i < persons.size(); i += kStep) {
      const size_t n = std::min(kStep, persons.size() - i);
      Status s = store.InsertPersons(std::span<const Person>(persons).subspan(i, n));
      if (!s.ok()) {
        if (s.code() == StatusCode::kAlreadyExists) {
          return Status::AlreadyExists("nik", s.value()).WithLocation("persons: the register already holds this NIK");
        }
        return s;
      }
      if (progress) progress(static_cast<int64_t>(i + n));
    }
    for (size_t i = 0; i < families.size(); i += kStep) {
      const size_t n = std::min(kStep, families.size() - i);
      Status s = store.InsertFamilies(std::span<const Family>(families).subspan(i, n));
      if (!s.ok()) {
        if (s.code() == StatusCode::kAlreadyExists) {
          return Status::AlreadyExists(s.field(), s.value()).WithLocation("families: already in the register");
        }
        return s;
      }
    }
    return store.Commit();
  }();
  if (!st.ok()) {
    if (store.InExplicitTransaction()) (void)store.Rollback();
    return st;
  }
  return ExchangeSummary{static_cast<int64_t>(persons.size()), static_cast<int64_t>(families.size())};
}

}  // namespace siak
