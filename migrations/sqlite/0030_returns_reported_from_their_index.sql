-- Issue 13, reports at scale: a report reads its period's returns from their index alone. The
-- returns table is wide (each row keeps the request and the decision as JSON), so reading 13,000
-- of its rows for a year's report walked most of the table; the index by store and recording
-- instant now also carries every column the reports group by or add up (it still serves every
-- other lookup by store and instant, as before).
DROP INDEX returns_by_store_created;
CREATE INDEX returns_by_store_created ON returns (
    store_code, created_at, terminal_id, clerk_id, local_day, outcome, resolution, status, refunded,
    handled_seconds, scanned_at, completed_at);
