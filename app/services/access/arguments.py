"""The arguments of the feed's and the payouts' services, checked before anything runs: a value
that cannot be right is refused with `FeedRefused` and a reason."""

from __future__ import annotations

from pathlib import Path

from app.errors import FeedRefused
from app.i18n import text
from app.services.access.inputs import is_clean_text, shown


def whole_number(value: object, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise FeedRefused(text("feed.arg.number", value=shown(value), low=str(low), high=str(high)))
    return value


def clean(value: object, max_len: int) -> str:
    if not is_clean_text(value, max_len=max_len):
        raise FeedRefused(text("feed.arg.text", value=shown(value)))
    return value


def paths(values: object) -> list[Path]:
    """Existing files or folders, given as a list or tuple of paths."""
    if not isinstance(values, (list, tuple)) or not values \
            or not all(isinstance(v, (str, Path)) and "\x00" not in str(v) and str(v) for v in values):
        raise FeedRefused(text("feed.arg.paths"))
    found = [Path(v) for v in values]
    for path in found:
        try:
            exists = path.exists()
        except (OSError, ValueError):  # a name the file system cannot hold
            exists = False
        if not exists:
            raise FeedRefused(text("feed.arg.missing", path=shown(str(path))))
    return found


def folder(value: object) -> Path:
    if not isinstance(value, (str, Path)):
        raise FeedRefused(text("feed.arg.paths"))
    [path] = paths([value])
    if not path.is_dir():
        raise FeedRefused(text("feed.arg.folder", path=shown(str(path))))
    return path
