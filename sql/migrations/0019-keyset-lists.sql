-- 0019: the Applications tab's lists as keyset pages of 50 (modules/applications/lists.c).
-- A page's applications are picked from these indexes alone; the user's level is checked on
-- office_id, so it is carried in each index too, after id (the pages are ordered by time,
-- then id). Without it every application of the state was read from the table (two pages a
-- row) to test the office, before the page was cut.
ALTER TABLE applications
  DROP KEY ix_applications_company_state_created,
  DROP KEY ix_applications_company_state_updated,
  DROP KEY ix_applications_company_state_finalised,
  DROP KEY ix_applications_company_completed,
  ADD KEY ix_applications_company_state_created (company_id, state, created_at, id, office_id),
  ADD KEY ix_applications_company_state_updated (company_id, state, updated_at, id, office_id),
  ADD KEY ix_applications_company_state_finalised (company_id, state, finalised_at, id, office_id),
  ADD KEY ix_applications_company_completed (company_id, state, completed_at, id, office_id);
