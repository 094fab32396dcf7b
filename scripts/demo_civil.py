#!/usr/bin/env python3
"""Walks civil registration on the running demo server (./scripts/run.sh in another terminal).

As the demo registrar: declares a birth to a family of the demo regency (a married couple, the
husband heading the KK). As the demo supervisor: registers it; the child appears in the KK with a
NIK; the akta kelahiran is saved as PDF and PNG under var/ and its QR reference checked publicly
and offline (siak akta verify). Then the head of that family dies: declared, registered; the KK is
reissued under a new head with a new number, the widow is cerai mati, the effects (galleries,
cards) are listed, and the audit log shows every call for the persons touched. The residents are
SYNTHETIC (the demo population). Standard library only.

    ./scripts/demo_civil.py [--port 8080] [--region 32.04]
"""
import argparse
import json
import os
import subprocess
import sys
import time
import urllib.parse

from demo_api import Api, credentials, must

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def code(v):
    return v["code"] if isinstance(v, dict) else v


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("SIAK_PORT", "8080")))
    parser.add_argument("--region", default="32.04")
    args = parser.parse_args()
    creds = credentials(ROOT)
    api = Api(args.port)
    for user in ("reg.demo", "spv.demo", "audit.demo"):
        api.login(user, creds[user])

    # A family: a married woman of 25-40 on her husband's KK as istri, the husband heading it;
    # preferably a husband in the ABIS galleries (`siak abis seed-demo` enrolled the region's first
    # 2,000 recorded residents in NIK order: those whose NIK was issued in Aceh or North Sumatra).
    recorded = ("PRINT_READY_RECORD", "SENT_FOR_CARD_PRINTING", "CARD_PRINTED", "CARD_SHIPPED", "CARD_ISSUED")

    def find_family(region, want_enrolled, tries):
        day = time.mktime((1988, 1, 1, 12, 0, 0, 0, 0, 0))
        for _ in range(tries):
            born = time.strftime("%Y-%m-%d", time.localtime(day))
            day += 86400
            page = must(api.call("GET", "/api/v1/persons?birth_date=%s&region=%s&limit=100" % (born, region),
                                 user="reg.demo"), 200, "search")
            for p in page["items"]:
                if code(p["jenis_kelamin"]) != 2 or code(p["status_perkawinan"]) != 2 or not p.get("kk_number"):
                    continue
                fam = must(api.call("GET", "/api/v1/families/" + p["kk_number"], user="reg.demo"), 200, "family")
                members = {m["nik"]: code(m["shdk"]) for m in fam["members"]}
                head = next(n for n, s in members.items() if s == 1)
                if members.get(p["nik"]) != 3 or head == p["nik"]:
                    continue
                if want_enrolled:
                    h = must(api.call("GET", "/api/v1/persons/" + head, user="reg.demo"), 200, "head")
                    if h["ektp_status"] not in recorded or head[:2] not in ("11", "12"):
                        continue
                return p, head, fam
        return None

    found = find_family(args.region, True, 1500) or find_family(args.region, False, 2000)
    if not found:
        sys.exit("no married couple found in " + args.region)

    mother, father_nik, family = found
    enrolled_before = must(api.call("GET", "/api/v1/abis/stats", user="spv.demo"), 200, "abis stats")["enrolled_persons"]
    father = must(api.call("GET", "/api/v1/persons/" + father_nik, user="reg.demo"), 200, "father")
    born = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 3 * 86400))
    birth = {"kk_number": family["kk_number"], "nama": "Bintang Ramadhani", "jenis_kelamin": 2, "tanggal_lahir": born,
             "waktu_lahir": "04:20", "tempat_lahir": "Soreang", "tempat_dilahirkan": "puskesmas", "penolong": "bidan",
             "ibu": mother["nik"], "ayah": father_nik, "saksi": ["Asep Sunandar", "Euis Komariah"]}
    declared = must(api.call("POST", "/api/v1/civil/births", birth, user="reg.demo"), 201, "declare birth")
    print("1. reg.demo declared the birth of %s to KK %s (mother %s, father %s): event %d, %s" % (
        birth["nama"], family["kk_number"], mother["nama"], father["nama"], declared["id"], declared["state"]))
    path = "/api/v1/civil/events/%d" % declared["id"]
    registered = must(api.call("POST", path + "/register", user="spv.demo"), 200, "register birth")
    child = registered["subject_nik"]
    fam = must(api.call("GET", "/api/v1/families/" + family["kk_number"], user="reg.demo"), 200, "family")
    shdk = {m["nik"]: code(m["shdk"]) for m in fam["members"]}
    print("2. spv.demo registered it: akta %s; the child %s is on KK %s with SHDK %s (4 = anak, 6 = cucu)" % (
        registered["akta_number"], child, family["kk_number"], shdk.get(child)))
    for ext in ("pdf", "png"):
        status, data = api.call("GET", path + "/akta." + ext, user="reg.demo" if ext == "pdf" else "audit.demo", raw=True)
        if status != 200:
            sys.exit("akta.%s: HTTP %d" % (ext, status))
        out = os.path.join(ROOT, "var/demo-akta-%s.%s" % (registered["akta_number"], ext))
        with open(out, "wb") as f:
            f.write(data)
        print("   saved", os.path.relpath(out, ROOT))
    akta = must(api.call("GET", path + "/akta", user="reg.demo"), 200, "akta")
    check = must(api.call("GET", "/api/v1/akta/verify?ref=" + urllib.parse.quote(akta["reference"])), 200, "verify")
    print("3. public QR check: valid=%s, %s, NIK %s, kutipan %d" % (check["valid"], check["akta_number"], check["nik"],
                                                                 check["copy"]))
    offline = subprocess.run([os.path.join(ROOT, "build/release/siak"), "akta", "verify", akta["reference"]],
                             cwd=ROOT, capture_output=True, text=True)
    print("   siak akta verify (offline): " + (offline.stdout.splitlines() or [offline.stderr.strip()])[0])

    died = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 86400))
    death = {"nik": father_nik, "tanggal_kematian": died, "waktu_kematian": "23:10", "tempat_kematian": "RSUD Soreang",
             "sebab": "sakit_biasa", "yang_menerangkan": "dokter", "pelapor": mother["nama"], "pelapor_nik": mother["nik"],
             "hubungan_pelapor": "istri", "saksi": ["Asep Sunandar", "Euis Komariah"]}
    d = must(api.call("POST", "/api/v1/civil/declarations/kematian", death, user="reg.demo"), 201, "declare death")
    r = must(api.call("POST", "/api/v1/civil/events/%d/register" % d["id"], user="spv.demo"), 200, "register death")
    widow = must(api.call("GET", "/api/v1/persons/" + mother["nik"], user="reg.demo"), 200, "widow")
    new_kk = r["effects"]["kk"].get("new")
    fam = must(api.call("GET", "/api/v1/families/" + new_kk, user="reg.demo"), 200, "new family")
    head = next(m["nik"] for m in fam["members"] if code(m["shdk"]) == 1)
    print("4. the head %s died: akta %s; KK %s -> %s headed by %s (%s); the widow is now %s" % (
        father["nama"], r["akta_number"], family["kk_number"], new_kk, head,
        "the widow" if head == mother["nik"] else "another member", widow.get("status_perkawinan_lengkap")))
    effects = {k: v for k, v in r["effects"].items() if k not in ("nama", "persons")}
    print("   effects:", json.dumps(effects, ensure_ascii=False))
    enrolled_after = must(api.call("GET", "/api/v1/abis/stats", user="spv.demo"), 200, "abis stats")["enrolled_persons"]
    print("   ABIS: %d persons enrolled before, %d after (%s)" % (
        enrolled_before, enrolled_after,
        "the deceased left the galleries" if "galleries" in r["effects"] else "the deceased was not enrolled"))
    for nik, who in ((child, "child"), (mother["nik"], "widow"), (father_nik, "deceased")):
        audit = must(api.call("GET", "/api/v1/audit?nik=%s&limit=100" % nik, user="audit.demo"), 200, "audit")
        print("5. audit for the %s %s: %s" % (who, nik, ", ".join(sorted({e["action"] for e in audit["items"]}))))


if __name__ == "__main__":
    main()
