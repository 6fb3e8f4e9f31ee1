"""Predicate frames: what a sentence says an agency does, read off the dependency parse.

A frame ties an agency mention to a predicate (a verb, a copula, or a role noun such as "job")
and the argument tokens that say what is done. The rules are few kinds: subject, passive
agent, coordination, relative clause, apposition, copula ("is part of", "is the agency that",
"is responsible for"), role noun ("X's job"); the words come from the lexicon, and what is
said of a mention itself ("not X", "only X") from cue records (:mod:`remit.claims.around`). A linear fallback covers the small model's usual mis-parse of an acronym subject
before an ambiguous verb ("ICE issues green cards" parsed as a noun phrase).

Every rule is a plain function of a :class:`remit.claims.slots.Sentence`. The kinds of rule
call one another (a copula's relative clause is read as a verb, a verb may be a copula), so
the modules import one another as modules and look the functions up when called.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from remit.claims import linear, prepositions, slots
from remit.claims.around import mention_cues_of
from remit.claims.constructions import Binding, for_mention
from remit.claims.effects import anchored_frames, construction_frames
from remit.claims.lexicon import Lexicon
from remit.claims.predicates import (
    OBJECT_DEPS,
    Frame,
    arg_tokens,
    conj_verbs,
    denied_by_no,
    is_negated,
    verb_phrases,
    xcomp_chain,
)
from remit.claims.slots import Sentence

# A mention in one of these relations modifies a thing: the thing, not the agency, acts.
MODIFIER_DEPS = {"compound", "poss", "amod", "nmod"}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PREPOSITION_TAG = "IN"

__all__ = ["Frame", "Sentence", "sentence_frames"]


def mention_frames(ctx: Sentence, mention: Span) -> list[Frame]:
    """Return every frame in which ``mention`` is the agency that acts."""
    anchor = ctx.anchor(mention)
    # 'a former ICE officer now teaches ...', 'former deportation officers now ...' (people
    # named by their work): not the agency acting; nor 'German asylum officers' (another
    # country's)
    personnel = anchor.i == mention.root.i and anchor.lemma_.lower() in ctx.lex.personnel
    if (anchor.i != mention.root.i or personnel) and any(
            c.dep_ == "amod" and c.lower_ in ctx.lex.former_markers for c in anchor.children):
        return []
    if personnel and any(c.dep_ in {"amod", "compound"} and c.i < mention.start
                         and c.lower_ in ctx.lex.word_class("foreign_markers")
                         for c in anchor.children):
        return []
    frames = by_role(ctx, mention, anchor)
    own = own_clauses(ctx, mention, anchor)
    # 'not ICE but USCIS', 'only ICE': cues of the mention itself (cues/mention.yaml)
    around, sent = mention_cues_of(ctx.lex), ctx.sentence_of(mention.start)
    contrast = around.contrasted(mention, sent) or _with_contrasted(ctx, mention, around, sent)
    if not frames and contrast and anchor.dep_ not in MODIFIER_DEPS:
        # '... handles work permits, not ICE': the contrasted agency shares the predicate
        # (not 'neither an ICE detainer nor ...': there a thing of the agency's acts).
        verb = next((a for a in anchor.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        frames = read_verb(ctx, mention, verb) if verb is not None else []
    first = anchor
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # 'responsible for X and detention operations': an object too
    if not frames and anchor.dep_ not in OBJECT_DEPS and first.dep_ not in OBJECT_DEPS:
        frames = linear.linear(ctx, mention)
    frames += own
    frames += construction_frames(ctx, mention, _bound(ctx, mention, anchor, contrast))
    if contrast:
        frames = [replace(f, negated=not f.negated, extra={**f.extra, "contrast": True})
                  for f in frames if f.target is None]
    if (anchor.i != mention.root.i and anchor.dep_ == "attr" and anchor.head.lemma_ == "be"
            and anchor.lemma_.lower() in ctx.lex.units):
        # 'X and Y are DHS components, not parts of CBP': the unit is X and Y, not DHS; what
        # it does, DHS does ('the ICE division that carries out removals'), but where the
        # unit sits is not where DHS sits
        frames = [f for f in frames if f.target is None]
    exclusive = around.exclusive_to(mention, sent)
    return [replace(f, exclusive=f.exclusive or exclusive, labels=ctx.labels)
            for f in frames]


def _bound(ctx: Sentence, mention: Span, anchor: Token, contrast: bool) -> list:
    """The construction matches for ``mention``; a contrasted apposition shares its host's
    ('goes to the State Department, not USCIS, and not CBP': USCIS and CBP are denied it)."""
    bound = for_mention(ctx.bindings, mention, anchor)
    first = anchor
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if (not bound and contrast and first.dep_ == "appos"
            and first.head.i in ctx.mention_tokens):
        host = ctx.mention_tokens[first.head.i]
        bound = for_mention(ctx.bindings, host, ctx.anchor(host))
    return bound


def by_role(ctx: Sentence, mention: Span, anchor: Token) -> list[Frame]:
    """The frames the mention's grammatical role gives: subject, passive subject, object."""
    dep, head = anchor.dep_, anchor.head
    if dep == "conj" and head.i not in range(mention.start, mention.end):
        first = head
        while first.dep_ == "conj":
            first = first.head
        if first.i in ctx.mention_tokens or first.lemma_.lower() in ctx.lex.personnel:
            return by_role(ctx, mention, first)
    if dep == "appos" and head.i in ctx.mention_tokens:
        return by_role(ctx, mention, ctx.anchor(ctx.mention_tokens[head.i]))
    if dep in {"nsubj", "csubj"}:
        if _fronted_phrase(anchor, head):
            return []
        if head.lemma_ == "be":  # 'X is part of Y', 'X is the agency that ...' (copula.yaml)
            return records_at(ctx, "copula", mention, head, is_negated(head, ctx.lex)) or []
        if head.pos_ not in {"VERB", "AUX"} and not head.tag_.startswith("VB"):
            return []  # 'DOL grants DACA' parsed with DACA as the root: read linearly
        return read_verb(ctx, mention, head)
    if dep == "nsubjpass":
        return prepositions.passive_subject(ctx, mention, head)
    if dep == "pobj":
        return prepositions.object_of(ctx, mention, head)
    # "ICE's job is ...", 'the job of ICE', 'The agency responsible for Y is X': records
    # (role_noun.yaml, identified.yaml)
    return []


