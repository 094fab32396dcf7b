#include "api/static_site.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/crypto.h"

namespace siak::api {
namespace {

namespace fs = std::filesystem;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

Result<std::string> ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::NotFound("path", p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Paths the server answers itself, never the UI.
bool ServerPath(std::string_view path) {
  return StartsWith(path, "/api/") || path == "/api" || path == "/healthz" || path == "/readyz" ||
         StartsWith(path, "/loket/");
}

bool AcceptsGzip(const HttpRequest& req) {
  const std::string ae = req.Header("Accept-Encoding");
  return ae.find("gzip") != std::string::npos;
}

}  // namespace

std::string StaticSite::ContentType(const std::string& name) {
  const std::string ext = fs::path(name).extension().string();
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}};
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

Result<StaticSite> StaticSite::Load(const std::string& root) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(root) / "index.html", ec)) {
    return Status::NotFound("web_root", root + "/index.html");
  }
  StaticSite site;
  std::map<std::string, std::string> gz;  // url -> compressed twin
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string rel = fs::relative(it->path(), root).generic_string();
    if (StartsWith(rel, ".")) continue;  // .vite/manifest.json and the like
    SIAK_ASSIGN_OR_RETURN(std::string body, ReadAll(it->path()));
    if (rel.size() > 3 && rel.ends_with(".gz")) {
      gz["/" + rel.substr(0, rel.size() - 3)] = std::move(body);
      continue;
    }
    File f;
    f.content_type = ContentType(rel);
    f.etag = "\"" + Sha256Hex(body).substr(0, 32) + "\"";
    f.immutable = StartsWith(rel, "assets/");
    f.body = std::move(body);
    site.files_["/" + rel] = std::move(f);
  }
  if (ec) return Status::Internal("cannot list " + root + ": " + ec.message());
  for (auto& [url, body] : gz) {
    if (auto f = site.files_.find(url); f != site.files_.end()) f->second.gzip = std::move(body);
  }
  return site;
}

size_t StaticSite::bytes() const {
  size_t n = 0;
  for (const auto& [url, f] : files_) n += f.body.size() + f.gzip.size();
  return n;
}

std::optional<HttpResponse> StaticSite::Serve(const HttpRequest& req) const {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  if (ServerPath(req.path) || req.path.find("..") != std::string::npos) return std::nullopt;
  std::string url = req.path == "/" ? "/index.html" : req.path;
  auto it = files_.find(url);
  if (it == files_.end()) {
    // A screen's address (/orang/3204...): the UI routes it. A missing file is a 404.
    const std::string last = url.substr(url.rfind('/') + 1);
    if (last.find('.') != std::string::npos || StartsWith(url, "/assets/")) return std::nullopt;
    it = files_.find("/index.html");
  }
  const File& f = it->second;
  HttpResponse r;
  r.content_type = f.content_type;
  r.SetHeader("ETag", f.etag);
  r.SetHeader("Vary", "Accept-Encoding");
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (f.content_type.starts_with("text/html")) {
    r.SetHeader("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    r.SetHeader("Referrer-Policy", "no-referrer");
    r.SetHeader("X-Frame-Options", "DENY");
  }
  if (req.Header("If-None-Match") == f.etag) {
    r.status = 304;
    return r;
  }
  if (!f.gzip.empty() && AcceptsGzip(req)) {
    r.SetHeader("Content-Encoding", "gzip");
    r.body = req.method == "HEAD" ? std::string() : f.gzip;
  } else {
    r.body = req.method == "HEAD" ? std::string() : f.body;
  }
  return r;
}

}  // namespace siak::api
