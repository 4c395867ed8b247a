"""Build app/assets/fonts/MLFKai-Regular.ttf, the CJK font the PDF documents embed.

A subset of LXGW WenKai Regular (SIL Open Font License 1.1; Debian package
fonts-lxgw-wenkai) to the characters the documents need: ASCII, Latin-1, general and
CJK punctuation, full-width forms, the 3,755 level-1 characters of GB 2312 and every character
of the catalogue's Chinese texts and of the demo's names. The OFL reserves the names
"LXGW" and "霞鹜" for the original, so the subset is renamed "MLF Kai". Run it again
(`.venv/bin/python scripts/make_cjk_font.py /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf`)
after adding Chinese texts with characters outside GB 2312.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "app" / "assets" / "fonts" / "MLFKai-Regular.ttf"
FAMILY = "MLF Kai"


def gb2312() -> set[str]:
    chars = set()
    for high in range(0xB0, 0xD8):  # level 1: the 3,755 most used characters
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def wanted() -> set[str]:
    sys.path.insert(0, str(ROOT))
    from app.demo import platform
    from app.texts import CATALOGUE

    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x2000, 0x2070)} | {chr(c) for c in range(0x3000, 0x3040)}
    chars |= {chr(c) for c in range(0xFF00, 0xFF70)} | {"¥", "￥", "…", "·", "—", "→", "×", "≥", "≤"}
    chars |= gb2312()
    for _english, chinese in CATALOGUE.values():
        chars |= set(chinese)
    chars |= set(platform.SURNAMES) | set(getattr(platform, "GIVEN", ""))
    return chars


def main(source: str) -> None:
    font = TTFont(source)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(wanted())))
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            names.setName(f"{FAMILY} Regular", 4, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName("MLFKai-Regular", 6, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 3:
            names.setName("MLFKai-Regular-subset", 3, record.platformID, record.platEncID, record.langID)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(TARGET)
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
