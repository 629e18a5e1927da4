"""Text helpers shared by indexing, query parsing and suggestions (engine-independent)."""

import html
import re
import unicodedata

import markdown
import nh3

from archive.citations.keys import GROUP

# Private-use characters mark highlights inside engine output; they are stripped from indexed text.
MARK_START, MARK_END = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")
WORD = re.compile(r"\w+", re.UNICODE)

# English stop words (Snowball's list, the one PostgreSQL's `english` configuration drops): they never decide
# whether a document matches (query.py), whatever the engine keeps in its index.
STOP_WORDS = frozenset(
    "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself "
    "it its itself they them their theirs themselves what which who whom this that these those am is are was were "
    "be been being have has had having do does did doing a an the and but if or because as until while of at by for "
    "with about against between into through during before after above below to from up down in out on off over "
    "under again further then once here there when where why how all any both each few more most other some such "
    "no nor not only own same so than too very s t can will just don should now also".split()
)


def clean(text: str) -> str:
    """Remove NULs, control and private-use characters (engines and our highlight markers need them gone)."""
    return _CONTROL.sub(" ", text or "")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: casefold, then drop combining marks."""
    text = (text or "").casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


MARKDOWN_SYNTAX = re.compile(r"[\\`*_{}\[\]<>()#+\-!|~&]|^\s*\d+\.|^ {4}", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """Plain text of an editor's Markdown, without citation keys."""
    if not MARKDOWN_SYNTAX.search(text or ""):
        return clean(text)  # nothing to render: skip the (comparatively slow) Markdown pass
    without_cites = GROUP.sub(" ", text or "")
    rendered = markdown.markdown(without_cites, extensions=["extra"], output_format="html")
    return clean(html.unescape(nh3.clean(rendered, tags=set())))


def words(text: str) -> list[str]:
    """Case- and accent-folded words (folding word by word: most words are ASCII and need no Unicode work)."""
    text = (text or "").casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    found = []
    for word in WORD.findall(text):
        if word.isascii():
            found.append(word)
        else:
            found.extend(WORD.findall(fold(word)))  # folding may split a word (¼ → 1⁄4)
    return found


def render_highlight(text: str) -> str:
    """Escape engine output, then turn the private-use markers into <mark> elements."""
    escaped = html.escape(text or "")
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
