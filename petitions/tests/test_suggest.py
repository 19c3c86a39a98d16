"""Suggestions measured on a labelled set kept with the tests (petitions/data/labelled_opinions.yaml).

Leave-one-out: each labelled opinion is suggested from all the others. The measured figures are
printed (pytest -s) and held to floors well above chance, so a regression fails the test.
"""

from itertools import combinations
from pathlib import Path

import pytest
import yaml

from petitions.models import fold
from petitions.suggest import DUPLICATE_THRESHOLD, Document, Index, likely_duplicates, vote

DATA = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "labelled_opinions.yaml").read_text(encoding="utf-8"))


def test_folding_ignores_accents_and_case():
    assert fold("Đất Đai, Môi trường") == "dat dai, moi truong"
    assert fold("  Nguyễn   Thị  Ánh ") == "nguyen thi anh"


@pytest.fixture(scope="module")
def index():
    return Index(Document(n, item["text"], {"field": item["field"], "agency": item["agency"]}) for n, item in enumerate(DATA))


def leave_one_out(index, label):
    right = 0
    for n, item in enumerate(DATA):
        guess, _share = vote(index, item["text"], label, exclude=n)
        right += guess == item[label]
    return right / len(DATA)


def test_field_suggestion_accuracy(index):
    accuracy = leave_one_out(index, "field")
    print(f"\nfield suggestion accuracy (leave-one-out, {len(DATA)} opinions, 6 fields): {accuracy:.1%}")
    assert accuracy >= 0.65  # chance is about 17%


def test_agency_suggestion_accuracy(index):
    accuracy = leave_one_out(index, "agency")
    print(f"\nagency suggestion accuracy (leave-one-out, 6 agencies): {accuracy:.1%}")
    assert accuracy >= 0.70


def test_duplicate_detection_precision_and_recall():
    pairs_true, found, right = 0, 0, 0
    by_group = {}
    for n, item in enumerate(DATA):
        if item.get("dup"):
            by_group.setdefault(item["dup"], []).append(n)
    true_pairs = {frozenset(pair) for members in by_group.values() for pair in combinations(members, 2)}
    pairs_true = len(true_pairs)
    index = Index(Document(n, item["text"], {}) for n, item in enumerate(DATA))
    suggested = set()
    for n, item in enumerate(DATA):
        for document, _score in likely_duplicates(index, item["text"], exclude=n):
            suggested.add(frozenset((n, document.key)))
    found = len(suggested)
    right = len(suggested & true_pairs)
    precision = right / found if found else 0.0
    recall = right / pairs_true
    print(
        f"\nduplicates (threshold {DUPLICATE_THRESHOLD}): {found} pairs suggested, precision {precision:.1%}, recall {recall:.1%}"
    )
    assert precision >= 0.6 and recall >= 0.5
