"""SQLModel tables.

Money is stored exactly as integer fen (`*_fen`, BIGINT) and converted to
Decimal at the edges (see `db.convert`); rates as integers in units of 1e-8
(`*_rate_e8`: 0.06 %/day = 60000); exact penalty accruals in units of 1e-10
yuan (`penalty_exact_e10`), so that set-based SQL can compute them with integer
arithmetic identical to the Decimal engine. No float ever holds money here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint, event, text
from sqlmodel import Field, SQLModel


def now_utc() -> datetime:
    """Timestamps are stored timezone-aware, in UTC (business dates are separate)."""
    return datetime.now(UTC)


def fen_column(**kw) -> Column:
    return Column(BigInteger, nullable=False, default=0, server_default="0", **kw)


def money(**kw):
    """An integer-fen money field."""
    return Field(default=0, sa_column=fen_column(**kw))


class User(SQLModel, table=True):
    __tablename__ = "users"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True, max_length=64)
    role: str = Field(max_length=16)  # seller / risk / admin
    seller_id: int | None = Field(default=None, foreign_key="sellers.id", index=True)
    password_hash: str | None = None
    activation_code_hash: str | None = None
    failed_attempts: int = 0
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=now_utc)


class AuditEvent(SQLModel, table=True):
    """Who did what, when (append-only: a trigger refuses UPDATE and DELETE; see
    app/services/access/audit.py)."""

    __tablename__ = "audit_events"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=now_utc, index=True)
    user_id: int | None = Field(default=None, index=True)  # no foreign key: the log outlives a login
    username: str = Field(default="", max_length=64)
    role: str = Field(default="", max_length=16)
    session_id: str | None = Field(default=None, max_length=64)
    action: str = Field(max_length=32, index=True)
    subject: str = Field(default="", max_length=100)
    details: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))  # JSON


class Seller(SQLModel, table=True):
    """The person behind one or more shops: limits and caps belong here."""

    __tablename__ = "sellers"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    resident_id: str = Field(unique=True, max_length=18)
    phone: str = Field(default="", max_length=20)
    real_name_verified: bool = False
    blacklisted: bool = False
    blacklisted_on: date | None = None
    platform_balance_fen: int = money()


class DemoSellerProfile(SQLModel, table=True):
    """Demo only: what the seed made of a seller (product §4); the app never reads it."""

    __tablename__ = "demo_seller_profiles"
    seller_id: int = Field(primary_key=True, foreign_key="sellers.id")
    profile: str = Field(default="ordinary", max_length=32)  # strong, average, …, ordinary
    quality: int = 0  # hidden quality driving simulated outcomes (0-100)


class Shop(SQLModel, table=True):
    __tablename__ = "shops"
    id: str = Field(primary_key=True, max_length=16)  # e.g. SHOP0001
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    name: str = Field(max_length=100)
    category: str = Field(max_length=32)
    member_since: date
    certified: bool = False


class Order(SQLModel, table=True):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_pledged_loan_id_status", "pledged_loan_id", "status"),)
    id: int | None = Field(default=None, primary_key=True)
    shop_id: str = Field(foreign_key="shops.id", index=True)
    buyer: str = Field(max_length=64)
    amount_fen: int = money()
    status: str = Field(default="paid", max_length=12, index=True)  # paid/shipped/settled/refunded
    paid_on: date
    shipped_on: date | None = None
    confirm_on: date | None = Field(default=None, index=True)  # day the buyer confirms receipt
    settled_on: date | None = None
    refunded_on: date | None = None
    pledged_loan_id: int | None = Field(default=None, foreign_key="loans.id", index=True)


class DailySales(SQLModel, table=True):
    __tablename__ = "daily_sales"
    __table_args__ = (UniqueConstraint("shop_id", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    shop_id: str = Field(foreign_key="shops.id", index=True)
    day: date = Field(index=True)
    sales_fen: int = money()
    refunds_fen: int = money()
    order_count: int = 0
    buyer_count: int = 0
    repeat_buyer_count: int = 0
    dispute_count: int = 0


class BehaviourMetric(SQLModel, table=True):
    """Monthly platform behaviour and customer interaction of a shop (rules §6.2)."""

    __tablename__ = "behaviour_metrics"
    __table_args__ = (UniqueConstraint("shop_id", "month"),)
    id: int | None = Field(default=None, primary_key=True)
    shop_id: str = Field(foreign_key="shops.id", index=True)
    month: date  # first day of the month
    login_days: int = 0
    ad_spend_fen: int = money()
    community_posts: int = 0
    favourites: int = 0
    reviews: int = 0
    positive_reviews: int = 0
    shop_rating_x100: int = 0  # 4.85 stars = 485
    complaints: int = 0


class SellerLimit(SQLModel, table=True):
    """The limits in force for a seller (from the latest rating decision)."""

    __tablename__ = "seller_limits"
    id: int | None = Field(default=None, primary_key=True)
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    rating: str = Field(max_length=8)
    credit_limit_fen: int = money()
    advance_rate_e8: int = 0  # 95 % = 95_000_000
    decided_on: date
    source: str = Field(default="seed", max_length=16)
    decision_id: int | None = Field(default=None, foreign_key="credit_decisions.id")


class CreditApplication(SQLModel, table=True):
    """Declared financials and questionnaire a seller submitted (rules §6.2 items 5-6)."""

    __tablename__ = "credit_applications"
    id: int | None = Field(default=None, primary_key=True)
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    submitted_on: date
    declared_json: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=now_utc)


class CreditDecision(SQLModel, table=True):
    """One rating decision: model version, inputs, score, band, limits, reasons (rules §6.2).

    The latest decision of a seller is the one in force; limits of a decision
    that is not approved are zero. Manual-review cases wait for a risk officer.
    """

    __tablename__ = "credit_decisions"
    id: int | None = Field(default=None, primary_key=True)
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    decided_on: date
    source: str = Field(max_length=16)  # pre_approval / application / review
    model_version: str = Field(max_length=32)
    status: str = Field(max_length=16, index=True)  # approved / manual_review / declined / ineligible
    score: int
    band: str = Field(max_length=8)
    credit_limit_fen: int = money()
    advance_rate_e8: int = 0
    proposed_credit_limit_fen: int = money()
    average_monthly_sales_fen: int = money()
    application_id: int | None = Field(default=None, foreign_key="credit_applications.id")
    inputs_json: str = Field(sa_column=Column(Text, nullable=False))  # snapshot of what was decided on
    reasons_json: str = Field(sa_column=Column(Text, nullable=False))  # ineligible, up, down, tips, points
    reviewed_by: int | None = Field(default=None, foreign_key="users.id")
    review_note: str | None = Field(default=None, max_length=500)
    reviewed_at: datetime | None = None
    created_at: datetime = Field(default_factory=now_utc)


class Loan(SQLModel, table=True):
    __tablename__ = "loans"
    id: int | None = Field(default=None, primary_key=True)
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    shop_id: str = Field(foreign_key="shops.id", index=True)
    product: str = Field(max_length=8)  # order / credit
    method: str = Field(max_length=20)
    principal_fen: int = money()
    daily_rate_e8: int
    penalty_rate_e8: int
    start_date: date
    maturity_date: date
    term_months: int | None = None
    term_days: int | None = None
    status: str = Field(default="open", max_length=12, index=True)  # open / closed
    paid_through: date
    outstanding_fen: int = money()
    interest_recognised_fen: int = money()
    penalty_recognised_fen: int = money()
    dpd: int = 0
    max_dpd: int = 0  # worst days past due ever (outcome: "bad" = ever > 30)
    non_performing_since: date | None = None
    closed_on: date | None = None
    closed_as: str | None = Field(default=None, max_length=16)  # written_off / recovery (ClosedAs)
    agreement_version: str | None = Field(default=None, max_length=16)
    agreement_accepted_at: datetime | None = None
    created_at: datetime = Field(default_factory=now_utc)


class LoanInstallment(SQLModel, table=True):
    __tablename__ = "installments"
    __table_args__ = (UniqueConstraint("loan_id", "period"),
                      Index("ix_installments_status_due_date", "status", "due_date"))
    id: int | None = Field(default=None, primary_key=True)
    loan_id: int = Field(foreign_key="loans.id", index=True)
    period: int
    start_date: date
    due_date: date = Field(index=True)
    principal_fen: int = money()
    interest_fen: int = money()
    interest_early_fen: int = money()
    principal_paid_fen: int = money()
    interest_paid_fen: int = money()
    penalty_exact_e10: int = money()
    penalty_through: date | None = None
    penalty_paid_fen: int = money()
    status: str = Field(default="scheduled", max_length=12)  # scheduled / overdue / paid


class Payment(SQLModel, table=True):
    __tablename__ = "payments"
    id: int | None = Field(default=None, primary_key=True)
    loan_id: int = Field(foreign_key="loans.id", index=True)
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    paid_on: date
    source: str = Field(max_length=16)  # manual / settlement / auto_debit
    amount_fen: int = money()
    penalty_fen: int = money()
    interest_fen: int = money()
    principal_fen: int = money()
    order_id: int | None = Field(default=None, foreign_key="orders.id")
    created_at: datetime = Field(default_factory=now_utc)


class IdempotentRequest(SQLModel, table=True):
    """A draw or repayment request seen before: key → its first result."""

    __tablename__ = "idempotent_requests"
    key: str = Field(primary_key=True, max_length=80)
    user_id: int = Field(foreign_key="users.id")
    kind: str = Field(max_length=16)
    request_hash: str = Field(max_length=64)
    loan_id: int | None = Field(default=None, foreign_key="loans.id")
    payment_id: int | None = Field(default=None, foreign_key="payments.id")


class JournalEntry(SQLModel, table=True):
    """A balanced double-entry journal entry; never updated or deleted (rules §11)."""

    __tablename__ = "journal_entries"
    id: int | None = Field(default=None, primary_key=True)
    business_date: date = Field(index=True)
    kind: str = Field(max_length=24)
    memo: str = Field(default="", max_length=200)
    loan_id: int | None = Field(default=None, foreign_key="loans.id", index=True)
    payment_id: int | None = Field(default=None, foreign_key="payments.id")
    created_at: datetime = Field(default_factory=now_utc)


class JournalLine(SQLModel, table=True):
    __tablename__ = "journal_lines"
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="journal_entries.id", index=True)
    account: str = Field(max_length=32, index=True)
    loan_id: int | None = Field(default=None, foreign_key="loans.id", index=True)
    seller_id: int | None = Field(default=None, foreign_key="sellers.id", index=True)
    debit_fen: int = money()
    credit_fen: int = money()


class Event(SQLModel, table=True):
    """Something a seller or risk officer is told about, with its reason."""

    __tablename__ = "events"
    id: int | None = Field(default=None, primary_key=True)
    seller_id: int | None = Field(default=None, foreign_key="sellers.id", index=True)
    loan_id: int | None = Field(default=None, foreign_key="loans.id")
    business_date: date
    kind: str = Field(max_length=32)
    message: str = Field(max_length=500)  # a catalogue text as JSON: {"key": …, "params": {…}}
    created_at: datetime = Field(default_factory=now_utc)


class RiskEvent(SQLModel, table=True):
    """A monitoring warning or recall of a seller (rules §9), with its reasons.

    A warning freezes undrawn limits and opens a cure window to `cure_until`; it is
    `lifted` when its cause clears or `escalated` into a recall. A recall stays
    `open` until the seller has nothing outstanding (`closed`)."""

    __tablename__ = "risk_events"
    id: int | None = Field(default=None, primary_key=True)
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    kind: str = Field(max_length=12)  # warning / recall
    opened_on: date
    cure_until: date | None = None  # warnings: opened_on + 14 days
    due_on: date | None = None  # recalls: the date every outstanding loan falls due
    status: str = Field(default="open", max_length=12, index=True)  # open / lifted / escalated / closed
    reasons_json: str = Field(sa_column=Column(Text, nullable=False))  # [{"rule": …, figures …}]
    closed_on: date | None = None
    created_at: datetime = Field(default_factory=now_utc)


class RecoveryPlan(SQLModel, table=True):
    """Credit recovery 信用恢复 (rules §9): a defaulted seller's overdue balance on one
    interest-free equal-principal loan; the blacklist lifts after enough on-time
    installments, then limits are capped at `cap_pct` % until `cap_until`."""

    __tablename__ = "recovery_plans"
    id: int | None = Field(default=None, primary_key=True)
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    loan_id: int = Field(foreign_key="loans.id")  # the recovery loan
    created_on: date
    created_by: int | None = Field(default=None, foreign_key="users.id")
    note: str = Field(default="", max_length=500)
    months: int
    balance_fen: int = money()  # principal + interest owed moved onto the plan
    penalty_waived_fen: int = money()
    on_time_streak: int = 0  # consecutive installments paid by their due date
    counted_through: int = 0  # last installment period counted into the streak
    lifted_on: date | None = None  # the blacklist was lifted
    cap_pct: int = 100
    cap_until: date | None = None
    created_at: datetime = Field(default_factory=now_utc)


class Correction(SQLModel, table=True):
    """A correction proposed by one officer and approved by another (maker-checker).

    Approval posts its own balanced journal entry (`entry_id`); nothing old is edited.
    A loan has at most one proposal waiting for a checker (a partial unique index)."""

    __tablename__ = "corrections"
    __table_args__ = (Index("uq_corrections_one_pending", "loan_id", unique=True,
                            sqlite_where=text("status = 'proposed'"),
                            postgresql_where=text("status = 'proposed'")),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # payment_reversal / penalty_waiver / write_off
    loan_id: int = Field(foreign_key="loans.id", index=True)
    payment_id: int | None = Field(default=None, foreign_key="payments.id")
    amount_fen: int = money()  # waiver: the amount; reversal: the payment; write-off: what was written off
    reason: str = Field(max_length=500)  # the officers' note: internal, never shown to the seller
    seller_reason: str = Field(default="other", max_length=40)  # the catalogue reason the seller reads
    status: str = Field(default="proposed", max_length=12, index=True)  # proposed / approved / rejected
    proposed_by: int = Field(foreign_key="users.id")
    proposed_on: date
    decided_by: int | None = Field(default=None, foreign_key="users.id")
    decided_on: date | None = None
    decision_note: str = Field(default="", max_length=500)
    entry_id: int | None = Field(default=None, foreign_key="journal_entries.id")
    created_at: datetime = Field(default_factory=now_utc)


class Setting(SQLModel, table=True):
    __tablename__ = "settings"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)


class EodRun(SQLModel, table=True):
    """One end-of-day run per business date (rules §8)."""

    __tablename__ = "eod_runs"
    business_date: date = Field(primary_key=True)
    status: str = Field(max_length=12)  # started / completed
    steps_done: str = Field(default="", max_length=200)
    started_at: datetime = Field(default_factory=now_utc)
    finished_at: datetime | None = None


class LenderBook(SQLModel, table=True):
    """The lender's book as one row (id 1): outstanding principal of all open loans,
    kept by every movement of principal in the same transaction (rules §10).

    Draws lock this row to check lender capacity; see `app.services.store.locks`."""

    __tablename__ = "lender_book"
    id: int = Field(default=1, primary_key=True)
    outstanding_fen: int = money()


class DemoDay(SQLModel, table=True):
    """A day of demo time travel (`advance-days`): planned with its run, the simulation's
    steps recorded as they finish, done with its end of day (app/demo/days.py)."""

    __tablename__ = "demo_days"
    day: date = Field(primary_key=True)
    seed: int
    first_day: date  # the run this day belongs to: its first and last day
    last_day: date
    status: str = Field(default="planned", max_length=12)  # planned / done
    steps_done: str = Field(default="", max_length=200)
    started_at: datetime = Field(default_factory=now_utc)
    finished_at: datetime | None = None


class CollectionContact(SQLModel, table=True):
    """A collector's contact with a seller about an overdue loan: a note and, if the seller
    promised, the date they promised to pay by (product §3, collections)."""

    __tablename__ = "collection_contacts"
    id: int | None = Field(default=None, primary_key=True)
    loan_id: int = Field(foreign_key="loans.id", index=True)
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    business_date: date
    note: str = Field(max_length=500)
    promise_date: date | None = None
    created_by: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = Field(default_factory=now_utc)


class SettingsChange(SQLModel, table=True):
    """One change of a product setting: who, when, the old and the new value.

    Append-only: a row is never updated or deleted (the ORM refuses both, below)."""

    __tablename__ = "settings_changes"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, index=True)
    old_value: str = Field(max_length=200)
    new_value: str = Field(max_length=200)
    changed_by: int | None = Field(default=None, foreign_key="users.id")
    business_date: date
    changed_at: datetime = Field(default_factory=now_utc)


def _append_only(mapper, connection, target) -> None:
    raise RuntimeError(f"{type(target).__tablename__} is append-only: rows are never updated or deleted")


event.listen(SettingsChange, "before_update", _append_only)
event.listen(SettingsChange, "before_delete", _append_only)


class OrderRelease(SQLModel, table=True):
    """An order that backed a loan and was released unsettled when the loan closed: the link
    stays, so the loan's page keeps its pledged orders (the order itself is pledgeable again)."""

    __tablename__ = "order_releases"
    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    loan_id: int = Field(foreign_key="loans.id", index=True)
    released_on: date


