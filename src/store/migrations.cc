#include "store/migrations.h"

#include <iterator>
#include <string>

#include "common/result.h"

namespace siak {
namespace {

// ---- 1: regions -------------------------------------------------------------------------
constexpr std::string_view kRegionsSqliteUp = R"sql(
CREATE TABLE region (
  code TEXT PRIMARY KEY,            -- bare digits, e.g. 3273011001
  parent_code TEXT,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  is_populated INTEGER NOT NULL DEFAULT 0 CHECK (is_populated IN (0, 1)),
  is_outermost_small INTEGER NOT NULL DEFAULT 0 CHECK (is_outermost_small IN (0, 1)),
  coordinate TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX region_parent ON region (parent_code);
)sql";
constexpr std::string_view kRegionsSqliteDown = "DROP TABLE region;";
constexpr std::string_view kRegionsPostgresUp = R"sql(
CREATE TABLE region (
  code TEXT COLLATE "C" PRIMARY KEY,
  parent_code TEXT COLLATE "C",
  level SMALLINT NOT NULL CHECK (level BETWEEN 1 AND 5),
  name TEXT NOT NULL,
  name_fold TEXT COLLATE "C" NOT NULL,
  is_populated SMALLINT NOT NULL DEFAULT 0 CHECK (is_populated IN (0, 1)),
  is_outermost_small SMALLINT NOT NULL DEFAULT 0 CHECK (is_outermost_small IN (0, 1)),
  coordinate TEXT NOT NULL DEFAULT ''
);
CREATE INDEX region_parent ON region (parent_code);
)sql";
constexpr std::string_view kRegionsPostgresDown = "DROP TABLE region;";

// ---- 2: persons and families --------------------------------------------------------------
// Every person-bearing table carries province_code (the partition key in PostgreSQL, and the
// distribution column on a distributed PostgreSQL) and the full region code.
constexpr std::string_view kPersonsSqliteUp = R"sql(
CREATE TABLE person (
  nik TEXT PRIMARY KEY CHECK (length(nik) = 16),
  province_code TEXT NOT NULL CHECK (length(province_code) = 2),
  region_code TEXT NOT NULL,
  kk_number TEXT,
  nama TEXT NOT NULL,
  nama_fold TEXT NOT NULL,
  tempat_lahir TEXT NOT NULL,
  tanggal_lahir TEXT NOT NULL,
  tanggal_lahir_presisi INTEGER NOT NULL,
  jenis_kelamin INTEGER NOT NULL,
  golongan_darah INTEGER NOT NULL,
  agama INTEGER NOT NULL,
  status_perkawinan INTEGER NOT NULL,
  perkawinan_tercatat INTEGER NOT NULL,
  pendidikan INTEGER NOT NULL,
  pekerjaan INTEGER NOT NULL,
  kewarganegaraan INTEGER NOT NULL,
  kitap INTEGER NOT NULL,
  penyandang_cacat INTEGER,
  status_dasar INTEGER NOT NULL,
  nama_ayah TEXT NOT NULL,
  nama_ibu TEXT NOT NULL,
  alamat TEXT NOT NULL,
  rt INTEGER NOT NULL,
  rw INTEGER NOT NULL,
  ektp_status INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;
CREATE INDEX person_region ON person (region_code);
CREATE INDEX person_nama ON person (nama_fold);
CREATE INDEX person_kk ON person (kk_number);
CREATE TABLE family (
  kk_number TEXT PRIMARY KEY CHECK (length(kk_number) = 16),
  province_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  alamat TEXT NOT NULL,
  rt INTEGER NOT NULL,
  rw INTEGER NOT NULL,
  tanggal_terbit TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;
CREATE INDEX family_region ON family (region_code);
CREATE TABLE family_member (
  nik TEXT PRIMARY KEY,             -- a person is on exactly one KK
  kk_number TEXT NOT NULL REFERENCES family (kk_number) ON DELETE CASCADE,
  province_code TEXT NOT NULL,
  shdk INTEGER NOT NULL CHECK (shdk BETWEEN 1 AND 11),
  position INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX family_member_kk ON family_member (kk_number, position);
)sql";
constexpr std::string_view kPersonsSqliteDown = R"sql(
DROP TABLE family_member;
DROP TABLE family;
DROP TABLE person;
)sql";
constexpr std::string_view kPersonsPostgresUp = R"sql(
CREATE TABLE person (
  nik TEXT COLLATE "C" NOT NULL,
  province_code TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  kk_number TEXT COLLATE "C",
  nama TEXT NOT NULL,
  nama_fold TEXT COLLATE "C" NOT NULL,
  tempat_lahir TEXT NOT NULL,
  tanggal_lahir DATE NOT NULL,
  tanggal_lahir_presisi SMALLINT NOT NULL,
  jenis_kelamin SMALLINT NOT NULL,
  golongan_darah SMALLINT NOT NULL,
  agama SMALLINT NOT NULL,
  status_perkawinan SMALLINT NOT NULL,
  perkawinan_tercatat SMALLINT NOT NULL,
  pendidikan SMALLINT NOT NULL,
  pekerjaan SMALLINT NOT NULL,
  kewarganegaraan SMALLINT NOT NULL,
  kitap SMALLINT NOT NULL,
  penyandang_cacat SMALLINT,
  status_dasar SMALLINT NOT NULL,
  nama_ayah TEXT NOT NULL,
  nama_ibu TEXT NOT NULL,
  alamat TEXT NOT NULL,
  rt SMALLINT NOT NULL,
  rw SMALLINT NOT NULL,
  ektp_status SMALLINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (nik, province_code)
) PARTITION BY LIST (province_code);
-- One partition per province (2025 codes); a new province lands in the default partition
-- until a migration gives it its own.
CREATE TABLE person_p11 PARTITION OF person FOR VALUES IN ('11');
CREATE TABLE person_p12 PARTITION OF person FOR VALUES IN ('12');
CREATE TABLE person_p13 PARTITION OF person FOR VALUES IN ('13');
CREATE TABLE person_p14 PARTITION OF person FOR VALUES IN ('14');
CREATE TABLE person_p15 PARTITION OF person FOR VALUES IN ('15');
CREATE TABLE person_p16 PARTITION OF person FOR VALUES IN ('16');
CREATE TABLE person_p17 PARTITION OF person FOR VALUES IN ('17');
CREATE TABLE person_p18 PARTITION OF person FOR VALUES IN ('18');
CREATE TABLE person_p19 PARTITION OF person FOR VALUES IN ('19');
CREATE TABLE person_p21 PARTITION OF person FOR VALUES IN ('21');
CREATE TABLE person_p31 PARTITION OF person FOR VALUES IN ('31');
CREATE TABLE person_p32 PARTITION OF person FOR VALUES IN ('32');
CREATE TABLE person_p33 PARTITION OF person FOR VALUES IN ('33');
CREATE TABLE person_p34 PARTITION OF person FOR VALUES IN ('34');
CREATE TABLE person_p35 PARTITION OF person FOR VALUES IN ('35');
CREATE TABLE person_p36 PARTITION OF person FOR VALUES IN ('36');
CREATE TABLE person_p51 PARTITION OF person FOR VALUES IN ('51');
CREATE TABLE person_p52 PARTITION OF person FOR VALUES IN ('52');
CREATE TABLE person_p53 PARTITION OF person FOR VALUES IN ('53');
CREATE TABLE person_p61 PARTITION OF person FOR VALUES IN ('61');
CREATE TABLE person_p62 PARTITION OF person FOR VALUES IN ('62');
CREATE TABLE person_p63 PARTITION OF person FOR VALUES IN ('63');
CREATE TABLE person_p64 PARTITION OF person FOR VALUES IN ('64');
CREATE TABLE person_p65 PARTITION OF person FOR VALUES IN ('65');
CREATE TABLE person_p71 PARTITION OF person FOR VALUES IN ('71');
CREATE TABLE person_p72 PARTITION OF person FOR VALUES IN ('72');
CREATE TABLE person_p73 PARTITION OF person FOR VALUES IN ('73');
CREATE TABLE person_p74 PARTITION OF person FOR VALUES IN ('74');
CREATE TABLE person_p75 PARTITION OF person FOR VALUES IN ('75');
CREATE TABLE person_p76 PARTITION OF person FOR VALUES IN ('76');
CREATE TABLE person_p81 PARTITION OF person FOR VALUES IN ('81');
CREATE TABLE person_p82 PARTITION OF person FOR VALUES IN ('82');
CREATE TABLE person_p91 PARTITION OF person FOR VALUES IN ('91');
CREATE TABLE person_p92 PARTITION OF person FOR VALUES IN ('92');
CREATE TABLE person_p93 PARTITION OF person FOR VALUES IN ('93');
CREATE TABLE person_p94 PARTITION OF person FOR VALUES IN ('94');
CREATE TABLE person_p95 PARTITION OF person FOR VALUES IN ('95');
CREATE TABLE person_p96 PARTITION OF person FOR VALUES IN ('96');
CREATE TABLE person_pdefault PARTITION OF person DEFAULT;
CREATE INDEX person_region ON person (region_code);
CREATE INDEX person_nama ON person (nama_fold);
CREATE INDEX person_kk ON person (kk_number);
-- NIK uniqueness across partitions: a partitioned table's keys must include the partition
-- key, so one unpartitioned registry row per NIK is kept by triggers (a move between
-- provinces deletes then inserts the row, and the registry follows).
CREATE TABLE nik_registry (nik TEXT COLLATE "C" PRIMARY KEY, province_code TEXT COLLATE "C" NOT NULL);
CREATE FUNCTION siak_nik_registry_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO nik_registry (nik, province_code) VALUES (NEW.nik, NEW.province_code);
  RETURN NULL;
END $$;
CREATE FUNCTION siak_nik_registry_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM nik_registry WHERE nik = OLD.nik;
  RETURN NULL;
END $$;
CREATE TRIGGER person_registry_insert AFTER INSERT ON person
  FOR EACH ROW EXECUTE FUNCTION siak_nik_registry_insert();
CREATE TRIGGER person_registry_delete AFTER DELETE ON person
  FOR EACH ROW EXECUTE FUNCTION siak_nik_registry_delete();
CREATE TABLE family (
  kk_number TEXT COLLATE "C" PRIMARY KEY,
  province_code TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  alamat TEXT NOT NULL,
  rt SMALLINT NOT NULL,
  rw SMALLINT NOT NULL,
  tanggal_terbit DATE NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX family_region ON family (region_code);
CREATE TABLE family_member (
  nik TEXT COLLATE "C" PRIMARY KEY,
  kk_number TEXT COLLATE "C" NOT NULL REFERENCES family (kk_number) ON DELETE CASCADE,
  province_code TEXT COLLATE "C" NOT NULL,
  shdk SMALLINT NOT NULL CHECK (shdk BETWEEN 1 AND 11),
  position INTEGER NOT NULL
);
CREATE INDEX family_member_kk ON family_member (kk_number, position);
)sql";
constexpr std::string_view kPersonsPostgresDown = R"sql(
DROP TABLE family_member;
DROP TABLE family;
DROP TABLE person;
DROP TABLE nik_registry;
DROP FUNCTION siak_nik_registry_insert();
DROP FUNCTION siak_nik_registry_delete();
)sql";

// ---- 3: event log and audit log (append-only) ---------------------------------------------
constexpr std::string_view kLogsSqliteUp = R"sql(
CREATE TABLE event (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  type INTEGER NOT NULL,
  subject TEXT NOT NULL,
  province_code TEXT NOT NULL,
  actor TEXT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX event_subject ON event (subject, seq);
CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN SELECT RAISE(ABORT, 'append-only: event'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event BEGIN SELECT RAISE(ABORT, 'append-only: event'); END;
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  source TEXT NOT NULL,
  action TEXT NOT NULL,
  subjects TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_actor ON audit (actor, seq);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'append-only: audit'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'append-only: audit'); END;
)sql";
constexpr std::string_view kLogsSqliteDown = R"sql(
DROP TABLE audit;
DROP TABLE event;
)sql";
constexpr std::string_view kLogsPostgresUp = R"sql(
CREATE TABLE event (
  seq BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  type INTEGER NOT NULL,
  subject TEXT NOT NULL,
  province_code TEXT NOT NULL,
  actor TEXT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX event_subject ON event (subject, seq);
CREATE TABLE audit (
  seq BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  source TEXT NOT NULL,
  action TEXT NOT NULL,
  subjects TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_actor ON audit (actor, seq);
CREATE FUNCTION siak_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append-only: %', TG_TABLE_NAME;
END $$;
CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event
  FOR EACH ROW EXECUTE FUNCTION siak_append_only();
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event
  FOR EACH STATEMENT EXECUTE FUNCTION siak_append_only();
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION siak_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION siak_append_only();
)sql";
constexpr std::string_view kLogsPostgresDown = R"sql(
DROP TABLE audit;
DROP TABLE event;
DROP FUNCTION siak_append_only();
)sql";


