"""Offline suggestions for staff to confirm: likely duplicates, and the field and agency.

Text is folded (lower case, no accents, "đ" → "d") and cut into syllables and syllable pairs
(Vietnamese words are mostly one or two syllables: "đất đai" → "dat", "dai", "dat_dai"), weighted
by TF-IDF. Duplicates are the open matters most similar to the text; the field and agency are the
weighted votes of the unit's most similar matters already classified and assigned. Nothing is
downloaded and nothing is learnt outside the unit's own data.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .models import fold

STOP_WORDS = frozenset(
    "va cua cac cho la co duoc de nghi kien nghi phuong xa to dan pho nguoi dan nhan dan ve tai nay "
    "nhung mot trong voi khi da dang se rat con thi ma nhu tren duoi ra vao len lai nhieu hon".split()
)


def features(text: str) -> Counter:
    cleaned = fold(text)
    for mark in "-,.;:()\"'/":
        cleaned = cleaned.replace(mark, " ")
    # Numbers stay, even one digit: "tổ 6", "ngõ 12" are what tells one matter from another.
    syllables = [word for word in cleaned.split() if word.isalnum() and (len(word) > 1 or word.isdigit())]
    kept = [word for word in syllables if word not in STOP_WORDS]
    pairs = [f"{a}_{b}" for a, b in zip(syllables, syllables[1:], strict=False) if not (a in STOP_WORDS and b in STOP_WORDS)]
    return Counter(kept + pairs)


@dataclass
class Document:
    key: object
    text: str
    labels: dict


class Index:
    """TF-IDF vectors of a set of documents, for cosine similarity."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents = list(documents)
        counts = [features(document.text) for document in self.documents]
        frequency: Counter = Counter()
        for count in counts:
            frequency.update(count.keys())
        total = len(self.documents) or 1
        self.idf = {term: math.log((1 + total) / (1 + seen)) + 1 for term, seen in frequency.items()}
        self.vectors = [self._weigh(count) for count in counts]

    def _weigh(self, count: Counter) -> dict[str, float]:
        default = math.log(1 + len(self.documents)) + 1
        vector = {term: (1 + math.log(n)) * self.idf.get(term, default) for term, n in count.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        return {term: value / norm for term, value in vector.items()}

    def similar(self, text: str, limit: int = 5, exclude: object = None) -> list[tuple[Document, float]]:
        query = self._weigh(features(text))
        scored = []
        for document, vector in zip(self.documents, self.vectors, strict=True):
            if document.key == exclude:
                continue
            score = sum(weight * vector.get(term, 0.0) for term, weight in query.items())
            if score > 0:
                scored.append((document, score))
        scored.sort(key=lambda pair: pair[1], reverse=True)
        return scored[:limit]


DUPLICATE_THRESHOLD = 0.20  # best F1 on the labelled set (petitions/tests/test_suggest.py)
NEIGHBOURS = 7


def likely_duplicates(index: Index, text: str, exclude: object = None, threshold: float = DUPLICATE_THRESHOLD):
    return [(document, score) for document, score in index.similar(text, limit=5, exclude=exclude) if score >= threshold]


def vote(index: Index, text: str, label: str, exclude: object = None) -> tuple[object | None, float]:
    """The label most supported by the nearest documents, with its share of the votes (0-1)."""
    tally: dict[object, float] = defaultdict(float)
    for document, score in index.similar(text, limit=NEIGHBOURS, exclude=exclude):
        value = document.labels.get(label)
        if value:
            tally[value] += score
    if not tally:
        return None, 0.0
    best = max(tally, key=tally.get)
    return best, tally[best] / sum(tally.values())


@dataclass
class Suggestions:
    duplicates: list  # [(Case, score)]
    field: object | None
    field_share: float
    agency: object | None
    agency_share: float


def suggestions_for(case) -> Suggestions:
    """Likely duplicates among the unit's open matters; field and agency from its classified ones."""
    from organizations.models import Organization
    from regulations.models import OpinionField

    from .enums import CaseStatus
    from .models import Case

    cases = list(Case.objects.filter(unit=case.unit).exclude(pk=case.pk).only("pk", "summary", "field_id", "agency_id", "status"))
    open_index = Index(Document(c.pk, c.summary, {}) for c in cases if c.status != CaseStatus.CLOSED)
    known = Index(Document(c.pk, c.summary, {"field": c.field_id, "agency": c.agency_id}) for c in cases if c.field_id)
    duplicates = likely_duplicates(open_index, case.summary)
    by_pk = {c.pk: c for c in cases}
    field_id, field_share = vote(known, case.summary, "field")
    agency_id, agency_share = vote(known, case.summary, "agency")
    return Suggestions(
        [(by_pk[document.key], score) for document, score in duplicates],
        OpinionField.objects.filter(pk=field_id).first() if field_id else None,
        field_share,
        Organization.objects.filter(pk=agency_id).first() if agency_id else None,
        agency_share,
    )
