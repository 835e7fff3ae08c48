from django import forms
from django.utils.translation import gettext_lazy as _


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Nhận xét"), required=False, max_length=2000, widget=forms.Textarea
    )


class SendBackForm(forms.Form):
    """Sending an item back needs the reasons: the writer must know what to change."""

    comment = forms.CharField(
        label=_("Lý do trả lại"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Hãy ghi lý do trả lại để người viết biết cần sửa gì.")},
    )

    def clean_comment(self):
        text = self.cleaned_data["comment"].strip()
        if not text:
            raise forms.ValidationError(_("Hãy ghi lý do trả lại để người viết biết cần sửa gì."))
        return text
