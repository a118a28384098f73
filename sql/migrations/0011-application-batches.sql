-- 0011: applications started together (one Choose Application Types form) share the id of the
-- first of them, so finalising one leads on to the next candidate in turn (guide 1.3).
ALTER TABLE applications
  ADD COLUMN batch_id INT UNSIGNED NULL AFTER created_by,
  ADD KEY ix_applications_batch (batch_id, state);
