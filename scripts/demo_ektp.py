#!/usr/bin/env python3
"""Walks the e-KTP path on the running demo server (./scripts/run.sh in another terminal).

As the demo recording officer: records an unrecorded resident of the demo regency at the mobile
team's site (SYNTHETIC photo, signature, fingers and irises: no real person's data) and waits for
de-duplication. As the demo print officer: prints the card (a blank leaves the Dinas' stock), saves
it as PDF and PNG under var/, hands it over, and shows the coverage figure move. Then, with the
Dinas' blanks moved away for a moment, a second resident gets a Suket instead (printing is refused),
checked through its public QR reference; the blanks go back. Standard library only.

    ./scripts/demo_ektp.py [--port 8080] [--region 32.04]
"""
import argparse
import base64
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zlib

from demo_api import Api, credentials, must

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def png(width, height, pixel):
    """An RGB PNG from pixel(x, y) -> (r, g, b)."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw.extend(pixel(x, y))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(bytes(raw), 6)) + chunk(b"IEND", b""))


def face(seed):
    """A SYNTHETIC 300x400 portrait: red background, an oval face, two eyes, shoulders."""
    tone = 150 + seed % 60
    def pixel(x, y):
        if ((x - 150) / 85.0) ** 2 + ((y - 160) / 110.0) ** 2 < 1:
            if ((x - 120) ** 2 + (y - 145) ** 2 < 64) or ((x - 180) ** 2 + (y - 145) ** 2 < 64):
                return (20, 20, 20)
            return (tone, int(tone * 0.8), int(tone * 0.65))
        if y > 310:
            return (25, 25, 40)
        return (190 - y // 8, 25, 25)
    return png(300, 400, pixel)


def signature(seed):
    """A SYNTHETIC 400x120 signature: a dark wave on white."""
    import math
    def pixel(x, y):
        wave = 60 + 30 * math.sin((x + seed) / 17.0) * math.cos(x / 41.0)
        return (10, 10, 60) if 30 < x < 370 and abs(y - wave) < 2.5 else (255, 255, 255)
    return png(400, 120, pixel)


def finger(position, seed, minutiae=30):
    """A SYNTHETIC ISO/IEC 19794-2:2005 record: one view, random minutiae on a 400x500 image."""
    rng = random.Random(seed * 16 + position)
    body = b""
    for _ in range(minutiae):
        kind = rng.choice((1, 2))
        body += struct.pack(">HHBB", (kind << 14) | rng.randrange(20, 380), rng.randrange(20, 480),
                            rng.randrange(256), rng.randrange(40, 100))
    view = struct.pack(">BBBB", position, 0, 70, minutiae) + body
    length = 24 + len(view) + 2
    return (b"FMR\x00 20\x00" + struct.pack(">IHHHHHBB", length, 0, 400, 500, 197, 197, 1, 0) + view +
            struct.pack(">H", 0))


def submit_recording(api, siak, site, person, seed, captured_ago):
    """Records `person` at `site` with its kit as rekam.demo: SYNTHETIC photo, signature, ten fingers and
    both irises of identity `seed` (the irises from `siak abis synth`); returns the recording id."""
    tmp = tempfile.mkdtemp()
    irises = []
    for eye in ("right", "left"):
        path = os.path.join(tmp, eye + ".skir")
        subprocess.run([siak, "abis", "synth", "--identity", str(seed), "--eye", eye, "--out", path],
                       check=True, stdout=subprocess.DEVNULL)
        with open(path, "rb") as f:
            irises.append({"eye": eye, "template": base64.b64encode(f.read()).decode()})
    fingers = [{"position": p, "template": base64.b64encode(finger(p, seed)).decode()} for p in range(1, 11)]
    rid = "%s:%s" % (site["code"], person["nik"])
    body = {"recording_id": rid, "nik": person["nik"], "site_id": site["id"], "device_serial": "KIT-" + site["code"],
            "captured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - captured_ago)),
            "photo": base64.b64encode(face(seed)).decode(), "signature": base64.b64encode(signature(seed)).decode(),
            "fingers": fingers, "irises": irises}
    must(api.call("POST", "/api/v1/recordings", body, user="rekam.demo"), 201, "recording")
    return rid


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("SIAK_PORT", "8080")))
    parser.add_argument("--region", default="32.04")
    args = parser.parse_args()
    regency = args.region.replace(".", "")
    siak = os.path.join(ROOT, "build/release/siak")
    creds = credentials(ROOT)
    api = Api(args.port)
    for user in ("admin", "rekam.demo", "cetak.demo"):
        api.login(user, creds[user])

    sites = {s["code"]: s for s in must(api.call("GET", "/api/v1/sites", user="admin"), 200, "sites")["sites"]}
    dinas, mobile = sites[regency + "-DINAS"], sites[regency + "-MOBIL-1"]
    kecamatan = next(s for s in sites.values() if s["kind"] == "kecamatan" and s["region_code"].startswith(regency))

    def unrecorded(skip):
        # The register is searched by birth date here (adults, day by day) for someone BELUM_REKAM.
        day = time.mktime((1985, 1, 1, 12, 0, 0, 0, 0, 0))
        for _ in range(3000):
            born = time.strftime("%Y-%m-%d", time.localtime(day))
            day += 86400
            page = must(api.call("GET", "/api/v1/persons?birth_date=%s&region=%s&limit=100" % (born, args.region),
                                 user="rekam.demo"), 200, "search")
            for p in page["items"]:
                if p["ektp_status"] == "BELUM_REKAM" and p["nik"] not in skip:
                    return p
        sys.exit("no unrecorded resident found in " + args.region)

    def record(person, seed):
        rid = submit_recording(api, siak, mobile, person, seed, captured_ago=600)
        for _ in range(300):
            rec = must(api.call("GET", "/api/v1/recordings/" + urllib.parse.quote(rid), user="rekam.demo"), 200, "recording")
            if rec["abis_job"] and rec["abis_job"]["state"] == "done":
                return rec["abis_job"]["outcome"]
            time.sleep(0.2)
        sys.exit("no de-duplication outcome for " + rid)

    def coverage():
        return must(api.call("GET", "/api/v1/coverage?region=" + args.region, user="cetak.demo"), 200, "coverage")["total"]

    def on_hand(site):
        return must(api.call("GET", "/api/v1/stock/site:%d" % site["id"], user="cetak.demo"), 200, "stock")["on_hand"]

    seed = int(time.time()) % 1000000 + 7000000
    before = coverage()
    person = unrecorded(set())
    print("1. %s (%s), %s: recording at %s ..." % (person["nama"], person["nik"], person["ektp_status"], mobile["code"]))
    print("   de-duplication:", record(person, seed))
    queue = must(api.call("GET", "/api/v1/sites/%d/print-queue" % dinas["id"], user="cetak.demo"), 200, "queue")
    request = next(q for q in queue["requests"] if q["nik"] == person["nik"])
    blanks = on_hand(dinas)
    card = must(api.call("POST", "/api/v1/sites/%d/print" % dinas["id"], {"request_id": request["id"]},
                         user="cetak.demo"), 201, "print")
    print("2. printed card %s at %s; blanks at the Dinas %d -> %d" % (card["serial"], dinas["code"], blanks, on_hand(dinas)))
    for ext in ("pdf", "png"):
        status, data = api.call("GET", "/api/v1/cards/%s/card.%s" % (card["serial"], ext), user="cetak.demo", raw=True)
        path = os.path.join(ROOT, "var/demo-card-%s.%s" % (card["serial"], ext))
        with open(path, "wb") as f:
            f.write(data)
        print("   saved", os.path.relpath(path, ROOT))
    must(api.call("POST", "/api/v1/cards/%s/handover" % card["serial"], {"received_by": person["nama"] + " (sendiri)"},
                  user="cetak.demo"), 200, "handover")
    after = coverage()
    print("3. handed over. Coverage of %s: recorded %d -> %d (%.3f%% -> %.3f%%), cards issued %d -> %d" % (
        args.region, before["recorded"], after["recorded"], 100 * before["recording_rate"],
        100 * after["recording_rate"], before["cards_issued"], after["cards_issued"]))

    second = unrecorded({person["nik"]})
    print("4. %s (%s): recording ... %s" % (second["nama"], second["nik"], record(second, seed + 1)))
    left = on_hand(dinas)
    must(api.call("POST", "/api/v1/stock/movements", {"kind": "transferred", "from": "site:%d" % dinas["id"],
                                                      "to": "site:%d" % kecamatan["id"], "quantity": left,
                                                      "reason": "demo: the Dinas runs out"}, user="admin"), 201, "transfer")
    status, refused = api.call("POST", "/api/v1/sites/%d/print" % dinas["id"], {}, user="cetak.demo")
    print("   no blanks at the Dinas: print -> HTTP %d (%s)" % (status, refused.get("detail", "")))
    suket = must(api.call("POST", "/api/v1/suket", {"nik": second["nik"], "site_id": dinas["id"]}, user="cetak.demo"),
                 201, "suket")
    status, pdf = api.call("GET", "/api/v1/suket/%s/suket.pdf" % suket["number"], user="cetak.demo", raw=True)
    path = os.path.join(ROOT, "var/demo-suket-%s.pdf" % suket["number"])
    with open(path, "wb") as f:
        f.write(pdf)
    check = must(api.call("GET", "/api/v1/suket/verify?ref=" + urllib.parse.quote(suket["reference"])), 200, "verify")
    print("5. Suket %s valid until %s, saved %s; public QR check: valid=%s" % (
        suket["number"], suket["valid_until"], os.path.relpath(path, ROOT), check["valid"]))
    must(api.call("POST", "/api/v1/stock/movements", {"kind": "transferred", "from": "site:%d" % kecamatan["id"],
                                                      "to": "site:%d" % dinas["id"], "quantity": left,
                                                      "reason": "demo: blanks back"}, user="admin"), 201, "transfer")
    timeline = must(api.call("GET", "/api/v1/persons/%s/ektp" % person["nik"], user="cetak.demo"), 200, "timeline")
    print("6. timeline of %s: %s" % (person["nik"], ", ".join(e["event"] for e in timeline["events"])))
    audit = must(api.call("GET", "/api/v1/audit?nik=%s&limit=100" % person["nik"], user="admin"), 200, "audit")
    print("   audit entries for %s: %s" % (person["nik"], ", ".join(sorted({e["action"] for e in audit["items"]}))))


if __name__ == "__main__":
    main()
