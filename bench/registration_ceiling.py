#!/usr/bin/env python3
"""The storage engine's ceiling for POST /api/v1/persons, without the server.

Writes the rows one registration writes (the person, its name tokens, the event, the audit entry
with its hash chain) straight into SQLite with plain SQL, in commits of 64 registrations (the
group commit of the server under 64 connections) with synchronous=FULL, as the server does. No
HTTP, no JSON, no validation: what is left is the B-tree work and the WAL, plus Python's own cost
(7 statements, a dict and a SHA-256 per registration: tens of microseconds), so every rate is
below the engine's true ceiling, the floor's most of all.

Two data sets:
  bench   the HTTP benchmark's POST: one village, RT 1 / RW 1, 10 names, birth dates cycling in
          order through 1950-2009, adults not yet recorded (ektp_status 1). Equal keys are far
          more common than in real data, which favours the rowid layouts, today's included (their
          gain comes from equal keys appending).
  varied  a regency's spread: 150 villages in 30 districts, RT 1-20 / RW 1-12, 60 x 60 given and family names,
          birth dates at random over 1940-2024, a third of them under 17 (ektp_status 0), the
          rest adults not yet recorded (1) or with a card (2). Seeded, so every run is the same.

Layouts, all made from the store `siak init` creates (the real migrations):
  by-nik     the layout before migration 12 (`siak migrate --to 11`): person WITHOUT ROWID keyed
             by NIK, so every index on person ends in the NIK and each registration lands on a
             random leaf of each of them; name tokens keyed (token, nik) with an index on nik.
  today      the schema as it is (migration 12): person keyed by an insertion rowid (the NIK a
             unique index), name tokens keyed (token, person_id) with an index on person_id:
             entries with equal keys append; the lists that page by NIK keep their
             (region, ..., nik) indexes.
  rowid-lean as today, with those list indexes ending in the rowid instead of the NIK.
  floor      (the baseline) person, event and audit with their keys only: no secondary index,
             no trigger, no name tokens. What the engine does with no index to maintain.

Usage: bench/registration_ceiling.py SIAK_BINARY [--data bench|varied|both] [PRELOAD ...]
  (default: both; the bench data at 30000 and 300000 persons, the varied data at 300000)
  SIAK_CEILING_BATCH (registrations per commit, default 64), SIAK_CEILING_CHECKPOINT (WAL pages
  per automatic checkpoint, default SQLite's 1000): to see whether bigger commits or rarer
  checkpoints would change the picture.
"""
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
import sqlite3



def env_int(name, default, minimum):
    text = os.environ.get(name, str(default))
    if not text.isdigit() or int(text) < minimum:
        sys.exit("%s: give a whole number of at least %d (got %r)" % (name, minimum, text))
    return int(text)


BATCH = env_int("SIAK_CEILING_BATCH", 64, 1)  # registrations per commit
CHECKPOINT = env_int("SIAK_CEILING_CHECKPOINT", 0, 0)  # WAL pages per auto-checkpoint; 0: SQLite's 1000
MEASURED = 20000
GIVEN = ["Budi", "Siti", "Made", "Ni", "Muhammad", "Tan", "Andi", "Ucok", "Dewi", "Yohanes", "Agus", "Sri", "Eko",
         "Nur", "Rina", "Joko", "Putu", "Wayan", "Ketut", "Hendra", "Ahmad", "Dian", "Fitri", "Rudi", "Yuni", "Bambang",
         "Wahyu", "Ratna", "Dedi", "Lina", "Hadi", "Indah", "Teguh", "Maria", "Yosef", "Abdul", "Rahmat", "Susanti",
         "Kadek", "Gede", "Iwan", "Asep", "Cecep", "Ujang", "Neng", "Euis", "Dadang", "Yayan", "Ikhsan", "Fajar",
         "Lestari", "Ayu", "Bayu", "Citra", "Gilang", "Hana", "Ilham", "Jihan", "Kurnia", "Laras"]
