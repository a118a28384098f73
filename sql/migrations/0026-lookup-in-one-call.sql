-- The single lookup (Employees -> Add New Employee) in one round trip, and its hourly limits
-- checked in constant time whatever the number of lookups.
--
-- Each single lookup is numbered in its company and for its user (company_seq, user_seq,
-- gapless, given under the company's and the user's row locks). "n lookups in the last
-- hour already" is then "the lookup numbered n before the next one is less than an hour
-- old": one index probe, not a count of the hour's rows.
ALTER TABLE employee_lookups
  ADD COLUMN company_seq BIGINT UNSIGNED NULL AFTER kind,
  ADD COLUMN user_seq    BIGINT UNSIGNED NULL AFTER company_seq,
  ADD UNIQUE KEY uq_employee_lookups_company_seq (company_id, company_seq),
  ADD UNIQUE KEY uq_employee_lookups_user_seq (user_id, user_seq);

-- The lookups already made keep counting towards the limits.
UPDATE employee_lookups l
  JOIN (SELECT id,
               ROW_NUMBER() OVER (PARTITION BY company_id ORDER BY created_at, id) AS cs,
               ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY created_at, id) AS us
          FROM employee_lookups WHERE kind = 'single') n ON n.id = l.id
   SET l.company_seq = n.cs, l.user_seq = n.us;

-- The register's record that a lookup's details name, or NULL: the NI number, the date of
-- birth and every other detail given must agree (an empty one is not given); names compare
-- without case or accents (the collation). Shared by the single lookup and the bulk upload.
CREATE FUNCTION register_match(
  p_ni        CHAR(9) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  p_dob       DATE,
  p_last_name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  p_card      VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  p_hse       VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)
  RETURNS INT UNSIGNED
  READS SQL DATA
  SQL SECURITY DEFINER
RETURN (SELECT MIN(o.id) FROM operatives o
         WHERE o.ni_number = p_ni AND o.date_of_birth = p_dob
           AND (p_last_name = '' OR o.last_name = p_last_name)
           AND (p_card = '' OR EXISTS (SELECT 1 FROM cards c
                                        WHERE c.operative_id = o.id AND c.card_number = p_card))
           AND (p_hse = '' OR o.hse_number = p_hse));

-- One lookup: under the company's and the user's row locks (so no two of theirs pass the
-- limits together), refuse past a limit, or match the register, record the lookup with its
-- token and audit it; one transaction of its own, committed before it answers with one row:
-- (outcome 'refused' or 'recorded', the lookup's id, the operative matched or 0).
-- READ COMMITTED so that each read after the locks sees every lookup committed before.
CREATE PROCEDURE employee_lookup(
  IN p_company     INT UNSIGNED,
  IN p_user        INT UNSIGNED,
  IN p_ip          VARCHAR(45) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_token_hash  BINARY(32),
  IN p_ni          CHAR(9) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_dob         DATE,
  IN p_last_name   VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_card        VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_hse         VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_per_user    INT UNSIGNED,
  IN p_per_company INT UNSIGNED)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
BEGIN
  DECLARE v_locked, v_full INT DEFAULT 0;
  DECLARE v_company_seq, v_user_seq, v_lookup BIGINT UNSIGNED DEFAULT 0;
  DECLARE v_operative INT UNSIGNED DEFAULT NULL;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
  START TRANSACTION;
  -- Always in this order (company, then user) so that two lookups never wait on each other.
  SELECT COUNT(*) INTO v_locked FROM companies WHERE id = p_company FOR UPDATE;
  SELECT COUNT(*) INTO v_locked FROM users WHERE id = p_user FOR UPDATE;
  SELECT IFNULL(MAX(company_seq), 0) INTO v_company_seq
    FROM employee_lookups WHERE company_id = p_company;
  SELECT IFNULL(MAX(user_seq), 0) INTO v_user_seq
    FROM employee_lookups WHERE user_id = p_user;
  SELECT p_per_company = 0 OR p_per_user = 0
         OR EXISTS (SELECT 1 FROM employee_lookups
                     WHERE company_id = p_company AND company_seq + p_per_company = v_company_seq + 1
                       AND created_at > NOW(6) - INTERVAL 1 HOUR)
         OR EXISTS (SELECT 1 FROM employee_lookups
                     WHERE user_id = p_user AND user_seq + p_per_user = v_user_seq + 1
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
    -- Who looked, when and whether it matched; never the NI number.
    INSERT INTO audit_log (company_id, user_id, ip, action, object_kind, object_id, detail)
      VALUES (p_company, p_user, p_ip, 'employee_lookup', 'lookup', v_lookup,
              IF(v_operative IS NULL, 'not matched', 'matched'));
    COMMIT;
    SELECT 'recorded' AS outcome, v_lookup AS lookup_id, IFNULL(v_operative, 0) AS operative_id;
  END IF;
END;
