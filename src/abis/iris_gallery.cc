#include "abis/iris_gallery.h"

#include <sodium.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <thread>

namespace siak::abis {

const IrisCode* IrisGallery::Find(uint64_t key) const {
  auto it = slot_of_.find(key);
  return it == slot_of_.end() ? nullptr : &codes_[it->second];
}

void IrisGallery::Put(uint64_t key, const IrisCode& code) {
  if (auto it = slot_of_.find(key); it != slot_of_.end()) {
    codes_[it->second] = code;
    usable_[it->second] = static_cast<uint16_t>(code.UsableBits());
    return;
  }
  slot_of_.emplace(key, static_cast<uint32_t>(keys_.size()));
  codes_.push_back(code);
  usable_.push_back(static_cast<uint16_t>(code.UsableBits()));
  keys_.push_back(key);
}

bool IrisGallery::Remove(uint64_t key) {
  auto it = slot_of_.find(key);
  if (it == slot_of_.end()) return false;
  const uint32_t slot = it->second;
  const uint32_t last = static_cast<uint32_t>(keys_.size() - 1);
  slot_of_.erase(it);
  if (slot != last) {
    codes_[slot] = codes_[last];
    usable_[slot] = usable_[last];
    keys_[slot] = keys_[last];
    slot_of_[keys_[slot]] = slot;
  }
  codes_.pop_back();
  usable_.pop_back();
  keys_.pop_back();
  return true;
}

void IrisGallery::Reserve(size_t n) {
  codes_.reserve(n);
  usable_.reserve(n);
  keys_.reserve(n);
  slot_of_.reserve(n);
}

void IrisGallery::Clear() {
  codes_.clear();
  usable_.clear();
  keys_.clear();
  slot_of_.clear();
}

namespace {

constexpr char kMagic[4] = {'S', 'K', 'I', 'G'};
constexpr uint32_t kVersion = 1;
constexpr size_t kChunkEntries = 65536;
constexpr size_t kEntryBytes = 8 + sizeof(IrisCode);
constexpr size_t kHeaderBytes = 4 + 4 + 8 + 8 + 8 + crypto_secretbox_NONCEBYTES;  // 56

struct FileCloser {
  void operator()(FILE* f) const { if (f) std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

void PutU64(unsigned char* p, uint64_t v) { for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i)); }
uint64_t GetU64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

void ChunkNonce(const unsigned char* base, Eye eye, uint64_t chunk, unsigned char* out) {
  std::memcpy(out, base, crypto_secretbox_NONCEBYTES);
  const uint64_t tag = (static_cast<uint64_t>(eye) << 56) | chunk;
  for (int i = 0; i < 8; ++i) out[i] ^= static_cast<unsigned char>(tag >> (8 * i));
}

Status Corrupt(const std::string& path, const std::string& why) {
  return Status::Invalid("gallery_snapshot", path, why);
}

}  // namespace

Status SaveGallerySnapshot(const std::string& path, const GalleryPair& galleries, const SecretKey& key) {
  SIAK_RETURN_IF_ERROR(CryptoInit());
  const std::string tmp = path + ".tmp";
  File f(std::fopen(tmp.c_str(), "wb"));
  if (!f) return Status::Unavailable("cannot write the gallery snapshot " + tmp);
  unsigned char header[kHeaderBytes];
  std::memcpy(header, kMagic, 4);
  for (int i = 0; i < 4; ++i) header[4 + i] = static_cast<unsigned char>(kVersion >> (8 * i));
  PutU64(header + 8, static_cast<uint64_t>(galleries.log_position));
  PutU64(header + 16, galleries.right.size());
  PutU64(header + 24, galleries.left.size());
  unsigned char* base = header + 32;
  randombytes_buf(base, crypto_secretbox_NONCEBYTES);
  bool ok = std::fwrite(header, 1, sizeof header, f.get()) == sizeof header;
  std::vector<unsigned char> plain, sealed;
  for (const IrisGallery* g : {&galleries.right, &galleries.left}) {
    for (uint64_t chunk = 0; ok && chunk * kChunkEntries < g->size(); ++chunk) {
      const size_t first = chunk * kChunkEntries;
      const size_t count = std::min(kChunkEntries, g->size() - first);
      plain.resize(16 + count * kEntryBytes);
      PutU64(plain.data(), static_cast<uint64_t>(galleries.log_position));
      PutU64(plain.data() + 8, chunk);
      unsigned char* keys = plain.data() + 16;
      unsigned char* codes = keys + 8 * count;
      for (size_t i = 0; i < count; ++i) PutU64(keys + 8 * i, g->key(static_cast<uint32_t>(first + i)));
      std::memcpy(codes, g->codes() + first, count * sizeof(IrisCode));
      sealed.resize(plain.size() + crypto_secretbox_MACBYTES);
      unsigned char nonce[crypto_secretbox_NONCEBYTES];
      ChunkNonce(base, g->eye(), chunk, nonce);
      crypto_secretbox_easy(sealed.data(), plain.data(), plain.size(), nonce, key.bytes.data());
      ok = std::fwrite(sealed.data(), 1, sealed.size(), f.get()) == sealed.size();
    }
  }
  ok = ok && std::fflush(f.get()) == 0 && ::fsync(fileno(f.get())) == 0;
  f.reset();
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::Unavailable("cannot write the gallery snapshot " + path);
  }
  return Status::Ok();
}

