-- 0001-core: companies and their structure, users, memberships, permissions,
-- sessions and the audit log.
--
-- Conventions for every migration:
--   * InnoDB, utf8mb4 / utf8mb4_unicode_ci, stated on each table.
--   * Times are DATETIME(6) in UTC (the portal sets time_zone = '+00:00').
--   * Company data carries company_id. Child rows that point at a group or an
--     office do so through a composite key (company_id, group_id|office_id), so
--     a row can never name another company's group or office.
--   * No cascades on company data; history is kept, rows are ended, not deleted.

CREATE TABLE companies (
  id              INT UNSIGNED NOT NULL AUTO_INCREMENT,
  name            VARCHAR(200) NOT NULL,
  company_number  VARCHAR(20)  NOT NULL,
  address_line1   VARCHAR(150) NOT NULL DEFAULT '',
  address_line2   VARCHAR(150) NOT NULL DEFAULT '',
  town            VARCHAR(100) NOT NULL DEFAULT '',
  postcode        VARCHAR(10)  NOT NULL DEFAULT '',
  phone           VARCHAR(40)  NOT NULL DEFAULT '',
  email           VARCHAR(254) NOT NULL DEFAULT '',
  status          ENUM('active','suspended') NOT NULL DEFAULT 'active',
  require_2fa     TINYINT(1)   NOT NULL DEFAULT 0,
  created_at      DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_companies_number (company_number),
  KEY ix_companies_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE company_groups (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT,
  company_id  INT UNSIGNED NOT NULL,
  name        VARCHAR(100) NOT NULL,
  created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_company_groups_name (company_id, name),
  UNIQUE KEY uq_company_groups_company_id (company_id, id),
  CONSTRAINT fk_company_groups_company FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An office belongs to one group, or directly to the company (group_id NULL).
CREATE TABLE offices (
  id             INT UNSIGNED NOT NULL AUTO_INCREMENT,
  company_id     INT UNSIGNED NOT NULL,
  group_id       INT UNSIGNED NULL,
  name           VARCHAR(150) NOT NULL,
  address_line1  VARCHAR(150) NOT NULL DEFAULT '',
  address_line2  VARCHAR(150) NOT NULL DEFAULT '',
  town           VARCHAR(100) NOT NULL DEFAULT '',
  postcode       VARCHAR(10)  NOT NULL DEFAULT '',
  phone          VARCHAR(40)  NOT NULL DEFAULT '',
  email          VARCHAR(254) NOT NULL DEFAULT '',
  contact_name   VARCHAR(150) NOT NULL DEFAULT '',
  created_at     DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_offices_name (company_id, name),
  UNIQUE KEY uq_offices_company_id (company_id, id),
  KEY ix_offices_company_group (company_id, group_id),
  CONSTRAINT fk_offices_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_offices_group FOREIGN KEY (company_id, group_id)
    REFERENCES company_groups (company_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A person who signs in. The email is unique across the portal.
CREATE TABLE users (
  id                   INT UNSIGNED NOT NULL AUTO_INCREMENT,
  email                VARCHAR(254) NOT NULL,
  title                VARCHAR(20)  NOT NULL DEFAULT '',
  first_name           VARCHAR(100) NOT NULL,
  last_name            VARCHAR(100) NOT NULL,
  phone                VARCHAR(40)  NOT NULL DEFAULT '',
  password_hash        VARCHAR(255) NULL,
  totp_secret          VARCHAR(64)  NULL,
  status               ENUM('active','locked','removed') NOT NULL DEFAULT 'active',
  failed_logins        INT          NOT NULL DEFAULT 0,
  failed_window_start  DATETIME(6)  NULL,
  locked_until         DATETIME(6)  NULL,
  last_login_at        DATETIME(6)  NULL,
  created_at           DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_users_email (email),
  KEY ix_users_name (last_name, first_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A user's place in one company: the level acted at and the permission bit set
-- (bits in HACKING.md and the permissions table; all 23 = 8388607).
--   level 'company': group_id and office_id NULL
--   level 'group'  : group_id set, office_id NULL
--   level 'office' : office_id set (group_id NULL)
CREATE TABLE memberships (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id      INT UNSIGNED NOT NULL,
  company_id   INT UNSIGNED NOT NULL,
  level        ENUM('company','group','office') NOT NULL,
  group_id     INT UNSIGNED NULL,
  office_id    INT UNSIGNED NULL,
  permissions  BIGINT UNSIGNED NOT NULL DEFAULT 0,
  status       ENUM('active','removed') NOT NULL DEFAULT 'active',
  created_at   DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_memberships_user_company (user_id, company_id),
  KEY ix_memberships_company (company_id, status),
  CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_memberships_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_memberships_group FOREIGN KEY (company_id, group_id)
    REFERENCES company_groups (company_id, id),
  CONSTRAINT fk_memberships_office FOREIGN KEY (company_id, office_id)
    REFERENCES offices (company_id, id),
  CONSTRAINT ck_memberships_level CHECK (
       (level = 'company' AND group_id IS NULL AND office_id IS NULL)
    OR (level = 'group'   AND group_id IS NOT NULL AND office_id IS NULL)
    OR (level = 'office'  AND office_id IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The 23 granular permissions; bit numbers are fixed (fcgi/perm.h agrees).
CREATE TABLE permissions (
  bit   TINYINT UNSIGNED NOT NULL,
  code  VARCHAR(64)  NOT NULL,
  name  VARCHAR(100) NOT NULL,
  PRIMARY KEY (bit),
  UNIQUE KEY uq_permissions_code (code),
  CONSTRAINT ck_permissions_bit CHECK (bit < 63)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO permissions (bit, code, name) VALUES
  ( 0, 'view_employees',              'Can View Employees'),
  ( 1, 'add_employees',               'Can Add Employees'),
  ( 2, 'remove_employees',            'Can Remove Employees'),
  ( 3, 'change_employee_details',     'Can Change Employee Details'),
  ( 4, 'view_card_applications',      'Can View Card Applications'),
  ( 5, 'fill_in_applications',        'Can Fill In Applications'),
  ( 6, 'endorse_change_in_grading',   'Can Endorse Change in Grading'),
  ( 7, 'endorse_qualified_supervisor','Can Endorse Qualified Supervisor Status'),
  ( 8, 'view_purchases',              'Can View Purchases'),
  ( 9, 'create_new_purchases',        'Can Create New Purchases'),
  (10, 'add_to_existing_purchases',   'Can Add to Existing Purchases'),
  (11, 'complete_card_purchases',     'Can Complete Card Purchases'),
  (12, 'use_funds',                   'Can Use Funds'),
  (13, 'add_users',                   'Can Add Users'),
  (14, 'remove_users',                'Can Remove Users'),
  (15, 'change_user_permissions',     'Can Change User Permissions'),
  (16, 'reset_user_passwords',        'Can Reset User Passwords'),
  (17, 'create_company_groups',       'Can Create Company Groups'),
  (18, 'edit_employer_details',       'Can Edit Employer Details'),
  (19, 'create_contracts_as_client',  'Can Create Contracts as Client'),
  (20, 'add_subcontractors',          'Can Add Subcontractors'),
  (21, 'add_remove_contract_workers', 'Can Add/Remove Contract Workers'),
  (22, 'view_contract_details',       'Can View Contract Details');

-- The guide's permission bundles (appendix) and the bits each grants.
CREATE TABLE permission_bundles (
  code         VARCHAR(64)  NOT NULL,
  name         VARCHAR(100) NOT NULL,
  description  VARCHAR(255) NOT NULL DEFAULT '',
  sort         TINYINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (code),
  UNIQUE KEY uq_permission_bundles_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE permission_bundle_members (
  bundle_code  VARCHAR(64) NOT NULL,
  bit          TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (bundle_code, bit),
  KEY ix_permission_bundle_members_bit (bit),
  CONSTRAINT fk_pbm_bundle FOREIGN KEY (bundle_code) REFERENCES permission_bundles (code),
  CONSTRAINT fk_pbm_bit FOREIGN KEY (bit) REFERENCES permissions (bit)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO permission_bundles (code, name, description, sort) VALUES
  ('full_employee_access', 'Full Employee Access',
   'user can view, add, and leave employees and change employee details', 1),
  ('full_purchasing_access', 'Full Purchasing Access',
   'user can view purchases, create new purchases, add to existing purchases, and complete purchases', 2),
  ('full_applications_access', 'Full Applications Access',
   'user can view, fill in and finalise card applications', 3),
  ('full_applications_endorsement_access', 'Full Applications Endorsement Access',
   'user can endorse change in grading and endorse qualified supervisor status', 4),
  ('full_user_admin_access', 'Full User Admin Access',
   'user can add and remove users, change user permissions, and reset user passwords', 5),
  ('full_general_admin_access', 'Full General Admin Access',
   'user can create company groups and can edit employer details', 6);

-- Masks: employee 15, purchasing 3840, applications 48, endorsement 192,
-- user admin 122880, general admin 393216.
INSERT INTO permission_bundle_members (bundle_code, bit) VALUES
  ('full_employee_access', 0), ('full_employee_access', 1),
  ('full_employee_access', 2), ('full_employee_access', 3),
  ('full_purchasing_access', 8), ('full_purchasing_access', 9),
  ('full_purchasing_access', 10), ('full_purchasing_access', 11),
  ('full_applications_access', 4), ('full_applications_access', 5),
  ('full_applications_endorsement_access', 6), ('full_applications_endorsement_access', 7),
  ('full_user_admin_access', 13), ('full_user_admin_access', 14),
  ('full_user_admin_access', 15), ('full_user_admin_access', 16),
  ('full_general_admin_access', 17), ('full_general_admin_access', 18);

-- A signed-in session. Only the SHA-256 of the cookie's id is stored.
-- company_id is the company acted for (NULL only while a user who belongs to
-- several companies has not yet chosen one).
CREATE TABLE sessions (
  id_hash       BINARY(32)   NOT NULL,
  user_id       INT UNSIGNED NOT NULL,
  company_id    INT UNSIGNED NULL,
  csrf          CHAR(64)     NOT NULL,
  created_at    DATETIME(6)  NOT NULL,
  last_seen_at  DATETIME(6)  NOT NULL,
  ip            VARCHAR(45)  NOT NULL DEFAULT '',
  PRIMARY KEY (id_hash),
  KEY ix_sessions_user (user_id),
  KEY ix_sessions_last_seen (last_seen_at),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_sessions_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what, when. No foreign keys: the history outlives what it names.
CREATE TABLE audit_log (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  at           DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  company_id   INT UNSIGNED NULL,
  user_id      INT UNSIGNED NULL,
  ip           VARCHAR(45)  NOT NULL DEFAULT '',
  action       VARCHAR(64)  NOT NULL,
  object_kind  VARCHAR(32)  NOT NULL DEFAULT '',
  object_id    VARCHAR(64)  NOT NULL DEFAULT '',
  detail       VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY ix_audit_company_at (company_id, at),
  KEY ix_audit_user_at (user_id, at),
  KEY ix_audit_action_at (action, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
