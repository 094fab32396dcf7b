#!/usr/bin/env python3
"""The storage engine's ceiling for POST /api/v1/persons, without the server.

Writes the rows one registration writes (the person, its name tokens, the event, the audit entry
with its hash chain) straight into SQLite with plain SQL, in commits of 64 registrations (the
group commit of the server under 64 connections) with synchronous=FULL, as the server does. No
HTTP, no JSON, no validation: what is left is the B-tree work and the WAL, plus Python's own cost
(7 statements, a dict and a SHA-256 per registration: tens of microseconds), so every rate is
below the engine's true ceiling, the floor's most of all.

The data is the HTTP benchmark's POST: one village, RT 1 / RW 1, 10 names, birth dates cycling
through 1950-2009, adults not yet recorded (ektp_status 1). Equal keys are far more common than in
real data, which favours the rowid layouts (their gain comes from equal keys appending).

Layouts, all made from the store `siak init` creates (the real migrations):
  today      the schema as it is: person WITHOUT ROWID keyed by NIK, so every index on person
             ends in the NIK and each registration lands on a random leaf of each of them;
             name tokens keyed (token, nik) with an index on nik.
  rowid      person keyed by an insertion rowid (the NIK a unique index), name tokens keyed
             (token, person_id) with an index on person_id: entries with equal keys append;
             the lists that page by NIK keep their (region, ..., nik) indexes.
  rowid-lean as rowid, with those list indexes ending in the rowid instead of the NIK.
  floor      (the baseline) person, event and audit with their keys only: no secondary index,
             no trigger, no name tokens. What the engine does with no index to maintain.

Usage: bench/registration_ceiling.py SIAK_BINARY [PRELOAD ...]   (default preloads 30000 300000)
"""
import hashlib
import os
import subprocess
import sys
import tempfile
import time
import sqlite3

BATCH = 64
MEASURED = 20000
NAMES = ["Budi Santoso", "Siti Aminah", "Made Wirawan", "Ni Luh Ayu", "Muhammad Rizki", "Tan Mei Ling",
         "Andi Baso", "Ucok Siregar", "Dewi Lestari", "Yohanes Kristianto"]


