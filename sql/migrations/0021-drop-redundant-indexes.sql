-- 0021: two indexes that later ones made redundant, dropped so every write to applications
-- and orders keeps two indexes fewer. Each is a prefix of a wider index: the dashboard's counts
-- by (company, state) read ix_applications_company_state_created (company, state, created_at,
-- id, office_id; 0019) as a covering index instead, and ix_orders_company_state_created
-- (company, state, created_at, id) for orders: the same range scan, the same rows (checked with
-- EXPLAIN on the generated data set). Every foreign key keeps an index that starts with its
-- columns.
ALTER TABLE applications DROP KEY ix_applications_company_state;
ALTER TABLE orders DROP KEY ix_orders_company_state;
