-- 0016-contracts: ECS Check. A client company's contracts, the companies taking part in
-- each (the client and its invited subcontractors) and the operatives working on them.
-- A contract is completed when closed or once its end date has passed: the state column
-- holds what people did, and every query treats ends_on < CURDATE() as completed too, so
-- no job has to run at midnight.

CREATE TABLE contracts (
  id                INT UNSIGNED NOT NULL AUTO_INCREMENT,
  company_id        INT UNSIGNED NOT NULL,          -- the client
  name              VARCHAR(150) NOT NULL,
  site_address      VARCHAR(500) NOT NULL,
  client_reference  VARCHAR(60)  NOT NULL DEFAULT '',
  starts_on         DATE         NOT NULL,
  ends_on           DATE         NOT NULL,
  min_days_valid    SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  state             ENUM('being_set_up','in_progress','completed') NOT NULL DEFAULT 'being_set_up',
  form_token        CHAR(64)     NULL,              -- SHA-256 of the create form's one-time token
  created_by        INT UNSIGNED NOT NULL,
  created_at        DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  started_at        DATETIME(6)  NULL,
  closed_at         DATETIME(6)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_contracts_form_token (form_token),
  KEY ix_contracts_company (company_id, id),
  CONSTRAINT fk_contracts_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_contracts_created_by FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT ck_contracts_dates CHECK (ends_on >= starts_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a card must be to count on site: one card type or one occupation a row. A card of
-- any listed type or occupation is of the right kind; a contract with no rows takes any.
CREATE TABLE contract_requirements (
  id             INT UNSIGNED NOT NULL AUTO_INCREMENT,
  contract_id    INT UNSIGNED NOT NULL,
  card_type_id   TINYINT UNSIGNED NULL,
  occupation_id  SMALLINT UNSIGNED NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_contract_requirements (contract_id, card_type_id, occupation_id),
  KEY ix_contract_requirements_type (contract_id, card_type_id),
  KEY ix_contract_requirements_occupation (contract_id, occupation_id),
  CONSTRAINT fk_contract_requirements_contract FOREIGN KEY (contract_id) REFERENCES contracts (id),
  CONSTRAINT fk_contract_requirements_type FOREIGN KEY (card_type_id) REFERENCES card_types (id),
  CONSTRAINT fk_contract_requirements_occupation FOREIGN KEY (occupation_id) REFERENCES occupations (id),
  CONSTRAINT ck_contract_requirements_one CHECK ((card_type_id IS NULL) <> (occupation_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The companies of a contract: the client (accepted from the start) and subcontractors,
-- invited, then accepted or declined. A company sees a contract only through its row here.
CREATE TABLE contract_parties (
  contract_id   INT UNSIGNED NOT NULL,
  company_id    INT UNSIGNED NOT NULL,
  role          ENUM('client','subcontractor') NOT NULL,
  state         ENUM('invited','accepted','declined') NOT NULL,
  invited_by    INT UNSIGNED NULL,
  invited_at    DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  answered_by   INT UNSIGNED NULL,
  answered_at   DATETIME(6)  NULL,
  PRIMARY KEY (contract_id, company_id),
  KEY ix_contract_parties_company (company_id, state, contract_id),
  CONSTRAINT fk_contract_parties_contract FOREIGN KEY (contract_id) REFERENCES contracts (id),
  CONSTRAINT fk_contract_parties_company FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The operatives working on a contract, each added by the company employing them (from
-- the office of that employment, for group and office level users). Removing keeps the
-- row (removed_at); live_key is 1 while on the contract, so an operative is on a contract
-- at most once at a time even when two requests race.
CREATE TABLE contract_workers (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT,
  contract_id   INT UNSIGNED NOT NULL,
  company_id    INT UNSIGNED NOT NULL,
  office_id     INT UNSIGNED NOT NULL,
  operative_id  INT UNSIGNED NOT NULL,
  added_by      INT UNSIGNED NOT NULL,
  added_at      DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  removed_by    INT UNSIGNED NULL,
  removed_at    DATETIME(6)  NULL,
  live_key      TINYINT AS (IF(removed_at IS NULL, 1, NULL)) PERSISTENT,
  PRIMARY KEY (id),
  UNIQUE KEY uq_contract_workers_live (contract_id, operative_id, live_key),
  KEY ix_contract_workers_page (contract_id, live_key, id),
  KEY ix_contract_workers_company_page (contract_id, company_id, live_key, id),
  KEY ix_contract_workers_operative (operative_id),
  CONSTRAINT fk_contract_workers_party FOREIGN KEY (contract_id, company_id)
    REFERENCES contract_parties (contract_id, company_id),
  CONSTRAINT fk_contract_workers_office FOREIGN KEY (company_id, office_id)
    REFERENCES offices (company_id, id),
  CONSTRAINT fk_contract_workers_operative FOREIGN KEY (operative_id) REFERENCES operatives (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
