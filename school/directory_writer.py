"""Writing the school directory's checked rows (``school.importer.apply``), in chunks: a few queries a chunk.

It only adds and updates. What already matches is left untouched, so writing the same rows again changes nothing.
"""

from django.contrib.auth.models import Group
from django.db.models import Max
from django.db.models.functions import Lower

from accounts.models import StaffGroup, User

from .models import Child, SchoolClass


class DirectoryWriter:
    """Writes checked rows (``school.importer.Row``) a chunk at a time, counting what it did in ``summary``."""

    def __init__(self, rows, summary, chunk):
        self.rows = rows
        self.summary = summary
        self.chunk = chunk
        self.teacher_emails = {email for row in rows for email in row.teacher_emails}
        self.names = {}  # email: the first name the file gives them
        self.child_names = {}  # pupil_ref: the first name the file gives them
        for row in rows:
            if len(row.teacher_emails) == 1 and row.teacher_name:
                self.names.setdefault(row.teacher_emails[0], row.teacher_name)
            if row.parent_name:
                self.names.setdefault(row.parent_email, row.parent_name)
            if row.child_name:
                self.child_names.setdefault(row.pupil_ref, row.child_name)
        self.users = {}  # email: User
        self.children = {}  # pupil_ref: Child
        self.classes = {}  # class key: SchoolClass
        self.created_classes = set()  # pks
        self.updated_classes = set()  # pks

    def write(self, progress):
        self._classes()
        self.teachers_group, _ = Group.objects.get_or_create(name=StaffGroup.TEACHERS)
        for start in range(0, len(self.rows), self.chunk):
            chunk = self.rows[start : start + self.chunk]
            self._users(chunk)
            self._teachers(chunk)
            self._children(chunk)
            self._parents(chunk)
            done = start + len(chunk)
            if progress and done % self.chunk == 0:
                progress(done, len(self.rows))
        self.summary.classes_created = len(self.created_classes)
        self.summary.classes_updated = len(self.updated_classes)
        return self.summary

    def _classes(self):
        wanted = {}  # class key: (name, year group), in file order
        for row in self.rows:
            wanted.setdefault(row.class_name.casefold(), (row.class_name, row.year_group))
        existing = {school_class.name.casefold(): school_class for school_class in SchoolClass.objects.all()}
        position = SchoolClass.objects.aggregate(highest=Max("position"))["highest"] or 0
        new = []
        for key, (name, year_group) in wanted.items():
            school_class = existing.get(key)
            if school_class is None:
                position += 1
                new.append(SchoolClass(name=name, year_group=year_group, position=position))
            elif school_class.year_group != year_group:
                school_class.year_group = year_group
                school_class.save(update_fields=["year_group"])
                self.updated_classes.add(school_class.pk)
            if school_class is not None:
                self.classes[key] = school_class
        SchoolClass.objects.bulk_create(new)
        for school_class in SchoolClass.objects.filter(name__in=[school_class.name for school_class in new]):
            self.classes[school_class.name.casefold()] = school_class
            self.created_classes.add(school_class.pk)

    def _class(self, row):
        return self.classes[row.class_name.casefold()]

    def _users(self, chunk):
        emails = {email for row in chunk for email in (*row.teacher_emails, row.parent_email) if email}
        emails -= self.users.keys()
        if not emails:
            return
        found = {}
        for user in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails).order_by("pk"):
            # Two accounts differing only in case: prefer the one spelled as the file spells it.
            if user.email_lower not in found or user.email == user.email_lower:
                found[user.email_lower] = user
        for email, user in sorted(found.items()):
            if not user.is_active:
                role = "teacher" if email in self.teacher_emails else "parent"
                self.summary.notes.append(
                    f"The account for {role} {user.email} is deactivated; the import linked it but left it so."
                )
        self.users.update(found)
        new = []
        for email in sorted(emails - self.users.keys()):
            user = User(email=email, full_name=self.names.get(email, ""), is_active=True)
            user.set_unusable_password()
            new.append(user)
            if email in self.teacher_emails:
                self.summary.teachers_created += 1
            else:
                self.summary.parents_created += 1
        User.objects.bulk_create(new)
        for user in User.objects.annotate(email_lower=Lower("email")).filter(email__in=[user.email for user in new]):
            self.users[user.email] = user

    def _teachers(self, chunk):
        pairs = {(self._class(row).pk, self.users[email].pk) for row in chunk for email in row.teacher_emails}
        if not pairs:
            return
        teacher_ids = {user_id for _, user_id in pairs}
        Membership = User.groups.through
        in_group = set(
            Membership.objects.filter(group=self.teachers_group, user_id__in=teacher_ids).values_list(
                "user_id", flat=True
            )
        )
        Membership.objects.bulk_create(
            Membership(group=self.teachers_group, user_id=user_id) for user_id in sorted(teacher_ids - in_group)
        )
        Teaching = SchoolClass.teachers.through
        existing = set(
            Teaching.objects.filter(
                schoolclass_id__in={class_id for class_id, _ in pairs}, user_id__in=teacher_ids
            ).values_list("schoolclass_id", "user_id")
        )
        added = sorted(pairs - existing)
        Teaching.objects.bulk_create(Teaching(schoolclass_id=class_id, user_id=user_id) for class_id, user_id in added)
        self.updated_classes.update(class_id for class_id, _ in added if class_id not in self.created_classes)

    def _children(self, chunk):
        refs = {
            row.pupil_ref: self._class(row) for row in chunk if row.pupil_ref and row.pupil_ref not in self.children
        }
        if not refs:
            return
        changed = []
        for child in Child.objects.filter(pupil_ref__in=refs):
            self.children[child.pupil_ref] = child
            school_class = refs[child.pupil_ref]
            name = self.child_names.get(child.pupil_ref, "")
            moved = child.school_class_id != school_class.pk
            renamed = bool(name) and child.name != name
            if moved:
                child.school_class = school_class
                self.summary.children_moved += 1
            if renamed:
                child.name = name
                self.summary.children_renamed += 1
            if moved or renamed:
                changed.append(child)
        Child.objects.bulk_update(changed, ["school_class", "name"])
        new = [
            Child(pupil_ref=ref, school_class=school_class, name=self.child_names.get(ref, ""))
            for ref, school_class in refs.items()
            if ref not in self.children
        ]
        self.summary.children_created += len(new)
        Child.objects.bulk_create(new)
        for child in Child.objects.filter(pupil_ref__in=[child.pupil_ref for child in new]):
            self.children[child.pupil_ref] = child

    def _parents(self, chunk):
        pairs = {(self.children[row.pupil_ref].pk, self.users[row.parent_email].pk) for row in chunk if row.pupil_ref}
        if not pairs:
            return
        Parenting = Child.parents.through
        existing = set(
            Parenting.objects.filter(
                child_id__in={child_id for child_id, _ in pairs}, user_id__in={user_id for _, user_id in pairs}
            ).values_list("child_id", "user_id")
        )
        Parenting.objects.bulk_create(
            Parenting(child_id=child_id, user_id=user_id) for child_id, user_id in sorted(pairs - existing)
        )
