#include "api/handlers/handlers.h"
#include "api/router.h"

namespace siak::api {

Router BuildRouter() {
  Router r;
  auto add = [&](const char* method, const char* pattern, const char* op, std::vector<Role> roles, bool audited,
                 Handler h) { r.Add(Route{method, pattern, op, std::move(roles), false, audited, std::move(h)}); };
  auto add_public = [&](const char* method, const char* pattern, const char* op, bool audited, Handler h) {
    r.Add(Route{method, pattern, op, {}, true, audited, std::move(h)});
  };
  add_public("GET", "/healthz", "healthz", false, Healthz);
  add_public("GET", "/readyz", "readyz", false, Readyz);
  add_public("GET", "/api/v1/openapi.json", "getOpenApi", false, OpenApiDocument);
  r.Add(Route{"POST", "/api/v1/auth/login", "login", {}, true, true, Login, /*keep_changes_on_error=*/true,
              Route::Mode::kWorker});
  add("POST", "/api/v1/auth/logout", "logout", kEveryone, false, Logout);
  add("GET", "/api/v1/auth/me", "getMe", kEveryone, false, Me);

  add("POST", "/api/v1/persons", "createPerson", kRegistrars, true, CreatePerson);
  add("GET", "/api/v1/persons", "searchPersons", kReaders, true, SearchPersons);
  add("GET", "/api/v1/persons/{nik}", "getPerson", kReaders, true, GetPerson);
  add("PATCH", "/api/v1/persons/{nik}", "updatePerson", kRegistrars, true, UpdatePerson);
  add("POST", "/api/v1/persons/{nik}/corrections", "correctPerson", kRegistrars, true, CorrectPerson);
  add("GET", "/api/v1/persons/{nik}/history", "getPersonHistory", kReaders, true, PersonHistory);

  add("POST", "/api/v1/families", "createFamily", kRegistrars, true, CreateFamily);
  add("GET", "/api/v1/families/{kk}", "getFamily", kReaders, true, GetFamily);
  add("POST", "/api/v1/families/{kk}/members", "addFamilyMember", kRegistrars, true, AddFamilyMember);
  add("DELETE", "/api/v1/families/{kk}/members/{nik}", "removeFamilyMember", kRegistrars, true, RemoveFamilyMember);
  add("POST", "/api/v1/families/{kk}/head", "changeFamilyHead", kRegistrars, true, ChangeFamilyHead);
  add("POST", "/api/v1/families/{kk}/split", "splitFamily", kRegistrars, true, SplitFamily);
  add("POST", "/api/v1/families/{kk}/reissue", "reissueFamily", kRegistrars, true, ReissueFamily);

  add("POST", "/api/v1/moves", "createMove", kRegistrars, true, CreateMove);

  add("GET", "/api/v1/regions", "listRegions", kEveryone, false, ListRegions);
  add("GET", "/api/v1/regions/search", "searchRegions", kEveryone, false, SearchRegions);
  add("GET", "/api/v1/regions/{code}", "getRegion", kEveryone, false, GetRegion);

  add("GET", "/api/v1/audit", "queryAudit", kAuditors, true, QueryAudit);

  const std::vector<Role> recorders = {Role::kAdmin, Role::kRecordingOfficer, Role::kRegistrar};
  const std::vector<Role> adjudicators = {Role::kAdmin, Role::kSupervisor};
  const std::vector<Role> verifiers = {Role::kAdmin, Role::kSupervisor, Role::kRegistrar, Role::kRecordingOfficer,
                                       Role::kPartner};
  add("POST", "/api/v1/abis/jobs", "submitAbisJob", recorders, true, SubmitAbisJob);
  add("GET", "/api/v1/abis/jobs/{id}", "getAbisJob", {Role::kAdmin, Role::kSupervisor, Role::kRecordingOfficer,
                                                     Role::kRegistrar, Role::kAuditor}, true, GetAbisJob);
  add("GET", "/api/v1/abis/cases", "listAbisCases", {Role::kAdmin, Role::kSupervisor, Role::kAuditor}, true,
      ListAbisCases);
  add("GET", "/api/v1/abis/cases/{id}", "getAbisCase", {Role::kAdmin, Role::kSupervisor, Role::kAuditor}, true,
      GetAbisCase);
  add("POST", "/api/v1/abis/cases/{id}/decision", "decideAbisCase", adjudicators, true, DecideAbisCase);
  add("POST", "/api/v1/abis/verify", "verifyIris", verifiers, true, VerifyIris);
  add("GET", "/api/v1/abis/stats", "getAbisStats", adjudicators, false, AbisStats);

  // e-KTP. Sites and stock are not personal data; everything that touches a person is audited.
  const std::vector<Role> admins = {Role::kAdmin};
  const std::vector<Role> staff = {Role::kAdmin,         Role::kSupervisor,   Role::kRegistrar,
                                   Role::kRecordingOfficer, Role::kPrintOfficer, Role::kAuditor};
  const std::vector<Role> printers = {Role::kAdmin, Role::kPrintOfficer};
  const std::vector<Role> stock_keepers = {Role::kAdmin, Role::kSupervisor, Role::kPrintOfficer};
  const std::vector<Role> issuers = {Role::kAdmin, Role::kPrintOfficer, Role::kRegistrar};
  // Civil registration (docs/civil.md): officers declare, supervisors register or reject.
  const std::vector<Role> declarers = {Role::kAdmin, Role::kRegistrar, Role::kSupervisor};
  const std::vector<Role> civil_deciders = {Role::kAdmin, Role::kSupervisor};
  const std::vector<Role> civil_readers = {Role::kAdmin, Role::kSupervisor, Role::kRegistrar, Role::kAuditor};
  add("POST", "/api/v1/civil/births", "declareBirth", declarers, true, DeclareBirth);
  add("GET", "/api/v1/civil/events", "listCivilEvents", civil_readers, true, ListCivilEvents);
  add("GET", "/api/v1/civil/events/{id}", "getCivilEvent", civil_readers, true, GetCivilEvent);
  add("POST", "/api/v1/civil/events/{id}/register", "registerCivilEvent", civil_deciders, true, RegisterCivilEvent);
  add("POST", "/api/v1/civil/events/{id}/reject", "rejectCivilEvent", civil_deciders, true, RejectCivilEvent);
  add("POST", "/api/v1/civil/declarations/{kind}", "declareCivilEvent", declarers, true, DeclareCivilEvent);
  add("POST", "/api/v1/civil/events/{id}/corrections", "correctCivilEvent", declarers, true, CorrectCivilEvent);
  add("POST", "/api/v1/civil/events/{id}/cancellations", "cancelCivilEvent", declarers, true, CancelCivilEvent);
  add("GET", "/api/v1/civil/events/{id}/akta", "getAkta", civil_readers, true, GetAkta);
  add("GET", "/api/v1/civil/events/{id}/akta.pdf", "getAktaPdf", declarers, true, GetAktaPdf);
  add("GET", "/api/v1/civil/events/{id}/akta.png", "getAktaPng", civil_readers, true, GetAktaPng);
  add("POST", "/api/v1/civil/events/{id}/copies", "issueAktaCopy", declarers, true, IssueAktaCopy);
  add("GET", "/api/v1/civil/statistics", "getCivilStatistics", civil_readers, false, CivilStatistics);
  add("GET", "/api/v1/persons/{nik}/civil-events", "getPersonCivilEvents", civil_readers, true, PersonCivilEvents);
  add("POST", "/api/v1/civil/events/{id}/attachments", "addCivilAttachment", declarers, true, AddCivilAttachment);
  add("GET", "/api/v1/civil/events/{id}/attachments", "listCivilAttachments", civil_readers, true,
      ListCivilAttachments);
  add("GET", "/api/v1/civil/events/{id}/attachments/{attachment_id}", "getCivilAttachment", civil_readers, true,
      GetCivilAttachment);
  add_public("GET", "/api/v1/akta/verify", "verifyAkta", false, VerifyAkta);
  add("POST", "/api/v1/sites", "createSite", admins, false, CreateSite);
  add("GET", "/api/v1/sites", "listSites", staff, false, ListSites);
  add("GET", "/api/v1/sites/{id}", "getSite", staff, false, GetSite);
  add("POST", "/api/v1/sites/{id}/devices", "registerDevice", admins, false, RegisterDevice);
  add("GET", "/api/v1/sites/{id}/print-queue", "getPrintQueue", printers, true, GetPrintQueue);
  add("POST", "/api/v1/sites/{id}/print", "printCard", printers, true, PrintCard);
  r.Add(Route{"POST", "/api/v1/recordings", "createRecording", recorders, false, true, CreateRecording,
              /*keep_changes_on_error=*/false, Route::Mode::kPrepared, PrepareRecording});
  add("GET", "/api/v1/recordings/{id}", "getRecording", {Role::kAdmin, Role::kSupervisor, Role::kRecordingOfficer,
                                                        Role::kRegistrar, Role::kAuditor}, true, GetRecording);
  add("GET", "/api/v1/persons/{nik}/ektp", "getEktpTimeline", kReaders, true, EktpTimelineOf);
  add("POST", "/api/v1/persons/{nik}/reprints", "requestReprint", issuers, true, RequestReprint);
  add("GET", "/api/v1/stock", "listStock", staff, false, ListStock);
  add("POST", "/api/v1/stock/movements", "moveStock", stock_keepers, true, MoveStock);
  add("GET", "/api/v1/stock/{account}", "getStock", staff, false, GetStock);
  add("PUT", "/api/v1/stock/{account}/quota", "setStockQuota", {Role::kAdmin, Role::kSupervisor}, true, SetStockQuota);
  add("GET", "/api/v1/cards/{serial}", "getCard", {Role::kAdmin, Role::kSupervisor, Role::kPrintOfficer,
                                                   Role::kRegistrar, Role::kAuditor}, true, GetCard);
  add("GET", "/api/v1/cards/{serial}/card.pdf", "getCardPdf", printers, true, GetCardPdf);
  add("GET", "/api/v1/cards/{serial}/card.png", "getCardPng", printers, true, GetCardPng);
  add("GET", "/api/v1/cards/{serial}/chip", "getCardChip", printers, true, GetCardChip);
  add("POST", "/api/v1/cards/{serial}/handover", "handoverCard", issuers, true, HandoverCard);
  add("POST", "/api/v1/cards/{serial}/misprint", "misprintCard", printers, true, MisprintCard);
  add("POST", "/api/v1/suket", "issueSuket", issuers, true, IssueSuket);
  add_public("GET", "/api/v1/suket/verify", "verifySuket", false, VerifySuket);
  add("GET", "/api/v1/suket", "listSukets", {Role::kAdmin, Role::kSupervisor, Role::kPrintOfficer, Role::kRegistrar,
                                             Role::kAuditor}, true, ListSukets);
  add("GET", "/api/v1/suket/{number}", "getSuket", {Role::kAdmin, Role::kSupervisor, Role::kPrintOfficer,
                                                    Role::kRegistrar, Role::kAuditor}, true, GetSuket);
  add("GET", "/api/v1/suket/{number}/suket.pdf", "getSuketPdf", issuers, true, GetSuketPdf);
  add_public("GET", "/api/v1/keys/card", "getCardPublicKey", false, CardPublicKey);
  add("GET", "/api/v1/coverage", "getCoverage", {Role::kAdmin, Role::kSupervisor, Role::kRegistrar,
                                                 Role::kRecordingOfficer, Role::kPrintOfficer, Role::kAuditor},
      false, GetCoverage);
  return r;
}

}  // namespace siak::api
