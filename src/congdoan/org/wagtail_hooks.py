from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_org_log_actions(actions):
    actions.register_action("org.created", _("Thành lập đơn vị"), _("Thành lập đơn vị"))
    actions.register_action("org.updated", _("Cập nhật đơn vị"), _("Cập nhật thông tin đơn vị"))
    actions.register_action("org.moved", _("Chuyển đơn vị"), _("Chuyển sang đơn vị cấp trên khác"))
    actions.register_action("org.merged", _("Sáp nhập đơn vị"), _("Sáp nhập vào đơn vị khác"))
    actions.register_action("org.dissolved", _("Giải thể đơn vị"), _("Giải thể đơn vị"))
    actions.register_action("org.role_grant", _("Cấp vai trò"), _("Cấp vai trò tại đơn vị"))
    actions.register_action("org.role_revoke", _("Thu hồi vai trò"), _("Thu hồi vai trò tại đơn vị"))
