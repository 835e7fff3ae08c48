"""Directive documents (văn bản chỉ đạo, điều hành): decisions, directives, plans, programmes,
official letters… issued by a union unit, public or restricted to named recipient units."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from congdoan.core.text import fold
from congdoan.org.models import Unit


class PrivateStorage(FileSystemStorage):
    """Files under settings.CONGDOAN_PRIVATE_DIR, outside MEDIA_ROOT: no web server serves
    them; only the download view, after checking who asks, does."""

    @property
    def base_location(self):
        return str(settings.CONGDOAN_PRIVATE_DIR)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL")


def private_storage():
    return PrivateStorage()


class DocumentKind(models.Model):
    """The kind of a document (loại văn bản) and its abbreviation in the symbol: QĐ, CT, KH…
    A công văn has none."""

    name = models.CharField(_("tên loại"), max_length=100, unique=True)
    abbreviation = models.CharField(_("viết tắt"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")

    def __str__(self):
        return self.name


class DocumentField(models.Model):
    """The field a document belongs to (lĩnh vực): tổ chức, tuyên truyền, chính sách…"""

    name = models.CharField(_("tên lĩnh vực"), max_length=150, unique=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self):
        return self.name


class Document(models.Model):
    """A directive document (văn bản) with its number and symbol (số, ký hiệu), as registered by
    the issuing unit. Restricted documents are read only by their recipient units' subtrees and
    the units at or above the issuer (see permissions.visible_documents)."""

    kind = models.ForeignKey(
        DocumentKind, on_delete=models.PROTECT, related_name="documents", verbose_name=_("loại")
    )
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("số, ký hiệu"), max_length=100)
    issuer_symbol = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=60)
    issuer = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("đơn vị ban hành"),
    )
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    issued_year = models.PositiveSmallIntegerField(editable=False, db_index=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    summary = models.TextField(_("trích yếu"), max_length=2000)
    field = models.ForeignKey(
        DocumentField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("lĩnh vực"),
    )
    period_year = models.PositiveSmallIntegerField(
        _("năm của kỳ kế hoạch"), null=True, blank=True, db_index=True
    )
    period_quarter = models.PositiveSmallIntegerField(
        _("quý của kỳ kế hoạch"), null=True, blank=True
    )
    is_public = models.BooleanField(_("công khai"), default=True)
    recipients = models.ManyToManyField(
        Unit, blank=True, related_name="received_documents", verbose_name=_("đơn vị nhận")
    )
    replaces = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("thay thế văn bản"),
    )
    amends = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="amended_by",
        verbose_name=_("sửa đổi, bổ sung văn bản"),
    )
    published = models.BooleanField(_("đã đăng"), default=False)
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_on", "-number", "-id"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        indexes = [models.Index(fields=["published", "-issued_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "issued_year", "number"],
                name="directives_document_number_unique",
                violation_error_message=_("Đơn vị đã có văn bản mang số này trong năm ban hành."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_quarter__isnull=True)
                | models.Q(period_year__isnull=False, period_quarter__gte=1, period_quarter__lte=4),
                name="directives_document_period_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(effective_on__isnull=True)
                | models.Q(expires_on__gte=models.F("effective_on")),
                name="directives_document_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.kind} số {self.symbol}"

    def save(self, *args, **kwargs):
        self.issued_year = self.issued_on.year
        self.search_text = " " + fold(f"{self.symbol} {self.kind.name} {self.summary}")
        super().save(*args, **kwargs)

    @cached_property
    def title(self):
        return f"{self.kind.name} số {self.symbol}"

    @property
    def period_label(self):
        """The period a plan or report covers: "Quý I/2026", "Năm 2026", or ""."""
        from ..numbers import format_period

        return format_period(self.period_year, self.period_quarter)

    @property
    def in_force(self):
        today = timezone.localdate()
        if self.effective_on and self.effective_on > today:
            return False
        return not (self.expires_on and self.expires_on < today)


def _file_path(instance, filename):
    extension = os.path.splitext(filename)[1].lower()
    return f"{instance.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class StoredFile(models.Model):
    """A file kept in private storage under a random name, with the name it was uploaded under
    kept for the download; only views that check who asks serve it."""

    folder = "files"
    file = models.FileField(storage=private_storage, upload_to=_file_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    downloads = models.PositiveIntegerField(_("lượt tải"), default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self):
        return self.original_name

    @property
    def extension(self):
        return os.path.splitext(self.original_name)[1].lstrip(".").upper()


class DocumentFile(StoredFile):
    """A file attached to a document."""

    folder = "documents"
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
