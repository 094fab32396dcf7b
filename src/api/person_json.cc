#include "api/person_json.h"

#include <charconv>
#include <set>

#include "common/text.h"

namespace siak::api {
namespace {

template <typename E>
Status SetCode(const Json& body, const char* name, bool required, E* out) {
  SIAK_ASSIGN_OR_RETURN(std::optional<int64_t> n, IntField(body, name, required));
  if (!n) return Status::Ok();
  if (*n < 0 || *n > 255) return CodeFromNumber<E>(-1, name).status();
  SIAK_ASSIGN_OR_RETURN(*out, CodeFromNumber<E>(static_cast<int>(*n), name));
  return Status::Ok();
}

Status SetString(const Json& body, const char* name, bool required, std::string* out) {
  SIAK_ASSIGN_OR_RETURN(std::optional<std::string> s, StringField(body, name, required));
  if (s) *out = *s;
  return Status::Ok();
}

}  // namespace

const std::vector<std::string>& PersonFieldNames() {
  static const std::vector<std::string> names = {
      "nama", "tempat_lahir", "tanggal_lahir", "tanggal_lahir_presisi", "jenis_kelamin", "golongan_darah", "agama",
      "status_perkawinan", "perkawinan_tercatat", "pendidikan", "pekerjaan", "kewarganegaraan", "kitap",
      "penyandang_cacat", "nama_ayah", "nama_ibu", "wilayah", "alamat", "rt", "rw"};
  return names;
}

namespace {

// One JSON object written as text, with nlohmann::json's bytes: the caller gives the keys in the
// order its std::map keeps them (sorted), strings are escaped as its dump() escapes them.
class ObjectText {
 public:
  explicit ObjectText(std::string* out) : out_(*out) { out_.push_back('{'); }
  void String(std::string_view key, std::string_view value) {
    Key(key);
    if (!IsUtf8(value)) {  // (the register stores only UTF-8; never fail a read on it)
      out_ += Json(std::string(value)).dump(-1, ' ', false, Json::error_handler_t::replace);
      return;
    }
    out_.push_back('"');
    size_t plain = 0;  // the start of the run of bytes copied as they are
    for (size_t i = 0; i < value.size(); ++i) {
      const char c = value[i];
      if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
      out_.append(value.data() + plain, i - plain);
      plain = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_.push_back(kHex[static_cast<unsigned char>(c) >> 4]);
          out_.push_back(kHex[c & 0xf]);
        }
      }
    }
    out_.append(value.data() + plain, value.size() - plain);
    out_.push_back('"');
  }
  void Int(std::string_view key, int64_t value) {
    Key(key);
    char digits[24];
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  }
  void Bool(std::string_view key, bool value) {
    Key(key);
    out_ += value ? "true" : "false";
  }
  void Null(std::string_view key) {
    Key(key);
    out_ += "null";
  }
  void End() { out_.push_back('}'); }

 private:
  void Key(std::string_view key) {
    if (!first_) out_.push_back(',');
    first_ = false;
    out_.push_back('"');
    out_ += key;
    out_ += "\":";
  }
  std::string& out_;
  bool first_ = true;
};

// The same calls into a document (which sorts its keys itself).
struct ObjectDocument {
  Json& j;
  void String(std::string_view key, std::string_view value) { j[std::string(key)] = std::string(value); }
  void Int(std::string_view key, int64_t value) { j[std::string(key)] = value; }
  void Bool(std::string_view key, bool value) { j[std::string(key)] = value; }
  void Null(std::string_view key) { j[std::string(key)] = nullptr; }
};

// A code as its number, and its label beside it (agama: 1, agama_label: "Islam").
template <typename Out, typename E>
void CodeAndLabel(Out& o, std::string_view key, E value) {
  o.Int(key, CodeOf(value));
  o.String(std::string(key) + "_label", LabelOf(value));
}

