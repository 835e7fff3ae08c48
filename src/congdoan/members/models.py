"""The member database (cơ sở dữ liệu đoàn viên).

A `Member` (đoàn viên) belongs to one grassroots union (công đoàn cơ sở, an org.Unit of a
grassroots level). Their history is a list of `MemberEvent`s that are only ever added, never
changed or deleted: joining, transfers between grassroots unions, leaving, rejoining, changes
of union position. Workers who are not members are a count per grassroots union
(`NonMemberWorkers`). Every read or export of member records leaves an `AccessLog` entry.

Rows are written only through members.services.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from congdoan.org.models import Unit

from .crypto import decrypt_cccd, mask_cccd
from .name_index import branch_of


def name_key(text):
    """The folded name with a leading space, so ' word' finds names with a word starting so."""
    from congdoan.core.text import fold

    return " " + fold(text)


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")
    OTHER = "other", _("Khác")


class Position(models.TextChoices):
    NONE = "", _("Đoàn viên")
    CHAIR = "chair", _("Chủ tịch")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
    COMMITTEE = "committee", _("Ủy viên Ban Chấp hành")
    INSPECTION = "inspection", _("Ủy viên Ủy ban Kiểm tra")
    GROUP_LEADER = "group_leader", _("Tổ trưởng công đoàn")
    GROUP_DEPUTY = "group_deputy", _("Tổ phó công đoàn")


class Status(models.TextChoices):
    ACTIVE = "active", _("Đang sinh hoạt")
    MOVED = "moved", _("Đang chuyển sinh hoạt")
    LEFT = "left", _("Đã ra khỏi tổ chức")
    DECEASED = "deceased", _("Đã mất")


# Basic fields are seen by every officer of the member's unit or above; sensitive ones only by
# the unit's administrators (and the member). See permissions.py.
SENSITIVE_FIELDS = ("cccd", "birth_date", "phone", "email", "address", "hometown", "ethnicity")


# The member's personal data held as plain text (name, CCCD and dates apart): what the bulk
# writers copy column by column and what anonymisation erases.
TEXT_FIELDS = (
    "phone",
    "email",
    "address",
    "hometown",
    "ethnicity",
    "education",
    "job",
    "employer",
    "card_number",
)


class Member(models.Model):
    """A union member (đoàn viên)."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    # Indexed in Meta: a plain B-tree for the order by name, without the pattern-ops copy
    # that db_index adds on PostgreSQL (searches use the word index, name_index.py).
    search_name = models.CharField(max_length=130, editable=False)
    birth_date = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    cccd_encrypted = models.TextField(editable=False, blank=True, default="")
    cccd_index = models.CharField(max_length=64, editable=False, blank=True, default="")
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), max_length=254, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    hometown = models.CharField(_("quê quán"), max_length=255, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=50, blank=True)
    education = models.CharField(_("trình độ học vấn, chuyên môn"), max_length=100, blank=True)
    job = models.CharField(_("nghề nghiệp"), max_length=120, blank=True)
    employer = models.CharField(_("nơi làm việc"), max_length=255, blank=True)
    card_number = models.CharField(_("số thẻ đoàn viên"), max_length=30, blank=True)
    joined_on = models.DateField(_("ngày vào công đoàn"))
    # No index of its own: members_unit_status starts with unit_id.
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="member_records",
        verbose_name=_("CĐCS"),
        db_index=False,
    )
    # The id of the unit directly under the root above `unit` (its province or city
    # federation, or national industry union): the name index joins it to the words of the
    # name (name_index.py). Set by save(), the bulk writers and a unit's move.
    branch = models.PositiveIntegerField(default=0, editable=False)
    position = models.CharField(
        _("chức vụ công đoàn"), max_length=20, choices=Position.choices, blank=True
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    # The serial of the member card in use: revoking a card issues the next one.
    card_serial = models.PositiveIntegerField(default=1, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member_record",
        verbose_name=_("tài khoản"),
    )
    # Set when a deletion request was carried out (services.anonymise_member): the personal
    # fields are erased, the row stays for the union's figures and history.
    anonymised_at = models.DateTimeField(_("thời điểm ẩn danh hóa"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đoàn viên")
        verbose_name_plural = _("đoàn viên")
        ordering = ["search_name", "id"]
        permissions = [("export_members", _("Xuất danh sách đoàn viên ra tệp"))]
        indexes = [
            models.Index(fields=["unit", "status"], name="members_unit_status"),
            models.Index(fields=["search_name"], name="members_search_name"),
            # CCCD and card look-ups use the partial unique indexes below (they say <> '').
            models.Index(fields=["birth_date", "search_name"], name="members_dob_name"),
            # A line with a CCCD looks for namesakes without one: with dozens of namesakes
            # each (common names), the full index reads every namesake's row to skip it.
            models.Index(
                fields=["birth_date", "search_name"],
                condition=models.Q(cccd_index=""),
                name="members_dob_name_no_cccd",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cccd_index"],
                condition=~models.Q(cccd_index=""),
                name="members_unique_cccd",
                violation_error_message=_("Số CCCD này đã có trong cơ sở dữ liệu."),
            ),
            models.UniqueConstraint(
                fields=["card_number"],
                condition=~models.Q(card_number=""),
                name="members_unique_card",
                violation_error_message=_("Số thẻ đoàn viên này đã có trong cơ sở dữ liệu."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = name_key(self.full_name)[:130]
        fields = kwargs.get("update_fields")
        if fields is None or "unit" in fields:
            self.branch = branch_of(self.unit)
            if fields is not None:
                kwargs["update_fields"] = [*fields, "branch"]
        super().save(*args, **kwargs)

    @property
    def cccd(self):
        return decrypt_cccd(self.cccd_encrypted)

    @property
    def cccd_masked(self):
        return mask_cccd(self.cccd)


class AppendOnly(models.Model):
    """A record that is written once: history and logs are never rewritten."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("Bản ghi lịch sử không được sửa."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Bản ghi lịch sử không được xóa."))


class MemberTally(models.Model):
    """The active members of one grassroots union counted for the figures of `year`: a
    summary kept beside the records so the figures of a province or of the country add up a
    few hundred thousand rows instead of counting ten million members.

    Ages are counted by year of birth (tuổi tính theo năm sinh, as Vietnamese statistical
    reports do): `year` minus the year of birth. Rows are recounted from the records by
    members.figures.refresh_tally in the transaction of every write that changes a count;
    a grassroots union without active members has no row. A row of an earlier year is
    recounted when it is read (or by `congdoan members-tally` on 1 January)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, primary_key=True, related_name="+")
    year = models.PositiveSmallIntegerField()
    members = models.PositiveIntegerField(default=0)
    male = models.PositiveIntegerField(default=0)
    female = models.PositiveIntegerField(default=0)
    other = models.PositiveIntegerField(default=0)
    age_under30 = models.PositiveIntegerField(default=0)
    age_30to39 = models.PositiveIntegerField(default=0)
    age_40to49 = models.PositiveIntegerField(default=0)
    age_50to59 = models.PositiveIntegerField(default=0)
    age_60plus = models.PositiveIntegerField(default=0)
    # Joined on or after 1 January of `year` (phát triển đoàn viên).
    new_members = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu tổng hợp đoàn viên")
        verbose_name_plural = _("số liệu tổng hợp đoàn viên")

    def __str__(self):
        return f"{self.unit_id} {self.year}: {self.members}"


class MemberEvent(AppendOnly):
    """One step of a member's history (their timeline)."""

    class Kind(models.TextChoices):
        JOINED = "joined", _("Kết nạp vào công đoàn")
        UPDATED = "updated", _("Cập nhật thông tin")
        TRANSFERRED = "transferred", _("Chuyển sinh hoạt")
        LEFT = "left", _("Ra khỏi tổ chức")
        DECEASED = "deceased", _("Qua đời")
        REJOINED = "rejoined", _("Sinh hoạt trở lại")
        POSITION = "position", _("Thay đổi chức vụ")
        ANONYMISED = "anonymised", _("Ẩn danh hóa theo yêu cầu xóa dữ liệu")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Events are read by member only; the other keys are indexed for nothing but deleting a
    # user (actor: only events that have one) or a unit (never done: units are dissolved).
    # An import writes one event per new member, and each index costs it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)
    from_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    # Names of changed fields and non-sensitive values (positions, status): never the CCCD.
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["effective_on", "id"]
        indexes = [
            models.Index(
                fields=["actor"],
                condition=models.Q(actor__isnull=False),
                name="members_event_actor",
            ),
        ]
        verbose_name = _("sự kiện của đoàn viên")
        verbose_name_plural = _("quá trình sinh hoạt")

    def __str__(self):
        return f"{self.member_id} {self.get_kind_display()} {self.effective_on:%d/%m/%Y}"


class Transfer(models.Model):
    """A move to another grassroots union: requested by the member's union, accepted or
    refused by the receiving one. The member stays where they are until it is accepted."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ tiếp nhận")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        REFUSED = "refused", _("Bị từ chối")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="transfers")
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    answer = models.CharField(_("trả lời"), max_length=500, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("chuyển sinh hoạt")
        verbose_name_plural = _("chuyển sinh hoạt")
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(state="pending"),
                name="members_one_pending_transfer",
            )
        ]

    def __str__(self):
        return f"{self.member} → {self.to_unit}"


class NonMemberWorkers(models.Model):
    """Workers of a grassroots union who are not (yet) members: a count, not people."""

    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="non_member_workers")
    count = models.PositiveIntegerField(_("số người lao động chưa là đoàn viên"), default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("người lao động chưa là đoàn viên")
        verbose_name_plural = _("người lao động chưa là đoàn viên")

    def __str__(self):
        return f"{self.unit}: {self.count}"


class AccessLog(AppendOnly):
    """Who read or exported which member records, when and why (Decree 356/2025)."""

    class Action(models.TextChoices):
        LIST = "list", _("Xem danh sách")
        VIEW = "view", _("Xem hồ sơ")
        EXPORT = "export", _("Xuất tệp")
        API = "api", _("Đọc qua API")
        OWN = "own", _("Đoàn viên xem dữ liệu của mình")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    # The unit whose records were read: its administrators see the entry.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, db_index=True)
    member_ids = models.JSONField(default=list, blank=True)
    count = models.PositiveIntegerField(default=0)
    sensitive = models.BooleanField(default=False)
    reason = models.CharField(_("lý do"), max_length=300)
    query = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("nhật ký truy cập dữ liệu đoàn viên")
        verbose_name_plural = _("nhật ký truy cập dữ liệu đoàn viên")

    def __str__(self):
        return f"{self.actor_name} {self.get_action_display()} {self.count}"


class Consent(models.Model):
    """A member's consent to one purpose of processing, under one version of the notice.
    Withdrawal sets `withdrawn_at`; the record itself stays."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("mục đích"), max_length=200)
    notice_version = models.CharField(_("phiên bản thông báo"), max_length=20)
    given_at = models.DateTimeField(_("thời điểm đồng ý"))
    withdrawn_at = models.DateTimeField(_("thời điểm rút lại"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("sự đồng ý xử lý dữ liệu")
        verbose_name_plural = _("sự đồng ý xử lý dữ liệu")

    def __str__(self):
        return f"{self.member}: {self.purpose}"


class SubjectRequest(models.Model):
    """A request of the member about their personal data, with its legal deadline."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Xem, cung cấp dữ liệu")
        CORRECTION = "correction", _("Chỉnh sửa dữ liệu")
        DELETION = "deletion", _("Xóa dữ liệu")
        WITHDRAWAL = "withdrawal", _("Rút lại sự đồng ý")

    class State(models.TextChoices):
        OPEN = "open", _("Đang xử lý")
        DONE = "done", _("Đã giải quyết")
        REFUSED = "refused", _("Từ chối")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(_("loại yêu cầu"), max_length=12, choices=Kind.choices)
    details = models.TextField(_("nội dung"), max_length=2000, blank=True)
    received_at = models.DateTimeField(_("ngày nhận"))
    due_at = models.DateTimeField(_("hạn giải quyết"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    answer = models.TextField(_("trả lời"), max_length=2000, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("yêu cầu của chủ thể dữ liệu")
        verbose_name_plural = _("yêu cầu của chủ thể dữ liệu")

    def __str__(self):
        return f"{self.member}: {self.get_kind_display()}"


class CardRevocation(models.Model):
    """A member card revoked before its expiry (lost card, left the union)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="card_revocations")
    serial = models.PositiveIntegerField()
    revoked_at = models.DateTimeField(auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("lý do"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "serial"], name="members_unique_revocation")
        ]

    def __str__(self):
        return f"{self.member} #{self.serial}"