def make_store(siak, path, layout):
    env = dict(os.environ, SIAK_STORE="sqlite:" + path)
    subprocess.run([siak, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA synchronous=FULL")
    c.execute("PRAGMA cache_size=-65536")
    cols = [r[1] for r in c.execute("PRAGMA table_info(person)")]
    if layout == "today":
        return c, cols
    person_sql = c.execute("SELECT sql FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    indexes = [r[0] for r in c.execute(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'person' AND sql IS NOT NULL")]
    c.execute("BEGIN")
    c.execute("DROP TABLE person")
    c.execute("DROP TABLE person_name_token")
    if layout == "floor":
        c.execute(person_sql)
        c.execute("DROP INDEX event_subject")
        c.execute("DROP INDEX audit_actor")
    else:
        body = person_sql[person_sql.index("(") + 1:person_sql.rindex(")")]
        body = body.replace("nik TEXT PRIMARY KEY", "id INTEGER PRIMARY KEY, nik TEXT NOT NULL UNIQUE")
        c.execute("CREATE TABLE person (" + body + ")")
        for sql in indexes:
            if layout == "rowid-lean":
                sql = sql.replace(", nik)", ")")
            c.execute(sql)
        c.execute("CREATE TABLE person_name_token (token TEXT NOT NULL, person_id INTEGER NOT NULL, nik TEXT NOT NULL, "
                  "province_code TEXT NOT NULL, PRIMARY KEY (token, person_id)) WITHOUT ROWID")
        c.execute("CREATE INDEX person_name_token_person ON person_name_token (person_id)")
    c.execute("COMMIT")
    return c, cols


class Writer:
    def __init__(self, c, cols, layout):
        self.c, self.layout, self.k, self.seqs = c, layout, 0, {}
        self.prev = "0" * 64
        self.insert_person = "INSERT INTO person (%s) VALUES (%s)" % (", ".join(cols), ", ".join("?" * len(cols)))
        self.cols = cols

    def register(self):
        self.k += 1
        k = self.k
        day, month, year = k % 28 + 1, (k // 28) % 12 + 1, 1950 + (k // 336) % 60
        sex = k % 2 + 1
        base = "327301%02d%02d%02d" % (day + (40 if sex == 2 else 0), month, year % 100)
        seq = self.seqs.get(base, 0) + 1
        self.seqs[base] = seq
        nik = base + "%04d" % seq
        nama = NAMES[k % 10]
        values = {"nik": nik, "province_code": "32", "region_code": "3273011001", "kk_number": None, "nama": nama,
                  "nama_fold": nama.lower(), "tempat_lahir": "Bandung",
                  "tanggal_lahir": "%04d-%02d-%02d" % (year, month, day), "tanggal_lahir_presisi": 0,
                  "jenis_kelamin": sex, "golongan_darah": 13, "agama": 1, "status_perkawinan": 1,
                  "perkawinan_tercatat": 0, "pendidikan": 5, "pekerjaan": 15, "kewarganegaraan": 1, "kitap": 0,
                  "penyandang_cacat": None, "status_dasar": 1, "nama_ayah": "", "nama_ibu": "",
                  "alamat": "Jl. Bench", "rt": 1, "rw": 1, "ektp_status": 1, "version": 1}
        c = self.c
        cur = c.execute(self.insert_person, [values[col] for col in self.cols])
        if self.layout != "floor":
            words = nama.lower().split()
            for token in words + ["".join(words)]:
                if self.layout == "today":
                    c.execute("INSERT OR IGNORE INTO person_name_token (token, nik, province_code) VALUES (?, ?, ?)",
                              (token, nik, "32"))
                else:
                    c.execute("INSERT OR IGNORE INTO person_name_token (token, person_id, nik, province_code) "
                              "VALUES (?, ?, ?, ?)", (token, cur.lastrowid, nik, "32"))
        c.execute("INSERT INTO event (at, type, subject, province_code, actor, payload) VALUES (?, ?, ?, ?, ?, ?)",
                  ("2026-12-06T19:32:40Z", 101, nik, "32", "bench",
                   '{"wilayah":"32.73.01.1001","ektp_status":"BELUM_REKAM"}'))
        entry = ["2026-12-06T19:32:40Z", "bench", "registrar", "127.0.0.1", "createPerson", nik, "ok",
                 "POST /api/v1/persons 201"]
        digest = hashlib.sha256("\n".join([self.prev] + entry).encode()).hexdigest()
        c.execute("INSERT INTO audit (at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entry + [self.prev, digest])
        self.prev = digest


def measure(siak, layout, preload, workdir):
    path = os.path.join(workdir, "%s-%d.db" % (layout, preload))
    c, cols = make_store(siak, path, layout)
    w = Writer(c, cols, layout)
    c.execute("BEGIN")
    for _ in range(preload):
        w.register()
    c.execute("COMMIT")
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    start = time.perf_counter()
    done = 0
    while done < MEASURED:
        c.execute("BEGIN")
        for _ in range(BATCH):
            w.register()
        c.execute("COMMIT")
        done += BATCH
    rate = done / (time.perf_counter() - start)
    c.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return rate


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    siak = sys.argv[1]
    preloads = [int(a) for a in sys.argv[2:]] or [30000, 300000]
    print("== registration ceiling: raw SQLite, %d registrations in commits of %d, synchronous=FULL" %
          (MEASURED, BATCH))
    print("| persons before | layout | registrations/s | ratio to floor |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="siak-ceiling.") as workdir:
        for preload in preloads:
            floor = measure(siak, "floor", preload, workdir)
            for layout in ("today", "rowid", "rowid-lean"):
                rate = measure(siak, layout, preload, workdir)
                print("| %d | %s | %.0f | %.2f |" % (preload, layout, rate, rate / floor), flush=True)
            print("| %d | floor (baseline) | %.0f | 1.00 |" % (preload, floor), flush=True)


if __name__ == "__main__":
    main()
