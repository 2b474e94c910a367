-- Issue 15: a statement that counts sales takes its days and then its months, each in one order,
-- so two writers never wait on each other in a circle.
--
-- Until now sales_by_month was kept from sales_by_day by two statement triggers (0029): one for
-- the day rows an upsert opened (AFTER INSERT), one for the day rows it added to (AFTER UPDATE).
-- An upsert that did both upserted months twice, in two ordered passes. Two batches of an import
-- (or an import and a desk) crossing on one month deadlocked: for product P batch A added to a
-- day that existed while batch B opened a new day of the same month, for product Q the other
-- way round; A's first pass took P's month and its second wanted Q's, B's first pass took Q's
-- and its second wanted P's. PostgreSQL broke the circle by failing one batch
-- (tests/chain_import.rs, batches_crossing_on_a_month_never_deadlock: a deadlock within ten
-- pairs before this migration).
--
-- Now every writer of sales_by_day runs count_sales below, which upserts its months in the same
-- statement, from the day rows its upsert returns: one pass over the days (in their key order),
-- then one over the months (in theirs), the months only once every day is done (they are grouped and sorted from all of
-- them). A month's category and brand are still the least of its days' (a day keeps the
-- category of the line that opened it; a month already holds the least of the days it had, so
-- taking them again changes nothing); its units and value grow by what the statement added.
-- The writers: receipt_lines' statement trigger (0019, 0024) below; the bulk load's own upsert
-- (src/store/postgres_load.rs); and a desk's exchange, which writes its new sale a line at a
-- time and so would run the trigger once a line (a day, its month, the next day: a month held
-- while a day is asked for, the circle again). It sets `returndesk.load_counts_sales` for its
-- lines and then counts the whole receipt at once with count_sales_of_receipt (count_sales)
-- (store::sql::Tx::count_sales_of).
DROP TRIGGER sales_by_day_counts_months ON sales_by_day;
DROP TRIGGER sales_by_day_recounts_months ON sales_by_day;
DROP FUNCTION sales_by_day_counts_months();

-- Sales counted into the summaries, one row per store × day × SKU × currency (no key twice):
-- the one statement every writer runs. Its days first, in key order, returning the day rows
-- as they stand (a day keeps the category of the line that opened it); then, grouped and
-- sorted from all of those, its months, in key order.
CREATE FUNCTION count_sales(store_code text[], day date[], sku text[], currency text[], category text[],
                            brand text[], units bigint[], net_value numeric[]) RETURNS void LANGUAGE sql AS $$
    WITH added AS (
        SELECT * FROM UNNEST(store_code, day, sku, currency, category, brand, units, net_value)
             AS n (store_code, day, sku, currency, category, brand, units, net_value)
    ), days AS (
        INSERT INTO sales_by_day (store_code, day, sku, currency, category, brand, units, net_value)
        SELECT * FROM added
        -- one order for every writer, so two imports upserting the same rows do not deadlock
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (store_code, day, sku, currency)
        DO UPDATE SET units = sales_by_day.units + excluded.units, net_value = sales_by_day.net_value + excluded.net_value
        RETURNING store_code, day, sku, currency, category, brand
    )
    INSERT INTO sales_by_month (store_code, month, sku, currency, category, brand, units, net_value)
    SELECT d.store_code, CAST(date_trunc('month', CAST(d.day AS timestamp)) AS date), d.sku, d.currency,
           MIN(d.category), MIN(d.brand), SUM(a.units), SUM(a.net_value)
    FROM days d JOIN added a USING (store_code, day, sku, currency)
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (store_code, month, sku, currency)
    DO UPDATE SET units = sales_by_month.units + excluded.units, net_value = sales_by_month.net_value + excluded.net_value,
                  category = LEAST(sales_by_month.category, excluded.category), brand = LEAST(sales_by_month.brand, excluded.brand);
$$;

CREATE OR REPLACE FUNCTION receipt_lines_count_sales() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('returndesk.load_counts_sales', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM count_sales(array_agg(store_code), array_agg(day), array_agg(sku), array_agg(currency),
                        array_agg(category), array_agg(brand), array_agg(units), array_agg(net_value))
    FROM (SELECT r.store_code, r.purchased_at::date AS day, n.sku, r.currency, MIN(n.category) AS category,
                 MIN(n.brand) AS brand, CAST(SUM(n.qty) AS bigint) AS units, SUM(n.qty * n.unit_price - n.discount) AS net_value
          FROM new_lines n JOIN receipts r ON r.id = n.receipt_id
          GROUP BY r.store_code, r.purchased_at::date, n.sku, r.currency) added;
    RETURN NULL;
END $$;

-- A receipt's lines counted at once, as the trigger counts a statement's, for a writer that
-- held the trigger back while it wrote them one by one.
CREATE FUNCTION count_sales_of_receipt(receipt bigint) RETURNS void LANGUAGE sql AS $$
    SELECT count_sales(array_agg(store_code), array_agg(day), array_agg(sku), array_agg(currency),
                       array_agg(category), array_agg(brand), array_agg(units), array_agg(net_value))
    FROM (SELECT r.store_code, r.purchased_at::date AS day, n.sku, r.currency, MIN(n.category) AS category,
                 MIN(n.brand) AS brand, CAST(SUM(n.qty) AS bigint) AS units, SUM(n.qty * n.unit_price - n.discount) AS net_value
          FROM receipt_lines n JOIN receipts r ON r.id = n.receipt_id
          WHERE n.receipt_id = receipt
          GROUP BY r.store_code, r.purchased_at::date, n.sku, r.currency) added;
$$;
