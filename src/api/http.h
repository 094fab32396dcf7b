// HTTP request and response as plain values: handlers and the pipeline know nothing of the
// server library (RESTinio lives in server.cc only), so they compile fast and test directly.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace siak::api {

struct HttpRequest {
  std::string method;                                 // "GET"
  std::string path;                                   // "/api/v1/persons/3273..." (no query)
  std::multimap<std::string, std::string> query;      // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote;                                 // client address
  std::map<std::string, std::string> params;          // path parameters, filled by the router
  // What a route's prepare step made of the body on a worker (decoded and checked captures),
  // for its handler on the writer; null when the route has none or it did not run.
  std::shared_ptr<const void> prepared;

  // Case-insensitive header lookup; "" when absent.
  std::string Header(std::string_view name) const;
  // First value of a query parameter; "" when absent.
  std::string Query(std::string_view name) const;
  bool HasQuery(std::string_view name) const { return query.contains(std::string(name)); }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void SetHeader(std::string name, std::string value);
  std::string Header(std::string_view name) const;
};

// Splits "path?query" and percent-decodes the query.
void ParseTarget(std::string_view target, std::string* path, std::multimap<std::string, std::string>* query);
std::string PercentDecode(std::string_view text);

}  // namespace siak::api
