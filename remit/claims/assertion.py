"""Whether a claim is the writer's own: questions, reported speech, hypotheticals, the future.

Like medspaCy's ConText, the cue words are data (the lexicon); the code implements the few
kinds of scope: the sentence (questions), the chain of heads above the predicate (reporting
verbs, 'if' clauses, 'plan to'), and the predicate's own clause (future words).
"""

from __future__ import annotations

import functools

from spacy.tokens import Span, Token

from remit.claims.lexicon import Lexicon
from remit.claims.triggers import find_phrase

_FIRST_PERSON = {"i", "we"}


def is_question(sent: Span) -> bool:
    """A sentence ending in a question mark (closing quotes and brackets aside)."""
    text = sent.text.rstrip().rstrip("\"'”’)]")
    return text.endswith("?")


_WH = {"how", "why", "what", "when", "where", "who", "which", "whether"}


def _is_headline_question(sent: Span) -> bool:
    """'How USCIS Processes Naturalization Applications': a title that asks, without '?'."""
    if sent.text.rstrip().endswith((".", "!")):
        return False
    words = [t for t in sent if t.is_alpha]
    if not words:
        return False
    return words[0].lower_ in _WH or (len(words) > 1 and words[1].lower_ in _WH
                                      and sent.text.split(":")[0].count(" ") < 2)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    return None


def _said(below: Token, head: Token) -> bool:
    """Whether ``below``, under a reporting verb, is what is said and holds the predicate.

    A clause ('say [ICE issues visas]'), or an object the parser made of one ('Some say ICE
    issues visas', with 'visas' the object of 'say').
    """
    if below.dep_ in {"ccomp", "xcomp", "parataxis"}:
        return True
    return below.dep_ == "dobj" and below.i != head.i and head.tag_.startswith("VB")


def _normative(head: Token) -> bool:
    """'ICE should issue visas', 'ICE ought to ...': what the writer wants, not what is done."""
    return any(c.dep_ == "aux" and c.lower_ in {"should", "ought", "shouldn't"}
               for c in head.children)


def _reporter(verb: Token) -> bool:
    """Whether a reporting verb reports someone else's words ('I think' is the writer's own)."""
    subject = _subject(verb)
    return subject is None or subject.lower_ not in _FIRST_PERSON


def _heads(token: Token):
    """The predicate and the tokens above it, up to the root."""
    yield token
    while token.head.i != token.i:
        token = token.head
        yield token


class SentenceCues:
    """What holds for every predicate of one sentence, worked out once, on first use."""

    def __init__(self, sent: Span, lex: Lexicon):
        self.sent = sent
        self.lex = lex

    def holds(self, head: Token) -> bool:
        """Whether ``head`` lies in this sentence (so the answers here are its answers)."""
        return self.sent.start <= head.i < self.sent.end

    @functools.cached_property
    def question(self) -> bool:
        """The sentence asks ('Does ICE issue visas?', 'How USCIS Processes ...')."""
        return is_question(self.sent) or _is_headline_question(self.sent)

    @functools.cached_property
    def future_words(self) -> bool:
        """The sentence holds a future word that marks it whole ('soon', 'next year')."""
        return _has_phrase(self.sent, _time_phrases(self.lex), self.words)

    @functools.cached_property
    def words(self) -> list[frozenset[str]]:
        """The :func:`_word_forms` of the sentence's tokens."""
        return _word_forms(self.sent)


def assertion_of(head: Token, sent: Span, lex: Lexicon, cues: SentenceCues | None = None) -> str:
    """Return 'asserted', 'question', 'reported', 'hypothetical' or 'event' for a predicate."""
    if cues is None or cues.sent != sent:
        cues = SentenceCues(sent, lex)
    if cues.question:
        return "question"
    if is_event(head):
        return "event"
    if _normative(head):
        return "hypothetical"
    below = None
    for token in _heads(head):
        for child in token.children:
            if child.dep_ == "mark" and (child.lower_,) in lex.hypothetical_marks:
                return "hypothetical"
            if (child.dep_ == "parataxis" and child.i > head.i
                    and child.lemma_.lower() in lex.reporting_verbs and _reporter(child)):
                return "reported"  # '"ICE issues green cards," the senator claimed'
        # 'critics say [ICE issues ...]': the claim sits in what is said, not beside it
        # ('asks about the trip and reviews the passport' reports nothing)
        if (below is not None and _said(below, head)
                and token.lemma_.lower() in lex.reporting_verbs and _reporter(token)):
            return "reported"
        below = token
    before = sent.doc[sent.start : head.i]
    if _has_phrase(before, lex.reporting_phrases, cues.words[: max(0, head.i - sent.start)]):
        return "reported"
    return "asserted"


