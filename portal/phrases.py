"""What each role is for, as shown on its home page (one place for these shared phrases)."""

from django.utils.translation import gettext_lazy as _

from organizations.enums import Role

ROLE_HOME: dict[str, dict] = {
    Role.ADMIN: {
        "title": _("System administration"),
        "duties": [
            _("Manage units, organisations, people, positions and users"),
            _("Import master data from Excel or CSV files"),
            _("Add each year's official days off and working days"),
            _("Copy and adapt regulation profiles"),
        ],
    },
    Role.ADVISING_STAFF: {
        "title": _("Advising office work"),
        "duties": [
            _("Plan dialogues and send notices and invitations on time"),
            _("Collect, classify and assign the People's opinions"),
            _("Chase every written answer against its deadline"),
            _("Complete and keep the dossier"),
        ],
    },
    Role.HOST: {
        "title": _("Host of dialogues"),
        "duties": [
            _("Hold the periodic dialogues the regulation requires each year"),
            _("Chair the conference and conclude it"),
            _("Sign the conclusion notice"),
        ],
    },
    Role.AGENCY_OFFICER: {
        "title": _("Agency officer"),
        "duties": [
            _("Draft answers to the opinions assigned to your agency"),
            _("Keep to the answer deadlines"),
        ],
    },
    Role.AGENCY_HEAD: {
        "title": _("Agency head"),
        "duties": [
            _("Approve your agency's answers before they are sent"),
            _("Watch your agency's deadlines"),
        ],
    },
    Role.FRONT_SUPERVISOR: {
        "title": _("Fatherland Front supervision"),
        "duties": [
            _("Follow the dialogues and the answers to the People's opinions"),
            _("See overdue answers and ask for them"),
        ],
    },
    Role.SECRETARY: {
        "title": _("Conference secretary"),
        "duties": [
            _("Keep the list of speakers"),
            _("Write the minutes of the conference"),
        ],
    },
    Role.UPPER_VIEWER: {
        "title": _("Upper-level overview"),
        "duties": [
            _("Read the dialogues and answers of every unit below yours"),
            _("Follow which units meet their yearly targets"),
        ],
    },
}
