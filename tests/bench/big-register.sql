-- Bench data: a register of @REGISTER@ more operatives (NI numbers ZW000000A up), most with a
-- card of a spread of expiry dates, and @EMPLOYEES@ of them employed by company @COMPANY@
-- (at its office @OFFICE@). Loaded by tests/bench/employees.sh into the bench stack only.
CREATE TABLE bench_digits (d INT NOT NULL PRIMARY KEY);
INSERT INTO bench_digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
CREATE TABLE bench_seq (n INT NOT NULL PRIMARY KEY);
INSERT INTO bench_seq (n)
  SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + 100000 * f.d
    FROM bench_digits a, bench_digits b, bench_digits c, bench_digits d, bench_digits e, bench_digits f
   WHERE a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + 100000 * f.d < @REGISTER@;

INSERT INTO operatives (ni_number, date_of_birth, first_name, last_name, gender)
  SELECT CONCAT('ZW', LPAD(n, 6, '0'), 'A'),
         DATE '1960-01-01' + INTERVAL (n % 14000) DAY,
         ELT(1 + n % 12, 'James', 'Oliver', 'Harry', 'Jack', 'George', 'Noah', 'Amelia',
             'Olivia', 'Isla', 'Emily', 'Ava', 'Mia'),
         ELT(1 + (n DIV 12) % 24, 'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson',
             'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White',
             'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan', 'Lewis', 'Hill'),
         'not_stated'
    FROM bench_seq;

-- Card numbers 4000000 + n with their check digit; those whose check would be 10 get none.
INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, issued_on, expires_on, status)
  SELECT CONCAT(b.base, b.chk), o.id, (SELECT MIN(id) FROM card_types),
         (SELECT MIN(id) FROM occupations),
         CURDATE() + INTERVAL (s.n % 1300) - 300 DAY - INTERVAL 3 YEAR,
         CURDATE() + INTERVAL (s.n % 1300) - 300 DAY,
         IF(s.n % 1300 < 300, 'expired', 'valid')
    FROM bench_seq s
    JOIN operatives o ON o.ni_number = CONCAT('ZW', LPAD(s.n, 6, '0'), 'A')
    JOIN (SELECT n, CAST(4000000 + n AS CHAR) AS base,
                 (11 - (8 * SUBSTRING(4000000 + n, 1, 1) + 7 * SUBSTRING(4000000 + n, 2, 1)
                      + 6 * SUBSTRING(4000000 + n, 3, 1) + 5 * SUBSTRING(4000000 + n, 4, 1)
                      + 4 * SUBSTRING(4000000 + n, 5, 1) + 3 * SUBSTRING(4000000 + n, 6, 1)
                      + 2 * SUBSTRING(4000000 + n, 7, 1)) % 11) % 11 AS chk
            FROM bench_seq) b ON b.n = s.n
   WHERE b.chk < 10 AND s.n % 10 <> 9;

INSERT INTO employments (operative_id, company_id, office_id, started_on)
  SELECT o.id, @COMPANY@, @OFFICE@, CURDATE() - INTERVAL (s.n % 3000) DAY
    FROM bench_seq s JOIN operatives o ON o.ni_number = CONCAT('ZW', LPAD(s.n, 6, '0'), 'A')
   WHERE s.n < @EMPLOYEES@;

DROP TABLE bench_seq;
DROP TABLE bench_digits;
