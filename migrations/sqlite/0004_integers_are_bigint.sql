-- PostgreSQL's integer columns became bigint (SQLite's INTEGER already is 64-bit): nothing to
-- change here. Kept so that both backends carry the same migration numbers.
SELECT 1;
