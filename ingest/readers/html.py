"""HTML pages and fragments: keep the paper, drop the site around it.

Scripts, styles, forms, navigation, menus, cookie banners, breadcrumbs and skip links go (by tag,
ARIA role and common class/id names); where the page marks its content (<article>, <main>) only
that is read. Nothing is ever executed: the tree is parsed by lxml and walked.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from ..model import BlockKind, Format
from .base import RawBlock, ReadResult

DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "nav", "form", "button", "select",
             "input", "textarea", "svg", "canvas", "object", "embed", "link", "meta", "head", "dialog",
             "menu", "map", "audio", "video"]
DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog",
              "complementary", "alertdialog", "toolbar"}
SITE_PARTS = {"header", "footer", "aside"}
_BOILERPLATE = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|cookies?|cookie-?banner|consent|gdpr|"
    r"skip-?link|skip-?to-?content|sidebar|site-?header|site-?footer|masthead|social|share|sharing|"
    r"related|advert|ads|pagination|visually-?hidden|sr-only|screen-?reader)([\s_-]|$)", re.I)
HEADINGS = {f"h{i}": i for i in range(1, 7)}
BLOCK_TAGS = {"p", "div", "section", "article", "main", "body", "html", "li", "ul", "ol", "dl", "dt", "dd",
              "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre",
              "address", "figure", "figcaption", "header", "footer", "aside", "hr", "center", "details",
              "summary", "fieldset", "legend", *HEADINGS}
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)


def is_boilerplate(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    if tag.get("role", "").lower() in DROP_ROLES or tag.has_attr("hidden"):
        return True
    if tag.get("aria-hidden") == "true" or "display:none" in tag.get("style", "").replace(" ", ""):
        return True
    names = " ".join(tag.get("class", [])) + " " + str(tag.get("id", ""))
    if tag.name == "a" and "skip" in names.lower():
        return True
    return bool(names.strip()) and bool(_BOILERPLATE.search(names))


def strip_boilerplate(root: Tag) -> None:
    for tag in root.find_all(DROP_TAGS):
        tag.decompose()
    for tag in root.find_all(True):
        if tag.decomposed:
            continue
        if tag.name in SITE_PARTS and not tag.find_parent(["article", "main"]):
            tag.decompose()
        elif tag.name not in ("body", "html", "main", "article") and is_boilerplate(tag):
            tag.decompose()
    for text in root.find_all(string=lambda s: isinstance(s, _SKIP_STRINGS)):
        text.extract()


def content_root(soup: BeautifulSoup) -> Tag:
    """The page's own content where it marks it: a single <article>, else <main>, else the body."""
    articles = soup.find_all("article")
    if len(articles) == 1:
        return articles[0]
    main = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.find(id=re.compile(r"^(content|main-?content)$", re.I))
    return main or soup.body or soup


class _Walker:
    """Walk block elements in order, gathering inline text into blocks."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []

    def emit(self, parts: list[str], kind: BlockKind, level: int | None = None) -> None:
        text = "".join(parts).strip()
        parts.clear()
        if text:
            self.blocks.append(RawBlock(text=text, kind=kind, level=level))

    def walk(self, el: Tag, kind: BlockKind = BlockKind.PARAGRAPH) -> None:
        buffer: list[str] = []
        for child in el.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIP_STRINGS):
                    buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                self.emit(buffer, kind)
            elif name in HEADINGS:
                self.emit(buffer, kind)
                self.emit([child.get_text(" ")], BlockKind.HEADING, HEADINGS[name])
            elif name == "table":
                self.emit(buffer, kind)
                self.table(child)
            elif name == "li":
                self.emit(buffer, kind)
                self.walk(child, BlockKind.LIST_ITEM)
            elif name in ("ul", "ol", "dl"):
                self.emit(buffer, kind)
                self.walk(child, kind)
            elif name in BLOCK_TAGS:
                self.emit(buffer, kind)
                self.walk(child, kind if name in ("ul", "ol") else BlockKind.PARAGRAPH)
            elif child.find(list(BLOCK_TAGS) + ["br"]):
                self.emit(buffer, kind)
                self.walk(child, kind)
            else:
                buffer.append(child.get_text(""))
        self.emit(buffer, kind)

    def table(self, table: Tag) -> None:
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        grid: list[list[Tag]] = [[c for c in tr.find_all(["td", "th"], recursive=False)] for tr in rows]
        width = max((len(r) for r in grid), default=0)
        if width <= 1 or any(c.find("table") for r in grid for c in r):
            for r in grid:  # a layout table: its cells are containers
                for cell in r:
                    self.walk(cell)
            return
        texts = [[" ".join(c.get_text(" ").split()) for c in r] for r in grid]
        texts = [r for r in texts if any(r)]
        if not texts:
            return
        header = " | ".join(texts[0])
        for r in texts:
            self.blocks.append(RawBlock(text=" | ".join(r), kind=BlockKind.TABLE_ROW, table_header=header))


def soup_blocks(soup: BeautifulSoup) -> list[RawBlock]:
    """Blocks of a parsed page or fragment, boilerplate removed (the soup is changed)."""
    root = content_root(soup)
    strip_boilerplate(soup)
    walker = _Walker()
    walker.walk(root)
    return walker.blocks


def html_fragment_blocks(markup: str | bytes) -> list[RawBlock]:
    return soup_blocks(BeautifulSoup(markup, "lxml"))


def page_title(soup: BeautifulSoup) -> str | None:
    tag = soup.find("title")
    if tag and tag.get_text(strip=True):
        return tag.get_text(" ", strip=True)
    meta = soup.find("meta", attrs={"property": "og:title"})
    return meta.get("content") if meta else None


def page_properties(soup: BeautifulSoup) -> dict[str, str]:
    props: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        key = meta.get("name") or meta.get("property")
        if key and meta.get("content") and key.lower() in ("description", "keywords", "date", "dc.date", "og:description"):
            props[key.lower()] = meta["content"]
    html = soup.find("html")
    if html is not None and html.get("lang"):
        props["lang"] = html["lang"]
    return props


class HtmlReader:
    format = Format.HTML

    def read(self, data: bytes, source: str) -> ReadResult:
        soup = BeautifulSoup(data, "lxml")
        title = page_title(soup)
        author = soup.find("meta", attrs={"name": "author"})
        properties = page_properties(soup)
        return ReadResult(blocks=soup_blocks(soup), title=title,
                          author=author.get("content") if author else None, properties=properties)