class NotificationSeen(SQLModel, table=True):
    """How far a user has read their notifications: every notice dated before `seen_on`, and
    those of `seen_on` itself whose keys are in `seen_keys` (a JSON list)."""

    __tablename__ = "notification_seen"
    user_id: int = Field(foreign_key="users.id", primary_key=True)
    seen_on: date
    seen_keys: str = Field(default="[]", sa_column=Column(Text, nullable=False, server_default="[]"))


class BalanceWithdrawal(SQLModel, table=True):
    """A seller's platform balance paid out to their settlement account (issue #9 item 16):
    one balanced entry debiting seller_balance and crediting settlement_payouts."""

    __tablename__ = "balance_withdrawals"
    id: int | None = Field(default=None, primary_key=True)
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    business_date: date
    amount_fen: int = money()
    entry_id: int = Field(foreign_key="journal_entries.id")
    request_key: str = Field(unique=True, max_length=80)  # the idempotency key it was made with
    created_at: datetime = Field(default_factory=now_utc)


class RatingInput(SQLModel, table=True):
    """The fingerprint of a seller's rating inputs when last rated by pre-approval, so the
    nightly run re-scores only sellers whose inputs changed (app.services.credit.rating_inputs)."""

    __tablename__ = "rating_inputs"
    seller_id: int = Field(primary_key=True, foreign_key="sellers.id")
    fingerprint: str = Field(max_length=40)
    rated_on: date


