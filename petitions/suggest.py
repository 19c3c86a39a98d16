"""Offline suggestions for staff to confirm: likely duplicates, and the field and agency.

Text is folded (lower case, no accents, "đ" → "d") and cut into syllables and syllable pairs
(Vietnamese words are mostly one or two syllables: "đất đai" → "dat", "dai", "dat_dai"), weighted
by TF-IDF. Duplicates are the open matters most similar to the text; the field and agency are the
weighted votes of the unit's most similar matters already classified and assigned. Nothing is
downloaded and nothing is learnt outside the unit's own data.

A unit with 10,000 matters is not re-read into a new index on every page view: each process keeps the
unit's indexes (UnitIndexes) and rebuilds them only when the unit's matters changed, reusing the
features of texts it has already cut; scoring walks an inverted index (only matters sharing a term).
"""

from __future__ import annotations

import heapq
import math
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .enums import CaseStatus
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

    def __init__(self, documents: Iterable[Document], featurize: Callable[[str], Counter] = features) -> None:
        self.documents = list(documents)
        counts = [featurize(document.text) for document in self.documents]
        frequency: Counter = Counter()
        for count in counts:
            frequency.update(count.keys())
        total = len(self.documents) or 1
        self.idf = {term: math.log((1 + total) / (1 + seen)) + 1 for term, seen in frequency.items()}
        self.vectors = [self._weigh(count) for count in counts]
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)  # term → [(document number, weight)]
        for number, vector in enumerate(self.vectors):
            for term, value in vector.items():
                self.postings[term].append((number, value))

    def _weigh(self, count: Counter) -> dict[str, float]:
        default = math.log(1 + len(self.documents)) + 1
        vector = {term: (1 + math.log(n)) * self.idf.get(term, default) for term, n in count.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        return {term: value / norm for term, value in vector.items()}

    def similar(self, text: str, limit: int = 5, exclude: object = None) -> list[tuple[Document, float]]:
        scores: dict[int, float] = defaultdict(float)
        for term, weight in self._weigh(features(text)).items():
            for number, value in self.postings.get(term, ()):
                scores[number] += weight * value
        ranked = ((self.documents[number], score) for number, score in scores.items() if score > 0)
        ranked = ((document, score) for document, score in ranked if document.key != exclude)
        return heapq.nlargest(limit, ranked, key=lambda pair: pair[1])


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


class UnitIndexes:
    """One unit's two indexes (open matters; classified matters with their labels), built from its rows."""

    def __init__(self, rows: list[tuple], known_features: dict[str, Counter]) -> None:
        self.rows = rows
        self.features = {text: known_features.get(text) or features(text) for _pk, text, *_rest in rows}
        opened = (Document(pk, text, {}) for pk, text, _f, _a, status in rows if status != CaseStatus.CLOSED)
        self.open = Index(opened, self.features.get)
        labelled = (Document(pk, text, {"field": f, "agency": a}) for pk, text, f, a, _s in rows if f)
        self.known = Index(labelled, self.features.get)


UNITS_KEPT = 32  # units whose indexes a process keeps (least recently used go first)
SUGGESTIONS_SECONDS = 3600  # a matter's suggestions are kept this long at most, while its unit does not change
_kept: OrderedDict[int, tuple[tuple, UnitIndexes]] = OrderedDict()
_lock = threading.Lock()


def unit_version(unit_id: int) -> tuple:
    """A cheap fingerprint of the unit's matters: how many, and their newest history row (id and time).

    Every change of a matter (text, field, agency, status) goes through a verb that saves it, and saving writes a
    history row: a new fingerprint. Two index lookups, instead of reading the unit's 10,000 matters on every view.
    """
    from django.db.models import Max

    from .models import Case

    newest = Case.history.filter(unit_id=unit_id).aggregate(last=Max("history_id"), at=Max("history_date"))
    return (Case.objects.filter(unit_id=unit_id).count(), newest["last"], str(newest["at"]))


def unit_indexes(unit_id: int, version: tuple | None = None) -> UnitIndexes:
    """The unit's indexes, rebuilt only when its matters changed (unit_version) since this process built them."""
    from .models import Case

    version = version or unit_version(unit_id)
    with _lock:
        kept = _kept.get(unit_id)
        if kept is not None and kept[0] == version:
            _kept.move_to_end(unit_id)
            return kept[1]
    matters = Case.objects.filter(unit_id=unit_id).order_by("pk")
    rows = list(matters.values_list("pk", "summary", "field_id", "agency_id", "status"))
    built = UnitIndexes(rows, kept[1].features if kept is not None else {})  # texts already cut are not cut again
    with _lock:
        _kept[unit_id] = (version, built)
        _kept.move_to_end(unit_id)
        while len(_kept) > UNITS_KEPT:
            _kept.popitem(last=False)
    return built


def forget(unit_id: int, keep_texts: bool = True) -> None:
    """Make the next view rebuild the unit's indexes, as a change of its matters does (the benchmark's "after a change").

    keep_texts: the texts already cut are reused, as after a real change; False drops everything (a fresh process).
    """
    with _lock:
        kept = _kept.pop(unit_id, None)
        if kept is not None and keep_texts:
            _kept[unit_id] = (("forgotten",), kept[1])


def _key(case_id: int, unit_id: int, version: tuple) -> str:
    return f"suggest:{case_id}:{unit_id}:{'-'.join(str(part) for part in version)}".replace(" ", "_")


def _compute(case, version: tuple) -> tuple:
    indexes = unit_indexes(case.unit_id, version)
    duplicates = likely_duplicates(indexes.open, case.summary, exclude=case.pk)
    field_id, field_share = vote(indexes.known, case.summary, "field", exclude=case.pk)
    agency_id, agency_share = vote(indexes.known, case.summary, "agency", exclude=case.pk)
    return [(document.key, score) for document, score in duplicates], field_id, field_share, agency_id, agency_share


def suggestions_for(case) -> Suggestions:
    """Likely duplicates among the unit's open matters; field and agency from its classified ones.

    Computed once per change of the unit's matters (the case's own text included), then read from the cache.
    """
    from django.core.cache import cache

    from organizations.models import Organization
    from regulations.models import OpinionField

    from .models import Case

    version = unit_version(case.unit_id)
    key = _key(case.pk, case.unit_id, version)
    found = cache.get(key)
    if found is None:
        found = _compute(case, version)
        cache.set(key, found, SUGGESTIONS_SECONDS)
    duplicates, field_id, field_share, agency_id, agency_share = found
    shown = Case.objects.in_bulk([pk for pk, _score in duplicates])
    return Suggestions(
        [(shown[pk], score) for pk, score in duplicates if pk in shown],
        OpinionField.objects.filter(pk=field_id).first() if field_id else None,
        field_share,
        Organization.objects.filter(pk=agency_id).first() if agency_id else None,
        agency_share,
    )
