-- Issue 13: a return written without its store-local day (by anything other than the desk's own
-- write, which always gives it: a hand-made row, a future import) gets the day of its
-- request_now, as migration 0027 filled the returns already there, so the reports never meet a
-- return without a day.
CREATE TRIGGER returns_local_day_filled AFTER INSERT ON returns
WHEN NEW.local_day IS NULL
BEGIN
    UPDATE returns SET local_day = substr(NEW.request_now, 1, 10) WHERE id = NEW.id;
END;
