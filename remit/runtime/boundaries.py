"""Where a sentence ends besides a full stop: after an abbreviation, at a semicolon in a row.

:func:`remit.runtime.prefilter.split_sentences` ends a sentence after '.', '!' or '?' before a
word that does not start in lower case. The tokenizer keeps an abbreviation whole with its full
stop ('U.S.', 'etc.', 'D.C.'), so a sentence that ends in one ran on into the next: "... the
biggest force in the U.S. CBP runs ..." was one sentence, and the second claim was lost. Here
an abbreviation ends a sentence when the next words plainly open a clause: a capitalised
pronoun or determiner ('They', 'The': the lexicon's ``sentence_openers``), or, after 'the'
('the U.S.'), an acronym and a finite verb ('CBP runs': ``finite_auxiliaries`` and the third
person of the verb classes). 'the U.S. Coast Guard', 'U.S. ICE agents' stay whole.

In a table row (a line with two cell marks or more), a cell that lists points with
semicolons ('State issues visas; USCIS approves petitions') is several sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from remit.runtime.prefilter import TokenTable

# Tokens that end a sentence when a word follows (spaCy's sentencizer uses the same idea).
END_PUNCT = frozenset({".", "!", "?", "...", "…", "?!", "!?"})


def is_abbreviation(text: str) -> bool:
    """A token the tokenizer kept whole with its full stop ('U.S.', 'D.C.', 'Inc.')."""
    return len(text) > 2 and text.endswith(".") and text not in END_PUNCT and any(
        c.isalpha() for c in text)


def clause_starts(tokens: TokenTable, kinds: list[int], abbreviation: int,
                  newline: int) -> set[int]:
    """The tokens that open a sentence right after an abbreviation that ends the one before
    (``kinds``: each token's flags, ``abbreviation`` and ``newline`` among them)."""
    out = set()
    for i in (k for k, kind in enumerate(kinds) if kind & abbreviation):
        j = i + 1
        while j < len(kinds) and tokens.is_space[j] and not kinds[j] & newline:
            j += 1
        if j < len(kinds) and not tokens.is_space[j] and _opens_clause(
                tokens.words(max(i - 1, 0), i), tokens.words(j, min(j + 2, len(kinds))),
                _clause_words()):
            out.add(j)
    return out


def row_semicolons(tokens: TokenTable, kinds: list[int], newline: int) -> set[int]:
    """The semicolons of table rows (lines with two cell marks or more): in a cell, 'State
    issues visas; USCIS approves petitions' lists points, each a sentence of its own when the
    next starts with a capital (the rule of
    :func:`~remit.runtime.prefilter.split_sentences` for a full stop)."""
    # ``Doc.text`` is rebuilt from every token: ask the ORTH column for the two marks instead.
    strings = tokens.doc.vocab.strings
    marks_present = {strings[";"], strings["|"]}.issubset(set(tokens.orth.tolist()))
    words = tokens.words(0, len(kinds)) if marks_present else []
    out: set[int] = set()
    line: list[int] = []
    marks = 0
    for i, word in enumerate([*words, "\n"]):
        if i == len(words) or kinds[i] & newline:
            out.update(line if marks >= 2 else ())
            line, marks = [], 0
        elif word == ";":
            line.append(i)
        elif word == "|":
            marks += 1
    return out


def clause_semicolons(tokens: TokenTable, kinds: list[int], newline: int) -> set[int]:
    """The tokens that open a clause of its own after a semicolon: 'USCIS handles green
    cards; the State Department issues visas; immigration judges decide removal cases' is
    three sentences, which the parser reads far better than one. The part before the
    semicolon (on its line) and the words after it each hold a verb of the lexicon, and the
    first word after it is none (a new subject: '...; grants asylum' goes on the same
    subject's list) and does not point back ('...; that is the Border Patrol's job')."""
    strings = tokens.doc.vocab.strings
    semicolons = [i for i, h in enumerate(tokens.orth.tolist()) if h == strings[";"]]
    if not semicolons:
        return set()
    verbs = _clause_words().any_verbs
    lower = [strings[h] for h in tokens.lower.tolist()]
    out, line_start = set(), 0
    for i in semicolons:
        line_start = max([line_start, *(k + 1 for k in range(line_start, i)
                                        if kinds[k] & newline)])
        j = i + 1
        while j < len(lower) and tokens.is_space[j] and not kinds[j] & newline:
            j += 1
        if (j < len(lower) and not kinds[j] & newline and lower[j].isalpha()
                and lower[j] not in verbs and lower[j] not in _clause_words().back
                and any(w in verbs for w in lower[line_start:i])
                and any(w in verbs for w in lower[j + 1 : j + 6])):
            out.add(j)
            line_start = j
    return out


def _opens_clause(before: list[str], after: list[str], words: _ClauseWords) -> bool:
    """Whether the words after an abbreviation start a new sentence: a capitalised pronoun or
    determiner ('... in the U.S. They ...', '... etc. The ...'), or, after a phrase such as
    'the U.S.', an acronym and a finite verb ('... in the U.S. ICE keeps ...'). 'U.S. ICE
    agents' and 'D.C. Police' stay whole."""
    first = after[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() in words.openers:
        return True
    return (len(after) > 1 and len(first) > 1 and first.isalpha() and first.isupper()
            and bool(before) and before[-1].lower() in words.articles
            and after[1] in words.verbs)


@dataclass(frozen=True)
class _ClauseWords:
    openers: frozenset[str]
    articles: frozenset[str]
    verbs: frozenset[str]  # finite forms: auxiliaries, and the verb classes' third person
    any_verbs: frozenset[str]  # those, the verb classes' bases and their past in -ed
    back: frozenset[str]  # words that point back across a semicolon (clause_back_words)


_CLAUSE_WORDS: list[_ClauseWords] = []


def _clause_words() -> _ClauseWords:
    """The shipped lexicon's words for :func:`_opens_clause`, worked out once."""
    if not _CLAUSE_WORDS:
        from remit.claims.lexicon import load_lexicon

        lex = load_lexicon()
        bases = {w for name, phrases in lex.verb_classes.items() for p in phrases
                 for w in p[:1]} | lex.word_class("running_verbs")
        verbs = {b + e for b in bases for e in ("s", "es")} | {
            b[:-1] + "ies" for b in bases if b.endswith("y")}
        finite = verbs | lex.word_class("finite_auxiliaries")
        past = {b + "d" if b.endswith("e") else b + "ed" for b in bases}
        _CLAUSE_WORDS.append(_ClauseWords(
            openers=lex.word_class("sentence_openers"), articles=lex.definite_articles,
            verbs=frozenset(finite), any_verbs=frozenset(finite | bases | past),
            back=lex.word_class("clause_back_words")))
    return _CLAUSE_WORDS[0]
