-- 0023: a certificate read from an uploaded file (step 2's auto-detection) keeps the file
-- beside the verified certificate, so the application shows what was uploaded: a row of
-- evidence has a certificate, a document, or both (it had to be exactly one).
ALTER TABLE application_evidence
  DROP CONSTRAINT ck_application_evidence_one,
  ADD CONSTRAINT ck_application_evidence_some CHECK (certificate_id IS NOT NULL OR document_id IS NOT NULL);
