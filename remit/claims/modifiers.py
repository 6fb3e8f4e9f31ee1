"""Cues as data: what makes a claim a question, reported, hypothetical, an event, the future.

Like medspaCy's ConText, a cue record (``data/cues/*.yaml``, :class:`~remit.claims.cueschema.Cue`)
names its trigger words (or a small token pattern) and where it looks from the predicate;
this module implements the few kinds of scope and holds no English word.

Scopes, in the order they are tried for a claim's assertion (the first cue that matches
decides; within one step, the record order):

1. ``sentence_start``, ``sentence_end``: the sentence as a whole ('Does ICE ...?').
2. ``arguments``, ``predicate``, and ``children`` with ``up: no``: the predicate itself.
3. ``children`` and ``heads`` walking up: level by level from the predicate, a level's
   children in text order, then the level's own token ('critics say [ICE issues ...]').
4. ``sentence``: a phrase before (``forward``), after (``backward``) or around the predicate.

A ``future`` cue needs no order: any match makes the claim a plan. A ``negated`` cue (what
denies a claim) is applied by :mod:`remit.claims.negation`, with the scopes of this module.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from remit.claims.cuecompile import CompiledCue, compile_cue, cue_errors
from remit.claims.cuecompile import word_of as _word_of
from remit.claims.cuesentence import phrase_hit as _phrase_hit
from remit.claims.cuesentence import placed as _placed
from remit.claims.cuesentence import sentence_hit as _sentence_hit
from remit.claims.forms import doc_forms, has_word, token_forms
from remit.claims.forms import live as live_cues
from remit.claims.tokentests import passes as _passes

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ASSERTED = "asserted"
FUTURE = "future"
NEGATED = "negated"
ANY_CLAIM = "any"  # a cue's 'claims': every claim, not only acts
ACTS_ONLY, PLACES_ONLY = "acts", "places"  # what an agency does; where it sits
MENTION = "mention"
def applies(cue: CompiledCue, head: Token) -> bool:
    """The cue's tests of the predicate itself (most cues have none: answered at once)."""
    if cue.predicate and not _passes(head, cue.predicate):
        return False
    without, needed = cue.record.predicate_without, cue.record.predicate_with
    if without and any(c.dep_ in without for c in head.children):
        return False
    if needed and not any(c.dep_ in needed for c in head.children):
        return False
    if cue.predicate_has and not any(_passes(c, cue.predicate_has) for c in head.children):
        return False
    if cue.record.quoted and not _inside_quotes(head, frozenset(cue.record.quoted)):
        return False
    return cue.unless is None or not _kept_off(cue.unless, head)


def _inside_quotes(head: Token, marks: frozenset[str]) -> bool:
    """Whether a quotation mark stands before ``head`` and another after it, in its sentence."""
    sent = head.sent
    return any(t.text in marks for t in head.doc[sent.start : head.i]) and any(
        t.text in marks for t in head.doc[head.i + 1 : sent.end])


def _kept_off(unless: tuple[frozenset[str], frozenset[str], int], head: Token) -> bool:
    """Whether an argument of ``head`` holds one of a cue's ``unless`` words."""
    deps, words, depth = unless
    level = [c for c in head.children if c.dep_ in deps]
    for _ in range(depth + 1):
        if any(t.lower_ in words for t in level):
            return True
        level = [c for t in level for c in t.children]
    return False


def child_hit(cue: CompiledCue, child: Token, head: Token, dep: str | None = None) -> bool:
    """A ``children`` cue's trigger at ``child`` of ``head``; ``dep``: the child's role if not
    the parse's (the linear reading's object)."""
    direction = cue.record.direction
    if (direction == "forward" and child.i > head.i) or (
            direction == "backward" and child.i < head.i):
        return False
    deps = cue.record.deps
    return (not deps or (dep or child.dep_) in deps) and _word_of(cue, child)


def _argument_hit(cue: CompiledCue, head: Token) -> bool:
    if any(argument_hit(cue, child) for child in head.children):
        return True
    # with 'up': an argument standing before a head reached from the predicate scopes over
    # it too ('In May, ICE entered a farm and arrested ...': the conjunct is dated)
    token = head
    while cue.walks_up_from(token) and token.head.i != token.i:
        token = token.head
        if any(argument_hit(cue, c) for c in token.children if c.i < token.i):
            return True
    return False


def argument_hit(cue: CompiledCue, child: Token, dep: str | None = None) -> bool:
    """An ``arguments`` cue's trigger in the subtree of the predicate's ``child``, at most
    ``max_scope`` levels below it (``dep``: as in :func:`child_hit`).
    """
    deps = cue.record.deps
    if deps and (dep or child.dep_) not in deps:
        return False
    depth = cue.record.max_scope
    if depth is None:
        return any(_word_of(cue, t) for t in child.subtree)
    level = [child]
    for _ in range(depth + 1):
        if any(_word_of(cue, t) for t in level):
            return True
        level = [c for t in level for c in t.children]
    return False


