"""Anaphors of an agency's role: 'This includes ...', 'One (of them) is ...', 'the mission of
the agency'.

The part of the reference model (:mod:`remit.claims.anaphora`) for sentences that go on about
the role the sentence before stated, or one of the roles it said the agency has.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from remit.claims.focus import SUBJECT_DEPS, focus, in_main_clause, leads, owner_of_roles
from remit.claims.lexicon import Lexicon


def role_antecedent(token: Token, sent: Span, own: Sequence[Span], previous: Sequence[Span],
                     lex: Lexicon) -> Span | None:
    """'ICE enforces the law inside the country. This includes arresting ...': the agency whose
    role the sentence before stated (never 'This' before another verb)."""
    sentence_initial = token.i == sent.start and token.pos_ == "PRON" and not own
    head = token.head
    if not sentence_initial or (head.lemma_.lower() not in lex.word_class("role_content_verbs")
                                and not _about(head, lex)):
        return None
    # an acronym subject the small model parsed as a noun phrase ('ICE enforces immigration
    # law') is no subject: then the one agency the sentence names
    subjects = focus(previous, lex.role_nouns)
    one = previous[0] if len({m.label_ for m in previous}) == 1 else None
    if len(subjects) == 1:
        # not a subject inside a clause ('The rule changes how USCIS works. This is ...')
        return subjects[0] if in_main_clause(subjects[0]) else None
    return one if one is not None and leads(one.root) else None


def of_role(token: Token, lex: Lexicon) -> bool:
    """Whether ``token`` hangs by 'of' on a subject role noun ('The mission of the agency is
    ...'), as "the agency's mission" is a possessor of one."""
    return (token.head.lower_ in lex.word_class("unit_prepositions")
            and role_subject(token.head.head, lex))


def role_subject(noun: Token, lex: Lexicon) -> bool:
    """Whether ``noun`` is a role noun that is a subject, or the one of them that is ('One
    of its duties is ...')."""
    if noun.lemma_.lower() not in lex.role_nouns:
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ in lex.word_class("unit_prepositions") and (
            noun.head.head.lower_ in lex.word_class("role_partitives")):
        noun = noun.head.head
    return noun.dep_ in SUBJECT_DEPS


def one_of_roles(token: Token, sent: Span, own: Sequence[Span], previous: Sequence[Span],
                  lex: Lexicon) -> Span | None:
    """'ICE has many roles. One (of them) is removing ...': a sentence-initial subject 'one',
    with nothing but 'of them' (no agency of its own sentence: 'One of the DHS offices ...')."""
    parts = lex.word_class("unit_prepositions")
    if (token.i != sent.start or token.dep_ not in SUBJECT_DEPS
            or any(m.root.dep_ in SUBJECT_DEPS for m in own)
            or any(c.dep_ != "prep" or c.lower_ not in parts
                   or any(c.i <= m.start <= c.right_edge.i for m in own) for c in token.children)):
        return None
    return owner_of_roles(previous, lex.role_nouns)


def _about(head: Token, lex: Lexicon) -> bool:
    """Whether ``head`` is a copula with a ``role_topic_prepositions`` preposition.

    'This is not about patrolling the border': what the role stated before is about.
    """
    return head.lemma_ == "be" and any(c.dep_ == "prep" and c.lower_ in lex.word_class(
        "role_topic_prepositions") for c in head.children)
