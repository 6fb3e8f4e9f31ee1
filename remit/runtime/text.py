"""Clean-up of raw text before parsing, with a map back to the original offsets.

Statements come with noise: HTML entities (``&amp;``, ``&lt;b&gt;``), stray tags, runs of
spaces, line breaks inside a sentence. The parser does better without them, so they are
rewritten; every character of the clean text remembers where it came from, so a claim's
position is reported in the input as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# A blank line (paragraph break) stays; other runs of white space become one space.
_BLANK = r"[ \t\f\v\u00a0]"
_SPACE = re.compile(rf"{_BLANK}*(?:\r?\n{_BLANK}*){{2,}}|[ \t\f\v\u00a0\r\n]{{2,}}|[\t\r\n\u00a0]")
# spaCy's tokenizer peels prefixes and suffixes off a space-free chunk one at a time, searching
# the whole rest of the chunk each time: quadratic (10,000 '[' took 30 s). Long runs of
# punctuation, and any space-free chunk past a page width, are broken into pieces.
_PUNCT_RUN = re.compile(r"[^\w\s]{64,}")
_LONG_CHUNK = re.compile(r"\S{1024,}")


@dataclass(frozen=True)
class Prepared:
    """Clean text and, for each of its offsets (and its end), the offset in the input."""

    text: str
    origin: tuple[int, ...] | None = None  # None: the text is the input, unchanged

    def to_input(self, offset: int) -> int:
        """Map an offset in the clean text to the input."""
        offset = min(max(offset, 0), len(self.text))
        return offset if self.origin is None else self.origin[offset]


def _rewrite(text: str, pattern: re.Pattern, repl: Callable[[re.Match], str]) -> Prepared:
    parts: list[str] = []
    origin: list[int] = []
    last = 0
    changed = False
    for match in pattern.finditer(text):
        new = repl(match)
        if new == match.group():
            continue
        changed = True
        parts.append(text[last : match.start()])
        origin.extend(range(last, match.start()))
        parts.append(new)
        origin.extend([match.start()] * len(new))
        last = match.end()
    if not changed:
        return Prepared(text)  # the common case: nothing to map
    parts.append(text[last:])
    origin.extend(range(last, len(text) + 1))
    return Prepared("".join(parts), tuple(origin))


def _compose(first: Prepared, second: Prepared) -> Prepared:
    if first.origin is None:
        return second
    if second.origin is None:
        return Prepared(second.text, first.origin)
    origin = first.origin
    return Prepared(second.text, tuple(origin[i] for i in second.origin))


_JOINING = {"by", "of", "the", "and", "or", "to", "for", "in", "at", "a", "an", "with", "on",
            "is", "are", "that", "which", "who", "from", "as", "not"}


def _space(match: re.Match) -> str:
    if _is_tab_cell(match):
        return _CELL_MARK
    if match.group().count("\n") >= 2:
        return "\n\n"
    if "\n" in match.group() and (_is_list_break(match) or _line_is_a_sentence(match)):
        return "\n\n"
    return " "


# Between the cells of a row: a tab between two words of a line ('cbp.gov<TAB>Department
# of Commerce', a column pasted from a spreadsheet) stands for the cell mark of a Markdown
# row, so the row reads as one (remit.runtime.structure); a tab that indents a line, or one
# before a lower-case word (a tab for a space in a sentence), does not.
_CELL_MARK = " | "
_TAB_ROW = re.compile(r"\S\t+[A-Z0-9]")


def _is_tab_cell(match: re.Match) -> bool:
    """A tab inside a line before a capital or a digit: 'USCIS<TAB>puts<TAB>people in ...'
    (tabs for spaces in a sentence) stays one sentence."""
    text, start, end = match.string, match.start(), match.end()
    return ("\t" in match.group() and "\n" not in match.group() and start > 0
            and text[start - 1] != "\n" and end < len(text)
            and (text[end].isupper() or text[end].isdigit()))


# A list item's marker at the start of a line: a bullet, or a number or letter and '.' or ')'.
LIST_MARKER = re.compile(r"(?:[•\-*–—·▪◦‣+●○■□➢►→]|\(?(?:\d{1,3}|[a-zA-Z])[.)])\s")


def _is_list_break(match: re.Match) -> bool:
    """A line break before a list item or a table row, after one (an infobox row 'Formed |
    2003 |' ends in a cell mark), or after a lead line ending in a colon."""
    text = match.string
    if LIST_MARKER.match(text, match.end()) or text.startswith("|", match.end()):
        return True
    line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip()
    following = text[match.end() : (text.find("\n", match.end()) + 1 or len(text) + 1) - 1]
    if _TAB_ROW.search(line) or _TAB_ROW.search(following.strip()):
        return True  # a row of tab-separated cells is a line of its own
    return (line.endswith(":") or line.startswith("|") or line.endswith("|")
            or bool(LIST_MARKER.match(line + " "))
            or bool(_FIELD.match(line) and _FIELD.match(text, match.end())))


# An infobox field at the start of a line: 'Formed: 2003', 'Parent agency: DHS'; two such
# lines in a row are two rows.
_FIELD = re.compile(r"[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2}: \S")


def _line_is_a_sentence(match: re.Match) -> bool:
    """A line break ends a sentence when the line before reads as one and the next starts anew.

    'CBP runs the ports' + 'ICE arrests people' on two lines (one claim a line, as in lists and
    pasted posts) are two sentences; 'enforced by' + 'ICE officers' and 'USCIS' + 'locks up'
    are one.
    """
    text = match.string
    before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()].split()
    after = text[match.end() : match.end() + 1]
    if not before or not after.isupper():
        return False
    last = before[-1].lower().strip("\"'”’()")
    return last[-1:] in {".", "!", "?"} or (last.isalpha() and last not in _JOINING)


