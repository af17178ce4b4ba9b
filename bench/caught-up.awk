# Reads the vault's Prometheus metrics; exits 0 when every event processor reports no lag
# (vault_event_processor_lag_events), 1 when one is behind or none is reported yet. Used by bench/run and bench/scale.
/^vault_event_processor_lag_events[{]/ { if ($NF + 0 > 0) behind = 1; seen = 1 }
END { exit !(seen && !behind) }