FAMILY = ["Santoso", "Aminah", "Wirawan", "Luh", "Rizki", "Mei", "Baso", "Siregar", "Lestari", "Kristianto",
          "Saputra", "Wati", "Pratama", "Hidayat", "Kusuma", "Nasution", "Harahap", "Lubis", "Simanjuntak", "Sitorus",
          "Gunawan", "Setiawan", "Suryadi", "Wijaya", "Halim", "Tanoto", "Purnama", "Sembiring", "Ginting", "Tarigan",
          "Permana", "Ramdani", "Sopandi", "Mulyana", "Supriatna", "Nugraha", "Firmansyah", "Kurniawan", "Hakim",
          "Maulana", "Ramadhan", "Syahputra", "Utami", "Rahayu", "Susilo", "Hartono", "Budiman", "Effendi", "Zulkarnain",
          "Pohan", "Manurung", "Panjaitan", "Situmorang", "Hutapea", "Pardede", "Sinaga", "Damanik", "Saragih",
          "Purba", "Tambunan"]
NAMES = ["Budi Santoso", "Siti Aminah", "Made Wirawan", "Ni Luh Ayu", "Muhammad Rizki", "Tan Mei Ling",
         "Andi Baso", "Ucok Siregar", "Dewi Lestari", "Yohanes Kristianto"]


