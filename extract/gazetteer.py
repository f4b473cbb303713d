"""The gazetteer: UK principal councils, government departments and public bodies, by every name a paper uses.

The rows live in data/councils.csv and data/bodies.csv; data/SOURCES.md says where they were checked.
Names and variants match ignoring case (but never an all-lower-case surface), across line breaks,
hyphens, "&"/"and" and possessives; a council's place also yields its usual forms ("Portsmouth
Council", "London Borough of Merton"). Abbreviations match case-sensitively as whole words. An
abbreviation several bodies share (HCC, PCC, SCC) or one marked `?` in the data counts only when the
same text names exactly one of its bodies in full, or that body's place.

Councils abolished since 2019 (Harrogate Borough Council, Cumbria County Council) are kept, marked abolished with
their successors, so older papers still resolve. They are named only in full ("Harrogate Borough Council", "Poole
Council"): a bare place ("Harrogate") means no abolished council, and a name form a current council also takes
("Somerset Council") is the current council's.

`lookup()` and `find_all()` load the data once per process on first use and are cheap after that.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from enum import Enum
from importlib import resources

TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|&")
# Forms a council's name takes around its place; {p} is the place.
COUNCIL_FORMS = (
    "{p} council", "{p} city council", "{p} borough council", "{p} district council", "{p} county council",
    "{p} metropolitan borough council", "{p} county borough council", "{p} metropolitan district council",
    "{p} city and district council", "{p} city and county council", "{p} london borough council",
    "{p} unitary authority", "{p} unitary council",
    "city of {p} council", "city of {p} metropolitan district council", "london borough of {p}",
    "london borough of {p} council", "royal borough of {p}", "royal borough of {p} council",
    "borough council of {p}", "city and county of {p}", "city and county of {p} council",
)
# The forms an abolished council's place yields: no "city" forms, which name councils abroad ("Christchurch City
# Council" is New Zealand's, not the former Christchurch Borough Council).
ABOLISHED_FORMS = ("{p} council", "{p} borough council", "{p} district council", "{p} county council",
                   "borough of {p}", "borough council of {p}")
COUNCIL_KINDS = frozenset({"county", "district", "unitary", "metropolitan_borough", "london_borough",
                           "welsh_principal", "scottish", "northern_irish"})
# A name ending "... Council" followed by one of these is another thing ("Kent Council Tax").
NOT_AFTER_COUNCIL = frozenset({"tax"})


class Status(str, Enum):
    """Whether a council is in being, or was abolished and is still named by older papers."""
    CURRENT = "current"
    ABOLISHED = "abolished"


@dataclass(frozen=True)
class Organisation:
    name: str  # canonical
    kind: str  # a council kind (COUNCIL_KINDS), government_department, public_body, police, ...
    nation: str | None = None
    places: tuple[str, ...] = ()
    gss_code: str | None = None  # ONS/GSS code of a council's area ("E06000044")
    status: Status = Status.CURRENT
    abolished_on: str | None = None  # ISO date its successors took over
    successors: tuple[str, ...] = ()  # canonical names

    @property
    def is_council(self) -> bool:
        return self.kind in COUNCIL_KINDS

    @property
    def is_current(self) -> bool:
        return self.status == Status.CURRENT


@dataclass(frozen=True)
class Match:
    start: int  # offsets into the text given to find_all
    end: int
    organisation: Organisation
    surface: str  # the text as written


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    surface: str
    norm: str


def normalise_token(word: str) -> str:
    w = word.replace("’", "'").casefold()
    if w == "&":
        return "and"
    if w.endswith("'s"):
        w = w[:-2]
    return w.replace("'", "")


def tokens(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group(), normalise_token(m.group())) for m in TOKEN_RE.finditer(text)]


def name_key(text: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokens(text))


def _split(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


_PLACE_PREFIXES = ("london borough of ", "royal borough of ", "borough council of ", "city and county of ",
                   "city of ", "council of the ", "the ")
_PLACE_SUFFIXES = (" metropolitan borough council", " metropolitan district council", " county borough council",
                   " city and district council", " city council", " borough council", " district council",
                   " county council", " council")


def place_of(name: str) -> str:
    p = name
    for pre in _PLACE_PREFIXES:
        if p.lower().startswith(pre):
            p = p[len(pre):]
    for suf in _PLACE_SUFFIXES:
        if p.lower().endswith(suf):
            p = p[: -len(suf)]
            break
    return p


class Gazetteer:
    """Organisations keyed by normalised name tokens and by exact abbreviation tokens."""

    def __init__(self, organisations: list[tuple[Organisation, list[str], list[str]]]) -> None:
        explicit: dict[tuple[str, ...], set[Organisation]] = {}
        generated: dict[tuple[str, ...], set[Organisation]] = {}
        generated_abolished: dict[tuple[str, ...], set[Organisation]] = {}
        self.abbreviations: dict[tuple[str, ...], set[Organisation]] = {}
        self.context_only: set[tuple[str, ...]] = set()
        self.places: dict[tuple[str, ...], set[Organisation]] = {}
        for org, variants, abbrs in organisations:
            for v in [org.name, *variants]:
                explicit.setdefault(name_key(v), set()).add(org)
            for p in org.places:
                if not org.is_current:
                    for form in ABOLISHED_FORMS:
                        generated_abolished.setdefault(name_key(form.format(p=p)), set()).add(org)
                    continue
                self.places.setdefault(name_key(p), set()).add(org)
                for form in COUNCIL_FORMS:
                    generated.setdefault(name_key(form.format(p=p)), set()).add(org)
            for a in abbrs:
                key = tuple(t.surface for t in tokens(a.lstrip("?")))
                self.abbreviations.setdefault(key, set()).add(org)
                if a.startswith("?"):
                    self.context_only.add(key)
        self.names: dict[tuple[str, ...], Organisation] = {}
        for key, orgs in generated_abolished.items():
            if len(orgs) == 1 and key not in generated:
                self.names[key] = next(iter(orgs))
        for key, orgs in generated.items():
            if len(orgs) == 1:
                self.names[key] = next(iter(orgs))
        for key, orgs in explicit.items():
            if len(orgs) == 1:
                self.names[key] = next(iter(orgs))
        self.name_prefixes = {k[:n] for k in self.names for n in range(1, len(k) + 1)}
        self.abbr_prefixes = {k[:n] for k in self.abbreviations for n in range(1, len(k) + 1)}

    def lookup(self, text: str) -> Organisation | None:
        """The organisation a name, variant or abbreviation stands for; None if unknown or ambiguous."""
        toks = tokens(text.strip())
        key = tuple(t.norm for t in toks)
        if key[:1] == ("the",):
            key = key[1:]
        if key in self.names:
            return self.names[key]
        abbr = tuple(t.surface for t in toks)
        orgs = self.abbreviations.get(abbr, set())
        if len(orgs) == 1 and abbr not in self.context_only:
            return next(iter(orgs))
        orgs = self.places.get(key, set())
        councils = [o for o in orgs if o.is_council]
        return councils[0] if len(councils) == 1 else None

    def find_all(self, text: str) -> list[Match]:
        """Every mention of a known organisation in `text`, leftmost-longest, in order."""
        toks = tokens(text)
        found: list[tuple[int, int, set[Organisation], bool]] = []  # token span, candidates, needs context
        i = 0
        while i < len(toks):
            hit = self._match_at(toks, i)
            if hit is None:
                i += 1
                continue
            length, orgs, ambiguous = hit
            found.append((i, i + length, orgs, ambiguous))
            i += length
        named = {next(iter(orgs)) for _, _, orgs, amb in found if not amb}
        matches = []
        for s, e, orgs, ambiguous in found:
            org = next(iter(orgs)) if not ambiguous else self._resolve(orgs, named, text)
            if org is not None:
                start, end = toks[s].start, toks[e - 1].end
                matches.append(Match(start, end, org, text[start:end]))
        return matches

    def _match_at(self, toks: list[_Token], i: int) -> tuple[int, set[Organisation], bool] | None:
        """The longest name or abbreviation starting at token i, walking the prefix sets."""
        best: tuple[int, set[Organisation], bool] | None = None
        if toks[i].surface[0].isupper():
            key: tuple[str, ...] = ()
            for j in range(i, len(toks)):
                key += (toks[j].norm,)
                if key not in self.name_prefixes:
                    break
                org = self.names.get(key)
                if org is not None and not self._continues(toks, j + 1, key):
                    best = (j + 1 - i, {org}, False)
        akey: tuple[str, ...] = ()
        for j in range(i, len(toks)):
            akey += (toks[j].surface,)
            if akey not in self.abbr_prefixes:
                break
            orgs = self.abbreviations.get(akey)
            if orgs and (best is None or j + 1 - i > best[0]):
                best = (j + 1 - i, orgs, len(orgs) > 1 or akey in self.context_only)
        return best

    @staticmethod
    def _continues(toks: list[_Token], j: int, key: tuple[str, ...]) -> bool:
        return key[-1] == "council" and j < len(toks) and toks[j].norm in NOT_AFTER_COUNCIL

    def _resolve(self, candidates: set[Organisation], named: set[Organisation], text: str) -> Organisation | None:
        both = candidates & named
        if len(both) == 1:
            return next(iter(both))
        if both:
            return None
        placed = [o for o in candidates if o.places and any(
            re.search(r"\b" + re.escape(p) + r"\b", text) for p in o.places)]
        return placed[0] if len(placed) == 1 else None


def _read_rows(filename: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer from the packaged data, built once per process."""
    entries = []
    for row in _read_rows("councils.csv"):
        places = tuple(_split(row["places"]) or [place_of(row["name"])])
        org = Organisation(row["name"], row["kind"], row["nation"] or None, places, row["gss_code"] or None,
                           Status(row["status"]), row["abolished_on"] or None, tuple(_split(row["successors"])))
        entries.append((org, _split(row["variants"]), _split(row["abbreviations"])))
    for row in _read_rows("bodies.csv"):
        org = Organisation(row["name"], row["kind"])
        entries.append((org, _split(row["variants"]), _split(row["abbreviations"])))
    return Gazetteer(entries)


def lookup(text: str) -> Organisation | None:
    """Canonicalise a council or body name, variant or abbreviation ("KCC" -> Kent County Council)."""
    return gazetteer().lookup(text)


def find_all(text: str) -> list[Match]:
    """Mentions of known councils and bodies in `text`, with offsets and the surface form."""
    return gazetteer().find_all(text)


def organisations(include_abolished: bool = False) -> list[Organisation]:
    """Every organisation the gazetteer holds, once each: those in being, and abolished councils when asked."""
    g = gazetteer()
    seen = {*g.names.values(), *(o for orgs in g.abbreviations.values() for o in orgs)}
    return sorted((o for o in seen if include_abolished or o.is_current), key=lambda o: (o.kind, o.name))
