-- The rewrap job writes every live data key once per KEK rotation. The index on data_key.kek_version made each of
-- those writes (and each data key rotation) a non-HOT update: a new entry in both of data_key's indexes, where an
-- update that changes no indexed column can stay on its page and touch no index (docs/performance.md, "KEK
-- rotation"). The job finds its keys by primary-key order, not by this index; what still asks for the keys of one
-- KEK version (the live count before a version is destroyed, the inventory's gauge) is a scan of data_key, done once
-- per version and epoch and every 30 s, not once per key.
DROP INDEX IF EXISTS data_key_kek_version;
-- No reader looks data_key_wrap up by KEK version (the receipts and the erasures reaching backups read it by
-- subject, through its primary key); the index only cost each rewrapped key a second index entry.
DROP INDEX IF EXISTS data_key_wrap_kek_version;
