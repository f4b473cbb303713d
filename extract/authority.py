"""Which council published a paper, by its canonical name from the gazetteer.

Evidence is weighed: a council named in the header counts most, then the council of an email
domain (@kent.gov.uk) or of the place a meeting was held ("the Guildhall, Portsmouth"), then every
mention of a council or of a council's place in the text. Too little evidence gives None rather than
a guess. Parish and community councils, which the gazetteer does not list, are taken as the header
names them.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from . import gazetteer
from .textlines import Line

HEADER_LINES = 12
MIN_SCORE = 1.5

# "Reading Room", "Sale Road": a place word naming a building or street, not its council.
FACILITY = re.compile(r"[ -](?:Room|Hall|Road|Street|Lane|Avenue|Park|Centre|Center|House|Station|Court|Way|"
                      r"Close|Drive|Place|Square|Bridge|Gardens?|Green|Row|Terrace|Hospital|School|College|"
                      r"University|Airport|Show|Town|City|Post|Chronicle|Herald|Gazette|Football|Rugby|"
                      r"Cricket|Evening|Water|River|Canal)$")
_DOMAIN = re.compile(r"@([a-z0-9-]+)(?:\.[a-z0-9-]+)*\.gov\.(?:uk|wales|scot)\b", re.I)
_HELD = re.compile(r"\bheld\b(?P<where>(?:[^.;]|\.(?=\d)){0,200})", re.I)
_LOCAL_COUNCIL = re.compile(
    r"\b((?:[A-Z][\w'’&-]*\s+){1,5}?(?:and\s+|&\s+)?(?:[A-Z][\w'’-]*\s+){0,3}"
    r"(?:Community|Parish|Town|Village|City and County|Municipal District)\s+Council)\b", re.I)


@functools.lru_cache(maxsize=1)
def _councils_by_domain() -> dict[str, gazetteer.Organisation]:
    """Domain labels ("eastsussex", "kent") to councils, from each council's places and name."""
    table: dict[str, gazetteer.Organisation] = {}
    clash: set[str] = set()
    for org in gazetteer.organisations():
        if not org.is_council:
            continue
        for form in {*org.places, org.name, gazetteer.place_of(org.name)}:
            key = re.sub(r"[^a-z0-9]", "", form.lower().replace("&", "and"))
            if key in table and table[key] != org:
                clash.add(key)
            table[key] = org
    return {k: v for k, v in table.items() if k not in clash}


def _place_councils(text: str) -> list[gazetteer.Organisation]:
    """Councils whose place is named in `text` (a single capitalised word or two)."""
    found = []
    words = re.findall(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?", text)
    for w in words:
        org = gazetteer.lookup(w)
        if org is None and re.search(r"[ -]", w) and not FACILITY.search(w):
            org = gazetteer.lookup(re.split(r"[ -]", w)[0])
        if org is not None and org.is_council:
            found.append(org)
    return found


def find_authority(lines: list[Line]) -> str | None:
    text = "\n".join(line.text for line in lines)
    header = "\n".join(line.text for line in lines[:HEADER_LINES])
    local = _local_council("\n".join(line.text for line in lines[:3]))
    if local:
        return local
    scores: Counter[str] = Counter()
    for m in gazetteer.find_all(header):
        if m.organisation.is_council:
            scores[m.organisation.name] += 5
    for m in gazetteer.find_all(text):
        if m.organisation.is_council:
            scores[m.organisation.name] += 1
    domains = _councils_by_domain()
    for label in _DOMAIN.findall(re.sub(r"\s+(?=\.gov\.)", "", text)):  # an address wrapped before ".gov.uk"
        org = domains.get(label.lower())
        if org is not None:
            scores[org.name] += 4
    for m in _HELD.finditer(text):
        where = m.group("where")
        for org in _place_councils(where):
            # "County Hall, Maidstone": the county council's seat, not the borough's
            if "county hall" in where.lower() and org.kind != "county":
                continue
            scores[org.name] += 4
    places = Counter(org.name for org in _place_councils(text))
    for name, n in places.items():
        scores[name] += 0.5 * min(n, 6)
    if scores:
        name, score = scores.most_common(1)[0]
        if score >= MIN_SCORE:
            return name
    return _local_council(header)


def _local_council(header: str) -> str | None:
    m = _LOCAL_COUNCIL.search(header)
    if not m:
        return None
    name = re.sub(r"\s+", " ", m.group(1)).replace("&", "and")
    return " ".join(w if not w.isupper() or len(w) <= 1 else w.capitalize() for w in name.split())
