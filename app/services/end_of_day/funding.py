"""Funding cost (rules §10, §14): the bank credit lines are drawn only once registered capital is
used up, and their drawn part costs interest every day at the admin's rate (`bank_line_daily_rate`).

End of day's book step posts one `funding_cost` entry a night: drawn = min(bank lines, outstanding
principal − registered capital) when positive, as the book stands at the end of the day; the
day's interest = drawn × daily rate, half-up to the fen (the bank charges it daily), debited to
funding expense and paid from the lender's funds. Nothing is posted when nothing is drawn.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from app import ledger
from app.money import ZERO, round_fen
from app.services.store import postings
from app.services.store.product_settings import effective_config
from app.services.store.settings import book_outstanding


def drawn_bank_lines(session: Session) -> tuple[Decimal, Decimal]:
    """(drawn part of the bank lines, its daily rate) as the book stands now."""
    cfg = effective_config(session)
    lines = min(cfg.bank_credit_lines, cfg.registered_capital * cfg.bank_lines_max_share)
    drawn = min(lines, max(ZERO, book_outstanding(session) - cfg.registered_capital))
    return drawn, cfg.bank_line_daily_rate


def accrue_funding_cost(session: Session, night: date) -> None:
    drawn, rate = drawn_bank_lines(session)
    cost = round_fen(drawn * rate)
    postings.post_entry(session, business_date=night, kind="funding_cost",
                        memo=f"bank lines drawn {drawn} at {rate}/day",
                        lines=[ledger.debit(ledger.FUNDING_EXPENSE, cost),
                               ledger.credit(ledger.LENDER_FUNDS, cost)])
