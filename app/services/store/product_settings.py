"""Product settings (product §3; rules §2, §6.3, §7, §10): the defaults of `app/config.py`
overridden from the settings table, and the append-only trail of every change.

`effective_config(session)` is the ONE place that turns the stored overrides into the
`LendingConfig` in force; new draws, quotes and ratings read it. An open loan never does:
it keeps the rates and terms stored on its row (rules §2). Only an admin may read or change
the settings here; each change is checked (`SETTINGS[...].parse`, then `check_config` over
the whole result) and recorded in `settings_changes` with who, when, the old and new value.
Changes run one at a time (`locks.lock_settings`): each reads the values the one before it
committed, so the trail chains (a row's old value is the previous row's new value) and the
rules across settings hold for what is stored, not only for what each change saw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from sqlmodel import Session, col, select

from app.config import DEFAULT_CONFIG, LendingConfig
from app.errors import InvalidAmount, SettingRefused
from app.i18n import Text, text
from app.loans.terms import LoanTerms
from app.money import format_cny, from_fen, parse_amount, to_fen
from app.services.access.actor import ADMIN, Actor, require_role
from app.services.access.inputs import shown
from app.services.store.locks import hold_business_day, lock_settings, retry_on_conflict
from app.services.store.settings import (
    BANK_CREDIT_LINES_FEN,
    REGISTERED_CAPITAL_FEN,
    business_date,
    stored_settings,
    write_setting,
)
from db.engine import read_scope, session_scope
from db.models import SettingsChange, User

MAX_DAILY_RATE = Decimal("0.001")  # 0.1 %/day (36.5 %/yr): above that is not a product rate
PENALTY_MULTIPLIERS = (Decimal("1.3"), Decimal("1.5"))  # PBoC band: +30 % to +50 % (rules §7)
TERMS_ALLOWED = DEFAULT_CONFIG.credit_term_months  # rules §2: 1, 3, 6, 9 or 12 months
MAX_CREDIT_MULTIPLE = Decimal("5")
TRAIL_ROWS = 200
Label = str | Text  # how a refusal names the setting: its form label (a catalogue text), or its code


def _decimal(name: Label, raw: str, places: int) -> Decimal:
    try:
        if not raw.strip().isascii():  # Decimal would take full-width and other scripts' digits
            raise InvalidOperation
        value = Decimal(raw.strip())
        exact = value.is_finite() and abs(value) < 10**12 and value == value.quantize(Decimal(10) ** -places)
    except InvalidOperation:
        raise SettingRefused(text("settings.refused.not_a_number", name=name, value=raw[:40])) from None
    if not exact:
        raise SettingRefused(text("settings.refused.places", name=name, value=raw[:40], places=places))
    return value.normalize()


def _numbers(raw: str, parse: Callable[[str], object]) -> tuple:
    return tuple(parse(part) for part in raw.split(",") if part.strip())


def _daily_rate(name: Label, raw: str) -> Decimal:
    rate = _decimal(name, raw, 6)
    if not Decimal(0) < rate <= MAX_DAILY_RATE:
        raise SettingRefused(text("settings.refused.daily_rate", name=name, value=raw[:40],
                                  maximum=str(MAX_DAILY_RATE)))
    return rate


def _penalty_multiplier(name: Label, raw: str) -> Decimal:
    value = _decimal(name, raw, 2)
    low, high = PENALTY_MULTIPLIERS
    if not low <= value <= high:
        raise SettingRefused(text("settings.refused.penalty", value=raw[:40], low=str(low), high=str(high)))
    return value


def _terms(name: Label, raw: str) -> tuple[int, ...]:
    months = _numbers(raw, lambda part: int(_decimal(name, part, 0)))
    if not months or any(m not in TERMS_ALLOWED for m in months) or len(set(months)) != len(months):
        raise SettingRefused(text("settings.refused.terms", value=raw[:40],
                                  allowed=", ".join(map(str, TERMS_ALLOWED))))
    return tuple(sorted(months))


def _per_band(name: Label, raw: str, parse: Callable[[str], object]) -> tuple:
    values = _numbers(raw, parse)
    if len(values) != len(DEFAULT_CONFIG.bands):
        raise SettingRefused(text("settings.refused.per_band", name=name, count=len(DEFAULT_CONFIG.bands),
                                  bands=", ".join(b.name for b in DEFAULT_CONFIG.bands)))
    return values


def _cut_offs(name: Label, raw: str) -> tuple[int, ...]:
    scores = _per_band(name, raw, lambda part: int(_decimal(name, part, 0)))
    low, high = DEFAULT_CONFIG.manual_review_min_score + 1, DEFAULT_CONFIG.scoring.max_score
    if any(not low <= s <= high for s in scores) or any(a <= b for a, b in pairwise(scores)):
        raise SettingRefused(text("settings.refused.cut_offs", value=raw[:60], low=low, high=high))
    return scores


def _share_settings(name: Label, raw: str, places: int, maximum: Decimal) -> tuple[Decimal, ...]:
    values = _per_band(name, raw, lambda part: _decimal(name, part, places))
    if any(not Decimal(0) < v <= maximum for v in values) or any(a < b for a, b in pairwise(values)):
        raise SettingRefused(text("settings.refused.shares", name=name, value=raw[:60], maximum=str(maximum)))
    return values


def _classification_dpd(name: Label, raw: str) -> tuple[int, ...]:
    """The highest DPD of 正常, 关注, 次级 and 可疑 (rules §13): four whole numbers, strictly rising."""
    values = _numbers(raw, lambda part: int(_decimal(name, part, 0)))
    if len(values) != 4 or values[0] < 0 or any(a >= b for a, b in pairwise(values)):
        raise SettingRefused(text("settings.refused.classification_dpd", value=raw[:60]))
    return values


def _allowance_rates(name: Label, raw: str) -> tuple[Decimal, ...]:
    """Five percentages (正常 … 损失), each from 0 to 100, never falling (rules §13); kept as shares."""
    values = _numbers(raw, lambda part: _decimal(name, part, 2))
    if len(values) != 5 or any(not 0 <= v <= 100 for v in values) or any(a > b for a, b in pairwise(values)):
        raise SettingRefused(text("settings.refused.allowance_rates", value=raw[:60]))
    return tuple(v / 100 for v in values)


def _share_setting(name: Label, raw: str) -> Decimal:
    """A share more than 0 and at most 1, up to 4 places (LGD)."""
    value = _decimal(name, raw, 4)
    if not Decimal(0) < value <= 1:
        raise SettingRefused(text("settings.refused.share", name=name, value=raw[:40]))
    return value


def _percents(values: tuple) -> str:
    return ", ".join(f"{(v * 100).normalize():f}" for v in values)


def _money(name: Label, raw: str, *, zero: bool) -> Decimal:
    if zero and raw.strip().removeprefix("¥").replace(",", "").strip() in ("0", "0.0", "0.00"):
        return Decimal("0.00")
    try:
        return parse_amount(raw)
    except InvalidAmount as err:
        raise SettingRefused(text("settings.refused.money", name=name, value=raw[:40])) from err


def _band_field(field: str) -> Callable[[LendingConfig, tuple], LendingConfig]:
    def apply(cfg: LendingConfig, values: tuple) -> LendingConfig:
        bands = tuple(replace(band, **{field: value}) for band, value in zip(cfg.bands, values, strict=True))
        return replace(cfg, bands=bands)
    return apply


def _field(field: str) -> Callable[[LendingConfig, object], LendingConfig]:
    return lambda cfg, value: replace(cfg, **{field: value})


def _listed(values: tuple) -> str:
    return ", ".join(str(v) for v in values)


@dataclass(frozen=True)
class SettingSpec:
    """One editable setting: how it is parsed and checked, read from and applied to a
    `LendingConfig`, shown as text, and stored (under `key`, as `store(value)`)."""

    name: str
    parse: Callable[[str, str], object]
    read: Callable[[LendingConfig], object]
    apply: Callable[[LendingConfig, object], LendingConfig]
    show: Callable[[object], str] = str
    key: str = ""
    store: Callable[[object], str] = str
    load: Callable[[str], object] | None = None

    @property
    def setting_key(self) -> str:
        return self.key or f"config.{self.name}"

    def loaded(self, stored: str) -> object:
        return self.load(stored) if self.load else self.parse(self.name, stored)


def _spec_list() -> tuple[SettingSpec, ...]:
    fen = {"show": format_cny, "store": lambda v: str(to_fen(v)), "load": lambda s: from_fen(int(s))}
    return (
        SettingSpec("order_daily_rate", _daily_rate, lambda c: c.order_daily_rate,
                    _field("order_daily_rate")),
        SettingSpec("credit_daily_rate", _daily_rate, lambda c: c.credit_daily_rate,
                    _field("credit_daily_rate")),
        SettingSpec("penalty_multiplier", _penalty_multiplier, lambda c: c.penalty_multiplier,
                    _field("penalty_multiplier")),
        SettingSpec("credit_term_months", _terms, lambda c: c.credit_term_months,
                    _field("credit_term_months"), _listed, store=_listed),
        SettingSpec("band_cut_offs", _cut_offs, lambda c: tuple(b.min_score for b in c.bands),
                    _band_field("min_score"), _listed, store=_listed),
        SettingSpec("credit_multiples", lambda n, r: _share_settings(n, r, 2, MAX_CREDIT_MULTIPLE),
                    lambda c: tuple(b.credit_multiple for b in c.bands), _band_field("credit_multiple"),
                    _listed, store=_listed),
        SettingSpec("advance_rates", lambda n, r: _share_settings(n, r, 2, Decimal(1)),
                    lambda c: tuple(b.advance_rate for b in c.bands), _band_field("advance_rate"),
                    _listed, store=_listed),
        SettingSpec("classification_dpd", _classification_dpd, lambda c: c.classification_dpd,
                    _field("classification_dpd"), _listed, store=_listed),
        SettingSpec("allowance_rates", _allowance_rates, lambda c: c.allowance_rates,
                    _field("allowance_rates"), _percents, store=_percents),
        SettingSpec("ecl_lgd", lambda n, r: _share_setting(n, r), lambda c: c.ecl_lgd, _field("ecl_lgd")),
        SettingSpec("bank_line_daily_rate", _daily_rate, lambda c: c.bank_line_daily_rate,
                    _field("bank_line_daily_rate")),
        SettingSpec("registered_capital", lambda n, r: _money(n, r, zero=False),
                    lambda c: c.registered_capital, _field("registered_capital"),
                    key=REGISTERED_CAPITAL_FEN, **fen),
        SettingSpec("bank_credit_lines", lambda n, r: _money(n, r, zero=True),
                    lambda c: c.bank_credit_lines, _field("bank_credit_lines"),
                    key=BANK_CREDIT_LINES_FEN, **fen),
    )


SETTINGS: dict[str, SettingSpec] = {spec.name: spec for spec in _spec_list()}


def check_config(cfg: LendingConfig) -> None:
    """What must hold across settings: bank lines at most 50 % of registered capital (rules §10)."""
    cap = cfg.registered_capital * cfg.bank_lines_max_share
    if cfg.bank_credit_lines > cap:
        raise SettingRefused(text("settings.refused.bank_lines", lines=format_cny(cfg.bank_credit_lines),
                                  cap=format_cny(cap), capital=format_cny(cfg.registered_capital)))


def effective_config(session: Session) -> LendingConfig:
    """DEFAULT_CONFIG with every override stored in the settings table applied."""
    keys = {spec.setting_key: spec for spec in SETTINGS.values()}
    cfg = DEFAULT_CONFIG
    for key, value in stored_settings(session).items():
        if (spec := keys.get(key)) is not None:
            cfg = spec.apply(cfg, spec.loaded(value))
    return cfg


def loanable_funds(session: Session) -> Decimal:
    """Registered capital + bank lines, the lines capped at 50 % of capital (rules §10), as set."""
    cfg = effective_config(session)
    capital = cfg.registered_capital
    return capital + min(cfg.bank_credit_lines, capital * cfg.bank_lines_max_share)


def check_offered_term(cfg: LendingConfig, terms: LoanTerms) -> None:
    """A credit term the settings no longer offer is refused for a new draw or quote."""
    if terms.months is not None and terms.months not in cfg.credit_term_months:
        raise SettingRefused(text("draw.term.credit_months", terms=_listed(cfg.credit_term_months),
                                  months=str(terms.months)))


def offered_credit_terms() -> tuple[int, ...]:
    """The credit terms a new draw may choose now (anyone may read them)."""
    with read_scope() as session:
        return effective_config(session).credit_term_months


@dataclass(frozen=True)
class SettingRow:
    name: str
    value: str
    default: str


@dataclass(frozen=True)
class SettingsChangeRow:
    id: int
    name: str
    old_value: str
    new_value: str
    changed_by: str
    business_date: date
    changed_at: datetime


@dataclass(frozen=True)
class ProductSettings:
    settings: tuple[SettingRow, ...]
    trail: tuple[SettingsChangeRow, ...]  # newest first


def product_settings(actor: Actor) -> ProductSettings:
    """The settings in force beside their defaults, and the latest changes (admin only)."""
    require_role(actor, ADMIN)
    with read_scope() as session:
        cfg = effective_config(session)
        rows = tuple(SettingRow(s.name, s.show(s.read(cfg)), s.show(s.read(DEFAULT_CONFIG)))
                     for s in SETTINGS.values())
        return ProductSettings(rows, settings_trail(session))


def settings_trail(session: Session, limit: int = TRAIL_ROWS) -> tuple[SettingsChangeRow, ...]:
    query = (select(SettingsChange, User.username).join(User, col(User.id) == SettingsChange.changed_by,
                                                         isouter=True)
             .order_by(col(SettingsChange.id).desc()).limit(limit))
    return tuple(SettingsChangeRow(c.id, c.name, c.old_value, c.new_value, name or "—", c.business_date,
                                   c.changed_at) for c, name in session.exec(query))


@retry_on_conflict
def change_settings(actor: Actor, values: dict[str, str]) -> tuple[SettingsChangeRow, ...]:
    """Change the settings whose text differs from the one in force, all or none (admin only).

    Every value is checked, then the whole resulting configuration; a refusal writes
    nothing. Each change is stored and appended to the trail; open loans are untouched."""
    require_role(actor, ADMIN)
    if not isinstance(values, dict):
        raise SettingRefused(text("settings.refused.unknown", name=shown(values)))
    unknown = [name for name in values if name not in SETTINGS]
    if unknown:
        raise SettingRefused(text("settings.refused.unknown", name=shown(unknown[0])))
    with session_scope() as session:
        hold_business_day(session)  # the business date the trail records, read after it
        lock_settings(session)  # then every setting is read under the lock, checked and written
        before = effective_config(session)
        after, changed = _apply_changes(before, values)
        check_config(after)
        today = business_date(session)
        rows = [_record(session, actor, SETTINGS[name], before, after, today) for name in changed]
        session.flush()
        return tuple(SettingsChangeRow(r.id, r.name, r.old_value, r.new_value, "", r.business_date,
                                       r.changed_at) for r in rows)


def _apply_changes(cfg: LendingConfig, values: dict[str, str]) -> tuple[LendingConfig, list[str]]:
    changed = []
    after = cfg
    for name, raw in values.items():
        spec = SETTINGS[name]
        # a refusal names the setting as the admin's form does ("Order loan daily rate: …"), not its code
        value = spec.parse(text(f"settings.name.{name}"), str(raw)[:200])
        if value != spec.read(cfg):
            after = spec.apply(after, value)
            changed.append(name)
    return after, changed


def _record(session: Session, actor: Actor, spec: SettingSpec, before: LendingConfig, after: LendingConfig,
            today: date) -> SettingsChange:
    value = spec.read(after)
    write_setting(session, spec.setting_key, spec.store(value))
    change = SettingsChange(name=spec.name, old_value=spec.show(spec.read(before)),
                            new_value=spec.show(value), changed_by=actor.user_id, business_date=today)
    session.add(change)
    return change
