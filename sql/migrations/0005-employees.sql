-- 0005: what the employees module needs.
-- Lists page through a company's employees by name or by card expiry with keyset paging, so
-- employments carry a copy of the operative's sort name and of their newest card's expiry
-- (kept true by the triggers below), plus the business contact details of that employment.

ALTER TABLE employments
  ADD COLUMN sort_name       VARCHAR(210) NOT NULL DEFAULT '' AFTER office_id,
  ADD COLUMN card_expires_on DATE         NULL AFTER sort_name,
  ADD COLUMN business_phone  VARCHAR(40)  NOT NULL DEFAULT '' AFTER card_expires_on,
  ADD COLUMN business_email  VARCHAR(254) NOT NULL DEFAULT '' AFTER business_phone,
  ADD KEY ix_employments_by_name (company_id, ended_on, sort_name, operative_id),
  ADD KEY ix_employments_office_by_name (company_id, ended_on, office_id, sort_name, operative_id),
  ADD KEY ix_employments_by_expiry (company_id, ended_on, card_expires_on, operative_id);

UPDATE employments e JOIN operatives o ON o.id = e.operative_id
   SET e.sort_name = CONCAT(o.last_name, ', ', o.first_name);

UPDATE employments e
   SET e.card_expires_on = (SELECT MAX(c.expires_on) FROM cards c
                             WHERE c.operative_id = e.operative_id
                               AND c.status IN ('valid', 'expired'));

CREATE TRIGGER trg_employments_copy BEFORE INSERT ON employments FOR EACH ROW
  SET NEW.sort_name = (SELECT CONCAT(o.last_name, ', ', o.first_name)
                         FROM operatives o WHERE o.id = NEW.operative_id),
      NEW.card_expires_on = (SELECT MAX(c.expires_on) FROM cards c
                              WHERE c.operative_id = NEW.operative_id
                                AND c.status IN ('valid', 'expired'));

CREATE TRIGGER trg_operatives_name AFTER UPDATE ON operatives FOR EACH ROW
  UPDATE employments SET sort_name = CONCAT(NEW.last_name, ', ', NEW.first_name)
   WHERE operative_id = NEW.id
     AND (NEW.last_name <> OLD.last_name OR NEW.first_name <> OLD.first_name);

CREATE TRIGGER trg_cards_insert AFTER INSERT ON cards FOR EACH ROW
  UPDATE employments e
     SET e.card_expires_on = (SELECT MAX(c.expires_on) FROM cards c
                               WHERE c.operative_id = NEW.operative_id
                                 AND c.status IN ('valid', 'expired'))
   WHERE e.operative_id = NEW.operative_id;

CREATE TRIGGER trg_cards_update AFTER UPDATE ON cards FOR EACH ROW
  UPDATE employments e
     SET e.card_expires_on = (SELECT MAX(c.expires_on) FROM cards c
                               WHERE c.operative_id = NEW.operative_id
                                 AND c.status IN ('valid', 'expired'))
   WHERE e.operative_id = NEW.operative_id;

-- Each register lookup: what it matched (nothing, or one operative), the NI number and date
-- of birth carried into the new-operative form (so they are not typed again), and a
-- single-use token. Rows count towards the hourly lookup limits and the daily bulk limit.
-- The NI number is kept only here (never in the audit log) and swept after a day.
CREATE TABLE employee_lookups (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  token_hash     BINARY(32)      NOT NULL,
  company_id     INT UNSIGNED    NOT NULL,
  user_id        INT UNSIGNED    NOT NULL,
  kind           ENUM('single','bulk') NOT NULL DEFAULT 'single',
  operative_id   INT UNSIGNED    NULL,
  ni_number      CHAR(9)         NOT NULL,
  date_of_birth  DATE            NOT NULL,
  last_name      VARCHAR(100)    NOT NULL DEFAULT '',
  batch_id       BIGINT UNSIGNED NULL,
  batch_line     INT UNSIGNED    NULL,
  office_id      INT UNSIGNED    NULL,
  started_on     DATE            NULL,
  created_at     DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  used_at        DATETIME(6)     NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_employee_lookups_token (token_hash),
  KEY ix_employee_lookups_user (user_id, kind, created_at),
  KEY ix_employee_lookups_company (company_id, kind, created_at),
  KEY ix_employee_lookups_batch (batch_id, batch_line),
  KEY ix_employee_lookups_created (created_at),
  CONSTRAINT fk_employee_lookups_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_employee_lookups_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_employee_lookups_operative FOREIGN KEY (operative_id) REFERENCES operatives (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A bulk upload waiting for its confirmation screen.
CREATE TABLE employee_batches (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  token_hash    BINARY(32)      NOT NULL,
  company_id    INT UNSIGNED    NOT NULL,
  user_id       INT UNSIGNED    NOT NULL,
  rows_total    INT UNSIGNED    NOT NULL DEFAULT 0,
  created_at    DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  confirmed_at  DATETIME(6)     NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_employee_batches_token (token_hash),
  KEY ix_employee_batches_company (company_id, created_at),
  CONSTRAINT fk_employee_batches_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_employee_batches_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