// ---- 4: users, sessions, idempotency keys, name search tokens ------------------------------
constexpr std::string_view kAccessSqliteUp = R"sql(
CREATE TABLE app_user (
  username TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  scope TEXT NOT NULL,                 -- region code prefix (digits); '' is national
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,   -- unix seconds
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,         -- SHA-256 of the bearer token; the token itself is never stored
  username TEXT NOT NULL REFERENCES app_user (username),
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_by_user ON session (username);
CREATE TABLE idempotency (
  key TEXT PRIMARY KEY,                -- user + method + path + Idempotency-Key, hashed
  username TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE person_name_token (
  token TEXT NOT NULL,
  nik TEXT NOT NULL,
  province_code TEXT NOT NULL,
  PRIMARY KEY (token, nik)
) WITHOUT ROWID;
CREATE INDEX person_name_token_nik ON person_name_token (nik);
CREATE INDEX person_birth ON person (tanggal_lahir);
)sql";
constexpr std::string_view kAccessSqliteDown = R"sql(
DROP INDEX person_birth;
DROP TABLE person_name_token;
DROP TABLE idempotency;
DROP TABLE session;
DROP TABLE app_user;
)sql";
constexpr std::string_view kAccessPostgresUp = R"sql(
CREATE TABLE app_user (
  username TEXT COLLATE "C" PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  scope TEXT COLLATE "C" NOT NULL,
  disabled SMALLINT NOT NULL DEFAULT 0,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE TABLE session (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  username TEXT COLLATE "C" NOT NULL REFERENCES app_user (username),
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX session_by_user ON session (username);
CREATE TABLE idempotency (
  key TEXT COLLATE "C" PRIMARY KEY,
  username TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE person_name_token (
  token TEXT COLLATE "C" NOT NULL,
  nik TEXT COLLATE "C" NOT NULL,
  province_code TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (token, nik)
);
CREATE INDEX person_name_token_nik ON person_name_token (nik);
CREATE INDEX person_birth ON person (tanggal_lahir);
)sql";
constexpr std::string_view kAccessPostgresDown = R"sql(
DROP INDEX person_birth;
DROP TABLE person_name_token;
DROP TABLE idempotency;
DROP TABLE session;
DROP TABLE app_user;
)sql";

// ---- 5: typo-tolerant name search (symmetric-deletion variants of the name tokens) --------
constexpr std::string_view kVariantsSqliteUp = R"sql(
CREATE TABLE name_token_variant (
  variant TEXT NOT NULL,
  token TEXT NOT NULL,
  PRIMARY KEY (variant, token)
) WITHOUT ROWID;
)sql";
constexpr std::string_view kVariantsSqliteDown = "DROP TABLE name_token_variant;";
constexpr std::string_view kVariantsPostgresUp = R"sql(
CREATE TABLE name_token_variant (
  variant TEXT COLLATE "C" NOT NULL,
  token TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (variant, token)
);
)sql";
constexpr std::string_view kVariantsPostgresDown = "DROP TABLE name_token_variant;";

