-- 0006: the dashboard's counts kept ready.
-- Counting on every view costs about a millisecond of database time; the dashboard is the most
-- viewed page. So the counts of each (company, group, office) scope are stored once computed,
-- with the company's generation at that moment. Every change to what they count bumps the
-- company's generation (triggers below), which makes the stored counts stale; so does a new
-- day (expiry windows and "completed within three months" move with the date).
-- A reader computes the counts and reads the generation in one statement, so counts stored
-- while a change commits carry the old generation and are never served.

CREATE TABLE dashboard_generations (
  company_id  INT UNSIGNED    NOT NULL,
  generation  BIGINT UNSIGNED NOT NULL DEFAULT 1,
  PRIMARY KEY (company_id),
  CONSTRAINT fk_dashboard_generations_company FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO dashboard_generations (company_id) SELECT id FROM companies;

CREATE TABLE dashboard_counts (
  company_id        INT UNSIGNED    NOT NULL,
  group_id          INT UNSIGNED    NOT NULL,   -- 0 unless a group-level scope
  office_id         INT UNSIGNED    NOT NULL,   -- 0 unless an office-level scope
  expiring_days     INT UNSIGNED    NOT NULL,
  generation        BIGINT UNSIGNED NOT NULL,
  computed_on       DATE            NOT NULL,
  employees         INT UNSIGNED    NOT NULL,
  expiring          INT UNSIGNED    NOT NULL,
  apps_attention    INT UNSIGNED    NOT NULL,
  apps_produced     INT UNSIGNED    NOT NULL,
  apps_completed    INT UNSIGNED    NOT NULL,
  orders_attention  INT UNSIGNED    NOT NULL,
  funds_pence       BIGINT          NOT NULL,
  PRIMARY KEY (company_id, group_id, office_id),
  CONSTRAINT fk_dashboard_counts_company FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER trg_companies_dashboard AFTER INSERT ON companies FOR EACH ROW
  INSERT INTO dashboard_generations (company_id) VALUES (NEW.id);

CREATE TRIGGER trg_employments_dashboard_insert AFTER INSERT ON employments FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1 WHERE company_id = NEW.company_id;
CREATE TRIGGER trg_employments_dashboard_update AFTER UPDATE ON employments FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1
   WHERE company_id IN (NEW.company_id, OLD.company_id);

CREATE TRIGGER trg_applications_dashboard_insert AFTER INSERT ON applications FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1 WHERE company_id = NEW.company_id;
CREATE TRIGGER trg_applications_dashboard_update AFTER UPDATE ON applications FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1
   WHERE company_id IN (NEW.company_id, OLD.company_id);
CREATE TRIGGER trg_applications_dashboard_delete AFTER DELETE ON applications FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1 WHERE company_id = OLD.company_id;

CREATE TRIGGER trg_orders_dashboard_insert AFTER INSERT ON orders FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1 WHERE company_id = NEW.company_id;
CREATE TRIGGER trg_orders_dashboard_update AFTER UPDATE ON orders FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1
   WHERE company_id IN (NEW.company_id, OLD.company_id);
CREATE TRIGGER trg_orders_dashboard_delete AFTER DELETE ON orders FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1 WHERE company_id = OLD.company_id;

CREATE TRIGGER trg_funds_dashboard_insert AFTER INSERT ON company_funds FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1 WHERE company_id = NEW.company_id;
CREATE TRIGGER trg_funds_dashboard_update AFTER UPDATE ON company_funds FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1 WHERE company_id = NEW.company_id;

-- An office moving to another group changes what a group-level user counts.
CREATE TRIGGER trg_offices_dashboard_update AFTER UPDATE ON offices FOR EACH ROW
  UPDATE dashboard_generations SET generation = generation + 1 WHERE company_id = NEW.company_id;
