"""Suggestions on a matter's page: the unit's index is kept between views and rebuilt when its matters change."""

from petitions import casework
from petitions.suggest import suggestions_for, unit_indexes

from .helpers import field, receive, user


def test_the_unit_index_is_kept_until_a_matter_of_the_unit_changes(demo):
    flooded = receive("Đường ngõ 12 Lê Lợi bị ngập khi mưa")
    receive("Đèn chiếu sáng ngõ 8 hỏng")
    kept = unit_indexes(flooded.unit_id)
    assert unit_indexes(flooded.unit_id) is kept
    assert kept.known.documents == []  # nothing classified yet
    casework.classify(flooded.case, user("vanphong"), field("kinh_te"), "within")
    rebuilt = unit_indexes(flooded.unit_id)
    assert rebuilt is not kept
    assert [document.key for document in rebuilt.known.documents] == [flooded.case_id]


def test_a_new_matter_is_suggested_as_a_duplicate_at_once_and_never_the_matter_itself(demo):
    first = receive("Đường ngõ 12 Lê Lợi bị ngập khi mưa")
    assert suggestions_for(first.case).duplicates == []
    second = receive("Ngõ 12 Lê Lợi ngập khi mưa, đề nghị sửa đường")
    assert [case.pk for case, _score in suggestions_for(first.case).duplicates] == [second.case_id]
    assert [case.pk for case, _score in suggestions_for(second.case).duplicates] == [first.case_id]


def test_the_field_is_voted_from_the_unit_s_classified_matters(demo):
    known = receive("Đường ngõ 12 Lê Lợi bị ngập khi mưa")
    casework.classify(known.case, user("vanphong"), field("kinh_te"), "within")
    new = receive("Ngõ 12 Lê Lợi lại ngập khi mưa")
    suggestions = suggestions_for(new.case)
    assert suggestions.field == field("kinh_te") and suggestions.field_share == 1.0