// ---- 6: ABIS de-duplication: the job queue, the enrolled set and its log, adjudication ------
// Templates are kept only sealed (XSalsa20-Poly1305 under the template key), hex encoded.
constexpr std::string_view kAbisSqliteUp = R"sql(
CREATE TABLE abis_job (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recording_id TEXT NOT NULL UNIQUE,   -- chosen by the client: a retried submission finds its job
  nik TEXT NOT NULL,
  region_code TEXT NOT NULL,         -- the person's village when submitted (scope)
  templates TEXT NOT NULL,             -- sealed serialized iris templates, hex
  state TEXT NOT NULL,                 -- queued | done
  outcome TEXT,                        -- UNIQUE | DUPLICATE | FAILURE, once
  detail TEXT NOT NULL DEFAULT '',     -- JSON: candidates and scores, or the failure reason
  submitted_by TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX abis_job_queue ON abis_job (state, id);
CREATE INDEX abis_job_nik ON abis_job (nik, id);
CREATE TABLE abis_enrolled (
  nik TEXT PRIMARY KEY,                -- in the galleries, with the templates of this job
  job_id INTEGER NOT NULL,
  province_code TEXT NOT NULL,
  seq INTEGER NOT NULL                 -- the gallery-log entry that added it
) WITHOUT ROWID;
CREATE TABLE abis_gallery_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  nik TEXT NOT NULL,
  op TEXT NOT NULL,                    -- add | remove
  job_id INTEGER,                      -- for add: whose templates
  at TEXT NOT NULL
);
CREATE TABLE abis_case (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL,
  nik TEXT NOT NULL,                   -- the new recording's person
  candidate_nik TEXT NOT NULL,         -- the enrolled person it matched
  region_code TEXT NOT NULL,
  score_right TEXT NOT NULL,           -- normalised Hamming distance, '' when not compared
  score_left TEXT NOT NULL,
  false_match_probability TEXT NOT NULL,
  state TEXT NOT NULL,                 -- open | resolved
  decision TEXT,                       -- different | same
  surviving_nik TEXT,
  reason TEXT,
  decided_by TEXT,
  opened_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE INDEX abis_case_state ON abis_case (state, id);
CREATE INDEX abis_case_job ON abis_case (job_id);
)sql";
constexpr std::string_view kAbisSqliteDown = R"sql(
DROP TABLE abis_case;
DROP TABLE abis_gallery_log;
DROP TABLE abis_enrolled;
DROP TABLE abis_job;
)sql";
constexpr std::string_view kAbisPostgresUp = R"sql(
CREATE TABLE abis_job (
  id BIGSERIAL PRIMARY KEY,
  recording_id TEXT COLLATE "C" NOT NULL UNIQUE,
  nik TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  templates TEXT NOT NULL,
  state TEXT NOT NULL,
  outcome TEXT,
  detail TEXT NOT NULL DEFAULT '',
  submitted_by TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX abis_job_queue ON abis_job (state, id);
CREATE INDEX abis_job_nik ON abis_job (nik, id);
CREATE TABLE abis_enrolled (
  nik TEXT COLLATE "C" PRIMARY KEY,
  job_id BIGINT NOT NULL,
  province_code TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL
);
CREATE TABLE abis_gallery_log (
  seq BIGSERIAL PRIMARY KEY,
  nik TEXT COLLATE "C" NOT NULL,
  op TEXT NOT NULL,
  job_id BIGINT,
  at TEXT NOT NULL
);
CREATE TABLE abis_case (
  id BIGSERIAL PRIMARY KEY,
  job_id BIGINT NOT NULL,
  nik TEXT COLLATE "C" NOT NULL,
  candidate_nik TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  score_right TEXT NOT NULL,
  score_left TEXT NOT NULL,
  false_match_probability TEXT NOT NULL,
  state TEXT NOT NULL,
  decision TEXT,
  surviving_nik TEXT,
  reason TEXT,
  decided_by TEXT,
  opened_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE INDEX abis_case_state ON abis_case (state, id);
CREATE INDEX abis_case_job ON abis_case (job_id);
)sql";
constexpr std::string_view kAbisPostgresDown = kAbisSqliteDown;

// ---- 7: e-KTP: sites and devices, recordings, blank stock, print queue, cards, Suket, coverage --
// Photos, signatures and finger templates are kept only sealed under the template key. The
// blank ledger never goes negative (CHECK, and every debit is a conditional update). Coverage
// counters per village and e-KTP status are kept by triggers on person, so every write path
// (API, import, demo load, moves) keeps them right; the migration seeds them from a full scan.
constexpr std::string_view kEktpSqliteUp = R"sql(
CREATE TABLE ektp_site (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL UNIQUE,            -- chosen by the administrator: "3204-DINAS", "3204-MOBIL-1"
  kind TEXT NOT NULL,                      -- dinas | kecamatan | counter | mobile
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,            -- digits of the region it serves (regency or district)
  print_site_id INTEGER,                     -- the Dinas site that prints its cards; NULL: itself
  starts_on TEXT,                          -- counters: the event's dates
  ends_on TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE TABLE ektp_device (
  serial TEXT PRIMARY KEY,
  site_id INTEGER NOT NULL,
  kind TEXT NOT NULL,                      -- kit | camera | fingerprint | iris | signature
  model TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  registered_at TEXT NOT NULL
);
CREATE TABLE ektp_recording (
  id TEXT PRIMARY KEY,                  -- the client's recording id (also the ABIS job's)
  nik TEXT NOT NULL,
  region_code TEXT NOT NULL,
  site_id INTEGER NOT NULL,
  device_serial TEXT NOT NULL,
  officer TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  photo TEXT NOT NULL,                     -- sealed under the template key, hex
  signature TEXT NOT NULL,
  fingers TEXT NOT NULL,
  quality TEXT NOT NULL,                   -- JSON: what the gates measured, missing fingers
  abis_job_id INTEGER
);
CREATE INDEX ektp_recording_nik ON ektp_recording (nik, submitted_at);
CREATE TABLE ektp_stock (
  account TEXT PRIMARY KEY,             -- pusat | prov:32 | kab:3204 | site:<id>
  on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
  monthly_quota INTEGER NOT NULL DEFAULT 0,  -- blanks a regency may receive per month; 0 = none set
  low_stock INTEGER NOT NULL DEFAULT 0       -- flagged at or below this
);
CREATE TABLE ektp_stock_entry (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  month TEXT NOT NULL,                     -- YYYY-MM of at
  kind TEXT NOT NULL,                      -- procured | delivered | allocated | transferred | consumed | spoiled
  from_account TEXT ,
  to_account TEXT ,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  reason TEXT NOT NULL DEFAULT '',
  card_serial TEXT,
  actor TEXT NOT NULL
);
CREATE INDEX ektp_stock_entry_to ON ektp_stock_entry (to_account, month, kind);
CREATE INDEX ektp_stock_entry_from ON ektp_stock_entry (from_account, seq);
CREATE TABLE ektp_print_request (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  nik TEXT NOT NULL,
  region_code TEXT NOT NULL,
  site_id INTEGER,                           -- the print site; NULL: any print site covering the region
  reason TEXT NOT NULL,                    -- first | lost | damaged | data_change | misprint
  priority INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,                     -- queued | printed | cancelled
  document_ref TEXT NOT NULL DEFAULT '',   -- police report number, form F-1.02, supporting document
  old_serial TEXT,
  card_serial TEXT,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL
);
CREATE INDEX ektp_print_queue ON ektp_print_request (state, priority, id);
CREATE INDEX ektp_print_request_nik ON ektp_print_request (nik);
CREATE TABLE ektp_card (
  serial TEXT PRIMARY KEY,
  nik TEXT NOT NULL,
  region_code TEXT NOT NULL,
  site_id INTEGER NOT NULL,
  request_id INTEGER NOT NULL,
  recording_id TEXT NOT NULL,
  state TEXT NOT NULL,                     -- printed | issued | revoked
  face TEXT NOT NULL,                      -- JSON: the data printed
  chip TEXT NOT NULL,                      -- the signed chip payload, hex
  printed_by TEXT NOT NULL,
  printed_at TEXT NOT NULL,
  received_by TEXT,
  issued_by TEXT,
  issued_at TEXT,
  revoked_at TEXT,
  revoke_reason TEXT
);
CREATE INDEX ektp_card_nik ON ektp_card (nik);
CREATE INDEX ektp_card_state ON ektp_card (state, region_code);
CREATE TABLE ektp_suket (
  number TEXT PRIMARY KEY,
  nik TEXT NOT NULL,
  region_code TEXT NOT NULL,
  site_id INTEGER NOT NULL,
  state TEXT NOT NULL,                     -- active | superseded | revoked
  reference TEXT NOT NULL,                 -- the signed reference in its QR code
  issued_by TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  closed_at TEXT,
  card_serial TEXT
);
CREATE INDEX ektp_suket_nik ON ektp_suket (nik);
CREATE INDEX ektp_suket_state ON ektp_suket (state, region_code);
CREATE TABLE ektp_sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE ektp_coverage (
  region_code TEXT NOT NULL,            -- a village
  ektp_status INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (region_code, ektp_status)
) WITHOUT ROWID;
-- Always empty on SQLite (its writes are serial, so the triggers update the counters directly);
-- there for the one coverage query both backends share.
CREATE TABLE ektp_coverage_delta (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  region_code TEXT NOT NULL,
  ektp_status INTEGER NOT NULL,
  n INTEGER NOT NULL
);
CREATE INDEX person_belum_wajib ON person (tanggal_lahir) WHERE ektp_status = 0;
INSERT INTO ektp_coverage (region_code, ektp_status, n)
  SELECT region_code, ektp_status, COUNT(*) FROM person WHERE status_dasar = 1 GROUP BY region_code, ektp_status;
-- Coverage counters follow every write of a living person (status dasar HIDUP = 1).
CREATE TRIGGER person_coverage_insert AFTER INSERT ON person WHEN NEW.status_dasar = 1 BEGIN
  INSERT INTO ektp_coverage (region_code, ektp_status, n) VALUES (NEW.region_code, NEW.ektp_status, 1)
    ON CONFLICT (region_code, ektp_status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER person_coverage_delete AFTER DELETE ON person WHEN OLD.status_dasar = 1 BEGIN
  UPDATE ektp_coverage SET n = n - 1 WHERE region_code = OLD.region_code AND ektp_status = OLD.ektp_status;
END;
CREATE TRIGGER person_coverage_update AFTER UPDATE OF region_code, ektp_status, status_dasar ON person
  WHEN OLD.region_code IS NOT NEW.region_code OR OLD.ektp_status IS NOT NEW.ektp_status
    OR OLD.status_dasar IS NOT NEW.status_dasar BEGIN
  UPDATE ektp_coverage SET n = n - 1
    WHERE OLD.status_dasar = 1 AND region_code = OLD.region_code AND ektp_status = OLD.ektp_status;
  INSERT INTO ektp_coverage (region_code, ektp_status, n) SELECT NEW.region_code, NEW.ektp_status, 1
    WHERE NEW.status_dasar = 1 ON CONFLICT (region_code, ektp_status) DO UPDATE SET n = n + 1;
END;
)sql";
constexpr std::string_view kEktpSqliteDown = R"sql(
DROP TRIGGER person_coverage_update;
DROP TRIGGER person_coverage_delete;
DROP TRIGGER person_coverage_insert;
DROP INDEX person_belum_wajib;
DROP TABLE ektp_coverage_delta;
DROP TABLE ektp_coverage;
DROP TABLE ektp_sequence;
DROP TABLE ektp_suket;
DROP TABLE ektp_card;
DROP TABLE ektp_print_request;
DROP TABLE ektp_stock_entry;
DROP TABLE ektp_stock;
DROP TABLE ektp_recording;
DROP TABLE ektp_device;
DROP TABLE ektp_site;
)sql";
constexpr std::string_view kEktpPostgresUp = R"sql(
CREATE TABLE ektp_site (
  id BIGSERIAL PRIMARY KEY,
  code TEXT COLLATE "C" NOT NULL UNIQUE,            -- chosen by the administrator: "3204-DINAS", "3204-MOBIL-1"
  kind TEXT NOT NULL,                      -- dinas | kecamatan | counter | mobile
  name TEXT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,            -- digits of the region it serves (regency or district)
  print_site_id BIGINT,                     -- the Dinas site that prints its cards; NULL: itself
  starts_on TEXT,                          -- counters: the event's dates
  ends_on TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE TABLE ektp_device (
  serial TEXT COLLATE "C" PRIMARY KEY,
  site_id BIGINT NOT NULL,
  kind TEXT NOT NULL,                      -- kit | camera | fingerprint | iris | signature
  model TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  registered_at TEXT NOT NULL
);
CREATE TABLE ektp_recording (
  id TEXT COLLATE "C" PRIMARY KEY,                  -- the client's recording id (also the ABIS job's)
  nik TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  site_id BIGINT NOT NULL,
  device_serial TEXT NOT NULL,
  officer TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  photo TEXT NOT NULL,                     -- sealed under the template key, hex
  signature TEXT NOT NULL,
  fingers TEXT NOT NULL,
  quality TEXT NOT NULL,                   -- JSON: what the gates measured, missing fingers
  abis_job_id BIGINT
);
CREATE INDEX ektp_recording_nik ON ektp_recording (nik, submitted_at);
CREATE TABLE ektp_stock (
  account TEXT COLLATE "C" PRIMARY KEY,             -- pusat | prov:32 | kab:3204 | site:<id>
  on_hand BIGINT NOT NULL CHECK (on_hand >= 0),
  monthly_quota BIGINT NOT NULL DEFAULT 0,  -- blanks a regency may receive per month; 0 = none set
  low_stock BIGINT NOT NULL DEFAULT 0       -- flagged at or below this
);
CREATE TABLE ektp_stock_entry (
  seq BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  month TEXT NOT NULL,                     -- YYYY-MM of at
  kind TEXT NOT NULL,                      -- procured | delivered | allocated | transferred | consumed | spoiled
  from_account TEXT COLLATE "C" ,
  to_account TEXT COLLATE "C" ,
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  reason TEXT NOT NULL DEFAULT '',
  card_serial TEXT,
  actor TEXT NOT NULL
);
CREATE INDEX ektp_stock_entry_to ON ektp_stock_entry (to_account, month, kind);
CREATE INDEX ektp_stock_entry_from ON ektp_stock_entry (from_account, seq);
CREATE TABLE ektp_print_request (
  id BIGSERIAL PRIMARY KEY,
  nik TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  site_id BIGINT,                           -- the print site; NULL: any print site covering the region
  reason TEXT NOT NULL,                    -- first | lost | damaged | data_change | misprint
  priority INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,                     -- queued | printed | cancelled
  document_ref TEXT NOT NULL DEFAULT '',   -- police report number, form F-1.02, supporting document
  old_serial TEXT,
  card_serial TEXT,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL
);
CREATE INDEX ektp_print_queue ON ektp_print_request (state, priority, id);
CREATE INDEX ektp_print_request_nik ON ektp_print_request (nik);
CREATE TABLE ektp_card (
  serial TEXT COLLATE "C" PRIMARY KEY,
  nik TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  site_id BIGINT NOT NULL,
  request_id BIGINT NOT NULL,
  recording_id TEXT NOT NULL,
  state TEXT NOT NULL,                     -- printed | issued | revoked
  face TEXT NOT NULL,                      -- JSON: the data printed
  chip TEXT NOT NULL,                      -- the signed chip payload, hex
  printed_by TEXT NOT NULL,
  printed_at TEXT NOT NULL,
  received_by TEXT,
  issued_by TEXT,
  issued_at TEXT,
  revoked_at TEXT,
  revoke_reason TEXT
);
CREATE INDEX ektp_card_nik ON ektp_card (nik);
CREATE INDEX ektp_card_state ON ektp_card (state, region_code);
CREATE TABLE ektp_suket (
  number TEXT COLLATE "C" PRIMARY KEY,
  nik TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  site_id BIGINT NOT NULL,
  state TEXT NOT NULL,                     -- active | superseded | revoked
  reference TEXT NOT NULL,                 -- the signed reference in its QR code
  issued_by TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  closed_at TEXT,
  card_serial TEXT
);
CREATE INDEX ektp_suket_nik ON ektp_suket (nik);
CREATE INDEX ektp_suket_state ON ektp_suket (state, region_code);
CREATE TABLE ektp_sequence (name TEXT COLLATE "C" PRIMARY KEY, value BIGINT NOT NULL);
CREATE TABLE ektp_coverage (
  region_code TEXT COLLATE "C" NOT NULL,            -- a village
  ektp_status INTEGER NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (region_code, ektp_status)
);
CREATE TABLE ektp_coverage_delta (
  id BIGSERIAL PRIMARY KEY,
  region_code TEXT COLLATE "C" NOT NULL,
  ektp_status INTEGER NOT NULL,
  n BIGINT NOT NULL
);
CREATE INDEX person_belum_wajib ON person (tanggal_lahir) WHERE ektp_status = 0;
INSERT INTO ektp_coverage (region_code, ektp_status, n)
  SELECT region_code, ektp_status, COUNT(*) FROM person WHERE status_dasar = 1 GROUP BY region_code, ektp_status;
