-- 0013: the company's audit log is read newest first, a page at a time (keyset on id).
ALTER TABLE audit_log ADD KEY ix_audit_log_company_id (company_id, id);
