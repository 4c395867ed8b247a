"""The records every use case shares: loans with their installments, postings to the ledger, row locks
in one order, idempotency keys, the settings (business date, lender funds, product settings), risk
events and credit decisions."""
