// The endpoint handlers. Each is a function of the request context; routes.cc registers them
// with their roles. Roles are never checked here (the pipeline did); region scope is checked
// by the use cases, which answer "not found" for anything outside the caller's scope.
#pragma once

#include "api/router.h"

namespace siak::api {

HttpResponse Healthz(RequestContext& ctx);
HttpResponse Readyz(RequestContext& ctx);
HttpResponse OpenApiDocument(RequestContext& ctx);

HttpResponse Login(RequestContext& ctx);
void PrepareLogin(Services& svc, HttpRequest& req);
HttpResponse Logout(RequestContext& ctx);
HttpResponse Me(RequestContext& ctx);

HttpResponse CreatePerson(RequestContext& ctx);
HttpResponse GetPerson(RequestContext& ctx);
HttpResponse UpdatePerson(RequestContext& ctx);
HttpResponse CorrectPerson(RequestContext& ctx);
HttpResponse PersonHistory(RequestContext& ctx);
HttpResponse SearchPersons(RequestContext& ctx);

HttpResponse CreateFamily(RequestContext& ctx);
HttpResponse GetFamily(RequestContext& ctx);
HttpResponse AddFamilyMember(RequestContext& ctx);
HttpResponse RemoveFamilyMember(RequestContext& ctx);
HttpResponse ChangeFamilyHead(RequestContext& ctx);
HttpResponse SplitFamily(RequestContext& ctx);
HttpResponse ReissueFamily(RequestContext& ctx);

HttpResponse CreateMove(RequestContext& ctx);

HttpResponse ListRegions(RequestContext& ctx);
HttpResponse SearchRegions(RequestContext& ctx);
HttpResponse GetRegion(RequestContext& ctx);

HttpResponse QueryAudit(RequestContext& ctx);

HttpResponse SubmitAbisJob(RequestContext& ctx);
HttpResponse GetAbisJob(RequestContext& ctx);
HttpResponse ListAbisCases(RequestContext& ctx);
HttpResponse GetAbisCase(RequestContext& ctx);
HttpResponse DecideAbisCase(RequestContext& ctx);
HttpResponse VerifyIris(RequestContext& ctx);
HttpResponse AbisStats(RequestContext& ctx);

HttpResponse DeclareBirth(RequestContext& ctx);
HttpResponse DeclareCivilEvent(RequestContext& ctx);
HttpResponse GetCivilEvent(RequestContext& ctx);
HttpResponse ListCivilEvents(RequestContext& ctx);
HttpResponse RegisterCivilEvent(RequestContext& ctx);
HttpResponse RejectCivilEvent(RequestContext& ctx);
HttpResponse CorrectCivilEvent(RequestContext& ctx);
HttpResponse CancelCivilEvent(RequestContext& ctx);
HttpResponse GetAkta(RequestContext& ctx);
HttpResponse GetAktaPdf(RequestContext& ctx);
HttpResponse GetAktaPng(RequestContext& ctx);
HttpResponse IssueAktaCopy(RequestContext& ctx);
HttpResponse VerifyAkta(RequestContext& ctx);
HttpResponse CivilStatistics(RequestContext& ctx);
HttpResponse PersonCivilEvents(RequestContext& ctx);
HttpResponse AddCivilAttachment(RequestContext& ctx);
HttpResponse ListCivilAttachments(RequestContext& ctx);
HttpResponse GetCivilAttachment(RequestContext& ctx);

// A file answer (PDF, PNG, chip payload), not cached.
HttpResponse Binary(std::string body, const std::string& type, const std::string& filename);

HttpResponse CreateSite(RequestContext& ctx);
HttpResponse ListSites(RequestContext& ctx);
HttpResponse GetSite(RequestContext& ctx);
HttpResponse RegisterDevice(RequestContext& ctx);
HttpResponse CreateRecording(RequestContext& ctx);
// Decodes the body and checks the captures on a worker, before the write (Route::Mode::kPrepared).
void PrepareRecording(Services& svc, HttpRequest& req);
HttpResponse GetRecording(RequestContext& ctx);
HttpResponse EktpTimelineOf(RequestContext& ctx);
HttpResponse MoveStock(RequestContext& ctx);
HttpResponse ListStock(RequestContext& ctx);
HttpResponse GetStock(RequestContext& ctx);
HttpResponse SetStockQuota(RequestContext& ctx);
HttpResponse GetPrintQueue(RequestContext& ctx);
HttpResponse PrintCard(RequestContext& ctx);
HttpResponse GetCard(RequestContext& ctx);
HttpResponse GetCardPdf(RequestContext& ctx);
HttpResponse GetCardPng(RequestContext& ctx);
HttpResponse GetCardChip(RequestContext& ctx);
HttpResponse HandoverCard(RequestContext& ctx);
HttpResponse MisprintCard(RequestContext& ctx);
HttpResponse RequestReprint(RequestContext& ctx);
HttpResponse IssueSuket(RequestContext& ctx);
HttpResponse ListSukets(RequestContext& ctx);
HttpResponse GetSuket(RequestContext& ctx);
HttpResponse GetSuketPdf(RequestContext& ctx);
HttpResponse VerifySuket(RequestContext& ctx);
HttpResponse CardPublicKey(RequestContext& ctx);
HttpResponse GetCoverage(RequestContext& ctx);

// Service counters (loket): desks, queue tickets, statistics and the public display (counters.cc).
HttpResponse OpenCounterDesk(RequestContext& ctx);
HttpResponse ListCounterDesks(RequestContext& ctx);
HttpResponse UpdateCounterDesk(RequestContext& ctx);
HttpResponse IssueQueueTicket(RequestContext& ctx);
HttpResponse GetQueueTicket(RequestContext& ctx);
HttpResponse CallNextTicket(RequestContext& ctx);
HttpResponse RecallQueueTicket(RequestContext& ctx);
HttpResponse StartQueueTicket(RequestContext& ctx);
HttpResponse FinishQueueTicket(RequestContext& ctx);
HttpResponse NoShowQueueTicket(RequestContext& ctx);
HttpResponse GetQueueStats(RequestContext& ctx);
HttpResponse GetCounterDisplay(RequestContext& ctx);
HttpResponse GetCounterDisplayPage(RequestContext& ctx);

// The OpenAPI document served at /api/v1/openapi.json (loaded from docs/openapi.json).
void SetOpenApiDocument(std::string document);

// Jemput bola (handlers/outreach.cc).
HttpResponse UnrecordedCounts(RequestContext& ctx);
HttpResponse ListUnrecorded(RequestContext& ctx);
HttpResponse ListUpcomingWajib(RequestContext& ctx);
HttpResponse ListWithoutCard(RequestContext& ctx);
HttpResponse OutreachPriority(RequestContext& ctx);
HttpResponse ListRegionFlags(RequestContext& ctx);
HttpResponse SetRegionFlag(RequestContext& ctx);
HttpResponse DeleteRegionFlag(RequestContext& ctx);
HttpResponse ImportRegionFlags(RequestContext& ctx);
HttpResponse SeedIslandFlags(RequestContext& ctx);
HttpResponse CreateTeam(RequestContext& ctx);
HttpResponse ListTeams(RequestContext& ctx);
HttpResponse CreatePlan(RequestContext& ctx);
HttpResponse ListPlans(RequestContext& ctx);
HttpResponse GetPlan(RequestContext& ctx);
HttpResponse GetPlanPdf(RequestContext& ctx);
HttpResponse GetPlanProgress(RequestContext& ctx);
HttpResponse GetVisit(RequestContext& ctx);
HttpResponse GetInvitationsPdf(RequestContext& ctx);
HttpResponse QueueInvitations(RequestContext& ctx);
HttpResponse RecordVisitOutcome(RequestContext& ctx);
HttpResponse ListRegisterTasks(RequestContext& ctx);
HttpResponse CloseRegisterTask(RequestContext& ctx);
HttpResponse ListOutbox(RequestContext& ctx);
HttpResponse SetRecordingTarget(RequestContext& ctx);
HttpResponse GetProjection(RequestContext& ctx);
HttpResponse TakeCoverageSnapshot(RequestContext& ctx);
HttpResponse GetCoverageHistory(RequestContext& ctx);
HttpResponse CodeTables(RequestContext& ctx);
HttpResponse GetPersonPhoto(RequestContext& ctx);
// User administration (users.cc).
HttpResponse ListUsers(RequestContext& ctx);
HttpResponse CreateUser(RequestContext& ctx);
HttpResponse DisableUser(RequestContext& ctx);
HttpResponse EnableUser(RequestContext& ctx);
HttpResponse ResetUserPassword(RequestContext& ctx);

}  // namespace siak::api
