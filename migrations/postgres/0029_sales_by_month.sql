-- Issue 13, reports at scale (see migrations/sqlite/0029_sales_by_month.sql for the why): sales
-- per store × month × SKU × currency, kept from sales_by_day by statement triggers (one upsert
-- per statement that changes sales_by_day: the trigger of 0019, or the bulk load's own upsert of
-- 0024), aggregated over the rows it inserted or updated, in one order for every writer.
CREATE TABLE sales_by_month (
    store_code  text NOT NULL REFERENCES stores (code),
    month       date NOT NULL CHECK (EXTRACT(DAY FROM month) = 1),  -- its first day
    sku         text NOT NULL,
    currency    text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    category    text NOT NULL,
    brand       text NOT NULL DEFAULT '',
    units       bigint NOT NULL CHECK (units >= 0),
    net_value   numeric(16,2) NOT NULL,
    PRIMARY KEY (store_code, month, sku, currency)
);

INSERT INTO sales_by_month (store_code, month, sku, currency, category, brand, units, net_value)
SELECT store_code, CAST(date_trunc('month', CAST(day AS timestamp)) AS date), sku, currency, MIN(category), MIN(brand), SUM(units), SUM(net_value)
FROM sales_by_day
GROUP BY 1, 2, 3, 4;

CREATE FUNCTION sales_by_day_counts_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO sales_by_month (store_code, month, sku, currency, category, brand, units, net_value)
        SELECT n.store_code, CAST(date_trunc('month', CAST(n.day AS timestamp)) AS date), n.sku, n.currency,
               MIN(n.category), MIN(n.brand), SUM(n.units), SUM(n.net_value)
        FROM new_days n
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (store_code, month, sku, currency)
        DO UPDATE SET units = sales_by_month.units + excluded.units, net_value = sales_by_month.net_value + excluded.net_value,
                      category = LEAST(sales_by_month.category, excluded.category), brand = LEAST(sales_by_month.brand, excluded.brand);
    ELSE
        INSERT INTO sales_by_month (store_code, month, sku, currency, category, brand, units, net_value)
        SELECT n.store_code, CAST(date_trunc('month', CAST(n.day AS timestamp)) AS date), n.sku, n.currency,
               MIN(n.category), MIN(n.brand), SUM(n.units - o.units), SUM(n.net_value - o.net_value)
        FROM new_days n JOIN old_days o USING (store_code, day, sku, currency)
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (store_code, month, sku, currency)
        DO UPDATE SET units = sales_by_month.units + excluded.units, net_value = sales_by_month.net_value + excluded.net_value;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER sales_by_day_counts_months AFTER INSERT ON sales_by_day
    REFERENCING NEW TABLE AS new_days FOR EACH STATEMENT EXECUTE FUNCTION sales_by_day_counts_months();
CREATE TRIGGER sales_by_day_recounts_months AFTER UPDATE ON sales_by_day
    REFERENCING OLD TABLE AS old_days NEW TABLE AS new_days FOR EACH STATEMENT EXECUTE FUNCTION sales_by_day_counts_months();