def _fronted_phrase(subject: Token, head: Token) -> bool:
    """Whether a subject is a fronted phrase the parser took for one: it opens with a
    preposition and the verb has another subject nearer to it ('Inside courts run by DOJ,
    ICE attorneys represent the government': the attorneys act)."""
    return subject.left_edge.tag_ == _PREPOSITION_TAG and subject.left_edge.dep_ not in {
        "prep", "mark"} and any(c.dep_ in _SUBJECTS and subject.i < c.i < head.i
                                for c in head.children)


def own_clauses(ctx: Sentence, mention: Span, anchor: Token) -> list[Frame]:
    """Relative clauses attached to the mention itself (appositions are records:
    apposition.yaml)."""
    frames: list[Frame] = []
    # 'It is not ICE that issues green cards': the cleft's 'not' denies the clause
    cleft_denied = (anchor.dep_ == "attr" and anchor.head.lemma_ == "be"
                    and any(c.dep_ == "nsubj" and c.lower_ in ctx.lex.cleft_subjects
                            for c in anchor.head.children)
                    and is_negated(anchor.head, ctx.lex))
    for child in _own_relatives(anchor):
        if not slots.someone_else_acts(ctx, child):
            passive = any(c.dep_ == "nsubjpass" for c in child.children)
            if passive:
                continue  # acted on: 'SEVP, which is run by USCIS' is a record (part_of.yaml)
            frames += read_verb(ctx, mention, child, relative=True, negated=cleft_denied)
    return frames


def _own_relatives(anchor: Token) -> list[Token]:
    """The relative clauses of the anchor. 'A, which ..., and B, which ...' parsed with both
    clauses on A: with two or more on the first conjunct, each belongs to the conjunct
    nearest before it (one clause after 'A and B' stays shared, as parsed)."""
    own = [c for c in anchor.children if c.dep_ == "relcl"]
    first = anchor
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    listed = [c for c in first.children if c.dep_ == "relcl"]
    if len(listed) < 2:
        return own
    members = [first, *(t for t in first.conjuncts if t.i > first.i)]

    def owner(clause: Token) -> int:
        return max(m.i for m in members if m.i < clause.i)

    if anchor.i == first.i:
        return [c for c in own if owner(c) == anchor.i]
    return own + [c for c in listed if owner(c) == anchor.i]


def _with_contrasted(ctx: Sentence, mention: Span, around, sent: Span) -> bool:
    """Whether the mention is coordinated with a contrasted one before it ('not USCIS or
    ICE': both are set apart)."""
    root = mention.root
    if root.dep_ != "conj":
        return False
    first = ctx.mention_tokens.get(root.head.i)
    return first is not None and first is not mention and first.start < mention.start and (
        around.contrasted(first, sent))