-- Coverage counters follow every write of a living person (status dasar HIDUP = 1). The trigger
-- only appends one grouped delta row per (village, status) per statement to ektp_coverage_delta:
-- writers on different connections never lock a shared counter row, so they can neither wait on
-- nor deadlock with each other over it. EktpStore::CompactCoverage folds deltas into the counters;
-- readers add both.
CREATE FUNCTION siak_coverage_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ektp_coverage_delta (region_code, ektp_status, n)
      SELECT region_code, ektp_status, COUNT(*) FROM new_rows WHERE status_dasar = 1 GROUP BY 1, 2;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO ektp_coverage_delta (region_code, ektp_status, n)
      SELECT region_code, ektp_status, -COUNT(*) FROM old_rows WHERE status_dasar = 1 GROUP BY 1, 2;
  ELSE
    INSERT INTO ektp_coverage_delta (region_code, ektp_status, n)
      SELECT region_code, ektp_status, SUM(d) FROM (
        SELECT region_code, ektp_status, 1 AS d FROM new_rows WHERE status_dasar = 1
        UNION ALL SELECT region_code, ektp_status, -1 FROM old_rows WHERE status_dasar = 1) AS x
      GROUP BY 1, 2 HAVING SUM(d) <> 0;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER person_coverage_insert AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION siak_coverage_change();
