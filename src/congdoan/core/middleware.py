from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class AdminCSPMiddleware:
    """Relax the content security policy for the Wagtail admin only.

    The admin's editors and choosers still rely on inline scripts and styles; the public site
    keeps the strict policy of settings.CONTENT_SECURITY_POLICY.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(("/admin/", "/django-admin/")):
            directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
            response._csp_replace = {
                "script-src": [*directives["script-src"], "'unsafe-inline'", "'unsafe-eval'"],
                "style-src": [*directives["style-src"], "'unsafe-inline'"],
            }
        return response


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the visitor chose English with the language switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which turns the portal
    English for anyone whose phone is set to English; the union's site speaks Vietnamese first.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
