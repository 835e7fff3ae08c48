from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with a translatable password label (Wagtail leaves it to Django's
    pretty_name('password'), which no catalogue can translate)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")