def local_hit(cue: CompiledCue, head: Token) -> bool:
    """A cue of step 2 (module docstring) on the predicate ``head``."""
    if not applies(cue, head):
        return False
    scope = cue.record.scope
    if scope == "arguments":
        return _argument_hit(cue, head)
    if scope == "predicate":
        return _word_of(cue, head)
    return any(child_hit(cue, child, head) for child in head.children)


def _heads(token: Token):
    """The predicate and the tokens above it, up to the root."""
    yield token
    while token.head.i != token.i:
        token = token.head
        yield token


def _walk_hit(cues: Sequence[CompiledCue], head: Token) -> CompiledCue | None:
    """The first of ``cues`` (walking ones) that matches on the way up from ``head``."""
    active = [c for c in cues if applies(c, head)]
    below = None
    for token in _heads(head):
        if not active:
            return None
        for child in token.children:
            for cue in active:
                if cue.record.scope == "children" and child_hit(cue, child, head):
                    return cue
        for cue in active:
            if cue.record.scope == "heads" and below is not None and _head_hit(
                    cue, token, below, head):
                return cue
        active = [c for c in active if c.walks_up_from(token)]
        below = token
    return None


def _head_hit(cue: CompiledCue, token: Token, below: Token, head: Token) -> bool:
    if cue.record.below_not_predicate and below.i == head.i:
        return False
    return _passes(below, cue.below) and _word_of(cue, token)


class SentenceCues:
    """What the cues find in one sentence, worked out once, on first use."""

    def __init__(self, sent: Span, cues: CueSet):
        self.sent = sent
        self.cues = cues
        # the answers for each predicate already asked about (several frames share one)
        self.assertions: dict[int, str] = {}
        self.futures: dict[int, bool] = {}

    def holds(self, head: Token) -> bool:
        """Whether ``head`` lies in this sentence (so the answers here are its answers)."""
        return self.sent.start <= head.i < self.sent.end

    @functools.cached_property
    def words(self) -> list[tuple[str, str]]:
        """Each token's lower case and lemma, the forms a cue phrase may match."""
        return token_forms(self.sent.doc)[self.sent.start:self.sent.end]

    @functools.cached_property
    def present(self) -> frozenset[str]:
        """Every form of :attr:`words`, to rule out a phrase whose words are not all there."""
        return frozenset().union(*self.words)

    @functools.cached_property
    def raw(self) -> str:
        """The sentence's text (``Span.text`` builds it from every token: a slice does not)."""
        sent = self.sent
        return sent.doc.text[sent.start_char : sent.end_char]

    @functools.cached_property
    def text(self) -> str:
        """The sentence in lower case, to rule out phrases at once."""
        return self.raw.lower()

    @functools.cached_property
    def whole_cue(self) -> CompiledCue | None:
        """The first sentence-wide cue of an assertion effect that matches, if one does."""
        return next((c for c in self.cues.steps[1] if _sentence_hit(c, self.sent, self.raw)),
                    None)

    @property
    def whole(self) -> str | None:
        """The effect of :attr:`whole_cue`, if one matches."""
        return None if self.whole_cue is None else self.whole_cue.record.effect

    @functools.cached_property
    def future_anywhere(self) -> bool:
        """A future cue that holds for every predicate of the sentence ('soon')."""
        return any(_phrase_hit(c, self, None) for c in self.cues.future_sentence)


