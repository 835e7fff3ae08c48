"""People with exact roles around the Long Biên school union, and a few members."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission

from congdoan.conftest import add_unit
from congdoan.members import services
from congdoan.members.models import Gender
from congdoan.org.models import Role


class People:
    """anonymous, a member (own record only), an officer of the same grassroots union, an
    officer of another union, the administrator of the parent (district) unit, the
    administrator of another province, and the server's superuser."""

    def __init__(self, tree, make_user):
        self.hcm = add_unit(tree.national, "HCM", "Liên đoàn Lao động TP Hồ Chí Minh", "province")
        self.hcm_grassroots = add_unit(
            self.hcm, "HCM-001", "Công đoàn Công ty May Sài Gòn", "grassroots", "private"
        )
        self.anonymous = None
        self.member = make_user("doanvien", roles=[(tree.lb_school, Role.MEMBER)])
        self.officer = make_user("canbo_giathuy", roles=[(tree.lb_school, Role.STAFF)])
        self.other_officer = make_user("canbo_uyno", roles=[(tree.da_school, Role.STAFF)])
        self.parent_admin = make_user("admin_longbien", roles=[(tree.long_bien, Role.ADMIN)])
        self.other_admin = make_user("admin_hcm", roles=[(self.hcm, Role.ADMIN)])
        self.superuser = make_user("quantri", superuser=True)

    def grant_export(self, user):
        user.user_permissions.add(Permission.objects.get(codename="export_members"))


@pytest.fixture
def people(tree, make_user):
    return People(tree, make_user)


def new_member(unit, actor=None, **values):
    data = {
        "full_name": "Nguyễn Thị Hoa",
        "birth_date": date(1990, 5, 17),
        "gender": Gender.FEMALE,
        "joined_on": date(2015, 9, 1),
        "cccd": "001190012345",
        "phone": "0912345678",
        "card_number": "LB001-0001",
        **values,
    }
    return services.create_member(actor=actor, unit=unit, **data)


@pytest.fixture
def hoa(tree, people):
    member = new_member(tree.lb_school)
    services.link_account(actor=None, member=member, user=people.member)
    return member


@pytest.fixture
def tuan(tree):
    return new_member(
        tree.lb_school,
        full_name="Trần Đức Tuấn",
        birth_date=date(1985, 2, 3),
        gender=Gender.MALE,
        cccd="001085099999",
        card_number="LB001-0002",
        phone="",
    )


@pytest.fixture
def lan(tree):
    return new_member(
        tree.da_school,
        full_name="Lê Thị Lan",
        birth_date=date(1992, 12, 1),
        cccd="001192055555",
        card_number="DA001-0001",
    )
