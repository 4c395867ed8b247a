"""Typed refusals. Each message is fit to show a seller as it stands.

Services raise these before anything is written (or inside the transaction,
which is then rolled back), so a refusal never leaves a trace in the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.i18n import Text


class LendingError(Exception):
    """A refusal with a message a seller can read, in either language.

    Raised with a catalogue `Text`; `str(error)` is the English message,
    `error.render(lang)` the reader's."""

    def __init__(self, message: Text):
        super().__init__(str(message))
        self.text = message

    def render(self, lang: str = "en") -> str:
        return self.text.render(lang)


class SystemBusy(LendingError):
    """Concurrent requests kept conflicting; nothing was changed, try again."""


class InvalidAmount(LendingError, ValueError):
    """An amount a person typed that is not a valid money amount."""


class PermissionDenied(LendingError):
    pass


class NotFound(LendingError):
    pass


class LoanNotFound(NotFound):
    pass


class SellerNotFound(NotFound):
    pass


class BelowMinimumDraw(LendingError):
    pass


class LimitExceeded(LendingError):
    pass


class CombinedCapExceeded(LimitExceeded):
    pass


class LenderCapacityExceeded(LimitExceeded):
    pass


class ProductUnavailable(LendingError):
    pass


class DrawBlocked(LendingError):
    """No draws while a loan is overdue or the seller is blacklisted."""


class OrderNotEligible(LendingError):
    pass


class AgreementNotAccepted(LendingError):
    pass


class InvalidTerm(LendingError):
    pass


class PaymentExceedsPayoff(LendingError):
    pass


class LoanClosed(LendingError):
    pass


class IdempotencyConflict(LendingError):
    """The same idempotency key was used for a different request."""


class EndOfDayError(LendingError):
    pass


class TimeTravelInterrupted(LendingError):
    """An earlier `advance-days` run was interrupted and this one is not the same run."""


class EndOfDayRunning(EndOfDayError):
    """Another end of day holds the run lock (`app.services.end_of_day.lock`)."""


class OrderNotSettleable(LendingError):
    pass


class FeedRefused(LendingError):
    """A feed import, watch or payout request whose arguments cannot be right (no such file, a
    batch size that is not a whole number, …); nothing was changed."""


class FeedUnreadable(FeedRefused):
    """A feed file that could not be read to its end (a broken gzip, bytes that are not UTF-8)."""


class DrawNotCancellable(LendingError):
    """A failed disbursement whose loan has taken payments: reverse them first."""


class PayoutResultRefused(LendingError):
    """A payment provider's result file that cannot be applied as it stands."""


class WithdrawalRefused(LendingError):
    """A platform-balance withdrawal refused: something is overdue, or it is above the balance."""


class ReviewRefused(LendingError):
    pass


class RecoveryRefused(LendingError):
    """A credit-recovery plan that cannot be made (rules §9)."""


class CorrectionRefused(LendingError):
    """A correction that cannot be proposed, approved or rejected (maker-checker)."""


class PeriodClosed(LendingError):
    """A posting dated in a closed month (issue #18 §5): nothing was written."""


class CloseRefused(LendingError):
    """A month that cannot be closed (already closed, end of day not past its end, …)."""


class ReportRefused(LendingError):
    """A report asked for without the dates or account it needs, or one that does not exist."""


class SettingRefused(LendingError):
    """A product setting value outside its allowed range, or settings that disagree."""


class ContactRefused(LendingError):
    """A collections contact that cannot be logged (no note, a promise date in the past, …)."""


class InvalidApplication(LendingError):
    """Every problem of the form, each a catalogue text; `str()` joins them in English."""

    def __init__(self, problems: list[Text]):
        super().__init__(" ".join(str(p) for p in problems))
        self.problems = problems

    def render(self, lang: str = "en") -> str:
        from app.i18n import render

        return " ".join(render(p, lang) for p in self.problems)


class SignInFailed(LendingError):
    """Wrong username or password (which of the two is never said)."""


class LoginLocked(SignInFailed):
    """Too many failures: the login is locked for a while."""


class SignInBusy(LendingError):
    """Too many sign-ins are checking passwords at once: try again in a moment (nothing was counted)."""


class ActivationFailed(LendingError):
    """Wrong username or code, or the login is already active."""


class PasswordTooWeak(ActivationFailed):
    pass


# --- not refusals a seller reads ---------------------------------------------------------------


class InvalidResidentId(ValueError):
    """The ID number is malformed; the message says how.

    `reason` is the catalogue text (key "resident_id.…"); `str()` is its English."""

    def __init__(self, reason: Text):
        super().__init__(str(reason))
        self.reason = reason


class UnbalancedEntry(ValueError):
    """A journal entry whose debits and credits differ, or with a negative amount."""


class DemoAlreadySeeded(Exception):
    """The database holds the demo already, or users or sellers of its own: it is not seeded."""


class UsageError(Exception):
    """Bad command-line input: printed on stderr, exit code 2."""
