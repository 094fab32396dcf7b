// Result<T>: a value or a failed Status (std::expected in spirit; we are on C++20).
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "common/status.h"

namespace siak {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok() && "a Result cannot hold an OK status without a value");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

#define SIAK_CONCAT_INNER(a, b) a##b
#define SIAK_CONCAT(a, b) SIAK_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when `expr` fails.
#define SIAK_RETURN_IF_ERROR(expr)              \
  do {                                          \
    ::siak::Status siak_status_ = (expr);       \
    if (!siak_status_.ok()) return siak_status_; \
  } while (0)

// Declares `lhs` from a Result, or returns its Status from the enclosing function.
#define SIAK_ASSIGN_OR_RETURN(lhs, expr)                                   \
  auto SIAK_CONCAT(siak_result_, __LINE__) = (expr);                       \
  if (!SIAK_CONCAT(siak_result_, __LINE__).ok())                           \
    return SIAK_CONCAT(siak_result_, __LINE__).status();                   \
  lhs = std::move(SIAK_CONCAT(siak_result_, __LINE__)).value()

}  // namespace siak
