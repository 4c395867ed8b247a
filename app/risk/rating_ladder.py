"""The rating ladder (rules §9): where a decision stands, to tell how far a rating fell."""

from __future__ import annotations

from app.config import DEFAULT_CONFIG, DecisionStatus

# The bands' names and order: product settings change a band's cut-off, credit multiple and
# advance rate (`app.services.store.product_settings`), never its name or place.
BAND_NAMES = tuple(band.name for band in DEFAULT_CONFIG.bands)


def rating_level(status: str, band: str) -> int:
    """A decision's place on the rating ladder (rules §9): AAA = 0 … BB = 4, manual
    review the band below BB (5), declined or ineligible the one below that (6)."""
    if status == DecisionStatus.APPROVED and band in BAND_NAMES:
        return BAND_NAMES.index(band)
    return len(BAND_NAMES) if status == DecisionStatus.MANUAL_REVIEW else len(BAND_NAMES) + 1
