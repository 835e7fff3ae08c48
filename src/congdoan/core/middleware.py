from django.conf import settings


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
