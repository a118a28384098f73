-- 0007: the address an employer keeps for an employee belongs to that employment, not to the
-- register: operatives are shared by every company that employs them, and one employer's edit
-- must not change what another sees. The register's own address stays the scheme's.
ALTER TABLE employments
  ADD COLUMN address_line1 VARCHAR(150) NOT NULL DEFAULT '' AFTER business_email,
  ADD COLUMN address_line2 VARCHAR(150) NOT NULL DEFAULT '' AFTER address_line1,
  ADD COLUMN town          VARCHAR(100) NOT NULL DEFAULT '' AFTER address_line2,
  ADD COLUMN postcode      VARCHAR(10)  NOT NULL DEFAULT '' AFTER town;

UPDATE employments e JOIN operatives o ON o.id = e.operative_id
   SET e.address_line1 = o.address_line1, e.address_line2 = o.address_line2,
       e.town = o.town, e.postcode = o.postcode;
