-- 0022: TOTP secrets are stored sealed with the configuration's data-key (req_seal_stored:
-- "k1." and base64url of nonce, box and MAC: 99 characters for a 32-character base32 secret),
-- so a copy of the database alone does not give anyone a user's second sign-in step. Secrets
-- stored before (plain base32) are still read as they are.
ALTER TABLE users
  MODIFY totp_secret VARCHAR(160) NULL,
  MODIFY totp_pending VARCHAR(160) NULL;