def read_verb(ctx: Sentence, mention: Span, verb: Token, passive: bool = False,
              relative: bool = False, negated: bool = False,
              own_negation: bool = True) -> list[Frame]:
    """The frames of a verb the agency does, with its coordinated verbs and complements."""
    frames = []
    base_negated = negated or (own_negation and is_negated(verb, ctx.lex))
    for conj, after_but in conj_verbs(verb):
        target = xcomp_chain(conj)
        if target.lemma_ == "be" and not passive:
            frames += records_at(ctx, "copula", mention, target, base_negated) or []
            continue
        neg = (base_negated and not after_but) or (
            conj.i != verb.i and is_negated(conj, ctx.lex))
        neg = neg or (target.i != conj.i and is_negated(target, ctx.lex))
        # 'has special agents who arrest', 'plays no part in issuing', 'has no power to
        # arrest': the role said through another word; 'X falls under Y' says where X sits,
        # nothing about what it does (records anchored at the verb)
        inner, replaced = verb_records(ctx, mention, target, neg)
        frames += inner
        if not replaced:
            frames += plain_verb(ctx, mention, target, passive, relative, neg)
    return frames


def plain_verb(ctx: Sentence, mention: Span, target: Token, passive: bool, relative: bool,
               neg: bool) -> list[Frame]:
    """The frame of a verb and its arguments (and of a second verb the tagger missed)."""
    frames = []
    phrases = verb_phrases(target)
    args = arg_tokens(target, set(ctx.mention_tokens), passive, ctx.opaque, ctx.lex)
    # 'SEVIS, which ICE runs, tracks students': the clause's object is what it is about (the
    # relative word parsed as its object, or as a second subject beside the agency)
    relatives = [c.dep_ for c in target.children if c.lower_ in ctx.lex.relative_words]
    own_subject = any(c.dep_ == "nsubj" and mention.start <= c.i < mention.end
                      for c in target.children)
    beside = target.dep_ == "relcl" and own_subject and bool({"dobj", "nsubj"} & set(relatives))
    if not passive and (beside or (not args and "dobj" in relatives)):
        if target.dep_ == "relcl":
            start = ctx.sentence_of(target.i).start
            args = tuple(linear.noun_phrase(target.head, start)) + tuple(args)
    elif not args and not passive:
        args = linear.tail(ctx, target)
    if not passive:
        # 'patrols the border and issues work permits', with 'issues' tagged a noun
        head_args, later = linear.split_later_verb(ctx, list(args))
        if later is not None:
            args = tuple(head_args)
            frames.append(linear.later_frame(ctx, mention, later, neg))
        args = tuple(linear.split_other_clause(ctx, list(args)))
    # 'ERO provides no medical care', 'has no responsibility for X': denied by 'no'
    neg = neg != any(denied_by_no(c, passive, ctx.lex) for c in target.children)
    frames.append(Frame(
        mention, target, phrases,
        generic=bool(phrases & ctx.lex.verbs("handle")) or slots.role_object(ctx, target)
        or ("(role)",) in phrases,
        args=args,
        negated=neg, role_like=not passive and not relative and slots.role_like(ctx, target),
    ))
    return frames


def verb_records(ctx: Sentence, mention: Span, verb: Token,
                 negated: bool) -> tuple[list[Frame], bool]:
    """The frames of the records anchored at a verb, and whether they replace its own
    reading (a record that replaces and gave a frame)."""
    frames: list[Frame] = []
    replaced = False
    for binding in ctx.anchored.get(("verb", verb.i), ()):
        found = anchored_frames(ctx, mention, [binding], negated)
        frames += found
        replaced = replaced or (bool(found) and binding.construction.replaces)
    return frames, replaced


def records_at(ctx: Sentence, kind: str, mention: Span, token: Token,
               negated: bool) -> list[Frame] | None:
    """The frames of the records anchored at ``token`` (``anchor: kind``), read for
    ``mention`` with the negation the builder reached it with; ``None`` if none matched."""
    found = ctx.anchored.get((kind, token.i))
    return None if found is None else anchored_frames(ctx, mention, found, negated)


def sentence_frames(sent: Span, mentions: list[Span], lex: Lexicon,
                    verb_words: frozenset[str] = frozenset(),
                    transparent: frozenset[str] = frozenset(),
                    bindings: list[Binding] | None = None) -> list[Frame]:
    """Return the frames of every mention in a sentence, in text order.

    ``verb_words`` are the inflected trigger verbs the linear fallback may take for a verb
    the tagger called a noun ('patrol', 'issues'); ``bindings`` the sentence's construction
    matches.
    """
    ctx = Sentence(lex, mentions, verb_words, transparent, sent=sent, bindings=bindings or [])
    out: list[Frame] = []
    for mention in mentions:
        out.extend(mention_frames(ctx, mention))
    return out
