-- 0025: adding an existing portal account to a company is an invitation the person accepts
-- (or declines) after signing in: until then the membership gives nothing. Another company
-- could otherwise make anyone its user without their knowing, and act on their account.
ALTER TABLE memberships
  MODIFY status ENUM('active','removed','invited') NOT NULL DEFAULT 'active';