class WebSession(SQLModel, table=True):
    """A signed-in browser session, named by the signed token in the page's URL (issue #16
    item 11; app/services/accounts/web_sessions.py). `id` is the SHA-256 of the token's random
    part (the token itself is never stored); a session ends when its user signs out or it is
    idle too long, and an ended session is never resumed."""

    __tablename__ = "web_sessions"
    id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="users.id", index=True)
    audit_session: str = Field(default="", max_length=32)  # the actor's session id in the audit log
    created_at: datetime = Field(default_factory=now_utc)
    last_seen_at: datetime = Field(default_factory=now_utc, index=True)
    ended_at: datetime | None = None
    ended_why: str | None = Field(default=None, max_length=16)  # signed_out / idle
    journey: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))  # JSON


class ModelReportSnapshot(SQLModel, table=True):
    """The model report as computed for a business date (issue #16 item 16): end of day stores
    it, the back office's page reads it. `inputs` fingerprints what it was computed from (the
    scorecard's version and the settings in force); a report of other inputs is computed again."""

    __tablename__ = "model_reports"
    business_date: date = Field(primary_key=True)
    inputs: str = Field(max_length=64)
    report: str = Field(sa_column=Column(Text, nullable=False))  # JSON: app.scoring.report.ModelReport
    fit_scores: str = Field(sa_column=Column(Text, nullable=False))  # JSON: the training sample's scores
    computed_at: datetime = Field(default_factory=now_utc)


