#include "common/crypto.h"

#include <cerrno>
#include <cstring>

#include <sodium.h>

#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>

namespace siak {

Status CryptoInit() {
  static const int rc = sodium_init();  // thread-safe, once
  return rc < 0 ? Status::Internal("libsodium could not be initialised") : Status::Ok();
}

namespace {

std::string Hex(const unsigned char* data, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  (void)CryptoInit();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return Hex(digest, sizeof digest);
}

std::string RandomTokenHex(size_t bytes) {
  (void)CryptoInit();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return Hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

Result<std::string> HashPassword(std::string_view password) {
  SIAK_RETURN_IF_ERROR(CryptoInit());
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::ResourceExhausted("password", "not enough memory to hash the password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& stored_hash) {
  if (!CryptoInit().ok()) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string ToHex(std::string_view bytes) {
  return Hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::optional<std::string> FromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out(hex.size() / 2, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr, &len,
                     &end) != 0 || len != out.size() || end != hex.data() + hex.size()) {
    return std::nullopt;
  }
  return out;
}

std::string ToBase64(std::string_view bytes) {
  (void)CryptoInit();
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    variant);
  out.pop_back();  // the terminating NUL
  return out;
}

std::optional<std::string> FromBase64(std::string_view text) {
  (void)CryptoInit();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

SecretKey NewSecretKey() {
  (void)CryptoInit();
  SecretKey key;
  crypto_secretbox_keygen(key.bytes.data());
  return key;
}

Result<SecretKey> ReadSecretKeyFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("key_file", path);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string hex = buf.str();
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
  SecretKey key;
  size_t len = 0;
  if (hex.size() != 64 || sodium_hex2bin(key.bytes.data(), key.bytes.size(), hex.data(), hex.size(), nullptr,
                                         &len, nullptr) != 0 || len != 32) {
    return Status::Invalid("key_file", path, "must hold exactly 64 hexadecimal characters (a 32-byte key)");
  }
  return key;
}

Result<SecretKey> CreateSecretKeyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0 && errno == EEXIST) return Status::AlreadyExists("key_file", path);
  // A missing folder is not an existing key: say what really failed.
  if (fd < 0) return Status::Unavailable("cannot create the key file " + path + ": " + std::strerror(errno));
  const SecretKey key = NewSecretKey();
  const std::string hex = Hex(key.bytes.data(), key.bytes.size()) + "\n";
  const bool ok = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::Unavailable("could not write the key file " + path);
  return key;
}

std::string SealSecret(const SecretKey& key, std::string_view plaintext) {
  (void)CryptoInit();
  std::string out(kSealOverhead + plaintext.size(), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(p, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(p + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plaintext.data()),
                        plaintext.size(), p, key.bytes.data());
  return out;
}

Result<std::string> OpenSecret(const SecretKey& key, std::string_view sealed, const std::string& field) {
  (void)CryptoInit();
  if (sealed.size() < kSealOverhead) {
    return Status::Invalid(field, std::to_string(sealed.size()) + " bytes", "an encrypted value is at least 40 bytes");
  }
  std::string out(sealed.size() - kSealOverhead, '\0');
  const auto* p = reinterpret_cast<const unsigned char*>(sealed.data());
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()), p + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, p, key.bytes.data()) != 0) {
    return Status::Invalid(field, "", "does not decrypt with the configured key (wrong key or changed bytes)");
  }
  return out;
}

}  // namespace siak
