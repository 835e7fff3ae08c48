"""Secure defaults: production refuses to start half-configured, headers, login throttling."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

PROJECT = Path(__file__).resolve().parents[4]


def run_manage(*args, env=None, tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DATABASE_URL", "REDIS_URL", "CACHE_URL", "PYTEST", "DJANGO_ALLOW_ASYNC")
        )
    }
    environment.update({"CONGDOAN_VAR_DIR": str(tmp_path), **(env or {})})
    return subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_profile_fails_fast_without_secret_key(tmp_path):
    result = run_manage("check", env={"CONGDOAN_PROFILE": "production"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_profile_requires_allowed_hosts(tmp_path):
    env = {"CONGDOAN_PROFILE": "production", "SECRET_KEY": "k" * 60}
    result = run_manage("check", env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required" in result.stderr


def test_production_profile_requires_the_members_key(tmp_path):
    env = {
        "CONGDOAN_PROFILE": "production",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "congdoan.example.vn",
        "CONGDOAN_MEMBERS_KEY": "too-short",
    }
    result = run_manage("check", env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "CONGDOAN_MEMBERS_KEY (at least 32 characters) is required" in result.stderr


def test_production_profile_passes_the_deployment_checks(tmp_path):
    env = {
        "CONGDOAN_PROFILE": "production",
        "SECRET_KEY": "a-long-random-production-key-" + "x7Yq" * 12,
        "ALLOWED_HOSTS": "congdoan.example.vn",
        "CONGDOAN_MEMBERS_KEY": "members-key-kept-with-the-backups-" + "Zp3" * 8,
    }
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_development_secret_key_is_kept_under_var(tmp_path):
    first = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        tmp_path=tmp_path,
    )
    second = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        tmp_path=tmp_path,
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1] == second.stdout.strip().splitlines()[-1]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_public_pages_send_protective_headers(client, tree):
    response = client.get(reverse("org_directory"))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = response["Content-Security-Policy"]
    # The directives' order varies from one process to the next: compare them one by one.
    directives = {part.strip() for part in policy.split(";")}
    assert "default-src 'self'" in directives
    assert "script-src 'self'" in directives
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in directives


def test_admin_policy_is_relaxed_only_for_the_admin(client, db):
    response = client.get(reverse("wagtailadmin_login"))
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_passwords_are_hashed_with_argon2(make_user):
    user = make_user("matkhau", password="mot-mat-khau-dai-2025")
    assert user.password.startswith("argon2")


LOGIN = "/admin/login/"


def test_login_is_throttled_per_account(client, make_user):
    make_user("canbo", password="dung-mat-khau-2025")
    for _ in range(5):
        response = client.post(
            LOGIN, {"username": "canbo", "password": "sai"}, REMOTE_ADDR="10.0.0.1"
        )
        assert response.status_code in (200, 429)
    # Even the right password is refused now, from any address.
    response = client.post(
        LOGIN, {"username": "canbo", "password": "dung-mat-khau-2025"}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_is_throttled_per_address(client, make_user):
    make_user("canbo2", password="dung-mat-khau-2025")
    for number in range(5):
        client.post(LOGIN, {"username": f"doan{number}", "password": "sai"}, REMOTE_ADDR="10.0.0.2")
    response = client.post(
        LOGIN, {"username": "canbo2", "password": "dung-mat-khau-2025"}, REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 429
    response = client.post(
        LOGIN, {"username": "canbo2", "password": "dung-mat-khau-2025"}, REMOTE_ADDR="10.0.0.3"
    )
    assert response.status_code == 302


@pytest.mark.parametrize("size", [11 * 1024 * 1024])
def test_oversized_requests_are_refused(client, size):
    response = client.post(
        LOGIN, data=b"x" * size, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_embedded_sqlite_database_runs_in_wal_mode(tmp_path):
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode')\n"
        "    print('mode=' + c.fetchone()[0])\n"
        "print('file=' + str(connection.settings_dict['NAME']))"
    )
    result = run_manage("shell", "-c", code, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "mode=wal" in result.stdout
    assert f"file={tmp_path / 'congdoan.sqlite3'}" in result.stdout