# --- The platform feed (issue 17, rules §14; app/services/feed/) ---------------------------


class PlatformSeller(SQLModel, table=True):
    """A platform seller id mapped to our seller, with where their money is paid out."""

    __tablename__ = "platform_sellers"
    platform_id: str = Field(primary_key=True, max_length=64)
    seller_id: int = Field(foreign_key="sellers.id", unique=True)
    payment_account: str = Field(max_length=64)
    joined_on: date


class PlatformShop(SQLModel, table=True):
    """A platform shop id mapped to our shop (`shop_id` is "PS" and this row's id)."""

    __tablename__ = "platform_shops"
    id: int | None = Field(default=None, primary_key=True)
    platform_id: str = Field(unique=True, max_length=64)
    shop_id: str | None = Field(default=None, foreign_key="shops.id", unique=True, max_length=16)


class PlatformOrder(SQLModel, table=True):
    """A platform order id mapped to our order; a refund's amount is kept here."""

    __tablename__ = "platform_orders"
    platform_id: str = Field(primary_key=True, max_length=64)
    order_id: int = Field(foreign_key="orders.id", unique=True)
    refunded_fen: int = money()


class FeedImport(SQLModel, table=True):
    """One run of `feed import` (or of a file `feed watch` picked up): its counts so far, kept
    by each batch's transaction, so a crashed run still shows what it had committed."""

    __tablename__ = "feed_imports"
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=300)
    started_at: datetime = Field(default_factory=now_utc, index=True)
    finished_at: datetime | None = None
    read: int = 0
    imported: int = 0
    unchanged: int = 0
    rejected: int = 0


