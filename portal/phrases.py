"""What each role is for, as shown on its home page (one place for these shared phrases)."""

from django.utils.translation import gettext_lazy as _

from organizations.enums import Role

ROLE_HOME: dict[str, dict] = {
    Role.ADMIN: {
        "title": _("System administration"),
        "links": [
            (_("Administration site"), "admin:index"),
            (_("Import master data"), "organizations:import"),
            (_("Document templates"), "documents:templates"),
        ],
        "duties": [
            _("Manage units, organisations, people, positions and users"),
            _("Import master data from Excel or CSV files"),
            _("Add each year's official days off and working days"),
            _("Copy and adapt regulation profiles"),
        ],
    },
    Role.ADVISING_STAFF: {
        "title": _("Advising office work"),
        "links": [
            (_("Plan a dialogue"), "dialogues:create"),
            (_("Receive an opinion"), "petitions:intake"),
            (_("Opinions from the web"), "portal:web_intake"),
            (_("Overdue steps"), "dialogues:overdue"),
            (_("Overdue answers"), "petitions:overdue"),
        ],
        "duties": [
            _("Plan dialogues and send notices and invitations on time"),
            _("Collect, classify and assign the People's opinions"),
            _("Chase every written answer against its deadline"),
            _("Complete and keep the dossier"),
        ],
    },
    Role.HOST: {
        "title": _("Host of dialogues"),
        "links": [(_("Dialogues"), "dialogues:list"), (_("Year view"), "dialogues:year")],
        "duties": [
            _("Hold the periodic dialogues the regulation requires each year"),
            _("Chair the conference and conclude it"),
            _("Sign the conclusion notice"),
        ],
    },
    Role.AGENCY_OFFICER: {
        "title": _("Agency officer"),
        "links": [(_("My agency's inbox"), "petitions:inbox"), (_("My tasks"), "dialogues:my_tasks")],
        "duties": [
            _("Draft answers to the opinions assigned to your agency"),
            _("Keep to the answer deadlines"),
        ],
    },
    Role.AGENCY_HEAD: {
        "title": _("Agency head"),
        "links": [(_("My agency's inbox"), "petitions:inbox"), (_("My tasks"), "dialogues:my_tasks")],
        "duties": [
            _("Approve your agency's answers before they are sent"),
            _("Watch your agency's deadlines"),
        ],
    },
    Role.FRONT_SUPERVISOR: {
        "title": _("Fatherland Front supervision"),
        "links": [
            (_("Overdue steps"), "dialogues:overdue"),
            (_("Overdue answers"), "petitions:overdue"),
            (_("Opinions and petitions"), "petitions:list"),
        ],
        "duties": [
            _("Follow the dialogues and the answers to the People's opinions"),
            _("See overdue answers and ask for them"),
        ],
    },
    Role.SECRETARY: {
        "title": _("Conference secretary"),
        "links": [(_("Dialogues"), "dialogues:list"), (_("Upcoming dialogues"), "dialogues:upcoming")],
        "duties": [
            _("Keep the list of speakers"),
            _("Write the minutes of the conference"),
        ],
    },
    Role.UPPER_VIEWER: {
        "title": _("Upper-level overview"),
        "links": [
            (_("Dialogues"), "dialogues:list"),
            (_("Year view"), "dialogues:year"),
            (_("Overdue steps"), "dialogues:overdue"),
        ],
        "duties": [
            _("Read the dialogues and answers of every unit below yours"),
            _("Follow which units meet their yearly targets"),
        ],
    },
}
