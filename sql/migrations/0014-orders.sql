-- 0014-orders: what the orders module adds to the starting tables of 0004.

-- An application is on at most one live order. live_application_id equals
-- application_id while the line's order is not cancelled and is NULL after, so
-- the unique key refuses a second live line for the same application even when
-- two requests race past the state check.
ALTER TABLE order_lines
  ADD COLUMN live_application_id INT UNSIGNED NULL AFTER application_id,
  ADD UNIQUE KEY uq_order_lines_live_application (live_application_id);

-- The balance after each ledger row, written in the same transaction that
-- locks the balance: Financial History's running balance without a scan.
ALTER TABLE funds_ledger
  ADD COLUMN balance_after_pence BIGINT NOT NULL DEFAULT 0 AFTER amount_pence;

-- Why a payment failed (the gateway's decline text, shown to the user).
ALTER TABLE payments
  ADD COLUMN detail VARCHAR(255) NOT NULL DEFAULT '' AFTER currency,
  ADD KEY ix_payments_completed (order_id, completed_at);

-- Orders Being Fulfilled and Financial History page by the time paid.
ALTER TABLE orders
  ADD KEY ix_orders_company_state_paid (company_id, state, paid_at, id),
  ADD KEY ix_orders_company_state_created (company_id, state, created_at, id);

-- Every notification the payment gateway sent, applied or not: the scheme's
-- staff see forged, stale and mismatched ones here (never a card number: the
-- gateway does not send one).
CREATE TABLE payment_notifications (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  received_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  ip           VARCHAR(45)  NOT NULL DEFAULT '',
  payment_id   BIGINT UNSIGNED NULL,
  gateway_txn  VARCHAR(64)  NOT NULL DEFAULT '',
  outcome      ENUM('applied','duplicate','rejected') NOT NULL,
  reason       VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY ix_payment_notifications_payment (payment_id),
  KEY ix_payment_notifications_received (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
