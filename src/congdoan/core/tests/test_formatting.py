from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from congdoan.core.formatting import (
    format_date,
    format_datetime,
    format_money,
    format_number,
    parse_date,
)
from congdoan.core.text import fold


def test_vietnamese_numbers_money_and_dates():
    assert format_number(1262) == "1.262"
    assert format_number(148.7, 1) == "148,7"
    assert format_number(10_500_000) == "10.500.000"
    assert format_money(60_000_000) == "60.000.000 đ"
    assert format_date(date(2016, 1, 29)) == "29/01/2016"
    moment = datetime(2016, 1, 29, 7, 4, 29, tzinfo=ZoneInfo("UTC"))
    assert format_datetime(moment, seconds=True) == "29/01/2016 14:04:29"


def test_parse_date_reads_vietnamese_dates_and_refuses_others():
    assert parse_date("29/01/2016") == date(2016, 1, 29)
    assert parse_date("2016-01-29") == date(2016, 1, 29)
    with pytest.raises(ValueError):
        parse_date("01/29/2016")


def test_fold_strips_diacritics_and_folds_d():
    assert fold("Liên đoàn Lao động quận Long Biên") == "lien doan lao dong quan long bien"
    assert fold("ĐÔNG ANH") == "dong anh"
    assert fold("  Công   đoàn ") == "cong doan"


def test_fold_drops_control_characters():
    assert fold("cong\x00 doan\x07") == "cong doan"


def test_slugs_are_ascii_and_cut_between_words():
    from congdoan.core.text import slugify_vi

    assert slugify_vi("Đối ngoại – Hội nghị") == "doi-ngoai-hoi-nghi"
    long_title = "Liên đoàn Lao động quận Long Biên " * 5
    slug = slugify_vi(long_title, max_length=40)
    assert len(slug) <= 40
    assert slug == "lien-doan-lao-dong-quan-long-bien-lien"
