"""One search over every public kind: parameters checked, results ranked, snippets marked.

The page /tim-kiem/ and the API /api/v1/search both call `search()`; a bad parameter raises
`SearchError` with a message in Vietnamese, which each shows in its own way.
"""

import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import engine
from .index import CATEGORIES, KINDS, sort_key
from .models import QueryStat, Vocabulary
from .text import MAX_QUERY_CHARS, fold, parse_query, syllables

PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
SNIPPET_CHARS = 240


class SearchError(ValueError):
    """A parameter the search cannot take; the message says why, for the reader."""


@dataclass
class Hit:
    title: str
    url: str
    kind: str
    kind_label: str
    published_at: datetime
    snippet: str  # HTML: escaped text around <mark> tags
    score: int
    promoted: bool = False


@dataclass
class Results:
    query: str
    count: int = 0
    count_exact: bool = True
    page: int = 1
    page_size: int = PAGE_SIZE
    hits: list = field(default_factory=list)
    promoted: list = field(default_factory=list)
    suggestion: str = ""

    @property
    def first_rank(self):
        return (self.page - 1) * self.page_size + 1

    @property
    def pages(self):
        reachable = min(self.count, engine.MAX_RESULTS)
        return max(1, -(-reachable // self.page_size))


@dataclass
class Filters:
    kind: str | None = None
    category: int | None = None
    unit: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def terms(self):
        terms = []
        if self.kind:
            terms.append(f"k:{self.kind}")
        if self.category:
            terms.append(f"c:{self.category}")
        if self.unit:
            terms.append(f"u:{self.unit}")
        return terms

    def bounds(self):
        tz = timezone.get_current_timezone()
        low = high = None
        if self.date_from:
            low = sort_key(timezone.make_aware(datetime.combine(self.date_from, time.min), tz))
        if self.date_to:
            end = datetime.combine(self.date_to + timedelta(days=1), time.min)
            high = sort_key(timezone.make_aware(end, tz)) - 1
        return low, high


# --- parameters ------------------------------------------------------------------------------


def parse_date(value, name):
    if value in (None, ""):
        return None
    value = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise SearchError(
        _("“%(name)s” không đúng dạng ngày: hãy viết ngày/tháng/năm, ví dụ 29/01/2016.")
        % {"name": name}
    )


def parse_positive(value, name, default, maximum=None):
    if value in (None, ""):
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number < 1 or (maximum and number > maximum):
        if maximum:
            raise SearchError(
                _("“%(name)s” phải là số nguyên từ 1 đến %(max)s.") % {"name": name, "max": maximum}
            )
        raise SearchError(_("“%(name)s” phải là số nguyên dương.") % {"name": name})
    return number


def parse_filters(*, kind=None, category=None, unit=None, date_from=None, date_to=None):
    filters = Filters()
    if kind:
        if kind not in KINDS:
            names = ", ".join(KINDS)
            raise SearchError(
                _("Không có loại nội dung “%(kind)s”. Các loại: %(names)s.")
                % {"kind": str(kind)[:40], "names": names}
            )
        filters.kind = kind
    if category not in (None, ""):
        value = str(category).strip()
        if not (value.isdigit() and len(value) < 12 and CATEGORIES["exists"](int(value))):
            raise SearchError(_("Không có chuyên mục này."))
        filters.category = int(value)
    if unit not in (None, ""):
        from congdoan.org.models import Unit

        found = Unit.objects.filter(code__iexact=str(unit).strip()[:50]).first()
        if found is None:
            raise SearchError(_("Không có đơn vị mang mã “%(code)s”.") % {"code": str(unit)[:50]})
        filters.unit = found.pk
    filters.date_from = parse_date(date_from, _("Từ ngày"))
    filters.date_to = parse_date(date_to, _("Đến ngày"))
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise SearchError(_("“Từ ngày” phải trước hoặc bằng “đến ngày”."))
    return filters


# --- the search ------------------------------------------------------------------------------


def search(text, *, filters=None, sort="relevance", page=1, page_size=PAGE_SIZE, record=True):
    if sort not in ("relevance", "date"):
        raise SearchError(_("Cách sắp xếp phải là “relevance” (liên quan) hoặc “date” (ngày)."))
    if text is not None and len(str(text)) > 10 * MAX_QUERY_CHARS:
        text = str(text)[: 10 * MAX_QUERY_CHARS]
    filters = filters or Filters()
    query = parse_query(text)
    results = Results(query=query.text, page=page, page_size=page_size)
    if not query:
        return results
    start = (page - 1) * page_size
    if start >= engine.MAX_RESULTS:
        raise SearchError(
            _("Chỉ xem được %(max)s kết quả đầu; hãy thu hẹp tìm kiếm.")
            % {"max": f"{engine.MAX_RESULTS:,}".replace(",", ".")}
        )
    stop = min(start + page_size, engine.MAX_RESULTS)
    low, high = filters.bounds()
    base = engine.Condition(must=query.required + filters.terms(), low=low, high=high)
    found, ranked = engine.rank(query, base, start, stop, by_date=sort == "date")
    results.count = min(found, engine.COUNT_CAP)
    results.count_exact = found <= engine.COUNT_CAP
    scores = dict(ranked)
    for entry in engine.entries(list(scores)):
        results.hits.append(_hit(entry, scores[entry.id], query))
    if page == 1:
        results.promoted = promotions(query.text)
    if not found:
        suggestion = suggest(query)
        # Only a suggestion that finds something is worth showing.
        corrected = parse_query(suggestion)
        if corrected and engine.count(
            engine.Condition(must=corrected.required + filters.terms(), low=low, high=high), cap=1
        ):
            results.suggestion = suggestion
    if record:
        record_query(query.text, found=bool(found))
    return results


def _hit(entry, score, query):
    kind = KINDS.get(entry.kind)
    return Hit(
        title=entry.title,
        url=entry.url,
        kind=entry.kind,
        kind_label=str(kind.label) if kind else entry.kind,
        published_at=entry.published_at,
        snippet=snippet(entry.text or entry.title, query.words),
        score=score,
    )


def snippet(text, words, length=SNIPPET_CHARS):
    """The passage of `text` holding most of the query's syllables, escaped, with each matched
    syllable in <mark>."""
    text = re.sub(r"\s+", " ", text or "").strip()
    folded = fold(text)
    wanted = set(words)
    spans = [(m.start(), m.end()) for m in re.finditer(r"[a-z0-9]+", folded) if m.group() in wanted]
    if spans:
        # The window starting at a match that holds the most matches (two pointers: linear).
        best, best_count, last = spans[0][0], 0, 0
        for index, (first, _) in enumerate(spans):
            last = max(last, index)
            while last + 1 < len(spans) and spans[last + 1][1] <= first + length:
                last += 1
            if last - index + 1 > best_count:
                best, best_count = first, last - index + 1
        start = max(0, best - length // 4)
        if start:
            # Begin at a word, unless the text has no space nearby (pasted data).
            space = text.rfind(" ", max(0, start - 30), start)
            start = space + 1 if space != -1 else start
    else:
        start = 0
    end = min(len(text), start + length)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    out = ["…" if start else ""]
    position = start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[position:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        position = e
    out.append(escape(text[position:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)


def promotions(text):
    """Editors' chosen results (Wagtail's search promotions) for this query, however typed."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    key = fold(text).strip()
    if not key:
        return []
    found = []
    for promotion in SearchPromotion.objects.select_related("query", "page").order_by("sort_order"):
        if fold(promotion.query.query_string).strip() != key:
            continue
        page = promotion.page
        if page is not None:
            if not page.live or page.get_view_restrictions().exists():
                continue
            url, title = page.url, page.title
        else:
            url, title = promotion.external_link_url, promotion.external_link_text
        if url:
            found.append(
                Hit(
                    title=title,
                    url=url,
                    kind="promoted",
                    kind_label=_("Kết quả đề xuất"),
                    published_at=None,
                    snippet=escape(promotion.description or ""),
                    score=0,
                    promoted=True,
                )
            )
    return found


def suggest(query):
    """A likely query when nothing was found: each unknown syllable replaced by the nearest
    known one (one letter off), then the diacritics most often written for the whole."""
    words = list(query.words)
    if not words:
        return ""
    known = set(Vocabulary.objects.filter(folded__in=set(words)).values_list("folded", flat=True))
    changed = False
    for index, word in enumerate(words):
        if word in known:
            continue
        candidates = _edits(word)
        best = (
            Vocabulary.objects.filter(folded__in=candidates)
            .values_list("folded", flat=True)
            .order_by("-count")
            .first()
        )
        if best:
            words[index] = best
            changed = True
    # Matching ignores diacritics: only a corrected syllable can find what the query did not.
    return _restore(words) if changed else ""


def _edits(word):
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
    edits |= {a + c + b for a, b in splits for c in letters}
    edits.discard(word)
    return edits


def _restore(words):
    """Diacritics for folded syllables: pairs as written most often, else single syllables."""
    forms = {}
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
    for folded, accented in (
        Vocabulary.objects.filter(folded__in=set(words) | set(pairs))
        .order_by("folded", "-count")
        .values_list("folded", "accented")
    ):
        forms.setdefault(folded, accented)
    out = []
    index = 0
    while index < len(words):
        pair = " ".join(words[index : index + 2])
        if index + 1 < len(words) and pair in forms:
            out += forms[pair].split(" ")
            index += 2
        else:
            out.append(forms.get(words[index], words[index]))
            index += 1
    return " ".join(out)


def record_query(text, *, found):
    key = " ".join(w for w, _ in syllables(text))[:200]
    if not key:
        return
    month = timezone.localdate().replace(day=1)
    updated = QueryStat.objects.filter(month=month, query=key).update(
        searches=F("searches") + 1, empty=F("empty") + (0 if found else 1)
    )
    if not updated:
        _, created = QueryStat.objects.get_or_create(
            month=month, query=key, defaults={"searches": 1, "empty": 0 if found else 1}
        )
        if not created:
            record_query(text, found=found)
