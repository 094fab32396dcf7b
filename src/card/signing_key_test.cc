#include "card/signing_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/crypto.h"

namespace siak::card {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "siak-card-key-XXXXXX";
    path_ = ::mkdtemp(pattern.data()) ? pattern : "";
  }
  ~TempDir() {
    for (const auto& f : files_) ::unlink(f.c_str());
    ::rmdir(path_.c_str());
  }
  std::string File(const std::string& name) {
    files_.push_back(path_ + "/" + name);
    return files_.back();
  }

 private:
  std::string path_;
  std::vector<std::string> files_;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void WriteAll(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

TEST(SigningKeyTest, SignsAndVerifies) {
  const SigningKey key = SigningKey::Generate();
  const std::string sig = key.Sign("SKCP payload");
  EXPECT_EQ(sig.size(), 64u);
  EXPECT_TRUE(VerifySignature(key.public_key(), "SKCP payload", sig));
  EXPECT_FALSE(VerifySignature(key.public_key(), "SKCP payloaD", sig));
  std::string flipped = sig;
  flipped[10] ^= 1;
  EXPECT_FALSE(VerifySignature(key.public_key(), "SKCP payload", flipped));
  EXPECT_FALSE(VerifySignature(key.public_key(), "SKCP payload", sig.substr(0, 63)));
  EXPECT_FALSE(VerifySignature(key.public_key(), "SKCP payload", ""));
  EXPECT_FALSE(VerifySignature(SigningKey::Generate().public_key(), "SKCP payload", sig));
  // Ed25519 is deterministic: the same message gives the same signature.
  EXPECT_EQ(key.Sign("SKCP payload"), sig);
}

TEST(SigningKeyTest, CopiesAndMovesKeepOrWipeTheSecret) {
  SigningKey key = SigningKey::Generate();
  const PublicKey pub = key.public_key();
  const std::string sig = key.Sign("m");

  SigningKey copy = key;  // an independent key that signs alike
  EXPECT_EQ(copy.public_key().bytes, pub.bytes);
  EXPECT_EQ(copy.Sign("m"), sig);
  copy = SigningKey::Generate();  // overwriting a copy leaves the original alone
  EXPECT_NE(copy.public_key().bytes, pub.bytes);
  EXPECT_EQ(key.Sign("m"), sig);
  copy = key;
  EXPECT_EQ(copy.Sign("m"), sig);
  SigningKey& self = copy;
  copy = self;  // self-assignment keeps the key
  EXPECT_EQ(copy.Sign("m"), sig);

  SigningKey moved = std::move(key);
  EXPECT_EQ(moved.Sign("m"), sig);
  // The source is wiped: empty public key, and what it signs verifies under neither key.
  EXPECT_EQ(key.public_key().bytes, PublicKey{}.bytes);  // NOLINT(bugprone-use-after-move)
  EXPECT_FALSE(VerifySignature(pub, "m", key.Sign("m")));

  SigningKey target = SigningKey::Generate();
  target = std::move(moved);
  EXPECT_EQ(target.Sign("m"), sig);
  EXPECT_EQ(moved.public_key().bytes, PublicKey{}.bytes);  // NOLINT(bugprone-use-after-move)
  SigningKey& alias = target;
  target = std::move(alias);  // self-move keeps the key
  EXPECT_EQ(target.Sign("m"), sig);
}

TEST(SigningKeyTest, KeyIdIsTheStartOfTheKeysHash) {
  const SigningKey key = SigningKey::Generate();
  const auto& bytes = key.public_key().bytes;
  const std::string hash = Sha256Hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  EXPECT_EQ(key.public_key().KeyId(), hash.substr(0, 16));
  EXPECT_EQ(key.public_key().Hex().size(), 64u);
  EXPECT_NE(SigningKey::Generate().public_key().KeyId(), key.public_key().KeyId());
}

TEST(SigningKeyTest, ParsesPublicKeyHex) {
  const SigningKey key = SigningKey::Generate();
  auto parsed = ParsePublicKeyHex(key.public_key().Hex(), "public_key");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->bytes, key.public_key().bytes);
  std::string upper = key.public_key().Hex();
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(ParsePublicKeyHex(upper, "public_key").ok());
  const std::string hex = key.public_key().Hex();
  for (const std::string& bad : {hex.substr(1), hex + "0", hex + "00", "zz" + hex.substr(2), std::string(),
                                 hex.substr(0, 62) + " 0"}) {
    auto r = ParsePublicKeyHex(bad, "public_key");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().field(), "public_key");
  }
}

