"""Vietnamese number, money and date formatting: 1.262, 148,7, 60.000.000 đ, 29/01/2016.

These do not depend on the active language: the union's documents always print figures the
Vietnamese way, as the seeds do.
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone


def format_number(value, decimals=0):
    """1262 -> '1.262'; 148.7 with decimals=1 -> '148,7'. None -> ''."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def format_money(value):
    """60000000 -> '60.000.000 đ'."""
    if value is None or value == "":
        return ""
    return f"{format_number(value)} đ"


def format_date(value):
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value.strftime("%d/%m/%Y")


def format_datetime(value, seconds=False):
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")


def parse_date(text):
    """Read dd/mm/yyyy (also dd-mm-yyyy and ISO yyyy-mm-dd); raise ValueError otherwise."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    text = str(text).strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)
