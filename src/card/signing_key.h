// The Ed25519 key that signs card chip payloads and Suket references. The secret key lives in
// a file (mode 0600, made on first start, never logged); readers verify offline with the public
// key, which the API publishes.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "common/result.h"

namespace siak::card {

struct PublicKey {
  std::array<unsigned char, 32> bytes{};
  std::string Hex() const;
  // The first 8 bytes of SHA-256 of the key, hex: names the key inside payloads.
  std::string KeyId() const;
};
Result<PublicKey> ParsePublicKeyHex(std::string_view hex, const std::string& field);

class SigningKey {
 public:
  static SigningKey Generate();
  // File: 128 hex characters (libsodium's 64-byte secret key, seed || public), optional newline.
  static Result<SigningKey> ReadFile(const std::string& path);
  // Writes a new key with mode 0600; fails if the file exists.
  static Result<SigningKey> CreateFile(const std::string& path);
  // Reads the file, or creates it when it does not exist.
  static Result<SigningKey> OpenOrCreate(const std::string& path, bool* created);

  // The secret is wiped (sodium_memzero) when a key is destroyed or overwritten. Copies are
  // independent keys, each wiped on its own; a moved-from key is wiped at once and is empty (its
  // signatures verify under no key) until it is assigned again.
  SigningKey(const SigningKey& other);
  SigningKey(SigningKey&& other) noexcept;
  SigningKey& operator=(const SigningKey& other);
  SigningKey& operator=(SigningKey&& other) noexcept;
  ~SigningKey();

  const PublicKey& public_key() const { return public_; }
  // Detached Ed25519 signature (64 bytes).
  std::string Sign(std::string_view message) const;

 private:
  SigningKey() = default;  // an empty key: only the factories above make usable ones
  void Wipe() noexcept;

  std::array<unsigned char, 64> secret_{};
  PublicKey public_;
};

bool VerifySignature(const PublicKey& key, std::string_view message, std::string_view signature);

}  // namespace siak::card