class FeedEvent(SQLModel, table=True):
    """A feed event applied (`imported`, or `unchanged` when it changed nothing): never again."""

    __tablename__ = "feed_events"
    event_id: str = Field(primary_key=True, max_length=64)
    import_id: int = Field(foreign_key="feed_imports.id", index=True)
    type: str = Field(max_length=16)
    outcome: str = Field(max_length=12)  # imported / unchanged


class FeedReject(SQLModel, table=True):
    """A record an import refused: where it was and why, in plain words."""

    __tablename__ = "feed_rejects"
    id: int | None = Field(default=None, primary_key=True)
    import_id: int = Field(foreign_key="feed_imports.id", index=True)
    file: str = Field(max_length=300)
    line: int
    event_id: str = Field(default="", max_length=64)
    field: str = Field(default="", max_length=64)
    reason: str = Field(max_length=500)


class PaymentInstruction(SQLModel, table=True):
    """Money out or in through the payment provider (rules §14): a disbursement for every draw,
    a collection for every repayment taken from the seller's payment account, written in the
    same transaction as the loan or payment. `id` is the provider's idempotency key ("D-<loan>",
    "C-<payment>"): an instruction is never paid twice. pending → sent → confirmed / failed."""

    __tablename__ = "payment_instructions"
    id: str = Field(primary_key=True, max_length=40)
    kind: str = Field(max_length=16)  # disbursement / collection
    seller_id: int = Field(foreign_key="sellers.id", index=True)
    loan_id: int = Field(foreign_key="loans.id", index=True)
    payment_id: int | None = Field(default=None, foreign_key="payments.id")
    amount_fen: int = money()
    account: str = Field(default="", max_length=64)  # the seller's payment account, when the feed named it
    status: str = Field(default="pending", max_length=12, index=True)
    created_on: date
    batch: str | None = Field(default=None, max_length=300)  # the export file it was sent in
    sent_at: datetime | None = None
    resolved_at: datetime | None = None
    failure_reason: str = Field(default="", max_length=300)
