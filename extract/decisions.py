"""decisions component: each resolution, decision and recommendation as one fact.

Walks the paper's lines once, keeping the agenda item heading it is under, and recognises:
resolutions in minutes ("RESOLVED that ...", "It was agreed ...", "The Committee noted ...", "The
report ... was noted", "That ... BE APPROVED"); decision notices ("Decision:", "I agree to:",
a "Decision status" that applies to every listed decision); report recommendations (a
"Recommendations" section, "X is recommended to ..."); disposition tables (Winnipeg). A lead-in
ending in a colon ("RESOLVED that Cabinet agree to:") gives one fact per lettered or numbered item
below it. The outcome comes from the words used and from the paper's status: an undecided
recommendation is `recommended` (or `noted` when all it asks is to note).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .annotations import annotate, char_span
from .committee import find_decision_maker
from .decision_words import status_outcome, verb_outcome
from .facts import DocType, FactKind, Outcome
from .paper import Paper, not_a_heading, profile
from .textlines import Line, first_value, label_of

MAX_TEXT = 1500

MARKER = re.compile(
    r"^(?:\((?P<p>[a-zA-Z]{1,4}|\d{1,2})\)|(?P<l>[A-Za-z])[.)]|(?P<r>[ivxIVX]{1,5})[.)]|(?P<n>\d{1,2})\)|"
    r"(?P<d>\d{1,3}(?:\.\d{1,2}){0,3})\.?)\s+(?P<rest>\S.*)$")
RESOLVED = re.compile(
    r"^(?:it\s+was\s+)?(?:(?:unanimously|further|accordingly)\s+)?"
    r"(?P<w>RESOLVED|Resolved|AGREED|Agreed|DECIDED|Decided|Penderfynwyd|PENDERFYNWYD|Cytunwyd|CYTUNWYD)\b"
    r"(?:\s*(?:\([^)]*\))?\s*[:,–—-]\s*|\s+(?=that\b|to\b|unanimously\b|accordingly\b|bod\b)|\s*$)(?P<rest>.*)$")
DECISION_LABEL = re.compile(r"^(?:DECISIONS?|Decisions?|Decision taken|Decision made|Penderfyniad)\s*[:–—-]\s*(?P<rest>.*)$")
REC_HEADING = re.compile(
    r"^(?:(?:\d+(?:\.\d+)?\.?|[A-Z]\.)\s*)?(?:RECOMMENDATIONS?|Recommendations?|Recommendation\(s\)|"
    r"RECOMMENDATION\(S\)|Recommended decisions?|Proposed decisions?|Recommendations? to [A-Z][\w ]+|"
    r"Argymhelliad\w*)\s*(?:[:–—-]\s*(?P<rest>.*))?$")
ASKED = re.compile(r"\b(?:is|are)\s+(?:therefore\s+|also\s+|now\s+)?(?:recommended|asked|invited|requested|"
                   r"being asked|requested)\b[^.]{0,80}?\bto\b", re.I)
LEAD_IN_VERBS = re.compile(
    r"\b(?:agree[sd]?|resolve[sd]?|decide[sd]?|approve[sd]?)(?:\s+to|\s+that|\s*:|\s*$)|"
    r"\b(?:is|are)\s+(?:\w+\s+)?(?:asked|recommended|invited|requested)\b|\bI agree\b|"
    r"\bthe following\b[^:]{0,60}\b(?:was|were|be|is|are)\s+(?:\w+\s+)?(?:approved|agreed|noted|accepted|"
    r"adopted|resolved|deferred|refused|rejected)\b", re.I)
BODY = (r"(?:Committee|Sub-Committee|Panel|Cabinet|Council|Board|Members|Forum|Executive|Commission|Group|"
        r"Meeting|Cabinet Member)")
BODY_VERB = re.compile(
    rf"^(?:The\s+|That\s+the\s+)?(?:[A-Z][\w’'-]*\s+){{0,4}}?{BODY}\s+(?:(?:then|also|unanimously|therefore|"
    r"further|duly|formally)\s+)?(?P<v>noted|agreed|approved|endorsed|deferred|rejected|refused|resolved|"
    r"accepted|adopted|supported|received|decided|ratified)\b(?P<after>.*)$")
IT_WAS = re.compile(r"(?:^|(?<=[.!?:]\s))It was\b.{0,300}?\b(?:agreed|approved|resolved|decided|carried)\b", re.I)
PASSIVE = re.compile(
    r"^(?:The|This|These|That|All|Its|Their)\b[^.]{0,250}?(?<!had )(?<!would )(?<!will )(?<!could )"
    r"(?<!should )(?<!may )(?<!might )(?<!must )(?<!to )\b(?:was|were|be|BE|is|are|has been|have been)\s+"
    r"(?:duly\s+|unanimously\s+|formally\s+|therefore\s+|hereby\s+)?(?P<v>noted|approved|agreed|deferred|"
    r"adopted|accepted|endorsed|rejected|refused|ratified|received|referred|NOTED|APPROVED|RECEIVED|ADOPTED|"
    r"REFERRED|DEFERRED|AGREED|ENDORSED)\b")
TRAILING_NOTED = re.compile(r"(?:\.\s*|\t|\s{2,}|\s)(?:Noted|NOTED|Nodwyd)(?:/[\w ]+)?\d?$")
DISPOSITION = re.compile(
    r"^(?:(?:AMENDED AND )?ADOPTED|ADOPTED AS AMENDED|CARRIED|LOST|DEFEATED|REFERRED\b.*|LAID OVER\b.*|"
    r"RECEIVED AS INFORMATION|WITHDRAWN|APPROVED|PASSED|CONCURRED\b.*|\d+ DAY EXTENSION OF TIME GRANTED|"
    r"(?:AMENDED AND )?ADOPTED\b.*)$")
STOP = re.compile(
    r"^(?:reasons?\b|reason\(s\)|background\b|alternative|options?\b|publication date|date of decision|"
    r"accompanying documents|supporting documents|signed\b|motion (?:passed|carried|failed|lost)|vote\b|yeas\b|"
    r"nays\b|moved by|seconded by|\(item \d+\)|any interest declared|decided at meeting|effective from|"
    r"call-?in|is key decision|is subject to call|consultees|wards? affected|report author|contact|"
    r"appendices|background papers|financial implications|legal implications|decision status|"
    r"how the proposed decision|cabinet committee recommendations|subject matter|for publication|"
    r"decision maker|\d{1,3}$)", re.I)
GENERIC_HEADING = re.compile(
    r"^(?:recommendations?|recommendation\(s\)|purpose(?: of (?:the )?report)?|background|minutes|"
    r"members['’]? (?:questions|comments)|present|decision|decisions|reasons?.*|supporting documents|"
    r"appendices|part \w+|unrestricted items|summary|introduction|discussion|proposal details|"
    r"resolved|resolutions?|(?:financial|legal|equalities) implications|conclusions?|options)\s*:?$", re.I)
PROCEDURAL = re.compile(
    r"\b(?:apolog\w+|substitut\w+|declarations? of (?:members['’]? )?interests?|disclosures? of (?:pecuniary )?"
    r"interests?|declared an interest|minutes of (?:the )?(?:previous|last) meeting|minutes of the meeting|"
    r"(?:confirm|approve|sign)\w* (?:of )?(?:the )?minutes|correct record|urgent (?:business|items?)|"
    r"date of (?:the )?next meeting|ymddiheuriadau|datgan\w* o ddiddordeb|cofnodion)\b", re.I)
ROLE = re.compile(
    r"\b(?P<dm>Cabinet Member for [A-Z][\w’'&,\- ]+?|Leader of the Council|Deputy Leader|"
    r"(?:[A-Z][\w’'&-]+\s+){0,5}(?:Committee|Sub-Committee|Panel|Board|Forum|Executive)|Cabinet Member|"
    r"Cabinet|(?:[A-Z][\w’'&-]+\s+){0,3}Council)(?=\s*(?:\(|,|is\b|are\b|I\b|agrees?\b|resolved?\b|"
    r"notes?\b|noted\b|approves?\b|approved\b|endorsed?\b|considered\b|to\b|$))")
RESOLVED_WORD = re.compile(r"^(?:it\s+was\s+)?(?:\w+\s+)?(?:RESOLVED|Resolved|AGREED|Agreed|DECIDED|Decided|"
                           r"DECISION|Decision|Penderfynwyd|Cytunwyd)\b\s*[:,–—-]?\s*")
# "The following payments were approved:": the lead-in records the decision; what follows is its schedule.
DONE_LEAD = re.compile(r"\b(?:was|were|have been|has been)\s+(?:\w+\s+)?(?:approved|agreed|noted|accepted|"
                       r"adopted|resolved|deferred|refused|rejected)\s*:?\s*$", re.I)
# A planning decision notice: "PERMISSION HAS BEEN GRANTED", "hereby REFUSE planning permission".
PLANNING = re.compile(
    r"\b(?:(?:planning\s+)?(?:permission|consent|approval)\s+(?:has\s+been|is\s+hereby|is)\s+"
    r"(?P<v1>granted|refused)|hereby\s+(?P<v2>grants?|refuses?)\b[^.]{0,60}?\b(?:permission|consent|approval))\b", re.I)
# "This decision was authorised by the Cabinet ...": a statement about the decision, not another one.
ABOUT_DECISION = re.compile(r"^(?:This|The above|The)\s+decision\s+(?:was|is|has been|will be)\b", re.I)
# A passive that reports an earlier decision: "... was endorsed by Cabinet in July 2024".
HISTORICAL = re.compile(
    r"\b(?:in|on)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+\d{4}\b|\b(?:previously|last year|in \d{4})\b")
# In a paragraph of minutes, a sentence that records a decision.
SENTENCE_DECISION = re.compile(
    r"^(?:It was (?:\w+ )?(?:agreed|resolved|decided|approved)\b|"
    r"(?:.*\b(?i:all|members|councillors|the (?:\w+ )?council)\s+(?:were in (?:full )?agreement|"
    r"(?:\w+ )?(?:agreed|resolved)\b))|"
    r"(?!(?:This|It|That)\b)[A-Z][^.]*?(?<!had )(?<!would )(?<!will )(?<!could )(?<!should )"
    r"\b(?:was|were)\s+(?:\w+\s+and\s+)?(?:approved|agreed)\b)")
INLINE_HEADING = re.compile(r"^((?:[A-Z0-9][A-Z0-9'’&/,()-]*\s+){3,}?(?:[A-Z0-9][A-Z0-9'’&/,()-]*\s+-\s+[^.]*?)?)"
                            r"(?=(?:[A-Z][a-z]|A\s+[a-z]))")
# What a meeting receives: a paper, not "nominations" or "complaints".
RECEIVABLE = re.compile(r"\b(?:report|reports|minutes|update|petition|letter|accounts|statement|recommendations?|"
                        r"item|plan|motion|paper|document|presentation|correspondence|information|strategy|"
                        r"review|register|schedule|list)\b", re.I)
ASKS_MORE = re.compile(r"\b(?:agree|approve|adopt|endorse|delegate|authorise|authorize)\b", re.I)
# "This concluded the meeting.": the minutes' closing formula, not a decision.
CLOSING = re.compile(r"^(?:This concluded|The meeting (?:closed|ended|concluded)|There being no (?:other|further) business|"
                     r"The (?:Chair(?:man)?|Mayor|Cathaoirleach) (?:closed|thanked))", re.I)
# "Members agreed it was very good to debate ...", "agreed with the comments": a view shared, not a decision.
OPINION = re.compile(r"\bagreed\s+(?:(?:that\s+)?(?:it|this|they)\s+(?:was|were|is|had been|would be)\s+(?:very\s+|most\s+|extremely\s+)?"
                     r"(?:good|important|useful|helpful|positive|essential|vital|beneficial|welcome|worthwhile|"
                     r"a good|an important|a useful)\b|with\s+(?:the|these|this|those|his|her|their)\s+"
                     r"(?:comments?|views?|points?|sentiments?|remarks?))", re.I)
# "39 adopter households were approved": a count reported, not a decision taken.
STATISTIC = re.compile(r"\b\d[\d,]*\s+(?:[a-z-]+\s+){0,3}(?:was|were)\s+(?:\w+\s+and\s+)?(?:approved|agreed)\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# A numbered paragraph's opening title: a few words and a full stop, no verb ("Allotment contract and fees.").
INLINE_TITLE = re.compile(
    r"^(?![^.]*\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|should|may|did|does|agreed|"
    r"approved|noted|resolved|reported|advised|said|stated|asked|thanked|welcomed|confirmed)\b)"
    r"[A-Z][\w'’&/,()-]*(?:\s+[\w'’&/,()-]+){0,7}\.$")
ITEM_TAG = re.compile(r"^\(?item\s+(\d+)\)?$", re.I)
CAPS_VERB = re.compile(r"^[A-Z]{4,}(?:\s+[A-Z]{2,})*\s+(?:[a-z(]|the\b)")


@dataclass(frozen=True)
class Context:
    """What the whole paper says about its decisions."""

    doc_type: DocType
    status: Outcome | None  # from "Decision status:", applies to every decision listed
    proposed: bool  # a proposed record of decision: nothing decided yet
    maker: str | None  # the paper's decision maker
    committee: str | None
    title: str | None


@dataclass
class Item:
    start: int
    end: int
    text: str
    subject: str | None
    reference: str | None
    recommendation: bool
    maker: str | None = None
    outcome: Outcome | None = None


def marker(text: str) -> tuple[str, str] | None:
    m = MARKER.match(text)
    if not m:
        return None
    ref = next(v for k, v in m.groupdict().items() if k != "rest" and v)
    return ref, m.group("rest")


def _ends(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";", "?", "!"))


def is_stop(line: Line) -> bool:
    text = line.text
    if line.heading or STOP.match(text) or ITEM_TAG.match(text):
        return True
    if text.isupper() and len(text.split()) <= 10 and not DISPOSITION.match(text):
        return True
    pair = label_of(text)
    return bool(pair and len(pair[0].split()) <= 5 and not LEAD_IN_VERBS.search(pair[0]))


def starts_item(text: str) -> bool:
    return bool(marker(text) or CAPS_VERB.match(text) or text.startswith("That ") or RESOLVED.match(text))


def continues(prev: Line, nxt: Line) -> bool:
    if is_stop(nxt) or starts_item(nxt.text):
        return False
    if nxt.first_in_block:
        return nxt.text[:1].islower() and not _ends(prev.text)
    return not (_ends(prev.text) and nxt.text[:1].isupper())


class Walker:
    """One pass over a paper's lines, collecting Items."""

    def __init__(self, paper: Paper, ctx: Context) -> None:
        self.lines = paper.lines
        self.ctx = ctx
        self.items: list[Item] = []
        self.subject: str | None = None
        self.item_no: str | None = None
        self.headings = self._headings()

    # --- subjects -------------------------------------------------------------------------
    def _heading_like(self, text: str) -> bool:
        words = text.split()
        return (0 < len(words) <= 18 and text[:1].isupper() and not text.endswith((":", ",", ";"))
                and (not text.endswith(".") or len(words) <= 5)
                and not RESOLVED.match(text) and not ASKED.search(text) and not label_of(text))

    def _headings(self) -> dict[int, tuple[str | None, str, int]]:
        """Line index -> (item number, title, last line index) for agenda item headings."""
        found: dict[int, tuple[str | None, str, int]] = {}
        lines = self.lines
        for j, line in enumerate(lines):
            if not_a_heading(line.text):
                continue
            tag = ITEM_TAG.match(line.text)
            if tag and j > 0:
                k = j - 1
                if k >= 1 and marker(lines[k].text) is None and not _ends(lines[k - 1].text) \
                        and self._heading_like(lines[k - 1].text) \
                        and (k < 2 or _ends(lines[k - 2].text) or ITEM_TAG.match(lines[k - 2].text)
                             or marker(lines[k - 1].text) is not None):
                    k -= 1
                    found.pop(k, None)
                title = " ".join(x.text for x in lines[k:j])
                mk = marker(title)
                number, title = (mk if mk and mk[0].isdigit() else (tag.group(1), title))
                found[k] = (number, title, j)
                continue
            mk = marker(line.text)
            after_tag = j > 0 and ITEM_TAG.match(lines[j - 1].text)
            if mk and mk[0].isdigit() and "." not in mk[0] and self._heading_like(mk[1]) and len(mk[1]) > 2 \
                    and not after_tag:
                if not (j + 1 < len(lines) and ITEM_TAG.match(lines[j + 1].text)):
                    found.setdefault(j, (mk[0], mk[1], j))
            elif line.heading and self._heading_like(line.text):
                number = mk[0] if mk else None
                found.setdefault(j, (number, mk[1] if mk else line.text, j))
            elif (line.text.isupper() and 1 <= len(line.text.split()) <= 12 and line.first_in_block is not None
                  and self.ctx.doc_type == DocType.MINUTES and not DISPOSITION.match(line.text)):
                found.setdefault(j, (None, line.text, j))
        return found

    def _subject_for(self) -> str | None:
        if self.ctx.doc_type in (DocType.REPORT, DocType.DECISION_NOTICE):
            return self.ctx.title or self.subject
        return self.subject or self.ctx.title

    # --- gathering ------------------------------------------------------------------------
    def gather(self, i: int, first_text: str) -> tuple[int, str]:
        """The unit starting at line i: (last line index, text) with continuation lines joined."""
        parts = [first_text]
        j = i
        while j + 1 < len(self.lines) and continues(self.lines[j], self.lines[j + 1]):
            j += 1
            parts.append(self.lines[j].text)
            if sum(len(p) for p in parts) > MAX_TEXT:
                break
        return j, " ".join(parts)

    def list_items(self, i: int) -> tuple[int, list[tuple[str | None, int, int, str]]]:
        """Items below a lead-in at line i-1: (reference, first line, last line, text)."""
        out: list[tuple[str | None, int, int, str]] = []
        j = i
        while j < len(self.lines):
            line = self.lines[j]
            if is_stop(line):
                break
            if j in self.headings and not (out and out[0][0] and marker(line.text)
                                           and _kind(marker(line.text)[0]) == _kind(out[0][0])):
                break
            if out and not starts_item(line.text) and not line.first_in_block:
                break
            mk = marker(line.text)
            ref, body = (mk if mk else (None, line.text))
            if mk and mk[0].isdigit() and "." not in mk[0] and self._heading_like(body) and len(out) == 0 \
                    and self.ctx.doc_type == DocType.MINUTES:
                break
            last, text = self.gather(j, body)
            out.append((ref, j, last, text))
            j = last + 1
            if len(out) > 40:
                break
        return j - 1, out

    def add(self, first: int, last: int, text: str, reference: str | None, recommendation: bool,
            maker: str | None = None, outcome: Outcome | None = None, within: bool = False) -> None:
        """One decision over lines first..last; `within`: `text` is a sentence inside them, located
        exactly so that two decisions of one paragraph keep two spans."""
        text = re.sub(r"\s+", " ", text).strip()
        if len(text) < 6 or "....." in text or re.search(r"approved/\s*approved", text) or ABOUT_DECISION.match(text) \
                or CLOSING.match(text) or OPINION.search(text):
            return
        start, end = self.lines[first].start, self.lines[last].end
        if within:
            start, end = self._locate(first, last, text) or (start, end)
        self.items.append(Item(start=start, end=end, text=text,
                               subject=self._subject_for(), reference=reference or self.item_no,
                               recommendation=recommendation, maker=maker, outcome=outcome))

    def _locate(self, first: int, last: int, text: str) -> tuple[int, int] | None:
        head = text[:40]
        for line in self.lines[first:last + 1]:
            k = line.text.find(head)
            if k >= 0:
                start = line.start + k
                return start, min(start + len(text), self.lines[last].end)
        return None

    def lead_in(self, i: int, lead: str, recommendation: bool, ref: str | None) -> int:
        """Items under a lead-in ending in ':'; returns the last line used."""
        last, items = self.list_items(i + 1)
        if items and items[0][3].endswith(":") and LEAD_IN_VERBS.search(items[0][3]):
            return self.lead_in(items[0][1], items[0][3], recommendation, items[0][0] or ref)
        maker = find_maker(lead)
        if not items:
            if lead.rstrip(":").strip():
                self.add(i, i, lead, ref, recommendation, maker)
            return i
        if re.search(r"\bthe following\b", lead, re.I) and (not any(r for r, *_ in items) or DONE_LEAD.search(lead)):
            text = lead + " " + "; ".join(t for *_, t in items[:15])
            self.add(i, items[-1][2], text, ref, recommendation, maker,
                     outcome=verb_outcome(lead))
            return last
        for item_ref, a, b, text in items:
            self.add(a, b, text, item_ref or ref, recommendation, maker)
        return last

    # --- the walk -------------------------------------------------------------------------
    def walk(self) -> list[Item]:
        lines = self.lines
        recs = False
        decision_section = False
        report_like = self.ctx.doc_type in (DocType.REPORT, DocType.AGENDA_ITEM)
        i = 0
        while i < len(lines):
            line = lines[i]
            if i in self.headings:
                number, title, last = self.headings[i]
                if not GENERIC_HEADING.match(title) and self.ctx.doc_type != DocType.REPORT:
                    self.subject, self.item_no = title, number
                    recs = decision_section = False
                if not REC_HEADING.match(line.text):
                    recs = decision_section = False
                if not REC_HEADING.match(line.text):
                    i = last + 1
                    continue
            mk = marker(line.text)
            ref, body = (mk if mk else (None, line.text))
            i = self.step(i, line, ref, body, recs, decision_section, report_like)
            # section state
            rh = REC_HEADING.match(body) or REC_HEADING.match(line.text)
            if rh and not (rh.group("rest") or "").strip(" –—-"):
                recs = True
            elif DECISION_LABEL.match(body) and not DECISION_LABEL.match(body).group("rest"):
                decision_section = True
            elif is_stop(line) and not rh:
                recs = decision_section = False
            i += 1
        return self.items

    def step(self, i: int, line: Line, ref: str | None, body: str, recs: bool, decision_section: bool,
             report_like: bool) -> int:
        """Recognise a decision starting at line i; return the last line it used."""
        pm = PLANNING.search(line.text)
        if pm:
            last, text = self.gather(i, body)
            verb = (pm.group("v1") or pm.group("v2")).lower()
            self.add(i, last, text, ref, False, outcome=Outcome.REJECTED if verb.startswith("refuse") else Outcome.APPROVED)
            return last
        m = RESOLVED.match(body) or DECISION_LABEL.match(body)
        if m:
            rest = m.group("rest").strip()
            if not rest or rest.endswith(":"):
                return self.lead_in(i, rest, self.ctx.proposed, ref)
            last, text = self.gather(i, body)
            if text.endswith(":"):
                return self.lead_in(i, text, self.ctx.proposed, ref)
            self.add(i, last, text, ref, self.ctx.proposed, find_maker(rest))
            return last
        rh = REC_HEADING.match(body)
        if rh and (rh.group("rest") or "").strip(" –—-"):
            rest = rh.group("rest").strip(" –—-")
            last, text = self.gather(i, rest)
            if text.endswith(":"):
                return self.lead_in(i, text, True, ref)
            self.add(i, last, text, ref, True, find_maker(text))
            return last
        if rh:
            return i
        if body.endswith(":") and LEAD_IN_VERBS.search(body) and len(body) < 300:
            return self.lead_in(i, body, recs or bool(ASKED.search(body)) or self.ctx.proposed, ref)
        if ASKED.search(body) and not is_stop(line):
            last, text = self.gather(i, body)
            if text.endswith(":"):
                return self.lead_in(i, text, True, ref)
            start = max(text.rfind(". ", 0, ASKED.search(text).start()) + 2, 0) if ASKED.search(text) else 0
            self.add(i, last, text[start:] if start > 1 else text, ref, True, find_maker(text))
            return last
        if recs or decision_section:
            if is_stop(line):
                return i
            last, text = self.gather(i, body)
            self.add(i, last, text, ref, recs or self.ctx.proposed)
            return last
        row = self._row(i, line)  # a disposition list is a decision notice too
        if row is not None:
            return row
        if report_like or self.ctx.doc_type == DocType.DECISION_NOTICE:
            return i
        sentence_start = line.first_in_block or mk_or_none(line.text) or i == 0 or _ends(self.lines[i - 1].text)
        bv = BODY_VERB.match(body)
        if bv and sentence_start and not (bv.group("v") == "noted" and bv.group("after").lstrip().startswith("that")):
            last, text = self.gather(i, body)
            if text.endswith(":") and LEAD_IN_VERBS.search(text):
                return self.lead_in(i, text, False, ref)
            self.add(i, last, text, ref, False, find_maker(body))
            return last
        pv = PASSIVE.match(body) if sentence_start else None
        if pv and pv.group("v").lower() == "received" and not RECEIVABLE.search(body[:pv.start("v")]):
            pv = None  # "479 nominations were received": not a paper received by the meeting
        if pv and not HISTORICAL.search(body[pv.end():pv.end() + 60]):
            last, text = self.gather(i, body)
            self.add(i, last, text, ref, False)
            return last
        if sentence_start:
            last, text = self.gather(i, body)
            if IT_WAS.search(text) and not re.search(r"\bIt was noted that\b", text):
                if text.endswith(":") and LEAD_IN_VERBS.search(text):
                    return self.lead_in(i, text, False, ref)
                # in a paragraph of minutes, the sentence that records it, not the discussion around it
                if not (self.ctx.doc_type == DocType.MINUTES and len(_SENTENCE.split(text)) > 1
                        and self._sentences(i, last, text, ref)):
                    self.add(i, last, text, ref, False)
                return last
            if self.ctx.doc_type == DocType.MINUTES and self._sentences(i, last, text, ref):
                return last
        if TRAILING_NOTED.search(line.text) and (ref or line.kind.value == "list_item"):
            self.add(i, i, body, ref, False, outcome=Outcome.NOTED)
        return i

    def _sentences(self, first: int, last: int, text: str, ref: str | None) -> bool:
        """Decisions recorded mid-paragraph, as parish minutes write them: one fact per such sentence,
        with the sentence before it when it only points back ("These points were agreed ...")."""
        heading = INLINE_HEADING.match(text)
        if heading:  # "5. TO DISCUSS BIN HOUSING AND RESOLVE ON PURCHASE A selection of ...": the item's title
            self.subject = heading.group(1).strip(" -–")
            text = text[heading.end():]
        sentences = _SENTENCE.split(text)
        outer = self.subject
        if ref and len(sentences) > 1 and INLINE_TITLE.match(sentences[0]):
            # "6.2 Payment to Pear Technology. It was agreed that ...": a numbered item's title, then its
            # minute; the title is this paragraph's subject only
            self.subject = sentences[0].rstrip(". ")
            sentences = sentences[1:]
        found = False
        for k, sentence in enumerate(sentences):
            if not SENTENCE_DECISION.match(sentence) or re.match(r"It was (?:\w+ )?noted\b", sentence) \
                    or STATISTIC.search(sentence):
                continue
            if k and re.match(r"(?:This|These|All|Both)\b", sentence):
                sentence = sentences[k - 1] + " " + sentence
            self.add(first, last, sentence, ref, False, within=True)
            found = True
        if not heading:
            self.subject = outer
        return found

    def _row(self, i: int, line: Line) -> int | None:
        """A disposition table row: "1 | Subject | ADOPTED" (the disposition may wrap to the next line)."""
        cells = [c.strip() for c in re.split(r"\s*\|\s*|\t+", line.text) if c.strip()]
        last = i
        if len(cells) >= 1 and i + 1 < len(self.lines) and DISPOSITION.match(self.lines[i + 1].text) \
                and not DISPOSITION.match(cells[-1]) and len(cells) >= 2:
            cells.append(self.lines[i + 1].text)
            last = i + 1
        if len(cells) < 2 or not DISPOSITION.match(cells[-1]):
            return None
        ref = cells[0].rstrip(".") if re.fullmatch(r"\d{1,3}\.?|[A-Z]", cells[0]) else None
        subject_cells = cells[1:-1] if ref else cells[:-1]
        subject = " – ".join(subject_cells)
        outcome = status_outcome(cells[-1]) or Outcome.APPROVED
        if re.search(r"\b(?:ADOPTED|PASSED)\b", cells[-1]):
            outcome = Outcome.APPROVED
        self.items.append(Item(start=line.start, end=self.lines[last].end,
                               text=" | ".join(cells), subject=subject or self._subject_for(),
                               reference=ref, recommendation=False, outcome=outcome))
        return last


