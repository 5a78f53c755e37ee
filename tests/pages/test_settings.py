"""The settings the public pages add, as settings.py reads them from the environment."""

import pytest

from tests.conduct_portal.environment import run


def setting_from(environment, name, tmp_path):
    """What settings.py makes of ``environment``: the setting's repr, or the error that stopped it."""
    code = f"import django; django.setup(); from django.conf import settings; print(repr(settings.{name}))"
    return run(["-c", code], {"DEBUG": "1", **environment}, tmp_path)


def test_an_address_keeps_its_lines(tmp_path):
    result = setting_from({"SCHOOL_ADDRESS": r"Oak Lane\nOakfield OK1 2AB"}, "SCHOOL_ADDRESS", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr("Oak Lane\nOakfield OK1 2AB")


@pytest.mark.parametrize("written", ["2027-03-04", "4 March 2027"])
def test_the_statements_day_is_read_in_either_form(tmp_path, written):
    result = setting_from({"ACCESSIBILITY_STATEMENT_DATE": written}, "ACCESSIBILITY_STATEMENT_DATE", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "datetime.date(2027, 3, 4)"


def test_a_day_it_cannot_read_stops_the_portal_naming_the_setting(tmp_path):
    result = setting_from({"ACCESSIBILITY_STATEMENT_DATE": "next Tuesday"}, "ACCESSIBILITY_STATEMENT_DATE", tmp_path)
    assert result.returncode != 0
    assert "ACCESSIBILITY_STATEMENT_DATE must be a day such as 2026-11-27 or 27 November 2026" in result.stderr
