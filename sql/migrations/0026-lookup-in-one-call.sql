-- The single lookup (Employees -> Add New Employee) in one round trip, and its hourly limits
-- checked in constant time whatever the number of lookups.
--
-- Each single lookup is numbered in its company and for its user (company_seq, user_seq),
-- from counters that only the lookup itself moves, under their row locks. "n lookups in the
-- last hour already" is then "the lookup numbered n before the next one is less than an
-- hour old": one seek of a unique key, not a count of the hour's rows. That holds while a
-- lookup is deleted only once it is more than an hour old (numbers have no gaps inside the
-- hour); nothing deletes them sooner. Written to run again after a partial failure.
CREATE TABLE IF NOT EXISTS lookup_counters (
  owner     ENUM('company','user') NOT NULL,
  owner_id  INT UNSIGNED    NOT NULL,
  seq       BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (owner, owner_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE employee_lookups
  ADD COLUMN IF NOT EXISTS company_seq BIGINT UNSIGNED NULL AFTER kind,
  ADD COLUMN IF NOT EXISTS user_seq    BIGINT UNSIGNED NULL AFTER company_seq,
  ADD UNIQUE KEY IF NOT EXISTS uq_employee_lookups_company_seq (company_id, company_seq),
  ADD UNIQUE KEY IF NOT EXISTS uq_employee_lookups_user_seq (user_id, user_seq);
-- The user's lookups were counted by this one; the key above now serves the foreign key.
ALTER TABLE employee_lookups DROP INDEX IF EXISTS ix_employee_lookups_user;

-- The lookups already made keep counting towards the limits.
UPDATE employee_lookups l
  JOIN (SELECT id,
               ROW_NUMBER() OVER (PARTITION BY company_id ORDER BY created_at, id) AS cs,
               ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY created_at, id) AS us
          FROM employee_lookups WHERE kind = 'single') n ON n.id = l.id
   SET l.company_seq = n.cs, l.user_seq = n.us;
INSERT INTO lookup_counters (owner, owner_id, seq)
  SELECT 'company', company_id, MAX(company_seq) FROM employee_lookups
   WHERE company_seq IS NOT NULL GROUP BY company_id
  ON DUPLICATE KEY UPDATE seq = VALUES(seq);
INSERT INTO lookup_counters (owner, owner_id, seq)
  SELECT 'user', user_id, MAX(user_seq) FROM employee_lookups
   WHERE user_seq IS NOT NULL GROUP BY user_id
  ON DUPLICATE KEY UPDATE seq = VALUES(seq);

-- The register's record that a lookup's details name, or NULL: the NI number, the date of
-- birth and every other detail given must agree (an empty one, of no characters at all, is
-- not given: a collation reads a lone mark or odd space as empty too). Names compare without
-- case or accents by UCA 14 (MariaDB 10.10+), which also takes a stroked letter for its plain
-- one: Walesa finds Wałęsa, Oster Øster. The NI number is unique, so this compares one row.
-- Shared by the single lookup and the bulk upload.
CREATE OR REPLACE FUNCTION register_match(
  p_ni        CHAR(9) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  p_dob       DATE,
  p_last_name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  p_card      VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  p_hse       VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)
  RETURNS INT UNSIGNED
  READS SQL DATA
  SQL SECURITY INVOKER
RETURN (SELECT MIN(o.id) FROM operatives o
         WHERE o.ni_number = p_ni AND o.date_of_birth = p_dob
           AND (CHAR_LENGTH(p_last_name) = 0
                OR o.last_name COLLATE utf8mb4_uca1400_ai_ci = p_last_name)
           AND (CHAR_LENGTH(p_card) = 0 OR EXISTS (SELECT 1 FROM cards c
                                        WHERE c.operative_id = o.id AND c.card_number = p_card))
           AND (CHAR_LENGTH(p_hse) = 0 OR o.hse_number = p_hse));

-- One lookup, in a transaction of its own (so never called inside one): under the company's
-- and then the user's counter locks (no two of theirs pass the limits together, and nothing
-- else takes these locks), refuse past a limit, or match the register, record the lookup with
-- its token and numbers and audit it; committed before it answers with one row: (outcome
-- 'refused' or 'recorded', the lookup's id, the operative matched or 0). A limit of 0
-- refuses every lookup.
CREATE OR REPLACE PROCEDURE employee_lookup(
  IN p_company     INT UNSIGNED,
  IN p_user        INT UNSIGNED,
  IN p_ip          VARCHAR(45) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_token_hash  BINARY(32),
  IN p_ni          CHAR(9) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_dob         DATE,
  IN p_last_name   VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_card        VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_hse         VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_per_user    BIGINT UNSIGNED,
  IN p_per_company BIGINT UNSIGNED)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
BEGIN
  -- Its START TRANSACTION would commit a caller's open one without a word.
  IF @@in_transaction THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'employee_lookup commits its own transaction: call it outside one';
  END IF;
  lookup: BEGIN
    DECLARE v_full INT DEFAULT 0;
    DECLARE v_company_seq, v_user_seq, v_lookup BIGINT UNSIGNED DEFAULT 0;
    DECLARE v_company_probe, v_user_probe BIGINT DEFAULT 0;
    DECLARE v_operative INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
      ROLLBACK;
      RESIGNAL;
    END;

    START TRANSACTION;
    -- Always the company's, then the user's, so that two lookups never wait on each other.
    -- (The rows exist from here on; an existing one is locked, not changed.)
    INSERT INTO lookup_counters (owner, owner_id) VALUES ('company', p_company)
      ON DUPLICATE KEY UPDATE seq = seq;
    INSERT INTO lookup_counters (owner, owner_id) VALUES ('user', p_user)
      ON DUPLICATE KEY UPDATE seq = seq;
    SELECT seq INTO v_company_seq FROM lookup_counters
     WHERE owner = 'company' AND owner_id = p_company FOR UPDATE;
    SELECT seq INTO v_user_seq FROM lookup_counters
     WHERE owner = 'user' AND owner_id = p_user FOR UPDATE;
    -- The numbers to probe (signed: none yet while the limit is more than all the lookups),
    -- compared as they are so that each probe is one seek of its unique key. The snapshot
    -- of these reads is taken here, after the locks: it has every lookup that moved them.
    SET v_company_probe = CAST(v_company_seq AS SIGNED) + 1 - CAST(p_per_company AS SIGNED);
    SET v_user_probe = CAST(v_user_seq AS SIGNED) + 1 - CAST(p_per_user AS SIGNED);
    SELECT p_per_company = 0 OR p_per_user = 0
           OR EXISTS (SELECT 1 FROM employee_lookups
                       WHERE company_id = p_company AND company_seq = v_company_probe
                         AND created_at > NOW(6) - INTERVAL 1 HOUR)
           OR EXISTS (SELECT 1 FROM employee_lookups
                       WHERE user_id = p_user AND user_seq = v_user_probe
                         AND created_at > NOW(6) - INTERVAL 1 HOUR)
      INTO v_full;
    IF v_full THEN
      INSERT INTO audit_log (company_id, user_id, ip, action, object_kind, object_id, detail)
        VALUES (p_company, p_user, p_ip, 'employee_lookup_refused', 'lookup', '',
                'hourly limit reached');
      COMMIT;
      SELECT 'refused' AS outcome, 0 AS lookup_id, 0 AS operative_id;
    ELSE
      SET v_operative = register_match(p_ni, p_dob, p_last_name, p_card, p_hse);
      INSERT INTO employee_lookups (token_hash, company_id, user_id, kind, company_seq, user_seq,
                                    operative_id, ni_number, date_of_birth, last_name)
        VALUES (p_token_hash, p_company, p_user, 'single', v_company_seq + 1, v_user_seq + 1,
                v_operative, p_ni, p_dob, p_last_name);
      SET v_lookup = LAST_INSERT_ID();
      UPDATE lookup_counters SET seq = seq + 1
       WHERE (owner = 'company' AND owner_id = p_company) OR (owner = 'user' AND owner_id = p_user);
      -- Who looked, when and whether it matched; never the NI number.
      INSERT INTO audit_log (company_id, user_id, ip, action, object_kind, object_id, detail)
        VALUES (p_company, p_user, p_ip, 'employee_lookup', 'lookup', v_lookup,
                IF(v_operative IS NULL, 'not matched', 'matched'));
      COMMIT;
      SELECT 'recorded' AS outcome, v_lookup AS lookup_id, IFNULL(v_operative, 0) AS operative_id;
    END IF;
  END lookup;
END;
