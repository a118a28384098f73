-- 0010: endorsements an application may need (guide appendix: "Can Endorse Change in Grading",
-- "Can Endorse Qualified Supervisor Status"): who endorsed and when. A change in grading is a
-- grade other than the one on the operative's current card of the same type; qualified
-- supervisor status is endorsed when the application asks for it.
ALTER TABLE applications
  ADD COLUMN qs_requested        TINYINT(1)   NOT NULL DEFAULT 0 AFTER grade_id,
  ADD COLUMN grading_endorsed_by INT UNSIGNED NULL AFTER qs_requested,
  ADD COLUMN grading_endorsed_at DATETIME(6)  NULL AFTER grading_endorsed_by,
  ADD COLUMN qs_endorsed_by      INT UNSIGNED NULL AFTER grading_endorsed_at,
  ADD COLUMN qs_endorsed_at      DATETIME(6)  NULL AFTER qs_endorsed_by,
  ADD CONSTRAINT fk_applications_grading_endorsed_by FOREIGN KEY (grading_endorsed_by) REFERENCES users (id),
  ADD CONSTRAINT fk_applications_qs_endorsed_by FOREIGN KEY (qs_endorsed_by) REFERENCES users (id);