def _kind(ref: str) -> str:
    return "digit" if ref[:1].isdigit() else "upper" if ref.isupper() else "lower"


def mk_or_none(text: str) -> bool:
    return marker(text) is not None


def find_maker(text: str) -> str | None:
    m = ROLE.search(text[:300])
    return m.group("dm").strip(" ,") if m else None


def resolve_maker(found: str | None, ctx: Context) -> str | None:
    """A generic "the Committee" or "the Cabinet Member" made specific from the paper's own labels."""
    if found is None:
        return ctx.maker or ctx.committee
    generic = found.lower() in {"committee", "panel", "board", "council", "cabinet member", "sub-committee",
                                "forum", "executive", "members"}
    if generic:
        for better in (ctx.maker, ctx.committee):
            if better and found.lower() in better.lower():
                return better
    return found


def context_of(paper: Paper) -> Context:
    lines = paper.lines
    status_text = first_value(lines, ("decision status", "status"), limit=80)
    status = status_outcome(status_text) if status_text else None
    header = " ".join(line.text for line in lines[:5])
    proposed = bool(re.search(r"\bproposed record of decision\b", header, re.I))
    if proposed:
        status = None
    return Context(doc_type=paper.doc_type, status=status, proposed=proposed, maker=find_decision_maker(paper.lines),
                   committee=paper.committee, title=paper.title)


