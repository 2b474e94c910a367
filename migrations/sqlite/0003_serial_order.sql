-- A line's serial numbers read back in the order the receipt lists them (they were read in
-- sorted order). Rows stored before this migration keep position 0 and so their sorted order.
ALTER TABLE receipt_line_serials ADD COLUMN position INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0);
