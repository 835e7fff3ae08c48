"""Writing the search index: apps register their searchable kinds, entries follow publishing.

An app registers a kind with a function that turns one of its objects into a `Document` (or
None when the object is not public) and a function listing every object to index. The app's
signals call `index_object` / `remove_object`; `reindex` rebuilds everything.
"""

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction

from . import fulltext
from .models import SORT_KEY_SHIFT, SearchEntry, Vocabulary
from .text import document_terms, syllables

KINDS = {}


@dataclass
class Kind:
    name: str
    label: str
    document: object  # callable(obj) -> Document | None
    objects: object  # callable() -> iterable of objects, for reindex
    key: object = str  # callable(obj) -> the object's id in the index


@dataclass
class Document:
    title: str
    url: str
    published_at: datetime
    text: str = ""
    categories: list = field(default_factory=list)  # ids of the categories it is under
    units: list = field(default_factory=list)  # ids of its unit and the units above it


def register(name, label, *, document, objects, key=str):
    KINDS[name] = Kind(name=name, label=label, document=document, objects=objects, key=key)


# Categories belong to the app that has them (news): it says which ids exist and how the
# search form lists them, so search needs no import of it.
CATEGORIES = {"exists": lambda pk: False, "choices": list}


def register_categories(*, exists, choices):
    CATEGORIES.update(exists=exists, choices=choices)


def filter_terms(kind, document):
    return (
        [f"k:{kind}"]
        + [f"c:{pk}" for pk in document.categories]
        + [f"u:{pk}" for pk in document.units]
    )


def sort_key(moment):
    return int(moment.timestamp()) << SORT_KEY_SHIFT


def _free_key(moment, taken=None):
    """The first free sort key of the publication second (items of the same second are
    still ordered, by the order they were indexed). `taken`, when given, holds every key in
    use, so a rebuild does not ask the database for each item."""
    base = sort_key(moment)
    while True:
        top = base + (1 << SORT_KEY_SHIFT) - 1
        used = taken
        if used is None:
            used = set(
                SearchEntry.objects.filter(id__gte=base, id__lte=top).values_list("id", flat=True)
            )
        for key in range(base, top + 1):
            if key not in used:
                return key
        # 4.096 items in one second: the next ones take the keys of the second before.
        base -= 1 << SORT_KEY_SHIFT


def _entry(kind, key, document, entry_id):
    terms = document_terms(document.title, document.text, filter_terms(kind, document))
    return SearchEntry(
        id=entry_id,
        kind=kind,
        object_id=key,
        title=document.title[:500],
        url=document.url[:1000],
        published_at=document.published_at,
        text=document.text,
        terms=" ".join(sorted(terms)),
    )


def _delete(kind, keys=None):
    """Take entries of `kind` out (those of `keys`, or all), with what they counted."""
    entries = SearchEntry.objects.filter(kind=kind)
    if keys is not None:
        entries = entries.filter(object_id__in=keys)
    remove_vocabulary(list(entries.values_list("title", flat=True)))
    entries.delete()


def index_object(kind, obj):
    """Put one object in the index as it is now, or take it out when it is not public."""
    registered = KINDS[kind]
    key = registered.key(obj)
    document = registered.document(obj)
    with transaction.atomic():
        _delete(kind, [key])
        if document is None:
            return None
        entry = _entry(kind, key, document, _free_key(document.published_at))
        entry.save(force_insert=True)
        add_vocabulary([document.title])
    return entry


def remove_object(kind, key):
    with transaction.atomic():
        _delete(kind, [str(key)])


def _title_forms(titles):
    forms = Counter()
    for title in titles:
        words = syllables(title)
        for folded, original in words:
            forms[(folded, original.lower())] += 1
        pairs = [(f"{a[0]} {b[0]}", f"{a[1]} {b[1]}".lower()) for a, b in itertools.pairwise(words)]
        forms.update(pairs)
    return forms


def add_vocabulary(titles):
    forms = _title_forms(titles)
    if not forms:
        return
    existing = {
        (row.folded, row.accented): row
        for row in Vocabulary.objects.filter(folded__in={folded for folded, _ in forms})
    }
    new, changed = [], []
    for (folded, accented), count in forms.items():
        if len(folded) > 100 or len(accented) > 100:
            continue
        row = existing.get((folded, accented))
        if row is None:
            new.append(Vocabulary(folded=folded, accented=accented, count=count))
        else:
            row.count += count
            changed.append(row)
    Vocabulary.objects.bulk_create(new, ignore_conflicts=True)
    Vocabulary.objects.bulk_update(changed, ["count"])


def remove_vocabulary(titles):
    """Take back what `add_vocabulary` counted for these titles: suggestions follow what the
    index holds now, not every version ever published."""
    forms = _title_forms(titles)
    if not forms:
        return
    rows = Vocabulary.objects.filter(folded__in={folded for folded, _ in forms})
    changed, gone = [], []
    for row in rows:
        count = forms.get((row.folded, row.accented))
        if not count:
            continue
        row.count -= count
        (changed if row.count > 0 else gone).append(row)
    Vocabulary.objects.bulk_update(changed, ["count"])
    Vocabulary.objects.filter(pk__in=[row.pk for row in gone]).delete()


def clear():
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        Vocabulary.objects.all().delete()


def reindex(kinds=None, batch_size=500, progress=None):
    """Rebuild the index of the given kinds (all by default). Returns the count per kind."""
    counts = {}
    titles = []
    if not kinds:
        clear()
    for name in kinds or list(KINDS):
        with transaction.atomic():
            _delete(name)
    # Rebuilding into an empty table on PostgreSQL: load the rows without the full-text index
    # and build it once at the end, instead of updating it row by row (the searches asked
    # meanwhile find nothing either way, the table being empty).
    bulk = connection.vendor == "postgresql" and not SearchEntry.objects.exists()
    if bulk:
        fulltext.drop()
    try:
        for name in kinds or list(KINDS):
            counts[name] = _reindex_kind(KINDS[name], titles, batch_size, progress)
    finally:
        if bulk:
            fulltext.create()
    add_vocabulary(titles)
    return counts


def _reindex_kind(registered, titles, batch_size, progress):
    taken = set(SearchEntry.objects.values_list("id", flat=True))
    batch, total = [], 0
    for obj in registered.objects():
        document = registered.document(obj)
        if progress:
            progress(registered.name)
        if document is None:
            continue
        entry_id = _free_key(document.published_at, taken)
        taken.add(entry_id)
        batch.append(_entry(registered.name, registered.key(obj), document, entry_id))
        titles.append(document.title)
        if len(batch) >= batch_size:
            total += _write_batch(batch)
            batch = []
    return total + _write_batch(batch)


def _write_batch(batch):
    if not batch:
        return 0
    with transaction.atomic():
        SearchEntry.objects.bulk_create(batch)
    return len(batch)
