-- Contract v2 carried by the store: a store's transferred working days and its settlement
-- target, whether a sale's return information was handed over, and who set a claim's date.
ALTER TABLE stores ADD COLUMN claim_target_days INTEGER NOT NULL DEFAULT 30 CHECK (claim_target_days >= 0);

-- Weekend days that are working days (Russia's transferred Saturdays).
CREATE TABLE store_working_days (
    store_code  TEXT NOT NULL REFERENCES stores (code) ON DELETE CASCADE,
    day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    PRIMARY KEY (store_code, day)
) STRICT;

ALTER TABLE receipts ADD COLUMN return_info_given INTEGER NOT NULL DEFAULT 1 CHECK (return_info_given IN (0, 1));

ALTER TABLE warranty_claims ADD COLUMN claim_due_basis TEXT
    CHECK (claim_due_basis IS NULL OR claim_due_basis IN ('statutory', 'store_target'));
