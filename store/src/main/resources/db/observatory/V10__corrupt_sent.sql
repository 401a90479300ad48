-- Corrupt records a source's corrupt mix sent (docs/reliability.md): every one must be dead-lettered.
ALTER TABLE run_sources ADD COLUMN corrupt bigint NOT NULL DEFAULT 0;
