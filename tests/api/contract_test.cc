// The router and the OpenAPI document list the same operations.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "api/router.h"

namespace siak::api {
namespace {

TEST(Contract, RouterAndOpenApiDocumentListTheSameOperations) {
  std::ifstream in(SIAK_OPENAPI_PATH);
  ASSERT_TRUE(in) << "missing " << SIAK_OPENAPI_PATH;
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << "docs/openapi.json is not valid JSON";
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (upper == "PARAMETERS" || upper == "SUMMARY" || upper == "DESCRIPTION") continue;
      documented.insert(upper + " " + path + " " + op.value("operationId", "?"));
    }
  }
  std::set<std::string> routed;
  const Router router = BuildRouter();
  for (const auto& r : router.routes()) routed.insert(r.method + " " + r.pattern + " " + r.operation_id);
  for (const auto& op : routed) EXPECT_TRUE(documented.contains(op)) << "not in the OpenAPI document: " << op;
  for (const auto& op : documented) EXPECT_TRUE(routed.contains(op)) << "documented but not routed: " << op;
}

}  // namespace
}  // namespace siak::api
