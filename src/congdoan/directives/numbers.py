"""Numbers and symbols of directive documents (số, ký hiệu văn bản): "1291/QĐ-TLĐ".

The number is the issuer's running number of the year; the symbol after the slash is the kind's
abbreviation and the issuer's, joined by a hyphen ("QĐ-TLĐ"). A công văn has no kind part
("1197/TLĐ"), and its symbol may carry the issuing department ("123/LĐLĐ-TC"): a first part is
read as a kind only when it is a known kind abbreviation. Legal documents of the State put the
year between ("15/2025/NĐ-CP").
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Abbreviations of the kinds (Nghị định 30/2020/NĐ-CP, phụ lục III and the union's own usage).
KINDS = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công văn", ""),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
]
# Kinds of legal documents of the State that union documents cite.
LEGAL_ABBREVIATIONS = ["NĐ", "TT", "TTLT", "NQLT", "QH", "L", "PL", "UBTVQH"]
ABBREVIATIONS = {abbreviation.casefold() for _name, abbreviation in KINDS if abbreviation} | {
    abbreviation.casefold() for abbreviation in LEGAL_ABBREVIATIONS
}

_SYMBOL = r"[^\W_](?:[\w.]|-(?=[^\W_]))*"
_NUMBER = rf"(?P<number>\d{{1,7}})\s*/\s*(?:(?P<year>\d{{4}})\s*/\s*)?(?P<symbol>{_SYMBOL})"
NUMBER_PATTERN = re.compile(rf"^\s*(?:số\s*)?{_NUMBER}\s*$", re.IGNORECASE)
PROSE_PATTERN = re.compile(
    rf"(?:(?P<kind_name>[^\W\d_][\w ]{{0,40}}?)\s+)?số\s+{_NUMBER}"
    r"(?:\s+ngày\s+(?P<day>\d{1,2})[./-](?P<month>\d{1,2})(?:[./-](?P<date_year>\d{4}))?)?",
    re.IGNORECASE,
)


class NumberError(ValidationError):
    """A malformed number or one that contradicts the document; the message is Vietnamese."""


@dataclass(frozen=True)
class DocumentNumber:
    number: int
    kind: str  # the kind's abbreviation, "" for a công văn
    issuer: str  # the issuer's symbol, with its department if any: "TLĐ", "LĐLĐ-TC"
    year: int | None = None
    kind_name: str = ""  # from prose: "Quyết định"
    day: int | None = None
    month: int | None = None
    date_year: int | None = None

    @property
    def symbol(self):
        return f"{self.kind}-{self.issuer}" if self.kind else self.issuer

    def __str__(self):
        number = f"{self.number:02d}"
        year = f"{self.year}/" if self.year else ""
        return f"{number}/{year}{self.symbol}"


def _nfc(text):
    return unicodedata.normalize("NFC", text or "")


def _build(match, **extra):
    symbol = match["symbol"]
    first, _sep, rest = symbol.partition("-")
    if rest and first.casefold() in ABBREVIATIONS:
        kind, issuer = first, rest
    else:
        kind, issuer = "", symbol
    number = int(match["number"])
    if number == 0:
        raise NumberError(_("Số văn bản phải lớn hơn 0."))
    return DocumentNumber(
        number=number,
        kind=kind,
        issuer=issuer,
        year=int(match["year"]) if match["year"] else None,
        **extra,
    )


def _known_kind_name(words):
    """ "Thực hiện Quyết định" -> "Quyết định": the kind named just before "số", if any."""
    words = (words or "").strip().casefold()
    for name, _abbreviation in sorted(KINDS, key=lambda kind: -len(kind[0])):
        if words.endswith(name.casefold()):
            return name
    return ""


def parse_number(text):
    """Read "1291/QĐ-TLĐ", "1197/TLĐ", "15/2025/NĐ-CP", or a reference in prose such as
    "Quyết định số 1291/QĐ-TLĐ ngày 26.7"; raise NumberError when there is none."""
    text = _nfc(text).strip()
    if not text:
        raise NumberError(_("Chưa nhập số, ký hiệu văn bản."))
    if len(text) > 500:
        raise NumberError(_("Số, ký hiệu văn bản quá dài."))
    match = NUMBER_PATTERN.match(text)
    if match:
        return _build(match)
    match = PROSE_PATTERN.search(text)
    if match:
        day, month = match["day"], match["month"]
        if day and not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
            raise NumberError(
                _("Ngày “%(day)s.%(month)s” trong số, ký hiệu văn bản không hợp lệ.")
                % {"day": day, "month": month}
            )
        return _build(
            match,
            kind_name=_known_kind_name(match["kind_name"]),
            day=int(day) if day else None,
            month=int(month) if month else None,
            date_year=int(match["date_year"]) if match["date_year"] else None,
        )
    raise NumberError(
        _(
            "Số, ký hiệu “%(text)s” không đúng mẫu: số thứ tự, dấu gạch chéo rồi ký hiệu, "
            "ví dụ 1291/QĐ-TLĐ, 1197/TLĐ hoặc 15/2025/NĐ-CP."
        )
        % {"text": text[:60]}
    )


def check_number(parsed, *, kind_name, kind_abbreviation, issued_on):
    """Refuse a number that contradicts the chosen kind or the date of issue."""
    expected = _nfc(kind_abbreviation)
    if not expected and parsed.kind:
        raise NumberError(
            _(
                "Văn bản loại “%(kind)s” không có phần viết tắt tên loại, nhưng ký hiệu có "
                "“%(found)s”."
            )
            % {"kind": kind_name, "found": parsed.kind}
        )
    if expected and parsed.kind.casefold() != expected.casefold():
        if parsed.kind:
            message = _(
                "Ký hiệu “%(found)s” không khớp với loại văn bản “%(kind)s” (viết tắt "
                "%(expected)s)."
            )
        else:
            message = _(
                "Ký hiệu văn bản loại “%(kind)s” phải có phần viết tắt %(expected)s, ví dụ "
                "%(number)s/%(expected)s-%(issuer)s."
            )
        raise NumberError(
            message
            % {
                "found": parsed.kind,
                "kind": kind_name,
                "expected": expected,
                "number": parsed.number,
                "issuer": parsed.issuer,
            }
        )
    if parsed.year is not None and issued_on is not None and parsed.year != issued_on.year:
        raise NumberError(
            _("Năm %(year)s trong số văn bản khác năm ban hành %(issued)s.")
            % {"year": parsed.year, "issued": issued_on.year}
        )


QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
PERIOD = re.compile(
    r"^(?:(?:quy|q)\s*(?P<q1>IV|III|II|I|[1-4])\s*[/.-]\s*(?P<y1>\d{4})"
    r"|(?P<y2>\d{4})\s*-?\s*q(?P<q2>[1-4])"
    r"|(?:nam\s*)?(?P<y3>\d{4}))$",
    re.IGNORECASE,
)


def parse_period(text):
    """The period of a plan as people write it: "Quý I/2026", "quy 1/2026", "2026-Q1",
    "Năm 2026", "2026" → (year, quarter or None); ("", "") gives (None, None)."""
    from congdoan.core.text import fold

    written = " ".join((text or "").split())
    if not written:
        return None, None
    match = PERIOD.match(fold(written))
    if match is None:
        raise NumberError(
            _("Kỳ kế hoạch “%(text)s” không đúng dạng: ghi “Năm 2026” hoặc “Quý I/2026”.")
            % {"text": written[:40]}
        )
    year = int(match["y1"] or match["y2"] or match["y3"])
    quarter = match["q1"] or match["q2"]
    if not 1990 <= year <= 2100:
        raise NumberError(_("Năm của kỳ kế hoạch phải từ 1990 đến 2100."))
    return year, QUARTERS[quarter.upper()] if quarter else None


def format_period(year, quarter):
    if not year:
        return ""
    if quarter:
        return _("Quý %(quarter)s/%(year)s") % {"quarter": ROMAN[quarter], "year": year}
    return _("Năm %(year)s") % {"year": year}
