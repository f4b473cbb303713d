"""organisations component: the councils and public bodies a paper names.

Two sources, both precise: the gazetteer (every UK principal council, government department and
common public body, by name, variant or abbreviation), and the shapes a body's own name takes
("Stoke Ferry Parish Council", "Cyngor Cymuned Manordeilo a Salem", "Limerick City and County
Council", "NHS Kent and Medway Integrated Care Board", "the City of Winnipeg"). spaCy's ORG
entities alone are too noisy here ("Stable Homes", "the Panel"), so they only confirm the "City of X"
shape. One fact per distinct (name, surface form), at its first mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from . import gazetteer
from .annotations import annotate, char_span
from .facts import FactKind

EXTRACTOR = "minutebook-extract/0.1:organisation"

_CAP = r"(?:St\.|[A-Z][\w'’]*(?:-[\w'’]+)*)"  # Stoke, King's, Newcastle-under-Lyme, NHS
_JOIN = r"(?:and|&|upon|on|under|with|in|le|cum|a|y)"  # connectors inside a place's name
_PLACE = rf"{_CAP}(?:[ \t]+(?:{_JOIN}[ \t]+)?{_CAP})*"


def _either_case(*words: str) -> str:
    return "|".join(alt for w in words for alt in (w, w.upper()))


# The suffix of a body's own name and the kind it gives; the longest suffixes come first.
SUFFIX_KINDS: tuple[tuple[str, str], ...] = (
    ("City and County Council", "council"),
    ("Metropolitan Borough Council", "council"),
    ("County Borough Council", "council"),
    ("Parish Council", "parish_council"),
    ("Town Council", "town_council"),
    ("Community Council", "community_council"),
    ("Village Council", "parish_council"),
    ("City Council", "council"),
    ("County Council", "council"),
    ("Borough Council", "council"),
    ("District Council", "council"),
    ("Municipal Council", "council"),
    ("Combined County Authority", "combined_authority"),
    ("Combined Authority", "combined_authority"),
    ("Fire and Rescue Authority", "fire_authority"),
    ("Fire and Rescue Service", "fire_authority"),
    ("Fire Authority", "fire_authority"),
    ("Police and Crime Commissioner", "police"),
    ("Integrated Care Board", "nhs_body"),
    ("NHS Foundation Trust", "nhs_body"),
    ("NHS Trust", "nhs_body"),
    ("Clinical Commissioning Group", "nhs_body"),
    ("University Health Board", "nhs_body"),
)
SUFFIX_RE = re.compile(
    rf"\b(?P<place>{_PLACE})[ \t]+(?P<suffix>"
    + "|".join(_either_case(s) for s, _ in SUFFIX_KINDS) + r")\b"
)
KIND_OF_SUFFIX = {s.casefold(): k for s, k in SUFFIX_KINDS}
WELSH_RE = re.compile(rf"\b(?P<prefix>Cyngor[ \t]+(?:Cymuned|Tref|Dref))[ \t]+(?P<place>{_PLACE})")
WELSH_KINDS = {"cymuned": "community_council", "tref": "town_council", "dref": "town_council"}
WELSH_ENGLISH = {"community_council": "Community Council", "town_council": "Town Council"}
CITY_OF_RE = re.compile(r"\b(?:(?:The[ \t]+)?Corporation[ \t]+of[ \t]+the[ \t]+)?City[ \t]+of[ \t]+(?P<place>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)")

# Words that open a phrase but are no part of a place's name ("Minutes of the Full Town Council").
LEADING_STOP = frozenset("""
the this that these a an full annual ordinary extraordinary special meeting meetings minutes agenda draft present
apologies chairman chair vice clerk dear our your their each every all any local former new previous next
relevant neighbouring other both member members councillor councillors cllr mr mrs ms dr leader deputy
executive whole shadow unitary principal upper lower county borough district parish town city community
village regional national report reports notice of to from at by for with and in on re item items
resolve resolved discuss review request agree approve consider note receive update report reports
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december nhs budget budgetary plan proceedings file original
statutory adjourned emergency joint public
""".split())
# "City of X" phrases that name no council.
CITY_OF_STOP = frozenset({"culture", "sanctuary", "sport", "sports", "light", "music", "literature", "god"})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    surface: str
    kind: str


def _place(raw: str) -> tuple[str, int] | None:
    """The place words of a matched name with their offset in `raw`: the last few words before the
    council word, back to the first word that opens a phrase ("Minutes of the Stoke Ferry" -> "Stoke
    Ferry", "... and Resolve On" -> None)."""
    words = list(re.finditer(r"\S+", raw))
    kept: list[re.Match] = []
    for w in reversed(words):
        word = w.group().casefold().strip("'’")
        if re.fullmatch(_JOIN, w.group().lower() if w.group().isupper() else w.group()) and kept:
            kept.insert(0, w)
            continue
        if word in LEADING_STOP or len([k for k in kept if not re.fullmatch(_JOIN, k.group())]) >= 4:
            break
        kept.insert(0, w)
    while kept and re.fullmatch(_JOIN, kept[0].group()):
        kept.pop(0)
    if not kept:
        return None
    place = " ".join(w.group() for w in kept)
    return (_title(place), kept[0].start())


def _title(text: str) -> str:
    """Title case for a name printed in capitals ("WEST DEREHAM" -> "West Dereham")."""
    if not text.isupper() or len(text) <= 4:
        return text
    return text.title().replace("Nhs", "NHS").replace(" And ", " and ").replace(" Of ", " of ")


def gazetteer_mentions(text: str) -> list[Mention]:
    return [Mention(m.start, m.end, m.organisation.name, m.surface, m.organisation.kind)
            for m in gazetteer.find_all(text)]


def shaped_mentions(text: str) -> list[Mention]:
    """Bodies named by the shape of their name: '<Place> Parish Council', 'Cyngor Cymuned <Place>', ..."""
    found: list[Mention] = []
    for m in SUFFIX_RE.finditer(text):
        raw = m.group("place")
        kept = _place(raw)
        if kept is None:
            continue
        place, offset = kept
        nhs = raw.upper().startswith("NHS ") and not place.upper().startswith("NHS")
        name = f"{'NHS ' if nhs else ''}{place} {_title(m.group('suffix'))}"
        start = m.start("place") + (0 if nhs else offset)
        found.append(Mention(start, m.end(), name, text[start:m.end()],
                             KIND_OF_SUFFIX[m.group("suffix").casefold()]))
    for m in WELSH_RE.finditer(text):
        place = m.group("place")
        kind = WELSH_KINDS[m.group("prefix").split()[-1].casefold()]
        english = re.sub(r"\s+(?:a|ac)\s+", " and ", _title(place))  # the canonical name is the English one
        found.append(Mention(m.start(), m.end(), f"{english} {WELSH_ENGLISH[kind]}", m.group(), kind))
    return found


def city_of_mentions(doc: Doc) -> list[Mention]:
    """'City of Winnipeg', 'The Corporation of the City of London': councils outside the gazetteer,
    taken only where spaCy also sees an organisation or place there."""
    ent_chars = {i for ent in doc.ents if ent.label_ in ("ORG", "GPE") for i in range(ent.start_char, ent.end_char)}
    found = []
    for m in CITY_OF_RE.finditer(doc.text):
        place = m.group("place")
        if place.split()[0].casefold() in CITY_OF_STOP or m.start("place") not in ent_chars:
            continue
        found.append(Mention(m.start(), m.end(), f"City of {place}", m.group(), "council"))
    return found


def mentions(doc: Doc) -> list[Mention]:
    """Every organisation mention, gazetteer first; a shaped name inside a gazetteer match is dropped,
    and a shaped name the gazetteer knows is given its canonical name."""
    known = gazetteer_mentions(doc.text)
    taken = [(m.start, m.end) for m in known]
    out = list(known)
    for m in shaped_mentions(doc.text) + city_of_mentions(doc):
        if any(s < m.end and m.start < e for s, e in taken):
            continue
        org = gazetteer.lookup(m.name)
        if org is not None:
            m = Mention(m.start, m.end, org.name, m.surface, org.kind)
        taken.append((m.start, m.end))
        out.append(m)
    return sorted(out, key=lambda m: m.start)


def _surface_key(surface: str) -> str:
    return " ".join(surface.split()).casefold()


@Language.factory("minutebook_organisations")
def make_organisations(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        seen: set[tuple[str, str]] = set()
        for m in mentions(doc):
            key = (m.name, _surface_key(m.surface))
            if key in seen:
                continue
            seen.add(key)
            span = char_span(doc, m.start, m.end)
            if span is None:
                continue
            annotate(doc, FactKind.ORGANISATION, span, name=m.name, org_kind=m.kind,
                     text=" ".join(m.surface.split()), start=m.start, end=m.end, extractor=EXTRACTOR)
        return doc

    return component
