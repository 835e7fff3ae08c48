"""The union tree (hệ thống tổ chức công đoàn) and the roles people hold in its units.

Levels and grassroots kinds are data, not code: the 2025 restructuring replaced district
unions by ward and commune unions, and the next one may add another level.
"""

from django.conf import settings
from django.db import connection, models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from congdoan.core.text import fold


def in_subtree(path, field="path"):
    """A Q for every unit whose path starts with `path`, written so each backend uses its index.

    SQLite turns startswith into a case-insensitive LIKE that cannot use the index, so there the
    prefix becomes a range (paths are ASCII, compared byte by byte); PostgreSQL's prefix LIKE
    uses the varchar_pattern_ops index.
    """
    if connection.vendor == "sqlite":
        upper = path[:-1] + chr(ord(path[-1]) + 1)
        return models.Q(**{f"{field}__gte": path, f"{field}__lt": upper})
    return models.Q(**{f"{field}__startswith": path})


def search_key(*parts):
    """Folded words with a leading space, so ` word` finds words that start with it."""
    return " " + fold(" ".join(part for part in parts if part))


def search_filter(queryset, text, field="search_name"):
    """Units whose name, short name or code has words starting with every word of `text`."""
    for word in fold(text).split()[:8]:
        queryset = queryset.filter(**{f"{field}__contains": " " + word[:50]})
    return queryset


class BilingualName(models.Model):
    name = models.CharField(_("tên"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class UnitLevel(BilingualName):
    """A level of the tree: national, province, upper-level above grassroots, grassroots, group.

    `rank` orders the levels from the top (0); a unit's children always have a greater rank,
    which is what forbids, say, a district union under a grassroots union.
    """

    code = models.SlugField(_("mã cấp"), max_length=40, unique=True)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"))
    is_grassroots = models.BooleanField(_("là công đoàn cơ sở"), default=False)

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("cấp công đoàn")
        verbose_name_plural = _("cấp công đoàn")


class UnitKind(BilingualName):
    """The kind of a grassroots union: hành chính sự nghiệp, trường học, doanh nghiệp…"""

    code = models.SlugField(_("mã loại hình"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("loại hình công đoàn cơ sở")
        verbose_name_plural = _("loại hình công đoàn cơ sở")


def chain_ids(unit):
    """Ids of `unit` and of every unit above it, in one query (paths of the ancestors are the
    prefixes of the unit's path)."""
    if unit is None:
        return []
    step = Unit.steplen
    prefixes = [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]
    return list(Unit.objects.filter(path__in=prefixes).values_list("pk", flat=True))


class Unit(MP_Node):
    """A union organisation (tổ chức công đoàn) at any level, from the national confederation
    (Tổng Liên đoàn) down to a grassroots union (công đoàn cơ sở) and its groups.

    Units are never deleted: a dissolved or merged unit keeps its row, its figures and its
    history, so reports of earlier periods stay reproducible.
    """

    node_order_by = []
    steplen = 5

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    search_name = models.CharField(max_length=400, editable=False, db_index=True)
    level = models.ForeignKey(
        UnitLevel, on_delete=models.PROTECT, related_name="units", verbose_name=_("cấp")
    )
    kind = models.ForeignKey(
        UnitKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("loại hình"),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin"), blank=True)
    workers = models.PositiveIntegerField(_("số người lao động"), default=0)
    members = models.PositiveIntegerField(_("số đoàn viên"), default=0)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_units",
        verbose_name=_("sáp nhập vào"),
    )

    class Meta:
        verbose_name = _("đơn vị công đoàn")
        verbose_name_plural = _("đơn vị công đoàn")
        indexes = [
            # LIKE 'prefix%' on PostgreSQL uses a btree only with the pattern operator class.
            models.Index(
                fields=["path"], name="org_unit_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(members__lte=models.F("workers")) | models.Q(workers=0),
                name="org_unit_members_within_workers",
                violation_error_message=_("Số đoàn viên không được lớn hơn số người lao động."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name, self.short_name, self.code)
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.dissolved_on is None

    @property
    def is_grassroots(self):
        return self.level.is_grassroots

    # Path-based queries: unlike treebeard's get_children(), they do not trust a possibly stale
    # numchild on this instance.
    def subtree(self):
        return Unit.objects.filter(in_subtree(self.path))

    def descendants(self):
        return Unit.objects.filter(in_subtree(self.path), depth__gt=self.depth)

    def children(self):
        return Unit.objects.filter(in_subtree(self.path), depth=self.depth + 1)


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị đơn vị")
    EDITOR = "editor", _("Biên tập viên")
    COLLABORATOR = "collaborator", _("Cộng tác viên")
    STAFF = "staff", _("Cán bộ")
    MEMBER = "member", _("Đoàn viên")


class UnitRole(models.Model):
    """A user's role in a unit. A role reaches the unit's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unit_roles"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò tại đơn vị")
        verbose_name_plural = _("vai trò tại đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="org_unitrole_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class UnitEvent(models.Model):
    """The history of a unit: every change is one event, never edited afterwards.

    `before` and `after` hold the changed fields (parent code, figures, names…), so the tree and
    its figures as of any past date can be rebuilt by undoing later events (see history.py).
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("Thành lập")
        UPDATED = "updated", _("Cập nhật thông tin")
        MOVED = "moved", _("Chuyển đơn vị cấp trên")
        MERGED = "merged", _("Sáp nhập")
        DISSOLVED = "dissolved", _("Giải thể")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        indexes = [models.Index(fields=["effective_on", "id"])]
        verbose_name = _("sự kiện của đơn vị")
        verbose_name_plural = _("lịch sử đơn vị")

    def __str__(self):
        return f"{self.unit.code} {self.get_kind_display()} {self.effective_on:%d/%m/%Y}"
