"""Frames where the agency is reached through a preposition or a passive.

'issued by ICE', 'a task for ICE', 'falls to EOIR', 'apply through ICE', 'judges work for DOJ',
'run by the State Department'.

Plain functions of a :class:`remit.claims.slots.Sentence` (see :mod:`remit.claims.frames`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from remit.claims import frames as core
from remit.claims.predicates import Frame, is_negated
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
    # 'SEVP is housed within ICE', 'X is placed under Y': records at the verb; 'SEVP is run
    # by ICE': a record at the agency (part_of.yaml)
    return core.records_at(ctx, "verb", mention, verb, is_negated(verb, ctx.lex)) or []


def _other_agents(agent: Token, agent_words: frozenset[str]) -> bool:
    """Whether the passive verb of ``agent`` has a second 'by' phrase of its own.

    Not a conjunct of ``agent``: a list of places, each done by another agent.
    """
    own = {t.i for t in agent.subtree}  # 'not by ICE but by USCIS': a conjunct of its own
    return any(t.lower_ in agent_words and t.dep_ in {"prep", "agent"} and t.i not in own
               for t in agent.head.subtree)


def _set_apart(prep: Token, phrases: frozenset[str]) -> bool:
    """Whether a 'by' phrase comes right after one of ``phrases`` ('rather than by the consulate')."""
    doc = prep.doc
    before = " ".join(t.lower_ for t in doc[max(prep.i - 2, prep.sent.start) : prep.i])
    return before in phrases


def object_of(ctx: Sentence, mention: Span, prep: Token) -> list[Frame]:
    """The agency as the object of a preposition: 'by ICE', 'a task for ICE', 'to ICE'."""
    words = ctx.lex.word_class
    if prep.lower_ in words("agent_prepositions") and prep.dep_ in {"agent", "conj"}:
        # 'issued not by ICE but by USCIS': the second 'by' is a conjunct of the first.
        agent = prep
        while agent.dep_ == "conj":
            agent = agent.head
        if agent.dep_ == "agent":
            # '... are not issued by USCIS but by the State Department': the agent after 'but'
            # is the one that does it; the verb's 'not' denies the first
            contrasted = prep.i != agent.i and any(
                c.dep_ == "cc" and c.lower_ in words("contrast_conjunctions") and c.i < prep.i
                for c in agent.children)
            apart = _set_apart(prep, words("setting_apart_phrases"))
            frames = core.read_verb(ctx, mention, agent.head, passive=True,
                                    own_negation=not contrasted, negated=apart)
            if apart or any(_set_apart(t, words("setting_apart_phrases"))
                            for t in agent.head.children if t.dep_ == "agent"):
                # 'approved by USCIS rather than by the consulate': the second is
                # denied, and the first is the one that does it
                return frames
            if _other_agents(agent, words("agent_prepositions")):
                # 'led at ports by officers of A, along the border by agents of B': which
                # place goes with which agent is a guess, so no frame is contradicted
                frames = [replace(f, partial=True) for f in frames]
            return frames
    if prep.lower_ in words("likeness_prepositions") and prep.head.lemma_ == "be":
        # 'Like CBP, ICE is part of DHS': the copula's records read for CBP too
        return core.records_at(ctx, "copula", mention, prep.head,
                               is_negated(prep.head, ctx.lex)) or []
    # 'a task for ICE', 'falls to EOIR', 'officers who ... work for ICE': records
    # (role_noun.yaml, responsible.yaml, staff.yaml)
    return []