class LoanClassification(SQLModel, table=True):
    """A loan's five-category class 五级分类 on one night (rules §13), kept per loan per night by
    end of day: the category (`app.classification.Category`, 0 = 正常 … 4 = 损失), the days past
    due it was drawn from, and the balance the allowance is charged on (outstanding principal +
    interest and penalty receivable)."""

    __tablename__ = "loan_classifications"
    business_date: date = Field(primary_key=True)
    loan_id: int = Field(primary_key=True)  # no foreign key or second index: a million rows a night
    category: int
    dpd: int
    balance_fen: int = money()


class ClassificationTotal(SQLModel, table=True):
    """One category's loans, balance, allowance rate (basis points of the balance) and required
    allowance on one night (rules §13); the allowance posted that night is their sum."""

    __tablename__ = "classification_totals"
    business_date: date = Field(primary_key=True)
    category: int = Field(primary_key=True)
    loans: int = 0
    balance_fen: int = money()
    rate_bp: int = 0
    required_fen: int = money()


class PeriodClose(SQLModel, table=True):
    """A closed month (issue #18 §5): nothing posts with a date up to `closed_through` any more."""

    __tablename__ = "period_closes"
    month: date = Field(primary_key=True)  # the month's first day
    closed_through: date  # the month's last day
    closed_by: int | None = Field(default=None, foreign_key="users.id")
    closed_at: datetime = Field(default_factory=now_utc)


class PeriodCloseBalance(SQLModel, table=True):
    """The trial balance of a closed month as stored at its close: each account's movement in the
    month and its closing balance (debit − credit, fen)."""

    __tablename__ = "period_close_balances"
    month: date = Field(primary_key=True, foreign_key="period_closes.month")
    account: str = Field(primary_key=True, max_length=32)
    movement_fen: int = money()
    closing_fen: int = money()
