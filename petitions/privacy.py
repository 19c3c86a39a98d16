"""The one personal-data gate: who may see a petitioner's identity, and the log of every time someone did.

Only the advising office (and administrators) of the unit, and the agency the matter is assigned to,
see petitioners; everyone else gets the same output with them redacted ("Ông/Bà T.V.B."). Every
output that can carry an identity — page, API, DOCX, PDF, dossier ZIP, export, hall screen — asks
this module, and each request that showed identities writes one PersonalDataAccess row listing
the matters and petitioners shown (Luật 91/2025/QH15, Nghị định 356/2025/NĐ-CP: restrict and log).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

from organizations.access import can, memberships

from .enums import PetitionerKind
from .models import Case, Output, PersonalDataAccess, Petitioner

ANONYMOUS = "người kiến nghị"
ORGANISATION = "tổ chức kiến nghị"


def may_see_petitioner(user: User | AnonymousUser | None, case: Case) -> bool:
    """The advising office and administrators of the case's unit, and members of the assigned agency."""
    if user is None or not user.is_authenticated:
        return False
    if can(user, "view_personal_data", case.unit):
        return True
    return case.agency_id is not None and any(m.organization_id == case.agency_id for m in memberships(user))


HONORIFICS = frozenset({"ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "em"})


def initials(name: str) -> str:
    """ "Trần Văn Bình" → "T.V.B." (the first letter of each word, upper case; "Ông", "Bà"… before it dropped)."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in HONORIFICS:
        words = words[1:]
    return "".join(f"{word[0].upper()}." for word in words if word[:1].isalpha())


def redacted(petitioner: Petitioner | None) -> str:
    """What a reader who may not see the petitioner reads instead: "Ông/Bà T.V.B." or "người kiến nghị"."""
    if petitioner is None:
        return ANONYMOUS
    if petitioner.kind == PetitionerKind.ORGANIZATION:
        return ORGANISATION
    letters = initials(petitioner.full_name)
    return f"Ông/Bà {letters}" if letters else ANONYMOUS


def public_label(name: str) -> str:
    """A citizen's name on a screen the public sees (the hall screen): "Ông/Bà T.V.B.", never the full name."""
    letters = initials(name or "")
    return f"Ông/Bà {letters}" if letters else ANONYMOUS


def disclose(
    user: User,
    case_or_cases: Case | Iterable[Case],
    output: str,
    request: HttpRequest | None = None,
    *,
    petitioners: Iterable[Petitioner] | None = None,
    where: str = "",
) -> PersonalDataAccess | None:
    """Write one access-log row for what this request showed; call only after may_see_petitioner.

    Nothing is written when no petitioner was shown. `petitioners` defaults to every petitioner of
    the cases (one query). Constant queries whatever the number of cases: one row, two bulk inserts.
    """
    cases = [case_or_cases] if isinstance(case_or_cases, Case) else list(case_or_cases)
    cases = list({case.pk: case for case in cases}.values())
    if not cases or output not in Output.values:
        return None
    if petitioners is None:
        people = list(Petitioner.objects.filter(petitions__case__in=cases).distinct())
    else:
        people = list({person.pk: person for person in petitioners if person is not None}.values())
    if not people:
        return None
    path = request.get_full_path()[:500] if request is not None else ""
    access = PersonalDataAccess.objects.create(
        user=user,
        petitioner=people[0] if len(people) == 1 else None,
        shown=len(people),
        output=output,
        path=path,
        where=(where or path or output)[:200],
    )
    PersonalDataAccess.cases.through.objects.bulk_create(
        [PersonalDataAccess.cases.through(personaldataaccess_id=access.pk, case_id=case.pk) for case in cases]
    )
    PersonalDataAccess.petitioners.through.objects.bulk_create(
        [PersonalDataAccess.petitioners.through(personaldataaccess_id=access.pk, petitioner_id=p.pk) for p in people]
    )
    return access


def petitioner_label(
    user: User | None, petitioner: Petitioner | None, case: Case, output: str, request: HttpRequest | None = None
) -> str:
    """The petitioner's name when this reader may see it (the disclosure is logged), else the redacted form."""
    if petitioner is not None and may_see_petitioner(user, case):
        disclose(user, case, output, request, petitioners=[petitioner])
        return petitioner.display_name
    return redacted(petitioner)


class Gate:
    """One reader and one output: decides per case, collects what was shown, writes one log row on close().

    Builders of documents and lists take a gate instead of a user, so one request that names many
    petitioners writes one row (not one per name). A gate without a user shows nobody.
    """

    def __init__(self, user: User | None, output: str, request: HttpRequest | None = None, where: str = "") -> None:
        self.user, self.output, self.request, self.where = user, output, request, where
        self._allowed: dict[int, bool] = {}
        self.cases: dict[int, Case] = {}
        self.petitioners: dict[int, Petitioner] = {}

    def allows(self, case: Case) -> bool:
        if case.pk not in self._allowed:
            self._allowed[case.pk] = may_see_petitioner(self.user, case)
        return self._allowed[case.pk]

    def reveal(self, petitioner: Petitioner | None, case: Case) -> Petitioner | None:
        """The petitioner when allowed (noted for the log), else None."""
        if petitioner is None or not self.allows(case):
            return None
        self.cases[case.pk] = case
        self.petitioners[petitioner.pk] = petitioner
        return petitioner

    def label(self, petitioner: Petitioner | None, case: Case) -> str:
        shown = self.reveal(petitioner, case)
        return shown.display_name if shown is not None else redacted(petitioner)

    @property
    def redacts(self) -> bool:
        """True when something was withheld from this reader."""
        return not all(self._allowed.values())

    def close(self) -> PersonalDataAccess | None:
        """Write the one log row for everything revealed so far (nothing when nothing was shown)."""
        if not self.cases or self.user is None:
            return None
        access = disclose(
            self.user,
            self.cases.values(),
            self.output,
            self.request,
            petitioners=self.petitioners.values(),
            where=self.where,
        )
        self.cases, self.petitioners = {}, {}
        return access


class Record(Gate):
    """The official record as issued (Mẫu 6 names the petitioners; the written answer is addressed to one).

    Issuing stores the document; nobody reads it then. Every later download is gated and logged.
    """

    def __init__(self) -> None:
        super().__init__(None, Output.DOCX)

    def allows(self, case: Case) -> bool:
        return True

    def close(self) -> None:
        self.cases, self.petitioners = {}, {}