CREATE TRIGGER person_coverage_delete AFTER DELETE ON person REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION siak_coverage_change();
CREATE TRIGGER person_coverage_update AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION siak_coverage_change();
)sql";
constexpr std::string_view kEktpPostgresDown = R"sql(
DROP TRIGGER person_coverage_update ON person;
DROP TRIGGER person_coverage_delete ON person;
DROP TRIGGER person_coverage_insert ON person;
DROP FUNCTION siak_coverage_change();
DROP INDEX person_belum_wajib;
DROP TABLE ektp_coverage_delta;
DROP TABLE ektp_coverage;
DROP TABLE ektp_sequence;
DROP TABLE ektp_suket;
DROP TABLE ektp_card;
DROP TABLE ektp_print_request;
DROP TABLE ektp_stock_entry;
DROP TABLE ektp_stock;
DROP TABLE ektp_recording;
DROP TABLE ektp_device;
DROP TABLE ektp_site;
)sql";

// 8: civil registration. A vital event is declared, then registered or rejected; a registered one
// is never edited (a correction or cancellation is a further event naming it). civil_sequence
// numbers the akta per regency, register code and day.
constexpr const char* kCivilSqliteUp = R"sql(
CREATE TABLE civil_event (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,                  -- kelahiran, kematian, ... (domain/vital_event.h)
  state TEXT NOT NULL CHECK (state IN ('DECLARED', 'REGISTERED', 'REJECTED', 'CORRECTED', 'CANCELLED')),
  region_code TEXT NOT NULL,           -- the village the event is registered for (scope)
  subject_nik TEXT NOT NULL DEFAULT '',  -- the person it is about (a birth: the child's NIK once registered)
  event_date TEXT NOT NULL,
  timeliness TEXT NOT NULL,            -- on_time | late (as declared)
  late_decision TEXT NOT NULL DEFAULT '',  -- the head of the Dinas's decision, for a late registration
  data TEXT NOT NULL,                  -- the declaration, JSON
  akta_number TEXT UNIQUE,             -- once registered
  declared_by TEXT NOT NULL,
  declared_at TEXT NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''      -- why it was rejected
);
CREATE INDEX civil_event_region ON civil_event (region_code, id);
CREATE TABLE civil_sequence (
  regency TEXT NOT NULL,
  code TEXT NOT NULL,
  day TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (regency, code, day)
);
)sql";
constexpr const char* kCivilSqliteDown = R"sql(
DROP TABLE civil_sequence;
DROP TABLE civil_event;
)sql";
constexpr const char* kCivilPostgresUp = R"sql(
CREATE TABLE civil_event (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT COLLATE "C" NOT NULL,
  state TEXT COLLATE "C" NOT NULL CHECK (state IN ('DECLARED', 'REGISTERED', 'REJECTED', 'CORRECTED', 'CANCELLED')),
  region_code TEXT COLLATE "C" NOT NULL,
  subject_nik TEXT COLLATE "C" NOT NULL DEFAULT '',
  event_date TEXT NOT NULL,
  timeliness TEXT NOT NULL,
  late_decision TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL,
  akta_number TEXT COLLATE "C" UNIQUE,
  declared_by TEXT NOT NULL,
  declared_at TEXT NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX civil_event_region ON civil_event (region_code, id);
CREATE TABLE civil_sequence (
  regency TEXT COLLATE "C" NOT NULL,
  code TEXT COLLATE "C" NOT NULL,
  day TEXT COLLATE "C" NOT NULL,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY (regency, code, day)
);
)sql";
constexpr const char* kCivilPostgresDown = kCivilSqliteDown;

// 9: civil registration, effects and further events. `effects` records what registering an
// event changed in the register (JSON: persons, families, cards, galleries), so each effect is
// traceable to its event; `copies` counts the kutipan issued of its akta; `corrects` names the registered event a correction or cancellation is
// about; the subject index finds a person's events (the marginal notes on their birth akta);
// civil_attachment holds a declaration's supporting documents.
constexpr const char* kCivilEffectsSqliteUp = R"sql(
ALTER TABLE civil_event ADD COLUMN effects TEXT NOT NULL DEFAULT '{}';
ALTER TABLE civil_event ADD COLUMN corrects INTEGER NOT NULL DEFAULT 0;
ALTER TABLE civil_event ADD COLUMN copies INTEGER NOT NULL DEFAULT 1;
CREATE INDEX civil_event_subject ON civil_event (subject_nik, id);
CREATE INDEX civil_event_corrects ON civil_event (corrects) WHERE corrects <> 0;
CREATE TABLE civil_attachment (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id INTEGER NOT NULL,
  jenis TEXT NOT NULL,                 -- what the document is (surat_keterangan_lahir, ...)
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,          -- application/pdf | image/jpeg | image/png, by its bytes
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,               -- base64
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX civil_attachment_event ON civil_attachment (event_id, id);
)sql";
constexpr const char* kCivilEffectsSqliteDown = R"sql(
DROP TABLE civil_attachment;
DROP INDEX civil_event_corrects;
DROP INDEX civil_event_subject;
ALTER TABLE civil_event DROP COLUMN copies;
ALTER TABLE civil_event DROP COLUMN corrects;
ALTER TABLE civil_event DROP COLUMN effects;
)sql";
constexpr const char* kCivilEffectsPostgresUp = R"sql(
ALTER TABLE civil_event ADD COLUMN effects TEXT NOT NULL DEFAULT '{}';
ALTER TABLE civil_event ADD COLUMN corrects BIGINT NOT NULL DEFAULT 0;
ALTER TABLE civil_event ADD COLUMN copies INTEGER NOT NULL DEFAULT 1;
CREATE INDEX civil_event_subject ON civil_event (subject_nik, id);
CREATE INDEX civil_event_corrects ON civil_event (corrects) WHERE corrects <> 0;
CREATE TABLE civil_attachment (
  id BIGSERIAL PRIMARY KEY,
  event_id BIGINT NOT NULL,
  jenis TEXT COLLATE "C" NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT COLLATE "C" NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT COLLATE "C" NOT NULL,
  content TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX civil_attachment_event ON civil_attachment (event_id, id);
)sql";
constexpr const char* kCivilEffectsPostgresDown = kCivilEffectsSqliteDown;

