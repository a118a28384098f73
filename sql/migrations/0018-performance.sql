-- 0018: indexes for the main pages at scale (found with EXPLAIN against
-- `portalctl generate`'s data set: a company of 5,000 employees, 80,000 applications).

-- An employee's applications at this company, by state: Current Employees counts each row's
-- applications in progress, With Cards Expiring Soon asks for a renewal, the employee's page
-- lists them. Through (company_id, state) these scanned every application of a large
-- company in that state, once per row of the page.
ALTER TABLE applications
  ADD KEY ix_applications_operative_company (operative_id, company_id, state),
-- The Applications tab's lists, newest first within a state: read in index order and
-- stopped at the limit instead of sorting every application of the state.
  ADD KEY ix_applications_company_state_created (company_id, state, created_at),
  ADD KEY ix_applications_company_state_updated (company_id, state, updated_at),
  ADD KEY ix_applications_company_state_finalised (company_id, state, finalised_at);
