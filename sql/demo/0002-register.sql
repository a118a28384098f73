-- Demo data 2/3: the register. 2,100 generated operatives plus four named ones,
-- their cards, HS&E passes and exemptions. Deterministic: the same text gives
-- the same people; dates of birth are fixed (the awarding bodies' sample feeds in sql/feeds/ name
-- them), other dates are relative to CURDATE() so the picture stays true.
--
-- Generated operative number n (1..2100) has
--   NI number  = prefix(n) || (300000 + n) || suffix(n), e.g. n = 1 -> 'CE300001A'
--                prefix = ELT(1 + n % 16, AB CE EH GT HP JR KL LX MA PE RW SN TH WL YZ ZA)
--                suffix = ELT(1 + (n DIV 16) % 4, A B C D)
--   so the six digits minus 300000 give n back (0003-activity.sql relies on it).
--   n  1..40  work for ECS Check Company 2 (see 0003-activity.sql), 41..43 left it,
--   n 44..55  work for Northern Sparks Ltd, the rest work for nobody (yet).
--   Cards: n 1, 2, 26 and every n > 55 divisible by 8 have none; n <= 55 have
--   cards expiring 150+ days ahead unless listed in demo_reg_plan below; n > 55
--   expire from 365 days ago to the end of the card type's validity.
--   HS&E pass: n divisible by 3 -> 'HSE' || (10000000 + n).
--
-- Named operatives (none employed by anyone, none with an HS&E pass but Sam):
--   Jeff Jones     AA654321D  born 1990-09-22  no card
--   Albert Fisher  SS012345B  born 2004-03-03  no card
--   Daniel Mac     AE564321A  born 1985-07-14  card 15643212, Craft, Electrical
--                  Labourer (2018), expired a year ago (status 'expired')
--   Sam Carter     JK102030C  born 1980-05-01  card 18020305, Craft (gold),
--                  Maintenance Electrician, grade Electrician, issued a year ago,
--                  expires CURDATE() + 2 years, status 'valid';
--                  HS&E HSE00001234 passed a year ago; ECS Registered Electrician
--                  since 2018-09-03.

-- ---------------------------------------------------------------------------
-- Helpers (dropped at the end of this file)
CREATE TEMPORARY TABLE demo_reg_seq (n INT UNSIGNED NOT NULL PRIMARY KEY);
INSERT INTO demo_reg_seq (n)
WITH RECURSIVE d (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 9)
SELECT 1 + a.n + 10 * b.n + 100 * c.n + 1000 * e.n
  FROM d a, d b, d c, d e
 WHERE a.n + 10 * b.n + 100 * c.n + 1000 * e.n < 2600;

-- Card profiles: card type, occupation and grade; n gets 1 + (n * 11) % 18.
CREATE TEMPORARY TABLE demo_reg_profiles (
  profile     TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  card_type   VARCHAR(32) NOT NULL,
  occupation  VARCHAR(64) NOT NULL,
  grade       VARCHAR(32) NULL
);
INSERT INTO demo_reg_profiles (profile, card_type, occupation, grade) VALUES
  ( 1, 'craft',              'installation_electrician',         'electrician'),
  ( 2, 'craft',              'maintenance_electrician',          'approved_electrician'),
  ( 3, 'craft',              'installation_electrician',         'approved_electrician'),
  ( 4, 'craft',              'electrical_labourer',              'electrical_labourer'),
  ( 5, 'craft',              'electrical_fitter',                'electrician'),
  ( 6, 'managerial',         'electrical_site_manager',          NULL),
  ( 7, 'managerial',         'design_engineer',                  NULL),
  ( 8, 'jib_apprentice',     'apprentice_electrician',           'apprentice_stage_2'),
  ( 9, 'trainee',            'trainee_electrician',              'trainee_electrician'),
  (10, 'experienced_worker', 'installation_electrician',         NULL),
  (11, 'craft',              'fire_security_systems_technician', NULL),
  (12, 'craft',              'installation_electrician',         'technician_electrician'),
  (13, 'pqp',                'design_engineer',                  NULL),
  (14, 'craft',              'installation_electrician',         'improver'),
  (15, 'craft',              'field_engineer',                   NULL),
  (16, 'non_jib_apprentice', 'apprentice_electrician',           'apprentice_stage_3'),
  (17, 'craft',              'maintenance_electrician',          'electrician'),
  (18, 'craft',              'electrical_labourer',              'electrical_labourer');

