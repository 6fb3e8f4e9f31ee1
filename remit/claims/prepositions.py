"""Frames where the agency is reached through a preposition or a passive.

'issued by ICE', 'a task for ICE', 'falls to EOIR', 'apply through ICE', 'judges work for DOJ',
'run by the State Department'.

Plain functions of a :class:`remit.claims.slots.Sentence` (see :mod:`remit.claims.frames`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from remit.claims import clauses, slots
from remit.claims import frames as core
from remit.claims.predicates import Frame, is_negated, verb_phrases
from remit.claims.slots import Sentence


def passive_subject(ctx: Sentence, mention: Span, verb: Token) -> list[Frame]:
    """The agency as the subject of a passive: acted on, or doing what follows."""
    purpose = [c for c in verb.children if c.dep_ == "xcomp" or (
        c.dep_ == "advcl" and any(a.lower_ in ctx.lex.word_class("infinitive_markers")
                                  for a in c.children))]
    if purpose:
        # 'USCIS is expected to process ...', 'agents are posted at consulates to vet ...':
        # the subject does what the complement says.
        return core.read_verb(ctx, mention, purpose[0])
    if verb.lemma_.lower() in ctx.lex.owner_verbs:
        return []  # 'SEVP is run by ICE': a record reads it (part_of.yaml, passive-run-by)
    # 'SEVP is housed within ICE', 'X is placed under Y'
    return part_of_verb(ctx, mention, verb, is_negated(verb, ctx.lex))


def object_of(ctx: Sentence, mention: Span, prep: Token) -> list[Frame]:
    """The agency as the object of a preposition: 'by ICE', 'a task for ICE', 'to ICE'."""
    words = ctx.lex.word_class
    if prep.lower_ in words("agent_prepositions") and prep.dep_ in {"agent", "conj"}:
        # 'issued not by ICE but by USCIS': the second 'by' is a conjunct of the first.
        agent = prep
        while agent.dep_ == "conj":
            agent = agent.head
        if agent.dep_ == "agent":
            return core.read_verb(ctx, mention, agent.head, passive=True)
    if prep.lower_ in words("likeness_prepositions") and prep.head.lemma_ == "be":
        return clauses.copula(ctx, mention, prep.head, negated=is_negated(prep.head, ctx.lex))
    # 'a task for ICE', 'falls to EOIR', 'officers who ... work for ICE': records
    # (role_noun.yaml, responsible.yaml, staff.yaml)
    return []


def part_of_verb(ctx: Sentence, mention: Span, verb: Token, negated: bool) -> list[Frame]:
    """'X falls under Y', 'judges work for DHS', 'X reports to Y'; 'Y runs X' (reversed)."""
    if verb.lemma_.lower() in ctx.lex.contains_verbs and not is_negated(verb, ctx.lex):
        part = ctx.mention_in(verb)
        if part is not None and part != mention and part.root.head == verb:
            return [slots.part_of_frame(ctx, part, verb, mention, negated)]
    anchor = ctx.anchor(mention)
    if anchor.i != mention.root.i and anchor.lemma_.lower() in ctx.lex.personnel:
        return []  # 'ICE attorneys report to the director of OPLA': staff, not ICE itself
    for phrase in verb_phrases(verb):
        if phrase not in ctx.lex.part_of_verbs:
            continue
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == phrase[-1]:
                target = ctx.mention_in(prep)
                if target is not None:
                    return [slots.part_of_frame(ctx, mention, verb, target, negated)]
    return []