namespace {
// The sealed size of a chunk of `count` entries.
size_t SealedChunkBytes(size_t count) { return 16 + count * kEntryBytes + crypto_secretbox_MACBYTES; }

// Reads one eye's chunks from `offset` (with pread: the two eyes load in parallel).
Status LoadEye(int fd, const std::string& path, uint64_t offset, uint64_t count, int64_t log_position,
               const unsigned char* base, const SecretKey& key, IrisGallery* g) {
  g->Reserve(count);
  std::vector<unsigned char> plain, sealed;
  for (uint64_t chunk = 0; chunk * kChunkEntries < count; ++chunk) {
    const size_t n = std::min<uint64_t>(kChunkEntries, count - chunk * kChunkEntries);
    plain.resize(16 + n * kEntryBytes);
    sealed.resize(SealedChunkBytes(n));
    size_t got = 0;
    while (got < sealed.size()) {
      const ssize_t r = ::pread(fd, sealed.data() + got, sealed.size() - got, static_cast<off_t>(offset + got));
      if (r <= 0) return Corrupt(path, "the file is cut short");
      got += static_cast<size_t>(r);
    }
    offset += sealed.size();
    unsigned char nonce[crypto_secretbox_NONCEBYTES];
    ChunkNonce(base, g->eye(), chunk, nonce);
    if (crypto_secretbox_open_easy(plain.data(), sealed.data(), sealed.size(), nonce, key.bytes.data()) != 0) {
      return Corrupt(path, "a chunk does not decrypt with the template key (another key, or changed bytes)");
    }
    if (GetU64(plain.data()) != static_cast<uint64_t>(log_position) || GetU64(plain.data() + 8) != chunk) {
      return Corrupt(path, "a chunk belongs to another snapshot or position");
    }
    const unsigned char* keys = plain.data() + 16;
    const unsigned char* codes = keys + 8 * n;
    IrisCode code;
    for (size_t i = 0; i < n; ++i) {
      std::memcpy(&code, codes + i * sizeof(IrisCode), sizeof(IrisCode));
      g->Put(GetU64(keys + 8 * i), code);
    }
  }
  return Status::Ok();
}
}  // namespace

Result<GalleryPair> LoadGallerySnapshot(const std::string& path, const SecretKey& key) {
  SIAK_RETURN_IF_ERROR(CryptoInit());
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return Status::NotFound("gallery_snapshot", path);
  unsigned char header[kHeaderBytes];
  if (std::fread(header, 1, sizeof header, f.get()) != sizeof header) return Corrupt(path, "the header is cut short");
  if (std::memcmp(header, kMagic, 4) != 0) return Corrupt(path, "not a gallery snapshot (magic \"SKIG\")");
  uint32_t version = 0;
  for (int i = 0; i < 4; ++i) version |= static_cast<uint32_t>(header[4 + i]) << (8 * i);
  if (version != kVersion) return Corrupt(path, "unknown snapshot version " + std::to_string(version));
  GalleryPair out;
  out.log_position = static_cast<int64_t>(GetU64(header + 8));
  const uint64_t counts[2] = {GetU64(header + 16), GetU64(header + 24)};
  if (counts[0] > (uint64_t{1} << 32) || counts[1] > (uint64_t{1} << 32)) return Corrupt(path, "an impossible entry count");
  uint64_t sections[2] = {kHeaderBytes, kHeaderBytes};
  for (uint64_t c = 0; c * kChunkEntries < counts[0]; ++c) {
    sections[1] += SealedChunkBytes(std::min<uint64_t>(kChunkEntries, counts[0] - c * kChunkEntries));
  }
  uint64_t end = sections[1];
  for (uint64_t c = 0; c * kChunkEntries < counts[1]; ++c) {
    end += SealedChunkBytes(std::min<uint64_t>(kChunkEntries, counts[1] - c * kChunkEntries));
  }
  struct stat st {};
  if (::fstat(fileno(f.get()), &st) != 0) return Corrupt(path, "cannot be read");
  if (static_cast<uint64_t>(st.st_size) < end) return Corrupt(path, "the file is cut short");
  if (static_cast<uint64_t>(st.st_size) > end) return Corrupt(path, "trailing bytes after the last chunk");
  // The two eyes are two sections of the file: decrypt and index them on two threads.
  const int fd = fileno(f.get());
  Status left_status;
  std::thread left([&] {
    left_status = LoadEye(fd, path, sections[1], counts[1], out.log_position, header + 32, key, &out.left);
  });
  Status right_status = LoadEye(fd, path, sections[0], counts[0], out.log_position, header + 32, key, &out.right);
  left.join();
  SIAK_RETURN_IF_ERROR(right_status);
  SIAK_RETURN_IF_ERROR(left_status);
  return out;
}

}  // namespace siak::abis
