// Service counters (loket): desks at a site, queue tickets, calling, serving, statistics, and the
// public display of a site (JSON, and a self-contained HTML page for a screen in the waiting room)
// (docs/counters.md). Tickets may carry a resident's NIK: their routes are audited with it. The
// public display shows ticket labels, desk names and counts only, never a NIK.
#include <cstdint>

#include "api/handlers/handlers.h"
#include "api/json_io.h"
#include "api/pipeline.h"
#include "api/problem.h"
#include "app/counter_service.h"

namespace siak::api {
namespace {

Result<int64_t> PathId(RequestContext& ctx, const std::string& field) {
  return WholeNumber(field, ctx.req.params.at("id"), 1, INT64_MAX, "must be a positive whole number");
}

std::string ServiceLabel(const std::string& name) {
  auto s = ParseQueueService(name);
  return s.ok() ? std::string(QueueServiceOf(*s).label) : name;
}

Json DeskJson(const CounterDesk& d) {
  return Json{{"id", d.id},         {"site_id", d.site_id}, {"name", d.name}, {"services", DeskServices(d)},
              {"active", d.active}, {"created_by", d.created_by}, {"created_at", d.created_at}};
}

Json TicketJson(const CounterTicket& t) {
  return Json{{"id", t.id},
              {"site_id", t.site_id},
              {"service", t.service},
              {"service_label", ServiceLabel(t.service)},
              {"day", t.day},
              {"number", t.number},
              {"label", t.label},
              {"state", t.state},
              {"desk_id", t.desk_id == 0 ? Json(nullptr) : Json(t.desk_id)},
              {"nik", Nullable(t.nik)},
              {"issued_by", t.issued_by},
              {"issued_at", t.issued_at},
              {"called_at", Nullable(t.called_at)},
              {"announced_at", Nullable(t.announced_at)},
              {"recalls", t.recalls},
              {"started_at", Nullable(t.started_at)},
              {"finished_at", Nullable(t.finished_at)}};
}

Json DurationJson(const DurationSummary& d) {
  return Json{{"count", d.count}, {"mean_seconds", d.mean}, {"p50_seconds", d.p50}, {"p90_seconds", d.p90}};
}

Json StatsRowJson(const QueueStatsRow& r) {
  Json j{{"tickets", r.tickets}, {"waiting", r.waiting},   {"called", r.called},
         {"serving", r.serving}, {"done", r.done},         {"no_shows", r.no_shows},
         {"wait", DurationJson(r.wait)}, {"service_time", DurationJson(r.service_time)}};
  if (!r.service.empty()) j["service"] = r.service;
  if (r.desk_id != 0) {
    j["desk_id"] = r.desk_id;
    j["desk_name"] = r.desk_name;
  }
  return j;
}

Result<std::vector<std::string>> ServicesField(const Json& body, bool required) {
  auto it = body.find("services");
  if (it == body.end() || it->is_null()) {
    if (required) return Status::Invalid("services", "", "is required");
    return std::vector<std::string>();
  }
  if (!it->is_array()) return Status::Invalid("services", "", "must be a list of service names").WithLocation("json");
  std::vector<std::string> out;
  for (size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) {
      return Status::Invalid("services[" + std::to_string(i) + "]", "", "must be a JSON string").WithLocation("json");
    }
    out.push_back((*it)[i].get<std::string>());
  }
  return out;
}

HttpResponse Ticket(RequestContext& ctx, int status, const CounterTicket& t) {
  if (!t.nik.empty()) ctx.subjects.push_back(t.nik);
  return JsonResponse(status, TicketJson(t).dump());
}

HttpResponse ActOnTicket(RequestContext& ctx, siak::TicketAction action) {
  auto id = PathId(ctx, "ticket_id");
  if (!id.ok()) return ErrorResponse(id.status());
  CounterService counters(ctx.svc.clock);
  if (auto before = counters.GetTicket(ctx.svc.store, *ctx.principal, *id); before.ok() && !before->nik.empty()) {
    ctx.subjects.push_back(before->nik);  // audited with the resident even when refused
  }
  auto t = counters.Act(ctx.svc.store, *ctx.principal, *id, action);
  if (!t.ok()) return ErrorResponse(t.status());
  return Ticket(ctx, 200, *t);
}

Json DisplayJson(const DisplayState& d) {
  Json called = Json::array();
  for (const auto& c : d.called) {
    called.push_back(Json{{"label", c.label},
                          {"service", c.service},
                          {"service_label", ServiceLabel(c.service)},
                          {"desk", c.desk_name},
                          {"state", c.state},
                          {"announced_at", c.announced_at},
                          {"recalls", c.recalls}});
  }
  Json desks = Json::array();
  for (const auto& k : d.desks) {
    desks.push_back(Json{{"name", k.name},
                         {"services", k.services},
                         {"label", Nullable(k.label)},
                         {"state", Nullable(k.state)}});
  }
  Json waiting = Json::array();
  for (const auto& w : d.waiting) {
    waiting.push_back(Json{{"service", w.service},
                           {"service_label", w.service_label},
                           {"letter", std::string(1, w.letter)},
                           {"count", w.count}});
  }
  return Json{{"site", Json{{"id", d.site_id}, {"name", d.site_name}}},
              {"day", d.day},
              {"generated_at", d.generated_at},
              {"called", called},
              {"desks", desks},
              {"waiting", waiting}};
}

std::string HtmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// The display page: no external assets, large high-contrast numbers, polls the JSON every 2.5 s
// and keeps the last state (with a small notice) while a poll fails. Data is put into the page
// with textContent only. @SITE_ID@ and @SITE_NAME@ are filled in by DisplayPage.
constexpr const char* kDisplayPage = R"html(<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Antrean — @SITE_NAME@</title>
<style>
  :root { --bg: #000; --panel: #111827; --fg: #fff; --accent: #ffd400; --muted: #cbd5e1; --ok: #22c55e; }
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; background: var(--bg); color: var(--fg);
    font-family: "DejaVu Sans", Verdana, Arial, sans-serif; }
  body { display: grid; grid-template-rows: auto 1fr auto; gap: 1.2vh; padding: 1.5vh 2vw; }
  header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 0.4vh solid var(--accent); }
  header h1 { font-size: 4vh; margin: 0 0 0.8vh 0; letter-spacing: 0.05em; }
  #clock { font-size: 5vh; font-weight: bold; font-variant-numeric: tabular-nums; }
  main { display: grid; grid-template-columns: 3fr 2fr; gap: 2vw; min-height: 0; }
  .panel { background: var(--panel); border-radius: 1.5vh; padding: 2vh 2vw; min-height: 0; overflow: hidden; }
  .caption { color: var(--muted); font-size: 3.2vh; font-weight: bold; letter-spacing: 0.12em; margin: 0; }
  #now { display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; }
  #now-label { font-size: 26vh; line-height: 1; font-weight: bold; color: var(--accent);
    font-variant-numeric: tabular-nums; margin: 2vh 0; }
  #now-desk { font-size: 10vh; font-weight: bold; line-height: 1.1; }
  #now-service { font-size: 3.5vh; color: var(--muted); margin-top: 1vh; }
  .flash { animation: flash 1s ease-in-out 3; }
  @keyframes flash { 50% { background: var(--accent); color: #000; } }
  table { width: 100%; border-collapse: collapse; font-size: 5vh; }
  th { text-align: left; color: var(--muted); font-size: 2.6vh; letter-spacing: 0.1em; padding-bottom: 1vh; }
  td { padding: 0.6vh 0; border-top: 0.2vh solid #374151; font-weight: bold; }
  td.num { color: var(--accent); font-variant-numeric: tabular-nums; }
  td.serving { color: var(--ok); }
  footer { display: flex; flex-wrap: wrap; gap: 1.5vw; align-items: center; }
  .wait { background: var(--panel); border-radius: 1.2vh; padding: 1vh 1.5vw; font-size: 3.2vh; }
  .wait b { color: var(--accent); font-size: 5vh; margin-left: 0.8vw; font-variant-numeric: tabular-nums; }
  #offline { display: none; position: fixed; right: 1.5vw; bottom: 1.5vh; background: #7f1d1d; color: #fff;
    font-size: 2.2vh; padding: 0.6vh 1vw; border-radius: 0.8vh; }
  body.offline #offline { display: block; }
  .empty { color: var(--muted); font-weight: normal; }
</style>
</head>
<body data-site="@SITE_ID@">
<header>
  <h1 id="site">@SITE_NAME@</h1>
  <div id="clock">--:--</div>
</header>
<main>
  <section class="panel" id="now">
    <p class="caption">NOMOR ANTREAN</p>
    <div id="now-label">---</div>
    <p class="caption">LOKET</p>
    <div id="now-desk">-</div>
    <div id="now-service"></div>
  </section>
  <section class="panel">
    <p class="caption">SEDANG DILAYANI</p>
    <table>
      <thead><tr><th>LOKET</th><th>NOMOR</th></tr></thead>
      <tbody id="desks"></tbody>
    </table>
    <p class="caption" style="margin-top:2vh">PANGGILAN TERAKHIR</p>
    <table><tbody id="recent"></tbody></table>
  </section>
</main>
<footer>
  <span class="caption">MENUNGGU</span>
  <span id="waiting"></span>
</footer>
<div id="offline" role="status">koneksi terputus — menampilkan data terakhir</div>
<script>
(function () {
  "use strict";
  var site = document.body.getAttribute("data-site");
  var url = "/api/v1/public/sites/" + encodeURIComponent(site) + "/display";
  var lastKey = null;
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fill(parent, children) {
    while (parent.firstChild) parent.removeChild(parent.firstChild);
    children.forEach(function (c) { parent.appendChild(c); });
  }
  function row(cells) {
    var tr = el("tr");
    cells.forEach(function (c) { tr.appendChild(c); });
    return tr;
  }
  function render(d) {
    document.getElementById("site").textContent = d.site.name;
    var latest = d.called.length ? d.called[0] : null;
    document.getElementById("now-label").textContent = latest ? latest.label : "---";
    document.getElementById("now-desk").textContent = latest ? latest.desk : "-";
    document.getElementById("now-service").textContent = latest ? latest.service_label : "";
    var key = latest ? latest.label + "|" + latest.announced_at + "|" + latest.recalls : null;
    if (key && lastKey !== null && key !== lastKey) {
      var now = document.getElementById("now");
      now.classList.remove("flash");
      void now.offsetWidth;
      now.classList.add("flash");
    }
    lastKey = key;
    fill(document.getElementById("desks"), d.desks.map(function (k) {
      var label = k.label ? k.label : "—";
      var cls = k.state === "SERVING" ? "num serving" : (k.label ? "num" : "empty");
      return row([el("td", k.name), el("td", label, cls)]);
    }));
    fill(document.getElementById("recent"), d.called.slice(1).map(function (c) {
      return row([el("td", c.label, "num"), el("td", c.desk)]);
    }));
    fill(document.getElementById("waiting"), d.waiting.map(function (w) {
      var s = el("span", w.letter + " · " + w.service_label, "wait");
      s.appendChild(el("b", w.count));
      return s;
    }));
  }
  function poll() {
    var ctl = window.AbortController ? new AbortController() : null;
    var timer = ctl ? setTimeout(function () { ctl.abort(); }, 2000) : null;
    fetch(url, { cache: "no-store", signal: ctl ? ctl.signal : undefined })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (d) { render(d); document.body.classList.remove("offline"); })
      .catch(function () { document.body.classList.add("offline"); })
      .then(function () { if (timer) clearTimeout(timer); setTimeout(poll, 2500); });
  }
  function tick() {
    var t = new Date();
    var hh = ("0" + t.getHours()).slice(-2), mm = ("0" + t.getMinutes()).slice(-2);
    document.getElementById("clock").textContent = hh + ":" + mm;
  }
  tick();
  setInterval(tick, 10000);
  poll();
})();
</script>
</body>
</html>
)html";

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

