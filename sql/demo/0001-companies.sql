-- Demo data 1/3: two companies, their groups and offices, the demo users.
-- Loaded into a fresh database after all migrations (portalctl demo), which
-- then sets the demo users' passwords. Later demo files find rows by their
-- natural keys (company_number, group/office name, email), never by id.
--
-- ECS Check Company 2 (ECS00002)
--   group "Head Office" -> office "ECS Check Company 2 Head Office" (Peterborough)
--   group "Eastern"     -> office "ECS Check Office 2 - EASTERN"    (Norwich)
-- Northern Sparks Ltd (NSL00001)
--   office "Northern Sparks Leeds", directly under the company (no group)
--
-- Users (permissions mask in brackets):
--   demo@ecs-portal.test    Nobit Sherman   ECS00002, company level, all 23 (8388607)
--   eastern@ecs-portal.test Erin Blackwood  ECS00002, group "Eastern",
--                           Full Employee Access + Can View Card Applications
--                           + Can View Purchases (15 + 16 + 256 = 287)
--   viewer@ecs-portal.test  Victor Osei     ECS00002, office "ECS Check Office 2 - EASTERN",
--                           Can View Employees + Can View Card Applications (1 + 16 = 17)
--   other@ecs-portal.test   Olivia Hartley  NSL00001, company level, all 23 (8388607)

INSERT INTO companies (name, company_number, address_line1, address_line2, town, postcode,
                       phone, email, status, require_2fa, created_at) VALUES
  ('ECS Check Company 2', 'ECS00002', 'Unit 4, Kingston Business Park', 'Fengate',
   'Peterborough', 'PE1 5XJ', '01632 960101', 'office@ecscheck2.example', 'active', 0,
   UTC_TIMESTAMP(6) - INTERVAL 3 YEAR),
  ('Northern Sparks Ltd', 'NSL00001', '27 Canal Wharf', 'Holbeck',
   'Leeds', 'LS11 5PS', '0113 496 0412', 'hello@northernsparks.example', 'active', 0,
   UTC_TIMESTAMP(6) - INTERVAL 2 YEAR);

INSERT INTO company_groups (company_id, name, created_at)
SELECT c.id, g.name, UTC_TIMESTAMP(6) - INTERVAL 3 YEAR
  FROM companies c
  JOIN (SELECT 'Head Office' AS name UNION ALL SELECT 'Eastern') g
 WHERE c.company_number = 'ECS00002';

INSERT INTO offices (company_id, group_id, name, address_line1, address_line2, town, postcode,
                     phone, email, contact_name, created_at)
SELECT c.id, g.id, 'ECS Check Company 2 Head Office',
       'Unit 4, Kingston Business Park', 'Fengate', 'Peterborough', 'PE1 5XJ',
       '01632 960101', 'office@ecscheck2.example', 'Nobit Sherman',
       UTC_TIMESTAMP(6) - INTERVAL 3 YEAR
  FROM companies c
  JOIN company_groups g ON g.company_id = c.id AND g.name = 'Head Office'
 WHERE c.company_number = 'ECS00002';

INSERT INTO offices (company_id, group_id, name, address_line1, address_line2, town, postcode,
                     phone, email, contact_name, created_at)
SELECT c.id, g.id, 'ECS Check Office 2 - EASTERN',
       '18 Hurricane Way', 'Airport Industrial Estate', 'Norwich', 'NR6 6HE',
       '01632 960245', 'eastern@ecscheck2.example', 'Erin Blackwood',
       UTC_TIMESTAMP(6) - INTERVAL 2 YEAR
  FROM companies c
  JOIN company_groups g ON g.company_id = c.id AND g.name = 'Eastern'
 WHERE c.company_number = 'ECS00002';

INSERT INTO offices (company_id, group_id, name, address_line1, address_line2, town, postcode,
                     phone, email, contact_name, created_at)
SELECT c.id, NULL, 'Northern Sparks Leeds',
       '27 Canal Wharf', 'Holbeck', 'Leeds', 'LS11 5PS',
       '0113 496 0412', 'hello@northernsparks.example', 'Olivia Hartley',
       UTC_TIMESTAMP(6) - INTERVAL 2 YEAR
  FROM companies c
 WHERE c.company_number = 'NSL00001';

-- Passwords are set by `portalctl demo` after loading.
INSERT INTO users (email, title, first_name, last_name, phone, password_hash, status, created_at) VALUES
  ('demo@ecs-portal.test',    'Mr',  'Nobit',  'Sherman',   '01632 960102', NULL, 'active', UTC_TIMESTAMP(6) - INTERVAL 3 YEAR),
  ('other@ecs-portal.test',   'Mrs', 'Olivia', 'Hartley',   '0113 496 0413', NULL, 'active', UTC_TIMESTAMP(6) - INTERVAL 2 YEAR),
  ('viewer@ecs-portal.test',  'Mr',  'Victor', 'Osei',      '01632 960246', NULL, 'active', UTC_TIMESTAMP(6) - INTERVAL 1 YEAR),
  ('eastern@ecs-portal.test', 'Ms',  'Erin',   'Blackwood', '01632 960247', NULL, 'active', UTC_TIMESTAMP(6) - INTERVAL 2 YEAR);

INSERT INTO memberships (user_id, company_id, level, group_id, office_id, permissions, status, created_at)
SELECT u.id, c.id, 'company', NULL, NULL, 8388607, 'active', u.created_at
  FROM users u JOIN companies c ON c.company_number = 'ECS00002'
 WHERE u.email = 'demo@ecs-portal.test';

INSERT INTO memberships (user_id, company_id, level, group_id, office_id, permissions, status, created_at)
SELECT u.id, c.id, 'company', NULL, NULL, 8388607, 'active', u.created_at
  FROM users u JOIN companies c ON c.company_number = 'NSL00001'
 WHERE u.email = 'other@ecs-portal.test';

INSERT INTO memberships (user_id, company_id, level, group_id, office_id, permissions, status, created_at)
SELECT u.id, c.id, 'group', g.id, NULL, 15 | 16 | 256, 'active', u.created_at
  FROM users u
  JOIN companies c ON c.company_number = 'ECS00002'
  JOIN company_groups g ON g.company_id = c.id AND g.name = 'Eastern'
 WHERE u.email = 'eastern@ecs-portal.test';

INSERT INTO memberships (user_id, company_id, level, group_id, office_id, permissions, status, created_at)
SELECT u.id, c.id, 'office', NULL, o.id, 1 | 16, 'active', u.created_at
  FROM users u
  JOIN companies c ON c.company_number = 'ECS00002'
  JOIN offices o ON o.company_id = c.id AND o.name = 'ECS Check Office 2 - EASTERN'
 WHERE u.email = 'viewer@ecs-portal.test';
