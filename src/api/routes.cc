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
  r.Add(Route{"POST", "/api/v1/auth/login", "login", {}, true, true, Login, /*keep_changes_on_error=*/false,
              Route::Mode::kPrepared, PrepareLogin, /*answer_holds_secret=*/true});
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

  add("GET", "/api/v1/codes", "getCodeTables", kEveryone, false, CodeTables);
  add("GET", "/api/v1/regions", "listRegions", kEveryone, false, ListRegions);
  add("GET", "/api/v1/regions/search", "searchRegions", kEveryone, false, SearchRegions);
  add("GET", "/api/v1/regions/{code}", "getRegion", kEveryone, false, GetRegion);

  add("GET", "/api/v1/audit", "queryAudit", kAuditors, true, QueryAudit);

  // User administration (admins, within their own scope); password hashing runs on a worker.
  add("GET", "/api/v1/users", "listUsers", {Role::kAdmin}, true, ListUsers);
  r.Add(Route{"POST", "/api/v1/users", "createUser", {Role::kAdmin}, false, true, CreateUser, false,
              Route::Mode::kWorker, nullptr, /*answer_holds_secret=*/true});
  add("POST", "/api/v1/users/{username}/disable", "disableUser", {Role::kAdmin}, true, DisableUser);
  add("POST", "/api/v1/users/{username}/enable", "enableUser", {Role::kAdmin}, true, EnableUser);
  r.Add(Route{"POST", "/api/v1/users/{username}/password", "resetUserPassword", {Role::kAdmin}, false, true,
              ResetUserPassword, false, Route::Mode::kWorker, nullptr, /*answer_holds_secret=*/true});

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
  // The face of the latest recording: biometric, so only for adjudication (audited).
  add("GET", "/api/v1/persons/{nik}/photo", "getPersonPhoto", adjudicators, true, GetPersonPhoto);
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
  add("GET", "/api/v1/coverage/history", "getCoverageHistory", {Role::kAdmin, Role::kSupervisor, Role::kRegistrar,
                                                                Role::kRecordingOfficer, Role::kPrintOfficer,
                                                                Role::kAuditor},
      false, GetCoverageHistory);

  // Service counters (loket, docs/counters.md): supervisors set up desks; counter staff issue,
  // call and serve tickets (audited: a ticket may carry a NIK); the display is public and shows
  // no personal data.
  const std::vector<Role> desk_keepers = {Role::kAdmin, Role::kSupervisor};
  const std::vector<Role> counter_staff = {Role::kAdmin, Role::kRegistrar, Role::kRecordingOfficer};
  const std::vector<Role> counter_readers = {Role::kAdmin, Role::kSupervisor, Role::kRegistrar,
                                             Role::kRecordingOfficer};
  add("POST", "/api/v1/sites/{id}/desks", "openCounterDesk", desk_keepers, false, OpenCounterDesk);
  add("GET", "/api/v1/sites/{id}/desks", "listCounterDesks", counter_readers, false, ListCounterDesks);
  add("PATCH", "/api/v1/desks/{id}", "updateCounterDesk", desk_keepers, false, UpdateCounterDesk);
  add("POST", "/api/v1/sites/{id}/tickets", "issueQueueTicket", counter_staff, true, IssueQueueTicket);
  add("GET", "/api/v1/tickets/{id}", "getQueueTicket", counter_staff, true, GetQueueTicket);
  add("POST", "/api/v1/desks/{id}/call-next", "callNextTicket", counter_staff, true, CallNextTicket);
  add("POST", "/api/v1/tickets/{id}/recall", "recallQueueTicket", counter_staff, true, RecallQueueTicket);
  add("POST", "/api/v1/tickets/{id}/start", "startQueueTicket", counter_staff, true, StartQueueTicket);
  add("POST", "/api/v1/tickets/{id}/finish", "finishQueueTicket", counter_staff, true, FinishQueueTicket);
  add("POST", "/api/v1/tickets/{id}/no-show", "markQueueTicketNoShow", counter_staff, true, NoShowQueueTicket);
  add("GET", "/api/v1/sites/{id}/queue-stats", "getQueueStats", counter_readers, false, GetQueueStats);
  add_public("GET", "/api/v1/public/sites/{id}/display", "getCounterDisplay", false, GetCounterDisplay);
  add_public("GET", "/loket/{id}", "getCounterDisplayPage", false, GetCounterDisplayPage);

  // Jemput bola (docs/outreach.md): supervisors plan; field officers record what they found;
  // lists of persons are audited, counts, rankings and projections are not personal data.
  const std::vector<Role> outreach_readers = {Role::kAdmin, Role::kSupervisor, Role::kRegistrar,
                                              Role::kRecordingOfficer, Role::kAuditor};
  const std::vector<Role> planners = {Role::kAdmin, Role::kSupervisor};
  const std::vector<Role> field = {Role::kAdmin, Role::kSupervisor, Role::kRegistrar, Role::kRecordingOfficer};
  const std::vector<Role> task_closers = {Role::kAdmin, Role::kSupervisor, Role::kRegistrar};
  add("GET", "/api/v1/outreach/unrecorded/counts", "countUnrecorded", outreach_readers, false, UnrecordedCounts);
  add("GET", "/api/v1/outreach/unrecorded", "listUnrecorded", outreach_readers, true, ListUnrecorded);
  add("GET", "/api/v1/outreach/upcoming", "listUpcomingWajib", outreach_readers, true, ListUpcomingWajib);
  add("GET", "/api/v1/outreach/without-card", "listWithoutCard", outreach_readers, true, ListWithoutCard);
  add("GET", "/api/v1/outreach/priority", "getOutreachPriority", outreach_readers, false, OutreachPriority);
  add("GET", "/api/v1/outreach/flags", "listRegionFlags", outreach_readers, false, ListRegionFlags);
  add("POST", "/api/v1/outreach/flags", "setRegionFlag", {Role::kAdmin}, false, SetRegionFlag);
  add("DELETE", "/api/v1/outreach/flags/{region}/{flag}", "deleteRegionFlag", {Role::kAdmin}, false, DeleteRegionFlag);
  add("POST", "/api/v1/outreach/flags/import", "importRegionFlags", {Role::kAdmin}, false, ImportRegionFlags);
  add("POST", "/api/v1/outreach/flags/islands", "seedIslandFlags", {Role::kAdmin}, false, SeedIslandFlags);
  add("POST", "/api/v1/outreach/teams", "createOutreachTeam", planners, false, CreateTeam);
  add("GET", "/api/v1/outreach/teams", "listOutreachTeams", outreach_readers, false, ListTeams);
  add("POST", "/api/v1/outreach/plans", "createOutreachPlan", planners, false, CreatePlan);
  add("GET", "/api/v1/outreach/plans", "listOutreachPlans", outreach_readers, false, ListPlans);
  add("GET", "/api/v1/outreach/plans/{id}", "getOutreachPlan", outreach_readers, false, GetPlan);
  add("GET", "/api/v1/outreach/plans/{id}/plan.pdf", "getOutreachPlanPdf", outreach_readers, false, GetPlanPdf);
  add("GET", "/api/v1/outreach/plans/{id}/progress", "getOutreachProgress", outreach_readers, false, GetPlanProgress);
  add("GET", "/api/v1/outreach/visits/{id}", "getOutreachVisit", outreach_readers, true, GetVisit);
  add("GET", "/api/v1/outreach/visits/{id}/invitations.pdf", "getInvitationsPdf", field, true, GetInvitationsPdf);
  add("POST", "/api/v1/outreach/visits/{id}/invitations", "queueInvitations", field, true, QueueInvitations);
  add("POST", "/api/v1/outreach/visits/{id}/outcomes", "recordVisitOutcome", field, true, RecordVisitOutcome);
  add("GET", "/api/v1/outreach/tasks", "listRegisterTasks", outreach_readers, true, ListRegisterTasks);
  add("POST", "/api/v1/outreach/tasks/{id}/close", "closeRegisterTask", task_closers, true, CloseRegisterTask);
  add("GET", "/api/v1/outreach/outbox", "listOutbox", planners, true, ListOutbox);
  add("PUT", "/api/v1/outreach/targets", "setRecordingTarget", planners, false, SetRecordingTarget);
  add("GET", "/api/v1/outreach/projection", "getTargetProjection", outreach_readers, false, GetProjection);
  add("POST", "/api/v1/outreach/snapshots", "takeCoverageSnapshot", {Role::kAdmin}, false, TakeCoverageSnapshot);
  return r;
}

}  // namespace siak::api
