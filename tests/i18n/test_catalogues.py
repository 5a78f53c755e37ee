"""The translations shipped: one catalogue a language, every message translated, placeholders kept.

Run ``make messages`` after a change to a .po file; ``makemessages`` (see README, Languages) after a
change to a string in the code, then translate what it added: this test names each message missing.
"""

import re
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code, _name in settings.LANGUAGES if not code.startswith("en")]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def catalogue(language, domain):
    return ROOT / "locale" / language / "LC_MESSAGES" / f"{domain}.po"


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(language, domain):
    path = catalogue(language, domain)
    assert path.exists(), f"{path.relative_to(ROOT)} is missing"
    po = polib.pofile(str(path))
    problems = [f"untranslated: {entry.msgid!r}" for entry in po.untranslated_entries()]
    problems += [f"fuzzy: {entry.msgid!r}" for entry in po.fuzzy_entries()]
    for entry in po.translated_entries():
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                if set(placeholders(text)) - set(placeholders(entry.msgid_plural)):
                    problems.append(f"placeholders changed in plural {index}: {entry.msgid!r}")
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            problems.append(f"placeholders changed: {entry.msgid!r} → {entry.msgstr!r}")
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_catalogue_compiles(language, tmp_path):
    for domain in ("django", "djangojs"):
        result = subprocess.run(
            ["msgfmt", "--check-format", "--check-header", "-o", str(tmp_path / "out.mo"), catalogue(language, domain)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr


def test_the_catalogues_hold_every_message_in_the_code():
    """A string marked in the code but not yet in the catalogues fails here, named (run makemessages)."""
    shipped = {entry.msgid for entry in polib.pofile(str(catalogue(TRANSLATED[0], "django")))}
    missing = sorted(marked_in_the_code() - shipped)
    assert not missing, "Marked in the code but not in the catalogues (run makemessages):\n" + "\n".join(missing)


def project_files(*patterns):
    skipped = (".", "tests", "bench", "node_modules", "var", "locale", "static")
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            relative = path.relative_to(ROOT)
            if not relative.parts[0].startswith(skipped) and "migrations" not in relative.parts:
                yield path


def xgettext(text=None, files=()):
    """The messages xgettext finds, as makemessages runs it (Python keywords; templates templatized first)."""
    keywords = ["gettext_noop", "gettext_lazy", "ngettext_lazy:1,2", "ngettext:1,2", "pgettext:1c,2",
                "pgettext_lazy:1c,2", "npgettext:1c,2,3", "npgettext_lazy:1c,2,3"]  # fmt: skip
    command = ["xgettext", "--language=Python", "--from-code=UTF-8", "--output=-",
               *(f"--keyword={keyword}" for keyword in keywords), *(map(str, files) if files else ["-"])]  # fmt: skip
    output = subprocess.run(command, input=text, capture_output=True, text=True, check=True).stdout
    return {entry.msgid for entry in polib.pofile(output)} if output.strip() else set()


def marked_in_the_code():
    from django.utils.translation.template import templatize

    marked = xgettext(files=list(project_files("*/*.py", "*/*/*.py", "*/*/*/*.py")))
    templates = project_files("templates/**/*.html", "templates/**/*.txt", "*/templates/**/*.html")
    for template in templates:
        marked |= xgettext(text=templatize(template.read_text(encoding="utf-8"), origin=str(template)))
    return marked - {""}


def test_a_page_reads_in_the_language_the_browser_asks_for(db):
    home = Client(headers={"accept-language": "pl"}).get("/").content.decode()
    assert '<html lang="pl" dir="ltr">' in home
    assert "Make a report" not in home
    urdu = Client(headers={"accept-language": "ur"}).get("/").content.decode()
    assert '<html lang="ur" dir="rtl">' in urdu and "bootstrap.rtl.min.css" in urdu
