"""Which council published a paper, by its canonical name from the gazetteer.

Evidence is weighed: a council named in the header counts most, then the council of an email
domain (@kent.gov.uk) or of the place a meeting was held ("the Guildhall, Portsmouth"), then every
mention of a council or of a council's place in the text. Too little evidence gives None rather than
a guess. Parish and community councils, which the gazetteer does not list, are taken as the header
names them, from the first capitalised word of the name (never "Draft Minutes of ..."), with the Welsh
"Cyngor Cymuned X" as "X Community Council". Where no council of the gazetteer is evidenced, a "City of X"
the paper names repeatedly (a council abroad: City of Winnipeg, City of Baltimore) is taken.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from . import gazetteer
from .textlines import Line

HEADER_LINES = 12
MIN_SCORE = 1.5
HEADING_CHARS = 120

# "Reading Room", "Sale Road": a place word naming a building or street, not its council.
FACILITY = re.compile(r"[ -](?:Room|Hall|Road|Street|Lane|Avenue|Park|Centre|Center|House|Station|Court|Way|"
                      r"Close|Drive|Place|Square|Bridge|Gardens?|Green|Row|Terrace|Hospital|School|College|"
                      r"University|Airport|Show|Town|City|Post|Chronicle|Herald|Gazette|Football|Rugby|"
                      r"Cricket|Evening|Water|River|Canal)$")
_DOMAIN = re.compile(r"@([a-z0-9-]+)(?:\.[a-z0-9-]+)*\.gov\.(?:uk|wales|scot)\b", re.I)
_HELD = re.compile(r"\bheld\b(?P<where>(?:[^.;]|\.(?=\d)){0,200})", re.I)
_LOCAL_COUNCIL = re.compile(
    r"\b((?:[A-Z][\w'’&-]*\s+){1,5}?(?:and\s+|&\s+)?(?:[A-Z][\w'’-]*\s+){0,3}"
    r"(?:Community|Parish|Town|Village|City\s+and\s+County|Municipal\s+District)\s+Council)\b", re.I)
# Welsh: "Cyngor Cymuned Manordeilo a Salem" is Manordeilo and Salem Community Council.
_WELSH_LOCAL_COUNCIL = re.compile(
    r"\bCyngor[ \t]+(?P<kind>Cymuned|Tref|Dinas)[ \t]+(?P<place>[A-Z][\w'’-]+(?:[ \t]+(?:a|ac|[A-Z][\w'’-]+)){0,4})", re.I)
_WELSH_KINDS = {"cymuned": "Community", "tref": "Town", "dinas": "City"}
# Words that open a heading around a council's name but are no part of it ("Draft Minutes of the
# Special Meeting of X Parish Council", "Original file", "Full Meeting of ...").
NOT_NAME_WORDS = frozenset("""
original file draft minutes minute notes note of at the a an and for in on to by from with proceedings
proceeding meeting meetings full special ordinary annual extraordinary general monthly budget budgetary
plan statutory adjourned emergency extra joint public agenda summons notice report record records held
confirmed unconfirmed approved signed council's councils parish community town village city municipal
district council committee cyngor cyfarfod
""".split())
CONNECTORS = frozenset({"and", "of", "the", "upon", "on", "in", "with", "under", "by", "de", "le", "la", "next", "a"})
# "City of Winnipeg": a council outside the gazetteer (abroad), taken when named repeatedly.
_CITY_OF = re.compile(r"\b(?:City|CITY)\s+(?:of|OF)\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?|[A-Z]{3,}\b)")
# A place word after these is something else: "New York", "Third Reading".
_NOT_PLACE_BEFORE = re.compile(r"(?:\bNew|\bFirst|\bSecond|\bThird|\bFinal)\s+$")
MENTION_CAP = 6
# "on behalf of Medway Council", "jointly with Medway Council": a council the paper's own deals with.
# A paper does nothing on its own behalf, so a council named so is never taken on its mentions alone.
_OTHER_PARTY = re.compile(r"\b(?:on\s+behalf\s+of|jointly\s+with|together\s+with|partnership\s+with|"
                          r"attributable\s+to|transferred\s+(?:to|from)|working\s+with|neighbouring|"
                          r"(?:agreement|contract|arrangements?)\s+with|(?:due|owed|payable|recharged|lent|loaned)\s+"
                          r"(?:to|from|by)|(?:funded|commissioned)\s+by|(?:compared|comparison)\s+(?:with|to))\s+(?:the\s+)?$",
                          re.I)
# The meeting a paper goes to, when it names the council's kind but not its place: "To: County
# Council", "County Council Meeting - 13th March 2025", "Report to the County Council".
_BARE_KIND_MEETING = re.compile(
    r"^(?:(?:report\s+)?to\s*:?\s*|(?:a\s+)?meeting\s+of\s+)?(?:the\s+)?(?P<kind>County|City|Borough|District)\s+Council"
    r"(?:\s+meeting)?\b(?:\s*[-–,:]\s*.*)?$", re.I)


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
    for m in re.finditer(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?", text):
        w = m.group(0)
        if _NOT_PLACE_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
            continue
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
    heading = "\n".join(line.text for line in lines[:HEADER_LINES] if len(line.text) <= HEADING_CHARS)
    for m in gazetteer.find_all(heading):  # a heading, not the summary's prose about partners
        if m.organisation.is_council:
            scores[m.organisation.name] += 5
    mentions: Counter[str] = Counter()
    other_party: set[str] = set()
    for m in gazetteer.find_all(text):
        if not m.organisation.is_council:
            continue
        if _OTHER_PARTY.search(text[max(0, m.start - 30):m.start]):
            other_party.add(m.organisation.name)
        else:
            mentions[m.organisation.name] += 1
    for name, n in mentions.items():  # capped: a paper may discuss a neighbour at length
        scores[name] += min(n, MENTION_CAP)
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
    meeting = _meeting_council(lines[:HEADER_LINES], set(mentions) | set(places))
    if meeting:
        scores[meeting] += 4
    evidenced = {name for name, s in scores.items() if s > min(mentions.get(name, 0), MENTION_CAP)}
    for name in other_party - evidenced:  # named only in the body, and there as another party
        scores.pop(name, None)
        places.pop(name, None)
    strong = set(scores)  # named, in the header, by email domain or as where a meeting was held
    for name, n in places.items():
        scores[name] += 0.5 * min(n, 6)
    city = _city_of(text, header)
    if scores:
        name, score = scores.most_common(1)[0]
        if score >= MIN_SCORE and (name in strong or not city):
            return name
    return _local_council(header) or city


def _meeting_council(header: list[Line], named: set[str]) -> str | None:
    """The one council of the kind the header's meeting names ("To: County Council") among the
    councils the paper names or whose place it names; None if there is not exactly one."""
    for line in header:
        m = _BARE_KIND_MEETING.match(line.text)
        if not m:
            continue
        kind = m.group("kind").lower()
        fits = {name for name in named if _of_kind(name, kind)}
        return next(iter(fits)) if len(fits) == 1 else None
    return None


def _of_kind(name: str, kind: str) -> bool:
    org = gazetteer.lookup(name)
    if org is None:
        return False
    if kind == "county":
        return org.kind == "county"
    if kind == "district":
        return org.kind == "district"
    return f"{kind} " in org.name.lower() or (kind == "borough" and org.kind.endswith("borough"))


def _local_council(header: str) -> str | None:
    for m in _LOCAL_COUNCIL.finditer(header):
        name = _name_from_first_name_word(m.group(1))
        if name:
            return name
    m = _WELSH_LOCAL_COUNCIL.search(header)
    if m:
        words = m.group("place").split()
        while words and words[-1].lower() in NOT_NAME_WORDS | {"ac", "yn", "am"}:
            words.pop()
        place = re.sub(r"\s+(?:a|ac)\s+", " and ", " ".join(words), flags=re.I)
        return canonical_case(f"{place} {_WELSH_KINDS[m.group('kind').lower()]} Council")
    return None


def _name_from_first_name_word(raw: str) -> str | None:
    """The council's name from its first name word on, case canonicalised; None if nothing names it."""
    words = re.sub(r"\s+", " ", raw).replace("&", "and").split()
    i = 0
    while i < len(words) and (words[i].lower().strip("'’") in NOT_NAME_WORDS or not words[i][:1].isupper()):
        i += 1
    kind_start = len(words) - 1 - next(k for k, w in enumerate(reversed(words)) if w.lower() not in
                                       {"council", "community", "parish", "town", "village", "city", "and",
                                        "county", "municipal", "district"})
    if i >= len(words) or i > kind_start or words[i].lower() in {"council"}:
        return None
    return canonical_case(" ".join(words[i:]))


def canonical_case(name: str) -> str:
    """"MANORDEILO AND SALEM Community Council" -> "Manordeilo and Salem Community Council"."""
    out = []
    for k, w in enumerate(name.split()):
        if k and w.lower() in CONNECTORS:
            out.append(w.lower())
        elif w.isupper() or w.islower() or (w[:1].isupper() and w[1:] != w[1:].lower() and "-" not in w
                                            and not re.match(r"(?:Mc|Mac|O['’])", w)):
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
        else:
            out.append(w)
    return " ".join(out)


def _city_of(text: str, header: str) -> str | None:
    """"City of X" named in the header, or at least twice in the text, most often first."""
    counts = Counter(canonical_case(m.group(1)) for m in _CITY_OF.finditer(text))
    if not counts:
        return None
    place, n = counts.most_common(1)[0]
    heads = {canonical_case(m.group(1)) for m in _CITY_OF.finditer(header)}
    if n >= 2 or place in heads:
        return f"City of {place}"
    return None
