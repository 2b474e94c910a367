-- Issue 16: a decided case the desk will not complete can be taken back (withdrawn): see
-- migrations/sqlite/0023_withdraw_decided_case.sql. The old CHECK (withdrawn ⇒ undecided) had no
-- name of its own; it is found by what it says.
DO $$
DECLARE
    old_check text;
BEGIN
    SELECT conname INTO STRICT old_check FROM pg_constraint
    WHERE conrelid = 'queued_returns'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%withdrawn%decided_by IS NULL%';
    EXECUTE format('ALTER TABLE queued_returns DROP CONSTRAINT %I', old_check);
END $$;
ALTER TABLE queued_returns ADD CONSTRAINT queued_returns_decided CHECK (
    (state = 'waiting' AND decided_by IS NULL) OR state = 'withdrawn'
    OR (state IN ('approved', 'declined', 'completed') AND decided_by IS NOT NULL));
