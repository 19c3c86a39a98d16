import datetime as dt
import pytest
from dialogues.tests import seed_walk as sw
from dialogues import lifecycle
pytestmark = pytest.mark.django_db
D = dt.date

CASES = {
 "hong": ("hong-an-qt-vp12", "31-HONGAN", "Phường Hồng An", ("31","Thành phố Hải Phòng"), dict(planned=D(2026,8,3), received=D(2026,8,10), announced=D(2026,8,14), held=D(2026,8,27), concluded=D(2026,9,11), answered=D(2026,9,21), archived=D(2026,10,5))),
 "gia": ("gia-vien-2025", "31-GIAVIEN", "Phường Gia Viên", ("31","Thành phố Hải Phòng"), dict(planned=D(2025,8,1), received=D(2025,8,8), announced=D(2025,8,14), held=D(2025,8,28), concluded=D(2025,9,10), answered=D(2025,9,18), archived=D(2025,10,1))),
 "tan": ("tan-ky-2025", "31-TANKY", "Xã Tân Kỳ", ("31","Thành phố Hải Phòng"), dict(planned=D(2025,11,17), received=D(2025,11,24), announced=D(2025,12,1), held=D(2025,12,11), concluded=D(2025,12,19), answered=D(2025,12,29), archived=D(2026,1,9))),
 "hp": ("hai-phong-1155-2023", "31-ANLU", "Phường An Lư", ("31","Thành phố Hải Phòng"), dict(planned=D(2026,3,30), received=D(2026,4,6), announced=D(2026,4,10), held=D(2026,4,23), concluded=D(2026,5,8), answered=D(2026,5,15), archived=D(2026,5,22))),
 "db": ("dien-bien", "11-MUONGTHANH", "Phường Mường Thanh", ("11","Tỉnh Điện Biên"), dict(planned=D(2026,10,26), received=D(2026,10,28), announced=D(2026,11,3), held=D(2026,11,16), concluded=D(2026,11,25), answered=D(2026,11,26), archived=D(2026,11,26))),
}

@pytest.mark.parametrize("key", list(CASES))
def test_probe(key, monkeypatch):
    sw.load_profiles()
    prof, code, name, prov, dates = CASES[key]
    p = sw.place(prof, code, name, prov)
    kw = {}
    if key in ("db", "hp"):
        kw["advising_office"] = p.party_office
    w = sw.walk(monkeypatch, p, **dates, **kw)
    out = open(f"/tmp/h9/{key}.txt", "w")
    print("profile", w.dialogue.profile.code, "status", w.dialogue.status, file=out)
    for code_, s in w.planned_steps.items():
        print("PLANNED", code_, s.due, s.due_extended, s.status, "|", s.citation, "|", s.explanation, file=out)
    for code_, s in w.steps.items():
        print("FINAL", code_, s.due, s.due_extended, s.status, s.done_on, "|", s.citation, "|", s.explanation, file=out)
    print("CASE due", w.assigned_due, w.case.due, w.case.due_rule, w.case.status, file=out)
    for d in w.dialogue.duties.all():
        print("DUTY", d.code, d.due, d.citation, d.title, file=out)
    from documents.dossier import checklist
    print("DOSSIER", [i.rule.code for i in checklist(w.dialogue)], file=out)
    for r in w.dialogue.profile.reporting.all():
        print("REPORT", r.period, r.form, r.due_month, r.due_day, r.citation, file=out)
    for r in w.dialogue.profile.frequencies.all():
        print("FREQ", r.kind, r.min_per_year, r.per, r.citation, file=out)
