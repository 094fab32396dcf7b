// The operator web UI's static files (web/dist, built by Vite), served by `siak serve` itself.
//
// Loaded into memory once at start-up (the whole UI is a few hundred kilobytes). Files under
// /assets/ carry a content hash in their names and are cached for a year; index.html is
// revalidated on every load (ETag), so a new build reaches the browsers at once. A `.gz` twin
// written by the build is sent to clients that accept gzip (a weak connection pays a third).
// Any other GET path without a file extension that is not an API path answers index.html: the
// UI's own router shows the screen (deep links and reloads work).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "api/http.h"
#include "common/result.h"

namespace siak::api {

class StaticSite {
 public:
  // Reads every file under `root`. kNotFound when root/index.html is missing (UI not built).
  static Result<StaticSite> Load(const std::string& root);

  // The response for a GET or HEAD of `path` with the request's headers, or nullopt when the
  // path is not the UI's (API, health and other server paths, or an unknown file).
  std::optional<HttpResponse> Serve(const HttpRequest& req) const;

  size_t files() const { return files_.size(); }
  size_t bytes() const;

  // The Content-Type for a file name, by its extension.
  static std::string ContentType(const std::string& name);

 private:
  struct File {
    std::string body, gzip, content_type, etag;
    bool immutable = false;
  };
  std::map<std::string, File> files_;  // "/index.html", "/assets/index-ab12.js", ...
};

}  // namespace siak::api
