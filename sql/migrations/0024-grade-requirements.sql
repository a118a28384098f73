-- 0024: what a JIB grade needs beside the occupation's requirements (REFERENCE: "Approved
-- Electrician and Technician need an inspection and testing qualification on top of the
-- electrician's"), so step 3's "What this application needs" and the hold reason at
-- finalising check the grade too. Every row of a grade is needed (no options).
CREATE TABLE grade_requirements (
  grade_id            TINYINT UNSIGNED NOT NULL,
  qualification_kind  VARCHAR(32) NOT NULL,
  PRIMARY KEY (grade_id, qualification_kind),
  CONSTRAINT fk_gr_grade FOREIGN KEY (grade_id) REFERENCES grades (id),
  CONSTRAINT fk_gr_kind FOREIGN KEY (qualification_kind) REFERENCES qualification_kinds (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO grade_requirements (grade_id, qualification_kind)
SELECT g.id, k.code FROM grades g
  JOIN qualification_kinds k ON k.code IN ('level3_electrotechnical', 'am2', 'bs7671', 'inspection_testing')
 WHERE g.code IN ('approved_electrician', 'technician_electrician');