// ---- 10: outreach (jemput bola) -----------------------------------------------------------
// Priority flags on regions (imported or set by an administrator: no machine-readable official
// list exists for border kecamatan or daerah tertinggal), mobile teams, plans and their visits,
// the outcome per person visited, tasks for the register (a move or a death reported by a team is
// never applied silently), the message outbox, recording targets and coverage snapshots (the
// history a projection is fitted on). Partial indexes serve the "who is missing" lists.
constexpr const char* kOutreachSqliteUp = R"sql(
CREATE TABLE region_flag (
  region_code TEXT NOT NULL,           -- digits: a regency (4), district (6) or village (10)
  flag TEXT NOT NULL CHECK (flag IN ('pulau_terluar', 'perbatasan', 'tertinggal')),
  source TEXT NOT NULL,                -- where the entry comes from (a decree, a file, "region data")
  note TEXT NOT NULL DEFAULT '',
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL,
  PRIMARY KEY (region_code, flag)
) WITHOUT ROWID;
CREATE TABLE outreach_team (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,           -- the regency (or district) the team serves: its scope
  home_district TEXT NOT NULL,         -- 6 digits
  members TEXT NOT NULL,               -- JSON array of names
  devices TEXT NOT NULL,               -- JSON array of recording kit serials
  capacity_per_day INTEGER NOT NULL CHECK (capacity_per_day > 0),
  working_days TEXT NOT NULL,          -- ISO weekdays, e.g. "12345"
  active INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE outreach_plan (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  region_code TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('ACTIVE', 'SUPERSEDED')),
  replaces INTEGER NOT NULL DEFAULT 0, -- the plan this one re-planned
  summary TEXT NOT NULL,               -- JSON: totals, uncovered villages with reasons, teams
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE outreach_visit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  village_code TEXT NOT NULL,
  planned INTEGER NOT NULL,            -- persons the plan expects to reach
  reasons TEXT NOT NULL DEFAULT '',    -- why the village is ranked where it is
  state TEXT NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED', 'DONE', 'CANCELLED'))
);
CREATE INDEX outreach_visit_plan ON outreach_visit (plan_id, team_id, day);
-- One active plan per region (a re-plan supersedes it first).
CREATE UNIQUE INDEX outreach_plan_active ON outreach_plan (region_code) WHERE state = 'ACTIVE';
CREATE INDEX outreach_visit_village ON outreach_visit (village_code, day);
CREATE TABLE outreach_outcome (
  visit_id INTEGER NOT NULL,
  nik TEXT NOT NULL,
  region_code TEXT NOT NULL,           -- the person's village (scope)
  outcome TEXT NOT NULL CHECK (outcome IN ('recorded', 'not_at_home', 'refused', 'moved_away', 'died')),
  recording_id TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (visit_id, nik)
) WITHOUT ROWID;
CREATE INDEX outreach_outcome_day ON outreach_outcome (recorded_at);
CREATE TABLE register_task (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('moved_away', 'died')),
  nik TEXT NOT NULL,
  region_code TEXT NOT NULL,
  visit_id INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'DONE', 'DISMISSED')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_by TEXT NOT NULL DEFAULT '',
  closed_at TEXT NOT NULL DEFAULT '',
  resolution TEXT NOT NULL DEFAULT ''
);
CREATE INDEX register_task_open ON register_task (region_code, id) WHERE state = 'OPEN';
-- One open task per person and kind: a retried or repeated report opens no second one.
CREATE UNIQUE INDEX register_task_once ON register_task (nik, kind) WHERE state = 'OPEN';
CREATE TABLE outbox_message (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  recipient TEXT NOT NULL,             -- the household: its KK number
  region_code TEXT NOT NULL,
  visit_id INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  niks TEXT NOT NULL DEFAULT '',       -- the household members it names, comma separated (audit)
  state TEXT NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'FAILED')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sent_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox_message (id) WHERE state = 'PENDING';
CREATE UNIQUE INDEX outbox_once ON outbox_message (visit_id, recipient, channel) WHERE visit_id <> 0;
CREATE TABLE recording_target (
  region_code TEXT PRIMARY KEY,        -- digits; "" = national
  target_rate REAL NOT NULL CHECK (target_rate > 0 AND target_rate <= 1),
  target_date TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE coverage_snapshot (
  day TEXT NOT NULL,
  region_code TEXT NOT NULL,           -- a village
  wajib_ktp INTEGER NOT NULL,
  recorded INTEGER NOT NULL,
  PRIMARY KEY (region_code, day)
) WITHOUT ROWID;
CREATE INDEX coverage_snapshot_day ON coverage_snapshot (day);
CREATE INDEX person_belum_rekam ON person (region_code, rw, rt, nik) WHERE ektp_status IN (1, 5) AND status_dasar = 1;
CREATE INDEX person_tanpa_kartu ON person (region_code, nik) WHERE ektp_status IN (2, 3, 4, 6, 7, 8, 9) AND status_dasar = 1;
)sql";
constexpr const char* kOutreachSqliteDown = R"sql(
DROP INDEX person_tanpa_kartu;
DROP INDEX person_belum_rekam;
DROP TABLE coverage_snapshot;
DROP TABLE recording_target;
DROP TABLE outbox_message;
DROP TABLE register_task;
DROP TABLE outreach_outcome;
DROP TABLE outreach_visit;
DROP TABLE outreach_plan;
DROP TABLE outreach_team;
DROP TABLE region_flag;
)sql";
constexpr const char* kOutreachPostgresUp = R"sql(
CREATE TABLE region_flag (
  region_code TEXT COLLATE "C" NOT NULL,           -- digits: a regency (4), district (6) or village (10)
  flag TEXT NOT NULL CHECK (flag IN ('pulau_terluar', 'perbatasan', 'tertinggal')),
  source TEXT NOT NULL,                -- where the entry comes from (a decree, a file, "region data")
  note TEXT NOT NULL DEFAULT '',
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL,
  PRIMARY KEY (region_code, flag)
);
CREATE TABLE outreach_team (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,           -- the regency (or district) the team serves: its scope
  home_district TEXT NOT NULL,         -- 6 digits
  members TEXT NOT NULL,               -- JSON array of names
  devices TEXT NOT NULL,               -- JSON array of recording kit serials
  capacity_per_day INTEGER NOT NULL CHECK (capacity_per_day > 0),
  working_days TEXT NOT NULL,          -- ISO weekdays, e.g. "12345"
  active INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE outreach_plan (
  id BIGSERIAL PRIMARY KEY,
  region_code TEXT COLLATE "C" NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('ACTIVE', 'SUPERSEDED')),
  replaces BIGINT NOT NULL DEFAULT 0, -- the plan this one re-planned
  summary TEXT NOT NULL,               -- JSON: totals, uncovered villages with reasons, teams
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE outreach_visit (
  id BIGSERIAL PRIMARY KEY,
  plan_id BIGINT NOT NULL,
  team_id BIGINT NOT NULL,
  day TEXT COLLATE "C" NOT NULL,
  village_code TEXT NOT NULL,
  planned INTEGER NOT NULL,            -- persons the plan expects to reach
  reasons TEXT NOT NULL DEFAULT '',    -- why the village is ranked where it is
  state TEXT NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED', 'DONE', 'CANCELLED'))
);
CREATE INDEX outreach_visit_plan ON outreach_visit (plan_id, team_id, day);
-- One active plan per region (a re-plan supersedes it first).
CREATE UNIQUE INDEX outreach_plan_active ON outreach_plan (region_code) WHERE state = 'ACTIVE';
CREATE INDEX outreach_visit_village ON outreach_visit (village_code, day);
CREATE TABLE outreach_outcome (
  visit_id BIGINT NOT NULL,
  nik TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,           -- the person's village (scope)
  outcome TEXT NOT NULL CHECK (outcome IN ('recorded', 'not_at_home', 'refused', 'moved_away', 'died')),
  recording_id TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (visit_id, nik)
);
CREATE INDEX outreach_outcome_day ON outreach_outcome (recorded_at);
CREATE TABLE register_task (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('moved_away', 'died')),
  nik TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  visit_id BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'DONE', 'DISMISSED')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_by TEXT NOT NULL DEFAULT '',
  closed_at TEXT NOT NULL DEFAULT '',
  resolution TEXT NOT NULL DEFAULT ''
);
CREATE INDEX register_task_open ON register_task (region_code, id) WHERE state = 'OPEN';
-- One open task per person and kind: a retried or repeated report opens no second one.
CREATE UNIQUE INDEX register_task_once ON register_task (nik, kind) WHERE state = 'OPEN';
CREATE TABLE outbox_message (
  id BIGSERIAL PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  recipient TEXT COLLATE "C" NOT NULL,             -- the household: its KK number
  region_code TEXT COLLATE "C" NOT NULL,
  visit_id BIGINT NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  niks TEXT NOT NULL DEFAULT '',       -- the household members it names, comma separated (audit)
  state TEXT NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'FAILED')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sent_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox_message (id) WHERE state = 'PENDING';
CREATE UNIQUE INDEX outbox_once ON outbox_message (visit_id, recipient, channel) WHERE visit_id <> 0;
CREATE TABLE recording_target (
  region_code TEXT COLLATE "C" PRIMARY KEY,        -- digits; "" = national
  target_rate DOUBLE PRECISION NOT NULL CHECK (target_rate > 0 AND target_rate <= 1),
  target_date TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);
