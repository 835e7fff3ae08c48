"""The portal's own sign-in (/dang-nhap/) and sign-out (/dang-xuat/), for members and meeting
invitees; officers and editors keep Wagtail's /admin/login/ for the admin.

Django's LoginView and LogoutView do the work: `next` is followed only to a URL of this site
(url_has_allowed_host_and_scheme), the form carries a CSRF token, and the answers are never
cached (never_cache, and the portal's page cache is told to skip them). Failed sign-ins are
throttled by django-axes, as on the admin's login: after AXES_FAILURE_LIMIT failures for an
account or an address, AxesMiddleware answers 429 with core/lockout.html.
"""

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Vui lòng liên hệ công đoàn của bạn."),
    }


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "core/login.html"

    def dispatch(self, request, *args, **kwargs):
        request._congdoan_no_cache = True
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        """Without a `next`: a member lands on their record, an officer on the admin."""
        user = self.request.user
        if getattr(user, "member_record", None) is not None:
            return reverse("members:own")
        if user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return "/"


class SignOutView(auth_views.LogoutView):
    """POST only (Django refuses a GET with 405): a link or an image cannot sign anyone out."""

    next_page = "/"

    def dispatch(self, request, *args, **kwargs):
        request._congdoan_no_cache = True
        return super().dispatch(request, *args, **kwargs)
