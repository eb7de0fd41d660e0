"""Posting descriptions as safe HTML and as plain text.

`sanitize_html` keeps a small set of formatting tags and drops everything that could run,
load or track (scripts, styles, frames, event handlers, non-http links). `html_to_text` turns
that sanitized HTML into readable plain text that keeps paragraphs, headings and list items
on their own lines. Neither function raises, whatever string it is given.
"""

import re
from html import unescape

import nh3
from lxml import etree

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TABLE_TAGS = frozenset({"table", "thead", "tbody", "tr", "th", "td"})

ALLOWED_TAGS: frozenset[str] = (
    frozenset({"p", "br", "ul", "ol", "li", "blockquote", "span", "div", "hr", "a"})
    | frozenset({"strong", "b", "em", "i", "u"})
    | _HEADING_TAGS
    | _TABLE_TAGS
)
"""Tags that survive sanitizing; every other tag is removed and its text kept."""

DROPPED_CONTENT_TAGS: frozenset[str] = frozenset(
    {"script", "style", "iframe", "noscript", "noembed", "noframes", "object", "template"}
    | {"textarea", "select", "title", "xmp", "svg", "math"}
)
"""Tags removed together with everything inside them (their text is code or raw markup)."""

LINK_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_CONTENT_TAGS),
    attributes={"a": {"href"}},
    url_schemes=set(LINK_SCHEMES),
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)

_NEWLINES_AROUND: dict[str, int] = {
    **dict.fromkeys(["p", "blockquote", "hr", *_HEADING_TAGS], 2),
    **dict.fromkeys(["div", "li", "ul", "ol", "table", "thead", "tbody", "tr"], 1),
}
"""Newlines a block puts before and after itself: 2 sets it off by a blank line."""

_CELL_TAGS = frozenset({"td", "th"})
_LIST_ITEM_PREFIX = "- "
_CELL_SEPARATOR = " | "

_CONTROL_CHARACTERS = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F], None)
"""C0 controls other than tab, newline and carriage return, plus DEL: never text."""

_TAG_START = re.compile(r"<[A-Za-z!/?]")
_BLANK_LINE_RUNS = re.compile(r"\n{3,}")

_HTML_PARSER = etree.HTMLParser(huge_tree=True)


def unescape_html_once(text: str) -> str:
    """Decode one level of entities, for sources that escape their HTML (`&lt;p&gt;`)."""
    return unescape(text)


def sanitize_html(html: str) -> str:
    """The fragment with only safe formatting tags and http(s)/mailto links left."""
    return _CLEANER.clean(_encodable_text(html))


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML fragment, read only after sanitizing it."""
    text = _encodable_text(html)
    if not _TAG_START.search(text):
        return _tidy_lines(unescape(text).replace("\r\n", "\n").replace("\r", "\n"))
    return _text_of_sanitized(_CLEANER.clean(text))


def _encodable_text(text: str) -> str:
    """The text without control characters and lone surrogates (which cannot be UTF-8)."""
    without_controls = text.translate(_CONTROL_CHARACTERS)
    return without_controls.encode("utf-8", "ignore").decode("utf-8")


def _text_of_sanitized(sanitized: str) -> str:
    document = etree.fromstring(f"<html><body>{sanitized}</body></html>", _HTML_PARSER)
    body = document.find("body")
    writer = _TextWriter()
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            writer.open(element.tag)
            if element.text:
                writer.write(element.text)
        else:
            writer.close(element.tag)
            if element.tail and element is not body:
                writer.write(element.tail)
    return writer.text()


class _TextWriter:
    """Collects text runs with whitespace collapsed; breaks, prefixes and spaces asked for
    by tags and runs land only before more text, so lines never start or end with space."""

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._pending_newlines = 0
        self._pending_prefix = ""
        self._pending_space = False

    def open(self, tag: str) -> None:
        if tag == "br":
            self._pending_newlines = min(self._pending_newlines + 1, 2)
        elif tag in _CELL_TAGS:
            if self._pieces and not self._pending_newlines:
                self._pending_prefix = _CELL_SEPARATOR
        else:
            self._break_around(tag)
            if tag == "li":
                self._pending_prefix = _LIST_ITEM_PREFIX

    def close(self, tag: str) -> None:
        if tag in _CELL_TAGS or tag in _NEWLINES_AROUND:
            self._pending_prefix = ""
        self._break_around(tag)

    def _break_around(self, tag: str) -> None:
        newlines = _NEWLINES_AROUND.get(tag, 0)
        if newlines > self._pending_newlines:
            self._pending_newlines = newlines

    def write(self, text: str) -> None:
        words = text.split()
        if not words:
            self._pending_space = True
            return
        spaced_from_before = self._pending_space or text[0].isspace()
        if self._pending_newlines:
            if self._pieces:
                self._pieces.append("\n" * self._pending_newlines)
            self._pending_newlines = 0
        elif self._pieces and spaced_from_before and not self._pending_prefix:
            self._pieces.append(" ")
        self._pieces.append(self._pending_prefix)
        self._pieces.append(" ".join(words))
        self._pending_prefix = ""
        self._pending_space = text[-1].isspace()

    def text(self) -> str:
        return "".join(self._pieces)


def _tidy_lines(text: str) -> str:
    """Spaces collapsed and trimmed on each line, at most one blank line in a row."""
    joined = "\n".join([" ".join(line.split()) for line in text.split("\n")])
    return _BLANK_LINE_RUNS.sub("\n\n", joined).strip("\n")
