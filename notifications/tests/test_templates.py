"""Administrators edit each kind's Vietnamese text; it is rendered in a sandbox over plain values, so a
malicious template reaches no code, no account field, no database write."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from notifications.kinds import KINDS
from notifications.models import MessageTemplate
from notifications.templating import TemplateInvalid, render, render_parts, seed_templates, validate

from .helpers import overdue, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seeded():
    """The texts `migrate` seeds (a transactional test elsewhere may have flushed them)."""
    seed_templates()


CONTEXT = {
    "case": {"summary": "Đề nghị nạo vét mương"},
    "agency": {"name": "Phòng Kinh tế"},
    "due": "07/05/2026",
    "rule": "003 Điều 10.2",
}


def test_every_kind_is_seeded_with_its_default_and_names_its_basis():
    assert set(MessageTemplate.objects.values_list("kind", flat=True)) >= set(KINDS)
    assert seed_templates() == 0, "seeding again writes nothing (an administrator's text is never overwritten)"
    for kind in KINDS.values():
        if kind.legally_required:
            assert kind.citation, f"{kind.code} is legally required: it must cite its basis"


def test_the_administrators_text_is_what_is_sent():
    MessageTemplate.objects.filter(kind="answer_overdue").update(
        subject="QUÁ HẠN {{ due }} — {{ agency.name }}",
        body="Kính gửi {{ recipient.name }}: {{ case.summary }}. Căn cứ {{ rule }}",
    )
    [row] = overdue(person(), channel="in_app")
    assert row.subject == "QUÁ HẠN 07/05/2026 — Phòng Kinh tế, Hạ tầng và Đô thị"
    assert row.body.startswith("Kính gửi Hoàng Anh Tuấn: Đề nghị nạo vét")


PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ recipient.__class__.objects.all().delete() }}",
    "{{ cycler.__init__.__globals__.os.system('touch /tmp/h7-pwned') }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{% for x in ().__class__.__base__.__subclasses__() %}{{ x }}{% endfor %}",
    "{{ self._TemplateReference__context }}",
    "{{ recipient.password }}{{ recipient.delete() }}{{ config }}{{ request }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_malicious_template_runs_no_code_and_reads_no_secret(payload, tmp_path):
    victim = person("nannhan", "nannhan@example.invalid")
    victim.set_password("mat-khau-bi-mat")
    victim.save()
    context = {"recipient": victim, **CONTEXT}
    try:
        subject, body = render_parts("Thử", payload, context)
    except Exception as error:  # refused by the sandbox: fine, as long as nothing ran
        assert type(error).__module__.startswith("jinja2"), error
    else:
        assert "class" not in body and "pbkdf2" not in body and "md5" not in body and "uid=" not in body
    assert User.objects.filter(username="nannhan").exists(), "no database write from a template"
    import os

    assert not os.path.exists("/tmp/h7-pwned")


def test_a_stored_malicious_template_falls_back_to_the_default():
    MessageTemplate.objects.filter(kind="answer_overdue").update(body="{{ ''.__class__.__mro__[1].__subclasses__()[0]() }}")
    subject, body = render("answer_overdue", CONTEXT)
    assert "Đề nghị khẩn trương trả lời" in body and "class" not in body


@pytest.mark.parametrize("body", ["{% for %}", "{{ x.__class__.__mro__[1].__subclasses__() }}x" * 1 + "{% endif %}"])
def test_validation_refuses_a_broken_template_in_vietnamese(body):
    with pytest.raises(TemplateInvalid, match="Mẫu không dùng được"):
        validate("Tiêu đề", body)


def test_the_admin_form_refuses_a_broken_template_and_saves_nothing(client):
    operator = User.objects.create_superuser("vanhanh", "vanhanh@example.invalid", "mat-khau-van-hanh")
    client.force_login(operator)
    template = MessageTemplate.objects.get(kind="answer_due")
    url = reverse("admin:notifications_messagetemplate_change", args=[template.pk])
    response = client.post(url, {"kind": "answer_due", "subject": "Nhắc {{ due", "body": "x"})
    assert response.status_code == 200 and "Mẫu không dùng được" in response.content.decode()
    template.refresh_from_db()
    assert template.subject == KINDS["answer_due"].subject
    response = client.post(url, {"kind": "answer_due", "subject": "Nhắc hạn {{ due }}", "body": "{{ case.summary }}"})
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.subject == "Nhắc hạn {{ due }}" and template.updated_by == operator


def test_only_the_platform_operator_edits_the_texts(client):
    staff = User.objects.create_user("quantri", password="mat-khau-quan-tri", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:notifications_messagetemplate_changelist")).status_code == 403
