"""The levels of the Vietnamese union tree and the kinds of grassroots union, as data.

They stay editable: the 2025 restructuring added ward and commune unions, and the next
restructuring may change the list again without a code change.
"""

from django.db import migrations

LEVELS = [
    ("national", 0, False, "Tổng Liên đoàn Lao động Việt Nam", "National confederation"),
    ("province", 1, False, "Liên đoàn Lao động tỉnh, thành phố", "Provincial federation of labour"),
    ("central_sector", 1, False, "Công đoàn ngành trung ương", "Central sector union"),
    ("corporation", 1, False, "Công đoàn tổng công ty", "Corporation union"),
    ("district", 2, False, "Liên đoàn Lao động quận, huyện, thị xã", "District federation of labour"),
    ("commune", 2, False, "Công đoàn xã, phường, đặc khu", "Ward and commune union"),
    ("local_sector", 2, False, "Công đoàn ngành địa phương", "Local sector union"),
    ("industrial_zone", 2, False, "Công đoàn các khu công nghiệp, khu chế xuất", "Industrial and export zone union"),
    ("other_upper", 2, False, "Công đoàn cấp trên trực tiếp cơ sở khác", "Other upper-level union"),
    ("grassroots", 3, True, "Công đoàn cơ sở", "Grassroots union"),
    ("group", 4, False, "Tổ công đoàn", "Union group"),
]

KINDS = [
    ("hcsn", "Hành chính sự nghiệp", "Public administration and service"),
    ("school", "Trường học", "School"),
    ("soe", "Doanh nghiệp nhà nước", "State-owned enterprise"),
    ("private", "Doanh nghiệp ngoài nhà nước", "Non-state enterprise"),
    ("fdi", "Doanh nghiệp có vốn đầu tư nước ngoài", "Foreign-invested enterprise"),
    ("other", "Khác", "Other"),
]


def create(apps, schema_editor):
    UnitLevel = apps.get_model("org", "UnitLevel")
    UnitKind = apps.get_model("org", "UnitKind")
    for code, rank, grassroots, name, name_en in LEVELS:
        UnitLevel.objects.update_or_create(
            code=code,
            defaults={"rank": rank, "is_grassroots": grassroots, "name": name, "name_en": name_en},
        )
    for position, (code, name, name_en) in enumerate(KINDS):
        UnitKind.objects.update_or_create(
            code=code, defaults={"position": position, "name": name, "name_en": name_en}
        )


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
