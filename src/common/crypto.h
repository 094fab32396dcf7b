// Cryptography the register uses, all from libsodium: SHA-256 for the audit chain and for
// storing token hashes, argon2id for passwords, and a CSPRNG for bearer tokens.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace siak {

// Initialises libsodium once; every function below calls it. Fails only if the library
// cannot find a source of randomness.
Status CryptoInit();

std::string Sha256Hex(std::string_view data);

// A random token of `bytes` bytes, hex encoded (so 2*bytes characters).
std::string RandomTokenHex(size_t bytes = 32);

// argon2id at libsodium's INTERACTIVE limits (~0.2 s and 64 MiB on this machine): run it off
// the network thread. The result is a self-describing string ($argon2id$v=19$m=...).
Result<std::string> HashPassword(std::string_view password);
// Constant-time verification against a stored hash string.
bool VerifyPassword(std::string_view password, const std::string& stored_hash);

// Compares two strings in time that depends only on their length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// A 32-byte secret key for encryption at rest (biometric templates). Never logged.
struct SecretKey {
  std::array<unsigned char, 32> bytes{};
};
// A fresh random key.
SecretKey NewSecretKey();
// The key in a file of 64 hex characters (an optional trailing newline); errors name the file.
Result<SecretKey> ReadSecretKeyFile(const std::string& path);
// Writes a new random key to `path` with mode 0600; fails if the file exists.
Result<SecretKey> CreateSecretKeyFile(const std::string& path);

// XSalsa20-Poly1305 (libsodium secretbox): nonce || MAC || ciphertext, a random nonce each time.
std::string SealSecret(const SecretKey& key, std::string_view plaintext);
// Fails with kInvalidArgument naming `field` when the box is short or does not authenticate
// (a wrong key or changed bytes).
Result<std::string> OpenSecret(const SecretKey& key, std::string_view sealed, const std::string& field);
inline constexpr size_t kSealOverhead = 24 + 16;

// Lower-case hex, and back (nullopt when `hex` is not an even run of hex digits).
std::string ToHex(std::string_view bytes);
std::optional<std::string> FromHex(std::string_view hex);
// Standard base64 with padding (RFC 4648), and back (nullopt when not valid base64).
std::string ToBase64(std::string_view bytes);
std::optional<std::string> FromBase64(std::string_view text);

}  // namespace siak
