-- Issue 14: goodwill on a receipt paid partly by store credit pays that share back as a new
-- voucher, as a return does (src/store/noreceipt.rs::pay_goodwill). The voucher is written in
-- the goodwill's transaction (store_credit_vouchers, return_id NULL) and named here; NULL when
-- the goodwill paid no store credit. Goodwill paid before this migration has none.
ALTER TABLE goodwill_refunds ADD COLUMN voucher_id INTEGER REFERENCES store_credit_vouchers (id);
