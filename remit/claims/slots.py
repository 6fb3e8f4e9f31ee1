"""The context every frame rule reads, and the slot readers they share.

:class:`Sentence` holds one sentence's mentions, the lexicon and the construction matches;
the rules of :mod:`remit.claims.frames`, :mod:`~remit.claims.clauses`,
:mod:`~remit.claims.prepositions`, :mod:`~remit.claims.linear` and
:mod:`~remit.claims.effects` are plain functions that take it first. The readers here say how
an argument is read (a noun phrase's words, the agency a word names), never where it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from remit.claims.constructions import Binding, by_anchor
from remit.claims.lexicon import Lexicon
from remit.claims.predicates import Frame, arg_tokens


@dataclass
class Sentence:
    """One sentence's mentions and what the rules read of them: the context of every rule."""

    lex: Lexicon
    mentions: list[Span]
    verb_words: frozenset[str] = frozenset()
    transparent: frozenset[str] = frozenset()
    mention_tokens: dict[int, Span] = field(default_factory=dict)
    opaque: set[int] = field(default_factory=set)
    # The parser sentence of the mentions, when the caller has it (``Span.sent`` is a search).
    sent: Span | None = None
    # The sentence's matches of construction records (data/constructions/*.yaml).
    bindings: list[Binding] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.anchored = by_anchor(self.bindings)
        self.mention_tokens = {i: m for m in self.mentions for i in range(m.start, m.end)}
        # Courts, programs and personnel ('immigration court', 'SEVP') can be what is done;
        # the names of agencies ('Citizenship and Immigration Services') cannot.
        # An opaque name stays in the arguments as one token, its root, read as the agency's
        # id ('represents DHS' -> 'dhs'), never as its words.
        self.labels = {m.root.i: m.label_ for m in self.mentions
                       if m.label_ not in self.transparent}
        self.opaque = {i for i, m in self.mention_tokens.items()
                       if m.label_ not in self.transparent and i not in self.labels}

    def sentence_of(self, i: int) -> Span:
        """The parser sentence holding token ``i``."""
        sent = self.sent
        if sent is not None and sent.start <= i < sent.end:
            return sent
        return self.mentions[0].doc[i].sent

    def anchor(self, mention: Span) -> Token:
        """The token that plays the mention's role: 'agents' in 'ICE agents', else its root."""
        root = mention.root
        if root.dep_ == "poss" and root.head.i >= mention.end:
            # "ICE's Enforcement and Removal Operations branch ...", one name with its owner's
            # possessive: the name's own head noun is its root, not the possessor
            root = next((t for t in reversed(mention) if t.head.i >= mention.end), root)
        if root.dep_ in {"poss", "amod", "nmod"} and root.head.lemma_.lower() in self.lex.personnel:
            return root.head
        if root.dep_ == "poss" and root.head.lemma_.lower() in self.lex.acting_units:
            return root.head  # "by ERO's Removal division": the division acts for ERO
        if (root.dep_ == "pobj" and root.head.lower_ in self.lex.personnel_prepositions
                and root.head.head.lemma_.lower() in self.lex.personnel
                and not any(c.i in self.mention_tokens
                            and root.head.head.i not in range(self.mention_tokens[c.i].start,
                                                              self.mention_tokens[c.i].end)
                            for c in root.head.head.children
                            if c.dep_ in {"compound", "poss", "amod", "nmod"})):
            # 'asylum officers of USCIS' act as 'USCIS asylum officers'; 'ICE officers at the
            # consulate' are ICE's, at a place
            return root.head.head

        while root.dep_ == "compound" and root.head.i >= mention.end:
            head = root.head
            if (head.lemma_.lower() in self.lex.personnel | self.lex.units
                    or head.i in self.mention_tokens):
                root = head
                continue
            break
        return root

    def mention_in(self, token: Token) -> Span | None:
        """The agency a preposition or verb takes as its object: 'of [the Justice Department]'."""
        for obj in token.children:
            if obj.dep_ not in {"pobj", "dobj", "npadvmod"}:
                continue
            if obj.i in self.mention_tokens:
                return self.mention_tokens[obj.i]
            for child in obj.children:
                if child.dep_ in {"compound", "poss"} and child.i in self.mention_tokens:
                    return self.mention_tokens[child.i]
                if (child.dep_ == "prep"
                        and child.lower_ in self.lex.word_class("leader_prepositions")
                        and obj.lemma_.lower() in self.lex.word_class("agency_leaders")):
                    # 'reports to the director of USCIS'
                    return next((self.mention_tokens[g.i] for g in child.children
                                 if g.dep_ == "pobj" and g.i in self.mention_tokens), None)
        return None


def generic(ctx: Sentence, mention: Span, head: Token, tokens, negated: bool) -> Frame:
    args = tuple(t for t in tokens if t.i not in ctx.opaque)
    # No verb of its own: only the generic triggers (no verbs named) can fire, and those
    # only on the words the statement is about, not on ones nested deeper. A leading
    # gerund the tagger took for a noun ('Issuing passports is ...') is the verb.
    phrases = {("(role)",)}
    if args and args[0].lower_.endswith(tuple(ctx.lex.word_class("gerund_suffixes"))):
        verb = gerund_verb(ctx, args[0].lower_)
        if verb:
            phrases.add((verb,))
            args = args[1:]
    return Frame(mention, head, frozenset(phrases), True, args, negated=negated)


