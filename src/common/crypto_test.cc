#include "common/crypto.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include <unistd.h>

namespace siak {
namespace {

bool IsLowerHex(const std::string& s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

TEST(CryptoTest, InitSucceeds) { EXPECT_TRUE(CryptoInit().ok()); }

TEST(CryptoTest, Sha256HexKnownVectors) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(CryptoTest, Sha256HexHandlesEmbeddedNulAndIsDeterministic) {
  const std::string with_nul("a\0b", 3);
  EXPECT_NE(Sha256Hex(with_nul), Sha256Hex("a"));
  EXPECT_NE(Sha256Hex(with_nul), Sha256Hex("ab"));
  EXPECT_EQ(Sha256Hex(with_nul), Sha256Hex(std::string("a\0b", 3)));
  const std::string h = Sha256Hex("siak");
  EXPECT_EQ(h.size(), 64u);
  EXPECT_TRUE(IsLowerHex(h)) << h;
}

TEST(CryptoTest, RandomTokenHexHasTwoHexCharactersPerByte) {
  const std::string token = RandomTokenHex();
  EXPECT_EQ(token.size(), 64u);
  EXPECT_TRUE(IsLowerHex(token)) << token;
  EXPECT_EQ(RandomTokenHex(4).size(), 8u);
  EXPECT_TRUE(IsLowerHex(RandomTokenHex(4)));
  EXPECT_EQ(RandomTokenHex(1).size(), 2u);
  EXPECT_EQ(RandomTokenHex(0), "");
}

TEST(CryptoTest, RandomTokensAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(RandomTokenHex());
  EXPECT_EQ(seen.size(), 1000u);
  // Not all the same character (a zero-filled buffer would be hex but not random).
  const std::string token = RandomTokenHex();
  EXPECT_NE(token, std::string(64, '0'));
  EXPECT_GT(std::set<char>(token.begin(), token.end()).size(), 4u);
}

TEST(CryptoTest, HashPasswordIsArgon2idAndSalted) {
  auto first = HashPassword("correct horse battery");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->starts_with("$argon2id$")) << *first;
  EXPECT_EQ(first->find("correct horse battery"), std::string::npos);
  auto second = HashPassword("correct horse battery");
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*first, *second) << "each hash must carry its own random salt";
}

TEST(CryptoTest, VerifyPasswordAcceptsOnlyTheRightPassword) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery ", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
  // A hash of another password, and stored values that are not hashes at all.
  auto other = HashPassword("another password");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(VerifyPassword("correct horse battery", *other));
  EXPECT_FALSE(VerifyPassword("correct horse battery", ""));
  EXPECT_FALSE(VerifyPassword("correct horse battery", "correct horse battery"));
  EXPECT_FALSE(VerifyPassword("correct horse battery", hash->substr(0, hash->size() - 4)));
}

TEST(CryptoTest, VerifyPasswordHandlesEmbeddedNul) {
  const std::string with_nul("pass\0word", 9);
  auto hash = HashPassword(with_nul);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword(with_nul, *hash));
  EXPECT_FALSE(VerifyPassword("pass", *hash));
}

TEST(CryptoTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "xbc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("ab", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  const std::string token = RandomTokenHex();
  EXPECT_TRUE(ConstantTimeEquals(token, std::string(token)));
  std::string flipped = token;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  EXPECT_FALSE(ConstantTimeEquals(token, flipped));
}

TEST(CryptoTest, KeyFileIsMadeOnceAndAMissingFolderIsNotAnExistingKey) {
  const auto dir = std::filesystem::temp_directory_path() / ("siak-key-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto missing = CreateSecretKeyFile((dir / "var" / "abis.key").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kUnavailable) << missing.status().ToString();
  EXPECT_NE(missing.status().ToString().find("No such file or directory"), std::string::npos);

  std::filesystem::create_directories(dir);
  const std::string path = (dir / "abis.key").string();
  auto made = CreateSecretKeyFile(path);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  auto again = CreateSecretKeyFile(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto read = ReadSecretKeyFile(path);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->bytes, made->bytes);  // the first key is kept
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace siak
