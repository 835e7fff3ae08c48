"""Make sure an administrator exists and say how to log in.

The password comes from CONGDOAN_ADMIN_PASSWORD, else it is generated and printed once: later
runs never print or change it, so what the administrator set stays.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị nếu chưa có và in cách đăng nhập."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("CONGDOAN_ADMIN_USER", "admin"))

    def handle(self, *args, **options):
        User = get_user_model()
        username = options["username"]
        if User.objects.filter(is_superuser=True, is_active=True).exists():
            names = ", ".join(
                User.objects.filter(is_superuser=True, is_active=True).values_list(
                    "username", flat=True
                )[:3]
            )
            self.stdout.write(f"Tài khoản quản trị: {names} (mật khẩu giữ nguyên như đã đặt).")
            return
        password = os.environ.get("CONGDOAN_ADMIN_PASSWORD", "")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        user = User.objects.filter(username=username).first() or User(username=username)
        user.is_superuser = user.is_staff = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(self.style.SUCCESS(f"Đã tạo tài khoản quản trị “{username}”."))
        if generated:
            self.stdout.write(
                f"Mật khẩu (chỉ in một lần, hãy lưu lại): {password}\n"
                "Đặt CONGDOAN_ADMIN_PASSWORD trước lần chạy đầu để tự chọn mật khẩu."
            )
        else:
            self.stdout.write("Mật khẩu: giá trị của biến môi trường CONGDOAN_ADMIN_PASSWORD.")
