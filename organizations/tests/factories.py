"""Factories for organisations and people (reference rows come from the `reference` fixture)."""

import datetime

import factory
from django.contrib.auth.models import User

from organizations.models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Appointment,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    PositionKind,
)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Phường Thử Nghiệm {n}")
    level = factory.LazyFunction(lambda: AdministrativeLevel.objects.get(code="commune"))
    parent = None


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    code = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Cơ quan thử nghiệm {n}")
    kind = factory.LazyFunction(lambda: OrganizationKind.objects.get(code="party_office"))
    unit = factory.SubFactory(UnitFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    position = factory.LazyFunction(lambda: PositionKind.objects.get(code="secretary"))
    start_date = datetime.date(2025, 7, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "matkhau-thu-nghiem")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def member(role: str, organization: Organization, **kwargs) -> User:
    """A user holding one role in one organisation."""
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user
