"""Turn a parsed Doc into claims: mentions and anaphora, then frames, then (agency, function).

Anaphora ('it', 'the agency', 'the latter') are resolved in :mod:`remit.claims.anaphora`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from remit.claims.anaphora import anaphor_words, resolve_anaphora
from remit.claims.anchors import fuzzy_anchors, narrow_index
from remit.claims.argwords import LinearDepths, NestingDepths, arg_forms, embedded_test
from remit.claims.constructions import ConstructionMatcher
from remit.claims.ellipsis import elided
from remit.claims.frames import Frame, sentence_frames
from remit.claims.lexicon import Lexicon
from remit.claims.mentions import AliasIndex, find_mentions, related
from remit.claims.modifiers import ASSERTED, CueSet, SentenceCues, shipped_cues
from remit.claims.negation import Negation
from remit.claims.triggers import (
    CompiledTrigger,
    TriggerIndex,
    find_span,
    match_functions,
    object_words,
)
from remit.records import VIA_INFERRED, Claim

# Distinct lemmas remembered before the memo starts again.
_MEMO_MAX = 50_000


@dataclass(frozen=True)
class Extractor:
    """Everything extraction needs from the table and the lexicon, compiled once."""

    aliases: AliasIndex
    triggers: tuple[CompiledTrigger, ...]
    lex: Lexicon
    verb_words: frozenset[str] = frozenset()
    # Word -> fuzzy names needing it (see ``fuzzy_anchors``); derived from ``aliases``.
    anchors: dict = field(default_factory=dict, compare=False)
    # function -> the words it is described with (see ``triggers.function_words``)
    function_words: dict = field(default_factory=dict, compare=False)
    # agency id -> the words of its names ('the Board' can only be an agency named a board)
    name_words: dict = field(default_factory=dict, compare=False)
    # The compiled construction records (``data/constructions``), if any.
    constructions: ConstructionMatcher | None = field(default=None, compare=False)
    # The compiled cue records (``data/cues``); the shipped ones when not given.
    cues: CueSet | None = field(default=None, compare=False)
    # The same, keyed by the hash a Doc's LOWER column holds for the word.
    _anchor_hashes: dict = field(init=False, compare=False, repr=False)
    _trigger_index: TriggerIndex = field(init=False, compare=False, repr=False)
    # function -> every object phrase of its triggers (what a denial of it may name)
    _objects: dict = field(init=False, compare=False, repr=False)
    _narrowed: dict = field(init=False, compare=False, repr=False)
    _anaphor_hashes: frozenset = field(init=False, compare=False, repr=False)
    _anaphor_lemmas: dict = field(init=False, compare=False, repr=False)
    _negation: Negation = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.cues is None:
            object.__setattr__(self, "cues", shipped_cues(self.lex))
        object.__setattr__(self, "_negation", Negation.of(self.cues.negating))
        if not self.anchors:
            object.__setattr__(self, "anchors", fuzzy_anchors(self.aliases.fuzzy))
        object.__setattr__(self, "_trigger_index", TriggerIndex(self.triggers))
        objects: dict[str, set[tuple[str, ...]]] = {}
        for trigger in self.triggers:
            objects.setdefault(trigger.function, set()).update(trigger.objects)
        object.__setattr__(self, "_objects", {f: tuple(sorted(o)) for f, o in objects.items()})
        object.__setattr__(self, "_narrowed", {})
        object.__setattr__(self, "_anaphor_hashes",
                           frozenset(hash_string(w) for w in anaphor_words(self.lex)))
        object.__setattr__(self, "_anaphor_lemmas", {})
        object.__setattr__(self, "_anchor_hashes",
                           {hash_string(w): names for w, names in self.anchors.items()})

    def mentions(self, doc: Doc, matches: list[tuple[int, int, int]] | None = None,
                 lower: np.ndarray | None = None) -> list[Span]:
        """Return the agency mentions of a document; tokens are enough, no parse is needed.

        ``matches`` are the document's alias hits (:func:`alias_matches`) and ``lower`` its
        ``LOWER`` column, if already found.
        """
        if lower is None:
            lower = doc.to_array(LOWER)
        index = narrow_index(self.aliases, self._anchor_hashes, lower.tolist(), self._narrowed)
        return find_mentions(doc, index, self.lex, lower, matches)

    def claims(self, doc: Doc) -> list[Claim]:
        """Return the claims of a parsed document, in text order."""
        return self.extract(doc)[0]

    def extract(self, doc: Doc, previous: Sequence[Span] = (),
                mentions: list[Span] | None = None) -> tuple[list[Claim], list[Span]]:
        """Return the claims of a parsed document and the mentions of its last sentence.

        ``previous`` are the mentions of the sentence before the document (when the document is
        one sentence of a longer text), for 'it' and 'the agency' in its first sentence; the
        mentions returned serve the same way for the next one. ``mentions`` spares finding them
        again when the caller has.
        """
        claims, tail = self._readings(doc, previous, mentions)
        return order_claims(claims), tail

    def readings(self, doc: Doc) -> list[Claim]:
        """Every reading's claims of a parsed document, repeats kept: two records may read
        the same claim, and only one is reported (:func:`order_claims`)."""
        return self._readings(doc, (), None)[0]

    def _readings(self, doc: Doc, previous: Sequence[Span],
                  mentions: list[Span] | None) -> tuple[list[Claim], list[Span]]:
        if mentions is None:
            mentions = self.mentions(doc)
        out: list[Claim] = []
        previous = list(previous)
        anaphors = self._anaphor_candidates(doc)
        bindings = None  # matched on the first sentence with an agency: most docs have none
        for sent in doc.sents:
            own = [m for m in mentions if sent.start <= m.start < sent.end]
            found = resolve_anaphora(sent, own, previous, self.lex,
                                     names=self.name_words) if any(
                sent.start <= i < sent.end for i in anaphors) else []
            own = sorted(own + found, key=lambda m: m.start)
            if own:
                if bindings is None:
                    bindings = self.constructions(doc) if self.constructions else []
                out.extend(self._sentence_claims(sent, own, bindings))
                gap = elided(sent, own, previous, self.lex) if previous else None
                if gap is not None:
                    out.extend(self._elided_claims(sent, *gap, bindings))
            if own or sent.start > 0 or any(t.is_alpha for t in sent):
                previous = own  # not after a leading list marker parsed alone ('•')
        # the tail is this doc's own mentions, never a stand-in handed on from another doc
        return out, [m for m in previous if m.doc is doc]

    def _sentence_claims(self, sent: Span, own: list[Span], bindings: list) -> list[Claim]:
        """The claims of one sentence about its agencies ``own`` (mentions and anaphors)."""
        out: list[Claim] = []
        cues = self.cues.state(sent)
        here = [b for b in bindings if sent.start <= (
            b.anchor if b.anchor is not None else b.slots["agency"]) < sent.end]
        frames = sentence_frames(sent, own, self.lex, self.verb_words,
                                 self.aliases.transparent, here)
        # a predicate that places an agency ('includes branches like HSI', 'conducts law
        # enforcement under DHS') says where it sits, not an act the table lacks
        placing = {f.head.i for f in frames if f.target is not None}
        for frame in frames:
            out.extend(self._frame_claims(frame, sent, cues,
                                          unlisted=frame.head.i not in placing, named=own))
        return out

    def _elided_claims(self, sent: Span, subject: Span, source: Span, verb: Token,
                       bindings: list) -> list[Claim]:
        """The claims of an elliptical sentence ('ICE does not issue green cards. USCIS does.').

        Those of the sentence before, read with ``subject``'s agency in place of its subject
        ``source``, placed on ``subject`` and said as ``verb`` says them (denied only by its
        own 'not' or 'nor'). ``bindings``: the construction matches of ``sent``'s doc, which
        serve when the sentence before is in it (else it is matched on its own).
        """
        before = source.sent
        stand_in = Span(source.doc, source.start, source.end, label=subject.label_)
        if source.doc is not sent.doc:
            bindings = self.constructions(source.doc) if self.constructions else []
        cues = self.cues.state(sent)
        denied = any(c.dep_ == "neg" or c.lower_ in self.lex.negations for c in verb.children)
        return [dataclasses.replace(
            c, start=subject.start_char, end=subject.end_char, sent_start=sent.start_char,
            sent_end=sent.end_char, polarity="negated" if denied else "affirmed",
            assertion=self.cues.assertion(verb, cues), exclusive=False,
            via=subject.kb_id_ or "mention")
            for c in self._sentence_claims(before, [stand_in], bindings)
            if c.function is not None and c.target is None]

    def _anaphor_candidates(self, doc: Doc) -> list[int]:
        """Positions of the tokens :func:`resolve_anaphora` may take as an anaphor.

        Read from the token arrays: most sentences hold none, and then no ``Token`` is built.
        """
        if not len(doc):
            return []
        rows = doc.to_array([LOWER, LEMMA]).tolist()
        words, lemmas = self._anaphor_hashes, self._anaphor_lemmas
        strings = doc.vocab.strings
        out = []
        for i, (lower, lemma) in enumerate(rows):
            if lower in words:
                out.append(i)
                continue
            known = lemmas.get(lemma)
            if known is None:
                if len(lemmas) >= _MEMO_MAX:
                    lemmas.clear()
                known = lemmas[lemma] = strings[lemma].lower() in self.lex.anaphor_nouns
            if known:
                out.append(i)
        return out

    def _assertion(self, frame: Frame, cues: SentenceCues) -> str:
        """The claim's assertion, from its head and, for a construction, its predicate."""
        assertion = self.cues.assertion(frame.head, cues)
        if assertion == ASSERTED and frame.outer is not None:
            assertion = self.cues.assertion(frame.outer, cues)
        return assertion

    def _past_or_future(self, frame: Frame, cues: SentenceCues) -> bool:
        """A plan or what an abolished agency did ('the INS handled ...'; both cue records);
        where an agency was ('the Border Patrol was part of the INS') or what a construction
        says it was ('was once charged with'): not a current role."""
        heads = [frame.head] if frame.outer is None else [frame.head, frame.outer]
        kind = self.aliases.kinds.get(frame.mention.label_)
        place = frame.target is not None
        return (any(self.cues.future(h, cues, kind, place) for h in heads)
                or ((frame.target is not None or frame.outer is not None)
                    and any(_past(h) for h in heads)))

    def _frame_claims(self, frame: Frame, sent: Span, cues: SentenceCues,
                      unlisted: bool = True, named: Sequence[Span] = ()) -> list[Claim]:
        mention = frame.mention
        if frame.target is not None:
            if frame.target.label_ == mention.label_:
                return []
            base = self._base(frame, sent, cues, self._past_or_future(frame, cues))
            if frame.target.kb_id_ == VIA_INFERRED:  # 'Under it, ... one of which is TSA'
                base["via"] = VIA_INFERRED
            return [Claim(function="part_of", target=frame.target.label_,
                          predicate=_predicate_text(frame), **base)]
        args, tokens = arg_forms(frame.args, frame.labels, with_tokens=True)
        matches = self._matches(frame, args, tokens, named)
        if not matches:
            # an act the table has no function for; the cues are asked only of a frame that
            # gives a claim (most give none)
            if not (unlisted and _says_act(frame)):
                return []
            future = self._past_or_future(frame, cues)
            if not (frame.role_like or future):
                return []
            return [Claim(function=None, predicate=_predicate_text(frame),
                          **self._base(frame, sent, cues, future))]
        base = self._base(frame, sent, cues, self._past_or_future(frame, cues))
        claims = []
        for m in matches:
            claim = Claim(function=m.function, predicate=_predicate_text(frame),
                          scope=self._scope(frame, m, args, tokens), **base)
            if m.start >= 0 and self._negation.negated_below(tokens[m.start : m.end],
                                                             frame.head):
                # '... work between the ports, not at airports': what is matched is denied
                claim = dataclasses.replace(
                    claim, polarity="affirmed" if claim.polarity == "negated" else "negated",
                    via="contrast")
            claims.append(claim)
        return claims

    def _base(self, frame: Frame, sent: Span, cues: SentenceCues, future: bool) -> dict:
        """The fields every claim of ``frame`` shares."""
        mention = frame.mention
        return dict(
            agency=mention.label_,
            polarity="negated" if frame.negated else "affirmed",
            start=mention.start_char, end=mention.end_char,
            sent_start=sent.start_char, sent_end=sent.end_char,
            assertion=self._assertion(frame, cues),
            exclusive=frame.exclusive,
            future=future,
            via="contrast" if frame.extra.get("contrast") else (mention.kb_id_ or "mention"),
            construction=frame.construction,
            through=frame.through,
            partial=frame.partial,
        )

    def _matches(self, frame: Frame, args: list, tokens: list,
                 named: Sequence[Span] = ()) -> list:
        """The functions the frame's predicate and arguments express."""
        depths = embedded = None
        if frame.extra.get("linear"):  # word order: a preposition before the words nests them
            depths = LinearDepths(tokens, self.lex.nesting_prepositions)
        else:
            head = frame.head
            depths = NestingDepths(tokens, head, self.lex.nesting_prepositions)

            # another party is another agency, not a part or a whole of it ('sent to ICE for
            # deportation'; not 'Consular officers issue State Department visas'); a gapped
            # clause may open with any agency, courts and personnel too
            own = range(frame.mention.start, frame.mention.end)
            agency = frame.mention.label_
            subjects = {i for m in named if not related(self.aliases, m.label_, agency)
                        for i in range(m.start, m.end)}
            embedded = embedded_test(tokens, head, {
                i for i, label in frame.labels.items()
                if i not in own and not related(self.aliases, label, agency)}, self.lex,
                subjects)
        return match_functions(self._trigger_index, set(frame.verb_phrases), frame.generic,
                               args, depths, embedded)

    def _scope(self, frame: Frame, match, args: list, tokens: list) -> str | None:
        """The words that narrow a denial below the role, or ``None``.

        'ICE does not deport citizens' denies deporting citizens, not deporting: 'citizens' is
        covered by no trigger of the function, is not among the words the function is
        described with and is not a filler ('people'). A quantifier ('not every container',
        'not always') or a clause of time or condition ('... while an appeal is pending')
        narrows a denial too. Only denials are read so.
        """
        if not frame.negated:
            return None
        quantifier = next((t.lower_ for t in (*frame.args, *frame.head.children)
                           if t.lower_ in self.lex.denial_quantifiers), None)
        if quantifier is not None:
            return quantifier
        clause = next((c for c in frame.head.children if c.dep_ == "advcl"
                       or (c.dep_ == "prep" and c.lower_ in self.lex.denial_conditions)), None)
        if clause is None:
            # 'grants no asylum to people who miss the deadline': only those people
            clause = next((c for t in tokens for c in t.children if c.dep_ == "relcl"), None)
        if clause is not None:
            words = [t.text for t in clause.subtree if not t.is_punct]
            return " ".join(words[:6]) + (" …" if len(words) > 6 else "")
        covered = set(range(match.start, match.end)) if match.start >= 0 else set()
        present = frozenset().union(*args) if args else frozenset()
        for obj in self._objects.get(match.function, ()):
            if not present.issuperset(object_words(obj)):
                continue  # a word of the object is missing: it occurs nowhere
            at, end = find_span(args, obj)
            if at >= 0:
                covered.update(range(at, end))
        own = self.function_words.get(match.function, frozenset())
        words = [token.text for k, (forms, token) in enumerate(zip(args, tokens, strict=True))
                 if k not in covered and token.pos_ in _CONTENT and token.i != frame.head.i
                 and token.i not in frame.labels and not forms & self.lex.scope_fillers
                 and not forms & own]
        return " ".join(dict.fromkeys(words)) or None