def gerund_verb(ctx: Sentence, word: str) -> str | None:
    """'issuing' -> 'issue', 'granting' -> 'grant', 'running' -> 'run', if a trigger verb."""
    suffix = next(s for s in ctx.lex.word_class("gerund_suffixes") if word.endswith(s))
    stem = word[: -len(suffix)]
    for verb in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2]
                 else None):
        if verb and verb in ctx.verb_words:
            return verb
    return None


def noun_args(ctx: Sentence, noun: Token) -> list[Token]:
    """The noun's subtree, less opaque names and what hangs in its relative clauses."""
    subtree = list(noun.subtree)
    clauses = {t.i for t in subtree if t.dep_ in {"relcl", "acl"} and t.i != noun.i}
    inside = {t.i for t in subtree}
    return [t for t in subtree
            if t.i not in ctx.opaque and t.dep_ not in {"relcl", "acl"}
            and not (clauses and any(a.i in clauses for a in t.ancestors if a.i in inside))]


def part_of_frame(ctx: Sentence, mention: Span, head: Token, target: Span, negated: bool) -> Frame:
    """The frame that says ``mention`` is part of ``target``."""
    phrases = frozenset(tuple(p.split()) for p in ctx.lex.word_class("part_of_predicate"))
    return Frame(mention, head, phrases, False, (), negated=negated, target=target)


def someone_else_acts(ctx: Sentence, clause: Token) -> bool:
    """Whether a relative clause has an actor of its own, not the relative word.

    In 'the body to whom litigants appeal' the litigants act, and Congress in 'ICE, which
    Congress created'. 'ICE, whose officers arrest people' keeps the agency: 'whose' is in
    the subject.
    """
    if other_subject(ctx, clause):
        return True
    return any(c.dep_ in {"nsubj", "nsubjpass"} and not any(
                   t.lower_ in ctx.lex.relative_words for t in c.subtree)
               for c in clause.children)


def other_subject(ctx: Sentence, clause: Token) -> bool:
    """'ICE, whose ERO directorate runs ...': the clause's subject names another agency."""
    for child in clause.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return any(t.i in ctx.mention_tokens for t in child.subtree)
    return False


def role_object(ctx: Sentence, verb: Token) -> bool:
    """'has responsibility for X', 'shares responsibility for X', 'plays a role in X'."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ctx.lex.role_nouns
               for c in verb.children)


_PRESENT = frozenset({"VBZ", "VBP"})
_PARTICIPLES = frozenset({"VBN", "VBG"})


def _present(verb: Token) -> bool:
    """A present-tense or modal predicate; 'does not use', 'has adopted', 'is deploying': the
    auxiliary carries the tense, and a participle coordinated with a verb shares that verb's
    auxiliary ('has handled and protected'; not 'has authority ... and connecting to')."""
    if verb.tag_ in _PARTICIPLES and verb.dep_ == "conj" and verb.head.tag_ in _PARTICIPLES and (
            not any(c.dep_ == "aux" for c in verb.children)):
        verb = verb.head
    return verb.tag_ in _PRESENT or any(
        c.dep_ == "aux" and c.tag_ in _PRESENT | {"MD"} for c in verb.children)


def _copula_clause(verb: Token) -> bool:
    """'X is the agency that prosecutes the case': the clause of a main-clause copula's
    complement says what the subject does (copula.yaml's copula-clause)."""
    noun = verb.head
    return (verb.dep_ in {"relcl", "acl"} and noun.dep_ in {"attr", "nsubj"}
            and noun.head.lemma_ == "be" and noun.head.dep_ in {"ROOT", "conj"})


def _completed(verb: Token) -> Token | None:
    """The predicate a verb completes: an xcomp's head ('begins processing'), or the copula
    of an adjective whose preposition the verb fills ('is responsible for publishing')"""
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        return verb.head
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        adjective = verb.head.head
        if adjective.dep_ == "acomp" and adjective.head.lemma_ == "be":
            return adjective.head
    return None


def role_like(ctx: Sentence, verb: Token) -> bool:
    """Whether a main-clause predicate with no known function still states a role.

    Present tense or a modal ('OPLA employs 1,700 attorneys', 'CBP can run X'), with a
    noun argument; past events ('agents testified on Wednesday') and bare pronoun objects
    ('reviews it first') are not role statements.
    """
    args = arg_tokens(verb, set(ctx.mention_tokens), opaque=ctx.opaque, lex=ctx.lex)
    if verb.lemma_.lower() in ctx.lex.non_role_verbs and not (
            verb.lemma_ in ctx.lex.word_class("statistic_verbs")
            and any(t.like_num for t in args)):
        return False  # ... except a statistic: 'ICE has roughly 20,000 employees'
    # 'begins processing the application': a complement has the tense of the verb it
    # completes (not of 'wants to', 'needs to': those state no act), and its place
    chain = [verb]
    while (up := _completed(chain[-1])) is not None:
        chain.append(up)
    if chain[-1].dep_ not in {"ROOT", "conj"} and not _copula_clause(chain[-1]):
        return False
    if any(v.lemma_.lower() in ctx.lex.non_role_verbs  # not the copula of 'responsible'
           for below, v in zip(chain, chain[1:]) if below.dep_ == "xcomp"):
        return False
    if any(c.tag_ == "WRB" for v in chain for c in v.children):
        return False  # '... and how it can help you': a wh-clause, asked or described, not said
    present = any(_present(v) for v in chain)
    # 'does important work', 'has many duties': a role noun alone names no act
    return present and any(t.pos_ in {"NOUN", "PROPN"}
                           and t.lemma_.lower() not in ctx.lex.role_nouns for t in args)
