-- Issue 15: the SQLite bulk load (src/store/sqlite_load.rs) counts its own batch into
-- sales_by_day and sales_by_month, as PostgreSQL's load has done since its migration 0024.
--
-- Through the row triggers of 0019 and 0029 every loaded line upserted its day, and each day
-- its month: two nested statements per line, each with its statement journal. That was half of
-- an import's time (200,000 receipts: 14,000 lines/s with the triggers, 26,000–30,000 without).
-- The load adds up its batch in memory and writes each day and each month once.
--
-- While the load's transaction holds a row in bulk_load_counts_sales, the three triggers stand
-- aside. The load writes that row first and deletes it before it commits, so it is never
-- committed: SQLite has one writer, and no other connection ever sees it. Every other writer
-- (a desk's exchange, a receipt written by hand) is counted by the triggers exactly as before.
CREATE TABLE bulk_load_counts_sales (
    one INTEGER PRIMARY KEY CHECK (one = 1)
) STRICT;

DROP TRIGGER receipt_lines_count_sales;
CREATE TRIGGER receipt_lines_count_sales AFTER INSERT ON receipt_lines
WHEN NOT EXISTS (SELECT 1 FROM bulk_load_counts_sales)
BEGIN
    INSERT INTO sales_by_day (store_code, day, sku, currency, category, brand, units, net_value)
    SELECT r.store_code, substr(r.purchased_at, 1, 10), NEW.sku, r.currency, NEW.category, NEW.brand,
           NEW.qty, NEW.qty * NEW.unit_price - NEW.discount
    FROM receipts r WHERE r.id = NEW.receipt_id
    ON CONFLICT (store_code, day, sku, currency)
    DO UPDATE SET units = units + excluded.units, net_value = net_value + excluded.net_value;
END;

DROP TRIGGER sales_by_day_counts_months;
CREATE TRIGGER sales_by_day_counts_months AFTER INSERT ON sales_by_day
WHEN NOT EXISTS (SELECT 1 FROM bulk_load_counts_sales)
BEGIN
    INSERT INTO sales_by_month (store_code, month, sku, currency, category, brand, units, net_value)
    VALUES (NEW.store_code, substr(NEW.day, 1, 8) || '01', NEW.sku, NEW.currency, NEW.category, NEW.brand, NEW.units, NEW.net_value)
    ON CONFLICT (store_code, month, sku, currency)
    DO UPDATE SET units = units + excluded.units, net_value = net_value + excluded.net_value,
                  category = MIN(category, excluded.category), brand = MIN(brand, excluded.brand);
END;

DROP TRIGGER sales_by_day_recounts_months;
CREATE TRIGGER sales_by_day_recounts_months AFTER UPDATE OF units, net_value ON sales_by_day
WHEN NOT EXISTS (SELECT 1 FROM bulk_load_counts_sales)
BEGIN
    UPDATE sales_by_month
       SET units = units + NEW.units - OLD.units, net_value = net_value + NEW.net_value - OLD.net_value
     WHERE store_code = NEW.store_code AND month = substr(NEW.day, 1, 8) || '01' AND sku = NEW.sku AND currency = NEW.currency;
END;
