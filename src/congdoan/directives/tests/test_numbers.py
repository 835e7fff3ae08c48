"""Numbers and symbols as the seeds write them, and the ways they go wrong."""

from datetime import date

import pytest

from congdoan.directives.numbers import NumberError, check_number, parse_number


@pytest.mark.parametrize(
    ("text", "number", "kind", "issuer", "year"),
    [
        ("1291/QĐ-TLĐ", 1291, "QĐ", "TLĐ", None),
        ("1197/TLĐ", 1197, "", "TLĐ", None),
        ("09/CTr-LĐLĐ", 9, "CTr", "LĐLĐ", None),
        ("15/2025/NĐ-CP", 15, "NĐ", "CP", 2025),
        ("số 1197/TLĐ", 1197, "", "TLĐ", None),
        (" 42 / KH-LĐLĐ ", 42, "KH", "LĐLĐ", None),
        ("123/LĐLĐ-TC", 123, "", "LĐLĐ-TC", None),  # công văn with the issuing department
        ("7/QyĐ-CĐHN", 7, "QyĐ", "CĐHN", None),
    ],
)
def test_numbers_as_written(text, number, kind, issuer, year):
    parsed = parse_number(text)
    assert (parsed.number, parsed.kind, parsed.issuer, parsed.year) == (number, kind, issuer, year)


def test_symbol_is_written_back_the_standard_way():
    assert str(parse_number("9/CTr-LĐLĐ")) == "09/CTr-LĐLĐ"
    assert str(parse_number("15/2025/NĐ-CP")) == "15/2025/NĐ-CP"
    assert parse_number("1197/TLĐ").symbol == "TLĐ"


def test_reference_in_prose():
    parsed = parse_number("Quyết định số 1291/QĐ-TLĐ ngày 26.7")
    assert (parsed.number, parsed.kind, parsed.issuer) == (1291, "QĐ", "TLĐ")
    assert parsed.kind_name == "Quyết định"
    assert (parsed.day, parsed.month) == (26, 7)
    parsed = parse_number("Thực hiện Chương trình số 09/CTr-LĐLĐ của LĐLĐ thành phố")
    assert (parsed.number, parsed.kind, parsed.kind_name) == (9, "CTr", "Chương trình")
    assert parse_number("theo văn bản số 1197/TLĐ").issuer == "TLĐ"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Chưa nhập"),
        ("QĐ-TLĐ", "không đúng mẫu"),
        ("1291QĐ-TLĐ", "không đúng mẫu"),
        ("1291/", "không đúng mẫu"),
        ("12/QĐ-", "không đúng mẫu"),
        ("12/QĐ--TLĐ", "không đúng mẫu"),
        ("0/QĐ-TLĐ", "lớn hơn 0"),
        ("abc/QĐ-TLĐ", "không đúng mẫu"),
        ("Quyết định số 12/QĐ-TLĐ ngày 35.13", "không hợp lệ"),
    ],
)
def test_malformed_numbers_are_refused_in_vietnamese(text, words):
    with pytest.raises(NumberError) as error:
        parse_number(text)
    assert words in error.value.messages[0]


def test_kind_part_must_match_the_kind():
    with pytest.raises(NumberError, match="không khớp với loại văn bản “Chỉ thị”"):
        check_number(
            parse_number("12/QĐ-TLĐ"),
            kind_name="Chỉ thị",
            kind_abbreviation="CT",
            issued_on=date(2025, 1, 1),
        )
    with pytest.raises(NumberError, match="phải có phần viết tắt CT"):
        check_number(
            parse_number("12/TLĐ"),
            kind_name="Chỉ thị",
            kind_abbreviation="CT",
            issued_on=date(2025, 1, 1),
        )
    with pytest.raises(NumberError, match="không có phần viết tắt tên loại"):
        check_number(
            parse_number("12/QĐ-TLĐ"),
            kind_name="Công văn",
            kind_abbreviation="",
            issued_on=date(2025, 1, 1),
        )
    check_number(
        parse_number("1197/TLĐ"),
        kind_name="Công văn",
        kind_abbreviation="",
        issued_on=date(2025, 1, 1),
    )


def test_year_part_must_be_the_year_of_issue():
    with pytest.raises(NumberError, match="Năm 2024 trong số văn bản khác năm ban hành 2025"):
        check_number(
            parse_number("15/2024/NĐ-CP"),
            kind_name="Nghị định",
            kind_abbreviation="NĐ",
            issued_on=date(2025, 2, 3),
        )
