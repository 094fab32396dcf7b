// Minimal JSON text building for event payloads and logs (the API layer uses a full JSON
// library; these helpers only write).
#pragma once

#include <string>
#include <string_view>

namespace siak {

// `text` as a JSON string literal, quotes included; control characters and non-UTF-8 bytes
// are escaped so the result is always valid JSON.
std::string JsonQuote(std::string_view text);

}  // namespace siak
