#include "api/static_site.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace siak::api {
namespace {

namespace fs = std::filesystem;

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("siak_static_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / ".vite");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& body) { std::ofstream(root_ / rel, std::ios::binary) << body; }
  static HttpRequest Get(std::string path, std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest r;
    r.method = "GET";
    r.path = std::move(path);
    r.headers = std::move(headers);
    return r;
  }
  fs::path root_;
};

TEST_F(StaticSiteTest, WithoutIndexHtmlTheUiIsNotBuilt) {
  auto site = StaticSite::Load(root_.string());
  ASSERT_FALSE(site.ok());
  EXPECT_EQ(site.status().field(), "web_root");
}

TEST_F(StaticSiteTest, ServesFilesWithTypesAndCachingAndScreensGetIndexHtml) {
  Write("index.html", "<!doctype html><title>SIAK</title>");
  Write("assets/index-ab12.js", "console.log(1)");
  Write(".vite/manifest.json", "{}");
  auto site = StaticSite::Load(root_.string());
  ASSERT_TRUE(site.ok()) << site.status().ToString();
  EXPECT_EQ(site->files(), 2u);  // the build's own .vite folder is not served

  auto index = site->Serve(Get("/"));
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index->Header("Cache-Control"), "no-cache");
  EXPECT_NE(index->Header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);

  auto js = site->Serve(Get("/assets/index-ab12.js"));
  ASSERT_TRUE(js.has_value());
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(js->Header("Cache-Control").find("immutable"), std::string::npos);

  // A screen's address is the UI's: index.html, so reloads and deep links work.
  auto screen = site->Serve(Get("/orang/3204065608860001"));
  ASSERT_TRUE(screen.has_value());
  EXPECT_EQ(screen->body, index->body);

  // Not the UI's: the API, health, the counter display, missing files, escapes, writes.
  EXPECT_FALSE(site->Serve(Get("/api/v1/persons")).has_value());
  EXPECT_FALSE(site->Serve(Get("/healthz")).has_value());
  EXPECT_FALSE(site->Serve(Get("/loket/4")).has_value());
  EXPECT_FALSE(site->Serve(Get("/assets/missing.js")).has_value());
  EXPECT_FALSE(site->Serve(Get("/assets/nothing")).has_value());
  EXPECT_FALSE(site->Serve(Get("/favicon.ico")).has_value());
  EXPECT_FALSE(site->Serve(Get("/../secret")).has_value());
  HttpRequest post = Get("/");
  post.method = "POST";
  EXPECT_FALSE(site->Serve(post).has_value());
}

TEST_F(StaticSiteTest, GzipTwinOnlyForClientsThatAcceptItAndEtagRevalidates) {
  Write("index.html", "<!doctype html>");
  Write("assets/app.js", "plain");
  Write("assets/app.js.gz", "compressed");
  auto site = StaticSite::Load(root_.string());
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site->files(), 2u);  // the twin belongs to its file

  auto plain = site->Serve(Get("/assets/app.js"));
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->body, "plain");
  EXPECT_EQ(plain->Header("Content-Encoding"), "");

  auto gz = site->Serve(Get("/assets/app.js", {{"Accept-Encoding", "gzip, deflate, br"}}));
  ASSERT_TRUE(gz.has_value());
  EXPECT_EQ(gz->body, "compressed");
  EXPECT_EQ(gz->Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gz->Header("Vary"), "Accept-Encoding");

  const std::string etag = plain->Header("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = site->Serve(Get("/assets/app.js", {{"If-None-Match", etag}}));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto other = site->Serve(Get("/assets/app.js", {{"If-None-Match", "\"stale\""}}));
  EXPECT_EQ(other->status, 200);
}

}  // namespace
}  // namespace siak::api
