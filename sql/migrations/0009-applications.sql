-- 0009: card applications' photos, documents, evidence and additional occupations.
-- Photos and documents live in MariaDB (any host of a multi-host deployment serves them; never
-- a web-served directory), with their SHA-256; each belongs to the company that uploaded it and
-- is served only to that company's users.

CREATE TABLE documents (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  company_id    INT UNSIGNED    NOT NULL,
  operative_id  INT UNSIGNED    NOT NULL,
  kind          ENUM('photo','qualification','exemption') NOT NULL,
  media_type    VARCHAR(64)     NOT NULL,
  size_bytes    INT UNSIGNED    NOT NULL,
  sha256        CHAR(64)        NOT NULL,
  width         SMALLINT UNSIGNED NULL,
  height        SMALLINT UNSIGNED NULL,
  bytes         MEDIUMBLOB      NOT NULL,
  thumb         MEDIUMBLOB      NULL,
  review_state  ENUM('none','manual_review','verified','rejected') NOT NULL DEFAULT 'none',
  uploaded_by   INT UNSIGNED    NULL,
  created_at    DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  KEY ix_documents_owner (company_id, operative_id, kind, created_at),
  KEY ix_documents_sha256 (sha256),
  CONSTRAINT fk_documents_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_documents_operative FOREIGN KEY (operative_id) REFERENCES operatives (id),
  CONSTRAINT fk_documents_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE applications
  ADD COLUMN photo_document_id BIGINT UNSIGNED NULL AFTER delivery_office_id,
  ADD CONSTRAINT fk_applications_photo FOREIGN KEY (photo_document_id) REFERENCES documents (id);

-- What an application offers as evidence: a certificate found in an awarding body's register
-- (verified), or an uploaded document kept for the scheme's manual review.
CREATE TABLE application_evidence (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  application_id  INT UNSIGNED    NOT NULL,
  certificate_id  INT UNSIGNED    NULL,
  document_id     BIGINT UNSIGNED NULL,
  status          ENUM('verified','manual_review') NOT NULL,
  created_at      DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_application_evidence_certificate (application_id, certificate_id),
  KEY ix_application_evidence_document (document_id),
  CONSTRAINT fk_application_evidence_application FOREIGN KEY (application_id) REFERENCES applications (id),
  CONSTRAINT fk_application_evidence_certificate FOREIGN KEY (certificate_id) REFERENCES certificates (id),
  CONSTRAINT fk_application_evidence_document FOREIGN KEY (document_id) REFERENCES documents (id),
  CONSTRAINT ck_application_evidence_one CHECK ((certificate_id IS NULL) <> (document_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE application_additional_occupations (
  application_id  INT UNSIGNED      NOT NULL,
  occupation_id   SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (application_id, occupation_id),
  CONSTRAINT fk_aao_application FOREIGN KEY (application_id) REFERENCES applications (id),
  CONSTRAINT fk_aao_occupation FOREIGN KEY (occupation_id) REFERENCES occupations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
