-- Issue 13, reports at scale: sales per store × month × SKU × currency, so a report of a year
-- reads a dozen rows per SKU instead of one per day (a year of a store is ~112,000 rows of
-- sales_by_day, and grouping them took ~100 ms of the year's report). A report takes the whole
-- months of its period from here and the days at either end from sales_by_day. Kept from
-- sales_by_day by triggers, so whatever counts a sale into a day counts it into its month.
-- category/brand: the least of the month's days' (the report takes the least of its rows').
CREATE TABLE sales_by_month (
    store_code  TEXT NOT NULL REFERENCES stores (code),
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-01'),  -- its first day
    sku         TEXT NOT NULL,
    currency    TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    category    TEXT NOT NULL,
    brand       TEXT NOT NULL DEFAULT '',
    units       INTEGER NOT NULL CHECK (units >= 0),
    net_value   INTEGER NOT NULL,  -- cents
    PRIMARY KEY (store_code, month, sku, currency)
) STRICT, WITHOUT ROWID;

INSERT INTO sales_by_month (store_code, month, sku, currency, category, brand, units, net_value)
SELECT store_code, substr(day, 1, 8) || '01', sku, currency, MIN(category), MIN(brand), SUM(units), SUM(net_value)
FROM sales_by_day
GROUP BY store_code, substr(day, 1, 8) || '01', sku, currency;

CREATE TRIGGER sales_by_day_counts_months AFTER INSERT ON sales_by_day
BEGIN
    INSERT INTO sales_by_month (store_code, month, sku, currency, category, brand, units, net_value)
    VALUES (NEW.store_code, substr(NEW.day, 1, 8) || '01', NEW.sku, NEW.currency, NEW.category, NEW.brand, NEW.units, NEW.net_value)
    ON CONFLICT (store_code, month, sku, currency)
    DO UPDATE SET units = units + excluded.units, net_value = net_value + excluded.net_value,
                  category = MIN(category, excluded.category), brand = MIN(brand, excluded.brand);
END;

CREATE TRIGGER sales_by_day_recounts_months AFTER UPDATE OF units, net_value ON sales_by_day
BEGIN
    UPDATE sales_by_month
       SET units = units + NEW.units - OLD.units, net_value = net_value + NEW.net_value - OLD.net_value
     WHERE store_code = NEW.store_code AND month = substr(NEW.day, 1, 8) || '01' AND sku = NEW.sku AND currency = NEW.currency;
END;
