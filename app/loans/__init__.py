"""A loan's life as pure functions over `LoanState` (rules §2, §5, §7)."""
