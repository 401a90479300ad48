-- What decoding cost: payload (Avro body) bytes received, the payload bytes the strategy copied
-- (0 for zero-copy reads), and events a zero-copy decode had to hand to the copying path (an
-- unfamiliar writer schema).
ALTER TABLE window_metrics ADD COLUMN payload_bytes bigint NOT NULL DEFAULT 0;
ALTER TABLE window_metrics ADD COLUMN copied_bytes bigint NOT NULL DEFAULT 0;
ALTER TABLE window_metrics ADD COLUMN fallbacks bigint NOT NULL DEFAULT 0;