def make_store(siak, path, layout):
    env = dict(os.environ, SIAK_STORE="sqlite:" + path)
    subprocess.run([siak, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
    if layout in ("by-nik", "floor"):
        subprocess.run([siak, "migrate", "--to", "11"], env=env, check=True, stdout=subprocess.DEVNULL)
    c = sqlite3.connect(path, isolation_level=None)
    if CHECKPOINT:
        c.execute("PRAGMA wal_autocheckpoint=%d" % CHECKPOINT)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA synchronous=FULL")
    c.execute("PRAGMA cache_size=-65536")
    cols = [r[1] for r in c.execute("PRAGMA table_info(person)") if r[1] != "id"]
    c.execute("BEGIN")
    if layout == "rowid-lean":
        for name, sql in c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person' "
                                   "AND sql LIKE '%, nik)%'").fetchall():
            c.execute("DROP INDEX " + name)
            c.execute(sql.replace(", nik)", ")"))
    elif layout == "floor":
        for kind, name in c.execute("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') AND "
                                    "tbl_name IN ('person', 'event', 'audit') AND sql IS NOT NULL").fetchall():
            if not name.endswith(("_no_update", "_no_delete")):  # keep the append-only guards
                c.execute("DROP %s %s" % (kind.upper(), name))
        c.execute("DROP TABLE person_name_token")
    c.execute("COMMIT")
    return c, cols


class Writer:
    def __init__(self, c, cols, layout, data):
        self.c, self.layout, self.k, self.seqs, self.data = c, layout, 0, {}, data
        self.rng = random.Random(20261206)
        self.prev = "0" * 64
        self.insert_person = "INSERT INTO person (%s) VALUES (%s)" % (", ".join(cols), ", ".join("?" * len(cols)))
        self.cols = cols
        self.token_by_person = any(r[1] == "person_id" for r in c.execute("PRAGMA table_info(person_name_token)"))

    def register(self):
        self.k += 1
        k = self.k
        region, rt, rw, ektp = "3273011001", 1, 1, 1
        if self.data == "bench":
            day, month, year = k % 28 + 1, (k // 28) % 12 + 1, 1950 + (k // 336) % 60
            sex = k % 2 + 1
            nama = NAMES[k % 10]
        else:
            r = self.rng
            day, month, year = r.randint(1, 28), r.randint(1, 12), r.randint(1940, 2024)
            sex = r.randint(1, 2)
            nama = r.choice(GIVEN) + " " + r.choice(FAMILY)
            region = "3273%02d10%02d" % (r.randint(1, 30), r.randint(1, 5))
            rt, rw = r.randint(1, 20), r.randint(1, 12)
            ektp = 0 if year > 2007 else r.choice((1, 2))
        base = region[:6] + "%02d%02d%02d" % (day + (40 if sex == 2 else 0), month, year % 100)
        seq = self.seqs.get(base, 0) + 1
        self.seqs[base] = seq
        nik = base + "%04d" % seq
        values = {"nik": nik, "province_code": "32", "region_code": region, "kk_number": None, "nama": nama,
                  "nama_fold": nama.lower(), "tempat_lahir": "Bandung",
                  "tanggal_lahir": "%04d-%02d-%02d" % (year, month, day), "tanggal_lahir_presisi": 0,
                  "jenis_kelamin": sex, "golongan_darah": 13, "agama": 1, "status_perkawinan": 1,
                  "perkawinan_tercatat": 0, "pendidikan": 5, "pekerjaan": 15, "kewarganegaraan": 1, "kitap": 0,
                  "penyandang_cacat": None, "status_dasar": 1, "nama_ayah": "", "nama_ibu": "",
                  "alamat": "Jl. Bench", "rt": rt, "rw": rw, "ektp_status": ektp, "version": 1}
        c = self.c
        cur = c.execute(self.insert_person, [values[col] for col in self.cols])
        if self.layout != "floor":
            words = nama.lower().split()
            for token in words + ["".join(words)]:
                if self.token_by_person:
                    c.execute("INSERT OR IGNORE INTO person_name_token (token, person_id, nik, province_code) "
                              "VALUES (?, ?, ?, ?)", (token, cur.lastrowid, nik, "32"))
                else:
                    c.execute("INSERT OR IGNORE INTO person_name_token (token, nik, province_code) VALUES (?, ?, ?)",
                              (token, nik, "32"))
        c.execute("INSERT INTO event (at, type, subject, province_code, actor, payload) VALUES (?, ?, ?, ?, ?, ?)",
                  ("2026-12-06T19:32:40Z", 101, nik, "32", "bench",
                   '{"wilayah":"32.73.01.1001","ektp_status":"BELUM_REKAM"}'))
        entry = ["2026-12-06T19:32:40Z", "bench", "registrar", "127.0.0.1", "createPerson", nik, "ok",
                 "POST /api/v1/persons 201"]
        digest = hashlib.sha256("\n".join([self.prev] + entry).encode()).hexdigest()
        c.execute("INSERT INTO audit (at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entry + [self.prev, digest])
        self.prev = digest


def measure(siak, layout, data, preload, workdir):
    path = os.path.join(workdir, "%s-%s-%d.db" % (layout, data, preload))
    c, cols = make_store(siak, path, layout)
    w = Writer(c, cols, layout, data)
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
    siak, args = sys.argv[1], sys.argv[2:]
    if not (os.path.isfile(siak) and os.access(siak, os.X_OK)):
        sys.exit("SIAK_BINARY: %s is not an executable file (build it: cmake --build build/release --target siak)" % siak)
    data = "both"
    if args[:1] == ["--data"]:
        if len(args) < 2 or args[1] not in ("bench", "varied", "both"):
            sys.exit("--data: give bench, varied or both")
        data, args = args[1], args[2:]
    try:
        preloads = [int(a) for a in args]
        if any(p < 0 for p in preloads):
            raise ValueError
    except ValueError:
        sys.exit("PRELOAD: give whole numbers of persons, e.g. 30000 300000")
    runs = []
    for d in (("bench", "varied") if data == "both" else (data,)):
        for preload in preloads or ([30000, 300000] if d == "bench" else [300000]):
            runs.append((d, preload))
    print("== registration ceiling: raw SQLite, %d registrations in commits of %d, synchronous=FULL, "
          "auto-checkpoint every %d WAL pages, SQLite %s" % (MEASURED, BATCH, CHECKPOINT or 1000, sqlite3.sqlite_version))
    print("| data | persons before | layout | registrations/s | ratio to floor |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="siak-ceiling.") as workdir:
        for d, preload in runs:
            floor = measure(siak, "floor", d, preload, workdir)
            for layout in ("by-nik", "today", "rowid-lean"):
                rate = measure(siak, layout, d, preload, workdir)
                print("| %s | %d | %s | %.0f | %.2f |" % (d, preload, layout, rate, rate / floor), flush=True)
            print("| %s | %d | floor (baseline) | %.0f | 1.00 |" % (d, preload, floor), flush=True)


if __name__ == "__main__":
    main()
