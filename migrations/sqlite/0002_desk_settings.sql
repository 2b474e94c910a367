-- Desk settings a manager keeps (printer name, …): one value per store and key.
CREATE TABLE desk_settings (
    store_code  TEXT NOT NULL REFERENCES stores (code),
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (store_code, key)
) STRICT;
