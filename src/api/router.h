// The route table: every endpoint is registered with its method, path pattern, operation id
// (as in the OpenAPI document), the roles it allows, and whether it touches personal data
// (then every call is audited). Authentication, authorization and audit are applied to every
// route in one place (pipeline.cc); handlers never check roles themselves.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/http.h"
#include "app/auth_service.h"
#include "app/dedup_service.h"
#include "app/ektp_service.h"
#include "app/register_service.h"
#include "domain/known_districts.h"
#include "domain/region_index.h"

namespace siak {
class CivilService;
class OutreachService;
}  // namespace siak

namespace siak::api {

// What a handler may use. One per worker thread (a Store serves one thread at a time).
struct Services {
  Store& store;
  AuthService& auth;
  RegisterService& reg;
  const Clock& clock;
  const RegionIndex& regions;
  const KnownDistricts& districts;
  DedupService* dedup = nullptr;  // shared, thread-safe; null when ABIS is not configured
  EktpService* ektp = nullptr;    // shared, thread-safe; null when not configured
  CivilService* civil = nullptr;  // this worker's (over its store)
  OutreachService* outreach = nullptr;  // this worker's (over its store)
};

struct RequestContext {
  const HttpRequest& req;
  Services& svc;
  std::optional<Principal> principal;          // set for authenticated routes
  std::vector<std::string> subjects;           // NIKs / KK numbers the request touched (audit)
  std::string audit_actor;                     // for public routes (login): who it was about
};

using Handler = std::function<HttpResponse(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;                          // "/api/v1/persons/{nik}"
  std::string operation_id;                     // "getPerson"
  std::vector<Role> roles;                      // empty with public_route: anyone
  bool public_route = false;                    // no authentication
  bool audited = false;                         // reads or changes personal data, or is a login
  Handler handler;
  // Keep the handler's writes even when it answers with an error. (No route needs it now: a
  // failed login's count is committed on the worker before the handler runs.)
  bool keep_changes_on_error = false;
  // Where the handler runs. Writer: in the group-commit writer's batch (every change to the
  // register). Reader: on the worker's own connection, without a transaction, its audit entry
  // group-committed by the writer before the response leaves. Worker: in a transaction of its
  // own on the worker (slow work that must not hold up the writer: password hashing).
  // Prepared: a Writer whose CPU-heavy, store-free checks (`prepare`) run first on a worker,
  // after authorization, so the single writer only does the store work.
  enum class Mode { kAuto, kWorker, kPrepared };  // kAuto: GET is Reader, anything else Writer
  Mode mode = Mode::kAuto;
  std::function<void(Services&, HttpRequest&)> prepare = nullptr;  // kPrepared: may set req.prepared
  // The answer holds a secret (a session token, a generated password): an Idempotency-Key is
  // ignored, so the answer is never stored for replay.
  bool answer_holds_secret = false;
};

class Router {
 public:
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;                // null: no route for this method and path
    bool path_known = false;                     // the path exists under another method (405)
    std::map<std::string, std::string> params;
  };
  Match Find(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Every endpoint of the API (routes.cc).
Router BuildRouter();

// Role sets used by the routes.
extern const std::vector<Role> kReaders;        // who may read persons and families
extern const std::vector<Role> kRegistrars;     // who may change them
extern const std::vector<Role> kEveryone;       // any authenticated user
extern const std::vector<Role> kAuditors;       // who may read the audit log

}  // namespace siak::api