// A person's fields, once for both writers, in the order a document keeps its keys (sorted:
// ObjectText writes them as they come; a test holds the two outputs equal).
template <typename Out>
void PersonFields(const StoredPerson& sp, const RegionIndex& regions, Out& o) {
  const Person& p = sp.person;
  CodeAndLabel(o, "agama", p.agama);
  o.String("alamat", p.alamat);
  o.String("ektp_status", EktpStatusName(p.ektp_status));
  CodeAndLabel(o, "golongan_darah", p.golongan_darah);
  CodeAndLabel(o, "jenis_kelamin", p.jenis_kelamin);
  CodeAndLabel(o, "kewarganegaraan", p.kewarganegaraan);
  o.Bool("kitap", p.kitap);
  if (p.kk_number) {
    o.String("kk_number", p.kk_number->ToString());
  } else {
    o.Null("kk_number");
  }
  o.String("nama", p.nama);
  o.String("nama_ayah", p.nama_ayah);
  o.String("nama_ibu", p.nama_ibu);
  o.String("nik", p.nik.ToString());
  CodeAndLabel(o, "pekerjaan", p.pekerjaan);
  CodeAndLabel(o, "pendidikan", p.pendidikan);
  if (p.penyandang_cacat) {
    CodeAndLabel(o, "penyandang_cacat", *p.penyandang_cacat);
  } else {
    o.Null("penyandang_cacat");
  }
  o.Int("perkawinan_tercatat", static_cast<int>(p.perkawinan_tercatat));
  o.Int("rt", p.rt);
  o.Int("rw", p.rw);
  CodeAndLabel(o, "status_dasar", p.status_dasar);
  CodeAndLabel(o, "status_perkawinan", p.status_perkawinan);
  o.String("status_perkawinan_lengkap", StatusPerkawinanLabel(p.status_perkawinan, p.perkawinan_tercatat));
  o.String("tanggal_lahir", p.tanggal_lahir.ToString());
  o.String("tanggal_lahir_presisi", BirthDatePrecisionName(p.tanggal_lahir_presisi));
  o.String("tempat_lahir", p.tempat_lahir);
  o.Int("version", sp.version);
  o.String("wilayah", p.wilayah.ToString());
  if (const Region* r = regions.Get(p.wilayah.digits())) o.String("wilayah_nama", regions.PathOf(*r));
}

}  // namespace

Json PersonToJson(const StoredPerson& sp, const RegionIndex& regions) {
  Json j = Json::object();
  ObjectDocument d{j};
  PersonFields(sp, regions, d);
  return j;
}

std::string PersonJsonText(const StoredPerson& sp, const RegionIndex& regions) {
  std::string out;
  out.reserve(1024);
  ObjectText o(&out);
  PersonFields(sp, regions, o);
  o.End();
  return out;
}

Json FamilyToJson(const Family& f, const RegionIndex& regions) {
  Json j;
  j["kk_number"] = f.kk_number.ToString();
  j["wilayah"] = f.wilayah.ToString();
  if (const Region* r = regions.Get(f.wilayah.digits())) j["wilayah_nama"] = regions.PathOf(*r);
  j["alamat"] = f.alamat;
  j["rt"] = f.rt;
  j["rw"] = f.rw;
  j["tanggal_terbit"] = f.tanggal_terbit.ToString();
  Json members = Json::array();
  for (const auto& m : f.members) {
    Json mj;
    mj["nik"] = m.nik.ToString();
    ObjectDocument member{mj};
    CodeAndLabel(member, "shdk", m.shdk);
    members.push_back(mj);
  }
  j["members"] = members;
  return j;
}

std::string PersonETag(int64_t version) { return "\"v" + std::to_string(version) + "\""; }

Result<int64_t> VersionFromIfMatch(const std::string& if_match) {
  std::string v = if_match;
  if (v.starts_with("W/")) v = v.substr(2);
  if (v.size() < 4 || v.front() != '"' || v.back() != '"' || v[1] != 'v') {
    return Status::Invalid("If-Match", if_match, "must be the ETag of the record, e.g. \"v3\"");
  }
  try {
    size_t used = 0;
    const std::string digits = v.substr(2, v.size() - 3);
    int64_t version = std::stoll(digits, &used);
    if (used != digits.size() || version < 1) throw std::invalid_argument("ETag");
    return version;
  } catch (const std::exception&) {
    return Status::Invalid("If-Match", if_match, "must be the ETag of the record, e.g. \"v3\"");
  }
}