def _word_forms(span: Span) -> list[frozenset[str]]:
    """Each token's lower case and lemma, the forms a cue phrase may match."""
    return [frozenset({t.lower_, t.lemma_.lower()}) for t in span]


def _has_phrase(span: Span, phrases, words: list[frozenset[str]] | None = None) -> bool:
    """Whether any of ``phrases`` (word tuples) occurs in ``span`` by lower case or lemma.

    ``words`` are the span's :func:`_word_forms`, when the caller has them.
    """
    text = span.text.lower()
    # Most sentences hold none of the cue words: a substring test on the text rules them out
    # before any token is looked at. A lemma shares its first letters with the word ('plan',
    # 'planning'), except the forms of 'be', which are always looked for.
    candidates = [p for p in phrases if p[0] == "be" or p[0][:3] in text]
    if not candidates:
        return False
    words = _word_forms(span) if words is None else words
    present = frozenset().union(*words) if words else frozenset()
    return any(present.issuperset(p) and find_phrase(words, p) >= 0 for p in candidates)


_TIME_WORDS = {"yesterday", "today", "tonight", "ago", "last", "monday", "tuesday", "wednesday",
               "thursday", "friday", "saturday", "sunday", "morning", "afternoon", "evening",
               "night", "week", "weekend", "month", "january", "february", "march", "april",
               "may", "june", "july", "august", "september", "october", "november", "december"}


def is_event(head: Token) -> bool:
    """A report of one past event ('agents arrested five people on Tuesday'), not a role.

    A past-tense predicate with a time expression of its own: a date, a weekday, 'last year',
    '... ago', 'in 2019'.
    """
    if head.tag_ != "VBD" or any(c.dep_ in {"aux", "auxpass"} for c in head.children):
        return False
    for child in head.children:
        if child.dep_ not in {"npadvmod", "prep", "advmod", "tmod", "obl"}:
            continue
        for token in child.subtree:
            if token.lower_ in _TIME_WORDS:
                return True
            year = token.like_num and len(token.text) == 4 and token.text[:2] in {"19", "20"}
            if year and token.head.lower_ in {"in", "on", "during", "at"}:
                return True  # 'in 2019' is an event; 'before 2003' a past role
    return False


def is_future(head: Token, lex: Lexicon, cues: SentenceCues | None = None) -> bool:
    """A plan or prediction ('will open', 'is planning to', '... soon'): not a current role."""
    for token in _heads(head):
        if token.lemma_.lower() in {"plan", "intend", "expect", "aim", "hope", "propose"} and (
                token.i != head.i):
            return True
        if token.i != head.i and token.lower_ == "used" and any(
                c.dep_ == "xcomp" for c in token.children):
            return True  # 'INS used to handle naturalization': not a current role either
        for child in token.children:
            if child.dep_ == "aux" and (child.lower_,) in lex.future_words:
                return True
        if token.dep_ not in {"xcomp", "conj"}:
            break
    if cues is None or not cues.holds(head):
        cues = SentenceCues(head.sent, lex)
    return cues.future_words


_AUXILIARY_FUTURE = {"will", "'ll", "shall", "plan", "intend", "expect", "aim", "hope", "propose",
                     "consider"}
_TIME_PHRASES: dict[int, tuple[tuple[str, ...], ...]] = {}


def _time_phrases(lex: Lexicon) -> tuple[tuple[str, ...], ...]:
    """Future words that mark the whole sentence ('soon', 'next year'), not an auxiliary."""
    key = id(lex.future_words)
    if key not in _TIME_PHRASES:
        _TIME_PHRASES[key] = tuple(p for p in lex.future_words
                                   if p and p[0] not in _AUXILIARY_FUTURE)
    return _TIME_PHRASES[key]
