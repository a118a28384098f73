-- 0020: Financial History as keyset pages of 50 (modules/orders/lists.c). Its payments were
-- found through the company's orders, so a page joined and sorted every payment the company
-- ever made (1,300 of them for the largest generated company: 17 ms a page). A payment now
-- carries its order's company, set by a trigger on every insert (the order never changes
-- company), so a page reads the newest 51 in index order and stops.
ALTER TABLE payments
  ADD COLUMN company_id INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'the order''s; set by trg_payments_company'
    AFTER order_id;
UPDATE payments p JOIN orders o ON o.id = p.order_id SET p.company_id = o.company_id;
ALTER TABLE payments
  ADD KEY ix_payments_company_completed (company_id, state, completed_at, id, method),
  ADD CONSTRAINT fk_payments_company FOREIGN KEY (company_id) REFERENCES companies (id);
CREATE TRIGGER trg_payments_company BEFORE INSERT ON payments FOR EACH ROW
  SET NEW.company_id = (SELECT o.company_id FROM orders o WHERE o.id = NEW.order_id);
-- The ledger's page in the same order (time, then id).
ALTER TABLE funds_ledger
  ADD KEY ix_funds_ledger_company_at (company_id, created_at, id),
  DROP KEY ix_funds_ledger_company;
