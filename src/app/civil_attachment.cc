// A declaration's supporting documents: checked by their bytes, kept with their hash.
#include <algorithm>
#include <array>

#include "app/civil_service.h"
#include "common/crypto.h"

namespace siak {
namespace {

constexpr std::array<std::string_view, 9> kDocumentKinds = {
    "surat_keterangan_lahir", "surat_keterangan_kematian", "putusan_pengadilan", "penetapan_pengadilan",
    "buku_nikah",             "ktp_saksi",                 "kartu_keluarga",     "surat_pernyataan",
    "lainnya"};
constexpr size_t kMaxAttachmentBytes = size_t{1} << 20;
constexpr int64_t kMaxAttachments = 10;

// The type the bytes say they are, or "".
std::string_view Sniff(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF) {
    return "image/jpeg";
  }
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  return "";
}

}  // namespace

Result<CivilAttachment> CivilService::AddAttachment(const Principal& who, int64_t id, const std::string& jenis,
                                                    const std::string& name, const std::string& content_type,
                                                    std::string content) {
  if (std::find(kDocumentKinds.begin(), kDocumentKinds.end(), jenis) == kDocumentKinds.end()) {
    std::string list;
    for (auto k : kDocumentKinds) list += (list.empty() ? "" : ", ") + std::string(k);
    return Status::Invalid("jenis", jenis, "must be one of " + list);
  }
  if (name.empty() || name.size() > 100 ||
      std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == '/' || c == '\\' || c == '"'; })) {
    return Status::Invalid("name", name, "a file name of 1-100 bytes, without / \\ \" or control characters");
  }
  if (content_type != "application/pdf" && content_type != "image/jpeg" && content_type != "image/png") {
    return Status::Invalid("content_type", content_type, "must be application/pdf, image/jpeg or image/png");
  }
  if (content.empty() || content.size() > kMaxAttachmentBytes) {
    return Status::Invalid("content", std::to_string(content.size()) + " bytes", "must be 1 byte to 1 MiB");
  }
  if (Sniff(content) != content_type) {
    return Status::Invalid("content", std::string(Sniff(content).empty() ? "unknown" : Sniff(content)),
                           "is not a " + content_type + " file (its bytes say otherwise)");
  }
  CivilAttachment a;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(CivilEventRecord e, Get(who, id));
    if (e.state != DeclarationStateName(DeclarationState::kDeclared)) {
      return Status::Conflict("event_id", std::to_string(id),
                              "is " + e.state + ": documents are attached to a declaration before it is decided");
    }
    CivilStore civil(store_);
    SIAK_ASSIGN_OR_RETURN(auto existing, civil.Attachments(id));
    if (static_cast<int64_t>(existing.size()) >= kMaxAttachments) {
      return Status::Invalid("content", "", "a declaration has at most " + std::to_string(kMaxAttachments) +
                                                " documents");
    }
    a.event_id = id;
    a.jenis = jenis;
    a.name = name;
    a.content_type = content_type;
    a.size = static_cast<int64_t>(content.size());
    a.sha256 = Sha256Hex(content);
    a.content = std::move(content);
    a.added_by = who.username;
    a.added_at = clock_.NowIso();
    SIAK_ASSIGN_OR_RETURN(a.id, civil.AddAttachment(a));
    a.content.clear();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return a;
}

Result<std::vector<CivilAttachment>> CivilService::Attachments(const Principal& who, int64_t id) {
  SIAK_RETURN_IF_ERROR(Get(who, id).status());
  return CivilStore(store_).Attachments(id);
}

Result<CivilAttachment> CivilService::GetAttachment(const Principal& who, int64_t id, int64_t attachment_id) {
  SIAK_RETURN_IF_ERROR(Get(who, id).status());
  return CivilStore(store_).GetAttachment(id, attachment_id);
}

}  // namespace siak
