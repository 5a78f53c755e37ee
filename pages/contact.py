"""The school's contact details, as the settings give them: one place for every page that prints them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SchoolContact:
    """Each detail is empty while its setting is; the object is false when all of them are."""

    address_lines: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    office_hours: str = ""

    @classmethod
    def from_settings(cls, settings):
        return cls(
            address_lines=tuple(line.strip() for line in settings.SCHOOL_ADDRESS.splitlines() if line.strip()),
            phone=settings.SCHOOL_PHONE.strip(),
            email=settings.SCHOOL_EMAIL.strip(),
            office_hours=settings.SCHOOL_OFFICE_HOURS.strip(),
        )

    def __bool__(self):
        return any((self.address_lines, self.phone, self.email, self.office_hours))
