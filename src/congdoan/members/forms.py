from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessLog, Gender, Position, SubjectRequest

DAY_FORMAT = ["%d/%m/%Y"]
BAD_DAY = _("Ngày không hợp lệ: hãy ghi ngày có thật theo dạng dd/mm/yyyy, ví dụ 05/09/2025.")


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    birth_date = forms.DateField(label=_("Ngày sinh (dd/mm/yyyy)"))
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    cccd = forms.CharField(label=_("Số CCCD (12 chữ số)"), max_length=20, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    hometown = forms.CharField(label=_("Quê quán"), max_length=255, required=False)
    ethnicity = forms.CharField(label=_("Dân tộc"), max_length=50, required=False)
    education = forms.CharField(label=_("Trình độ"), max_length=100, required=False)
    job = forms.CharField(label=_("Nghề nghiệp"), max_length=120, required=False)
    employer = forms.CharField(label=_("Nơi làm việc"), max_length=255, required=False)
    card_number = forms.CharField(label=_("Số thẻ đoàn viên"), max_length=30, required=False)
    joined_on = forms.DateField(label=_("Ngày vào công đoàn (dd/mm/yyyy)"))


class NewMemberForm(MemberForm):
    unit = forms.CharField(label=_("Mã công đoàn cơ sở"), max_length=40)
    position = forms.ChoiceField(
        label=_("Chức vụ công đoàn"), choices=Position.choices, required=False
    )


class UnitCodeForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)


class ImportForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị nhận"), max_length=40)
    upload = forms.FileField(label=_("Tệp .xlsx hoặc .csv"))


class ExportForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    reason = forms.CharField(label=_("Lý do xuất dữ liệu"), max_length=300, min_length=5)


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do cần xem thông tin nhạy cảm"), max_length=300, min_length=5
    )


class TransferForm(forms.Form):
    to_unit = forms.CharField(label=_("Mã công đoàn cơ sở nhận"), max_length=40)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class RefuseForm(forms.Form):
    answer = forms.CharField(label=_("Lý do từ chối"), max_length=500)


class LeaveForm(forms.Form):
    deceased = forms.BooleanField(label=_("Đoàn viên đã mất"), required=False)
    effective_on = forms.DateField(label=_("Ngày hiệu lực (dd/mm/yyyy)"))
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class PositionForm(forms.Form):
    position = forms.ChoiceField(
        label=_("Chức vụ công đoàn"), choices=Position.choices, required=False
    )
    effective_on = forms.DateField(label=_("Ngày hiệu lực (dd/mm/yyyy)"))


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại yêu cầu"), choices=SubjectRequest.Kind.choices)
    details = forms.CharField(
        label=_("Nội dung"), max_length=2000, required=False, widget=forms.Textarea
    )


class CloseRequestForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[
            (SubjectRequest.State.DONE, SubjectRequest.State.DONE.label),
            (SubjectRequest.State.REFUSED, SubjectRequest.State.REFUSED.label),
        ],
    )
    answer = forms.CharField(label=_("Trả lời"), max_length=2000, required=False)
    # A deletion request carried out erases the member's personal data for good.
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận xóa vĩnh viễn dữ liệu cá nhân của đoàn viên này"), required=False
    )


class RejoinForm(forms.Form):
    effective_on = forms.DateField(label=_("Ngày hiệu lực (dd/mm/yyyy)"))
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class ConsentForm(forms.Form):
    purpose = forms.CharField(label=_("Mục đích xử lý dữ liệu"), max_length=200)
    notice_version = forms.CharField(label=_("Phiên bản thông báo"), max_length=20)


class AccountForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập của đoàn viên (bỏ trống để gỡ)"), max_length=150, required=False
    )


class RevokeCardForm(forms.Form):
    reason = forms.CharField(label=_("Lý do thu hồi thẻ"), max_length=200)


class NonMemberForm(forms.Form):
    count = forms.IntegerField(
        label=_("Số người lao động chưa là đoàn viên"), min_value=0, max_value=10_000_000
    )


class AccessLogFilterForm(forms.Form):
    """Filters of the access log: who, from and to which day, which record, which action."""

    who = forms.CharField(label=_("Người truy cập (tên đăng nhập)"), max_length=150, required=False)
    since = forms.DateField(
        label=_("Từ ngày (dd/mm/yyyy)"),
        input_formats=DAY_FORMAT,
        required=False,
        error_messages={"invalid": BAD_DAY},
    )
    until = forms.DateField(
        label=_("Đến ngày (dd/mm/yyyy)"),
        input_formats=DAY_FORMAT,
        required=False,
        error_messages={"invalid": BAD_DAY},
    )
    record = forms.IntegerField(
        label=_("Mã hồ sơ đoàn viên"),
        min_value=1,
        required=False,
        error_messages={
            "invalid": _("Mã hồ sơ là một số nguyên dương (số trong địa chỉ trang hồ sơ)."),
            "min_value": _("Mã hồ sơ là một số nguyên dương (số trong địa chỉ trang hồ sơ)."),
        },
    )
    action = forms.ChoiceField(
        label=_("Việc"),
        choices=[("", _("Mọi việc")), *AccessLog.Action.choices],
        required=False,
        error_messages={"invalid_choice": _("Việc đã chọn không có trong danh sách.")},
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
        return data
