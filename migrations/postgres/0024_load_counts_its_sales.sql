-- Issue 15: the bulk load (src/store/postgres_load.rs) counts its own batch into sales_by_day.
--
-- The statement trigger of 0019 joins the batch's lines to receipts to learn each line's store,
-- day and currency. For a COPY of ~2,600 lines the planner chose a merge join over the whole
-- receipts primary key (464 ms per batch at 200,000 receipts, growing with the table): half of
-- the server's CPU of an import. The load already holds those values for every line, so inside
-- its batch's transaction it sets `returndesk.load_counts_sales` (SET LOCAL: that transaction
-- only, gone at commit or rollback) and upserts the same aggregate itself, from its own rows,
-- in the same order. Every other writer (a desk's exchange, the per-receipt import) never sets
-- it and is counted by the trigger as before.
CREATE OR REPLACE FUNCTION receipt_lines_count_sales() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('returndesk.load_counts_sales', true) = 'on' THEN
        RETURN NULL;
    END IF;
    INSERT INTO sales_by_day (store_code, day, sku, currency, category, brand, units, net_value)
    SELECT r.store_code, r.purchased_at::date, n.sku, r.currency, MIN(n.category), MIN(n.brand),
           SUM(n.qty), SUM(n.qty * n.unit_price - n.discount)
    FROM new_lines n JOIN receipts r ON r.id = n.receipt_id
    GROUP BY r.store_code, r.purchased_at::date, n.sku, r.currency
    -- one order for every writer, so two imports upserting the same rows do not deadlock
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (store_code, day, sku, currency)
    DO UPDATE SET units = sales_by_day.units + excluded.units, net_value = sales_by_day.net_value + excluded.net_value;
    RETURN NULL;
END $$;
