"""Vietnamese text folding: 'Công Đoàn' and 'cong doan' fold to the same key."""

import re
import unicodedata

from anyascii import anyascii
from django.utils.text import slugify

_SPACES = re.compile(r"\s+")


def fold(text):
    """Lower-case, strip diacritics, đ -> d, collapse spaces."""
    if not text:
        return ""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    # Marks go (diacritics); control characters too (PostgreSQL refuses NUL in text).
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Cc"))
    return _SPACES.sub(" ", stripped).strip().lower()


def slugify_vi(text, max_length=80):
    """An ASCII slug of a Vietnamese title: 'Công đoàn Hà Nội' -> 'cong-doan-ha-noi'."""
    slug = slugify(anyascii(text or "").replace("'", ""))
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]
    return slug.strip("-") or "trang"
