-- Issue 13, reports at scale (see migrations/sqlite/0027_report_summaries.sql for the why).

-- 1. The store-local day a return was recorded on: its created_at in its store's zone.
ALTER TABLE returns ADD COLUMN local_day date;
UPDATE returns t SET local_day = (t.created_at AT TIME ZONE s.time_zone)::date
  FROM stores s WHERE s.code = t.store_code;
ALTER TABLE returns ALTER COLUMN local_day SET NOT NULL;

-- 2. Handling time in whole seconds, scan to done (NULL: no scan recorded, or not done).
ALTER TABLE returns ADD COLUMN handled_seconds bigint CHECK (handled_seconds IS NULL OR handled_seconds >= 0);
UPDATE returns
   SET handled_seconds = GREATEST(0, FLOOR(EXTRACT(EPOCH FROM (COALESCE(completed_at, created_at) - scanned_at))))
 WHERE scanned_at IS NOT NULL AND (completed_at IS NOT NULL OR status = 'voided');

-- 3. What the receipt says of a returned line's item, copied onto the line when it is written.
ALTER TABLE return_lines
    ADD COLUMN sku text NOT NULL DEFAULT '',
    ADD COLUMN name text NOT NULL DEFAULT '',
    ADD COLUMN category text NOT NULL DEFAULT '',
    ADD COLUMN brand text NOT NULL DEFAULT '',
    ADD COLUMN sold_qty integer NOT NULL DEFAULT 0 CHECK (sold_qty >= 0),
    ADD COLUMN sold_net numeric(16,2) NOT NULL DEFAULT 0,
    ADD COLUMN currency text NOT NULL DEFAULT '';
UPDATE return_lines l
   SET sku = rl.sku, name = rl.name, category = rl.category, brand = rl.brand,
       sold_qty = rl.qty, sold_net = rl.qty * rl.unit_price - rl.discount, currency = r.currency
  FROM receipt_lines rl JOIN receipts r ON r.id = rl.receipt_id
 WHERE rl.receipt_id = l.receipt_id AND rl.line = l.receipt_line;