class CueSet:
    """The compiled cue records of a grammar, applied to a predicate."""

    def __init__(self, cues: Sequence[CompiledCue]):
        self.cues = tuple(cues)
        # cues of an agency mention, not of a predicate: remit.claims.around
        self.mention = tuple(c for c in self.cues if c.record.scope == MENTION)
        asserting = [c for c in self.cues if c.record.effect not in {FUTURE, NEGATED}
                     and c.record.scope != MENTION]
        self.steps = {n: [c for c in asserting if c.step == n] for n in (1, 2, 3, 4)}
        # what denies a claim (category negation, denial, contrast): remit.claims.negation
        self.negating = tuple(c for c in self.cues if c.record.effect == NEGATED)
        future = [c for c in self.cues if c.record.effect == FUTURE and not c.record.agency
                  and c.record.claims == ANY_CLAIM]
        # cues for some kinds of agency only ('former') or of acts only ('the largest agency
        # within DHS' still sits in DHS): asked per claim, not remembered
        self.future_agency = [c for c in self.cues if c.record.agency]
        self.future_acts = tuple(c for c in self.cues if c.record.effect == FUTURE
                                 and not c.record.agency and c.record.claims == ACTS_ONLY)
        self.future_places = tuple(c for c in self.cues if c.record.effect == FUTURE
                                   and not c.record.agency and c.record.claims == PLACES_ONLY)
        # sentence-wide future cues are the same for every predicate: worked out once
        self.future_sentence = [c for c in future if c.step == 4 and _placed(c, None, 0, 0, None)]
        self.future_local = [c for c in future if c not in self.future_sentence]
        self._doc = None  # the doc the cues of steps 2 and 3 were last sifted for
        self._live: dict[int | str, list[CompiledCue]] = {}

    def live(self, step: int | str, doc) -> list[CompiledCue]:
        """The cues of ``step`` (2 or 3, or FUTURE: :attr:`future_local`) that may match in
        ``doc``, in record order.

        Every test of steps 2 and 3 asks a token for one of the cue's words and passes its
        token tests (``_word_of``): such a cue whose words, or the words its tests ask for,
        none of ``doc``'s tokens has as lower case or lemma cannot match
        (:func:`remit.claims.forms.has_word`). Cues of other steps are kept.
        """
        if doc is not self._doc:
            forms = doc_forms(doc)

            def sift(cues):
                return [c for c in cues if c.step not in (2, 3) or has_word(c, forms)]

            self._live = {2: sift(self.steps[2]), 3: sift(self.steps[3]),
                          FUTURE: sift(self.future_local)}
            self._doc = doc
        return self._live[step]

    def state(self, sent: Span) -> SentenceCues:
        """The per-sentence cache the other methods take."""
        return SentenceCues(sent, self)

    def assertion(self, head: Token, state: SentenceCues) -> str:
        """'asserted', or the effect of the first cue that matches (module docstring order)."""
        return _remembered(state.assertions, head, state, self._assertion)

    def _assertion(self, head: Token, state: SentenceCues) -> str:
        cue = self.deciding(head, state)
        return ASSERTED if cue is None else cue.record.effect

    def deciding(self, head: Token, state: SentenceCues) -> CompiledCue | None:
        """The cue that decides ``head``'s assertion (module docstring order), or ``None``."""
        if state.whole_cue is not None:
            return state.whole_cue
        for cue in self.live(2, head.doc):
            if local_hit(cue, head):
                return cue
        hit = _walk_hit(self.live(3, head.doc), head)
        if hit is not None:
            return hit
        for cue in self.steps[4]:
            if applies(cue, head) and _phrase_hit(cue, state, head):
                return cue
        return None

    def future(self, head: Token, state: SentenceCues, kind: str | None = None,
               place: bool = False) -> bool:
        """Whether a future cue holds for ``head``: a plan, a prediction, a past habit, or
        the past of an agency of ``kind`` (the table's kind of the claim's agency); with
        ``place`` (a claim of where an agency sits) the cues of acts only are left out.
        """
        if _remembered(state.futures, head, state, self._future):
            return True
        asked = [c for c in self.future_agency if kind in c.record.agency]
        asked += live_cues(self.future_places if place else self.future_acts, head.doc)
        return bool(asked) and _any_hit(asked, head, state)

    def _future(self, head: Token, state: SentenceCues) -> bool:
        if _any_hit(self.live(FUTURE, head.doc), head, state):
            return True
        if not state.holds(head):
            state = self.state(head.sent)
        return state.future_anywhere


def _any_hit(cues: Sequence[CompiledCue], head: Token, state: SentenceCues) -> bool:
    """Whether any of ``cues`` (local ones, of any step) matches for ``head``."""
    if _walk_hit([c for c in cues if c.step == 3], head) is not None:
        return True
    for cue in cues:
        if cue.step == 2 and local_hit(cue, head):
            return True
        if cue.step == 4 and applies(cue, head) and _phrase_hit(cue, state, head):
            return True
    return False


def _remembered(memo: dict, head: Token, state: SentenceCues, answer):
    """``answer(head, state)``, remembered per predicate of ``state``'s sentence."""
    if not state.holds(head):
        return answer(head, state)
    if head.i not in memo:
        memo[head.i] = answer(head, state)
    return memo[head.i]


def compile_cues(located: Iterable, word_class) -> CueSet:
    """Compile merged cue records (:class:`remit.rules.loader.Located`, in file order).

    Raises :class:`remit.claims.grammar.GrammarError` listing every record that does not
    compile, as ``file:line: cue 'id': what``.
    """
    from remit.claims.grammar import GrammarError

    located = list(located)
    errors = cue_errors(located, word_class)
    if errors:
        raise GrammarError(errors)
    return CueSet([compile_cue(loc.record, k, word_class) for k, loc in enumerate(located)])


def shipped_cues(lexicon) -> CueSet:
    """The shipped cue records compiled against ``lexicon`` (an Extractor built without cues)."""
    from remit.claims.grammar import cues, load_grammar

    return compile_cues(cues(load_grammar()[0]), lexicon.word_class)


def lexicon_cues(lex, name: str, build):
    """``build(cue_set)`` for the cue records of the files ``lex`` was loaded from, kept on
    ``lex`` as its field ``name`` on first use (a cache: the lexicon stays the same).

    A lexicon built without cue records (``build_lexicon``) reads the shipped ones.
    """
    found = getattr(lex, name)
    if found is None:
        cues = (compile_cues(lex.cue_records, lex.word_class) if lex.cue_records
                else shipped_cues(lex))
        found = build(cues)
        object.__setattr__(lex, name, found)
    return found
