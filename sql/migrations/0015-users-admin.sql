-- 0015: Administer Users, My account and two-step sign-in.
--   * A session is 'code' between a correct password and a correct second-step code: it carries
--     no permissions and opens only the code page.
--   * A TOTP secret waits in totp_pending until confirmed with a code; totp_last_step is the
--     last time step accepted, so a code is never accepted twice.
--   * One-time links to set a password: only their SHA-256 is stored; single use, 24 hours.
--   * Recovery codes: only their SHA-256 is stored; each is used once.
ALTER TABLE sessions
  ADD COLUMN stage ENUM('full','code') NOT NULL DEFAULT 'full' AFTER csrf;

ALTER TABLE users
  ADD COLUMN totp_pending VARCHAR(64) NULL AFTER totp_secret,
  ADD COLUMN totp_last_step BIGINT NULL AFTER totp_pending;

ALTER TABLE memberships
  ADD COLUMN removed_at DATETIME(6) NULL AFTER status,
  ADD KEY ix_memberships_company_id (company_id, id);

CREATE TABLE password_links (
  token_hash  BINARY(32)   NOT NULL,
  user_id     INT UNSIGNED NOT NULL,
  company_id  INT UNSIGNED NOT NULL,
  created_by  INT UNSIGNED NOT NULL,
  purpose     ENUM('new','reset') NOT NULL,
  created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  expires_at  DATETIME(6)  NOT NULL,
  used_at     DATETIME(6)  NULL,
  PRIMARY KEY (token_hash),
  KEY ix_password_links_user (user_id),
  CONSTRAINT fk_password_links_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_password_links_company FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE recovery_codes (
  user_id    INT UNSIGNED NOT NULL,
  code_hash  BINARY(32)   NOT NULL,
  used_at    DATETIME(6)  NULL,
  PRIMARY KEY (user_id, code_hash),
  CONSTRAINT fk_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
