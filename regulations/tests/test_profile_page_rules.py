"""Every rule model of a profile is shown on its page with its citation, and a layered profile says where an
inherited rule comes from (Luật 72/2025/QH15 Điều 43: the share of voters that obliges a dialogue)."""

import html
import re

import pytest
from django.contrib.auth.models import User

from regulations.models import RegulationProfile, RuleText

pytestmark = pytest.mark.django_db


def rule_relations() -> list[tuple[str, type]]:
    """Every kind of rule row a profile carries: the reverse relations to a RuleText model."""
    return [
        (relation.get_accessor_name(), relation.related_model)
        for relation in RegulationProfile._meta.related_objects
        if issubclass(relation.related_model, RuleText)
    ]


def page(client, code: str) -> str:
    client.force_login(User.objects.create_user("tran.thi.mai"))
    return html.unescape(client.get(f"/quy-dinh/{code}/").content.decode())


def section(text: str, relation: str) -> str:
    """The part of the page from the section marked with this relation to the next marked one."""
    found = re.search(rf'data-relation="{relation}"(.*?)(?=data-relation=|$)', text, re.S)
    return found.group(1) if found else ""


def test_the_rule_models_include_the_record_rules():
    names = {name for name, _model in rule_relations()}
    assert {"archive_rules", "media_channels", "duties", "after_dialogue_reports", "voter_requests"} <= names


@pytest.mark.parametrize("relation", [name for name, _model in rule_relations()])
def test_every_rule_model_has_a_section_with_its_citation(client, reference, relation):
    """A new rule model fails here until the profile page shows it (issue: VoterRequestRule was missing)."""
    model = dict(rule_relations())[relation]
    row = model.objects.filter(profile__is_shipped=True).exclude(citation="").select_related("profile").first()
    assert row is not None, f"no shipped profile has a {relation} row to show"
    shown = section(page(client, row.profile.code), relation)
    assert shown, f"the profile page has no section for {relation}"
    assert row.citation in shown


def test_a_layered_profile_shows_the_voter_request_share_of_the_law_it_inherits(client, reference):
    """Luật 72/2025/QH15 Điều 43: Tân Kỳ states no share; its page shows the law's, with a link to the law."""
    law = RegulationProfile.objects.get(code="luat-72-2025")
    rule = law.voter_requests.get()
    shown = section(page(client, "tan-ky-2025"), "voter_requests")
    assert f"{rule.percent.normalize():f}%" in shown and rule.citation in shown
    assert "/quy-dinh/luat-72-2025/" in shown and law.name in shown


def test_the_law_shows_its_own_voter_request_share_without_an_inherited_note(client, reference):
    shown = section(page(client, "luat-72-2025"), "voter_requests")
    assert "Luật 72/2025/QH15 Điều 43" in shown and "inherited" not in shown


def test_the_after_dialogue_report_is_shown_with_its_citation(client, reference):
    """004 Điều 16.1.c: Điện Biên's report after each dialogue, on its page."""
    rule = RegulationProfile.objects.get(code="dien-bien").after_dialogue_reports.first()
    shown = section(page(client, "dien-bien"), "after_dialogue_reports")
    assert rule.citation in shown and "inherited" not in shown