Status ApplyPersonFields(const Json& body, Person* p, bool create) {
  static const std::set<std::string> allowed(PersonFieldNames().begin(), PersonFieldNames().end());
  for (const auto& [key, value] : body.items()) {
    if (create && (key == "nik" || key == "nik_district")) continue;  // read by the create handler
    if (!allowed.contains(key)) {
      return Status::Invalid(key, "", key == "nik" ? "a NIK never changes" : "is not a person field that can be set here");
    }
  }
  SIAK_RETURN_IF_ERROR(SetString(body, "nama", create, &p->nama));
  SIAK_RETURN_IF_ERROR(SetString(body, "tempat_lahir", create, &p->tempat_lahir));
  if (auto s = StringField(body, "tanggal_lahir", create); !s.ok()) {
    return s.status();
  } else if (*s) {
    SIAK_ASSIGN_OR_RETURN(p->tanggal_lahir, Date::Parse(**s, "tanggal_lahir"));
  }
  if (auto s = StringField(body, "tanggal_lahir_presisi", false); !s.ok()) {
    return s.status();
  } else if (*s) {
    SIAK_ASSIGN_OR_RETURN(p->tanggal_lahir_presisi, ParseBirthDatePrecision(**s));
  }
  SIAK_RETURN_IF_ERROR(SetCode(body, "jenis_kelamin", create, &p->jenis_kelamin));
  SIAK_RETURN_IF_ERROR(SetCode(body, "golongan_darah", false, &p->golongan_darah));
  SIAK_RETURN_IF_ERROR(SetCode(body, "agama", create, &p->agama));
  SIAK_RETURN_IF_ERROR(SetCode(body, "status_perkawinan", create, &p->status_perkawinan));
  if (auto n = IntField(body, "perkawinan_tercatat", false); !n.ok()) {
    return n.status();
  } else if (*n) {
    if (**n < 0 || **n > 2) {
      return Status::Invalid("perkawinan_tercatat", std::to_string(**n), "must be 0 (tidak berlaku), 1 (tercatat) or 2 (belum tercatat)");
    }
    p->perkawinan_tercatat = static_cast<PencatatanPerkawinan>(**n);
  }
  SIAK_RETURN_IF_ERROR(SetCode(body, "pendidikan", create, &p->pendidikan));
  SIAK_RETURN_IF_ERROR(SetCode(body, "pekerjaan", create, &p->pekerjaan));
  SIAK_RETURN_IF_ERROR(SetCode(body, "kewarganegaraan", false, &p->kewarganegaraan));
  if (auto b = BoolField(body, "kitap", false); !b.ok()) {
    return b.status();
  } else if (*b) {
    p->kitap = **b;
  }
  if (body.contains("penyandang_cacat")) {
    if (body["penyandang_cacat"].is_null()) {
      p->penyandang_cacat.reset();
    } else {
      PenyandangCacat c = PenyandangCacat::kLainnya;
      SIAK_RETURN_IF_ERROR(SetCode(body, "penyandang_cacat", true, &c));
      p->penyandang_cacat = c;
    }
  }
  SIAK_RETURN_IF_ERROR(SetString(body, "nama_ayah", false, &p->nama_ayah));
  SIAK_RETURN_IF_ERROR(SetString(body, "nama_ibu", false, &p->nama_ibu));
  if (auto s = StringField(body, "wilayah", create); !s.ok()) {
    return s.status();
  } else if (*s) {
    SIAK_ASSIGN_OR_RETURN(p->wilayah, RegionCode::Parse(**s, "wilayah"));
  }
  SIAK_RETURN_IF_ERROR(SetString(body, "alamat", create, &p->alamat));
  for (auto [name, target] : {std::pair{"rt", &p->rt}, std::pair{"rw", &p->rw}}) {
    SIAK_ASSIGN_OR_RETURN(std::optional<int64_t> n, IntField(body, name, create));
    if (n) {
      if (*n < 1 || *n > 999) return Status::Invalid(name, std::to_string(*n), "must be 001-999");
      *target = static_cast<int>(*n);
    }
  }
  return Status::Ok();
}

}  // namespace siak::api