-- Cards planned by hand for the employees the activity file relies on.
--   no_card: no card at all; exp_offset: expires CURDATE() + days;
--   issued_offset: issued CURDATE() + days (a card just produced by an application).
CREATE TEMPORARY TABLE demo_reg_plan (
  n              INT UNSIGNED NOT NULL PRIMARY KEY,
  no_card        TINYINT NOT NULL DEFAULT 0,
  profile        TINYINT UNSIGNED NULL,
  exp_offset     INT NULL,
  issued_offset  INT NULL
);
INSERT INTO demo_reg_plan (n, no_card, profile, exp_offset, issued_offset) VALUES
  ( 1, 1, NULL, NULL, NULL),   -- ECS Check Co 2, Head Office: initial application in progress
  ( 2, 1, NULL, NULL, NULL),   -- ECS Check Co 2, Head Office: initial application in progress
  (26, 1, NULL, NULL, NULL),   -- ECS Check Co 2, Eastern: initial application in progress
  ( 3, 0,    1,   30, NULL),   -- Head Office: expiring in 30 days (renewal finalised)
  ( 4, 0,   17,   60, NULL),   -- Head Office: expiring in 60 days
  ( 5, 0,    4,  -20, NULL),   -- Head Office: expired 20 days ago
  (27, 0,    2,   45, NULL),   -- Eastern: expiring in 45 days (renewal finalised)
  (28, 0,   18,   75, NULL),   -- Eastern: expiring in 75 days
  ( 6, 0,    1, NULL, NULL),   -- Head Office: upgrade being produced
  ( 7, 0,    3, NULL, NULL),   -- Head Office: replacement received
  (29, 0,    4, NULL, NULL),   -- Eastern: upgrade on hold (no HS&E pass)
  (30, 0,    1, NULL, NULL),   -- Eastern: upgrade to Managerial being produced
  ( 8, 0,    1, NULL,  -20),   -- Head Office: initial dispatched 20 days ago
  (31, 0,    1, NULL,  -50),   -- Eastern: initial dispatched 50 days ago
  (32, 0,    2, NULL, -150),   -- Eastern: renewal dispatched 150 days ago
  (41, 0,    4, -100, NULL),   -- left ECS Check Co 2; expired card (not counted)
  (44, 0,    1,   10, NULL),   -- Northern Sparks: expiring in 10 days
  (45, 0,   18,   -5, NULL);   -- Northern Sparks: expired 5 days ago

-- Valid card numbers: 2000000 + k * 331 plus its check digit, skipping any
-- whose check would be 10; numbered 1, 2, 3 ... in rn.
CREATE TEMPORARY TABLE demo_reg_cardno (
  rn   INT UNSIGNED NOT NULL PRIMARY KEY,
  num  CHAR(8) NOT NULL
);
INSERT INTO demo_reg_cardno (rn, num)
SELECT ROW_NUMBER() OVER (ORDER BY x.k), CONCAT(x.b, x.chk)
  FROM (SELECT s.n AS k, CAST(2000000 + s.n * 331 AS CHAR) AS b,
               (11 - (  8 * SUBSTRING(2000000 + s.n * 331, 1, 1) + 7 * SUBSTRING(2000000 + s.n * 331, 2, 1)
                      + 6 * SUBSTRING(2000000 + s.n * 331, 3, 1) + 5 * SUBSTRING(2000000 + s.n * 331, 4, 1)
                      + 4 * SUBSTRING(2000000 + s.n * 331, 5, 1) + 3 * SUBSTRING(2000000 + s.n * 331, 6, 1)
                      + 2 * SUBSTRING(2000000 + s.n * 331, 7, 1)) % 11) % 11 AS chk
          FROM demo_reg_seq s) AS x
 WHERE x.chk < 10;

-- ---------------------------------------------------------------------------
-- Generated operatives
INSERT INTO operatives (ni_number, date_of_birth, title, first_name, last_name, gender, email, phone,
                        address_line1, address_line2, town, postcode, hse_number, hse_passed_on, created_at)