HttpResponse OpenCounterDesk(RequestContext& ctx) {
  auto site = PathId(ctx, "site_id");
  if (!site.ok()) return ErrorResponse(site.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto name = StringField(*body, "name", true);
  if (!name.ok()) return ErrorResponse(name.status());
  auto services = ServicesField(*body, true);
  if (!services.ok()) return ErrorResponse(services.status());
  auto desk = CounterService(ctx.svc.clock).OpenDesk(ctx.svc.store, *ctx.principal, *site, DeskInput{**name, *services});
  if (!desk.ok()) return ErrorResponse(desk.status());
  HttpResponse r = JsonResponse(201, DeskJson(*desk).dump());
  r.SetHeader("Location", "/api/v1/sites/" + std::to_string(*site) + "/desks");
  return r;
}

HttpResponse ListCounterDesks(RequestContext& ctx) {
  auto site = PathId(ctx, "site_id");
  if (!site.ok()) return ErrorResponse(site.status());
  auto desks = CounterService(ctx.svc.clock).ListDesks(ctx.svc.store, *ctx.principal, *site);
  if (!desks.ok()) return ErrorResponse(desks.status());
  Json items = Json::array();
  for (const auto& v : *desks) {
    Json j = DeskJson(v.desk);
    j["current"] = v.current ? TicketJson(*v.current) : Json(nullptr);
    if (v.current && !v.current->nik.empty()) j["current"]["nik"] = nullptr;  // a list is not about one resident
    items.push_back(std::move(j));
  }
  return JsonResponse(200, Json{{"desks", items}}.dump());
}

HttpResponse UpdateCounterDesk(RequestContext& ctx) {
  auto id = PathId(ctx, "desk_id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  DeskChange change;
  if (body->contains("services")) {
    auto services = ServicesField(*body, true);
    if (!services.ok()) return ErrorResponse(services.status());
    change.services = *services;
  }
  auto active = BoolField(*body, "active", false);
  if (!active.ok()) return ErrorResponse(active.status());
  change.active = *active;
  auto desk = CounterService(ctx.svc.clock).ChangeDesk(ctx.svc.store, *ctx.principal, *id, change);
  if (!desk.ok()) return ErrorResponse(desk.status());
  return JsonResponse(200, DeskJson(*desk).dump());
}

HttpResponse IssueQueueTicket(RequestContext& ctx) {
  auto site = PathId(ctx, "site_id");
  if (!site.ok()) return ErrorResponse(site.status());
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto service = StringField(*body, "service", true);
  if (!service.ok()) return ErrorResponse(service.status());
  auto nik = StringField(*body, "nik", false);
  if (!nik.ok()) return ErrorResponse(nik.status());
  if (*nik && !(*nik)->empty()) ctx.subjects.push_back(**nik);
  auto t = CounterService(ctx.svc.clock)
               .IssueTicket(ctx.svc.store, *ctx.principal, *site, TicketInput{**service, nik->value_or("")});
  if (!t.ok()) return ErrorResponse(t.status());
  HttpResponse r = Ticket(ctx, 201, *t);
  r.SetHeader("Location", "/api/v1/tickets/" + std::to_string(t->id));
  return r;
}

HttpResponse GetQueueTicket(RequestContext& ctx) {
  auto id = PathId(ctx, "ticket_id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto t = CounterService(ctx.svc.clock).GetTicket(ctx.svc.store, *ctx.principal, *id);
  if (!t.ok()) return ErrorResponse(t.status());
  return Ticket(ctx, 200, *t);
}

HttpResponse CallNextTicket(RequestContext& ctx) {
  auto id = PathId(ctx, "desk_id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto t = CounterService(ctx.svc.clock).CallNext(ctx.svc.store, *ctx.principal, *id);
  if (!t.ok()) return ErrorResponse(t.status());
  if (*t && !(*t)->nik.empty()) ctx.subjects.push_back((*t)->nik);
  return JsonResponse(200, Json{{"ticket", *t ? TicketJson(**t) : Json(nullptr)}}.dump());
}

HttpResponse RecallQueueTicket(RequestContext& ctx) { return ActOnTicket(ctx, siak::TicketAction::kRecall); }
HttpResponse StartQueueTicket(RequestContext& ctx) { return ActOnTicket(ctx, siak::TicketAction::kStart); }
HttpResponse FinishQueueTicket(RequestContext& ctx) { return ActOnTicket(ctx, siak::TicketAction::kFinish); }
HttpResponse NoShowQueueTicket(RequestContext& ctx) { return ActOnTicket(ctx, siak::TicketAction::kNoShow); }

HttpResponse GetQueueStats(RequestContext& ctx) {
  auto site = PathId(ctx, "site_id");
  if (!site.ok()) return ErrorResponse(site.status());
  std::string from = ctx.req.Query("from"), to = ctx.req.Query("to");
  if (ctx.req.HasQuery("day")) from = to = ctx.req.Query("day");
  auto s = CounterService(ctx.svc.clock).Stats(ctx.svc.store, *ctx.principal, *site, from, to);
  if (!s.ok()) return ErrorResponse(s.status());
  Json by_desk_service = Json::array(), by_service = Json::array(), by_desk = Json::array();
  for (const auto& r : s->by_desk_service) by_desk_service.push_back(StatsRowJson(r));
  for (const auto& r : s->by_service) by_service.push_back(StatsRowJson(r));
  for (const auto& r : s->by_desk) by_desk.push_back(StatsRowJson(r));
  return JsonResponse(200, Json{{"site_id", s->site_id},
                                {"from", s->from},
                                {"to", s->to},
                                {"total", StatsRowJson(s->total)},
                                {"by_service", by_service},
                                {"by_desk", by_desk},
                                {"by_desk_service", by_desk_service}}
                               .dump());
}

HttpResponse GetCounterDisplay(RequestContext& ctx) {
  auto site = PathId(ctx, "site_id");
  if (!site.ok()) return ErrorResponse(site.status());
  int recent = 6;
  if (ctx.req.HasQuery("recent")) {
    auto n = WholeNumber("recent", ctx.req.Query("recent"), 1, 20, "must be a whole number from 1 to 20");
    if (!n.ok()) return ErrorResponse(n.status());
    recent = static_cast<int>(*n);
  }
  auto d = CounterService(ctx.svc.clock).Display(ctx.svc.store, *site, recent);
  if (!d.ok()) return ErrorResponse(d.status());
  HttpResponse r = JsonResponse(200, DisplayJson(*d).dump());
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

HttpResponse GetCounterDisplayPage(RequestContext& ctx) {
  auto site = PathId(ctx, "site_id");
  if (!site.ok()) return ErrorResponse(site.status());
  auto d = CounterService(ctx.svc.clock).Display(ctx.svc.store, *site, 1);
  if (!d.ok()) return ErrorResponse(d.status());
  std::string page = kDisplayPage;
  ReplaceAll(page, "@SITE_ID@", std::to_string(d->site_id));
  ReplaceAll(page, "@SITE_NAME@", HtmlEscape(d->site_name));
  HttpResponse r;
  r.status = 200;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(page);
  r.SetHeader("Cache-Control", "no-cache");
  r.SetHeader("Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'");
  r.SetHeader("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace siak::api
