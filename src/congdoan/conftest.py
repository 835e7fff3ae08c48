"""Fixtures every app's tests share: a small union tree and users with exact roles."""

import re
import zlib

import pytest
from django.contrib.auth import get_user_model

from congdoan.org.models import Role, Unit, UnitKind, UnitLevel, UnitRole


def level(code):
    return UnitLevel.objects.get(code=code)


def kind(code):
    return UnitKind.objects.get(code=code)


def add_unit(parent, code, name, level_code, kind_code=None, **fields):
    values = {
        "code": code,
        "name": name,
        "level": level(level_code),
        "kind": kind(kind_code) if kind_code else None,
        **fields,
    }
    if parent is None:
        return Unit.add_root(**values)
    return Unit.objects.get(pk=parent.pk).add_child(**values)


class Tree:
    """Tổng LĐLĐ → LĐLĐ TP Hà Nội → LĐLĐ quận Long Biên (3 CĐCS) and huyện Đông Anh (2 CĐCS),
    plus the industrial-zone union (1 CĐCS)."""

    def __init__(self):
        self.national = add_unit(None, "TLD", "Tổng Liên đoàn Lao động Việt Nam", "national")
        self.hanoi = add_unit(
            self.national,
            "HN",
            "Liên đoàn Lao động thành phố Hà Nội",
            "province",
            short_name="LĐLĐ TP Hà Nội",
        )
        self.long_bien = add_unit(
            self.hanoi,
            "HN-LB",
            "Liên đoàn Lao động quận Long Biên",
            "district",
            short_name="LĐLĐ quận Long Biên",
        )
        self.dong_anh = add_unit(
            self.hanoi,
            "HN-DA",
            "Liên đoàn Lao động huyện Đông Anh",
            "district",
            short_name="LĐLĐ huyện Đông Anh",
        )
        self.kcn = add_unit(
            self.hanoi,
            "HN-KCN",
            "Công đoàn các Khu công nghiệp và chế xuất Hà Nội",
            "industrial_zone",
        )
        self.lb_school = add_unit(
            self.long_bien,
            "LB-001",
            "Công đoàn Trường Mầm non Gia Thụy",
            "grassroots",
            "school",
            members=40,
            workers=42,
        )
        self.lb_office = add_unit(
            self.long_bien,
            "LB-002",
            "Công đoàn cơ quan UBND phường Bồ Đề",
            "grassroots",
            "hcsn",
            members=25,
            workers=25,
        )
        self.lb_company = add_unit(
            self.long_bien,
            "LB-003",
            "Công đoàn Công ty TNHH Đức Giang",
            "grassroots",
            "private",
            members=300,
            workers=350,
        )
        self.da_school = add_unit(
            self.dong_anh,
            "DA-001",
            "Công đoàn Trường Tiểu học Uy Nỗ",
            "grassroots",
            "school",
            members=50,
            workers=55,
        )
        self.da_company = add_unit(
            self.dong_anh,
            "DA-002",
            "Công đoàn Công ty Cổ phần Cơ khí Đông Anh",
            "grassroots",
            "private",
            members=500,
            workers=620,
        )
        self.kcn_fdi = add_unit(
            self.kcn,
            "KCN-001",
            "Công đoàn Công ty TNHH Canon Việt Nam",
            "grassroots",
            "fdi",
            members=2000,
            workers=2100,
        )

    def refresh(self):
        for name, value in vars(self).items():
            if isinstance(value, Unit):
                setattr(self, name, Unit.objects.get(pk=value.pk))
        return self


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: cached pages must not leak between tests."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        # On Redis, clear() would empty the database the other xdist workers share too.
        if hasattr(cache, "delete_pattern"):
            cache.delete_pattern("*")
        else:
            cache.clear()
    yield


@pytest.fixture(autouse=True)
def restore_language():
    """The locale middleware activates the request's language for the thread and leaves it
    there: put back what was active, so one test's English cannot leak into the next."""
    from django.utils import translation

    before = translation.get_language()
    yield
    if before:
        translation.activate(before)
    else:
        translation.deactivate()


@pytest.fixture
def tree(db):
    return Tree()


@pytest.fixture
def make_user(db):
    """make_user("name", roles=[(unit, Role.ADMIN)], superuser=False) -> an active user."""

    def make(username, roles=(), superuser=False, password=None):
        User = get_user_model()
        user = User.objects.create_user(
            username=username,
            email=f"{username}@example.vn",
            password=password,
            is_superuser=superuser,
            is_staff=superuser,
        )
        for unit, role in roles:
            UnitRole.objects.create(user=user, unit=unit, role=role)
            if role == Role.ADMIN:
                from congdoan.org.services import ensure_admin_access

                ensure_admin_access(user)
        return user

    return make


@pytest.fixture
def long_bien_admin(tree, make_user):
    return make_user("admin_longbien", roles=[(tree.long_bien, Role.ADMIN)])


@pytest.fixture
def dong_anh_admin(tree, make_user):
    return make_user("admin_donganh", roles=[(tree.dong_anh, Role.ADMIN)])


@pytest.fixture
def superuser(make_user):
    return make_user("quantri", superuser=True)


@pytest.fixture
def libreoffice_rows(tmp_path):
    """libreoffice_rows(xlsx_bytes_or_path) -> the first sheet's rows as LibreOffice Calc reads
    them (headless, through a UTF-8 CSV): what an office opening the export would see. A file
    LibreOffice cannot open fails the test. `sh scripts/ensure-libreoffice.sh` installs it;
    CONGDOAN_SKIP_LIBREOFFICE=1 skips these checks."""
    import csv
    import os
    import shutil
    import subprocess

    if os.environ.get("CONGDOAN_SKIP_LIBREOFFICE") == "1":
        pytest.skip("CONGDOAN_SKIP_LIBREOFFICE=1: LibreOffice checks skipped")
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail(
            "LibreOffice not found: install it with `sh scripts/ensure-libreoffice.sh` "
            "(Debian's libreoffice-calc-nogui) or set CONGDOAN_SKIP_LIBREOFFICE=1.",
            pytrace=False,
        )

    def rows(source):
        path = tmp_path / "libreoffice-input.xlsx"
        if isinstance(source, bytes):
            path.write_bytes(source)
        else:
            shutil.copy(source, path)
        out = tmp_path / "libreoffice-out"
        done = subprocess.run(  # noqa: S603 - our own soffice and our own temporary file
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path}/libreoffice-profile",
                "--headless",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76",
                "--outdir",
                str(out),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        converted = out / "libreoffice-input.csv"
        assert done.returncode == 0 and converted.exists(), done.stdout + done.stderr
        with converted.open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))

    return rows


def pdf_inflated(body):
    """The PDF with its compressed streams inflated: page sizes and links live in object
    streams."""
    parts = [body]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pdf_page_sizes(body):
    """(width, height) in points of each page of the PDF."""
    found = re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf_inflated(body))
    return [(float(width), float(height)) for width, height in found]
