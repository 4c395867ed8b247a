"""The catalogue: key → (English, 简体中文). One lookup, kept in several files so the
services' texts, the portal's labels and the risk operations' texts can be edited apart."""

from app.texts.risk import RISK_TEXTS
from app.texts.services import SERVICE_TEXTS
from app.texts.ui import UI_TEXTS

_parts = (SERVICE_TEXTS, UI_TEXTS, RISK_TEXTS)
_overlap = {key for i, a in enumerate(_parts) for b in _parts[i + 1:] for key in a.keys() & b.keys()}
if _overlap:
    raise RuntimeError(f"catalogue keys defined twice: {sorted(_overlap)}")

CATALOGUE: dict[str, tuple[str, str]] = {**SERVICE_TEXTS, **UI_TEXTS, **RISK_TEXTS}
