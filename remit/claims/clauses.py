"""Copular, nominal and appositive frames: 'X is part of Y', 'X's job is ...', 'X, a unit of Y'.

Plain functions of a :class:`remit.claims.slots.Sentence` (see :mod:`remit.claims.frames`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from remit.claims import frames as core
from remit.claims import slots
from remit.claims.predicates import Frame
from remit.claims.slots import Sentence


def copula(ctx: Sentence, mention: Span, be: Token, negated: bool) -> list[Frame]:
    frames: list[Frame] = []
    for child in be.children:
        if child.dep_ == "attr" or (
                # 'USCIS is the agency responsible for ...', parsed with two subjects
                child.dep_ == "nsubj" and child.i > mention.end
                and child.lemma_.lower() in ctx.lex.units):
            frames += attribute(ctx, mention, child, be, negated)
        elif child.dep_ == "acomp":  # 'X is responsible for ...' (records at the adjective)
            frames += core.records_at(ctx, "adjective", mention, child, negated) or []
        elif (child.dep_ == "prep"
              and child.lower_ in ctx.lex.copula_prepositions - ctx.lex.unit_prepositions):
            target = ctx.mention_in(child)
            if target is not None and target != mention:
                frames.append(slots.part_of_frame(ctx, mention, be, target, negated))
            else:  # 'X is in charge of ...' (records at the phrase)
                frames += core.records_at(ctx, "copula", mention, child, negated) or []
    return frames


def attribute(ctx: Sentence, mention: Span, attr: Token, be: Token, negated: bool) -> list[Frame]:
    """'X is part of Y', 'X is a DHS agency', 'X is the agency that ...', 'X is ICE's arm'."""
    frames: list[Frame] = []
    if attr.lemma_.lower() in ctx.lex.role_nouns and any(
            c.dep_ == "poss" for c in attr.children):
        return frames
    exclusive = any(c.lower_ in ctx.lex.exclusives for c in attr.children)
    if attr.lower_ in ctx.lex.partitive_words:  # 'one of the offices of USCIS'
        attr = next((p for c in attr.children
                     if c.dep_ == "prep" and c.lower_ in ctx.lex.unit_prepositions
                     for p in c.children if p.dep_ == "pobj"), attr)
    if attr.lemma_.lower() in ctx.lex.personnel and not any(
            c.dep_ == "relcl" for c in attr.children):
        # 'Immigration judges are employees of DHS'
        found = unit_frame(ctx, mention, be, attr, negated)
        if found is not None:
            return [found]
    if attr.lemma_.lower() in ctx.lex.units or attr.i in ctx.mention_tokens:
        found = unit_frame(ctx, mention, be, attr, negated)
        frames += [found] if found is not None else []
    for child in attr.children:
        if child.dep_ in {"relcl", "acl"} and not slots.someone_else_acts(ctx, child):
            passive = any(c.dep_ == "nsubjpass" for c in child.children)
            sub = core.read_verb(ctx, mention, child, passive=passive, negated=negated)
            frames += [replace(f, exclusive=f.exclusive or exclusive) for f in sub]
        elif child.dep_ == "amod" and child.lower_ in ctx.lex.responsible_adjectives:
            # 'X is the agency responsible for green cards'
            sub = core.records_at(ctx, "adjective", mention, child, negated) or []
            frames += [replace(f, exclusive=f.exclusive or exclusive) for f in sub]
        elif child.dep_ == "prep" and child.lower_ in ctx.lex.attribute_prepositions:
            frames.append(slots.generic(ctx, mention, be, child.subtree, negated))
    if not frames and attr.lemma_.lower() in ctx.lex.units:
        frames.append(slots.generic(ctx, mention, be, slots.noun_args(ctx, attr), negated))
    return frames


def unit_frame(ctx: Sentence, mention: Span, head: Token, unit: Token,
               negated: bool) -> Frame | None:
    """The part-of frame a unit noun gives: 'X is a unit of Y' (X in Y); with a word of
    ``parent_words``, the other way round: 'X, the parent agency of Y' (Y in X)."""
    target = unit_target(ctx, unit)
    if target is None or target == mention:
        return None
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in ctx.lex.word_class("parent_words")
           for c in unit.children):
        return slots.part_of_frame(ctx, target, head, mention, negated)
    return slots.part_of_frame(ctx, mention, head, target, negated)


def unit_target(ctx: Sentence, unit: Token) -> Span | None:
    """The agency a unit noun belongs to: 'part of Y', 'a Y agency', "Y's arm".

    None for a peer: 'a sister agency of ICE' is not part of ICE.
    """
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in ctx.lex.peer_words
           for c in unit.children):
        return None
    own = ctx.mention_tokens.get(unit.i)  # an agency named as a unit is not its own whole
    for child in unit.children:
        if (child.dep_ in {"compound", "poss", "nmod"} and child.i in ctx.mention_tokens
                and ctx.mention_tokens[child.i] is not own):
            return ctx.mention_tokens[child.i]
        if child.dep_ == "prep" and child.lower_ in ctx.lex.copula_prepositions:
            target = ctx.mention_in(child)
            if target is not None:
                return target
        if child.dep_ == "amod" and child.i in ctx.mention_tokens:
            return ctx.mention_tokens[child.i]
    return None


def loose_apposition(ctx: Sentence, mention: Span, anchor: Token) -> Token | None:
    """'USCIS, the agency in charge of X, has ...' parsed as two subjects of one verb."""
    doc = mention.doc
    if mention.end + 1 >= ctx.sentence_of(mention.start).end or doc[mention.end].text != ",":
        return None
    head = doc[mention.end + 1]
    if head.lower_ in ctx.lex.relative_words:
        return None
    while head.dep_ in {"det", "amod", "compound", "poss", "case"} and head.head.i > head.i:
        head = head.head
    if (head.dep_ == anchor.dep_ and head.head == anchor.head and head.i != anchor.i
            and head.lemma_.lower() in ctx.lex.units):
        return head
    return None


def apposition(ctx: Sentence, mention: Span, appos: Token) -> list[Frame]:
    """'HSI, a unit of the FBI, ...'; 'USCIS, the agency behind green cards, ...'."""
    frames: list[Frame] = []
    found = (unit_frame(ctx, mention, appos, appos, False)
             if appos.lemma_.lower() in ctx.lex.units else None)
    frames += [found] if found is not None else []
    for child in appos.children:
        if child.dep_ in {"relcl", "acl"}:
            frames += core.read_verb(ctx, mention, child)
    if appos.lemma_.lower() in ctx.lex.units:
        frames.append(slots.generic(ctx, mention, appos, slots.noun_args(ctx, appos), False))
    return frames
