"""What a construction's match means: frames built from its bound slots.

The slot readers are the frame rules' own (a verb's arguments and coordination, a noun
phrase's words, the agency a word names), so a construction record decides only *where* the
agency, the predicate and the content are, never how an argument is read.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from remit.claims import frames as core
from remit.claims.around import mention_cues_of
from remit.claims.constructions import Binding
from remit.claims.predicates import Frame, is_negated
from remit.claims.slots import generic, noun_args, other_subject, part_of_frame

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
    # a fallback record reads only where no other record at the same word gave a frame
    for fallback in (False, True):
        for binding in bindings:
            if binding.construction.fallback != fallback:
                continue
            own = any(is_negated(doc[i], ctx.lex) for i in binding.negators
                      if i != binding.anchor)
            frames += _read(ctx, mention, binding, negated != own)
        if frames:
            break
    return frames


def _read(ctx, mention: Span, binding: Binding, negated: bool) -> list[Frame]:
    record, slots, doc = binding.construction, binding.slots, mention.doc
    if (not record.by_staff and _by_staff(ctx, mention)) or any(
            i in ctx.mention_tokens for i in binding.not_agency):
        return []
    if negated and _additive(ctx, doc, binding.negators):
        negated = False  # 'is not just the gatekeeper for green cards': it is, and more
    negated = (negated != record.negates) != binding.denied
    if record.effect == ANCHORED:
        read = core.records_at(ctx, record.at, mention, doc[slots["content"]], negated) or []
    elif record.effect == "part_of":
        read = _part_of(ctx, mention, binding, negated)
    elif record.effect == "role":
        read = _role(ctx, mention, binding, negated)
    elif record.effect == "does":
        read = _does(ctx, mention, binding, negated)
    else:
        read = _acts(ctx, mention, doc, slots, negated)
    # the predicate's (an anchored record's anchor: 'should be the one doing it') modality
    # counts too
    at = binding.anchor if binding.anchor is not None else slots.get("predicate")
    outer = doc[at] if at is not None else None
    # a frame read by a record the content reached (content_as 'adjective', 'unit') keeps
    # that record's id; what the outer record says adds to it
    return [replace(f, construction=f.construction or record.id,
                    through=(record.id, *f.through) if f.construction else f.through,
                    exclusive=f.exclusive or record.exclusive or binding.exclusive,
                    role_like=f.role_like and record.unlisted,
                    partial=(f.partial or record.partial) and not f.negated,
                    outer=outer if outer is not None and outer.i != f.head.i else f.outer)
            for f in read]


def _does(ctx, mention: Span, binding: Binding, negated: bool) -> list[Frame]:
    """The agency does the content: a verb read as any verb the agency does (its frame's
    role-likeness its own), or a role over the content's whole subtree."""
    doc = mention.doc
    content = doc[binding.slots["content"]]
    how = binding.construction.content_as
    if how == "verb" or (how == "any" and content.pos_ == "VERB"):
        return _within_apposition(content, core.read_verb(ctx, mention, content, negated=negated))
    if how in {"adjective", "unit"}:  # the records anchored at the content read it
        found = core.records_at(ctx, how, mention, content, negated) or []
        if binding.head is None:
            return found
        return [replace(f, head=doc[binding.head]) for f in found]
    head = doc[binding.head] if binding.head is not None else content
    # 'noun': the noun and the words before it ('an approved petition from X for ...')
    words = ([t for c in content.lefts for t in c.subtree] + [content] if how == "noun"
             else content.subtree)
    frame = replace(generic(ctx, mention, head, words, negated), role_like=True)
    if binding.construction.as_verb:  # read as that verb: a generic one ('handle') stays generic
        phrases = frozenset({tuple(binding.construction.as_verb.split())})
        frame = replace(frame, generic=bool(phrases & ctx.lex.verbs("handle")),
                        verb_phrases=phrases)
    return [frame]


def _within_apposition(clause: Token, frames: list[Frame]) -> list[Frame]:
    """The frames of a clause in an apposition set off by commas ('X, the office that grants
    green cards, investigates ...'), their words cut at the comma that closes it (the parser
    may hang the sentence's own verbs on the clause's object)."""
    noun = clause.head
    doc = clause.doc
    if clause.dep_ not in {"relcl", "acl"} or noun.dep_ != "appos":
        return frames
    before = noun.left_edge.i - 1
    while before > 0 and doc[before].dep_ in {"neg", "advmod"}:  # ', not the office ...'
        before -= 1
    if before < 1 or doc[before].text != ",":
        return frames
    cut = next((t.i for t in doc[clause.i + 1 : clause.sent.end] if t.text == ","), None)
    if cut is None:
        return frames
    return [replace(f, args=tuple(t for t in f.args if t.i < cut)) for f in frames
            if f.head.i < cut]


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
    # below it ('the gatekeeper for naturalization': 'for'), unless the record names one
    head = doc[binding.head] if binding.head is not None else content.head
    return [replace(generic(ctx, mention, head, noun_args(ctx, content), negated),
                    role_like=True)]


