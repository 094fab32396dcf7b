// IrisGallery: the enrolled templates of one eye, in memory, laid out for streaming.
//
// Columns: the templates themselves (512-byte, 64-byte aligned rows, one contiguous array that
// a search reads front to back), the usable-bit count of each template (for the kernels' exact
// shortcuts), and the owner key (a NIK as a number). Removal moves the last row into
// the hole, so the array stays dense. Not synchronised: IrisEngine guards it.
//
// Snapshots. A gallery pair (right and left) is saved to one file so that a restart does not
// decrypt and re-read every template from the store: a plaintext header ("SKIG", version, the
// store's gallery-log position it reflects, the counts, a random file nonce) and chunks of up to
// 65,536 entries, each sealed with XSalsa20-Poly1305 under the template key (the templates stay
// encrypted at rest) with a nonce made from the file nonce, the eye and the chunk number, and a
// plaintext copy of the log position and chunk number inside the box. Any mismatch (a truncated
// file, a wrong key, a chunk moved) makes Load fail; the caller rebuilds from the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "abis/iris_code.h"
#include "common/crypto.h"
#include "common/result.h"

namespace siak::abis {

class IrisGallery {
 public:
  explicit IrisGallery(Eye eye) : eye_(eye) {}
  Eye eye() const { return eye_; }
  size_t size() const { return keys_.size(); }
  const IrisCode* codes() const { return codes_.data(); }
  const uint16_t* usable_bits() const { return usable_.data(); }
  uint64_t key(uint32_t slot) const { return keys_[slot]; }
  const IrisCode* Find(uint64_t key) const;

  // Adds the template of `key`, or replaces it (a re-enrolment).
  void Put(uint64_t key, const IrisCode& code);
  // Returns whether `key` was there.
  bool Remove(uint64_t key);
  void Reserve(size_t n);
  void Clear();

 private:
  Eye eye_;
  std::vector<IrisCode> codes_;
  std::vector<uint16_t> usable_;
  std::vector<uint64_t> keys_;
  std::unordered_map<uint64_t, uint32_t> slot_of_;
};

struct GalleryPair {
  IrisGallery right{Eye::kRight};
  IrisGallery left{Eye::kLeft};
  int64_t log_position = 0;  // the last store gallery-log entry applied
  IrisGallery& of(Eye eye) { return eye == Eye::kLeft ? left : right; }
  const IrisGallery& of(Eye eye) const { return eye == Eye::kLeft ? left : right; }
};

// Writes atomically (a temporary file, fsync, rename).
Status SaveGallerySnapshot(const std::string& path, const GalleryPair& galleries, const SecretKey& key);
// kNotFound when there is no file; kInvalidArgument when it is unreadable, cut short or sealed
// with another key.
Result<GalleryPair> LoadGallerySnapshot(const std::string& path, const SecretKey& key);

}  // namespace siak::abis
