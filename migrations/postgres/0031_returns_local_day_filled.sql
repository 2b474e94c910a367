-- Issue 13: a return written without its store-local day (by anything other than the desk's own
-- write, which always gives it) gets its created_at's day in its store's zone, as migration 0027
-- filled the returns already there.
CREATE FUNCTION returns_local_day_filled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.local_day IS NULL THEN
        NEW.local_day := (NEW.created_at AT TIME ZONE (SELECT s.time_zone FROM stores s WHERE s.code = NEW.store_code))::date;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER returns_local_day_filled BEFORE INSERT ON returns
    FOR EACH ROW EXECUTE FUNCTION returns_local_day_filled();
