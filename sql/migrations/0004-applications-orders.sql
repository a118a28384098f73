-- 0004-applications-orders: card applications, orders, payments and funds.
-- Starting tables (DESIGN.md); the applications and orders modules extend them
-- in later migrations.

-- A card application. reference: 7 digits, unique.
-- state: in_progress (steps 1-4) -> finalised -> ordered -> received ->
--   verifying <-> on_hold -> verified -> being_produced -> dispatched; or cancelled.
-- Dashboard groupings (company data scoped by office_id for group/office users):
--   requiring attention = in_progress, finalised, on_hold
--   being produced      = received, verifying, verified, being_produced
--   completed (visible) = dispatched AND completed_at >= now - 3 months
CREATE TABLE applications (
  id                  INT UNSIGNED NOT NULL AUTO_INCREMENT,
  reference           CHAR(7)      NOT NULL,
  company_id          INT UNSIGNED NOT NULL,
  office_id           INT UNSIGNED NOT NULL,
  operative_id        INT UNSIGNED NOT NULL,
  card_type_id        TINYINT UNSIGNED NOT NULL,
  kind                VARCHAR(16)  NOT NULL,
  state               ENUM('in_progress','finalised','ordered','received','verifying',
                           'on_hold','verified','being_produced','dispatched','cancelled')
                      NOT NULL DEFAULT 'in_progress',
  step                TINYINT UNSIGNED NOT NULL DEFAULT 1,
  occupation_id       SMALLINT UNSIGNED NULL,
  grade_id            TINYINT UNSIGNED NULL,
  business_phone      VARCHAR(40)  NOT NULL DEFAULT '',
  business_email      VARCHAR(254) NOT NULL DEFAULT '',
  delivery_office_id  INT UNSIGNED NULL,
  hse_route           ENUM('passed','exemption','online','test_centre') NULL,
  hold_reason         VARCHAR(255) NOT NULL DEFAULT '',
  created_by          INT UNSIGNED NULL,
  finalised_by        INT UNSIGNED NULL,
  finalised_at        DATETIME(6)  NULL,
  issued_card_id      INT UNSIGNED NULL,
  created_at          DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at          DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  completed_at        DATETIME(6)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_applications_reference (reference),
  KEY ix_applications_company_state (company_id, state, office_id),
  KEY ix_applications_company_completed (company_id, state, completed_at),
  KEY ix_applications_operative (operative_id),
  KEY ix_applications_office (company_id, office_id),
  CONSTRAINT fk_applications_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_applications_office FOREIGN KEY (company_id, office_id)
    REFERENCES offices (company_id, id),
  CONSTRAINT fk_applications_delivery_office FOREIGN KEY (company_id, delivery_office_id)
    REFERENCES offices (company_id, id),
  CONSTRAINT fk_applications_operative FOREIGN KEY (operative_id) REFERENCES operatives (id),
  CONSTRAINT fk_applications_card_type FOREIGN KEY (card_type_id) REFERENCES card_types (id),
  CONSTRAINT fk_applications_kind FOREIGN KEY (kind) REFERENCES application_kinds (code),
  CONSTRAINT fk_applications_occupation FOREIGN KEY (occupation_id) REFERENCES occupations (id),
  CONSTRAINT fk_applications_grade FOREIGN KEY (grade_id) REFERENCES grades (id),
  CONSTRAINT fk_applications_created_by FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT fk_applications_finalised_by FOREIGN KEY (finalised_by) REFERENCES users (id),
  CONSTRAINT fk_applications_issued_card FOREIGN KEY (issued_card_id) REFERENCES cards (id),
  CONSTRAINT ck_applications_reference CHECK (CAST(reference AS BINARY) REGEXP '^[0-9]{7}$'),
  CONSTRAINT ck_applications_step CHECK (step BETWEEN 1 AND 4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An order (a purchase). raised_level says where it was raised:
--   'company': group_id and office_id NULL
--   'group'  : group_id set      (visible to that group's users)
--   'office' : office_id set     (visible to that office's users and its group's)
-- state: open -> (awaiting_payment | awaiting_bacs) -> paid; open -> closed_unpaid
--   -> payment as above; open/closed_unpaid/awaiting_* -> cancelled.
-- Requiring attention = open, closed_unpaid, awaiting_payment, awaiting_bacs.
-- form_token: a one-time token for the payment form (unique while set).
CREATE TABLE orders (
  id                  INT UNSIGNED NOT NULL AUTO_INCREMENT,
  company_id          INT UNSIGNED NOT NULL,
  reference           VARCHAR(60)  NOT NULL DEFAULT '',
  raised_level        ENUM('company','group','office') NOT NULL DEFAULT 'company',
  group_id            INT UNSIGNED NULL,
  office_id           INT UNSIGNED NULL,
  billing_office_id   INT UNSIGNED NULL,
  delivery_office_id  INT UNSIGNED NULL,
  accounts_contact    VARCHAR(150) NOT NULL DEFAULT '',
  delivery_attention  VARCHAR(150) NOT NULL DEFAULT '',
  kind                ENUM('cards','advance_payment','assessment_credits') NOT NULL DEFAULT 'cards',
  state               ENUM('open','closed_unpaid','awaiting_payment','awaiting_bacs','paid','cancelled')
                      NOT NULL DEFAULT 'open',
  bacs_reference      CHAR(10)     NULL,
  form_token          CHAR(64)     NULL,
  created_by          INT UNSIGNED NULL,
  created_at          DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at          DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  closed_at           DATETIME(6)  NULL,
  paid_at             DATETIME(6)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_orders_bacs_reference (bacs_reference),
  UNIQUE KEY uq_orders_form_token (form_token),
  KEY ix_orders_company_state (company_id, state),
  KEY ix_orders_company_created (company_id, created_at),
  KEY ix_orders_group (company_id, group_id),
  KEY ix_orders_office (company_id, office_id),
  CONSTRAINT fk_orders_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_orders_group FOREIGN KEY (company_id, group_id)
    REFERENCES company_groups (company_id, id),
  CONSTRAINT fk_orders_office FOREIGN KEY (company_id, office_id)
    REFERENCES offices (company_id, id),
  CONSTRAINT fk_orders_billing_office FOREIGN KEY (company_id, billing_office_id)
    REFERENCES offices (company_id, id),
  CONSTRAINT fk_orders_delivery_office FOREIGN KEY (company_id, delivery_office_id)
    REFERENCES offices (company_id, id),
  CONSTRAINT fk_orders_created_by FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT ck_orders_level CHECK (
       (raised_level = 'company' AND group_id IS NULL AND office_id IS NULL)
    OR (raised_level = 'group'   AND group_id IS NOT NULL AND office_id IS NULL)
    OR (raised_level = 'office'  AND office_id IS NOT NULL)),
  CONSTRAINT ck_orders_bacs_reference CHECK (
       bacs_reference IS NULL OR CAST(bacs_reference AS BINARY) REGEXP '^ECS[0-9]{7}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A line of an order. Unit prices are fixed when the line is added.
-- application_id is set for card lines (card_application, card_replacement).
CREATE TABLE order_lines (
  id               INT UNSIGNED NOT NULL AUTO_INCREMENT,
  order_id         INT UNSIGNED NOT NULL,
  product_id       SMALLINT UNSIGNED NOT NULL,
  quantity         INT UNSIGNED NOT NULL DEFAULT 1,
  unit_net_pence   INT UNSIGNED NOT NULL,
  unit_vat_pence   INT UNSIGNED NOT NULL DEFAULT 0,
  application_id   INT UNSIGNED NULL,
  created_at       DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  KEY ix_order_lines_order (order_id),
  KEY ix_order_lines_application (application_id),
  CONSTRAINT fk_order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_order_lines_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT fk_order_lines_application FOREIGN KEY (application_id) REFERENCES applications (id),
  CONSTRAINT ck_order_lines_quantity CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A payment attempt for an order.
CREATE TABLE payments (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  order_id        INT UNSIGNED NOT NULL,
  method          ENUM('card','funds','bacs') NOT NULL,
  state           ENUM('pending','succeeded','failed','cancelled') NOT NULL DEFAULT 'pending',
  gateway_txn_id  VARCHAR(64)  NULL,
  amount_pence    BIGINT UNSIGNED NOT NULL,
  currency        CHAR(3)      NOT NULL DEFAULT 'GBP',
  created_by      INT UNSIGNED NULL,
  created_at      DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  completed_at    DATETIME(6)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_payments_gateway_txn (gateway_txn_id),
  KEY ix_payments_order (order_id, state),
  CONSTRAINT fk_payments_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_payments_created_by FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A company's advance-payment balance, changed only together with a
-- funds_ledger row in the same transaction; it can never go below zero.
CREATE TABLE company_funds (
  company_id     INT UNSIGNED NOT NULL,
  balance_pence  BIGINT NOT NULL DEFAULT 0,
  updated_at     DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (company_id),
  CONSTRAINT fk_company_funds_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT ck_company_funds_balance CHECK (balance_pence >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of a balance: positive in (advance payment, refund by the
-- scheme), negative out (a purchase paid from funds). idempotency_key makes a
-- retried request harmless (e.g. 'order:42:pay').
CREATE TABLE funds_ledger (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  company_id       INT UNSIGNED NOT NULL,
  amount_pence     BIGINT NOT NULL,
  kind             ENUM('advance_payment','purchase','refund','adjustment') NOT NULL,
  order_id         INT UNSIGNED NULL,
  idempotency_key  VARCHAR(100) NOT NULL,
  note             VARCHAR(255) NOT NULL DEFAULT '',
  created_by       INT UNSIGNED NULL,
  created_at       DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_funds_ledger_idempotency (idempotency_key),
  KEY ix_funds_ledger_company (company_id, created_at),
  KEY ix_funds_ledger_order (order_id),
  CONSTRAINT fk_funds_ledger_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_funds_ledger_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_funds_ledger_created_by FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT ck_funds_ledger_amount CHECK (amount_pence <> 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
