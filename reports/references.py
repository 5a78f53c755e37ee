"""Public references for reports: short, readable and unguessable.

Eight characters from an alphabet with no look-alikes (no 0/O, 1/I/L, U),
shown as two groups of four: ``K7QM-4XPD``. 30**8 is about 6.6e11, drawn
with ``secrets``, so a reference cannot be guessed or counted through.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PATTERN = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def new_reference():
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise(reference):
    """Accept what a person might type: any case, spaces, a missing dash."""
    compact = re.sub(r"[\s-]", "", reference or "").upper()
    return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else compact
