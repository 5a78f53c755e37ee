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
