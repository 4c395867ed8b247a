"""Pure risk rules (rules §7, §9): DPD buckets, rating levels."""
