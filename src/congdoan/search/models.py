"""The search index: one row per public item, whatever app it comes from.

An entry's primary key is its *sort key*: newer items have larger keys (publication time in
seconds, shifted, plus a few bits to keep keys unique), so "newest first" is a walk down the
primary key on both databases, and SQLite's FTS5 table, whose rowid is that key, can stop after
the first page of a million matches instead of sorting them.

Terms (see text.py) live in `terms`: a tsvector on PostgreSQL (with a GIN index, migration
0002), plain text on SQLite (where the FTS5 table `search_fts`, kept in step by triggers,
indexes them).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

SORT_KEY_SHIFT = 12  # 4.096 items published in the same second keep distinct keys


class TermsField(models.TextField):
    """Space-separated terms; stored as a tsvector (without positions) on PostgreSQL."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"

    def get_placeholder(self, value, compiler, connection):
        if connection.vendor == "postgresql":
            return "array_to_tsvector(string_to_array(%s, ' '))"
        return "%s"


class SearchEntry(models.Model):
    id = models.BigIntegerField(primary_key=True)
    kind = models.CharField(_("loại nội dung"), max_length=20)
    object_id = models.CharField(max_length=64)
    title = models.CharField(_("tiêu đề"), max_length=500)
    url = models.CharField(max_length=1000)
    published_at = models.DateTimeField(_("ngày đăng"))
    text = models.TextField(_("nội dung"), blank=True)
    terms = TermsField()

    class Meta:
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("mục tìm kiếm")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object")
        ]

    def __str__(self):
        return self.title


class QueryStat(models.Model):
    """How often a query was asked in a month, and how often it found nothing."""

    month = models.DateField(_("tháng"))
    query = models.CharField(_("từ khóa"), max_length=200)
    searches = models.PositiveIntegerField(_("số lượt tìm"), default=0)
    empty = models.PositiveIntegerField(_("số lượt không thấy gì"), default=0)

    class Meta:
        verbose_name = _("thống kê từ khóa")
        verbose_name_plural = _("thống kê từ khóa")
        constraints = [
            models.UniqueConstraint(fields=["month", "query"], name="search_querystat_unique")
        ]
        indexes = [models.Index(fields=["month", "-searches"])]

    def __str__(self):
        return f"{self.month:%m/%Y} {self.query}"


class Vocabulary(models.Model):
    """Syllables and syllable pairs of the indexed titles: folded, as written, and how often.
    "Did you mean" suggestions are made of them."""

    folded = models.CharField(max_length=100)
    accented = models.CharField(max_length=100)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["folded", "accented"], name="search_vocabulary_unique")
        ]

    def __str__(self):
        return f"{self.folded} → {self.accented}"
