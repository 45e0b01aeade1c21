"""Word tokenisation shared by the topic scorers: lower-cased Unicode word runs, accents kept."""

import re

_WORD = re.compile(r"[^\W_]+")


def word_tokens(text: str | None) -> list[str]:
    return _WORD.findall(text.lower()) if text else []
