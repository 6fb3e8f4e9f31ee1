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
semicolons ('State issues visas; USCIS approves petitions') is several sentences; in prose, a
semicolon between two subjects' clauses ends a sentence (:func:`clause_semicolons`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

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
    marks_present = all((tokens.orth == strings[mark]).any() for mark in (";", "|"))
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


def clause_semicolons(tokens: TokenTable, kinds: list[int], newline: int,
                      end: int) -> set[int]:
    """The tokens that open a clause of its own after a semicolon: 'USCIS handles green
    cards; the State Department issues visas; immigration judges decide removal cases' is
    three sentences, which the parser reads far better than one. The clause before the
    semicolon (since the last sentence end, ``end``, or line break) and the words after it
    each hold a verb of the lexicon, the first word after it is none (a new subject: '...;
    grants asylum' goes on the same subject's list) and does not point back ('...; that is
    the Border Patrol's job'), and nothing before it frames the sentence as somebody else's
    words, a myth or a condition (the lexicon's ``semicolon_frame_words``)."""
    strings = tokens.doc.vocab.strings
    semicolons = np.flatnonzero(tokens.orth == strings[";"]).tolist()
    if not semicolons:
        return set()
    words = _clause_words()
    out: set[int] = set()
    # what the clause so far holds (a verb, a framing word), read once per token
    pos, verb, framed = 0, False, False
    for i in semicolons:
        if i < pos:
            continue
        for k, word in zip(range(pos, i), _lower(tokens, pos, i), strict=True):
            if kinds[k] & (newline | end):
                verb = framed = False
            else:
                verb = verb or word in words.any_verbs
                framed = framed or word in words.frames
        pos = i
        after = [(k, w) for k, w in zip(range(i + 1, len(kinds)), _lower(tokens, i + 1, i + 8),
                                        strict=False) if w.strip()]
        if (verb and not framed and after and after[0][1].isalpha()
                and after[0][1] not in words.any_verbs and after[0][1] not in words.back
                and not words.any_verbs.isdisjoint(w for _, w in after[1:6])
                and not any(kinds[k] & newline for k in range(i + 1, after[0][0] + 1))):
            out.add(after[0][0])
            pos, verb, framed = after[0][0], False, False
    return out


def _lower(tokens: TokenTable, start: int, end: int) -> list[str]:
    strings = tokens.doc.vocab.strings
    return [strings[h] for h in tokens.lower[start:end].tolist()]


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
    any_verbs: frozenset[str]  # those and the verb classes' bases
    back: frozenset[str]  # words that point back across a semicolon (clause_back_words)
    frames: frozenset[str]  # words that frame what follows (semicolon_frame_words)


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
        _CLAUSE_WORDS.append(_ClauseWords(
            openers=lex.word_class("sentence_openers"), articles=lex.definite_articles,
            verbs=frozenset(finite), any_verbs=frozenset(finite | bases),
            back=lex.word_class("clause_back_words"),
            frames=lex.word_class("semicolon_frame_words")))
    return _CLAUSE_WORDS[0]
