// SessionCache: the sessions a server has recently authenticated, shared by its threads, so that
// a request's bearer token costs a hash and a map lookup instead of a store read.
//
// Exact for changes this process makes: an entry is used only while Store::AuthGeneration() is
// what it was before the store read that produced it, and logout, disabling a user and changing
// a password or role advance it when they commit. Changes made by another process (the CLI,
// another server on the same database) are seen once an entry is `max_age_ms` old. Expiry is
// checked by the caller on every use. Only sessions that authenticated are kept, so unknown
// tokens cannot fill it; at `capacity` it starts over.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "app/principal.h"

namespace siak {

class SessionCache {
 public:
  using MillisClock = std::function<int64_t()>;  // monotonic milliseconds
  static int64_t SteadyMillis();

  struct Session {
    Principal principal;
    int64_t expires_at = 0;  // unix seconds
  };

  explicit SessionCache(int64_t max_age_ms = 1000, size_t capacity = 100000, MillisClock now = SteadyMillis);

  // When a store read began: Store::AuthGeneration() and the time, taken before the read.
  struct ReadMark {
    uint64_t generation = 0;
    int64_t at_ms = 0;
  };
  ReadMark Mark() const;

  // The session of `token_hash`, if it was read after the last change to sessions and users of
  // this process and less than max_age_ms ago.
  std::optional<Session> Find(const std::string& token_hash) const;
  // `mark` was taken before the store read that found `session`.
  void Put(const std::string& token_hash, Session session, ReadMark mark);
  size_t size() const;

 private:
  struct Entry {
    Session session;
    ReadMark read;
  };
  const int64_t max_age_ms_;
  const size_t capacity_;
  const MillisClock now_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace siak
