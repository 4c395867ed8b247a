"""A small PDF writer for the documents a borrower keeps (issue #9 item 15), on fpdf2.

Chinese needs a CJK font embedded in the file. The repository ships one:
`app/assets/fonts/MLFKai-Regular.ttf`, an OFL-licensed subset of LXGW WenKai (the characters of
GB 2312 level 1 and of the catalogue; `scripts/make_cjk_font.py` rebuilds it, the licence is
beside it). fpdf2 embeds only the glyphs a document uses. If no CJK font can be found, the
document falls back to the built-in Helvetica and is written in English — never a broken file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "assets" / "fonts"
CJK_FONTS: tuple[Path, ...] = (FONT_DIR / "MLFKai-Regular.ttf",)
FALLBACK_FAMILY = "helvetica"


def cjk_font() -> Path | None:
    """The first CJK font file that exists, or None."""
    return next((path for path in CJK_FONTS if path.is_file()), None)


class Pdf:
    """An A4 document in one language: a title, paragraphs, label/value pairs and tables."""

    def __init__(self, lang: str, *, title: str = "", author: str = "Microloan Factory") -> None:
        # fpdf2 is imported with the first document, not with this module: the loan page shows a
        # PDF button on every visit, and the import alone took 0.4 s of its first visit.
        from fpdf import FPDF
        from fpdf.enums import XPos, YPos

        self._next_line = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
        font = cjk_font()
        self.lang = lang if font is not None else "en"  # no CJK font: English only, never tofu
        self._pdf = FPDF(format="A4")
        self._pdf.set_auto_page_break(auto=True, margin=15)
        self._pdf.set_margins(15, 15, 15)
        if font is not None:
            self._pdf.add_font("cjk", fname=str(font))
            self._family = "cjk"
        else:
            self._family = FALLBACK_FAMILY
        self._pdf.set_title(self._safe(title))
        self._pdf.set_author(author)
        self._pdf.set_creator("Microloan Factory")
        self._pdf.add_page()

    @property
    def embeds_cjk(self) -> bool:
        return self._family == "cjk"

    def _safe(self, text: str) -> str:
        """Text the font can write: the core font only knows Latin-1."""
        if self._family == "cjk":
            return text
        return text.replace("—", "-").replace("–", "-").replace("·", "-").encode("latin-1", "replace") \
            .decode("latin-1")

    def _font(self, size: float) -> None:
        self._pdf.set_font(self._family, size=size)

    def heading(self, text: str, size: float = 16) -> None:
        self._font(size)
        self._pdf.multi_cell(0, size * 0.55, self._safe(text), **self._next_line)
        self._pdf.ln(2)

    def paragraph(self, text: str, size: float = 10) -> None:
        self._font(size)
        for line in text.splitlines() or [""]:
            self._pdf.multi_cell(0, size * 0.5, self._safe(line), **self._next_line)
        self._pdf.ln(1.5)

    def pairs(self, rows: Sequence[tuple[str, str]], size: float = 10) -> None:
        """Label: value lines, the labels in a column of their own."""
        self._font(size)
        for label, value in rows:
            self._pdf.cell(55, size * 0.55, self._safe(label))
            self._pdf.multi_cell(0, size * 0.55, self._safe(value), **self._next_line)
        self._pdf.ln(2)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], *, size: float = 8.5,
              right: Sequence[int] = ()) -> None:
        """A table; the columns listed in `right` (amounts) are right-aligned."""
        self._font(size)
        align = ["RIGHT" if k in right else "LEFT" for k in range(len(headers))]
        from fpdf.fonts import FontFace

        headings = FontFace(emphasis="", fill_color=(235, 235, 235))  # one regular face: no bold CJK needed
        with self._pdf.table(text_align=align, line_height=size * 0.55, first_row_as_headings=True,
                             headings_style=headings) as table:
            for values in (headers, *rows):
                row = table.row()
                for value in values:
                    row.cell(self._safe(str(value)))
        self._pdf.ln(2)

    def output(self) -> bytes:
        return bytes(self._pdf.output())
