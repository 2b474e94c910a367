-- Every integer column becomes bigint, as SQLite's INTEGER is: the store's queries are written
-- once for both backends and read every count, line number and quantity as i64.
ALTER TABLE users ALTER COLUMN failed_attempts TYPE bigint;
ALTER TABLE policy_versions ALTER COLUMN version TYPE bigint;
ALTER TABLE receipt_lines ALTER COLUMN line TYPE bigint, ALTER COLUMN qty TYPE bigint;
ALTER TABLE receipt_tenders ALTER COLUMN seq TYPE bigint;
ALTER TABLE receipt_line_serials ALTER COLUMN line TYPE bigint, ALTER COLUMN position TYPE bigint;
ALTER TABLE return_lines ALTER COLUMN line_no TYPE bigint, ALTER COLUMN receipt_line TYPE bigint,
  ALTER COLUMN qty TYPE bigint, ALTER COLUMN returned_qty TYPE bigint;
ALTER TABLE return_refunds ALTER COLUMN seq TYPE bigint;
ALTER TABLE approvals ALTER COLUMN receipt_line TYPE bigint;
ALTER TABLE warranty_claims ALTER COLUMN receipt_line TYPE bigint;
