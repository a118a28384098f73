-- 0002-reference: the scheme's reference data (REFERENCE.md), kept as data so
-- the scheme can change it without a code change. Rows marked "project choice"
-- are ours to define; the others follow the public scheme.

-- Settings of the scheme's rules (durations, thresholds). Integers unless noted.
CREATE TABLE scheme_settings (
  name         VARCHAR(64)  NOT NULL,
  value        VARCHAR(255) NOT NULL,
  description  VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO scheme_settings (name, value, description) VALUES
  ('hse_validity_months',             '24', 'An HS&E pass is valid this long for applying for a card'),
  ('hse_questions',                   '50', 'HS&E assessment: number of multiple-choice questions'),
  ('hse_minutes',                     '30', 'HS&E assessment: minutes allowed'),
  ('hse_pass_mark',                   '43', 'HS&E assessment: correct answers needed to pass'),
  ('hse_grade_change_min_months',     '6',  'A grade change needs an HS&E pass that does not expire within this many months'),
  ('exemption_validity_months',       '36', 'An HS&E exemption is valid this long from its award'),
  ('renewal_window_months',           '3',  'A renewable card may be renewed from this many months before expiry'),
  ('replacement_min_remaining_months','3',  'A replacement needs more than this many months of validity left'),
  ('completed_visible_months',        '3',  'Completed applications stay visible to the employer this long'),
  ('expiring_soon_days',              '90', 'Cards expiring within this many days (or expired) are listed as expiring'),
  ('bacs_allocation_days',            '14', 'A BACS transfer may take this long to be allocated'),
  ('advance_payment_min_quantity',    '1',  'Minimum advance payment order, in credits');

-- Card types. validity_months is the longest validity; renewable 0 = not renewable.
CREATE TABLE card_types (
  id               TINYINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code             VARCHAR(32)  NOT NULL,
  name             VARCHAR(100) NOT NULL,
  short_name       VARCHAR(40)  NOT NULL,
  colour           VARCHAR(100) NOT NULL DEFAULT '',
  validity_months  TINYINT UNSIGNED NOT NULL,
  renewable        TINYINT(1)   NOT NULL DEFAULT 1,
  hse_exemptions_allowed TINYINT(1) NOT NULL DEFAULT 1,
  sort             TINYINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_card_types_code (code),
  UNIQUE KEY uq_card_types_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO card_types (id, code, name, short_name, colour, validity_months, renewable, hse_exemptions_allowed, sort) VALUES
  (1, 'craft',              'Craft or Related Disciplines',    'Craft',      'gold (electricians); white with green stripe (labourers)', 36, 1, 1, 1),
  (2, 'managerial',         'Managerial',                      'Managerial', 'black (managers); white with black stripe (site support)', 36, 1, 1, 2),
  (3, 'pqp',                'Professionally Qualified Person', 'PQP',        '',                       36, 1, 1, 3),
  (4, 'jib_apprentice',     'JIB Registered Apprentice',       'Apprentice', 'white with red stripe',  36, 0, 0, 4),
  (5, 'non_jib_apprentice', 'Non-JIB Registered Apprentice',   'Apprentice', 'white with red stripe',  36, 0, 0, 5),
  (6, 'trainee',            'Trainee',                         'Trainee',    '',                       24, 0, 1, 6),
  (7, 'experienced_worker', 'Experienced Worker',              'Experienced Worker', 'brown stripe',   18, 0, 1, 7);

-- Application kinds; applications.kind holds the code.
CREATE TABLE application_kinds (
  code  VARCHAR(16) NOT NULL,
  name  VARCHAR(40) NOT NULL,
  sort  TINYINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (code),
  UNIQUE KEY uq_application_kinds_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO application_kinds (code, name, sort) VALUES
  ('initial', 'Initial', 1), ('renewal', 'Renewal', 2),
  ('replacement', 'Replacement', 3), ('upgrade', 'Upgrade', 4);

CREATE TABLE disciplines (
  id    TINYINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code  VARCHAR(32)  NOT NULL,
  name  VARCHAR(100) NOT NULL,
  sort  TINYINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_disciplines_code (code),
  UNIQUE KEY uq_disciplines_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO disciplines (id, code, name, sort) VALUES
  (1, 'core_electrical',      'Core - Electrical', 1),
  (2, 'fess',                 'Fire, Emergency & Security Systems (FESS)', 2),
  (3, 'building_controls',    'Building Controls', 3),
  (4, 'network_infrastructure','Network Infrastructure', 4),
  (5, 'cabling_jointing',     'Cabling & Jointing', 5),
  (6, 'related_disciplines',  'Related Disciplines', 6),
  (7, 'management',           'Management', 7),
  (8, 'site_support',         'Site Support', 8);

-- Occupations, per discipline. ecs_registered_electrician: the occupation may
-- join the ECS Registered Electrician scheme.
CREATE TABLE occupations (
  id             SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  discipline_id  TINYINT UNSIGNED NOT NULL,
  code           VARCHAR(64)  NOT NULL,
  name           VARCHAR(100) NOT NULL,
  ecs_registered_electrician TINYINT(1) NOT NULL DEFAULT 0,
  active         TINYINT(1)   NOT NULL DEFAULT 1,
  sort           SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_occupations_code (code),
  UNIQUE KEY uq_occupations_name (discipline_id, name),
  CONSTRAINT fk_occupations_discipline FOREIGN KEY (discipline_id) REFERENCES disciplines (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO occupations (discipline_id, code, name, ecs_registered_electrician, sort) VALUES
  (1, 'installation_electrician',        'Installation Electrician', 1, 10),
  (1, 'maintenance_electrician',         'Maintenance Electrician', 1, 20),
  (1, 'electrical_fitter',               'Electrical Fitter', 0, 30),
  (1, 'electrical_winder',               'Electrical Winder', 0, 40),
  (1, 'household_appliances_electrician','Household Appliances Electrician', 0, 50),
  (1, 'distribution_networks_electrician','Distribution Networks Electrician', 0, 60),
  (1, 'electrical_labourer',             'Electrical Labourer (2018)', 0, 70),
  (1, 'apprentice_electrician',          'Apprentice Electrician', 0, 80),
  (1, 'trainee_electrician',             'Trainee Electrician', 0, 90),
  (3, 'building_controls_engineer',      'Building Controls Engineer', 0, 10),
  (2, 'fire_systems_operative',          'Fire Systems Operative', 0, 10),
  (2, 'fire_systems_technician',         'Fire Systems Technician', 0, 11),
  (2, 'fire_technical_manager',          'Fire Technical Manager', 0, 12),
  (2, 'fire_el_systems_operative',       'Fire & Emergency Lighting Systems Operative', 0, 20),
  (2, 'fire_el_systems_technician',      'Fire & Emergency Lighting Systems Technician', 0, 21),
  (2, 'fire_el_technical_manager',       'Fire & Emergency Lighting Technical Manager', 0, 22),
  (2, 'security_systems_operative',      'Security Systems Operative', 0, 30),
  (2, 'security_systems_technician',     'Security Systems Technician', 0, 31),
  (2, 'security_technical_manager',      'Security Technical Manager', 0, 32),
  (2, 'fire_security_systems_operative', 'Fire & Security Systems Operative', 0, 40),
  (2, 'fire_security_systems_technician','Fire & Security Systems Technician', 0, 41),
  (2, 'fire_security_technical_manager', 'Fire & Security Technical Manager', 0, 42),
  (2, 'fess_labourer',                   'FESS Labourer', 0, 50),
  (2, 'fess_trainee',                    'FESS Trainee', 0, 51),
  (2, 'fess_apprentice',                 'FESS Apprentice', 0, 52),
  -- project choice: REFERENCE.md names these disciplines but no occupations.
  (4, 'network_infrastructure_installer','Network Infrastructure Installer', 0, 10),
  (4, 'network_infrastructure_technician','Network Infrastructure Technician', 0, 20),
  (5, 'cable_jointer',                   'Cable Jointer', 0, 10),
  (5, 'cable_installer',                 'Cable Installer', 0, 20),
  (6, 'field_engineer',                  'Field Engineer', 0, 10),
  (6, 'equipment_installer',             'Equipment Installer', 0, 20),
  (6, 'aerial_satellite_engineer',       'Aerial & Satellite Engineer', 0, 30),
  (6, 'control_systems_engineer',        'Control Systems Engineer', 0, 40),
  (7, 'electrical_site_manager',         'Electrical Site Manager', 0, 10),
  (7, 'electrical_contract_manager',     'Electrical Contract Manager', 0, 20),
  (7, 'site_manager',                    'Site Manager', 0, 30),
  (7, 'project_manager',                 'Project Manager', 0, 40),
  (7, 'contract_manager',                'Contract Manager', 0, 50),
  (8, 'design_engineer',                 'Design Engineer', 0, 10),
  (8, 'quantity_surveyor',               'Quantity Surveyor', 0, 20),
  (8, 'commissioning_engineer',          'Commissioning Engineer', 0, 30),
  (8, 'cad_engineer',                    'CAD Engineer', 0, 40),
  (8, 'hs_specialist',                   'H&S Specialist', 0, 50),
  (8, 'compliance_auditor',              'Compliance Auditor', 0, 60);

-- Which card types an occupation may be applied for, and the card's colour.
CREATE TABLE occupation_card_types (
  occupation_id  SMALLINT UNSIGNED NOT NULL,
  card_type_id   TINYINT UNSIGNED  NOT NULL,
  colour         VARCHAR(60) NOT NULL DEFAULT '',
  PRIMARY KEY (occupation_id, card_type_id),
  KEY ix_occupation_card_types_type (card_type_id),
  CONSTRAINT fk_oct_occupation FOREIGN KEY (occupation_id) REFERENCES occupations (id),
  CONSTRAINT fk_oct_card_type FOREIGN KEY (card_type_id) REFERENCES card_types (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO occupation_card_types (occupation_id, card_type_id, colour)
SELECT o.id, t.id, x.colour
  FROM (SELECT 'installation_electrician' AS occ, 'craft' AS ct, 'gold' AS colour
        UNION ALL SELECT 'installation_electrician', 'experienced_worker', 'brown stripe'
        UNION ALL SELECT 'maintenance_electrician', 'craft', 'gold'
        UNION ALL SELECT 'maintenance_electrician', 'experienced_worker', 'brown stripe'
        UNION ALL SELECT 'electrical_fitter', 'craft', 'gold'
        UNION ALL SELECT 'electrical_winder', 'craft', 'gold'
        UNION ALL SELECT 'household_appliances_electrician', 'craft', 'gold'
        UNION ALL SELECT 'distribution_networks_electrician', 'craft', 'gold'
        UNION ALL SELECT 'electrical_labourer', 'craft', 'white with green stripe'
        UNION ALL SELECT 'apprentice_electrician', 'jib_apprentice', 'white with red stripe'
        UNION ALL SELECT 'apprentice_electrician', 'non_jib_apprentice', 'white with red stripe'
        UNION ALL SELECT 'trainee_electrician', 'trainee', ''
        UNION ALL SELECT 'building_controls_engineer', 'craft', 'gold'
        UNION ALL SELECT 'fire_systems_operative', 'craft', ''
        UNION ALL SELECT 'fire_systems_technician', 'craft', ''
        UNION ALL SELECT 'fire_technical_manager', 'managerial', 'black'
        UNION ALL SELECT 'fire_el_systems_operative', 'craft', ''
        UNION ALL SELECT 'fire_el_systems_technician', 'craft', ''
        UNION ALL SELECT 'fire_el_technical_manager', 'managerial', 'black'
        UNION ALL SELECT 'security_systems_operative', 'craft', ''
        UNION ALL SELECT 'security_systems_technician', 'craft', ''
        UNION ALL SELECT 'security_technical_manager', 'managerial', 'black'
        UNION ALL SELECT 'fire_security_systems_operative', 'craft', ''
        UNION ALL SELECT 'fire_security_systems_technician', 'craft', ''
        UNION ALL SELECT 'fire_security_technical_manager', 'managerial', 'black'
        UNION ALL SELECT 'fess_labourer', 'craft', 'white with green stripe'
        UNION ALL SELECT 'fess_trainee', 'trainee', ''
        UNION ALL SELECT 'fess_apprentice', 'jib_apprentice', 'white with red stripe'
        UNION ALL SELECT 'fess_apprentice', 'non_jib_apprentice', 'white with red stripe'
        UNION ALL SELECT 'network_infrastructure_installer', 'craft', ''
        UNION ALL SELECT 'network_infrastructure_technician', 'craft', ''
        UNION ALL SELECT 'cable_jointer', 'craft', ''
        UNION ALL SELECT 'cable_installer', 'craft', ''
        UNION ALL SELECT 'field_engineer', 'craft', ''
        UNION ALL SELECT 'equipment_installer', 'craft', ''
        UNION ALL SELECT 'aerial_satellite_engineer', 'craft', ''
        UNION ALL SELECT 'control_systems_engineer', 'craft', ''
        UNION ALL SELECT 'electrical_site_manager', 'managerial', 'black'
        UNION ALL SELECT 'electrical_contract_manager', 'managerial', 'black'
        UNION ALL SELECT 'electrical_contract_manager', 'pqp', ''
        UNION ALL SELECT 'site_manager', 'managerial', 'black'
        UNION ALL SELECT 'project_manager', 'managerial', 'black'
        UNION ALL SELECT 'project_manager', 'pqp', ''
        UNION ALL SELECT 'contract_manager', 'managerial', 'black'
        UNION ALL SELECT 'design_engineer', 'managerial', 'white with black stripe'
        UNION ALL SELECT 'design_engineer', 'pqp', ''
        UNION ALL SELECT 'quantity_surveyor', 'managerial', 'white with black stripe'
        UNION ALL SELECT 'commissioning_engineer', 'managerial', 'white with black stripe'
        UNION ALL SELECT 'commissioning_engineer', 'pqp', ''
        UNION ALL SELECT 'cad_engineer', 'managerial', 'white with black stripe'
        UNION ALL SELECT 'hs_specialist', 'managerial', 'white with black stripe'
        UNION ALL SELECT 'compliance_auditor', 'managerial', 'white with black stripe') AS x
  JOIN occupations o ON o.code = x.occ
  JOIN card_types t ON t.code = x.ct;

-- JIB grades (printed separately from the occupation) and apprentice stages.
CREATE TABLE grades (
  id    TINYINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code  VARCHAR(32)  NOT NULL,
  name  VARCHAR(60)  NOT NULL,
  kind  ENUM('jib','apprentice') NOT NULL DEFAULT 'jib',
  needs_inspection_testing TINYINT(1) NOT NULL DEFAULT 0,
  sort  TINYINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_grades_code (code),
  UNIQUE KEY uq_grades_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO grades (id, code, name, kind, needs_inspection_testing, sort) VALUES
  ( 1, 'electrical_labourer',    'Electrical Labourer',    'jib', 0, 1),
  ( 2, 'trainee_electrician',    'Trainee Electrician',    'jib', 0, 2),
  ( 3, 'improver',               'Improver',               'jib', 0, 3),
  ( 4, 'electrician',            'Electrician',            'jib', 0, 4),
  ( 5, 'approved_electrician',   'Approved Electrician',   'jib', 1, 5),
  ( 6, 'technician_electrician', 'Technician Electrician', 'jib', 1, 6),
  ( 7, 'apprentice_stage_1',     'Apprentice Stage 1',     'apprentice', 0, 11),
  ( 8, 'apprentice_stage_2',     'Apprentice Stage 2',     'apprentice', 0, 12),
  ( 9, 'apprentice_stage_3',     'Apprentice Stage 3',     'apprentice', 0, 13),
  (10, 'apprentice_stage_4',     'Apprentice Stage 4',     'apprentice', 0, 14);

-- Kinds of evidence an occupation can require.
CREATE TABLE qualification_kinds (
  code  VARCHAR(32)  NOT NULL,
  name  VARCHAR(150) NOT NULL,
  sort  TINYINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO qualification_kinds (code, name, sort) VALUES
  ('hse',                     'HS&E assessment pass or recognised exemption', 1),
  ('level3_electrotechnical', 'Recognised Level 3 electrotechnical apprenticeship or NVQ/SVQ', 2),
  ('technical_certificate',   'Level 3 electrotechnical technical certificate', 3),
  ('am2',                     'AM2 or AM2S assessment', 4),
  ('bs7671',                  'Current wiring regulations qualification (BS 7671:2018)', 5),
  ('inspection_testing',      'Inspection and testing qualification', 6),
  ('employer_proof',          'Proof of employment by an electrotechnical employer', 7),
  ('level1_hs',               'Level 1 health and safety qualification', 8),
  ('level4_management',       'Level 4 management qualification', 9),
  ('level4_hs',               'Level 4 or higher health and safety qualification (SSSTS, SMSTS, CCNSG Supervising, NEBOSH Diploma)', 10),
  ('electrical_safety_unit',  'Electrical Safety Unit', 11),
  ('institution_membership',  'Membership of a recognised professional institution', 12),
  ('training_agreement',      'Apprenticeship training agreement', 13),
  ('ew_registration',         'Registration for the experienced worker assessment', 14),
  ('non_uk_statement',        'Ecctis statement for a non-UK qualification', 15);

-- What an occupation needs, for a card type, in disjunctive normal form:
-- the requirement is met when, for SOME option_no, EVERY kind of that option
-- is held. (Every applicant also needs HS&E or an exemption; rows with 'hse'
-- say so where REFERENCE.md lists it.)
CREATE TABLE occupation_requirements (
  occupation_id       SMALLINT UNSIGNED NOT NULL,
  card_type_id        TINYINT UNSIGNED  NOT NULL,
  option_no           TINYINT UNSIGNED  NOT NULL DEFAULT 1,
  qualification_kind  VARCHAR(32) NOT NULL,
  PRIMARY KEY (occupation_id, card_type_id, option_no, qualification_kind),
  KEY ix_occupation_requirements_kind (qualification_kind),
  CONSTRAINT fk_or_occupation_type FOREIGN KEY (occupation_id, card_type_id)
    REFERENCES occupation_card_types (occupation_id, card_type_id),
  CONSTRAINT fk_or_kind FOREIGN KEY (qualification_kind) REFERENCES qualification_kinds (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO occupation_requirements (occupation_id, card_type_id, option_no, qualification_kind)
SELECT o.id, t.id, x.opt, x.kind
  FROM (
        -- gold card electricians (REFERENCE.md names Installation and
        -- Maintenance; project choice: the other gold Core - Electrical ones too)
        SELECT g.occ, 'craft' AS ct, 1 AS opt, k.kind
          FROM (SELECT 'installation_electrician' AS occ UNION ALL SELECT 'maintenance_electrician'
                UNION ALL SELECT 'electrical_fitter' UNION ALL SELECT 'electrical_winder'
                UNION ALL SELECT 'household_appliances_electrician'
                UNION ALL SELECT 'distribution_networks_electrician') g
          JOIN (SELECT 'level3_electrotechnical' AS kind UNION ALL SELECT 'am2'
                UNION ALL SELECT 'bs7671' UNION ALL SELECT 'hse') k
        -- Electrical Labourer: proof of employment and (HS&E or Level 1 H&S)
        UNION ALL SELECT 'electrical_labourer', 'craft', 1, 'employer_proof'
        UNION ALL SELECT 'electrical_labourer', 'craft', 1, 'hse'
        UNION ALL SELECT 'electrical_labourer', 'craft', 2, 'employer_proof'
        UNION ALL SELECT 'electrical_labourer', 'craft', 2, 'level1_hs'
        UNION ALL SELECT 'fess_labourer', 'craft', 1, 'employer_proof'
        UNION ALL SELECT 'fess_labourer', 'craft', 1, 'hse'
        UNION ALL SELECT 'fess_labourer', 'craft', 2, 'employer_proof'
        UNION ALL SELECT 'fess_labourer', 'craft', 2, 'level1_hs'
        -- Experienced Worker: registered for the assessment, HS&E
        UNION ALL SELECT 'installation_electrician', 'experienced_worker', 1, 'ew_registration'
        UNION ALL SELECT 'installation_electrician', 'experienced_worker', 1, 'hse'
        UNION ALL SELECT 'maintenance_electrician', 'experienced_worker', 1, 'ew_registration'
        UNION ALL SELECT 'maintenance_electrician', 'experienced_worker', 1, 'hse'
        -- Apprentices: a training agreement and HS&E (no exemptions)
        UNION ALL SELECT 'apprentice_electrician', 'jib_apprentice', 1, 'training_agreement'
        UNION ALL SELECT 'apprentice_electrician', 'jib_apprentice', 1, 'hse'
        UNION ALL SELECT 'apprentice_electrician', 'non_jib_apprentice', 1, 'training_agreement'
        UNION ALL SELECT 'apprentice_electrician', 'non_jib_apprentice', 1, 'hse'
        UNION ALL SELECT 'fess_apprentice', 'jib_apprentice', 1, 'training_agreement'
        UNION ALL SELECT 'fess_apprentice', 'jib_apprentice', 1, 'hse'
        UNION ALL SELECT 'fess_apprentice', 'non_jib_apprentice', 1, 'training_agreement'
        UNION ALL SELECT 'fess_apprentice', 'non_jib_apprentice', 1, 'hse'
        -- Trainees: HS&E (project choice)
        UNION ALL SELECT 'trainee_electrician', 'trainee', 1, 'hse'
        UNION ALL SELECT 'fess_trainee', 'trainee', 1, 'hse'
        -- Related Disciplines: HS&E and the Electrical Safety Unit
        UNION ALL SELECT r.occ, 'craft', 1, k.kind
          FROM (SELECT 'field_engineer' AS occ UNION ALL SELECT 'equipment_installer'
                UNION ALL SELECT 'aerial_satellite_engineer' UNION ALL SELECT 'control_systems_engineer') r
          JOIN (SELECT 'hse' AS kind UNION ALL SELECT 'electrical_safety_unit') k
        -- Managers: (gold card requirements OR Level 4 management) AND Level 4+ H&S
        UNION ALL SELECT m.occ, 'managerial', k.opt, k.kind
          FROM (SELECT 'electrical_site_manager' AS occ UNION ALL SELECT 'electrical_contract_manager'
                UNION ALL SELECT 'site_manager' UNION ALL SELECT 'project_manager'
                UNION ALL SELECT 'contract_manager') m
          JOIN (SELECT 1 AS opt, 'level3_electrotechnical' AS kind UNION ALL SELECT 1, 'am2'
                UNION ALL SELECT 1, 'bs7671' UNION ALL SELECT 1, 'hse' UNION ALL SELECT 1, 'level4_hs'
                UNION ALL SELECT 2, 'level4_management' UNION ALL SELECT 2, 'level4_hs'
                UNION ALL SELECT 2, 'hse') k
        -- Site support (project choice): proof of the role and HS&E
        UNION ALL SELECT s.occ, 'managerial', 1, k.kind
          FROM (SELECT 'design_engineer' AS occ UNION ALL SELECT 'quantity_surveyor'
                UNION ALL SELECT 'commissioning_engineer' UNION ALL SELECT 'cad_engineer'
                UNION ALL SELECT 'hs_specialist' UNION ALL SELECT 'compliance_auditor') s
          JOIN (SELECT 'employer_proof' AS kind UNION ALL SELECT 'hse') k
        -- PQP: membership of a recognised institution and HS&E
        UNION ALL SELECT p.occ, 'pqp', 1, k.kind
          FROM (SELECT 'electrical_contract_manager' AS occ UNION ALL SELECT 'project_manager'
                UNION ALL SELECT 'design_engineer' UNION ALL SELECT 'commissioning_engineer') p
          JOIN (SELECT 'institution_membership' AS kind UNION ALL SELECT 'hse') k
       ) AS x
  JOIN occupations o ON o.code = x.occ
  JOIN card_types t ON t.code = x.ct;

-- Every other occupation and card type (FESS, Building Controls, Network
-- Infrastructure, Cabling & Jointing): HS&E only, until the scheme says more
-- (project choice).
INSERT INTO occupation_requirements (occupation_id, card_type_id, option_no, qualification_kind)
SELECT oct.occupation_id, oct.card_type_id, 1, 'hse'
  FROM occupation_card_types oct
 WHERE NOT EXISTS (SELECT 1 FROM occupation_requirements r
                    WHERE r.occupation_id = oct.occupation_id AND r.card_type_id = oct.card_type_id);

-- Awarding bodies, and the other issuers of evidence (kind says which).
CREATE TABLE awarding_bodies (
  id    SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code  VARCHAR(32)  NOT NULL,
  name  VARCHAR(150) NOT NULL,
  kind  ENUM('awarding_body','exemption','institution','training_agreement','statement')
        NOT NULL DEFAULT 'awarding_body',
  sort  SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_awarding_bodies_code (code),
  UNIQUE KEY uq_awarding_bodies_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO awarding_bodies (code, name, kind, sort) VALUES
  ('city_guilds', 'City & Guilds', 'awarding_body', 1),
  ('eal',         'EAL', 'awarding_body', 2),
  ('lcl',         'LCL Awards', 'awarding_body', 3),
  ('nocn',        'NOCN', 'awarding_body', 4),
  ('net',         'NET', 'awarding_body', 5),
  ('sqa',         'SQA', 'awarding_body', 6),
  ('ecctis',      'Ecctis', 'statement', 7),
  ('citb',        'CITB', 'exemption', 20),
  ('ecitb',       'ECITB (CCNSG)', 'exemption', 21),
  ('iosh',        'IOSH', 'exemption', 22),
  ('nebosh',      'NEBOSH', 'awarding_body', 23),
  ('iet',         'The IET', 'institution', 30),
  ('jib',         'JIB', 'training_agreement', 40);

CREATE TABLE qualifications (
  id                  SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  awarding_body_id    SMALLINT UNSIGNED NOT NULL,
  code                VARCHAR(32)  NOT NULL,
  name                VARCHAR(200) NOT NULL,
  level               TINYINT UNSIGNED NULL,
  qualification_kind  VARCHAR(32)  NOT NULL,
  active              TINYINT(1)   NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  UNIQUE KEY uq_qualifications_code (awarding_body_id, code),
  KEY ix_qualifications_kind (qualification_kind),
  CONSTRAINT fk_qualifications_body FOREIGN KEY (awarding_body_id) REFERENCES awarding_bodies (id),
  CONSTRAINT fk_qualifications_kind FOREIGN KEY (qualification_kind) REFERENCES qualification_kinds (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO qualifications (awarding_body_id, code, name, level, qualification_kind)
SELECT b.id, x.code, x.name, x.lvl, x.kind
  FROM (SELECT 'city_guilds' AS body, '2365' AS code, 'Level 3 Diploma in Electrical Installations (Buildings and Structures)' AS name, 3 AS lvl, 'technical_certificate' AS kind
        UNION ALL SELECT 'city_guilds', '2330', 'Level 3 Certificate in Electrotechnical Technology', 3, 'technical_certificate'
        UNION ALL SELECT 'city_guilds', '2357', 'Level 3 NVQ Diploma in Installing Electrotechnical Systems and Equipment', 3, 'level3_electrotechnical'
        UNION ALL SELECT 'city_guilds', '2360', 'Level 3 Certificate in Electrical Installation Theory and Practice', 3, 'technical_certificate'
        UNION ALL SELECT 'city_guilds', '2382', 'Level 3 Award in the Requirements for Electrical Installations BS 7671:2018', 3, 'bs7671'
        UNION ALL SELECT 'city_guilds', '2391', 'Level 3 Award in Inspection and Testing of Electrical Installations', 3, 'inspection_testing'
        UNION ALL SELECT 'city_guilds', '2394', 'Level 3 Award in Initial Verification of Electrical Installations', 3, 'inspection_testing'
        UNION ALL SELECT 'city_guilds', '2395', 'Level 3 Award in Periodic Inspection, Testing and Certification of Electrical Installations', 3, 'inspection_testing'
        UNION ALL SELECT 'eal', 'NVQ3-IESE', 'Level 3 NVQ Diploma in Installing Electrotechnical Systems and Equipment', 3, 'level3_electrotechnical'
        UNION ALL SELECT 'eal', 'BS7671-2018', 'Level 3 Award in the Requirements for Electrical Installations BS 7671:2018', 3, 'bs7671'
        UNION ALL SELECT 'eal', 'IT-L3', 'Level 3 Award in Inspection and Testing of Electrical Installations', 3, 'inspection_testing'
        UNION ALL SELECT 'eal', 'ESU', 'Electrical Safety Unit', 2, 'electrical_safety_unit'
        UNION ALL SELECT 'lcl', 'BS7671-2018', 'Level 3 Award in the Requirements for Electrical Installations BS 7671:2018', 3, 'bs7671'
        UNION ALL SELECT 'lcl', 'L1-HS', 'Level 1 Award in Health and Safety in a Construction Environment', 1, 'level1_hs'
        UNION ALL SELECT 'nocn', 'L4-MGMT', 'Level 4 Diploma in Construction Site Supervision', 4, 'level4_management'
        UNION ALL SELECT 'net', 'AM2', 'AM2 Assessment of Competence', 3, 'am2'
        UNION ALL SELECT 'net', 'AM2S', 'AM2S Assessment of Competence', 3, 'am2'
        UNION ALL SELECT 'net', 'AM2E', 'AM2E Experienced Worker Assessment', 3, 'ew_registration'
        UNION ALL SELECT 'sqa', 'SVQ3-EE', 'SVQ Level 3 in Electrical Installation', 3, 'level3_electrotechnical'
        UNION ALL SELECT 'ecctis', 'SOC', 'Statement of Comparability', NULL, 'non_uk_statement'
        UNION ALL SELECT 'citb', 'SSSTS', 'Site Supervisor Safety Training Scheme', NULL, 'level4_hs'
        UNION ALL SELECT 'citb', 'SMSTS', 'Site Management Safety Training Scheme', NULL, 'level4_hs'
        UNION ALL SELECT 'ecitb', 'CCNSG-SP', 'CCNSG Safety Passport', NULL, 'level1_hs'
        UNION ALL SELECT 'ecitb', 'CCNSG-SUP', 'CCNSG Supervising', NULL, 'level4_hs'
        UNION ALL SELECT 'iosh', 'MSIC', 'IOSH Managing Safely in Construction', NULL, 'level1_hs'
        UNION ALL SELECT 'nebosh', 'DIPLOMA', 'NEBOSH National Diploma in Occupational Health and Safety', 6, 'level4_hs'
        UNION ALL SELECT 'iet', 'MIET', 'Member of the IET', NULL, 'institution_membership'
        UNION ALL SELECT 'jib', 'TA', 'JIB apprenticeship training agreement', NULL, 'training_agreement') AS x
  JOIN awarding_bodies b ON b.code = x.body;

-- Recognised HS&E exemptions (each valid exemption_validity_months from award).
CREATE TABLE exemption_kinds (
  code             VARCHAR(32)  NOT NULL,
  name             VARCHAR(100) NOT NULL,
  validity_months  TINYINT UNSIGNED NOT NULL DEFAULT 36,
  sort             TINYINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO exemption_kinds (code, name, validity_months, sort) VALUES
  ('nvq3_electrotechnical', 'NVQ/SVQ Level 3 Electrotechnical', 36, 1),
  ('ccnsg',                 'CCNSG Safety Passport', 36, 2),
  ('sssts',                 'SSSTS', 36, 3),
  ('smsts',                 'SMSTS', 36, 4),
  ('iosh_msic',             'IOSH Managing Safely in Construction', 36, 5);

-- What can be bought. Prices live in `prices`, by effective date.
CREATE TABLE products (
  id            SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code          VARCHAR(32)  NOT NULL,
  name          VARCHAR(100) NOT NULL,
  min_quantity  INT UNSIGNED NOT NULL DEFAULT 1,
  sort          TINYINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_products_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO products (id, code, name, min_quantity, sort) VALUES
  (1, 'card_application',  'ECS card application', 1, 1),
  (2, 'card_replacement',  'Replacement card', 1, 2),
  (3, 'advance_payment',   'ECS Card Advance Payment', 1, 3),
  (4, 'assessment_credit', 'ECS online HS&E assessment credit', 1, 4);

-- The price of a product from a date (the row with the latest effective_from
-- <= the day). Gross = net_pence + vat_pence.
CREATE TABLE prices (
  id              INT UNSIGNED NOT NULL AUTO_INCREMENT,
  product_id      SMALLINT UNSIGNED NOT NULL,
  effective_from  DATE NOT NULL,
  net_pence       INT UNSIGNED NOT NULL,
  vat_pence       INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_prices_product_from (product_id, effective_from),
  CONSTRAINT fk_prices_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Advance payment credits carry no VAT when bought (project choice: VAT is
-- charged on the card purchases they later pay for).
INSERT INTO prices (product_id, effective_from, net_pence, vat_pence) VALUES
  (1, '2020-01-01',  4500, 900),
  (2, '2020-01-01',  3000, 600),
  (3, '2020-01-01', 25000,   0),
  (4, '2020-01-01',  3500, 700);
