-- Desk settings a manager keeps (printer name, …): one value per store and key.
CREATE TABLE desk_settings (
    store_code  text NOT NULL REFERENCES stores (code),
    key         text NOT NULL,
    value       text NOT NULL,
    PRIMARY KEY (store_code, key)
);
