-- 0012: Administer Groups. A group or office that still has employees, users or open orders
-- cannot be deleted; it can be closed (no new employees, users or orders are placed in it).
-- Offices carry the contacts orders use: accounts (billing) and delivery.
ALTER TABLE company_groups
  ADD COLUMN status ENUM('open','closed') NOT NULL DEFAULT 'open' AFTER name;
ALTER TABLE offices
  ADD COLUMN status ENUM('open','closed') NOT NULL DEFAULT 'open' AFTER name,
  ADD COLUMN delivery_contact VARCHAR(150) NOT NULL DEFAULT '' AFTER contact_name;
