-- Open file descriptors and anonymous resident memory per component sample (docs/reliability.md,
-- "Soak"): 0 where the source does not know them (Kubernetes' metrics API), as for threads.
ALTER TABLE resource_samples ADD COLUMN open_files integer NOT NULL DEFAULT 0;
ALTER TABLE resource_samples ADD COLUMN rss_anon_bytes bigint NOT NULL DEFAULT 0;
