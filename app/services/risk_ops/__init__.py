"""The lender's risk operations (rules §9): in-loan monitoring, recovery plans, corrections under
maker-checker, collections."""
