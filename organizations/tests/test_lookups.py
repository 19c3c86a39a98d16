"""organizations.lookups: intake's unit lookup, its SQL built once, finds what the ORM finds."""

import pytest

from organizations.lookups import unit_by_code
from organizations.models import AdministrativeUnit

from .factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_a_unit_is_found_by_its_code_as_the_orm_finds_it(kinds):
    office = OrganizationFactory(name="Văn phòng Đảng ủy phường Hồng An")
    unit = AdministrativeUnit.objects.get(pk=office.unit_id)
    found = unit_by_code(unit.code)
    columns = [field.attname for field in AdministrativeUnit._meta.concrete_fields]
    assert [getattr(found, name) for name in columns] == [getattr(unit, name) for name in columns]
    assert unit_by_code("KHONG-CO") is None