SELECT g.ni, g.dob, g.title, g.first_name, g.last_name, g.gender,
       IF(g.n % 9 = 0, '',
          LOWER(CONCAT(g.first_name, '.', REPLACE(g.last_name, '''', ''), g.n, '@example.com'))),
       CONCAT('07700 900', LPAD(g.n % 1000, 3, '0')),
       g.line1, IF(g.n % 5 = 0, CONCAT('Flat ', 1 + g.n % 12), ''), g.town, g.postcode,
       IF(g.n % 3 = 0, CONCAT('HSE', 10000000 + g.n), NULL),
       IF(g.n % 3 = 0, CURDATE() - INTERVAL (20 + (g.n * 53) % 1400) DAY, NULL),
       UTC_TIMESTAMP(6) - INTERVAL (400 + (g.n * 13) % 2500) DAY
  FROM (SELECT s.n,
               CONCAT(ELT(1 + s.n % 16, 'AB','CE','EH','GT','HP','JR','KL','LX',
                                       'MA','PE','RW','SN','TH','WL','YZ','ZA'),
                      300000 + s.n,
                      ELT(1 + (s.n DIV 16) % 4, 'A','B','C','D')) AS ni,
               DATE '2026-11-28' - INTERVAL 18 YEAR - INTERVAL (1 + (s.n * 7919) % 17000) DAY AS dob,
               IF(s.n % 7 = 3, 'female', 'male') AS gender,
               IF(s.n % 7 = 3, ELT(1 + s.n % 3, 'Ms', 'Mrs', 'Miss'), 'Mr') AS title,
               IF(s.n % 7 = 3,
                  ELT(1 + (s.n * 7) % 20,
                      'Sarah','Emma','Laura','Rebecca','Hannah','Charlotte','Amy','Jessica','Sophie','Chloe',
                      'Megan','Lauren','Natalie','Gemma','Kirsty','Aisha','Priya','Zofia','Niamh','Siobhan'),
                  ELT(1 + (s.n * 13) % 30,
                      'James','John','David','Michael','Paul','Mark','Andrew','Richard','Stephen','Robert',
                      'Thomas','Christopher','Daniel','Matthew','Gary','Lee','Craig','Darren','Liam','Connor',
                      'Ryan','Jamie','Kieran','Nathan','Callum','Aaron','Jordan','Mohammed','Tomasz','Piotr'))
                 AS first_name,
               ELT(1 + (s.n * 17 + s.n DIV 50) % 50,
                   'Smith','Williams','Taylor','Brown','Davies','Evans','Wilson','Thomas','Roberts','Johnson',
                   'Lewis','Walker','Robinson','Wood','Thompson','White','Watson','Jackson','Wright','Green',
                   'Harris','Cooper','King','Lee','Martin','Clarke','James','Morgan','Hughes','Edwards',
                   'Hill','Moore','Clark','Harrison','Scott','Young','Morris','Hall','Ward','Turner',
                   'O''Neill','Kowalski','Patel','Khan','Murphy','Campbell','Stewart','MacDonald','Baker','Shaw')
                 AS last_name,
               CONCAT(1 + (s.n * 7) % 180, ' ',
                      ELT(1 + s.n % 20,
                          'High Street','Station Road','Church Lane','Victoria Road','Park Avenue',
                          'Mill Lane','London Road','Queens Road','Manor Close','The Crescent',
                          'Kingsway','Oak Drive','Elm Grove','Chapel Street','Green Lane',
                          'Meadow Way','Orchard Close','Springfield Road','Windsor Avenue','Albert Street'))
                 AS line1,
               ELT(1 + (s.n * 5) % 12,
                   'Peterborough','Norwich','Ipswich','Cambridge','Colchester','Chelmsford',
                   'Leeds','Manchester','Birmingham','Bristol','Nottingham','Sheffield') AS town,
               CONCAT(ELT(1 + (s.n * 5) % 12,
                          'PE1','NR2','IP4','CB1','CO1','CM1','LS6','M14','B15','BS5','NG7','S10'),
                      ' ', 1 + s.n % 9,
                      ELT(1 + (s.n * 3) % 10, 'AB','DE','FG','HJ','LN','PQ','RS','TU','WX','YZ'))
                 AS postcode
          FROM demo_reg_seq s
         WHERE s.n <= 2100) AS g;

-- Named operatives
INSERT INTO operatives (ni_number, date_of_birth, title, first_name, last_name, gender, email, phone,
                        address_line1, address_line2, town, postcode, hse_number, hse_passed_on,
                        ecs_registered_on, created_at) VALUES
  ('AA654321D', '1990-09-22', 'Mr', 'Jeff', 'Jones', 'male', 'jeff.jones@example.com', '07700 900811',
   '14 Westgate', '', 'Peterborough', 'PE1 1RD', NULL, NULL, NULL, UTC_TIMESTAMP(6) - INTERVAL 30 DAY),
  ('SS012345B', '2004-03-03', 'Mr', 'Albert', 'Fisher', 'male', 'albert.fisher@example.com', '07700 900812',
   '3 Riverside Walk', '', 'Norwich', 'NR1 1SQ', NULL, NULL, NULL, UTC_TIMESTAMP(6) - INTERVAL 20 DAY),
  ('AE564321A', '1985-07-14', 'Mr', 'Daniel', 'Mac', 'male', 'daniel.mac@example.com', '07700 900813',
   '52 Lincoln Road', '', 'Peterborough', 'PE1 2SN', NULL, NULL, NULL, UTC_TIMESTAMP(6) - INTERVAL 5 YEAR),
  ('JK102030C', '1980-05-01', 'Mr', 'Sam', 'Carter', 'male', 'sam.carter@example.com', '07700 900814',
   '9 Cathedral Close', '', 'Ely', 'CB7 4DL', 'HSE00001234', CURDATE() - INTERVAL 1 YEAR,
   '2018-09-03', UTC_TIMESTAMP(6) - INTERVAL 8 YEAR);

-- Operative id by n, with the card planned for it.
CREATE TEMPORARY TABLE demo_reg_ops (
  n              INT UNSIGNED NOT NULL PRIMARY KEY,
  operative_id   INT UNSIGNED NOT NULL,
  has_card       TINYINT NOT NULL,
  profile        TINYINT UNSIGNED NOT NULL,
  exp_offset     INT NULL,
  issued_offset  INT NULL
);
INSERT INTO demo_reg_ops (n, operative_id, has_card, profile, exp_offset, issued_offset)
SELECT s.n, o.id,
       CASE WHEN p.no_card = 1 THEN 0 WHEN s.n > 55 AND s.n % 8 = 0 THEN 0 ELSE 1 END,
       COALESCE(p.profile, 1 + (s.n * 11) % 18), p.exp_offset, p.issued_offset
  FROM demo_reg_seq s
  JOIN operatives o
    ON o.ni_number = CONCAT(ELT(1 + s.n % 16, 'AB','CE','EH','GT','HP','JR','KL','LX',
                                             'MA','PE','RW','SN','TH','WL','YZ','ZA'),
                            300000 + s.n,
                            ELT(1 + (s.n DIV 16) % 4, 'A','B','C','D'))
  LEFT JOIN demo_reg_plan p ON p.n = s.n
 WHERE s.n <= 2100;

-- ---------------------------------------------------------------------------
-- Cards: one per carded operative; number n of the valid-number list for n.
INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, grade_id,
                   qualified_supervisor, issued_on, expires_on, status, created_at)
SELECT cn.num, d.operative_id, d.card_type_id, d.occupation_id, d.grade_id,
       IF(d.n % 23 = 0 AND d.ct_code IN ('craft', 'managerial'), 1, 0),
       d.issued_on, d.expires_on,
       IF(d.expires_on < CURDATE(), 'expired', 'valid'),
       CAST(d.issued_on AS DATETIME(6))
  FROM (SELECT e.n, e.operative_id, e.card_type_id, e.ct_code, e.occupation_id, e.grade_id, e.expires_on,
               IF(e.issued_offset IS NOT NULL, CURDATE() + INTERVAL e.issued_offset DAY,
                  e.expires_on - INTERVAL e.vm MONTH) AS issued_on
          FROM (SELECT r.n, r.operative_id, r.issued_offset, t.id AS card_type_id, t.code AS ct_code,
                       t.validity_months AS vm, oc.id AS occupation_id, gr.id AS grade_id,
                       CASE
                         WHEN r.exp_offset IS NOT NULL THEN CURDATE() + INTERVAL r.exp_offset DAY
                         WHEN r.issued_offset IS NOT NULL
                           THEN CURDATE() + INTERVAL r.issued_offset DAY + INTERVAL t.validity_months MONTH
                         WHEN r.n <= 55
                           THEN CURDATE() + INTERVAL (150 + (r.n * 97) % (t.validity_months * 30 - 150)) DAY
                         ELSE CURDATE() + INTERVAL (CAST((r.n * 37) % (t.validity_months * 30 + 365) AS SIGNED) - 365) DAY
                       END AS expires_on
                  FROM demo_reg_ops r
                  JOIN demo_reg_profiles pr ON pr.profile = r.profile
                  JOIN card_types t ON t.code = pr.card_type
                  JOIN occupations oc ON oc.code = pr.occupation
                  LEFT JOIN grades gr ON gr.code = pr.grade
                 WHERE r.has_card = 1) AS e) AS d
  JOIN demo_reg_cardno cn ON cn.rn = d.n;

-- Sam Carter's and Daniel Mac's cards (numbers outside the generated range).
INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, grade_id,
                   issued_on, expires_on, status, created_at)
SELECT '18020305', o.id, t.id, oc.id, gr.id,
       CURDATE() + INTERVAL 2 YEAR - INTERVAL 3 YEAR, CURDATE() + INTERVAL 2 YEAR, 'valid',
       UTC_TIMESTAMP(6) - INTERVAL 1 YEAR
  FROM operatives o
  JOIN card_types t ON t.code = 'craft'
  JOIN occupations oc ON oc.code = 'maintenance_electrician'
  JOIN grades gr ON gr.code = 'electrician'
 WHERE o.ni_number = 'JK102030C';

INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, grade_id,
                   issued_on, expires_on, status, created_at)
SELECT '15643212', o.id, t.id, oc.id, gr.id,
       CURDATE() - INTERVAL 4 YEAR, CURDATE() - INTERVAL 1 YEAR, 'expired',
       UTC_TIMESTAMP(6) - INTERVAL 4 YEAR
  FROM operatives o
  JOIN card_types t ON t.code = 'craft'
  JOIN occupations oc ON oc.code = 'electrical_labourer'
  JOIN grades gr ON gr.code = 'electrical_labourer'
 WHERE o.ni_number = 'AE564321A';

-- ECS Registered Electricians: a quarter of the Installation/Maintenance
-- Electricians on gold cards.
UPDATE operatives o
  JOIN cards c ON c.operative_id = o.id
  JOIN occupations oc ON oc.id = c.occupation_id
  JOIN card_types t ON t.id = c.card_type_id
   SET o.ecs_registered_on = CURDATE() - INTERVAL (60 + (o.id * 11) % 2000) DAY
 WHERE t.code = 'craft'
   AND oc.code IN ('installation_electrician', 'maintenance_electrician')
   AND o.id % 4 = 0
   AND o.ecs_registered_on IS NULL;

-- HS&E exemptions for some of those without a pass (never apprentices).
INSERT INTO exemptions (operative_id, kind, certificate_number, awarded_on, expires_on, created_at)
SELECT x.operative_id, x.kind, CONCAT('EX', LPAD(x.n, 6, '0')), x.awarded_on,
       x.awarded_on + INTERVAL 36 MONTH, CAST(x.awarded_on AS DATETIME(6))
  FROM (SELECT r.n, r.operative_id,
               ELT(1 + r.n % 5, 'nvq3_electrotechnical', 'ccnsg', 'sssts', 'smsts', 'iosh_msic') AS kind,
               CURDATE() - INTERVAL (10 + (r.n * 29) % 1400) DAY AS awarded_on
          FROM demo_reg_ops r
         WHERE r.n > 55 AND r.n % 11 = 0 AND r.n % 3 <> 0 AND r.profile NOT IN (8, 16)) AS x;

DROP TEMPORARY TABLE demo_reg_ops;
DROP TEMPORARY TABLE demo_reg_cardno;
DROP TEMPORARY TABLE demo_reg_plan;
DROP TEMPORARY TABLE demo_reg_profiles;
DROP TEMPORARY TABLE demo_reg_seq;
