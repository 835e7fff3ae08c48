from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from congdoan.org.models import Unit

from .files import CONTENT_TYPES
from .models import DocumentField, DocumentKind
from .numbers import parse_period

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
    period = forms.CharField(
        label=_("Kỳ kế hoạch, báo cáo"),
        max_length=40,
        required=False,
        help_text=_("Với kế hoạch, chương trình, báo cáo theo kỳ: “Năm 2026” hoặc “Quý I/2026”."),
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

    def clean(self):
        data = super().clean()
        try:
            data["period_year"], data["period_quarter"] = parse_period(data.pop("period", ""))
        except ValidationError as error:
            self.add_error("period", error)
        return data


class FileForm(forms.Form):
    upload = forms.FileField(
        label=_("Tệp đính kèm (PDF, DOCX, XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(CONTENT_TYPES)}),
    )


class ResponseForm(forms.Form):
    """An invitee's answer: they come, send someone, or decline with a reason."""

    response = forms.ChoiceField(
        label=_("Trả lời"),
        widget=forms.RadioSelect,
        choices=[
            ("attend", _("Tham dự")),
            ("delegate", _("Cử người dự thay")),
            ("decline", _("Không tham dự")),
        ],
        error_messages={"required": _("Hãy chọn tham dự, cử người dự thay hoặc không tham dự.")},
    )
    delegate_name = forms.CharField(label=_("Họ tên người dự thay"), max_length=150, required=False)
    delegate_position = forms.CharField(
        label=_("Chức vụ người dự thay"), max_length=150, required=False
    )
    note = forms.CharField(
        label=_("Ghi chú, lý do không tham dự"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"})


def _time(label, required=False):
    return forms.TimeField(
        label=label, required=required, widget=TIME_WIDGET, input_formats=["%H:%M", "%Hh%M", "%Hh"]
    )


class UsernamesField(forms.CharField):
    """Accounts typed by their user names, separated by commas or spaces."""

    def clean(self, value):
        from django.contrib.auth import get_user_model

        names = [name for name in (super().clean(value) or "").replace(",", " ").split() if name]
        User = get_user_model()
        users = list(User.objects.filter(username__in=names, is_active=True).order_by("username"))
        missing = sorted(set(names) - {user.username for user in users})
        if missing:
            raise forms.ValidationError(
                _("Không tìm thấy tài khoản đang hoạt động: %(names)s."),
                params={"names": ", ".join(missing)},
            )
        return users


def _aware(day, moment):
    from datetime import datetime

    from django.utils import timezone

    if day is None or moment is None:
        return None
    return timezone.make_aware(datetime.combine(day, moment))


class WeekForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    monday = _date(_("Thứ Hai đầu tuần"), required=True)
    is_public = forms.BooleanField(label=_("Công khai"), required=False, initial=True)
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, writable, **kwargs):
        super().__init__(*args, **kwargs)
        self.writable = writable

    def clean_unit(self):
        code = self.cleaned_data["unit"].strip()
        unit = self.writable.filter(code=code).first()
        if unit is None:
            raise forms.ValidationError(
                _("Không tìm thấy đơn vị có mã “%(code)s” trong phạm vi bạn quản lý."),
                params={"code": code},
            )
        return unit


class WeekSettingsForm(forms.Form):
    is_public = forms.BooleanField(label=_("Công khai"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EntryForm(forms.Form):
    day = _date(_("Ngày"), required=True)
    start = _time(_("Giờ bắt đầu"), required=True)
    end = _time(_("Giờ kết thúc"))
    title = forms.CharField(label=_("Nội dung"), max_length=500)
    location = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    chair = forms.CharField(label=_("Chủ trì"), max_length=300, required=False)
    attendees = forms.CharField(
        label=_("Thành phần"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    preparers = forms.CharField(label=_("Chuẩn bị"), max_length=300, required=False)
    people = UsernamesField(
        label=_("Tài khoản người tham gia"),
        required=False,
        help_text=_(
            "Tên đăng nhập, cách nhau bởi dấu phẩy: mục lịch hiện trong lịch cá nhân của họ."
        ),
    )
    change_note = forms.CharField(
        label=_("Nội dung thay đổi (khi lịch tuần đã đăng)"), max_length=500, required=False
    )

    def clean(self):
        data = super().clean()
        data["starts_at"] = _aware(data.get("day"), data.get("start"))
        data["ends_at"] = _aware(data.get("day"), data.get("end"))
        return data

    def service_fields(self):
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "starts_at",
                "ends_at",
                "title",
                "location",
                "chair",
                "attendees",
                "preparers",
            )
        }
        return {**fields, "people": data["people"], "change_note": data["change_note"]}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class InvitationForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị mời"), max_length=40)
    number = forms.CharField(label=_("Số giấy mời"), max_length=100, required=False)
    title = forms.CharField(label=_("Tên cuộc họp"), max_length=300)
    agenda = forms.CharField(
        label=_("Nội dung, chương trình"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    day = _date(_("Ngày họp"), required=True)
    start = _time(_("Giờ bắt đầu"), required=True)
    end = _time(_("Giờ kết thúc"))
    location = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Đường dẫn họp trực tuyến"), max_length=500, required=False, assume_scheme="https"
    )
    chair = forms.CharField(label=_("Chủ trì"), max_length=300, required=False)
    signer = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    paper_pages = forms.IntegerField(
        label=_("Số trang giấy mỗi bộ"), min_value=1, max_value=1000, initial=1
    )
    units = UnitCodesField(
        label=_("Mã các đơn vị được mời"),
        required=False,
        help_text=_("Cán bộ, quản trị của đơn vị nhận và trả lời thay đơn vị."),
    )
    users = UsernamesField(label=_("Tài khoản người được mời"), required=False)

    def __init__(self, *args, writable, **kwargs):
        super().__init__(*args, **kwargs)
        self.writable = writable

    clean_unit = WeekForm.clean_unit

    def clean(self):
        data = super().clean()
        data["starts_at"] = _aware(data.get("day"), data.get("start"))
        data["ends_at"] = _aware(data.get("day"), data.get("end"))
        if not self.errors and not data.get("units") and not data.get("users"):
            raise forms.ValidationError(_("Hãy mời ít nhất một đơn vị hoặc một người."))
        return data

    def service_fields(self):
        from .invitations import FIELDS

        return {name: self.cleaned_data[name] for name in (*FIELDS, "users", "units")}
