from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import is_officer


@hooks.register("register_log_actions")
def register_member_log_actions(actions):
    for action, label in (
        ("members.create", _("Thêm đoàn viên")),
        ("members.edit", _("Sửa thông tin đoàn viên")),
        ("members.position", _("Thay đổi chức vụ công đoàn")),
        ("members.transfer_request", _("Đề nghị chuyển sinh hoạt")),
        ("members.transfer_accept", _("Tiếp nhận chuyển sinh hoạt")),
        ("members.transfer_refuse", _("Từ chối chuyển sinh hoạt")),
        ("members.leave", _("Ra khỏi tổ chức")),
        ("members.rejoin", _("Sinh hoạt trở lại")),
        ("members.non_members", _("Cập nhật số người lao động chưa là đoàn viên")),
        ("members.link_account", _("Gắn tài khoản đoàn viên")),
        ("members.card_revoke", _("Thu hồi thẻ đoàn viên")),
        ("members.consent", _("Ghi nhận sự đồng ý")),
        ("members.consent_withdraw", _("Rút lại sự đồng ý")),
        ("members.request", _("Yêu cầu về dữ liệu cá nhân")),
        ("members.request_close", _("Xử lý yêu cầu về dữ liệu cá nhân")),
        ("members.anonymise", _("Ẩn danh hóa đoàn viên theo yêu cầu xóa dữ liệu")),
        ("members.import", _("Nhập đoàn viên từ tệp")),
    ):
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_member_admin_urls():
    from django.urls import include, path

    from . import admin_urls

    return [path("doan-vien/", include(admin_urls, namespace="members_admin"))]


class MemberMenuItem(MenuItem):
    def is_shown(self, request):
        return is_officer(request.user)


@hooks.register("register_admin_menu_item")
def register_member_menu_item():
    return MemberMenuItem(
        _("Đoàn viên"), reverse("members_admin:index"), icon_name="group", order=155
    )