TEST(SigningKeyTest, CreatesAPrivateFileAndReadsItBack) {
  TempDir dir;
  const std::string path = dir.File("card.key");
  auto made = SigningKey::CreateFile(path);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string text = ReadAll(path);
  ASSERT_EQ(text.size(), 129u);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find_first_not_of("0123456789abcdef"), 128u);
  // The second half of the file is the public key.
  EXPECT_EQ(text.substr(64, 64), made->public_key().Hex());

  auto again = SigningKey::CreateFile(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);

  auto read = SigningKey::ReadFile(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->public_key().bytes, made->public_key().bytes);
  EXPECT_TRUE(VerifySignature(made->public_key(), "m", read->Sign("m")));

  // Without the newline, and with a CRLF, it is the same key.
  WriteAll(path, text.substr(0, 128));
  ASSERT_TRUE(SigningKey::ReadFile(path).ok());
  WriteAll(path, text.substr(0, 128) + "\r\n");
  auto crlf = SigningKey::ReadFile(path);
  ASSERT_TRUE(crlf.ok()) << crlf.status().ToString();
  EXPECT_EQ(crlf->public_key().bytes, made->public_key().bytes);
}

TEST(SigningKeyTest, BadFilesAreErrorsThatNeverEchoTheSecret) {
  TempDir dir;
  auto missing = SigningKey::ReadFile(dir.File("missing.key"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);

  const std::string path = dir.File("card.key");
  ASSERT_TRUE(SigningKey::CreateFile(path).ok());
  const std::string text = ReadAll(path);
  const std::string secret_hex = text.substr(0, 64);
  for (const std::string& bad : {text.substr(0, 126) + "\n", text.substr(0, 128) + "0\n",
                                 "g" + text.substr(1), text + "\n", std::string(), "  " + text}) {
    WriteAll(path, bad);
    auto r = SigningKey::ReadFile(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "key_file");
    EXPECT_EQ(r.status().ToString().find(secret_hex), std::string::npos);
    EXPECT_EQ(r.status().ToString().find(secret_hex.substr(0, 16)), std::string::npos);
  }
  // The public half replaced by another key's: the halves no longer belong together.
  WriteAll(path, text.substr(0, 64) + SigningKey::Generate().public_key().Hex() + "\n");
  auto mixed = SigningKey::ReadFile(path);
  ASSERT_FALSE(mixed.ok());
  EXPECT_NE(mixed.status().rule().find("damaged"), std::string::npos);
  EXPECT_EQ(mixed.status().ToString().find(secret_hex), std::string::npos);
}

TEST(SigningKeyTest, OpenOrCreateMakesTheKeyOnce) {
  TempDir dir;
  const std::string path = dir.File("card.key");
  bool created = false;
  auto first = SigningKey::OpenOrCreate(path, &created);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(created);
  auto second = SigningKey::OpenOrCreate(path, &created);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_FALSE(created);
  EXPECT_EQ(first->public_key().bytes, second->public_key().bytes);
  // A damaged file is not silently replaced by a new key (every issued card would stop verifying).
  WriteAll(path, "not a key\n");
  auto damaged = SigningKey::OpenOrCreate(path, &created);
  EXPECT_FALSE(damaged.ok());
  EXPECT_FALSE(created);
  EXPECT_FALSE(SigningKey::OpenOrCreate(dir.File("no-such-dir/card.key"), nullptr).ok());
}

}  // namespace
}  // namespace siak::card
