"""What every app's API router shares: lazily converted pages, the largest id a parameter may
carry, and validation errors in Vietnamese."""

from django.utils.translation import gettext as _

from .formatting import format_number

# Ids in paths and parameters: larger numbers overflowed the database's integer (a 500).
MAX_ID = 2**31 - 1


class ConvertedPage:
    """For django-ninja's paginator: sliced first, so `convert` (rows -> dicts, which may look
    up more, such as the parents of a page of units) runs for one page only."""

    def __init__(self, queryset, convert):
        self.queryset = queryset
        self.convert = convert

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        return self.convert(list(self.queryset[item]))


def validation_message(error):
    """One of pydantic's errors as a sentence in Vietnamese, naming the parameter."""
    name = str(error.get("loc", ["?"])[-1])
    kind = error.get("type", "")
    context = {
        key: format_number(value) if isinstance(value, int) else value
        for key, value in (error.get("ctx") or {}).items()
    }
    if kind == "missing":
        return _("Thiếu tham số “%(name)s”.") % {"name": name}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("“%(name)s” phải là số nguyên.") % {"name": name}
    if kind in ("greater_than_equal", "greater_than"):
        limit = context.get("ge", context.get("gt"))
        return _("“%(name)s” phải từ %(limit)s trở lên.") % {"name": name, "limit": limit}
    if kind in ("less_than_equal", "less_than"):
        limit = context.get("le", context.get("lt"))
        return _("“%(name)s” không được lớn hơn %(limit)s.") % {"name": name, "limit": limit}
    if kind.startswith("date"):
        return _("“%(name)s” phải là ngày dạng YYYY-MM-DD.") % {"name": name}
    if kind.startswith("bool"):
        return _("“%(name)s” phải là true hoặc false.") % {"name": name}
    return _("“%(name)s” không hợp lệ.") % {"name": name}


def install_validation_messages(api):
    """Validation errors keep their status (422) and structure, with `msg` in Vietnamese."""
    from ninja.errors import ValidationError

    @api.exception_handler(ValidationError)
    def vietnamese(request, error):
        # type and loc as pydantic gives them; its ctx may hold exceptions, not JSON.
        details = [
            {"type": item.get("type"), "loc": item.get("loc"), "msg": validation_message(item)}
            for item in error.errors
            if isinstance(item, dict)
        ]
        return api.create_response(request, {"detail": details}, status=422)
