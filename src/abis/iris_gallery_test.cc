#include "abis/iris_gallery.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "abis/synthetic_iris.h"

namespace siak::abis {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("siak_gallery_" + std::to_string(::getpid()) + name)).string();
}

TEST(IrisGallery, PutReplaceRemoveKeepTheArrayDense) {
  SyntheticIrises irises(1);
  IrisGallery g(Eye::kRight);
  for (uint64_t k = 0; k < 10; ++k) g.Put(1000 + k, irises.Capture(k, Eye::kRight, 0));
  EXPECT_EQ(g.size(), 10u);
  g.Put(1003, irises.Capture(3, Eye::kRight, 5));  // re-enrolment replaces
  EXPECT_EQ(g.size(), 10u);
  EXPECT_EQ(*g.Find(1003), irises.Capture(3, Eye::kRight, 5));
  EXPECT_TRUE(g.Remove(1002));
  EXPECT_FALSE(g.Remove(1002));
  EXPECT_EQ(g.size(), 9u);
  EXPECT_EQ(g.Find(1002), nullptr);
  // The moved last entry is still found under its key, with its usable-bit count.
  for (uint32_t s = 0; s < g.size(); ++s) {
    EXPECT_EQ(g.Find(g.key(s)), g.codes() + s);
    EXPECT_EQ(g.usable_bits()[s], g.codes()[s].UsableBits());
  }
  EXPECT_EQ(reinterpret_cast<uintptr_t>(g.codes()) % 64, 0u);
}

TEST(IrisGallery, SnapshotRoundTripsEncryptedAndRefusesAnythingElse) {
  SyntheticIrises irises(2);
  GalleryPair pair;
  std::vector<IrisCode> right, left;  // 97 distinct eyes, repeated: the file format is what is tested
  for (uint64_t k = 0; k < 97; ++k) {
    right.push_back(irises.Capture(k, Eye::kRight, 0));
    left.push_back(irises.Capture(k, Eye::kLeft, 0));
  }
  for (uint64_t k = 0; k < 70000; ++k) {  // more than one chunk
    pair.right.Put(k, right[k % 97]);
    if (k % 3) pair.left.Put(k, left[k % 97]);
  }
  pair.log_position = 1234;
  const SecretKey key = NewSecretKey();
  const std::string path = TempPath("a.snap");
  ASSERT_TRUE(SaveGallerySnapshot(path, pair, key).ok());
  {
    // No template bytes in the clear.
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const IrisCode& first = *pair.right.Find(0);
    EXPECT_EQ(bytes.find(std::string(reinterpret_cast<const char*>(first.code.data()), 64)), std::string::npos);
  }
  auto loaded = LoadGallerySnapshot(path, key);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->log_position, 1234);
  ASSERT_EQ(loaded->right.size(), pair.right.size());
  ASSERT_EQ(loaded->left.size(), pair.left.size());
  for (uint64_t k : {0ull, 1ull, 65536ull, 69999ull}) {
    EXPECT_EQ(*loaded->right.Find(k), *pair.right.Find(k));
  }
  EXPECT_EQ(loaded->left.Find(3), nullptr);

  EXPECT_EQ(LoadGallerySnapshot(path, NewSecretKey()).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(LoadGallerySnapshot(TempPath("missing"), key).status().code(), StatusCode::kNotFound);
  // Cut short, and one byte changed.
  const auto size = std::filesystem::file_size(path);
  std::filesystem::copy_file(path, path + ".cut");
  std::filesystem::resize_file(path + ".cut", size - 100);
  EXPECT_EQ(LoadGallerySnapshot(path + ".cut", key).status().code(), StatusCode::kInvalidArgument);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(size / 2));
    const char was = static_cast<char>(f.get());
    f.seekp(static_cast<std::streamoff>(size / 2));
    f.put(static_cast<char>(~was));
  }
  EXPECT_EQ(LoadGallerySnapshot(path, key).status().code(), StatusCode::kInvalidArgument);
  std::filesystem::remove(path);
  std::filesystem::remove(path + ".cut");
}

}  // namespace
}  // namespace siak::abis
