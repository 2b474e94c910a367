-- Issue 15: sales_by_day and sales_by_month no longer check their store against `stores` row
-- by row. Every row of theirs is added up from receipts, and a receipt's store is checked by
-- receipts' own key (receipts_store_code_fkey), which also keeps that store from being removed.
-- The check cost a lookup per summary row written, in the import's most costly statement (its
-- batch's upsert into sales_by_day, which upserts sales_by_month through 0029's trigger): at
-- 40,000 receipts that statement's server time went from 5.2 to 3.6 s without the two checks
-- (PostgreSQL's log, 40 batches).
ALTER TABLE sales_by_day DROP CONSTRAINT sales_by_day_store_code_fkey;
ALTER TABLE sales_by_month DROP CONSTRAINT sales_by_month_store_code_fkey;
