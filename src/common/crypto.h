// Cryptography the register uses, all from libsodium: SHA-256 for the audit chain and for
// storing token hashes, argon2id for passwords, and a CSPRNG for bearer tokens.
#pragma once

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

}  // namespace siak
