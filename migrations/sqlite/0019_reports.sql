-- Issue 13, reports: what the counter's figures are computed from.
--
-- 1. Handling time: the instant the desk scanned the receipt of a return, beside created_at
--    and completed_at. The desk measures the time from its scan to its confirmation on its own
--    monotonic clock and sends that duration; the server anchors it on its own clock (desk and
--    server clocks need not agree). NULL for returns recorded before this (or whose desk lost
--    the scan, a reload): the reports leave them out of handling time and say how many.
ALTER TABLE returns ADD COLUMN scanned_at TEXT
    CHECK (scanned_at IS NULL OR scanned_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00');

-- 2. Sales per store × store-local day × SKU × currency: the "against sales" of the return
--    rate, without reading millions of receipt lines per report. Kept by a trigger on
--    receipt_lines, so every way a sale comes in (the bulk load, the per-receipt import, the
--    exchange's new sale) keeps it alike. net_value = qty × unit_price − the line's discount,
--    in cents of the receipt's currency (the receipt-level discount is not spread over lines).
--    category/brand: as sold on the first line of the SKU that day.
CREATE TABLE sales_by_day (
    store_code  TEXT NOT NULL REFERENCES stores (code),
    day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),  -- store-local date of purchased_at
    sku         TEXT NOT NULL,
    currency    TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    category    TEXT NOT NULL,
    brand       TEXT NOT NULL DEFAULT '',
    units       INTEGER NOT NULL CHECK (units >= 0),
    net_value   INTEGER NOT NULL,  -- cents
    PRIMARY KEY (store_code, day, sku, currency)
) STRICT, WITHOUT ROWID;

INSERT INTO sales_by_day (store_code, day, sku, currency, category, brand, units, net_value)
SELECT r.store_code, substr(r.purchased_at, 1, 10), l.sku, r.currency, MIN(l.category), MIN(l.brand),
       SUM(l.qty), SUM(l.qty * l.unit_price - l.discount)
FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id
GROUP BY r.store_code, substr(r.purchased_at, 1, 10), l.sku, r.currency;

CREATE TRIGGER receipt_lines_count_sales AFTER INSERT ON receipt_lines
BEGIN
    INSERT INTO sales_by_day (store_code, day, sku, currency, category, brand, units, net_value)
    SELECT r.store_code, substr(r.purchased_at, 1, 10), NEW.sku, r.currency, NEW.category, NEW.brand,
           NEW.qty, NEW.qty * NEW.unit_price - NEW.discount
    FROM receipts r WHERE r.id = NEW.receipt_id
    ON CONFLICT (store_code, day, sku, currency)
    DO UPDATE SET units = units + excluded.units, net_value = net_value + excluded.net_value;
END;

-- 3. The return side is read by (store, instant range) through returns_by_store_created; its
--    lines, refunds and approvals by their return's id (their keys). Claims by the day they
--    were made:
CREATE INDEX warranty_claims_by_claimed ON warranty_claims (store_code, claimed_on);
