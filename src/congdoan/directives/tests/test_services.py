"""Writing documents: duplicates, permissions and the audit log."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from congdoan.directives import services
from congdoan.directives.models import Document
from congdoan.directives.numbers import NumberError
from congdoan.org.models import Role

from .conftest import kind

pytestmark = pytest.mark.django_db


def create(actor, issuer, number_text="1291/QĐ-LĐLĐ", **extra):
    values = {
        "kind": kind("Quyết định"),
        "issued_on": date(2025, 7, 26),
        "summary": "Về việc kiện toàn Ban biên tập trang thông tin điện tử",
        **extra,
    }
    return services.create_document(actor=actor, number_text=number_text, issuer=issuer, **values)


def test_same_number_same_issuer_same_year_is_refused(tree, people):
    create(people.issuer_admin, tree.hanoi)
    with pytest.raises(services.DocumentError) as error:
        create(people.issuer_admin, tree.hanoi, "1291/KH-LĐLĐ", kind=kind("Kế hoạch"))
    assert error.value.messages == ["“LĐLĐ TP Hà Nội” đã có văn bản số 1291 trong năm 2025."]
    # Another year, or another issuer, may use the number again.
    create(people.issuer_admin, tree.hanoi, issued_on=date(2024, 7, 26))
    create(people.issuer_admin, tree.long_bien)
    assert Document.objects.filter(number=1291).count() == 3


def test_database_refuses_a_duplicate_too(tree, people):
    document = create(people.issuer_admin, tree.hanoi)
    clone = Document(
        kind=document.kind,
        number=1291,
        symbol="1291/QĐ-LĐLĐ",
        issuer_symbol="LĐLĐ",
        issuer=tree.hanoi,
        issued_on=date(2025, 12, 1),
        summary="Bản sao",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_number_that_contradicts_the_kind_or_the_year_is_refused(tree, people):
    with pytest.raises(NumberError, match="không khớp"):
        create(people.issuer_admin, tree.hanoi, kind=kind("Chỉ thị"))
    with pytest.raises(NumberError, match="khác năm ban hành"):
        create(people.issuer_admin, tree.hanoi, "3/2024/QĐ-LĐLĐ")
    assert not Document.objects.exists()


def test_restricted_document_needs_recipients(tree, people):
    with pytest.raises(services.DocumentError, match="ít nhất một đơn vị nhận"):
        create(people.issuer_admin, tree.hanoi, is_public=False)


def test_only_admin_or_staff_of_the_issuer_or_above_may_write(tree, people, make_user):
    editor = make_user("bientap_hn", roles=[(tree.hanoi, Role.EDITOR)])
    for actor in (people.member, people.other_officer, editor):
        with pytest.raises(PermissionDenied):
            create(actor, tree.hanoi)
    # A Đông Anh officer writes for Đông Anh, not for Long Biên or the city.
    create(people.other_officer, tree.dong_anh)
    with pytest.raises(PermissionDenied):
        create(people.other_officer, tree.long_bien, "2/QĐ-LĐLĐ")
    create(people.issuer_staff, tree.long_bien, "3/QĐ-LĐLĐ")


def test_every_change_is_in_the_audit_log(tree, people):
    actor = people.issuer_admin
    document = create(actor, tree.hanoi)
    services.update_document(actor=actor, document=document, signer="Nguyễn Phi Thường")
    services.publish_document(actor=actor, document=document)
    from .conftest import PDF_BYTES, upload

    item = services.add_file(actor=actor, document=document, upload=upload("a.pdf", PDF_BYTES))
    services.remove_file(actor=actor, document_file=item)
    services.unpublish_document(actor=actor, document=document)
    pk = document.pk
    services.delete_document(actor=actor, document=document)
    entries = ModelLogEntry.objects.filter(object_id=str(pk)).order_by("timestamp", "pk")
    assert [entry.action for entry in entries] == [
        "directives.create",
        "directives.edit",
        "directives.publish",
        "directives.file_add",
        "directives.file_remove",
        "directives.unpublish",
        "directives.delete",
    ]
    assert {entry.user_id for entry in entries} == {actor.pk}
    edit = entries[1]
    assert edit.data["after"]["symbol"] == "1291/QĐ-LĐLĐ"


def test_a_document_cannot_name_one_the_actor_cannot_read(tree, people, make_user):
    secret = create(
        people.other_officer,
        tree.dong_anh,
        "5/QĐ-LĐLĐ",
        is_public=False,
        recipients=[tree.da_school],
    )
    long_bien_staff = make_user("canbo_lb", roles=[(tree.long_bien, Role.STAFF)])
    with pytest.raises(services.DocumentError, match="Không tìm thấy văn bản"):
        create(long_bien_staff, tree.long_bien, "6/QĐ-LĐLĐ", replaces=[secret])
    # The city's staff, above Đông Anh, may read it and so may name it.
    create(people.issuer_staff, tree.long_bien, "6/QĐ-LĐLĐ", amends=[secret])


def test_kind_abbreviation_is_stored_as_written_officially(tree, people):
    document = create(people.issuer_admin, tree.hanoi, "7/qđ-LĐLĐ")
    assert document.symbol == "07/QĐ-LĐLĐ"
    assert document.issuer_symbol == "LĐLĐ"
    letter = create(people.issuer_admin, tree.hanoi, "1197/TLĐ", kind=kind("Công văn"))
    assert letter.symbol == "1197/TLĐ"


def test_dissolved_unit_issues_nothing_after_its_dissolution(tree, people):
    tree.dong_anh.dissolved_on = date(2025, 7, 1)
    tree.dong_anh.save()
    with pytest.raises(services.DocumentError, match="đã giải thể"):
        create(people.issuer_admin, tree.dong_anh, issued_on=date(2025, 7, 2))
    create(people.issuer_admin, tree.dong_anh, issued_on=date(2025, 6, 30))


def test_staff_get_into_the_admin_through_their_roles(
    tree, make_user, django_capture_on_commit_callbacks
):
    from congdoan.org.services import grant_role, revoke_role

    operator = make_user("root", superuser=True)
    user = make_user("canbo_moi")
    with django_capture_on_commit_callbacks(execute=True):
        role = grant_role(actor=operator, user=user, unit=tree.long_bien, role=Role.STAFF)
    assert user.has_perm("wagtailadmin.access_admin")
    with django_capture_on_commit_callbacks(execute=True):
        revoke_role(actor=operator, unit_role=role)
    user = type(user).objects.get(pk=user.pk)
    assert not user.has_perm("wagtailadmin.access_admin")
