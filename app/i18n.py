"""One catalogue of every text the product shows, in English and 简体中文 (product §6).

Services never build sentences from free strings: they return or raise `Text`
values — a catalogue key and its parameters — which the UI renders in the
reader's language, and `str()` renders in English (logs, the command line).
Parameters are pre-formatted (money as `¥1,234.56`), so no language-specific
number formatting is needed. The UI's own labels live in the same catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.texts import CATALOGUE

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Text:
    key: str
    params: dict = field(default_factory=dict)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return translate(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render(DEFAULT_LANGUAGE)

    def to_json(self) -> dict:
        """A parameter that is itself a `Text` (a catalogue reason) is kept as its own key and params."""
        return {"key": self.key, "params": {name: value.to_json() if isinstance(value, Text) else value
                                            for name, value in self.params.items()}}

    @classmethod
    def from_json(cls, raw: dict) -> Text:
        return cls(raw["key"], {name: cls.from_json(value) if isinstance(value, dict) and "key" in value
                                else value for name, value in dict(raw.get("params", {})).items()})


def text(key: str, **params) -> Text:
    """A catalogue text; parameters are plain values (str, int), already formatted."""
    if key not in CATALOGUE:
        raise KeyError(f"no catalogue entry {key!r}")
    return Text(key, params)


def translate(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The entry in `lang`; a parameter that is itself a `Text` (a band name, say) is
    rendered in the same language."""
    english, chinese = CATALOGUE[key]
    template = chinese if lang == "zh" else english
    values = {name: value.render(lang) if isinstance(value, Text) else value
              for name, value in params.items()}
    return template.format(**values) if values else template


def render(value: Text, lang: str = DEFAULT_LANGUAGE) -> str:
    return value.render(lang)


def counted(key: str, n: int) -> str:
    """The key for a count of `n`: `key.one` (the singular, where the catalogue has one) for 1."""
    return f"{key}.one" if n == 1 and f"{key}.one" in CATALOGUE else key
