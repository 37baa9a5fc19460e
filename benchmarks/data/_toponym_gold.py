"""Shared by the ``build_extract_*.py`` scripts: annotate hand-written texts with their toponyms.

Each document is ``(text, [(surface, nth occurrence, query, country, admin1, kind_hint)], event
index or None)``; every toponym is resolved with the bundled gazetteer from its query, country,
governorate and kind (a query of None is a place the gazetteer lacks: null coordinates). No
coordinate is typed.
"""
import json
import sys

from geo_incidents.gazetteer import Gazetteer


def annotate(docs, prefix):
    """The gold records (``id`` = ``{prefix}-{n:03d}``), each resolution printed for checking."""
    gz = Gazetteer.default()
    out = []
    for n, (text, tops, ev) in enumerate(docs, 1):
        recs = []
        for surface, nth, query, cc, a1, kh in tops:
            pos = -1
            for _ in range(nth + 1):
                pos = text.find(surface, pos + 1)
            assert pos >= 0, (surface, text)
            m = gz.resolve(query, country=cc, admin1=a1, kind=kh) if query else None
            recs.append({"start": pos, "end": pos + len(surface), "text": surface, "query": query, "country": cc,
                         "admin1": a1, "kind_hint": kh, "lat": m.place.lat if m else None,
                         "lon": m.place.lon if m else None, "place_id": m.place.id if m else None,
                         "name": m.place.name if m else None, "kind": m.place.kind if m else None,
                         "event": ev is not None and len(recs) == ev})
            print(n, surface, '->', m and (m.place.name, m.place.kind, m.place.admin1, m.place.admin2, m.score,
                                           m.place.lat, m.place.lon))
        recs.sort(key=lambda r: r["start"])
        evi = next((i for i, r in enumerate(recs) if r["event"]), None)
        out.append({"id": f"{prefix}-{n:03d}", "text": text, "toponyms": recs, "event_location": evi})
    return out


def main(docs, prefix):
    """Print the resolutions; with a path argument, also write the records there as JSONL."""
    out = annotate(docs, prefix)
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as fh:
            for d in out:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
