"""The catalogue: key → (English, 简体中文). One lookup, kept in two files so the
services' texts and the portal's labels can be edited apart."""

from app.texts.services import SERVICE_TEXTS
from app.texts.ui import UI_TEXTS

_overlap = SERVICE_TEXTS.keys() & UI_TEXTS.keys()
if _overlap:
    raise RuntimeError(f"catalogue keys defined twice: {sorted(_overlap)}")

CATALOGUE: dict[str, tuple[str, str]] = {**SERVICE_TEXTS, **UI_TEXTS}
