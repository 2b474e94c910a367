-- The end of day (issue 13): a store's day is read by an instant range (the store-local day
-- turned into UTC in Rust) on every record that moves money or opens/settles a claim. Returns
-- already have (store_code, created_at); these are the others'. New indexes only.
CREATE INDEX store_credit_vouchers_by_store_issued ON store_credit_vouchers (store_code, issued_at);
CREATE INDEX voucher_redemptions_by_redeemed ON voucher_redemptions (redeemed_at);
CREATE INDEX goodwill_refunds_by_store_created ON goodwill_refunds (store_code, created_at);
CREATE INDEX claim_settlements_by_settled ON claim_settlements (settled_at);
CREATE INDEX claim_events_by_at ON claim_events (at);
CREATE INDEX complaint_register_by_store_registered ON complaint_register (store_code, registered_at);
CREATE INDEX exchanges_by_store_created ON exchanges (store_code, created_at);
CREATE INDEX exchange_dues_by_store_paid ON exchange_dues (store_code, paid_at);
CREATE INDEX repair_orders_by_store_handed_back ON repair_orders (store_code, handed_back_at);
