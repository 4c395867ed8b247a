"""A seller's money: what may be drawn, the draws, repayments, order settlement and refunds, the
platform balance, and the read models of loans."""
