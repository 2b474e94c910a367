-- Issue 13, reports (see migrations/sqlite/0019_reports.sql for the why of each part).

-- 1. Handling time: when the desk scanned the receipt of the return (NULL: not known).
ALTER TABLE returns ADD COLUMN scanned_at timestamptz;

-- 2. Sales per store × store-local day × SKU × currency, kept by a statement trigger on
--    receipt_lines (one upsert per INSERT or COPY, aggregated over its rows).
CREATE TABLE sales_by_day (
    store_code  text NOT NULL REFERENCES stores (code),
    day         date NOT NULL,                -- store-local date of purchased_at
    sku         text NOT NULL,
    currency    text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    category    text NOT NULL,
    brand       text NOT NULL DEFAULT '',
    units       bigint NOT NULL CHECK (units >= 0),
    net_value   numeric(16,2) NOT NULL,       -- qty × unit_price − line discount
    PRIMARY KEY (store_code, day, sku, currency)
);

INSERT INTO sales_by_day (store_code, day, sku, currency, category, brand, units, net_value)
SELECT r.store_code, r.purchased_at::date, l.sku, r.currency, MIN(l.category), MIN(l.brand),
       SUM(l.qty), SUM(l.qty * l.unit_price - l.discount)
FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id
GROUP BY r.store_code, r.purchased_at::date, l.sku, r.currency;

CREATE FUNCTION receipt_lines_count_sales() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
CREATE TRIGGER receipt_lines_count_sales AFTER INSERT ON receipt_lines
    REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION receipt_lines_count_sales();

-- 3. Claims by the day they were made.
CREATE INDEX warranty_claims_by_claimed ON warranty_claims (store_code, claimed_on);
