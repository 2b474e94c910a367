-- Contract v2 carried by the store: a store's transferred working days and its settlement
-- target, whether a sale's return information was handed over, and who set a claim's date.
ALTER TABLE stores ADD COLUMN claim_target_days bigint NOT NULL DEFAULT 30 CHECK (claim_target_days >= 0);

CREATE TABLE store_working_days (
    store_code  text NOT NULL REFERENCES stores (code) ON DELETE CASCADE,
    day         date NOT NULL,
    PRIMARY KEY (store_code, day)
);

ALTER TABLE receipts ADD COLUMN return_info_given boolean NOT NULL DEFAULT true;

ALTER TABLE warranty_claims ADD COLUMN claim_due_basis text
    CHECK (claim_due_basis IS NULL OR claim_due_basis IN ('statutory', 'store_target'));
