#include "card/chip_payload.h"

#include <algorithm>
#include <array>

#include "common/crypto.h"
#include "common/text.h"

namespace siak::card {

namespace {

constexpr char kMagic[4] = {'S', 'K', 'C', 'P'};
constexpr uint8_t kVersion = 1;
constexpr size_t kKeyIdBytes = 8;
constexpr size_t kSignatureBytes = 64;
constexpr size_t kMaxFingers = 2;
constexpr uint8_t kFirstTag = 1;
constexpr uint8_t kLastTag = static_cast<uint8_t>(ChipItem::kSignatureSha256);

void PutU16(size_t v, std::string* out) {
  out->push_back(static_cast<char>((v >> 8) & 0xff));
  out->push_back(static_cast<char>(v & 0xff));
}


Status ChipError(std::string_view value, std::string rule) { return Status::Invalid("chip", value, std::move(rule)); }

// A bounds-checked reader: every Take names what was being read when the bytes ran out, so a
// truncated payload says where it ended.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  size_t offset() const { return pos_; }
  size_t left() const { return bytes_.size() - pos_; }

  Result<std::string_view> Take(size_t n, std::string_view what) {
    if (n > left()) {
      return ChipError("offset " + std::to_string(pos_),
                       "is truncated: ends inside the " + std::string(what) + " (" + std::to_string(n) +
                           " bytes needed, " + std::to_string(left()) + " left)");
    }
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  Result<uint8_t> U8(std::string_view what) {
    SIAK_ASSIGN_OR_RETURN(std::string_view b, Take(1, what));
    return static_cast<uint8_t>(b[0]);
  }
  Result<uint16_t> U16(std::string_view what) {
    SIAK_ASSIGN_OR_RETURN(std::string_view b, Take(2, what));
    return static_cast<uint16_t>((static_cast<uint8_t>(b[0]) << 8) | static_cast<uint8_t>(b[1]));
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

}  // namespace

std::string_view ChipItemName(ChipItem item) {
  switch (item) {
    case ChipItem::kCardSerial: return "card_serial";
    case ChipItem::kNik: return "nik";
    case ChipItem::kNama: return "nama";
    case ChipItem::kTempatLahir: return "tempat_lahir";
    case ChipItem::kTanggalLahir: return "tanggal_lahir";
    case ChipItem::kJenisKelamin: return "jenis_kelamin";
    case ChipItem::kGolonganDarah: return "golongan_darah";
    case ChipItem::kAlamat: return "alamat";
    case ChipItem::kRtRw: return "rt_rw";
    case ChipItem::kKelDesa: return "kel_desa";
    case ChipItem::kKecamatan: return "kecamatan";
    case ChipItem::kKabupaten: return "kabupaten";
    case ChipItem::kProvinsi: return "provinsi";
    case ChipItem::kAgama: return "agama";
    case ChipItem::kStatusPerkawinan: return "status_perkawinan";
    case ChipItem::kPekerjaan: return "pekerjaan";
    case ChipItem::kKewarganegaraan: return "kewarganegaraan";
    case ChipItem::kBerlakuHingga: return "berlaku_hingga";
    case ChipItem::kTempatTerbit: return "tempat_terbit";
    case ChipItem::kTanggalTerbit: return "tanggal_terbit";
    case ChipItem::kPhotoSha256: return "photo_sha256";
    case ChipItem::kSignatureSha256: return "signature_sha256";
  }
  return "";
}

std::string ChipPayload::Get(ChipItem item) const {
  for (const auto& [tag, value] : items) {
    if (tag == item) return value;
  }
  return "";
}

Result<std::string> EncodeChipPayload(const ChipPayload& payload, const SigningKey& key) {
  // Tag order makes the encoding canonical: the same card data always gives the same bytes.
  std::vector<const std::pair<ChipItem, std::string>*> items;
  items.reserve(payload.items.size());
  for (const auto& item : payload.items) {
    const auto tag = static_cast<uint8_t>(item.first);
    if (tag < kFirstTag || tag > kLastTag) return ChipError(std::to_string(tag), "has an unknown item tag");
    if (item.second.size() > 0xffff) {
      return ChipError(ChipItemName(item.first), "item is longer than 65535 bytes");
    }
    if (!IsUtf8(item.second)) return ChipError(ChipItemName(item.first), "item must be UTF-8 text");
    items.push_back(&item);
  }
  std::stable_sort(items.begin(), items.end(), [](auto* a, auto* b) { return a->first < b->first; });
  for (size_t i = 1; i < items.size(); ++i) {
    if (items[i]->first == items[i - 1]->first) {
      return ChipError(ChipItemName(items[i]->first), "item appears twice; each item is stored at most once");
    }
  }
  if (payload.fingers.size() > kMaxFingers) {
    return ChipError(std::to_string(payload.fingers.size()) + " fingers", "holds at most 2 finger templates");
  }
  for (size_t i = 0; i < payload.fingers.size(); ++i) {
    const ChipFinger& f = payload.fingers[i];
    if (f.position < 1 || f.position > 10) {
      return ChipError(std::to_string(f.position), "finger position must be an ISO position 1..10");
    }
    if (f.template_bytes.empty() || f.template_bytes.size() > 0xffff) {
      return ChipError(std::to_string(f.template_bytes.size()) + " bytes",
                       "finger template must be 1 to 65535 bytes");
    }
    if (i > 0 && payload.fingers[0].position == f.position) {
      return ChipError(std::to_string(f.position), "finger position appears twice");
    }
  }

  const auto key_id = FromHex(key.public_key().KeyId());
  std::string out(kMagic, sizeof kMagic);
  out.push_back(static_cast<char>(kVersion));
  out.append(*key_id);
  PutU16(items.size(), &out);
  for (const auto* item : items) {
    out.push_back(static_cast<char>(item->first));
    PutU16(item->second.size(), &out);
    out.append(item->second);
  }
  PutU16(payload.fingers.size(), &out);
  for (const ChipFinger& f : payload.fingers) {
    out.push_back(static_cast<char>(f.position));
    PutU16(f.template_bytes.size(), &out);
    out.append(f.template_bytes);
  }
  if (out.size() + kSignatureBytes > kChipCapacity) {
    return ChipError(std::to_string(out.size() + kSignatureBytes) + " bytes",
                     "payload does not fit the chip (at most 8192 bytes with the signature): use smaller finger "
                     "templates");
  }
  out.append(key.Sign(out));
  return out;
}

Result<ChipPayload> DecodeChipPayload(std::string_view bytes, const PublicKey& key) {
  if (bytes.size() > kChipCapacity) {
    return ChipError(std::to_string(bytes.size()) + " bytes", "is larger than the chip (8192 bytes)");
  }
  Reader r(bytes);
  SIAK_ASSIGN_OR_RETURN(std::string_view magic, r.Take(sizeof kMagic, "magic"));
  if (magic != std::string_view(kMagic, sizeof kMagic)) {
    return ChipError("", "is not a SIAK chip payload (magic \"SKCP\" missing)");
  }
  SIAK_ASSIGN_OR_RETURN(uint8_t version, r.U8("version"));
  if (version != kVersion) {
    return ChipError(std::to_string(version), "has an unknown payload version (this reader knows version 1)");
  }
  SIAK_ASSIGN_OR_RETURN(std::string_view key_id, r.Take(kKeyIdBytes, "key id"));
  const std::string expected_id = key.KeyId();
  ChipPayload payload;
  payload.key_id = ToHex(key_id);
  if (payload.key_id != expected_id) {
    return ChipError(payload.key_id, "is signed by another key (expected key id " + expected_id + ")");
  }

  SIAK_ASSIGN_OR_RETURN(uint16_t item_count, r.U16("item count"));
  if (item_count > kLastTag) {
    return ChipError(std::to_string(item_count), "item count is larger than the number of known items");
  }
  int previous = 0;
  for (int i = 0; i < item_count; ++i) {
    const size_t at = r.offset();
    SIAK_ASSIGN_OR_RETURN(uint8_t tag, r.U8("item tag"));
    if (tag < kFirstTag || tag > kLastTag) {
      return ChipError("tag " + std::to_string(tag) + " at offset " + std::to_string(at), "has an unknown item tag");
    }
    if (tag == previous) {
      return ChipError(ChipItemName(static_cast<ChipItem>(tag)), "item appears twice");
    }
    if (tag < previous) {
      return ChipError(ChipItemName(static_cast<ChipItem>(tag)), "items are not in tag order");
    }
    previous = tag;
    SIAK_ASSIGN_OR_RETURN(uint16_t length, r.U16("item length"));
    SIAK_ASSIGN_OR_RETURN(std::string_view value, r.Take(length, "item value"));
    if (!IsUtf8(value)) return ChipError(ChipItemName(static_cast<ChipItem>(tag)), "item is not UTF-8 text");
    payload.items.emplace_back(static_cast<ChipItem>(tag), std::string(value));
  }

  SIAK_ASSIGN_OR_RETURN(uint16_t finger_count, r.U16("finger count"));
  if (finger_count > kMaxFingers) {
    return ChipError(std::to_string(finger_count), "holds more than 2 finger templates");
  }
  for (int i = 0; i < finger_count; ++i) {
    SIAK_ASSIGN_OR_RETURN(uint8_t position, r.U8("finger position"));
    if (position < 1 || position > 10) {
      return ChipError(std::to_string(position), "finger position must be an ISO position 1..10");
    }
    if (i > 0 && payload.fingers[0].position == position) {
      return ChipError(std::to_string(position), "finger position appears twice");
    }
    SIAK_ASSIGN_OR_RETURN(uint16_t length, r.U16("finger template length"));
    if (length == 0) return ChipError(std::to_string(position), "finger template is empty");
    SIAK_ASSIGN_OR_RETURN(std::string_view record, r.Take(length, "finger template"));
    payload.fingers.push_back(ChipFinger{position, std::string(record)});
  }

  const size_t signed_size = r.offset();
  SIAK_ASSIGN_OR_RETURN(std::string_view signature, r.Take(kSignatureBytes, "signature"));
  if (r.left() != 0) {
    return ChipError(std::to_string(r.left()) + " bytes", "has bytes after the signature");
  }
  if (!VerifySignature(key, bytes.substr(0, signed_size), signature)) {
    return ChipError("", "signature does not verify: the payload was changed or damaged");
  }
  return payload;
}

}  // namespace siak::card
