from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Role, Unit, UnitKind, UnitLevel
from .services import EDITABLE_FIELDS

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class UnitForm(forms.ModelForm):
    founded_on = forms.DateField(
        label=_("Ngày thành lập"), required=False, widget=DATE_WIDGET, input_formats=["%d/%m/%Y"]
    )

    class Meta:
        model = Unit
        fields = ["code", *EDITABLE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = UnitLevel.objects.all()
        self.fields["kind"].queryset = UnitKind.objects.all()
        self.fields["kind"].help_text = _(
            "Bắt buộc với công đoàn cơ sở, để trống với các cấp khác."
        )
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("Mã đơn vị không đổi được sau khi tạo.")

    def validate_unique(self):
        """Uniqueness and tree rules are checked by the services, with Vietnamese messages."""

    def _post_clean(self):
        # Keep ModelForm from running model validation: services.create_unit/update_unit do it.
        pass


class UnitChoiceField(forms.CharField):
    """A unit typed by its code, limited to the units the acting user manages."""

    def __init__(self, *args, queryset=None, **kwargs):
        self.queryset = queryset
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        code = super().clean(value).strip()
        unit = self.queryset.filter(code=code).first() if code else None
        if unit is None:
            raise forms.ValidationError(
                _("Không tìm thấy đơn vị có mã “%(code)s” trong phạm vi bạn quản lý."),
                params={"code": code},
            )
        return unit


class EffectiveDateForm(forms.Form):
    effective_on = forms.DateField(
        label=_("Ngày hiệu lực"),
        widget=DATE_WIDGET,
        input_formats=["%d/%m/%Y"],
        initial=timezone.localdate,
    )
    note = forms.CharField(label=_("Căn cứ, ghi chú"), max_length=500, required=False)

    def clean_effective_on(self):
        value = self.cleaned_data["effective_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Ngày hiệu lực không được ở tương lai."))
        return value


class MoveForm(EffectiveDateForm):
    def __init__(self, *args, managed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"] = UnitChoiceField(
            label=_("Mã đơn vị cấp trên mới"), queryset=managed.filter(dissolved_on__isnull=True)
        )
        self.order_fields(["new_parent", "effective_on", "note"])


class MergeForm(EffectiveDateForm):
    def __init__(self, *args, managed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"] = UnitChoiceField(
            label=_("Mã đơn vị nhận sáp nhập"), queryset=managed.filter(dissolved_on__isnull=True)
        )
        self.order_fields(["target", "effective_on", "note"])


class DissolveForm(EffectiveDateForm):
    with_children = forms.BooleanField(
        label=_("Giải thể cả các đơn vị trực thuộc đang hoạt động"), required=False
    )


class GrantRoleForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("Không có tài khoản đang hoạt động tên “%(u)s”."), params={"u": username}
            )
        return user
