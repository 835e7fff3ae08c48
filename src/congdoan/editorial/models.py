"""The editorial office (Ban biên tập): boards, the review task, the items sent to a board,
collaborators (cộng tác viên), royalties (nhuận bút) and quotas.

A board belongs to a section of the portal: the federation's home page or a unit's sub-site.
Items written under a section are reviewed by the nearest board at or above it. The review
runs on Wagtail's workflows (see `EditorialTask`); what the office needs beyond a page (the
event date, when it was first sent, whether it was late, its photos, who wrote it) is kept in
`Item`, written at submission and at publication, so the reports read one narrow table.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

PAGE_STEP = 4  # Wagtail's page path step


class EditorialBoard(models.Model):
    """The editorial board (Ban biên tập) of a section; its chiefs (trưởng ban biên tập) publish.

    Its editors (biên tập viên) are the section's editors group, kept by news.permissions from
    the unit roles; chiefs are appointed here and get a group that may publish the section."""

    section = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="editorial_board",
        verbose_name=_("trang của ban"),
    )
    name = models.CharField(_("tên ban biên tập"), max_length=200)
    chiefs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="chief_of_boards",
        verbose_name=_("trưởng ban biên tập"),
    )
    email = models.EmailField(_("thư điện tử của ban"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ban biên tập")
        verbose_name_plural = _("ban biên tập")

    def __str__(self):
        return self.name


class EditorialTask(Task):
    """A step of the editorial review, whose reviewers follow the item's section.

    One workflow serves every section: who may act is computed from the board nearest to the
    page, so Long Biên's editors review Long Biên's items and nobody else's."""

    class Stage(models.TextChoices):
        EDITORS = "editors", _("Biên tập viên duyệt")
        CHIEF = "chief", _("Trưởng ban biên tập duyệt đăng")
        FEDERATION = "federation", _("Ban biên tập Liên đoàn duyệt đưa lên trang chủ")

    stage = models.CharField(_("bước"), max_length=20, choices=Stage.choices)

    admin_form_fields = [*Task.admin_form_fields, "stage"]

    class Meta:
        verbose_name = _("bước duyệt của ban biên tập")
        verbose_name_plural = _("bước duyệt của ban biên tập")

    def start(self, workflow_state, user=None):
        from .review import stage_applies

        page = workflow_state.content_object.specific
        if not stage_applies(self.stage, page):
            state = TaskState(
                workflow_state=workflow_state,
                status=TaskState.STATUS_SKIPPED,
                revision=page.get_latest_revision(),
                task=self,
            )
            state.save()
            return state
        return super().start(workflow_state, user=user)

    def user_can_act(self, page, user):
        from .review import can_review

        return can_review(self.stage, page, user)

    def user_can_access_editor(self, obj, user):
        return self.user_can_act(obj, user)

    def locked_for_user(self, obj, user):
        # While the board reviews, the writer waits: edits would change what is being read.
        return not self.user_can_act(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_can_act(obj, user)

    def get_actions(self, obj, user):
        if not self.user_can_act(obj, user):
            return []
        if self.stage == self.Stage.EDITORS:
            return [
                ("reject", _("Trả lại để sửa"), True),
                ("approve", _("Duyệt, chuyển trưởng ban"), False),
                ("approve", _("Duyệt kèm nhận xét"), True),
            ]
        return [
            ("reject", _("Trả lại để sửa"), True),
            ("approve", _("Duyệt đăng"), False),
            ("approve", _("Duyệt đăng kèm nhận xét"), True),
        ]

    def get_form_for_action(self, action):
        from .forms import ReviewCommentForm, SendBackForm

        return SendBackForm if action == "reject" else ReviewCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        # Wagtail's action view checks the actions against the page named in the URL, not the
        # page of the task state: check the task state's own page here.
        from django.core.exceptions import PermissionDenied

        page = task_state.workflow_state.content_object.specific
        if not self.user_can_act(page, user):
            raise PermissionDenied
        if action_name == "reject" and not (kwargs.get("comment") or "").strip():
            from .review import ReviewError

            raise ReviewError(_("Hãy ghi lý do trả lại để người viết biết cần sửa gì."))
        from .handlers import deciding

        token = deciding.set(True)
        try:
            return super().on_action(task_state, user, action_name, **kwargs)
        finally:
            deciding.reset(token)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .review import reviewable_states

        return reviewable_states(self, user)

    @classmethod
    def get_description(cls):
        return _("Người duyệt là ban biên tập của trang thông tin chứa tin bài.")


class Collaborator(models.Model):
    """A collaborator (cộng tác viên) of the portal: a person who writes or photographs for a
    unit. Royalties are paid to the person, who may have no account."""

    name = models.CharField(_("họ và tên"), max_length=200)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="collaborators", verbose_name=_("đơn vị")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="collaborator",
        verbose_name=_("tài khoản"),
    )
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    joined_on = models.DateField(_("ngày tham gia"), null=True, blank=True)
    active = models.BooleanField(_("đang cộng tác"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cộng tác viên")
        verbose_name_plural = _("cộng tác viên")

    def __str__(self):
        return self.name


class Training(models.Model):
    """A training course a collaborator attended (tập huấn nghiệp vụ)."""

    collaborator = models.ForeignKey(
        Collaborator, on_delete=models.CASCADE, related_name="trainings"
    )
    title = models.CharField(_("khóa tập huấn"), max_length=300)
    held_on = models.DateField(_("ngày tập huấn"))
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=200, blank=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("tập huấn")
        verbose_name_plural = _("tập huấn")

    def __str__(self):
        return self.title


class Item(models.Model):
    """A news item (tin bài) as the office sees it: sent to a board, then published.

    Written when the item is first submitted and again when it is published; the late flag is
    fixed at the first submission (or at publication for items that never went through review),
    against the category's limit of that day."""

    class Status(models.TextChoices):
        IN_REVIEW = "in_review", _("Đang duyệt")
        SENT_BACK = "sent_back", _("Trả lại để sửa")
        PUBLISHED = "published", _("Đã đăng")
        UNPUBLISHED = "unpublished", _("Đã gỡ")
        CANCELLED = "cancelled", _("Đã rút")

    page = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="editorial_item"
    )
    board = models.ForeignKey(
        EditorialBoard, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    collaborator = models.ForeignKey(
        Collaborator, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_REVIEW)
    category_path = models.CharField(max_length=500, blank=True)
    event_date = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    late_after_days = models.PositiveSmallIntegerField(default=3)
    is_late = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    photos = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tin bài gửi ban biên tập")
        verbose_name_plural = _("tin bài gửi ban biên tập")
        indexes = [
            models.Index(fields=["status", "published_at"], name="editorial_item_published"),
            models.Index(fields=["collaborator", "published_at"], name="editorial_item_collab"),
        ]

    def __str__(self):
        return self.page.title


class RoyaltyGrade(models.Model):
    """A grade of the royalty scale: for an item (tin, bài) or for a photo used."""

    class Kind(models.TextChoices):
        ITEM = "item", _("Tin, bài")
        PHOTO = "photo", _("Ảnh")

    code = models.CharField(_("mã"), max_length=20)
    kind = models.CharField(_("áp dụng cho"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("tên mức"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["kind", "position", "code"]
        verbose_name = _("mức nhuận bút")
        verbose_name_plural = _("thang nhuận bút")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="editorial_grade_unique")
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"


class RoyaltyRate(models.Model):
    """The amount of a grade from a date on: the rate table. A new rate is a new row, so the
    statements of earlier months keep the rate of their time."""

    grade = models.ForeignKey(RoyaltyGrade, on_delete=models.PROTECT, related_name="rates")
    amount = models.PositiveIntegerField(_("số tiền (đồng)"))
    valid_from = models.DateField(_("áp dụng từ ngày"))

    class Meta:
        ordering = ["grade", "-valid_from"]
        verbose_name = _("đơn giá nhuận bút")
        verbose_name_plural = _("bảng đơn giá nhuận bút")
        constraints = [
            models.UniqueConstraint(fields=["grade", "valid_from"], name="editorial_rate_unique")
        ]

    def __str__(self):
        return f"{self.grade.code}: {self.amount} ({self.valid_from:%d/%m/%Y})"


class Grading(models.Model):
    """The grade an editor gave a published item, and how many of its photos were used."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="grading")
    grade = models.ForeignKey(
        RoyaltyGrade, on_delete=models.PROTECT, related_name="+", verbose_name=_("mức tin bài")
    )
    photos_used = models.PositiveSmallIntegerField(_("số ảnh được dùng"), default=0)
    photo_grade = models.ForeignKey(
        RoyaltyGrade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mức ảnh"),
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    graded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chấm nhuận bút")
        verbose_name_plural = _("chấm nhuận bút")

    def __str__(self):
        return str(self.item)


class Statement(models.Model):
    """A monthly royalty statement (bảng kê nhuận bút) of a collaborator or of a unit.

    Its lines hold the amounts of the day it was drawn up; once approved it is locked and
    nothing (a new grade, a new rate) changes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        APPROVED = "approved", _("Đã duyệt")

    board = models.ForeignKey(EditorialBoard, on_delete=models.PROTECT, related_name="statements")
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))
    collaborator = models.ForeignKey(
        Collaborator, on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    total = models.PositiveBigIntegerField(default=0)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    prepared_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-month", "pk"]
        verbose_name = _("bảng kê nhuận bút")
        verbose_name_plural = _("bảng kê nhuận bút")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(collaborator__isnull=True, unit__isnull=False)
                | models.Q(collaborator__isnull=False, unit__isnull=True),
                name="editorial_statement_one_payee",
            ),
            models.UniqueConstraint(
                fields=["board", "month", "collaborator"],
                condition=models.Q(collaborator__isnull=False),
                name="editorial_statement_unique_collaborator",
            ),
            models.UniqueConstraint(
                fields=["board", "month", "unit"],
                condition=models.Q(unit__isnull=False),
                name="editorial_statement_unique_unit",
            ),
        ]

    def __str__(self):
        return f"{self.payee} {self.month:%m/%Y}"

    @property
    def payee(self):
        return self.collaborator.name if self.collaborator_id else self.unit.name

    @property
    def locked(self):
        return self.status == self.Status.APPROVED


class StatementLine(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="statement_lines")
    title = models.CharField(max_length=500)
    published_on = models.DateField()
    author = models.CharField(max_length=200, blank=True)
    grade_code = models.CharField(max_length=20)
    item_amount = models.PositiveIntegerField(validators=[MinValueValidator(0)])
    photos_used = models.PositiveSmallIntegerField(default=0)
    photo_grade_code = models.CharField(max_length=20, blank=True)
    photo_amount = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["published_on", "pk"]

    def __str__(self):
        return self.title


class QuotaRule(models.Model):
    """A quota (chỉ tiêu): every unit of a level, or one unit, sends at least `minimum` items
    a week or a month (optionally only items with photos count)."""

    class Period(models.TextChoices):
        WEEK = "week", _("tuần")
        MONTH = "month", _("tháng")

    name = models.CharField(_("tên chỉ tiêu"), max_length=200)
    level = models.ForeignKey(
        "org.UnitLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mọi đơn vị cấp"),
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hoặc một đơn vị"),
    )
    within = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("trong phạm vi đơn vị"),
    )
    minimum = models.PositiveSmallIntegerField(_("tối thiểu"), default=1)
    period = models.CharField(_("mỗi"), max_length=10, choices=Period.choices, default="week")
    with_photos = models.BooleanField(_("chỉ tính tin bài có ảnh"), default=False)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("chỉ tiêu tin bài")
        verbose_name_plural = _("chỉ tiêu tin bài")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__isnull=True, unit__isnull=False)
                | models.Q(level__isnull=False, unit__isnull=True),
                name="editorial_quota_level_or_unit",
            )
        ]

    def __str__(self):
        return self.name


class Notification(models.Model):
    """A message in a user's editorial inbox in the admin (sent by email too)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editorial_notifications"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    message = models.CharField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="editorial_notif_inbox")]

    def __str__(self):
        return self.message
