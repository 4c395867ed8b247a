"""End of day 日终 (rules §8): the run and its lock, the set-based book and collection SQL, the engine
batches, the status page's read model, and reconciliation."""
