"""Quarterly and yearly plans are documents linked to their period (kỳ kế hoạch)."""

from datetime import date

import pytest
from django.urls import reverse

from congdoan.directives import services
from congdoan.directives.numbers import NumberError, format_period, parse_period

from .conftest import kind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Quý I/2026", (2026, 1)),
        ("quy iv/2025", (2025, 4)),
        ("QUÝ 2 - 2026", (2026, 2)),
        ("2026-Q3", (2026, 3)),
        ("Năm 2026", (2026, None)),
        ("2026", (2026, None)),
        ("  ", (None, None)),
    ],
)
def test_periods_are_read_as_people_write_them(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["Quý V/2026", "Quý I", "1800", "2026-Q5", "'; DROP", "q" * 500])
def test_wrong_periods_are_explained(text):
    with pytest.raises(NumberError, match=r"Kỳ kế hoạch|1990"):
        parse_period(text)


def test_periods_are_written_the_vietnamese_way():
    assert format_period(2026, 1) == "Quý I/2026"
    assert format_period(2026, 4) == "Quý IV/2026"
    assert format_period(2026, None) == "Năm 2026"
    assert format_period(None, None) == ""


@pytest.fixture
def plans(tree, people, django_capture_on_commit_callbacks):
    actor = people.issuer_admin
    made = {}
    with django_capture_on_commit_callbacks(execute=True):
        for key, number, summary, year, quarter in [
            ("q1", "12/KH-LĐLĐ", "Kế hoạch công tác quý I năm 2026", 2026, 1),
            ("q2", "40/KH-LĐLĐ", "Kế hoạch công tác quý II năm 2026", 2026, 2),
            ("year", "01/KH-LĐLĐ", "Kế hoạch công tác năm 2026", 2026, None),
            ("old", "88/KH-LĐLĐ", "Kế hoạch công tác quý I năm 2025", 2025, 1),
        ]:
            document = services.create_document(
                actor=actor,
                kind=kind("Kế hoạch"),
                number_text=number,
                issuer=tree.hanoi,
                issued_on=date(year - 1 if key == "year" else year, 1, 5),
                summary=summary,
                period_year=year,
                period_quarter=quarter,
            )
            services.publish_document(actor=actor, document=document)
            made[key] = document
    return made


def test_the_register_lists_the_plans_of_a_period(client, plans):
    def listed(period):
        html = client.get(reverse("directives:register"), {"ky": period}).content.decode()
        return {key for key, document in plans.items() if document.summary in html}

    assert listed("Quý I/2026") == {"q1"}
    assert listed("2026-Q2") == {"q2"}
    assert listed("Năm 2026") == {"q1", "q2", "year"}
    assert listed("2025") == {"old"}
    assert listed("Quý 9/2026") == set()
    detail = client.get(reverse("directives:detail", args=[plans["q1"].pk])).content.decode()
    assert "Kỳ kế hoạch, báo cáo" in detail
    assert "Quý I/2026" in detail


def test_the_api_filters_by_period_and_says_it(client, plans):
    data = client.get("/api/v1/documents", {"period": "2026-Q1"}).json()
    assert [item["summary"] for item in data["items"]] == ["Kế hoạch công tác quý I năm 2026"]
    assert data["items"][0]["period"] == "Quý I/2026"
    assert client.get("/api/v1/documents", {"period": "x" * 41}).status_code == 422


def test_a_quarter_without_a_year_is_refused(tree, people):
    with pytest.raises(services.DocumentError, match="phải có năm"):
        services.create_document(
            actor=people.issuer_admin,
            kind=kind("Kế hoạch"),
            number_text="13/KH-LĐLĐ",
            issuer=tree.hanoi,
            issued_on=date(2026, 1, 5),
            summary="Kế hoạch",
            period_quarter=2,
        )


def test_the_admin_form_takes_the_period_as_written(client, tree, people):
    client.force_login(people.issuer_admin)
    data = {
        "kind": kind("Kế hoạch").pk,
        "number_text": "45/KH-LĐLĐ",
        "issuer": "HN",
        "issued_on": "02/01/2026",
        "summary": "Kế hoạch tuyên truyền quý I năm 2026",
        "period": "Quý 5/2026",
        "is_public": "on",
    }
    bad = client.post(reverse("directives_admin:add"), data)
    assert "Kỳ kế hoạch “Quý 5/2026” không đúng dạng" in bad.content.decode()
    client.post(reverse("directives_admin:add"), {**data, "period": "Quý I/2026"})
    document = services.Document.objects.get(symbol="45/KH-LĐLĐ")
    assert (document.period_year, document.period_quarter) == (2026, 1)
    edit = client.get(reverse("directives_admin:edit", args=[document.pk])).content.decode()
    assert 'value="Quý I/2026"' in edit