def _says_act(frame: Frame) -> bool:
    """Whether a frame no function matches still says an act of its agency: words after the
    predicate ('HSI investigates.' parsed as a noun phrase has none), and an agency that is the
    subject itself, not the owner of it ("DHS's site provides an overview", parsed with the
    agency as the subject and its possessive marker inside)."""
    if not any(not t.is_punct for t in frame.args):
        return False
    root = frame.mention.root
    owner = root.dep_ in {"nsubj", "nsubjpass"} and any(
        c.dep_ == "case" for t in frame.mention if t.i != root.i for c in t.children)
    return not owner


def _past(token: Token) -> bool:
    """A past-tense form, or one with a past auxiliary ('was tasked'): tagged so, and not
    spelt as its lemma ('run' may be either)."""
    return any(t.tag_ == "VBD" and t.lower_ != t.lemma_.lower() for t in (
        token, *(c for c in token.children if c.dep_ in {"aux", "auxpass"})))


# Parts of speech that can narrow what a denial is about.
_CONTENT = {"NOUN", "PROPN", "ADJ", "NUM", "VERB"}


def order_claims(claims: Iterable[Claim]) -> list[Claim]:
    """Drop repeated claims and sort the rest in text order, the order findings are reported.

    A claim repeats another when it says the same of the same mention (agency, function,
    target, polarity), whatever predicate it was read from, or the same of the same agency
    through the same predicate from another mention of it in the sentence ('Immigration and
    Customs Enforcement (ICE) deports people': the name and its acronym); the first in a total
    order wins, so the result never depends on set or hash order. Of two readings of the same
    claim, the one a construction record made wins (it can tell which record read it).
    """
    def key(c: Claim) -> tuple:
        return (c.start, c.sent_start, c.function or "", c.target or "", c.polarity,
                c.construction is None, c.construction or "", c.assertion, c.end, c.predicate,
                c.exclusive, c.future, c.via)

    seen: set[tuple] = set()
    out: list[Claim] = []
    for claim in sorted(claims, key=key):
        same = (claim.start, claim.agency, claim.function, claim.target, claim.polarity)
        again = (claim.sent_start, claim.agency, claim.function, claim.target, claim.polarity,
                 claim.predicate)
        if same not in seen and again not in seen:
            seen.update((same, again))
            out.append(claim)
    return out


def _predicate_text(frame: Frame) -> str:
    """A short text of what is said: the predicate and its arguments."""
    tokens = sorted({frame.head, *frame.args}, key=lambda t: t.i)
    tokens = [t for t in tokens if not (t.is_punct and t.i == tokens[-1].i)]
    text = " ".join(t.text for t in tokens[:14])
    return text + (" …" if len(tokens) > 14 else "")

