from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.org.models import Unit

from .files import CONTENT_TYPES
from .models import DocumentField, DocumentKind

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


def _date(label, required=False):
    return forms.DateField(
        label=label, required=required, widget=DATE_WIDGET, input_formats=["%d/%m/%Y"]
    )


class UnitCodesField(forms.CharField):
    """Units typed by their codes, separated by commas or spaces: scales to any tree size."""

    def clean(self, value):
        codes = [code for code in (super().clean(value) or "").replace(",", " ").split() if code]
        units = list(Unit.objects.filter(code__in=codes).order_by("path"))
        missing = sorted(set(codes) - {unit.code for unit in units})
        if missing:
            raise forms.ValidationError(
                _("Không tìm thấy đơn vị có mã: %(codes)s."), params={"codes": ", ".join(missing)}
            )
        return units


class DocumentForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Loại văn bản"), queryset=DocumentKind.objects.all())
    number_text = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=100,
        help_text=_("Ví dụ 1291/QĐ-TLĐ, 09/CTr-LĐLĐ; công văn: 1197/TLĐ."),
    )
    issuer = forms.CharField(label=_("Mã đơn vị ban hành"), max_length=40)
    signer = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    issued_on = _date(_("Ngày ban hành"), required=True)
    effective_on = _date(_("Ngày có hiệu lực"))
    expires_on = _date(_("Ngày hết hiệu lực"))
    summary = forms.CharField(
        label=_("Trích yếu"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=DocumentField.objects.all(), required=False
    )
    is_public = forms.BooleanField(
        label=_("Công khai"),
        required=False,
        initial=True,
        help_text=_(
            "Bỏ chọn để chỉ người của các đơn vị nhận (kể cả đơn vị trực thuộc) và của đơn vị ban hành (kể cả cấp trên) được xem."
        ),
    )
    recipients = UnitCodesField(
        label=_("Mã các đơn vị nhận"),
        required=False,
        help_text=_("Cách nhau bởi dấu phẩy, ví dụ HN-LB, HN-DA; bắt buộc nếu không công khai."),
    )
    replaces = forms.ModelMultipleChoiceField(
        label=_("Thay thế văn bản"), queryset=None, required=False
    )
    amends = forms.ModelMultipleChoiceField(
        label=_("Sửa đổi, bổ sung văn bản"), queryset=None, required=False
    )

    def __init__(self, *args, writable, choosable, **kwargs):
        super().__init__(*args, **kwargs)
        self.writable = writable
        self.fields["replaces"].queryset = choosable
        self.fields["amends"].queryset = choosable

    def clean_issuer(self):
        code = self.cleaned_data["issuer"].strip()
        unit = self.writable.filter(code=code).first()
        if unit is None:
            raise forms.ValidationError(
                _(
                    "Không tìm thấy đơn vị có mã “%(code)s” trong phạm vi bạn được ban hành văn bản."
                ),
                params={"code": code},
            )
        return unit


class FileForm(forms.Form):
    upload = forms.FileField(
        label=_("Tệp đính kèm (PDF, DOCX, XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(CONTENT_TYPES)}),
    )
