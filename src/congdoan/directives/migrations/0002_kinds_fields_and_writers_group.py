"""The real kinds of documents with their abbreviations (Nghị định 30/2020/NĐ-CP), the usual
fields of union work, and the group that lets staff (cán bộ) into the admin to issue them."""

from django.db import migrations

# Frozen here: later edits of numbers.KINDS must not change what this migration did.
KINDS = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công văn", ""),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
]
FIELDS = [
    "Tổ chức – Cán bộ",
    "Tuyên truyền – Giáo dục",
    "Chính sách – Pháp luật",
    "Quan hệ lao động",
    "Nữ công",
    "Tài chính – Kinh tế",
    "Kiểm tra",
    "Thi đua – Khen thưởng",
    "Đối ngoại",
    "Văn phòng",
]
WRITERS_GROUP = "Văn bản – cán bộ"


def create(apps, schema_editor):
    DocumentKind = apps.get_model("directives", "DocumentKind")
    DocumentField = apps.get_model("directives", "DocumentField")
    for position, (name, abbreviation) in enumerate(KINDS):
        DocumentKind.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation, "position": position}
        )
    for position, name in enumerate(FIELDS):
        DocumentField.objects.get_or_create(name=name, defaults={"position": position})
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=WRITERS_GROUP)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
