"""Vietnamese text for search: syllables, folded and accented index terms, parsed queries.

Members type on phones, often without diacritics, so everything is matched on folded
syllables ("Công Đoàn" -> "cong doan", đ -> d). The index also holds, for each document:

- bigrams of adjacent syllables ("cong_doan"), so "syllables next to each other" is a plain
  term lookup that an inverted index answers without reading positions;
- the same terms of the title alone ("t:cong_doan"), so title matches can rank first;
- accented syllables written in ASCII ("a:co6ng" for "công"), so a query typed with diacritics
  can rank the items with exactly those diacritics first;
- filter terms ("k:news", "c:42", "u:7"), so filters are answered by the same index.

Terms are ASCII letters, digits, "_" and ":" only: safe to quote in an FTS5 or tsquery string.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

MAX_QUERY_CHARS = 200
MAX_QUERY_SYLLABLES = 12

# A syllable: letters and digits (after folding); everything else separates.
_WORD = re.compile(r"[a-z0-9]+")
# Combining marks of Vietnamese, written as digits in accented terms.
_MARKS = {
    "\u0300": "2",  # huyền
    "\u0301": "1",  # sắc
    "\u0303": "4",  # ngã
    "\u0309": "3",  # hỏi
    "\u0323": "5",  # nặng
    "\u0302": "6",  # circumflex: â ê ô
    "\u0306": "8",  # breve: ă
    "\u031b": "7",  # horn: ơ ư
}


@lru_cache(maxsize=8192)  # indexing folds every character: a third of its time saved
def fold_char(char):
    """One character folded to at most one: 'ộ' -> 'o', 'Đ' -> 'd', marks -> ''.
    Ð and ð (Icelandic eth) stand in for Đ in text typed with the wrong keyboard."""
    if char in "đĐÐð":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    if unicodedata.category(base) == "Mn":
        return ""
    return base.lower() if base.isascii() else char.lower()


def fold_keep_length(text):
    """Folded text with one character for each character of NFC `text`: positions found in
    the folded text are positions in the original, for marking snippets."""
    return "".join(fold_char(char) or " " for char in text)


def fold(text):
    return fold_keep_length(unicodedata.normalize("NFC", text or ""))


_TONES = "12345"


@lru_cache(maxsize=65536)
def accent_key(syllable):
    """'Đoàn' -> 'ddoan2': the syllable's letters with its marks as digits, in ASCII. Vowel
    marks (â, ơ, ă) stay after their letter; the tone goes last, so the old and the new
    placement of the tone ('hoà', 'hòa') give the same key."""
    out, tone = [], ""
    for char in unicodedata.normalize("NFD", syllable.lower()):
        if char in "đðÐ":
            out.append("dd")
        elif char in _MARKS:
            if _MARKS[char] in _TONES:
                tone = _MARKS[char]
            else:
                out.append(_MARKS[char])
        elif char.isascii():
            out.append(char)
    return "".join(out) + tone


def has_marks(syllable):
    return syllable.lower() != fold(syllable)


MAX_SYLLABLE_CHARS = 40  # longer "words" are codes or pasted data: not indexed


def syllables(text):
    """The syllables of `text` as (folded, original) pairs, in order."""
    text = unicodedata.normalize("NFC", text or "")
    folded = fold_keep_length(text)
    return [
        (m.group(), text[m.start() : m.end()])
        for m in _WORD.finditer(folded)
        if m.end() - m.start() <= MAX_SYLLABLE_CHARS
    ]


def bigrams(words):
    return [f"{a}_{b}" for a, b in itertools.pairwise(words)]


def document_terms(title, body, filters=()):
    """The index terms of one document, as a set."""
    title_words = syllables(title)
    body_words = syllables(body)
    terms = set(filters)
    for words in (title_words, body_words):
        folded = [w for w, _ in words]
        terms.update(folded)
        terms.update(bigrams(folded))
        terms.update("a:" + accent_key(original) for _, original in words)
    title_folded = [w for w, _ in title_words]
    terms.update("t:" + w for w in title_folded)
    terms.update("t:" + b for b in bigrams(title_folded))
    return terms


@dataclass
class Query:
    """A parsed query: its syllables, its quoted phrases, and the accented forms typed."""

    text: str
    words: list = field(default_factory=list)
    phrases: list = field(default_factory=list)
    accented: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.words)

    @property
    def required(self):
        """Terms every result holds: each syllable, and each quoted phrase's bigrams."""
        terms = list(dict.fromkeys(self.words))
        for phrase in self.phrases:
            terms += [b for b in bigrams(phrase) if b not in terms]
        return terms

    @property
    def adjacent(self):
        """Terms of the whole query written as one phrase."""
        return bigrams(self.words)

    @property
    def title_adjacent(self):
        return ["t:" + term for term in (self.adjacent or self.words)]

    @property
    def title_words(self):
        return ["t:" + word for word in dict.fromkeys(self.words)]

    @property
    def accent_terms(self):
        return ["a:" + key for key in dict.fromkeys(self.accented)]


def parse_query(text):
    """Parse what a reader typed. Never fails: hostile or empty input gives an empty query."""
    text = unicodedata.normalize("NFC", str(text or ""))[:MAX_QUERY_CHARS]
    words, phrases, accented = [], [], []
    for index, part in enumerate(text.split('"')):
        found = syllables(part)[: MAX_QUERY_SYLLABLES - len(words)]
        if not found:
            continue
        folded = [w for w, _ in found]
        words += folded
        accented += [accent_key(original) for _, original in found if has_marks(original)]
        if index % 2 == 1 and len(folded) > 1:
            phrases.append(folded)
    return Query(text=text.strip(), words=words, phrases=phrases, accented=accented)
