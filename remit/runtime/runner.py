"""Run texts through the pipeline sentence by sentence: plan, parse, extract, put back in order.

A text is cleaned up (:mod:`remit.runtime.text`), split into sentences by rule and, with the
prefilter, cut down to the sentences that can hold a claim (:mod:`remit.runtime.prefilter`).
The sentences of many texts go through one ``nlp.pipe``; the claims come back with offsets into
each text as the user wrote it.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from remit.model import UNUSED_COMPONENTS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from remit.records import Claim
    from remit.runtime.prefilter import Sentence
    from remit.runtime.setapart import Distanced
    from remit.runtime.text import Prepared


@dataclasses.dataclass
class _Plan:
    """One text on its way through the pipeline: its sentences and which are parsed."""

    sentences: list[Sentence]
    docs: list[Doc | None]
    waiting: list[int]
    prepared: Prepared | None = None
    # Units parsed with the agency the layout gives them (see remit.runtime.structure).
    implicit: dict = dataclasses.field(default_factory=dict)
    # Sentences between a carrier and an anaphor in its reach, unparsed (see finish).
    deferred: dict = dataclasses.field(default_factory=dict)
    # Where the text's quotation marks and line breaks are (see _Quotations), once asked.
    quotations: _Quotations | None = None
    # What the page sets apart as someone else's ('Myths:' items, a 'Myth' column), once asked.
    distanced: Distanced | None = None

    @property
    def complete(self) -> bool:
        return not self.waiting

    def take(self, doc: Doc) -> None:
        """Put a parsed sentence back in place (``nlp.pipe`` keeps the order)."""
        self.docs[self.waiting.pop(0)] = doc


class SentenceRunner:
    """Parse the sentences that need it, from many texts, and have the component extract.

    ``nlp.pipe`` parses each sentence alone, with the ``remit_claims`` component disabled; the
    component then runs on the sentences of each text in order, each given the mentions of the
    sentence before (its ``doc._.remit_tail``) for 'it' and 'the agency'.
    """

    def __init__(self, nlp: Language, prefilter: bool = True,
                 max_sentence_tokens: int | None = None):
        from remit.runtime.prefilter import Prefilter

        self.nlp = nlp
        self.component = nlp.get_pipe("remit_claims")
        self.prefilter = Prefilter(self.component.extractor, nlp.vocab) if prefilter else None
        self.max_sentence_tokens = max_sentence_tokens  # None: the default
        self.disable = [name for name in (*UNUSED_COMPONENTS, "remit_claims")
                        if name in nlp.pipe_names]
        from remit.runtime.cells import glued_rows

        self.glued = glued_rows(self.component.extractor.aliases.acronyms)

    def plan(self, text: str) -> _Plan:
        """Tokenize and split a text, and pick (as unparsed docs) the sentences to parse."""
        from remit.claims.mentions import span_rows
        from remit.runtime.cells import unglue
        from remit.runtime.prefilter import MAX_SENTENCE_TOKENS, TokenTable, split_sentences
        from remit.runtime.text import normalize_text

        prepared = unglue(normalize_text(text), self.glued)
        # Only single sentences are parsed, so the whole text may exceed spaCy's parse limit.
        self.nlp.max_length = max(self.nlp.max_length, len(prepared.text) + 1)
        doc = self.nlp.make_doc(prepared.text)
        tokens = TokenTable(doc)
        sentences = split_sentences(doc, tokens, self.max_sentence_tokens or MAX_SENTENCE_TOKENS)
        deferred: dict[int, Doc] = {}
        if self.prefilter is None:
            docs = [tokens.sentence_doc(s) for s in sentences]
            found = [self.component.extractor.mentions(d) for d in docs]
        else:
            docs, found = [], []
            for i, carrier in enumerate(self.prefilter.carriers(
                    doc, sentences, tokens, prepared.text)):
                if carrier is not None and carrier.mentions:
                    carrier.doc._.remit_mentions = span_rows(carrier.mentions)
                if carrier is not None and carrier.between:
                    deferred[i], carrier = carrier.doc, None
                docs.append(carrier and carrier.doc)
                found.append(carrier.mentions if carrier is not None else [])
        implicit = self._implicit(prepared.text, sentences, found)
        for i, unit in implicit.items():
            docs[i] = self.nlp.make_doc(unit.text)
            deferred.pop(i, None)
        return _Plan(sentences, docs, [i for i, d in enumerate(docs) if d is not None], prepared,
                     implicit, deferred)

    def _implicit(self, clean: str, sentences: list[Sentence], found: list) -> dict:
        from remit.runtime.structure import Mention, implicit_units

        extractor = self.component.extractor
        parents = extractor.aliases.parents
        mentions = [[Mention(m.label_, s.start_char + m.start_char, s.start_char + m.end_char)
                     for m in _wholes(spans, parents)]
                    for s, spans in zip(sentences, found, strict=True)]
        return implicit_units(clean, [(s.start_char, s.end_char) for s in sentences],
                              mentions, extractor.verb_words, extractor.lex,
                              former=extractor.aliases.former)

    def claims_many(self, texts: Iterable[str], batch_size: int = 64,
                    n_process: int = 1) -> Iterator[list[Claim]]:
        """Yield the claims of each text, in input order, offsets into the text."""
        plans: deque[_Plan] = deque()

        def feed() -> Iterator[Doc]:
            for text in texts:
                plan = self.plan(text)
                plans.append(plan)
                yield from [plan.docs[i] for i in plan.waiting]

        parsed = self.nlp.pipe(feed(), batch_size=batch_size, n_process=n_process,
                               disable=self.disable)
        for doc in parsed:
            while plans[0].complete:
                yield self.finish(plans.popleft())
            plans[0].take(doc)
            while plans and plans[0].complete:
                yield self.finish(plans.popleft())
        while plans:
            yield self.finish(plans.popleft())

    def finish(self, plan: _Plan) -> list[Claim]:
        """Extract the claims of a text from its parsed sentences, in order.

        A skipped sentence (no mention, nothing to resolve) hands nothing on to the next; when
        the sentence before names no agency, the agency the text is about there (if any, see
        :mod:`remit.runtime.salience`) stands in for it. A deferred sentence (no mention, no
        cue) yields no claim either; it is parsed only when a stand-in is asked for after it,
        for its subjects, which may end the salient agency's reach.
        """
        from remit.claims.component import PREVIOUS, TAIL
        from remit.claims.extract import order_claims
        from remit.claims.mentions import row_spans

        out: list[Claim] = []
        before: Doc | None = None
        salience = self._salience()
        clean = plan.prepared.text if plan.prepared is not None else ""
        previous_end = None
        pending: list[Doc] = []  # deferred sentences since the salient agency was last named
        for i, (sentence, doc) in enumerate(zip(plan.sentences, plan.docs, strict=True)):
            heading, opens = _layout(clean, sentence, previous_end, plan.implicit.get(i))
            previous_end = sentence.end_char
            if i in plan.deferred:
                pending.append(plan.deferred[i])
                salience.after(None, opens)
                before = None
                continue
            if doc is not None:
                if before is not None and before._.get(TAIL):
                    doc._.set(PREVIOUS, row_spans(before, before._.get(TAIL)))
                elif not heading:
                    doc._.set(PREVIOUS, self._stand_in(salience, doc, opens, pending) or None)
                doc = self._extract(plan, i, sentence, doc, out)
            if heading:
                salience.heading(doc, {row[2] for row in (doc._.get(TAIL) or [])}
                                 if doc is not None else set())
            else:
                salience.after(doc, opens)
            if salience.doc is None or salience.age == 0:
                pending.clear()  # a new salient agency, or none: the subjects before are moot
            before = doc
        return order_claims(out)

    def _stand_in(self, salience, doc: Doc, opens: bool, pending: list[Doc]) -> list:
        """The salient agency's stand-in for ``doc``, parsing the deferred sentences before it
        first when there is one (their subjects can only take it away)."""
        found = salience.stand_in(doc, opens)
        if found and pending:
            for parsed in self.nlp.pipe(pending, disable=self.disable):
                salience.block(parsed)
            pending.clear()
            found = salience.stand_in(doc, opens)
        return found

    def _salience(self):
        from remit.claims.anaphora import people_words
        from remit.runtime.salience import Salience

        lex = self.component.extractor.lex
        return Salience(lex.word_class("singular_pronouns"), lex.word_class("plural_pronouns"),
                        people=people_words(lex), personnel=lex.personnel,
                        nouns=lex.anaphor_nouns,
                        determiners=lex.definite_articles | lex.demonstratives,
                        parents=self.component.extractor.aliases.parents)

    def _extract(self, plan: _Plan, i: int, sentence: Sentence, doc: Doc,
                 out: list[Claim]) -> Doc:
        """Extract one sentence's claims into ``out``; the doc read (an implicit unit's reading
        may be parsed anew), whose tail the next sentence takes."""
        from remit.runtime.units import keep

        claims = self.component(doc)._.remit_claims
        if claims and plan.prepared is not None and plan.prepared.text:
            if plan.quotations is None:
                plan.quotations = _Quotations(plan.prepared.text, self.component.extractor.lex)
            quoted = plan.quotations.inside(sentence.start_char, sentence.end_char)
        else:
            quoted = False
        apart = None
        if claims and not quoted and plan.prepared is not None:
            if plan.distanced is None:
                from remit.runtime.setapart import distanced

                plan.distanced = distanced(plan.prepared.text, plan.sentences,
                                           self.component.extractor.lex)
            quoted = i in plan.distanced.items  # 'Common myths:' / '- ICE issues green cards.'
            apart = plan.distanced.cells.get(i)  # '| Myth | Fact |' rows: the myth's cell
        if quoted:
            # 'Rumor: "ICE runs the check-ins. They also order people deported."': both
            # sentences are inside the quotation, someone else's words
            claims = [dataclasses.replace(c, assertion="reported") if c.asserted else c
                      for c in claims]
        elif apart:
            claims = [dataclasses.replace(c, assertion="reported") if c.asserted and any(
                a <= sentence.start_char + c.start < b for a, b in apart) else c
                for c in claims]
        unit = plan.implicit.get(i)
        if unit is None:
            out.extend(_shift(c, sentence.start_char, plan.prepared) for c in claims)
            return doc
        doc, readings = self._readings(unit, doc, [c for c in claims if keep(c)])
        for read, claims in readings:
            out.extend(_placed(c, read, sentence, plan.prepared) for c in claims)
        return doc

    def _readings(self, unit, doc: Doc | None = None,
                  claims: list[Claim] | None = None) -> tuple[Doc, list[tuple[object, list]]]:
        """The first reading of an implicit unit that gives claims the table knows: the unit
        itself (``doc`` and its ``claims``, when already read), then each of its list's
        phrases, then its fallback; as the last doc read and (the reading, its claims)."""
        from remit.runtime.units import keep

        if claims is None:
            doc = next(self.nlp.pipe([unit.text], disable=self.disable))
            claims = [c for c in self.component(doc)._.remit_claims if keep(c)]
        if claims:
            return doc, [(unit, claims)]
        found, last = [], doc
        for item in unit.items:
            last, got = self._readings(item)
            found += got
        if found:
            return last, found
        return self._readings(unit.fallback) if unit.fallback is not None else (doc, [])


class _Quotations:
    """Where a text's quotation marks (straight and curly alike: writers mix them) and line
    breaks stand, found once per text, so each sentence's question is a binary search."""

    def __init__(self, clean: str, lex):
        marks = (lex.word_class("straight_quotes") | lex.word_class("opening_quotes")
                 | lex.word_class("closing_quotes"))
        pattern = re.compile("[" + re.escape("".join(sorted(marks))) + "]")
        self._marks = [m.start() for m in pattern.finditer(clean)]
        self._breaks = [m.start() for m in _BREAK.finditer(clean)] if self._marks else []
        self._length = len(clean)

    def inside(self, start: int, end: int) -> bool:
        """Whether the sentence at ``start:end`` is part of a quotation of several sentences:
        it starts inside a quotation opened earlier on its line, or it ends inside one that
        closes later on the line ('"TSA deports travelers. It also issues visas," the post
        said.'). An inch mark ('6\'2" tall') or a quotation never closed leaves the sentences
        after it the writer's own."""
        if not self._marks:
            return False
        at = bisect_left(self._breaks, start)
        line_start = self._breaks[at - 1] + 1 if at else 0
        after = bisect_left(self._breaks, end)
        line_end = self._breaks[after] if after < len(self._breaks) else self._length

        def count(a: int, b: int) -> int:
            return bisect_left(self._marks, b) - bisect_left(self._marks, a)

        opened_before = count(line_start, start) % 2 == 1 and count(start, line_end) > 0
        open_at_end = count(line_start, end) % 2 == 1 and count(end, line_end) > 0
        return opened_before or open_at_end


