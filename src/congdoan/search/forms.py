"""The search form: what the page offers to choose from; checking is done by services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .index import CATEGORIES, KINDS


def _kind_choices():
    return [("", _("Mọi loại nội dung"))] + [(name, kind.label) for name, kind in KINDS.items()]


def _category_choices():
    return [("", _("Mọi chuyên mục")), *CATEGORIES["choices"]()]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=200)
    loai = forms.ChoiceField(label=_("Loại nội dung"), required=False)
    chuyen_muc = forms.ChoiceField(label=_("Chuyên mục"), required=False)
    don_vi = forms.CharField(
        label=_("Mã đơn vị"),
        required=False,
        max_length=50,
        help_text=_("Gồm cả các đơn vị trực thuộc. Ví dụ: HN"),
    )
    tu_ngay = forms.DateField(label=_("Từ ngày"), required=False)
    den_ngay = forms.DateField(label=_("Đến ngày"), required=False)
    sap_xep = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[("relevance", _("Liên quan nhất")), ("date", _("Mới nhất"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loai"].choices = _kind_choices()
        self.fields["chuyen_muc"].choices = _category_choices()
        for name in ("tu_ngay", "den_ngay"):
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"})
        # Screen readers read the example with the field (the template gives it this id).
        self.fields["don_vi"].widget.attrs["aria-describedby"] = "id_don_vi-help"