def _acted_by_other(ctx, mention: Span, content: Token) -> bool:
    """Whether the content's own subject names an agency other than ``mention`` ('ICE's job
    is that ERO runs ...'); 'USCIS's duty is deporting' has the mention in its subject."""
    return any(t.i in ctx.mention_tokens and ctx.mention_tokens[t.i] != mention
               for c in content.children if c.dep_ in {"nsubj", "nsubjpass"}
               for t in c.subtree)


def _acts(ctx, mention: Span, doc, slots, negated: bool) -> list[Frame]:
    """The agency does the predicate, a verb: read as a passive when it has a passive
    subject ('It is ICE that is tasked with ...')."""
    predicate = doc[slots["predicate"]]
    if predicate.dep_ in {"relcl", "acl"} and other_subject(ctx, predicate):
        return []  # 'X is the agency whose ERO officers ...': ERO acts
    passive = any(c.dep_ == "nsubjpass" for c in predicate.children)
    return core.read_verb(ctx, mention, predicate, passive=passive, negated=negated,
                          own_negation=False)


def _part_of(ctx, mention: Span, binding: Binding, negated: bool) -> list[Frame]:
    """``mention`` is part of the target (with ``reverse``, the target of it), the frame hung
    on ``head``, the predicate or the anchor. An agency whose name holds the anchor ('the
    Office of Field Operations': 'Office') is not its own whole."""
    doc, reverse, slots = mention.doc, binding.construction.reverse, binding.slots
    head = doc[binding.head if binding.head is not None else slots.get(
        "predicate", slots.get("content", slots.get("agency", binding.anchor)))]
    target = _named(ctx, doc[binding.slots["target"]], own=reverse)
    if target is None or target == mention or (
            binding.anchor is not None and target.start <= binding.anchor < target.end):
        return []
    if reverse:  # 'DHS includes CBP and ICE': each conjunct is a part
        parts = [target, *(_named(ctx, t, own=True) for t in _listed(ctx, target.root))]
        return [part_of_frame(ctx, part, head, mention, negated)
                for part in dict.fromkeys(p for p in parts if p is not None and p != mention)]
    if mention_cues_of(ctx.lex).contrasted(target, ctx.sentence_of(target.start)) or (
            _contrasted_place(ctx, target)):
        negated = True  # 'part of DHS, not of DOJ', 'under DHS, not under DOJ'
    return [part_of_frame(ctx, mention, head, target, negated)]


def _listed(ctx, root: Token) -> list[Token]:
    """The conjuncts after ``root`` up to a denial or a contrast ('DHS includes CBP and ICE,
    but not the immigration courts': not the courts)."""
    stops = ctx.lex.negations | ctx.lex.contrast_conjunctions
    out = []
    for token in root.conjuncts:
        if token.i < root.i:
            continue
        if any(t.lower_ in stops or t.dep_ == "neg" for t in root.doc[root.i + 1 : token.i + 1]):
            break
        out.append(token)
    return out


def _contrasted_place(ctx, target: Span) -> bool:
    """'part of DHS, not within DOJ': a contrast negation and a preposition of place (the
    lexicon's ``copula_prepositions``) just before the target, articles aside. Only a
    part-of target is read so: 'agents not in the Border Patrol' deny nobody's act."""
    doc, k = target.doc, target.start - 1
    while k >= 0 and doc[k].lower_ in ctx.lex.word_class("articles"):
        k -= 1
    return (k >= 1 and doc[k].lower_ in ctx.lex.word_class("copula_prepositions")
            and doc[k - 1].lower_ in ctx.lex.word_class("contrast_negations"))


def _by_staff(ctx, mention: Span) -> bool:
    """Whether the mention is read through its people ('ICE attorneys'): its anchor is a
    personnel word outside its name."""
    anchor = ctx.anchor(mention)
    return anchor.i != mention.root.i and anchor.lemma_.lower() in ctx.lex.personnel


def _named(ctx, token: Token, own: bool = False) -> Span | None:
    """The agency mention a token is part of, or (unless ``own``) names through a compound
    ('the DHS umbrella')."""
    if token.i in ctx.mention_tokens:
        return ctx.mention_tokens[token.i]
    if own:
        return None
    # through a name, a body or a word for a whole ('the DHS umbrella', "the State
    # Department's bureau"), not any noun ("a component of the Pentagon's counter-drug
    # operation")
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma not in ctx.lex.units and lemma not in (
            ctx.lex.word_class("umbrella_nouns")) and lemma not in ctx.lex.personnel:
        return None
    for child in token.children:
        if child.dep_ in {"compound", "poss", "nmod", "pobj"} and child.i in ctx.mention_tokens:
            return ctx.mention_tokens[child.i]
    return None

