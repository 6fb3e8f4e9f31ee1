"""What a construction's match means: frames built from its bound slots.

The slot readers are the frame rules' own (a verb's arguments and coordination, a noun
phrase's words, the agency a word names), so a construction record decides only *where* the
agency, the predicate and the content are, never how an argument is read.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from remit.claims import frames as core
from remit.claims.constructions import Binding
from remit.claims.predicates import Frame, is_negated
from remit.claims.slots import generic, noun_args, part_of_frame

ANCHORED = "anchored"  # effect: what the records anchored at the content say


def construction_frames(ctx, mention: Span, bindings: list[Binding]) -> list[Frame]:
    """The frames of every binding whose agency is ``mention``, tagged with its record id."""
    doc = mention.doc
    frames: list[Frame] = []
    for binding in bindings:
        negated = any(is_negated(doc[i], ctx.lex) for i in binding.negators)
        frames += _read(ctx, mention, binding, negated)
    return frames


def anchored_frames(ctx, mention: Span, bindings: list[Binding], negated: bool) -> list[Frame]:
    """The frames of anchored bindings for ``mention``, which the frame rules reached with the
    negation ``negated``; other negation nodes of a record count on top of it."""
    doc = mention.doc
    frames: list[Frame] = []
    for binding in bindings:
        own = any(is_negated(doc[i], ctx.lex) for i in binding.negators
                  if i != binding.anchor)
        frames += _read(ctx, mention, binding, negated != own)
    return frames


def _read(ctx, mention: Span, binding: Binding, negated: bool) -> list[Frame]:
    record, slots, doc = binding.construction, binding.slots, mention.doc
    if negated and _additive(ctx, doc, binding.negators):
        negated = False  # 'is not just the gatekeeper for green cards': it is, and more
    negated = (negated != record.negates) != binding.denied
    head = doc[slots.get("predicate", slots.get("content", slots.get("agency", 0)))]
    if record.effect == ANCHORED:
        read = core.records_at(ctx, record.at, mention, doc[slots["content"]], negated) or []
    elif record.effect == "role":
        read = _role(ctx, mention, binding, negated)
    elif record.effect == "does":
        read = _does(ctx, mention, binding, negated)
    else:
        read = _EFFECTS[record.effect](ctx, mention, doc, slots, head, negated)
    outer = doc[slots["predicate"]] if "predicate" in slots else None
    return [replace(f, construction=record.id, exclusive=f.exclusive or record.exclusive,
                    role_like=f.role_like and record.unlisted,
                    partial=record.partial and not f.negated,
                    outer=outer if outer is not None and outer.i != f.head.i else None)
            for f in read]


def _does(ctx, mention: Span, binding: Binding, negated: bool) -> list[Frame]:
    """The agency does the content: a verb read as any verb the agency does (its frame's
    role-likeness its own), or a role over the content's whole subtree."""
    doc = mention.doc
    content = doc[binding.slots["content"]]
    how = binding.construction.content_as
    if how == "verb" or (how == "any" and content.pos_ == "VERB"):
        return core.read_verb(ctx, mention, content, negated=negated)
    head = doc[binding.head] if binding.head is not None else content
    frame = replace(generic(ctx, mention, head, content.subtree, negated), role_like=True)
    if binding.construction.as_verb:
        frame = replace(frame, generic=False,
                        verb_phrases=frozenset({tuple(binding.construction.as_verb.split())}))
    return [frame]


def _additive(ctx, doc, negators) -> bool:
    """'not just', 'not merely': a negation followed by an additive adverb."""
    additive = ctx.lex.word_class("additive_adverbs")
    return any(c.dep_ == "neg" and c.i + 1 < len(doc) and doc[c.i + 1].lower_ in additive
               for i in negators for c in doc[i].children)


def _role(ctx, mention: Span, binding: Binding, negated: bool) -> list[Frame]:
    """The agency does the content: a verb's frame, or a role over a noun phrase's words
    (``content_as: subtree`` with a ``head``: over the content's whole subtree, the frame
    hung on that node, as 'Deciding who gets deported is ICE's job' hangs on 'job')."""
    doc, record = mention.doc, binding.construction
    content = doc[binding.slots["content"]]
    if content.i in ctx.mention_tokens or _acted_by_other(ctx, mention, content):
        return []  # an agency is who acts, not what is done ('an ICE office', 'ERO runs ...')
    if record.content_as != "noun" and (content.pos_ in {"VERB", "AUX"}
                                        or content.tag_.startswith("VB")):
        return [replace(f, role_like=True)
                for f in core.read_verb(ctx, mention, content, negated=negated)]
    if record.content_as == "subtree" and binding.head is not None:
        return [replace(generic(ctx, mention, doc[binding.head], content.subtree, negated),
                        role_like=True)]
    # The word the content hangs on is the frame's head, so the content is not 'nested'
    # below it ('the gatekeeper for naturalization': 'for')
    return [replace(generic(ctx, mention, content.head, noun_args(ctx, content),
                                     negated), role_like=True)]


def _acted_by_other(ctx, mention: Span, content: Token) -> bool:
    """Whether the content's own subject names an agency other than ``mention`` ('ICE's job
    is that ERO runs ...'); 'USCIS's duty is deporting' has the mention in its subject."""
    return any(t.i in ctx.mention_tokens and ctx.mention_tokens[t.i] != mention
               for c in content.children if c.dep_ in {"nsubj", "nsubjpass"}
               for t in c.subtree)


def _acts(ctx, mention: Span, doc, slots, head: Token, negated: bool) -> list[Frame]:
    """The agency does the predicate, a verb: read as a passive when it has a passive
    subject ('It is ICE that is tasked with ...')."""
    predicate = doc[slots["predicate"]]
    passive = any(c.dep_ == "nsubjpass" for c in predicate.children)
    return core.read_verb(ctx, mention, predicate, passive=passive, negated=negated,
                          own_negation=False)


def _part_of(ctx, mention: Span, doc, slots, head: Token, negated: bool) -> list[Frame]:
    target = _named(ctx, doc[slots["target"]])
    if target is None or target == mention:
        return []
    return [part_of_frame(ctx, mention, head, target, negated)]


def _named(ctx, token: Token) -> Span | None:
    """The agency mention a token is part of, or names through a compound ('the DHS umbrella')."""
    if token.i in ctx.mention_tokens:
        return ctx.mention_tokens[token.i]
    for child in token.children:
        if child.dep_ in {"compound", "poss", "nmod", "pobj"} and child.i in ctx.mention_tokens:
            return ctx.mention_tokens[child.i]
    return None


_EFFECTS = {"role": _role, "acts": _acts, "part_of": _part_of}
