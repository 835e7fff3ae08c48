import subprocess
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command

from congdoan.cli import main

VENV_BIN = Path(__file__).resolve().parents[4] / ".venv" / "bin"


def test_ensure_admin_creates_one_administrator_and_prints_the_password_once(db, capsys):
    call_command("ensure_admin")
    first = capsys.readouterr().out
    assert "Đã tạo tài khoản quản trị “admin”" in first
    password = first.split("Mật khẩu (chỉ in một lần, hãy lưu lại): ")[1].split()[0]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    call_command("ensure_admin")
    second = capsys.readouterr().out
    assert password not in second
    assert "mật khẩu giữ nguyên" in second
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_ensure_admin_takes_the_password_from_the_environment(db, capsys, monkeypatch):
    monkeypatch.setenv("CONGDOAN_ADMIN_PASSWORD", "mat-khau-quan-tri-2025")
    call_command("ensure_admin")
    out = capsys.readouterr().out
    assert "mat-khau-quan-tri-2025" not in out
    assert get_user_model().objects.get(username="admin").check_password("mat-khau-quan-tri-2025")


def test_cli_accepts_dashed_command_names(db, capsys):
    main(["congdoan", "ensure-admin"])
    assert "tài khoản quản trị" in capsys.readouterr().out


def test_console_script_is_installed():
    result = subprocess.run(
        [str(VENV_BIN / "congdoan"), "help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert "ensure_admin" in result.stdout
    assert "compile_translations" in result.stdout
