-- Issue 13, reports at scale: what a report reads of the return side, kept where one indexed
-- pass over the period's returns can aggregate it in SQL (a report answers with a few hundred
-- grouped rows instead of reading every return and line of its period into the desk: 25,059
-- returns in a month took 1.4 s that way, most of it moving rows, the rest fetching each line's
-- receipt line from all over a 1,000,000-receipt file).
--
-- 1. The store-local day a return was recorded on (its created_at in its store's zone), written
--    by the desk with the return; the period it belongs to is a function of it. Returns recorded
--    before this get the day of their request_now (the store's wall time the desk judged them at,
--    the same clock a moment earlier: SQLite has no time zones to do better).
ALTER TABLE returns ADD COLUMN local_day TEXT
    CHECK (local_day IS NULL OR local_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
UPDATE returns SET local_day = substr(request_now, 1, 10);

-- 2. Handling time in whole seconds, scan to done (done: confirmed, or declined and recorded
--    voided; a return's status never changes once written), set with scanned_at. NULL: no scan
--    recorded, or not done. The fill counts microseconds as the desk does (the duration cut to
--    whole seconds): an instant is stored as text, 'YYYY-MM-DDTHH:MM:SS[.f]+00:00' with 0 to 9
--    digits of fraction, and SQLite's own date functions keep milliseconds only.
ALTER TABLE returns ADD COLUMN handled_seconds INTEGER CHECK (handled_seconds IS NULL OR handled_seconds >= 0);
UPDATE returns
   SET handled_seconds = MAX(0, (
         (CAST(strftime('%s', COALESCE(completed_at, created_at)) AS INTEGER) - CAST(strftime('%s', scanned_at) AS INTEGER)) * 1000000
         + CAST(substr(CASE WHEN substr(COALESCE(completed_at, created_at), 20, 1) = '.'
                            THEN substr(COALESCE(completed_at, created_at), 21, instr(COALESCE(completed_at, created_at), '+') - 21) ELSE '' END
                       || '000000', 1, 6) AS INTEGER)
         - CAST(substr(CASE WHEN substr(scanned_at, 20, 1) = '.'
                            THEN substr(scanned_at, 21, instr(scanned_at, '+') - 21) ELSE '' END
                       || '000000', 1, 6) AS INTEGER)
       ) / 1000000)
 WHERE scanned_at IS NOT NULL AND (completed_at IS NOT NULL OR status = 'voided');

-- 3. What the receipt says of a returned line's item, copied onto the line when it is written
--    (a stored receipt never changes): its SKU, name, category and brand, the units sold and what
--    they came to (qty × unit price − line discount, cents), in the receipt's currency.
ALTER TABLE return_lines ADD COLUMN sku TEXT NOT NULL DEFAULT '';
ALTER TABLE return_lines ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE return_lines ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE return_lines ADD COLUMN brand TEXT NOT NULL DEFAULT '';
ALTER TABLE return_lines ADD COLUMN sold_qty INTEGER NOT NULL DEFAULT 0 CHECK (sold_qty >= 0);
ALTER TABLE return_lines ADD COLUMN sold_net INTEGER NOT NULL DEFAULT 0;
ALTER TABLE return_lines ADD COLUMN currency TEXT NOT NULL DEFAULT '';
UPDATE return_lines
   SET sku = s.sku, name = s.name, category = s.category, brand = s.brand,
       sold_qty = s.qty, sold_net = s.net, currency = s.currency
  FROM (SELECT rl.receipt_id, rl.line, rl.sku, rl.name, rl.category, rl.brand, rl.qty,
               rl.qty * rl.unit_price - rl.discount AS net, r.currency
          FROM receipt_lines rl JOIN receipts r ON r.id = rl.receipt_id) AS s
 WHERE s.receipt_id = return_lines.receipt_id AND s.line = return_lines.receipt_line;
