"""'ICE does not issue green cards. USCIS does.': a bare verb that takes the predicate before.

The sentence is elliptical when its root is a bare ``ellipsis_verbs`` verb (no object, no
complement: only its subject, 'not', 'too', 'though') whose subject is an agency. It takes
the predicate of the sentence before when that is said of one agency (or a coordinated pair)
as the subject of the sentence's one clause; :class:`remit.claims.extract.Extractor` then
reads the sentence before with the elided sentence's agency in place of that subject. Denied
only by its own 'not' or 'nor' ('USCIS does not.'); never when which predicate it takes is
not plain ('ICE deports people, but it issues no visas. USCIS does.').
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from remit.claims.focus import SUBJECT_DEPS, focus
from remit.claims.lexicon import Lexicon
from remit.records import FAR_VIAS


def elided(sent: Span, own: Sequence[Span], previous: Sequence[Span],
           lex: Lexicon) -> tuple[Span, Span, Token] | None:
    """The agency whose predicate ``sent`` leaves out, whose predicate it takes, and the verb.

    'ICE does not issue green cards. USCIS does.': the subject of a bare ``ellipsis_verbs``
    root among ``own``, the subject of the sentence before, and 'does'; ``None`` when the
    sentence is no such ellipsis, or the sentence before has no agency subject of its own
    (not one read from further back), or the same one.
    """
    root = sent.root
    particles = lex.word_class("ellipsis_particles")
    if root.lemma_.lower() not in lex.word_class("ellipsis_verbs") or any(
            c.dep_ not in _BARE_DEPS or (c.dep_ in _ADVERB_DEPS and c.lower_ not in particles)
            for c in root.children):
        return None
    subject = next((m for m in own if m.root.head.i == root.i
                    and m.root.dep_ in SUBJECT_DEPS), None)
    sources = focus(previous, lex.role_nouns)  # one agency, or a pair coordinated
    source = next((m for m in previous if sources and m.start == sources[0].start), None)
    if (subject is None or source is None or source.kb_id_ in FAR_VIAS
            or source.label_ == subject.label_ or not _sole_predicate(source)):
        return None
    return subject, source, root


_BARE_DEPS = {"nsubj", "punct", "advmod", "neg", "cc"}
_ADVERB_DEPS = {"advmod", "neg"}


def _sole_predicate(mention: Span) -> bool:
    """Whether ``mention`` is the subject of its sentence's one clause, a verb's.

    'USCIS does' can only take that predicate: not in 'ICE deports people, but it issues
    no visas', nor after a root the small model read as a noun.
    """
    token = mention.root
    while token.dep_ in _CLIMB_DEPS and token.head.i != token.i:
        token = token.head
    sent = mention.sent
    clauses = sum(1 for t in sent if any(c.dep_ in SUBJECT_DEPS for c in t.children))
    return (token.dep_ in SUBJECT_DEPS and token.head.i == sent.root.i and clauses == 1
            and sent.root.pos_ in _VERB_POS)


_CLIMB_DEPS = {"conj", "compound", "amod"}
_VERB_POS = {"VERB", "AUX"}
