-- The plan a run was laid out by (topics with partitions and replicas, topology replicas and
-- threads, generators, each with its reason), so its report can show it when rebuilt.
ALTER TABLE runs ADD COLUMN plan jsonb;
