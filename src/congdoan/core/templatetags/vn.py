"""Template filters for Vietnamese figures: {{ n|so }}, {{ amount|dong }}, {{ d|ngay }}."""

from django import template

from congdoan.core import formatting

register = template.Library()


@register.filter
def so(value, decimals=0):
    return formatting.format_number(value, int(decimals))


@register.filter
def dong(value):
    return formatting.format_money(value)


@register.filter
def ngay(value):
    return formatting.format_date(value)


@register.filter
def ngaygio(value):
    return formatting.format_datetime(value)
