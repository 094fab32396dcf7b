#!/usr/bin/env python3
"""Walks jemput bola and a service counter on the running demo server (./scripts/run.sh in another terminal).

As the demo supervisor: finds the regency's unrecorded wajib KTP, sees the villages ranked with the
outer-island and border ones first (the demo's flags are labelled DEMO: no official list), plans the
two mobile teams for two weeks and saves the plan and one visit's invitation letters as PDF under var/,
queueing the SMS/WhatsApp texts. As the demo recording officer: records two residents of that visit
(SYNTHETIC captures) and marks a third not at home; the district's coverage and projected date move.
Then a service counter at the event site opens two desks, issues tickets and calls them while its
public display shows the numbers. Standard library only.

    ./scripts/demo_outreach.py [--port 8080] [--region 32.04]
"""
import argparse
import datetime
import os
import sys
import urllib.parse

from demo_api import Api, credentials, must
from demo_ektp import submit_recording

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("SIAK_PORT", "8080")))
    parser.add_argument("--region", default="32.04")
    args = parser.parse_args()
    regency = args.region.replace(".", "")
    siak = os.path.join(ROOT, "build/release/siak")
    creds = credentials(ROOT)
    api = Api(args.port)
    for user in ("spv.demo", "rekam.demo"):
        api.login(user, creds[user])

    counts = must(api.call("GET", "/api/v1/outreach/unrecorded/counts?region=" + args.region, user="spv.demo"),
                  200, "unrecorded")
    print("1. Unrecorded wajib KTP in %s: %d in %d villages (%d waiting over a year)" % (
        args.region, counts["total"], len(counts["villages"]), counts["waiting_over_year"]))

    ranked = must(api.call("GET", "/api/v1/outreach/priority?limit=6&region=" + args.region, user="spv.demo"),
                  200, "priority")
    print("2. Villages ranked for jemput bola (layers first, then unrecorded x weight):")
    for v in ranked["villages"]:
        print("   %d. %s, %s: %d unrecorded, weight %.2f" % (v["rank"], v["name"], v["district_name"],
                                                           v["unrecorded"], v["weight"]))
        for why in v["reasons"]:
            print("        - " + why["text"])
    if ranked["villages"][0]["tier"] == 0:
        sys.exit("no flagged village ranked first: run siak outreach seed-demo --region " + args.region)

    teams = must(api.call("GET", "/api/v1/outreach/teams?region=" + args.region, user="spv.demo"), 200, "teams")["teams"]
    today = datetime.datetime.now(datetime.timezone.utc).date()  # the server's days are UTC days
    body = {"region_code": args.region, "from": today.isoformat(),
            "to": (today + datetime.timedelta(days=13)).isoformat(), "team_ids": [t["id"] for t in teams[:2]]}
    plan = must(api.call("POST", "/api/v1/outreach/plans", body, user="spv.demo"), 201, "plan")
    s = plan["summary"]
    print("3. Plan %d for %s..%s: %d visits by %d teams, %d of %d persons planned; %d villages not covered (%s)" % (
        plan["id"], plan["starts_on"], plan["ends_on"], len(plan["visits"]), len(plan["teams"]), s["persons_planned"],
        s["persons_total"], len(s["uncovered"]), s["uncovered"][0]["reason_text"] if s["uncovered"] else "-"))
    os.makedirs(os.path.join(ROOT, "var"), exist_ok=True)
    pdf = must(api.call("GET", "/api/v1/outreach/plans/%d/plan.pdf" % plan["id"], user="spv.demo", raw=True), 200,
               "plan pdf")
    with open(os.path.join(ROOT, "var/rencana-jemput-bola.pdf"), "wb") as f:
        f.write(pdf)
    print("   printable plan: var/rencana-jemput-bola.pdf (%d bytes)" % len(pdf))

    visit = plan["visits"][0]
    official = "official_name=%s&official_nip=197001011990031001" % urllib.parse.quote("Drs. H. Demo Kepala Dinas")
    letters = must(api.call("GET", "/api/v1/outreach/visits/%d/invitations.pdf?%s" % (visit["id"], official),
                            user="spv.demo", raw=True), 200, "invitations")
    with open(os.path.join(ROOT, "var/undangan-jemput-bola.pdf"), "wb") as f:
        f.write(letters)
    queued = must(api.call("POST", "/api/v1/outreach/visits/%d/invitations" % visit["id"], {}, user="spv.demo"), 200,
                  "queue invitations")
    print("4. Visit %d on %s to %s: %d households invited (var/undangan-jemput-bola.pdf), %d messages queued" % (
        visit["id"], visit["day"], visit["village_code"], queued["households"], queued["messages_queued"]))

    district = visit["village_code"][:6]

    def projection():
        rows = must(api.call("GET", "/api/v1/outreach/projection?region=" + regency, user="spv.demo"), 200,
                    "projection")["regions"]
        return next(r for r in rows if r["region_code"] == district)

    before = projection()
    sites = {s["code"]: s for s in must(api.call("GET", "/api/v1/sites", user="rekam.demo"), 200, "sites")["sites"]}
    mobile = sites[regency + "-MOBIL-1"]
    people = must(api.call("GET", "/api/v1/outreach/visits/%d" % visit["id"], user="rekam.demo"), 200, "visit")["persons"]
    if len(people) < 3:
        sys.exit("visit %d has fewer than three residents waiting" % visit["id"])

    for person in people[:2]:
        rid = submit_recording(api, siak, mobile, person, 880000 + int(person["nik"][-6:]), captured_ago=0)
        must(api.call("POST", "/api/v1/outreach/visits/%d/outcomes" % visit["id"],
                      {"nik": person["nik"], "outcome": "recorded", "recording_id": rid}, user="rekam.demo"), 201,
             "outcome")
        print("5. %s (%s) recorded by the team, recording %s" % (person["nama"], person["nik"], rid))
    absent = people[2]
    must(api.call("POST", "/api/v1/outreach/visits/%d/outcomes" % visit["id"],
                  {"nik": absent["nik"], "outcome": "not_at_home", "note": "sedang merantau"}, user="rekam.demo"), 201,
         "outcome")
    print("   %s (%s) not at home" % (absent["nama"], absent["nik"]))
    progress = must(api.call("GET", "/api/v1/outreach/plans/%d/progress" % plan["id"], user="spv.demo"), 200, "progress")
    print("   plan progress: %s of %d planned" % (progress["outcomes"], progress["planned"]))
    after = projection()
    print("6. %s: recorded %d -> %d, rate %.2f%% -> %.2f%%, projected %s -> %s (target %.0f%% by %s, %s)" % (
        after["name"], before["recorded"], after["recorded"], 100 * before["recording_rate"],
        100 * after["recording_rate"], before["projected_date"], after["projected_date"], 100 * after["target_rate"],
        after["target_date"], after["status"]))

    counter = sites[regency + "-LOKET-1"]
    desks = must(api.call("GET", "/api/v1/sites/%d/desks" % counter["id"], user="spv.demo"), 200, "desks")["desks"]
    if not desks:
        for name, services in (("Loket 1", ["rekam_ktp", "ambil_ktp"]), ("Loket 2", ["kk", "akta", "pindah"])):
            desks.append(must(api.call("POST", "/api/v1/sites/%d/desks" % counter["id"],
                                       {"name": name, "services": services}, user="spv.demo"), 201, "desk"))
    tickets = [must(api.call("POST", "/api/v1/sites/%d/tickets" % counter["id"], {"service": svc}, user="rekam.demo"),
                    201, "ticket") for svc in ("rekam_ktp", "kk", "rekam_ktp")]
    print("7. Counter %s: tickets %s issued" % (counter["name"], ", ".join(t["label"] for t in tickets)))
    for d in desks:
        called = must(api.call("POST", "/api/v1/desks/%d/call-next" % d["id"], {}, user="rekam.demo"), 200, "call")
        if called["ticket"]:
            print("   %s calls %s" % (d["name"], called["ticket"]["label"]))
    display = must(api.call("GET", "/api/v1/public/sites/%d/display" % counter["id"]), 200, "display")
    print("   the display shows: %s" % ", ".join("%s -> %s" % (c["label"], c["desk"]) for c in display.get("called", [])[:4]))
    print("   open http://127.0.0.1:%d/loket/%d on the screen facing the room" % (args.port, counter["id"]))


if __name__ == "__main__":
    main()
