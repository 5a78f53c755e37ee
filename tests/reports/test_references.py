from reports.references import ALPHABET, PATTERN, new_reference, normalise


def test_a_reference_is_two_groups_of_four_without_look_alike_characters():
    for _ in range(500):
        reference = new_reference()
        assert PATTERN.match(reference), reference
        assert not set(reference) & set("01ILOU")


def test_references_do_not_repeat_or_count_up():
    references = [new_reference() for _ in range(2000)]
    assert len(set(references)) == 2000
    assert references != sorted(references)


def test_the_alphabet_has_thirty_readable_characters():
    assert len(ALPHABET) == len(set(ALPHABET)) == 30


def test_what_a_person_types_is_normalised():
    assert normalise(" k7qm 4xpd ") == "K7QM-4XPD"
    assert normalise("K7QM-4XPD") == "K7QM-4XPD"
    assert normalise("k7qm4xpd") == "K7QM-4XPD"
    assert normalise("short") == "SHORT"


def test_a_report_drawn_a_reference_already_taken_is_saved_under_another_with_one_event(parent, monkeypatch):
    from notifications.models import Notification
    from reports import services
    from tests.reports.factories import make_report

    first = make_report(parent)
    drawn = iter([first.reference, "ABCD-EFGH"])
    monkeypatch.setattr(services, "new_reference", lambda: next(drawn))
    second = make_report(parent)
    assert second.reference == "ABCD-EFGH"
    assert [event.action for event in second.events.all()] == ["submit"]
    assert Notification.objects.filter(report=second).count() == Notification.objects.filter(report=first).count()
