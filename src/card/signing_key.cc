#include "card/signing_key.h"

#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/crypto.h"

namespace siak::card {

namespace {

constexpr size_t kSecretHexChars = 2 * crypto_sign_SECRETKEYBYTES;  // 128

// Reads a small file whole through POSIX calls, so that "missing" (ENOENT) can be told apart
// from "unreadable" (EACCES, EIO): only the first may lead OpenOrCreate to make a new key.
Result<std::string> ReadSmallFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound("key_file", path);
    return Status::Unavailable("could not open the signing key file " + path + ": " + std::strerror(errno));
  }
  std::string data;
  char buf[256];
  while (true) {
    const ssize_t got = ::read(fd, buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int err = errno;
      ::close(fd);
      sodium_memzero(buf, sizeof buf);
      return Status::Unavailable("could not read the signing key file " + path + ": " + std::strerror(err));
    }
    if (got == 0) break;
    data.append(buf, static_cast<size_t>(got));
    // A key file is 129 bytes; anything much larger is not a key file, and reading it whole
    // would only waste memory.
    if (data.size() > 4096) break;
  }
  ::close(fd);
  sodium_memzero(buf, sizeof buf);
  return data;
}

}  // namespace

std::string PublicKey::Hex() const {
  return ToHex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string PublicKey::KeyId() const {
  (void)CryptoInit();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, bytes.data(), bytes.size());
  return ToHex(std::string_view(reinterpret_cast<const char*>(digest), 8));
}

Result<PublicKey> ParsePublicKeyHex(std::string_view hex, const std::string& field) {
  PublicKey key;
  size_t len = 0;
  const char* end = nullptr;
  if (hex.size() != 2 * key.bytes.size() ||
      sodium_hex2bin(key.bytes.data(), key.bytes.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
      len != key.bytes.size() || end != hex.data() + hex.size()) {
    return Status::Invalid(field, hex, "must be 64 hexadecimal characters (a 32-byte Ed25519 public key)");
  }
  return key;
}

SigningKey::SigningKey(const SigningKey& other) : secret_(other.secret_), public_(other.public_) {}

SigningKey::SigningKey(SigningKey&& other) noexcept : secret_(other.secret_), public_(other.public_) {
  other.Wipe();
}

SigningKey& SigningKey::operator=(const SigningKey& other) {
  if (this != &other) {
    secret_ = other.secret_;  // overwrites every byte of the old secret
    public_ = other.public_;
  }
  return *this;
}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept {
  if (this != &other) {
    secret_ = other.secret_;
    public_ = other.public_;
    other.Wipe();
  }
  return *this;
}

SigningKey::~SigningKey() { Wipe(); }

void SigningKey::Wipe() noexcept {
  // sodium_memzero is not optimised away, unlike a plain store before the storage dies.
  sodium_memzero(secret_.data(), secret_.size());
  public_ = PublicKey{};
}

SigningKey SigningKey::Generate() {
  (void)CryptoInit();
  SigningKey key;
  crypto_sign_keypair(key.public_.bytes.data(), key.secret_.data());
  return key;
}

Result<SigningKey> SigningKey::ReadFile(const std::string& path) {
  SIAK_RETURN_IF_ERROR(CryptoInit());
  SIAK_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path));
  size_t size = text.size();
  if (size > 0 && text[size - 1] == '\n') --size;
  if (size > 0 && text[size - 1] == '\r') --size;
  SigningKey key;
  size_t len = 0;
  const char* end = nullptr;
  const bool parsed = size == kSecretHexChars &&
                      sodium_hex2bin(key.secret_.data(), key.secret_.size(), text.data(), size, nullptr, &len,
                                     &end) == 0 &&
                      len == key.secret_.size() && end == text.data() + size;
  sodium_memzero(text.data(), text.size());
  // The value echoed back is the path, never the content.
  if (!parsed) {
    return Status::Invalid("key_file", path,
                           "must hold exactly 128 hexadecimal characters (a 64-byte Ed25519 secret key)");
  }
  // libsodium's secret key is seed || public key: re-deriving the pair from the seed catches a
  // file whose halves do not belong together (a bad copy, a hand edit), which would otherwise
  // sign payloads that no reader can verify.
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> derived_public{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> derived_secret{};
  crypto_sign_seed_keypair(derived_public.data(), derived_secret.data(), key.secret_.data());
  const bool consistent = sodium_memcmp(derived_secret.data(), key.secret_.data(), derived_secret.size()) == 0;
  sodium_memzero(derived_secret.data(), derived_secret.size());
  if (!consistent) {
    return Status::Invalid("key_file", path, "is damaged: its public half does not match its secret seed");
  }
  key.public_.bytes = derived_public;
  return key;
}

Result<SigningKey> SigningKey::CreateFile(const std::string& path) {
  SIAK_RETURN_IF_ERROR(CryptoInit());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return Status::AlreadyExists("key_file", path);
    return Status::Unavailable("could not create the signing key file " + path + ": " + std::strerror(errno));
  }
  SigningKey key = Generate();
  std::string hex(kSecretHexChars + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), key.secret_.data(), key.secret_.size());
  hex.back() = '\n';  // replaces the terminating NUL
  const bool ok = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(hex.data(), hex.size());
  if (!ok) {
    // A half-written file would be read as a damaged key on the next start: remove it so that
    // the next start makes a new one.
    ::unlink(path.c_str());
    return Status::Unavailable("could not write the signing key file " + path);
  }
  return key;
}

Result<SigningKey> SigningKey::OpenOrCreate(const std::string& path, bool* created) {
  if (created != nullptr) *created = false;
  auto read = ReadFile(path);
  if (read.ok() || read.status().code() != StatusCode::kNotFound) return read;
  auto made = CreateFile(path);
  // Another process created it between our read and our create: use theirs.
  if (!made.ok() && made.status().code() == StatusCode::kAlreadyExists) return ReadFile(path);
  if (made.ok() && created != nullptr) *created = true;
  return made;
}

std::string SigningKey::Sign(std::string_view message) const {
  (void)CryptoInit();
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(), secret_.data());
  return signature;
}

bool VerifySignature(const PublicKey& key, std::string_view message, std::string_view signature) {
  if (!CryptoInit().ok() || signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     key.bytes.data()) == 0;
}

}  // namespace siak::card
