"""`manage.py demo`: the demo tree and the portal, built once, kept afterwards. The portal's
content itself is tested in test_demo_content.py."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from congdoan.cli import main as congdoan_cli
from congdoan.core.formatting import format_number
from congdoan.news import demo as news_demo
from congdoan.news.models import HomePage
from congdoan.org.figures import subtree_figures
from congdoan.org.models import Unit, UnitEvent


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """The demo draws and saves its pictures: into a temporary folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def run_demo(*args):
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=StringIO(), verbosity=0)
    return out.getvalue()


def snapshot():
    return (
        Unit.objects.count(),
        UnitEvent.objects.count(),
        list(Unit.objects.order_by("path").values_list("path", "numchild", "members", "workers")),
        Page.objects.count(),
        list(Site.objects.values_list("hostname", "port", "root_page_id", "is_default_site")),
        get_user_model().objects.count(),
    )


def test_demo_builds_hanoi_and_the_home_page_serves_its_figures(client, db):
    output = run_demo()
    assert "11.684 đoàn viên / 12.538 người lao động" in output
    assert "280 CĐCS" in output
    # The default portal: 5 seeds, 360 generated items, 2 sub-sites of 20, 24 pictures.
    assert "Tin bài: 405 (5 tin gốc, 360 tin tạo sẵn, 40 tin của trang thành phần)" in output
    assert "Ảnh: 24" in output
    assert "Liên đoàn Lao động quận Long Biên (/long-bien/)" in output

    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Liên đoàn Lao động thành phố Hà Nội" in html
    hanoi = subtree_figures(Unit.objects.get(code="HN"))
    assert format_number(hanoi.grassroots) in html
    assert format_number(hanoi.members) in html
    assert format_number(hanoi.workers) in html
    assert "Welcome to your new Wagtail site" not in html

    home = HomePage.objects.get()
    assert home.unit.code == "HN"
    assert home.live and home.get_parent().is_root()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("localhost", 80, home.pk)
    assert not Page.objects.filter(slug="home", depth=2).exists()


def test_if_empty_twice_changes_nothing(db):
    run_demo("--if-empty", "--articles", "5")
    before = snapshot()
    output = run_demo("--if-empty")
    assert "giữ nguyên dữ liệu" in output
    assert snapshot() == before


def test_if_empty_keeps_what_users_built(tree):
    before = snapshot()
    assert "11 đơn vị" in run_demo("--if-empty")
    assert snapshot() == before
    with pytest.raises(CommandError, match="đã có 11 đơn vị"):
        run_demo()


def test_console_script_runs_the_same_command(tree, capsys):
    congdoan_cli(["congdoan", "demo", "--if-empty"])
    assert "giữ nguyên dữ liệu" in capsys.readouterr().out


def test_a_failure_leaves_nothing_half_built(db, monkeypatch):
    def broken(unit):
        raise RuntimeError("hỏng")

    monkeypatch.setattr("congdoan.news.management.commands.demo.build_home", broken)
    with pytest.raises(RuntimeError):
        run_demo()
    assert not Unit.objects.exists()
    assert not UnitEvent.objects.exists()


def test_national_scale_with_small_sizes(db):
    output = run_demo(
        "--scale",
        "national",
        "--provinces",
        "2",
        "--districts",
        "35",
        "--grassroots",
        "1500",
        "--articles",
        "12",
    )
    assert "Công đoàn cơ sở: 1.500" in output
    assert "12 tin tạo sẵn" in output
    assert Page.find_problems() == ([], [], [], [], [])
    assert Unit.objects.filter(level__code="province").count() == 2
    assert Unit.objects.filter(level__code="district").count() == 35
    assert Unit.find_problems() == ([], [], [], [], [])


def test_sizes_need_the_national_scale(db):
    with pytest.raises(CommandError, match="--scale national"):
        run_demo("--provinces", "3")


def test_articles_cannot_be_negative(db):
    with pytest.raises(CommandError, match="--articles"):
        run_demo("--articles", "-1")
    assert not Unit.objects.exists()


def test_build_home_is_idempotent(db):
    from congdoan.org.demo import build_hanoi

    hanoi = build_hanoi().hanoi
    first = news_demo.build_home(hanoi)
    first.intro = "<p>Lời giới thiệu do biên tập viên sửa.</p>"
    first.save()
    second = news_demo.build_home(hanoi)
    assert second.pk == first.pk
    assert HomePage.objects.count() == 1
    assert HomePage.objects.get().intro == "<p>Lời giới thiệu do biên tập viên sửa.</p>"
    assert Site.objects.filter(is_default_site=True).count() == 1
