"""People in the admin: written as the attacks an insider would try."""

import re

import pytest

from accounts.models import StaffGroup, User
from tests.conftest import PASSWORD, make_user

USERS = "/admin/accounts/user/"


@pytest.fixture
def superuser(db):
    return make_user("admin@example.org", is_staff=True, is_superuser=True, full_name="Ada Admin")


def test_the_office_cannot_set_the_heads_password_or_open_their_account(client, office, head):
    client.force_login(office)
    assert client.get(f"{USERS}{head.pk}/password/").status_code == 403
    assert client.post(f"{USERS}{head.pk}/password/", {"password1": "x" * 20, "password2": "x" * 20}).status_code == 403
    response = client.get(f"{USERS}{head.pk}/change/")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # "does not exist"
    client.post(f"{USERS}{head.pk}/change/", {"email": "office@evil.example", "full_name": "Harriet Head"})
    head.refresh_from_db()
    assert head.email == "head@example.org" and head.check_password(PASSWORD)
    assert head.email not in client.get(USERS).content.decode()


def test_the_office_cannot_raise_its_own_rights(client, office):
    client.force_login(office)
    client.post(f"{USERS}{office.pk}/change/", {"email": office.email, "is_superuser": "on", "groups": ["3"]})
    office.refresh_from_db()
    assert not office.is_superuser
    assert office.staff_groups() == {StaffGroup.OFFICE}


def test_the_office_corrects_a_parents_name_and_email_and_the_old_address_is_told(client, office, parent, mailoutbox):
    client.force_login(office)
    page = client.get(f"{USERS}{parent.pk}/change/")
    assert set(page.context["adminform"].form.fields) == {"email", "full_name"}
    response = client.post(
        f"{USERS}{parent.pk}/change/", {"email": "Pat.New@Example.org", "full_name": "Pat Parent-Newname"}
    )
    assert response.status_code == 302
    parent.refresh_from_db()
    assert (parent.email, parent.full_name) == ("pat.new@example.org", "Pat Parent-Newname")
    assert parent.is_active and parent.check_password(PASSWORD)
    [message] = mailoutbox
    assert message.to == ["parent@example.org"]
    assert "pat.new@example.org" in message.body


def test_the_office_cannot_switch_a_parent_off_or_give_them_a_role(client, office, parent):
    client.force_login(office)
    client.post(
        f"{USERS}{parent.pk}/change/",
        {"email": parent.email, "full_name": parent.full_name, "is_active": "", "is_staff": "on", "groups": ["4"]},
    )
    parent.refresh_from_db()
    assert parent.is_active and not parent.is_staff and not parent.staff_groups()


def test_nobody_sets_a_password_in_the_admin_a_link_is_sent_instead(client, superuser, head, mailoutbox):
    client.force_login(superuser)
    assert client.get(f"{USERS}{head.pk}/password/").status_code == 403
    page = client.get(f"{USERS}{head.pk}/change/").content.decode()
    assert 'name="password' not in page
    client.post(USERS, {"action": "send_password_links", "_selected_action": [head.pk]})
    [message] = mailoutbox
    assert message.to == ["head@example.org"] and re.search(r"/accounts/reset/\S+/", message.body)
    head.refresh_from_db()
    assert head.check_password(PASSWORD)


def test_a_superuser_gives_out_roles_and_switches_accounts_off(client, superuser, db):
    teacher = make_user("new-teacher@example.org")
    client.force_login(superuser)
    page = client.get(f"{USERS}{teacher.pk}/change/").content.decode()
    assert 'name="groups"' in page and 'name="is_superuser"' in page and 'name="is_active"' in page
    teachers = User.groups.field.related_model.objects.get(name=StaffGroup.TEACHERS)
    response = client.post(
        f"{USERS}{teacher.pk}/change/",
        {"email": teacher.email, "full_name": "New Teacher", "groups": [teachers.pk], "is_active": ""},
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.staff_groups() == frozenset() or not teacher.is_active
    assert not teacher.is_active


def test_a_superuser_creates_an_account_with_no_password_and_it_is_sent_a_link(
    client, superuser, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{USERS}add/", {"email": "New.Office@example.org", "full_name": "Nell New"})
    assert response.status_code == 302
    account = User.objects.get(email="new.office@example.org")
    assert not account.has_usable_password()
    [message] = mailoutbox
    assert message.to == ["new.office@example.org"] and "Choose your password" in message.subject


def test_the_office_cannot_create_accounts(client, office):
    client.force_login(office)
    assert client.get(f"{USERS}add/").status_code == 403
    client.post(f"{USERS}add/", {"email": "sneaky@example.org", "full_name": "Sneaky"})
    assert not User.objects.filter(email="sneaky@example.org").exists()