# Misspelt negations the tokenizer cannot read as 'not': an apostrophe one letter early
# ("does'nt", "is'nt") and the usual slips in "doesn't" ("dosen't", "doens't", "dosent").
_APOSTROPHE_EARLY = re.compile(
    r"\b(do|does|did|is|was|are|were|has|have|had|could|would|should|must|need)(['’])nt\b",
    re.IGNORECASE)
_DOESNT_SLIP = re.compile(r"\b(?:dosen|doens|dosn|deosn|doesn)['’]?t\b|\bdoes['’]t\b",
                          re.IGNORECASE)


# Any of the last four rewrites' patterns: when none matches, none of them changes the text.
_RARE = re.compile("|".join(f"(?:{p.pattern})" for p in (
    _PUNCT_RUN, _LONG_CHUNK, _APOSTROPHE_EARLY, _DOESNT_SLIP)), re.IGNORECASE)


def _apostrophe(match: re.Match) -> str:
    return match.group(1) + "n" + match.group(2) + "t"


def _doesnt(match: re.Match) -> str:
    word = match.group()
    if word.lower().replace("’", "'") in {"doesnt", "doesn't"}:
        return word  # spelt right, or read as 'does not' by the tokenizer already
    apostrophe = "’" if "’" in word else "'"
    return ("D" if word[0].isupper() else "d") + "oesn" + apostrophe + "t"


def _tag(match: re.Match) -> str:
    # '<p>USCIS</p>' -> 'USCIS'; '<br>' between words still separates them.
    return " "


def normalize_text(text: str) -> Prepared:
    """Decode entities, drop tags, tidy white space and mend misspelt negations.

    Every step keeps the way back to ``text``.
    """
    result = (_rewrite(text, _ENTITY, lambda m: html.unescape(m.group())) if "&" in text
              else Prepared(text))
    if "<" in result.text:
        result = _compose(result, _rewrite(result.text, _TAG, _tag))
    result = _compose(result, _rewrite(result.text, _SPACE, _space))
    if _RARE.search(result.text) is None:
        return result  # one scan for the four rewrites below, which most texts need none of
    result = _compose(result, _rewrite(result.text, _PUNCT_RUN, _pieces(16)))
    result = _compose(result, _rewrite(result.text, _LONG_CHUNK, _pieces(512)))
    result = _compose(result, _rewrite(result.text, _APOSTROPHE_EARLY, _apostrophe))
    result = _compose(result, _rewrite(result.text, _DOESNT_SLIP, _doesnt))
    return result


def _pieces(size: int) -> Callable[[re.Match], str]:
    def cut(match: re.Match) -> str:
        run = match.group()
        return " ".join(run[i : i + size] for i in range(0, len(run), size))

    return cut


def prepare_text(text: str) -> str:
    """The clean text of :func:`normalize_text`, without the offset map."""
    return normalize_text(text).text
