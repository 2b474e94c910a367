-- Issue 13, reports at scale (see migrations/sqlite/0028_return_refunded.sql): what a return's
-- refunds paid out, every tender together, kept on the return when it is written.
ALTER TABLE returns ADD COLUMN refunded numeric(16,2) NOT NULL DEFAULT 0 CHECK (refunded >= 0);
UPDATE returns t SET refunded = f.paid
  FROM (SELECT return_id, SUM(amount) AS paid FROM return_refunds GROUP BY return_id) f
 WHERE f.return_id = t.id;
