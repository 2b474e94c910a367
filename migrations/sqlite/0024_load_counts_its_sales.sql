-- Issue 15: on PostgreSQL the bulk load counts its own batch into sales_by_day instead of the
-- statement trigger (see migrations/postgres/0024_load_counts_its_sales.sql). SQLite's trigger
-- is a row trigger (one indexed upsert per line, no join plan to go wrong) and its bulk path is
-- unchanged: nothing to do here; the file keeps the two folders numbered alike.
SELECT 1;
