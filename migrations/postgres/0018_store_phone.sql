-- The store's telephone, printed under its address and ids on every document (issue 16: the
-- store's details a manager keeps in Settings; name, address, VAT and company ids are in stores).
ALTER TABLE stores ADD COLUMN phone text NOT NULL DEFAULT '';
