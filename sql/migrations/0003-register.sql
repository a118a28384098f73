-- 0003-register: the scheme's register, shared by all companies: operatives,
-- their HS&E exemptions, their cards, and who employs them.

-- An operative (cardholder or applicant).
--   ni_number: upper case, no spaces, HMRC rules (REFERENCE.md); the CHECK
--     repeats them so no invalid number can be stored.
--   hse_number: 'HSE' + 8 digits, the HS&E assessment passed on hse_passed_on.
--   ecs_registered_on: joined the ECS Registered Electrician scheme.
CREATE TABLE operatives (
  id                 INT UNSIGNED NOT NULL AUTO_INCREMENT,
  ni_number          CHAR(9)      NOT NULL,
  date_of_birth      DATE         NOT NULL,
  title              VARCHAR(20)  NOT NULL DEFAULT '',
  first_name         VARCHAR(100) NOT NULL,
  last_name          VARCHAR(100) NOT NULL,
  gender             ENUM('male','female','other','not_stated') NOT NULL DEFAULT 'not_stated',
  email              VARCHAR(254) NOT NULL DEFAULT '',
  phone              VARCHAR(40)  NOT NULL DEFAULT '',
  address_line1      VARCHAR(150) NOT NULL DEFAULT '',
  address_line2      VARCHAR(150) NOT NULL DEFAULT '',
  town               VARCHAR(100) NOT NULL DEFAULT '',
  postcode           VARCHAR(10)  NOT NULL DEFAULT '',
  hse_number         VARCHAR(11)  NULL,
  hse_passed_on      DATE         NULL,
  ecs_registered_on  DATE         NULL,
  created_at         DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at         DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_operatives_ni (ni_number),
  UNIQUE KEY uq_operatives_hse (hse_number),
  KEY ix_operatives_name (last_name, first_name),
  CONSTRAINT ck_operatives_ni CHECK (
        CAST(ni_number AS BINARY) REGEXP '^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$'
    AND LEFT(CAST(ni_number AS BINARY), 2) NOT IN
        ('BG','GB','KN','NK','NT','TN','ZZ','OO','CR','FY','MW','NC','PP','PY','PZ')),
  CONSTRAINT ck_operatives_hse CHECK (
        hse_number IS NULL OR CAST(hse_number AS BINARY) REGEXP '^HSE[0-9]{8}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A recognised HS&E exemption held by an operative. document_id points at the
-- uploaded certificate once documents exist (no key yet).
CREATE TABLE exemptions (
  id                  INT UNSIGNED NOT NULL AUTO_INCREMENT,
  operative_id        INT UNSIGNED NOT NULL,
  kind                VARCHAR(32)  NOT NULL,
  certificate_number  VARCHAR(64)  NOT NULL DEFAULT '',
  awarded_on          DATE         NOT NULL,
  expires_on          DATE         NOT NULL,
  document_id         BIGINT UNSIGNED NULL,
  created_at          DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  KEY ix_exemptions_operative (operative_id, expires_on),
  KEY ix_exemptions_kind (kind),
  CONSTRAINT fk_exemptions_operative FOREIGN KEY (operative_id) REFERENCES operatives (id),
  CONSTRAINT fk_exemptions_kind FOREIGN KEY (kind) REFERENCES exemption_kinds (code),
  CONSTRAINT ck_exemptions_dates CHECK (expires_on >= awarded_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An ECS card. card_number: 7 digits and a check digit: weights 8,7,6,5,4,3,2
-- over the first seven, check = (11 - sum % 11) % 11; a number whose check
-- would be 10 is never issued. The CHECK below enforces exactly that.
-- An operative's current card is the one with the latest expires_on among
-- status 'valid'/'expired' (index ix_cards_operative_expiry).
CREATE TABLE cards (
  id                    INT UNSIGNED NOT NULL AUTO_INCREMENT,
  card_number           CHAR(8)      NOT NULL,
  operative_id          INT UNSIGNED NOT NULL,
  card_type_id          TINYINT UNSIGNED NOT NULL,
  occupation_id         SMALLINT UNSIGNED NOT NULL,
  grade_id              TINYINT UNSIGNED NULL,
  qualified_supervisor  TINYINT(1)   NOT NULL DEFAULT 0,
  issued_on             DATE         NOT NULL,
  expires_on            DATE         NOT NULL,
  status                ENUM('valid','expired','cancelled','lost') NOT NULL DEFAULT 'valid',
  created_at            DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_cards_number (card_number),
  KEY ix_cards_operative_expiry (operative_id, expires_on),
  KEY ix_cards_expiry (expires_on),
  CONSTRAINT fk_cards_operative FOREIGN KEY (operative_id) REFERENCES operatives (id),
  CONSTRAINT fk_cards_card_type FOREIGN KEY (card_type_id) REFERENCES card_types (id),
  CONSTRAINT fk_cards_occupation FOREIGN KEY (occupation_id) REFERENCES occupations (id),
  CONSTRAINT fk_cards_grade FOREIGN KEY (grade_id) REFERENCES grades (id),
  CONSTRAINT ck_cards_dates CHECK (expires_on > issued_on),
  CONSTRAINT ck_cards_number CHECK (
        CAST(card_number AS BINARY) REGEXP '^[0-9]{8}$'
    AND CAST(SUBSTRING(card_number, 8, 1) AS UNSIGNED) =
        (11 - (  8 * SUBSTRING(card_number, 1, 1) + 7 * SUBSTRING(card_number, 2, 1)
               + 6 * SUBSTRING(card_number, 3, 1) + 5 * SUBSTRING(card_number, 4, 1)
               + 4 * SUBSTRING(card_number, 5, 1) + 3 * SUBSTRING(card_number, 6, 1)
               + 2 * SUBSTRING(card_number, 7, 1)) % 11) % 11)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who employs whom. ended_on NULL = current. One current employment per
-- operative and company (current_key is 1 while current, NULL once ended, and
-- NULLs do not collide in a UNIQUE key). The office must be the company's.
CREATE TABLE employments (
  id                   INT UNSIGNED NOT NULL AUTO_INCREMENT,
  operative_id         INT UNSIGNED NOT NULL,
  company_id           INT UNSIGNED NOT NULL,
  office_id            INT UNSIGNED NOT NULL,
  started_on           DATE         NOT NULL,
  ended_on             DATE         NULL,
  declared_by_user_id  INT UNSIGNED NULL,
  ended_by_user_id     INT UNSIGNED NULL,
  created_at           DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  current_key          TINYINT AS (IF(ended_on IS NULL, 1, NULL)) PERSISTENT,
  PRIMARY KEY (id),
  UNIQUE KEY uq_employments_current (operative_id, company_id, current_key),
  KEY ix_employments_company (company_id, ended_on, office_id),
  KEY ix_employments_operative (operative_id),
  KEY ix_employments_office (company_id, office_id),
  CONSTRAINT fk_employments_operative FOREIGN KEY (operative_id) REFERENCES operatives (id),
  CONSTRAINT fk_employments_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_employments_office FOREIGN KEY (company_id, office_id)
    REFERENCES offices (company_id, id),
  CONSTRAINT fk_employments_declared_by FOREIGN KEY (declared_by_user_id) REFERENCES users (id),
  CONSTRAINT fk_employments_ended_by FOREIGN KEY (ended_by_user_id) REFERENCES users (id),
  CONSTRAINT ck_employments_dates CHECK (ended_on IS NULL OR ended_on >= started_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
