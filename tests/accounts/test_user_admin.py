"""Staff may edit people in the admin, but only a superuser gives out roles or admin rights."""

from accounts.models import StaffGroup, User
from tests.conftest import make_user


def test_the_office_cannot_make_itself_a_superuser_or_join_leadership(client, office):
    client.force_login(office)
    url = f"/admin/accounts/user/{office.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    response = client.post(url, {"email": office.email, "full_name": "Olive O. Office", "is_superuser": "on",
                                 "is_staff": "on", "is_active": "on", "groups": ["1", "2", "3", "4"]})  # fmt: skip
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.full_name == "Olive O. Office"  # the edit was saved…
    assert not office.is_superuser  # …but not the rights
    assert office.staff_groups() == {StaffGroup.OFFICE}


def test_a_superuser_gives_out_roles(client, db):
    admin = make_user("admin@example.org", is_staff=True, is_superuser=True)
    teacher = make_user("new-teacher@example.org")
    client.force_login(admin)
    page = client.get(f"/admin/accounts/user/{teacher.pk}/change/").content.decode()
    assert 'name="groups"' in page and 'name="is_superuser"' in page
    assert User.objects.filter(is_superuser=True).count() == 1
