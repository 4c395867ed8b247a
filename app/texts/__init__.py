"""The catalogue: key → (English, 简体中文). One lookup, kept in files so the
services' texts, the portal's labels and each piece of work's own texts can be edited apart."""

from app.texts.documents import DOCUMENT_TEXTS
from app.texts.services import SERVICE_TEXTS
from app.texts.ui import UI_TEXTS

_parts = (SERVICE_TEXTS, UI_TEXTS, DOCUMENT_TEXTS)
_overlap = set().union(*(a.keys() & b.keys() for i, a in enumerate(_parts) for b in _parts[i + 1:]))
if _overlap:
    raise RuntimeError(f"catalogue keys defined twice: {sorted(_overlap)}")

CATALOGUE: dict[str, tuple[str, str]] = {**SERVICE_TEXTS, **UI_TEXTS, **DOCUMENT_TEXTS}
