"""The catalogue: key → (English, 简体中文). One lookup, kept in several files so the
services' texts, the portal's labels and the back office's can be edited apart; a key
defined in two files is an error."""

from collections import Counter

from app.texts.backoffice import BACKOFFICE_TEXTS
from app.texts.books import BOOKS_TEXTS
from app.texts.documents import DOCUMENT_TEXTS
from app.texts.feed import FEED_TEXTS
from app.texts.portal import PORTAL_TEXTS
from app.texts.risk import RISK_TEXTS
from app.texts.services import SERVICE_TEXTS
from app.texts.staff import STAFF_TEXTS
from app.texts.ui import UI_TEXTS

_PARTS = (SERVICE_TEXTS, UI_TEXTS, BACKOFFICE_TEXTS, RISK_TEXTS, PORTAL_TEXTS, DOCUMENT_TEXTS, STAFF_TEXTS,
          FEED_TEXTS, BOOKS_TEXTS)
_overlap = [key for key, n in Counter(key for part in _PARTS for key in part).items() if n > 1]
if _overlap:
    raise RuntimeError(f"catalogue keys defined twice: {sorted(_overlap)}")

CATALOGUE: dict[str, tuple[str, str]] = {key: value for part in _PARTS for key, value in part.items()}