CREATE TABLE coverage_snapshot (
  day TEXT COLLATE "C" NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,           -- a village
  wajib_ktp INTEGER NOT NULL,
  recorded INTEGER NOT NULL,
  PRIMARY KEY (region_code, day)
);
CREATE INDEX coverage_snapshot_day ON coverage_snapshot (day);
CREATE INDEX person_belum_rekam ON person (region_code, rw, rt, nik) WHERE ektp_status IN (1, 5) AND status_dasar = 1;
CREATE INDEX person_tanpa_kartu ON person (region_code, nik) WHERE ektp_status IN (2, 3, 4, 6, 7, 8, 9) AND status_dasar = 1;
)sql";
constexpr const char* kOutreachPostgresDown = kOutreachSqliteDown;

// ---- 11: service counters (loket) ---------------------------------------------------------
// Desks at a site (ektp_site) with the services they offer, queue tickets numbered per site,
// service and local day (counter_sequence hands out the numbers; the unique key keeps them
// distinct), and a ticket's lifecycle WAITING -> CALLED -> SERVING -> DONE | NO_SHOW. Every change
// of state is one UPDATE conditional on the state read (src/store/counter_store.cc).
constexpr const char* kCountersSqliteUp = R"sql(
CREATE TABLE counter_desk (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id INTEGER NOT NULL,
  name TEXT NOT NULL,                  -- "Loket 1"
  services TEXT NOT NULL,              -- comma-separated service names (domain/counter_queue.h)
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (site_id, name)
);
CREATE TABLE counter_sequence (
  site_id INTEGER NOT NULL,
  service TEXT NOT NULL,
  day TEXT NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (site_id, service, day)
);
CREATE TABLE counter_ticket (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id INTEGER NOT NULL,
  service TEXT NOT NULL,
  day TEXT NOT NULL,                   -- the site's local day, YYYY-MM-DD
  number INTEGER NOT NULL CHECK (number > 0),
  label TEXT NOT NULL,                 -- "A-007"
  state TEXT NOT NULL CHECK (state IN ('WAITING', 'CALLED', 'SERVING', 'DONE', 'NO_SHOW')),
  desk_id INTEGER NOT NULL DEFAULT 0,  -- the desk that called it
  nik TEXT NOT NULL DEFAULT '',        -- the resident, when given (personal data: never displayed)
  issued_by TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  called_at TEXT NOT NULL DEFAULT '',  -- first call
  announced_at TEXT NOT NULL DEFAULT '',  -- last call or recall (the display's order)
  recalls INTEGER NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL DEFAULT '',
  finished_at TEXT NOT NULL DEFAULT '',
  UNIQUE (site_id, service, day, number)
);
CREATE INDEX counter_ticket_queue ON counter_ticket (site_id, day, state, issued_at);
CREATE INDEX counter_ticket_desk ON counter_ticket (desk_id, state) WHERE desk_id <> 0;
)sql";
constexpr const char* kCountersSqliteDown = R"sql(
DROP TABLE counter_ticket;
DROP TABLE counter_sequence;
DROP TABLE counter_desk;
)sql";
constexpr const char* kCountersPostgresUp = R"sql(
CREATE TABLE counter_desk (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  services TEXT COLLATE "C" NOT NULL,
  active SMALLINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (site_id, name)
);
CREATE TABLE counter_sequence (
  site_id BIGINT NOT NULL,
  service TEXT COLLATE "C" NOT NULL,
  day TEXT COLLATE "C" NOT NULL,
  last_number BIGINT NOT NULL,
  PRIMARY KEY (site_id, service, day)
);
CREATE TABLE counter_ticket (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL,
  service TEXT COLLATE "C" NOT NULL,
  day TEXT COLLATE "C" NOT NULL,
  number BIGINT NOT NULL CHECK (number > 0),
  label TEXT COLLATE "C" NOT NULL,
  state TEXT COLLATE "C" NOT NULL CHECK (state IN ('WAITING', 'CALLED', 'SERVING', 'DONE', 'NO_SHOW')),
  desk_id BIGINT NOT NULL DEFAULT 0,
  nik TEXT COLLATE "C" NOT NULL DEFAULT '',
  issued_by TEXT NOT NULL,
  issued_at TEXT COLLATE "C" NOT NULL,
  called_at TEXT COLLATE "C" NOT NULL DEFAULT '',
  announced_at TEXT COLLATE "C" NOT NULL DEFAULT '',
  recalls INTEGER NOT NULL DEFAULT 0,
  started_at TEXT COLLATE "C" NOT NULL DEFAULT '',
  finished_at TEXT COLLATE "C" NOT NULL DEFAULT '',
  UNIQUE (site_id, service, day, number)
);
CREATE INDEX counter_ticket_queue ON counter_ticket (site_id, day, state, issued_at);
CREATE INDEX counter_ticket_desk ON counter_ticket (desk_id, state) WHERE desk_id <> 0;
)sql";
constexpr const char* kCountersPostgresDown = kCountersSqliteDown;


// ---- 12: SQLite keeps persons in insertion order ------------------------------------------
// A NIK is random in insertion order (region, birth date, serial). Keyed by it, `person` and
// every index on it (which end in the key) took each new person on a random leaf, and a group
// commit rewrote about ten scattered 4 KiB pages per registration. Keyed by an insertion rowid
// (the NIK a unique index), index entries with equal keys append after each other; name tokens
// likewise by (token, person_id). bench/registration_ceiling.py measures the two layouts.
// PostgreSQL needs no change: its tables are heaps in insertion order and its B-tree indexes
// already order equal keys by heap position. The SQL both backends share (store.cc) reads only
// columns both have.
// The columns after the key, their names, and the indexes and triggers on `person`: the same
// in both directions, so written once (adjacent literals, joined by the compiler).
#define SIAK_M12_PERSON_COLUMNS \
  "\n" \
  "  province_code TEXT NOT NULL CHECK (length(province_code) = 2),\n" \
  "  region_code TEXT NOT NULL,\n" \
  "  kk_number TEXT,\n" \
  "  nama TEXT NOT NULL,\n" \
  "  nama_fold TEXT NOT NULL,\n" \
  "  tempat_lahir TEXT NOT NULL,\n" \
  "  tanggal_lahir TEXT NOT NULL,\n" \
  "  tanggal_lahir_presisi INTEGER NOT NULL,\n" \
  "  jenis_kelamin INTEGER NOT NULL,\n" \
  "  golongan_darah INTEGER NOT NULL,\n" \
  "  agama INTEGER NOT NULL,\n" \
  "  status_perkawinan INTEGER NOT NULL,\n" \
  "  perkawinan_tercatat INTEGER NOT NULL,\n" \
  "  pendidikan INTEGER NOT NULL,\n" \
  "  pekerjaan INTEGER NOT NULL,\n" \
  "  kewarganegaraan INTEGER NOT NULL,\n" \
  "  kitap INTEGER NOT NULL,\n" \
  "  penyandang_cacat INTEGER,\n" \
  "  status_dasar INTEGER NOT NULL,\n" \
  "  nama_ayah TEXT NOT NULL,\n" \
  "  nama_ibu TEXT NOT NULL,\n" \
  "  alamat TEXT NOT NULL,\n" \
  "  rt INTEGER NOT NULL,\n" \
  "  rw INTEGER NOT NULL,\n" \
  "  ektp_status INTEGER NOT NULL,\n" \
  "  version INTEGER NOT NULL DEFAULT 1\n"
#define SIAK_M12_PERSON_COLUMN_NAMES \
  "nik, province_code, region_code, kk_number, nama, nama_fold, tempat_lahir, tanggal_lahir, tanggal_lahir_presisi, jenis_kelamin, golongan_darah, agama, status_perkawinan, perkawinan_tercatat, pendidikan, pekerjaan, kewarganegaraan, kitap, penyandang_cacat, status_dasar, nama_ayah, nama_ibu, alamat, rt, rw, ektp_status, version"
