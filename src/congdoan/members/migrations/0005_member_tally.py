"""The members' figures kept per grassroots union (members.figures), counted here once from
the records for the current year. The SQL is written out (not members.figures'), so this
migration stays as it is when that code changes."""

from datetime import date

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

BANDS = ((0, 29), (30, 39), (40, 49), (50, 59), (60, 200))


def count(apps, schema_editor):
    year = timezone.localdate().year
    params = [year, "male", "female", "other"]
    for young, old in BANDS:
        params += [date(year - old, 1, 1), date(year - young + 1, 1, 1)]
    params += [date(year, 1, 1), "active"]
    bands = ", ".join(
        ["SUM(CASE WHEN birth_date >= %s AND birth_date < %s THEN 1 ELSE 0 END)"] * len(BANDS)
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO members_membertally (unit_id, year, members, male, female, other, "
            "age_under30, age_30to39, age_40to49, age_50to59, age_60plus, new_members) "
            "SELECT unit_id, %s, COUNT(*), SUM(CASE WHEN gender = %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN gender = %s THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN gender = %s THEN 1 ELSE 0 END), {bands}, "
            "SUM(CASE WHEN joined_on >= %s THEN 1 ELSE 0 END) FROM members_member "
            "WHERE status = %s GROUP BY unit_id",
            params,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0004_drop_redundant_lookup_indexes'),
        ('org', '0003_unit_admin_group'),
    ]

    operations = [
        migrations.CreateModel(
            name='MemberTally',
            fields=[
                ('unit', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='org.unit')),
                ('year', models.PositiveSmallIntegerField()),
                ('members', models.PositiveIntegerField(default=0)),
                ('male', models.PositiveIntegerField(default=0)),
                ('female', models.PositiveIntegerField(default=0)),
                ('other', models.PositiveIntegerField(default=0)),
                ('age_under30', models.PositiveIntegerField(default=0)),
                ('age_30to39', models.PositiveIntegerField(default=0)),
                ('age_40to49', models.PositiveIntegerField(default=0)),
                ('age_50to59', models.PositiveIntegerField(default=0)),
                ('age_60plus', models.PositiveIntegerField(default=0)),
                ('new_members', models.PositiveIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'số liệu tổng hợp đoàn viên',
                'verbose_name_plural': 'số liệu tổng hợp đoàn viên',
            },
        ),
        migrations.RunPython(count, migrations.RunPython.noop),
    ]
