"""Predicate frames: what a sentence says an agency does, read off the dependency parse.

A frame ties an agency mention to a predicate (a verb, a copula, or a role noun such as "job")
and the argument tokens that say what is done. The rules are few kinds: subject, passive
agent, coordination, relative clause, apposition, copula ("is part of", "is the agency that",
"is responsible for"), role noun ("X's job") and contrast ("not X"); the words come from the
lexicon. A linear fallback covers the small model's usual mis-parse of an acronym subject
before an ambiguous verb ("ICE issues green cards" parsed as a noun phrase).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from remit.claims.clauses import ClauseRules
from remit.claims.constructions import Binding, by_anchor, for_mention
from remit.claims.effects import anchored_frames, construction_frames
from remit.claims.lexicon import Lexicon
from remit.claims.linear import LinearRules
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
from remit.claims.prepositions import PrepositionRules

__all__ = ["Frame", "FrameBuilder", "sentence_frames"]


@dataclass
class FrameBuilder(ClauseRules, LinearRules, PrepositionRules):
    """Build frames for the mentions of one sentence."""

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

    # -- entry -----------------------------------------------------------------------------

    def sentence_of(self, i: int) -> Span:
        """The parser sentence holding token ``i``."""
        sent = self.sent
        if sent is not None and sent.start <= i < sent.end:
            return sent
        return self.mentions[0].doc[i].sent

    def frames(self, mention: Span) -> list[Frame]:
        """Return every frame in which ``mention`` is the agency that acts."""
        anchor = self.anchor(mention)
        if anchor.i != mention.root.i and any(c.dep_ == "amod"
                                              and c.lower_ in self.lex.former_markers
                                              for c in anchor.children):
            return []  # 'a former ICE officer now teaches ...': not the agency acting
        frames = self._by_role(mention, anchor)
        own = self._own_clauses(mention, anchor)
        contrast = self._contrast(mention)
        if not frames and contrast:
            # '... handles work permits, not ICE': the contrasted agency shares the predicate.
            verb = next((a for a in anchor.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            frames = self._verb(mention, verb) if verb is not None else []
        first = anchor
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # 'responsible for X and detention operations': an object too
        if not frames and anchor.dep_ not in OBJECT_DEPS and first.dep_ not in OBJECT_DEPS:
            frames = self._linear(mention)
        frames += own
        frames += construction_frames(self, mention, for_mention(self.bindings, mention, anchor))
        if contrast:
            frames = [replace(f, negated=not f.negated, extra={**f.extra, "contrast": True})
                      for f in frames if f.target is None]
        if (anchor.i != mention.root.i and anchor.dep_ == "attr" and anchor.head.lemma_ == "be"
                and anchor.lemma_.lower() in self.lex.units):
            # 'X and Y are DHS components, not parts of CBP': the unit is X and Y, not DHS; what
            # it does, DHS does ('the ICE division that carries out removals'), but where the
            # unit sits is not where DHS sits
            frames = [f for f in frames if f.target is None]
        exclusive = self._is_exclusive(mention)
        return [replace(f, exclusive=f.exclusive or exclusive, labels=self.labels)
                for f in frames]

    def anchor(self, mention: Span) -> Token:
        """The token that plays the mention's role: 'agents' in 'ICE agents', else its root."""
        root = mention.root
        if root.dep_ in {"poss", "amod", "nmod"} and root.head.lemma_.lower() in self.lex.personnel:
            return root.head
        if root.dep_ == "poss" and root.head.lemma_.lower() in self.lex.acting_units:
            return root.head  # "by ERO's Removal division": the division acts for ERO
        if (root.dep_ == "pobj" and root.head.lower_ in self.lex.personnel_prepositions
                and root.head.head.lemma_.lower() in self.lex.personnel):
            return root.head.head  # 'asylum officers of USCIS' act as 'USCIS asylum officers'

        while root.dep_ == "compound" and root.head.i >= mention.end:
            head = root.head
            if (head.lemma_.lower() in self.lex.personnel | self.lex.units
                    or head.i in self.mention_tokens):
                root = head
                continue
            break
        return root

    # -- the mention's grammatical role ----------------------------------------------------

    def _by_role(self, mention: Span, anchor: Token) -> list[Frame]:
        dep, head = anchor.dep_, anchor.head
        if dep == "conj" and head.i not in range(mention.start, mention.end):
            first = head
            while first.dep_ == "conj":
                first = first.head
            if first.i in self.mention_tokens or first.lemma_.lower() in self.lex.personnel:
                return self._by_role(mention, first)
        if dep == "appos" and head.i in self.mention_tokens:
            return self._by_role(mention, self.anchor(self.mention_tokens[head.i]))
        if dep in {"nsubj", "csubj"}:
            if head.lemma_ == "be":
                return self._copula(mention, head, negated=is_negated(head, self.lex))
            if head.pos_ not in {"VERB", "AUX"} and not head.tag_.startswith("VB"):
                return []  # 'DOL grants DACA' parsed with DACA as the root: read linearly
            return self._verb(mention, head)
        if dep == "nsubjpass":
            return self._passive_subject(mention, head)
        if dep == "pobj":
            return self._object_of(mention, head)
        if dep in {"poss", "compound"} and head.lemma_.lower() in self.lex.role_nouns:
            return self._role_noun(mention, head)  # "ICE's job", 'an ICE responsibility'
        if dep in {"attr", "acomp"} and head.lemma_ == "be":
            return self._identified(mention, head)
        return []

    def _identified(self, mention: Span, be: Token) -> list[Frame]:
        """'The agency that issues green cards is USCIS': the subject's clause is USCIS's.

        So is the clause of a cleft, 'It is USCIS that issues green cards', when the parser
        hangs the clause on the copula rather than on the agency.
        """
        frames: list[Frame] = self._cleft(mention, be)
        for subject in be.children:
            if subject.dep_ != "nsubj" or subject.lemma_.lower() not in (
                    self.lex.units | self.lex.personnel):
                continue
            exclusive = any(c.lower_ in self.lex.exclusives for c in subject.children)
            for clause in subject.children:
                if clause.dep_ in {"relcl", "acl"}:
                    frames += [replace(f, exclusive=f.exclusive or exclusive)
                               for f in self._verb(mention, clause,
                                                   negated=is_negated(be, self.lex))]
                elif clause.dep_ == "amod" and clause.lower_ in self.lex.responsible_adjectives:
                    # 'The agency responsible for green cards is USCIS'
                    sub = self._records_at("adjective", mention, clause,
                                           is_negated(be, self.lex)) or []
                    frames += [replace(f, exclusive=f.exclusive or exclusive) for f in sub]
        return frames

    def _cleft(self, mention: Span, be: Token) -> list[Frame]:
        """'It is USCIS that issues green cards': 'it' as subject, the clause beside the agency."""
        if not any(c.dep_ == "nsubj" and c.lower_ in self.lex.cleft_subjects
                   for c in be.children):
            return []
        frames: list[Frame] = []
        for clause in be.children:
            if clause.dep_ in {"ccomp", "relcl"} and clause.i > mention.end and any(
                    c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in self.lex.cleft_relatives
                    for c in clause.children):
                passive = any(c.dep_ == "nsubjpass" for c in clause.children)
                frames += self._verb(mention, clause, passive=passive,
                                     negated=is_negated(be, self.lex))
        return frames

    def _own_clauses(self, mention: Span, anchor: Token) -> list[Frame]:
        """Relative clauses and appositions attached to the mention itself."""
        frames: list[Frame] = []
        loose = self._loose_apposition(mention, anchor)
        if loose is not None:
            frames += self._apposition(mention, loose)
        # 'It is not ICE that issues green cards': the cleft's 'not' denies the clause
        cleft_denied = (anchor.dep_ == "attr" and anchor.head.lemma_ == "be"
                        and any(c.dep_ == "nsubj" and c.lower_ in self.lex.cleft_subjects
                                for c in anchor.head.children)
                        and is_negated(anchor.head, self.lex))
        for child in anchor.children:
            if child.dep_ == "relcl" and not self._someone_else_acts(child):
                passive = any(c.dep_ == "nsubjpass" for c in child.children)
                if passive:
                    # 'SEVP, which is run by USCIS': the mention is acted on; the agent acts
                    if child.lemma_.lower() in self.lex.running_verbs:
                        frames += self._run_by(mention, child)
                    continue
                frames += self._verb(mention, child, relative=True, negated=cleft_denied)
            elif child.dep_ == "appos" and child.i not in self.mention_tokens:
                frames += self._apposition(mention, child)
        return frames

    # -- kinds of predicate ----------------------------------------------------------------

    def _verb(self, mention: Span, verb: Token, passive: bool = False,
              relative: bool = False, negated: bool = False,
              own_negation: bool = True) -> list[Frame]:
        frames = []
        base_negated = negated or (own_negation and is_negated(verb, self.lex))
        for conj, after_but in conj_verbs(verb):
            target = xcomp_chain(conj)
            if target.lemma_ == "be" and not passive:
                frames += self._copula(mention, target, negated=base_negated)
                continue
            neg = (base_negated and not after_but) or (
                conj.i != verb.i and is_negated(conj, self.lex))
            neg = neg or (target.i != conj.i and is_negated(target, self.lex))
            # 'has special agents who arrest', 'plays no part in issuing', 'has no power to
            # arrest': the role said through another word (records anchored at the verb)
            inner = self._records_at("verb", mention, target, neg)
            if inner is not None:
                frames += inner
                continue
            part_of = self._part_of_verb(mention, target, neg)
            frames += part_of
            if any(f.mention == mention for f in part_of):
                continue  # 'X falls under Y' says nothing about what X does
            frames += self._plain_verb(mention, target, passive, relative, neg)
        return frames

    def _plain_verb(self, mention: Span, target: Token, passive: bool, relative: bool,
                    neg: bool) -> list[Frame]:
        """The frame of a verb and its arguments (and of a second verb the tagger missed)."""
        frames = []
        phrases = verb_phrases(target)
        args = arg_tokens(target, set(self.mention_tokens), passive, self.opaque)
        if not args and not passive:
            args = self._tail(target)
        if not passive:
            # 'patrols the border and issues work permits', with 'issues' tagged a noun
            head_args, later = self._split_later_verb(list(args))
            if later is not None:
                args = tuple(head_args)
                frames.append(self._linear_frame(mention, later[0], later[1], neg))
        # 'ERO provides no medical care', 'has no responsibility for X': denied by 'no'
        neg = neg != any(denied_by_no(c, passive) for c in target.children)
        frames.append(Frame(
            mention, target, phrases,
            generic=bool(phrases & self.lex.verbs("handle")) or self._role_object(target)
            or ("(role)",) in phrases,
            args=args,
            negated=neg, role_like=not passive and not relative and self._role_like(target),
        ))
        return frames

    def _records_at(self, kind: str, mention: Span, token: Token,
                    negated: bool) -> list[Frame] | None:
        """The frames of the records anchored at ``token`` (``anchor: kind``), read for
        ``mention`` with the negation the builder reached it with; ``None`` if none matched."""
        found = self.anchored.get((kind, token.i))
        return None if found is None else anchored_frames(self, mention, found, negated)

    def _role_object(self, verb: Token) -> bool:
        """'has responsibility for X', 'shares responsibility for X', 'plays a role in X'."""
        return any(c.dep_ == "dobj" and c.lemma_.lower() in self.lex.role_nouns
                   for c in verb.children)

    def _role_like(self, verb: Token) -> bool:
        """Whether a main-clause predicate with no known function still states a role.

        Present tense or a modal ('OPLA employs 1,700 attorneys', 'CBP can run X'), with a
        noun argument; past events ('agents testified on Wednesday') and bare pronoun objects
        ('reviews it first') are not role statements.
        """
        args = arg_tokens(verb, set(self.mention_tokens), opaque=self.opaque)
        if verb.lemma_.lower() in self.lex.non_role_verbs and not (
                verb.lemma_ == "have" and any(t.like_num for t in args)):
            return False  # ... except a statistic: 'ICE has roughly 20,000 employees'
        if verb.dep_ not in {"ROOT", "conj", "xcomp"}:
            return False
        present = verb.tag_ in {"VBZ", "VBP"} or any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
        return present and any(t.pos_ in {"NOUN", "PROPN"} for t in args)

    def _contrast(self, mention: Span) -> bool:
        """'not ICE but USCIS', 'ERO, not HSI, ...': the mention itself is negated."""
        doc = mention.doc
        start = self.sentence_of(mention.start).start
        before = [t for t in doc[max(start, mention.start - 3) : mention.start]
                  if t.lower_ not in {"the", "by", ","}]
        if not before or before[-1].lower_ not in self.lex.contrast_negations:
            return False
        # 'is not the judge's job' negates the verb, not the mention
        return not (before[-1].dep_ == "neg" and before[-1].head.pos_ in {"VERB", "AUX"})

    def _is_exclusive(self, mention: Span) -> bool:
        """'only ICE', 'ICE alone', 'the only agency'."""
        doc = mention.doc
        start = self.sentence_of(mention.start).start
        window = doc[max(start, mention.start - 2) : mention.start]
        if any(t.lower_ in self.lex.exclusive_adverbs for t in window):
            return True
        before = " ".join(t.lower_ for t in doc[max(start, mention.start - 4) : mention.start])
        if before.endswith(("nobody but", "no one but", "none but", "other than",
                            "nobody except", "no one except")) and "no" in before:
            return True
        nxt = doc[mention.end] if mention.end < len(doc) else None
        return nxt is not None and nxt.lower_ == "alone"


def sentence_frames(sent: Span, mentions: list[Span], lex: Lexicon,
                    verb_words: frozenset[str] = frozenset(),
                    transparent: frozenset[str] = frozenset(),
                    bindings: list[Binding] | None = None) -> list[Frame]:
    """Return the frames of every mention in a sentence, in text order.

    ``verb_words`` are the inflected trigger verbs the linear fallback may take for a verb
    the tagger called a noun ('patrol', 'issues'); ``bindings`` the sentence's construction
    matches.
    """
    builder = FrameBuilder(lex, mentions, verb_words, transparent, sent=sent,
                           bindings=bindings or [])
    out: list[Frame] = []
    for mention in mentions:
        out.extend(builder.frames(mention))
    return out
