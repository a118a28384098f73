-- The awarding bodies' certificate registers, as the scheme imports them from
-- their XML feeds (fcgi/feed.rng; `portalctl import-feed FILE`). "Check
-- details" looks a certificate up here by body, certificate number and the
-- candidate's name and date of birth.

-- The other codes a body's feeds use for one of our qualifications: a
-- pathway or edition of it (City & Guilds 2365-03 is the Level 3 Diploma,
-- while 2365-02 is the Level 2 one and is not ours; 2382-18 is BS 7671:2018,
-- 2382-15 the 2008 edition is not). A feed's code maps to qualifications.code
-- of its body, or to an alias here; any other code is kept without a
-- qualification. Listed by hand: a pattern would give credit wrongly.
CREATE TABLE qualification_aliases (
  awarding_body_id  SMALLINT UNSIGNED NOT NULL,
  code              VARCHAR(32)       NOT NULL,
  qualification_id  SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (awarding_body_id, code),
  CONSTRAINT fk_qualification_aliases_body FOREIGN KEY (awarding_body_id) REFERENCES awarding_bodies (id),
  CONSTRAINT fk_qualification_aliases_qualification FOREIGN KEY (qualification_id) REFERENCES qualifications (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO qualification_aliases (awarding_body_id, code, qualification_id)
SELECT b.id, x.alias, q.id
  FROM (SELECT 'city_guilds' AS body, '2365-03' AS alias, '2365' AS code
        UNION ALL SELECT 'city_guilds', '2330-03', '2330'
        UNION ALL SELECT 'city_guilds', '2357-13', '2357'
        UNION ALL SELECT 'city_guilds', '2357-23', '2357'
        UNION ALL SELECT 'city_guilds', '2382-18', '2382'
        UNION ALL SELECT 'city_guilds', '2382-22', '2382'
        UNION ALL SELECT 'city_guilds', '2391-52', '2391'
        UNION ALL SELECT 'city_guilds', '2394-01', '2394'
        UNION ALL SELECT 'city_guilds', '2395-01', '2395') AS x
  JOIN awarding_bodies b ON b.code = x.body
  JOIN qualifications q ON q.awarding_body_id = b.id AND q.code = x.code;

-- One row per certificate a body has awarded; unique per (body, number).
-- qualification_code is the body's code as the feed gives it, and
-- qualification_id the qualification it maps to (NULL when it is not one of
-- ours, see qualification_aliases); qualification_title is the title as the
-- feed gives it. source_feed is the file that last added or changed the row.
CREATE TABLE certificates (
  id                   INT UNSIGNED      NOT NULL AUTO_INCREMENT,
  awarding_body_id     SMALLINT UNSIGNED NOT NULL,
  certificate_number   VARCHAR(64)       NOT NULL,
  qualification_id     SMALLINT UNSIGNED NULL,
  qualification_code   VARCHAR(32)       NOT NULL,
  qualification_title  VARCHAR(200)      NOT NULL,
  first_name           VARCHAR(100)      NOT NULL,
  last_name            VARCHAR(100)      NOT NULL,
  date_of_birth        DATE              NOT NULL,
  awarded_on           DATE              NOT NULL,
  revoked              TINYINT(1)        NOT NULL DEFAULT 0,
  source_feed          VARCHAR(100)      NOT NULL,
  imported_at          DATETIME(6)       NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at           DATETIME(6)       NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_certificates_number (awarding_body_id, certificate_number),
  KEY ix_certificates_candidate (last_name, date_of_birth),
  KEY ix_certificates_qualification (qualification_id),
  CONSTRAINT fk_certificates_body FOREIGN KEY (awarding_body_id) REFERENCES awarding_bodies (id),
  CONSTRAINT fk_certificates_qualification FOREIGN KEY (qualification_id) REFERENCES qualifications (id),
  CONSTRAINT ck_certificates_born_first CHECK (date_of_birth <= awarded_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per run of import-feed that reached the database (a file refused
-- whole is not recorded). Running the same file again records a run with
-- every row unchanged.
CREATE TABLE feed_imports (
  id                INT UNSIGNED      NOT NULL AUTO_INCREMENT,
  awarding_body_id  SMALLINT UNSIGNED NOT NULL,
  file_name         VARCHAR(255)      NOT NULL,
  sha256            CHAR(64)          NOT NULL,
  generated_on      DATE              NOT NULL,
  rows_added        INT UNSIGNED      NOT NULL DEFAULT 0,
  rows_updated      INT UNSIGNED      NOT NULL DEFAULT 0,
  rows_unchanged    INT UNSIGNED      NOT NULL DEFAULT 0,
  rows_rejected     INT UNSIGNED      NOT NULL DEFAULT 0,
  imported_at       DATETIME(6)       NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  KEY ix_feed_imports_body (awarding_body_id, imported_at),
  CONSTRAINT fk_feed_imports_body FOREIGN KEY (awarding_body_id) REFERENCES awarding_bodies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