#define SIAK_M12_PERSON_INDEXES_AND_TRIGGERS \
  "\n" \
  "CREATE INDEX person_region ON person (region_code);\n" \
  "CREATE INDEX person_nama ON person (nama_fold);\n" \
  "CREATE INDEX person_kk ON person (kk_number);\n" \
  "CREATE INDEX person_birth ON person (tanggal_lahir);\n" \
  "CREATE INDEX person_belum_wajib ON person (tanggal_lahir) WHERE ektp_status = 0;\n" \
  "CREATE INDEX person_belum_rekam ON person (region_code, rw, rt, nik) WHERE ektp_status IN (1, 5) AND status_dasar = 1;\n" \
  "CREATE INDEX person_tanpa_kartu ON person (region_code, nik) WHERE ektp_status IN (2, 3, 4, 6, 7, 8, 9) AND status_dasar = 1;\n" \
  "CREATE TRIGGER person_coverage_insert AFTER INSERT ON person WHEN NEW.status_dasar = 1 BEGIN\n" \
  "  INSERT INTO ektp_coverage (region_code, ektp_status, n) VALUES (NEW.region_code, NEW.ektp_status, 1)\n" \
  "    ON CONFLICT (region_code, ektp_status) DO UPDATE SET n = n + 1;\n" \
  "END;\n" \
  "CREATE TRIGGER person_coverage_delete AFTER DELETE ON person WHEN OLD.status_dasar = 1 BEGIN\n" \
  "  UPDATE ektp_coverage SET n = n - 1 WHERE region_code = OLD.region_code AND ektp_status = OLD.ektp_status;\n" \
  "END;\n" \
  "CREATE TRIGGER person_coverage_update AFTER UPDATE OF region_code, ektp_status, status_dasar ON person\n" \
  "  WHEN OLD.region_code IS NOT NEW.region_code OR OLD.ektp_status IS NOT NEW.ektp_status\n" \
  "    OR OLD.status_dasar IS NOT NEW.status_dasar BEGIN\n" \
  "  UPDATE ektp_coverage SET n = n - 1\n" \
  "    WHERE OLD.status_dasar = 1 AND region_code = OLD.region_code AND ektp_status = OLD.ektp_status;\n" \
  "  INSERT INTO ektp_coverage (region_code, ektp_status, n) SELECT NEW.region_code, NEW.ektp_status, 1\n" \
  "    WHERE NEW.status_dasar = 1 ON CONFLICT (region_code, ektp_status) DO UPDATE SET n = n + 1;\n" \
  "END;\n"
constexpr const char* kInsertionOrderSqliteUp = R"sql(
CREATE TABLE person_in_order (
  id INTEGER PRIMARY KEY,
  nik TEXT NOT NULL UNIQUE CHECK (length(nik) = 16),)sql" SIAK_M12_PERSON_COLUMNS R"sql();
INSERT INTO person_in_order ()sql" SIAK_M12_PERSON_COLUMN_NAMES R"sql()
  SELECT )sql" SIAK_M12_PERSON_COLUMN_NAMES R"sql( FROM person ORDER BY nik;
CREATE TABLE person_name_token_in_order (
  token TEXT NOT NULL,
  person_id INTEGER NOT NULL,
  nik TEXT NOT NULL,
  province_code TEXT NOT NULL,
  PRIMARY KEY (token, person_id)
) WITHOUT ROWID;
INSERT INTO person_name_token_in_order (token, person_id, nik, province_code)
  SELECT t.token, p.id, t.nik, t.province_code FROM person_name_token t JOIN person_in_order p ON p.nik = t.nik;
DROP TABLE person_name_token;
DROP TABLE person;
ALTER TABLE person_in_order RENAME TO person;
ALTER TABLE person_name_token_in_order RENAME TO person_name_token;
CREATE INDEX person_name_token_person ON person_name_token (person_id);
)sql" SIAK_M12_PERSON_INDEXES_AND_TRIGGERS;
constexpr const char* kInsertionOrderSqliteDown = R"sql(
CREATE TABLE person_by_nik (
  nik TEXT PRIMARY KEY CHECK (length(nik) = 16),)sql" SIAK_M12_PERSON_COLUMNS R"sql() WITHOUT ROWID;
INSERT INTO person_by_nik ()sql" SIAK_M12_PERSON_COLUMN_NAMES R"sql()
  SELECT )sql" SIAK_M12_PERSON_COLUMN_NAMES R"sql( FROM person;
CREATE TABLE person_name_token_by_nik (
  token TEXT NOT NULL,
  nik TEXT NOT NULL,
  province_code TEXT NOT NULL,
  PRIMARY KEY (token, nik)
) WITHOUT ROWID;
INSERT OR IGNORE INTO person_name_token_by_nik (token, nik, province_code)
  SELECT token, nik, province_code FROM person_name_token;
DROP TABLE person_name_token;
DROP TABLE person;
ALTER TABLE person_by_nik RENAME TO person;
ALTER TABLE person_name_token_by_nik RENAME TO person_name_token;
CREATE INDEX person_name_token_nik ON person_name_token (nik);
)sql" SIAK_M12_PERSON_INDEXES_AND_TRIGGERS;
#undef SIAK_M12_PERSON_COLUMNS
#undef SIAK_M12_PERSON_COLUMN_NAMES
#undef SIAK_M12_PERSON_INDEXES_AND_TRIGGERS
constexpr const char* kInsertionOrderPostgres = "SELECT 1;  -- nothing to change (see above)";

constexpr Migration kMigrations[] = {
    {1, "regions", kRegionsSqliteUp, kRegionsSqliteDown, kRegionsPostgresUp, kRegionsPostgresDown},
    {2, "persons and families", kPersonsSqliteUp, kPersonsSqliteDown, kPersonsPostgresUp, kPersonsPostgresDown},
    {3, "event and audit logs", kLogsSqliteUp, kLogsSqliteDown, kLogsPostgresUp, kLogsPostgresDown},
    {4, "users, sessions, idempotency, name tokens", kAccessSqliteUp, kAccessSqliteDown, kAccessPostgresUp,
     kAccessPostgresDown},
    {5, "name token variants", kVariantsSqliteUp, kVariantsSqliteDown, kVariantsPostgresUp, kVariantsPostgresDown},
    {6, "abis de-duplication", kAbisSqliteUp, kAbisSqliteDown, kAbisPostgresUp, kAbisPostgresDown},
    {7, "e-KTP recording, stock, printing, Suket, coverage", kEktpSqliteUp, kEktpSqliteDown, kEktpPostgresUp,
     kEktpPostgresDown},
    {8, "civil registration", kCivilSqliteUp, kCivilSqliteDown, kCivilPostgresUp, kCivilPostgresDown},
    {9, "civil registration: effects, corrections, copies, attachments", kCivilEffectsSqliteUp, kCivilEffectsSqliteDown,
     kCivilEffectsPostgresUp, kCivilEffectsPostgresDown},
    {10, "outreach: region flags, teams, plans, visits, outcomes, register tasks, outbox, targets, snapshots",
     kOutreachSqliteUp, kOutreachSqliteDown, kOutreachPostgresUp, kOutreachPostgresDown},
    {11, "service counters: desks, queue tickets, ticket numbers", kCountersSqliteUp, kCountersSqliteDown,
     kCountersPostgresUp, kCountersPostgresDown},
    {12, "SQLite: persons and name tokens in insertion order", kInsertionOrderSqliteUp, kInsertionOrderSqliteDown,
     kInsertionOrderPostgres, kInsertionOrderPostgres},
};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

std::string PostgresPersonPartition(std::string_view province) {
  static constexpr std::string_view kProvinces[] = {
      "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36", "51", "52", "53",
      "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82", "91", "92", "93", "94", "95", "96"};
  for (std::string_view p : kProvinces) {
    if (p == province) return "person_p" + std::string(p);
  }
  return "person_pdefault";
}

Status MigrateTo(int current, int target, const std::function<Status(const Migration&, bool up)>& apply) {
  const int latest = kMigrations[std::size(kMigrations) - 1].version;
  if (target < 0 || target > latest) {
    return Status::Invalid("target_version", std::to_string(target),
                           "must be between 0 and " + std::to_string(latest));
  }
  if (current > latest) {
    return Status::FailedPrecondition("the store is at schema version " + std::to_string(current) +
                                      ", newer than this program knows (" + std::to_string(latest) +
                                      "); use a newer siak");
  }
  for (const auto& m : kMigrations) {
    if (m.version > current && m.version <= target) SIAK_RETURN_IF_ERROR(apply(m, true));
  }
  for (size_t i = std::size(kMigrations); i-- > 0;) {
    const auto& m = kMigrations[i];
    if (m.version <= current && m.version > target) SIAK_RETURN_IF_ERROR(apply(m, false));
  }
  return Status::Ok();
}

}  // namespace siak
