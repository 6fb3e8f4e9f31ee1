"""The agency a paragraph or section is about, carried across sentences for 'it' and 'the agency'.

:func:`remit.claims.anaphora.resolve_anaphora` resolves an anaphor to the mentions of the
sentence before. When that sentence names no agency ('USCIS runs naturalization. Applicants
wait months. It also issues work permits.'), the runner asks :class:`Salience` for a stand-in:
the mentions of the *salient* agency, the one the text is about here. The reach is ConText-like
(a scope with terminators), and conservative:

- an agency becomes salient as the one subject agency of a sentence, the one agency a sentence
  names, or the one agency of a heading ('What is ICE?');
- it stays salient for :data:`REACH` sentences after it was last named or referred to;
- it ends at a heading that names no agency or several, at a sentence with two subject
  agencies ('ICE and CBP are both in DHS': two compete, so no claim), at a new paragraph whose
  first sentence refers to no agency (another topic), and, for a pronoun, at a sentence in
  between whose subject is something else of the same number ('The roof leaks.' for 'it',
  'The lawyers filed it.' for 'they'); for a noun for the agency's people ('Officers ...'),
  at a sentence in between whose subject is other people ('The lawyers filed it.');
- the stand-in's ``kb_id`` says how sure the reading is (:data:`remit.records.FAR_VIAS`): no
  other agency named since it became salient, or one named (not as the subject) in between,
  when a contradicted verdict would rest on a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from remit.claims.mentions import within
from remit.records import VIA_DISCOURSE, VIA_INFERRED

# Sentences after the agency was last named or referred to that an anaphor may still reach.
REACH = 3
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_HEADING_WORDS = 10
_LINE_END = re.compile(r"[ \t]*\n")


@dataclass
class Salience:
    """What the text is about at the current sentence (see the module's doc)."""

    singular: frozenset[str]  # pronouns a singular subject in between blocks ('it', 'its')
    plural: frozenset[str]  # and a plural one ('they', 'their')
    # Nouns for the agency's people ('officers'), and the personnel nouns ('lawyers') of a
    # subject in between that blocks them.
    people: frozenset[str] = frozenset()
    personnel: frozenset[str] = frozenset()
    doc: Doc | None = None  # the sentence where the salient agency was last named
    rows: list = field(default_factory=list)  # its mentions there, as span rows
    age: int = 0
    others: bool = False  # another agency named since it became salient
    blocks: set = field(default_factory=set)  # pronoun classes a subject in between blocks
    # The page's topic: the agency of its first heading, when no agency was named before it;
    # a definite description ('the agency') far from any other mention takes it.
    nouns: frozenset[str] = frozenset()  # anaphor nouns ('agency', 'department')
    determiners: frozenset[str] = frozenset()  # 'the', 'this'
    topic: tuple | None = None  # (doc, rows)
    seen: set = field(default_factory=set)  # every agency named so far
    headed: bool = False  # the unit before was a heading (its paragraph is its agency's)
    last: tuple | None = None  # (doc, rows) where an agency was last salient
    parents: dict = field(default_factory=dict)  # agency id -> its parent's (AliasIndex)

    def stand_in(self, doc: Doc, new_paragraph: bool = False) -> list[Span]:
        """The salient agency's mentions, for the anaphors of ``doc`` (none if out of reach).
        None across a paragraph break: a paragraph is a topic (a heading's agency reaches the
        paragraph under it through the sentence before)."""
        if self.doc is None or self.age > REACH or not self.rows or new_paragraph:
            return self._topic(doc)
        words = {t.lower_ for t in doc if t.dep_ in _SUBJECT_DEPS or (
            t.dep_ == "poss" and t.head.dep_ in _SUBJECT_DEPS)}  # the pronouns that may resolve
        if any(words & pronouns for pronouns in self.blocks):
            return []
        via = VIA_INFERRED if self.others else VIA_DISCOURSE
        return [Span(self.doc, start, end, label=label, kb_id=via)
                for start, end, label, _ in self.rows]

    def _topic(self, doc: Doc) -> list[Span]:
        """The page's topic (else the one agency it has named), for a definite description
        ('The agency assigns ...') when no other agency was named on the page: a likely
        reading, never contradicted."""
        topic = self.topic or self.last
        if topic is None or self.seen != {topic[1][0][2]} or not any(
                t.lemma_.lower() in self.nouns and any(
                    c.lower_ in self.determiners for c in t.children) for t in doc):
            return []
        return [Span(topic[0], start, end, label=label, kb_id=VIA_INFERRED)
                for start, end, label, _ in topic[1]]

    def end(self) -> None:
        """A terminator: nothing is salient."""
        self.doc, self.rows, self.last = None, [], None

    def heading(self, doc: Doc | None, labels: set[str]) -> None:
        """A heading: its one agency is what follows is about; else nothing is. An agency
        named first with parts of it after ('State Department (consular sections)') is one."""
        if doc is not None and len(labels) > 1:
            first = (doc._.remit_tail or [[None, None, None]])[0][2]
            if all(within(self.parents, label, first) for label in labels - {first}):
                labels = {first}
        if doc is not None and len(labels) == 1:
            tail = [row for row in doc._.remit_tail or [] if row[2] in labels]
            if not self.seen and tail:
                self.topic = (doc, tail[:1])
            self.seen |= labels
            self._become(doc, tail[:1], others=False)
            self.headed = True
        else:
            self.end()

    def after(self, doc: Doc | None, new_paragraph: bool) -> None:
        """Take in a sentence (``None``: not parsed, so it names no agency and refers to none)."""
        tail = (doc._.remit_tail or []) if doc is not None else []
        headed, self.headed = self.headed, False
        if not tail:
            self.age += 1
            if new_paragraph and not headed:  # 'Does ICE issue visas?' / 'No. It ...'
                self.end()
            elif doc is not None:
                self.block(doc)
            return
        labels = {row[2] for row in tail}
        self.seen |= labels
        subjects = {row[2] for row in tail if _is_subject(doc, row)}
        current = self.rows[0][2] if self.rows else None
        if len(labels) == 1:
            self._become(doc, tail, others=self.others and labels == {current})
        elif len(subjects) == 1:
            self._become(doc, [r for r in tail if r[2] in subjects], others=True)
        elif not subjects and current in labels:
            self._become(doc, [r for r in tail if r[2] == current], others=True)
        else:
            self.end()  # two agencies compete

    def block(self, doc: Doc) -> None:
        """Take in the subjects of a parsed sentence that names no agency (see :meth:`after`)."""
        self.blocks |= _blocked(doc, self.singular, self.plural)
        if any(t.dep_ in _SUBJECT_DEPS and t.lemma_.lower() in self.personnel for t in doc):
            self.blocks.add(self.people)

    def _become(self, doc: Doc, rows: list, others: bool) -> None:
        self.doc, self.rows, self.age, self.others, self.blocks = doc, rows, 0, others, set()
        if rows:
            self.last = (doc, rows[:1])


def _is_subject(doc: Doc, row) -> bool:
    root = doc[row[0]:row[1]].root
    return root.dep_ in _SUBJECT_DEPS or (
        root.dep_ in {"compound", "amod", "nmod", "poss"} and root.head.dep_ in _SUBJECT_DEPS)


def _blocked(doc: Doc, singular: frozenset[str], plural: frozenset[str]) -> set:
    """The pronoun classes that the main subjects of a sentence without an agency could take."""
    out = set()
    for sent in doc.sents:
        for token in sent.root.children:
            if token.dep_ not in _SUBJECT_DEPS or token.pos_ not in {"NOUN", "PROPN", "PRON"}:
                continue
            if token.tag_ in {"NNS", "NNPS"} or token.lower_ in plural:
                out.add(plural)
            elif token.tag_ in {"NN", "NNP"} or token.lower_ in singular:
                out.add(singular)
    return out


def layout(clean: str, start: int, end: int, previous_end: int | None) -> tuple[bool, bool]:
    """Whether the sentence ``clean[start:end]`` is a heading, and whether it opens a paragraph.

    A heading fills its line, is short and does not end as prose does ('What is ICE?' and
    '## Border crossings' are headings; 'ICE detains people.' is not). A paragraph opens after
    a line break.
    """
    gap = clean[previous_end:start] if previous_end is not None else "\n"
    opens = "\n" in gap
    line_end = end >= len(clean) or _LINE_END.match(clean, end) is not None
    text = clean[start:end].strip().lstrip("#* ").rstrip("*")
    heading = (opens and line_end and 0 < len(text.split()) <= _HEADING_WORDS
               and not text.endswith((".", "!", ",", ";", ":")))
    return heading, opens