def outcome_of(item: Item, ctx: Context) -> Outcome:
    if item.outcome is not None:
        return item.outcome
    shouted = re.search(r"\bBE ([A-Z]{4,}(?: [A-Z]{2,})*)\b", item.text)  # "That the report BE RECEIVED"
    verb = (status_outcome(shouted.group(1)) if shouted else None) or verb_outcome(RESOLVED_WORD.sub("", item.text))
    if ctx.status is not None:
        return verb if verb in (Outcome.NOTED, Outcome.DEFERRED, Outcome.REJECTED) else ctx.status
    if item.recommendation or ctx.proposed:  # "Note and agree the changes" asks for more than noting
        only_noting = verb == Outcome.NOTED and not ASKS_MORE.search(item.text)
        return Outcome.NOTED if only_noting else Outcome.RECOMMENDED
    if ctx.doc_type == DocType.DECISION_NOTICE:
        return verb if verb in (Outcome.NOTED, Outcome.DEFERRED, Outcome.REJECTED) else Outcome.APPROVED
    if verb == Outcome.RECOMMENDED and ctx.doc_type == DocType.MINUTES:
        return Outcome.RECOMMENDED
    return verb or Outcome.AGREED


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()[:300]


@Language.factory("minutebook_decisions")
def make_decisions(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        paper = profile(doc)
        ctx = context_of(paper)
        seen: set[str] = set()
        for item in Walker(paper, ctx).walk():
            key = f"{item.subject}|{item.reference}|{_key(item.text)}"
            if key in seen:
                continue
            seen.add(key)
            span = char_span(doc, item.start, item.end)
            if span is None:
                continue
            subject = item.subject
            annotate(doc, FactKind.DECISION, span, start=item.start, end=item.end, text=item.text,
                     subject=subject, outcome=outcome_of(item, ctx),
                     decision_maker=resolve_maker(item.maker, ctx), reference=item.reference,
                     procedural=bool(PROCEDURAL.search(f"{subject or ''} {item.text}")))
        return doc

    return component
