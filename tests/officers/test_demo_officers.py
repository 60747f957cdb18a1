"""`manage.py ensure_demo_officers`: one account per role, printed with its password, once."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from groups.models import LargeGroup
from officers.models import Assignment
from tests.groups.factories import LargeGroupFactory
from tests.networks.factories import AreaFactory, DistrictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_places():
    area = AreaFactory(short_name="สพป.กพ. เขต 1")
    LargeGroupFactory(
        area=area, district=DistrictFactory(name="เมืองกำแพงเพชร", province=area.parent)
    )


def test_one_account_per_role_with_its_password_and_place(settings, demo_places, capsys):
    settings.DEBUG = True
    call_command("ensure_demo_officers")
    out = capsys.readouterr().out
    names = ["registrar", "treasurer", "secretary", "area_viewer", "province_admin"]
    for name in names:
        assert f"{name} / {name}" in out
        user = User.objects.get(username=name)
        assert user.check_password(name)
        assert user.is_staff and not user.is_superuser
    group = LargeGroup.objects.get()
    registrar = User.objects.get(username="registrar")
    assert list(LargeGroup.objects.visible_to(registrar)) == [group]
    assert registrar.has_perm("members.change_member")
    assert not User.objects.get(username="area_viewer").has_perm("members.change_member")
    # Again: nothing changes.
    places = Assignment.objects.count()
    call_command("ensure_demo_officers")
    assert Assignment.objects.count() == places == len(names)


def test_without_debug_no_account_everybody_knows_is_made(settings, demo_places):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("ensure_demo_officers")
    assert not User.objects.exists()


def test_before_the_demo_data_it_says_what_to_run(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="load_demo"):
        call_command("ensure_demo_officers")
