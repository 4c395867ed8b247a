"""How a status enters SQL text: the one way.

Hand-written, set-based SQL (`app.services.end_of_day.book_sql`, `collect_sql`,
`app.services.credit.rating_inputs`) and the rules written once as SQL expressions and
rendered as text for it (`app.services.store.arrears`, `app.services.lending.orders`)
name an enum member — a loan's, an installment's or an order's status — as an SQL string
literal made by `sql_literal` (in an expression: `enum_literal`), never typed by hand,
formatted ad hoc or bound under a name each statement has to remember. The ORM's own
queries (`Loan.status == LoanStatus.OPEN`) bind them as parameters; that is SQLAlchemy's
business and no SQL text.
"""

from __future__ import annotations

import enum
import re

from sqlalchemy import ColumnElement, String, literal_column

_PLAIN = re.compile(r"[a-z_]+")  # every stored status is lower-case words: nothing to escape


def sql_literal(member: enum.Enum) -> str:
    """`LoanStatus.OPEN` → `'open'`."""
    value = member.value
    if not isinstance(value, str) or not _PLAIN.fullmatch(value):
        raise ValueError(f"{member!r} is not a status that can be written as an SQL literal")
    return f"'{value}'"


def enum_literal(member: enum.Enum) -> ColumnElement[str]:
    """`sql_literal` as an SQL expression, for a rule that is also rendered as text (`sql_text`)."""
    return literal_column(sql_literal(member), String)


def sql_text(expression: ColumnElement) -> str:
    """An SQL expression as text for a hand-written statement, in parentheses. Statuses in it are
    `enum_literal`s; a bound parameter other than a named `bindparam` the statement binds
    itself (e.g. `:t`) would be left without a value, so write the rule without one."""
    return f"({expression.compile()})"