_BREAK = re.compile("\n")


def _layout(clean: str, sentence: Sentence, previous_end: int | None, unit) -> tuple[bool, bool]:
    """Whether a sentence is a heading and whether it opens a paragraph; a list item or a
    label line read with its agency (``unit``) is never a heading."""
    from remit.runtime.salience import layout
    from remit.runtime.text import LIST_MARKER

    heading, opens = layout(clean, sentence.start_char, sentence.end_char, previous_end)
    item = unit is not None or LIST_MARKER.match(clean[sentence.start_char:sentence.end_char]
                                                  + " ") is not None
    return heading and not item, opens


def _placed(claim: Claim, unit, sentence: Sentence, prepared: Prepared | None) -> Claim:
    """A claim of an implicit unit, placed on the item it was read from."""
    from remit.runtime.units import shift, weakened

    def where(value: int) -> int:
        return prepared.to_input(value) if prepared is not None else value

    return dataclasses.replace(
        weakened(claim, unit), start=where(shift(claim.start, unit)),
        end=where(shift(claim.end, unit, True)),
        sent_start=where(sentence.start_char), sent_end=where(sentence.end_char),
        via="structure")


def _shift(claim: Claim, offset: int, prepared: Prepared | None = None) -> Claim:
    """Move a claim's offsets from its sentence into the whole text, as the user wrote it."""
    def where(value: int) -> int:
        value += offset
        return prepared.to_input(value) if prepared is not None else value

    return dataclasses.replace(claim, start=where(claim.start), end=where(claim.end),
                               sent_start=where(claim.sent_start),
                               sent_end=where(claim.sent_end))


def _wholes(spans, parents: dict) -> list:
    """A unit's mentions without a part named in brackets after its whole: 'State Department
    (consular sections abroad)' names the department, so its items are the department's."""
    from remit.claims.mentions import within

    out = []
    for span in spans:
        doc = span.doc
        inside = any(t.is_bracket and t.is_left_punct for t in doc[max(span.start - 3, 0):span.start])
        if not (inside and out and within(parents, span.label_, out[-1].label_)):
            out.append(span)
    return out
