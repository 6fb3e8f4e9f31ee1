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

from remit.claims.lexicon import Lexicon

# Dependents that are not what is done: the subject side, auxiliaries, clause links.
_NOT_ARGS = {"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "cc", "conj",
             "mark", "advcl", "relcl", "appos", "agent", "det", "expl", "discourse", "parataxis"}
_COPULA_PREPS = {"in", "within", "under", "inside", "of"}
_NON_ROLE_VERBS = {"be", "have", "say", "become", "seem", "get", "go", "come", "grow",
                   "testify", "appear", "look", "remain", "want", "need", "know"}
# 'Y runs X' with X an agency: X is part of Y.
_CONTAINS = {"run", "operate", "oversee", "administer", "supervise", "house", "include",
             "contain", "comprise", "encompass"}
# Roles in which a mention is what is acted on, never the actor.
_OBJECT_DEPS = {"pobj", "dobj", "poss", "attr", "agent", "dative", "iobj"}
_CLAUSE_BREAKS = {";", ":", "which", "who", "whose", "that", "because", "when", "while", "if",
                  "although", "but", "whereas", "unless", "since", "after", "before"}


@dataclass(frozen=True)
class Frame:
    """One predicate said of one agency mention."""

    mention: Span
    head: Token
    verb_phrases: frozenset[tuple[str, ...]]
    generic: bool
    args: tuple[Token, ...]
    negated: bool = False
    exclusive: bool = False
    target: Span | None = None
    role_like: bool = False
    extra: dict = field(default_factory=dict, compare=False)
    labels: dict[int, str] = field(default_factory=dict, compare=False)


def lemma_of(token: Token) -> str:
    """The token's lemma, mended where the small model gets it wrong ('certifies' -> 'certifie')."""
    lemma, lower = token.lemma_.lower(), token.lower_
    if lower.endswith("ies") and (lemma.endswith("ie") or lemma == lower):
        return lower[:-3] + "y"
    if lemma == lower and token.tag_ in {"NNS", "NNPS", "NNP"} and lower.endswith("s"):
        # A verb the tagger took for a plural or proper noun: 'issues', 'processes'.
        return lower[:-2] if lower.endswith(("sses", "shes", "ches", "xes", "zes")) else lower[:-1]
    return lemma


def verb_phrases(verb: Token) -> frozenset[tuple[str, ...]]:
    """Return the lemma phrases of a verb: 'carry', 'carry out', 'deal with'."""
    lemma = lemma_of(verb)
    out = {(lemma,)}
    for child in verb.children:
        if child.dep_ in {"prt", "prep"} and child.i > verb.i:
            out.add((lemma, child.lower_))
    return frozenset(out)


def is_negated(token: Token, lex: Lexicon) -> bool:
    """Whether a predicate carries its own negation ('not', "n't", 'never', 'no longer')."""
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ in lex.negations:
            return True
        if child.lower_ == "longer" and any(c.lower_ == "no" for c in child.children):
            return True
    return False


def arg_tokens(verb: Token, mentions: set[int], passive: bool = False,
               opaque: set[int] | None = None) -> tuple[Token, ...]:
    """Return the tokens that say what is done, in text order.

    Relative and adverbial clauses are left out (they are predicates of their own), as are
    clausal modifiers that contain another agency mention ("orders issued by judges"), and the
    names of agencies in ``opaque`` (token indices).
    """
    out: list[Token] = []
    children = list(verb.children)
    if passive and verb.dep_ == "conj" and not any(c.dep_ == "nsubjpass" for c in children):
        # 'issued by judges and carried out by ICE': the object is the first conjunct's.
        children += [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    for child in children:
        if child.dep_ == "ccomp" and child.i < verb.i:
            continue  # a clause before the verb is not its object
        complement = child.dep_ == "relcl" and verb.pos_ == "VERB"
        if child.dep_ in _NOT_ARGS and not (passive and child.dep_ == "nsubjpass") and not (
                complement):
            continue
        out.extend(_pruned_subtree(child, mentions))
    # Agency names are who, not what: 'works with U.S. Citizenship and Immigration Services'
    # must not read as 'citizenship'.
    opaque = mentions if opaque is None else opaque
    return tuple(sorted((t for t in out if t.i not in opaque), key=lambda t: t.i))


def _pruned_subtree(token: Token, mentions: set[int]) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ in {"relcl", "advcl", "appos"}:
            continue
        if child.dep_ == "acl" and any(t.i in mentions for t in child.subtree):
            continue
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and token.pos_ in {"VERB", "AUX"}:
            continue
        out.extend(_pruned_subtree(child, mentions))
    return out


def conj_verbs(verb: Token) -> list[tuple[Token, bool]]:
    """Return ``verb`` and the verbs coordinated with it that share its subject.

    The flag says whether the verb follows a contrastive 'but' (negation is not shared then).
    """
    out = [(verb, False)]
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} or (
            child.dep_ == "conj" and child.tag_.startswith("VB")
        ):
            if any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in child.children):
                continue
            doc = verb.doc
            if any(doc[i].dep_ in {"nsubj", "nsubjpass"} for i in range(verb.i + 1, child.i)):
                # 'HSI conducts X while ERO conducts Y, operates Z': a mis-attached conjunct.
                continue
            but = any(c.lower_ == "but" for c in verb.children if c.dep_ == "cc")
            out.extend((v, b or but) for v, b in conj_verbs(child))
    return out


def xcomp_chain(verb: Token) -> Token:
    """Follow 'is able to process', 'helps enforce' down to the verb that says what is done.

    Not past a verb with an object of its own ('issue Notices to Appear') or into a
    'whether' clause ('decide whether to issue').
    """
    if any(c.dep_ in {"dobj", "attr"} for c in verb.children):
        return verb
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"} and not any(
                c.dep_ == "mark" for c in child.children):
            return xcomp_chain(child)
    return verb


@dataclass
class FrameBuilder:
    """Build frames for the mentions of one sentence."""

    lex: Lexicon
    mentions: list[Span]
    verb_words: frozenset[str] = frozenset()
    transparent: frozenset[str] = frozenset()
    mention_tokens: dict[int, Span] = field(default_factory=dict)
    opaque: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
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

    def frames(self, mention: Span) -> list[Frame]:
        """Return every frame in which ``mention`` is the agency that acts."""
        anchor = self.anchor(mention)
        frames = self._by_role(mention, anchor)
        own = self._own_clauses(mention, anchor)
        contrast = self._contrast(mention)
        if not frames and contrast:
            # '... handles work permits, not ICE': the contrasted agency shares the predicate.
            verb = next((a for a in anchor.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            frames = self._verb(mention, verb) if verb is not None else []
        if not frames and (not own or anchor.dep_ not in _OBJECT_DEPS):
            frames = self._linear(mention)
        frames += own
        if contrast:
            frames = [replace(f, negated=not f.negated) for f in frames if f.target is None]
        exclusive = self._is_exclusive(mention)
        return [replace(f, exclusive=f.exclusive or exclusive, labels=self.labels)
                for f in frames]

    def anchor(self, mention: Span) -> Token:
        """The token that plays the mention's role: 'agents' in 'ICE agents', else its root."""
        root = mention.root
        if root.dep_ in {"poss", "amod", "nmod"} and root.head.lemma_.lower() in self.lex.personnel:
            return root.head
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
        if dep == "nsubjpass" and any(c.dep_ == "xcomp" for c in head.children):
            # 'USCIS is expected to process ...': the subject does what the complement says.
            verb = next(c for c in head.children if c.dep_ == "xcomp")
            return self._verb(mention, verb)
        if dep == "nsubjpass" and head.lemma_.lower() == "employ":
            return self._run_by(mention, head)
        if dep == "nsubjpass" and head.lemma_.lower() in {"run", "operate", "oversee", "manage"}:
            return self._run_by(mention, head)
        if dep == "pobj" and head.lower_ == "by" and head.dep_ in {"agent", "conj"}:
            # 'issued not by ICE but by USCIS': the second 'by' is a conjunct of the first.
            agent = head
            while agent.dep_ == "conj":
                agent = agent.head
            if agent.dep_ == "agent":
                return self._verb(mention, agent.head, passive=True)
        if dep == "pobj" and head.lower_ == "like" and head.head.lemma_ == "be":
            return self._copula(mention, head.head, negated=is_negated(head.head, self.lex))
        if dep == "poss" and head.lemma_.lower() in self.lex.role_nouns:
            return self._role_noun(mention, head)
        if (dep == "pobj" and head.lower_ == "of"
                and head.head.lemma_.lower() in self.lex.role_nouns):
            return self._role_noun(mention, head.head)
        return []

    def _own_clauses(self, mention: Span, anchor: Token) -> list[Frame]:
        """Relative clauses and appositions attached to the mention itself."""
        frames: list[Frame] = []
        loose = self._loose_apposition(mention, anchor)
        if loose is not None:
            frames += self._apposition(mention, loose)
        for child in anchor.children:
            if child.dep_ == "relcl" and not self._other_subject(child):
                passive = any(c.dep_ == "nsubjpass" for c in child.children)
                frames += self._verb(mention, child, passive=passive, relative=True)
            elif child.dep_ == "appos" and child.i not in self.mention_tokens:
                frames += self._apposition(mention, child)
        return frames

    # -- kinds of predicate ----------------------------------------------------------------

    def _verb(self, mention: Span, verb: Token, passive: bool = False,
              relative: bool = False, negated: bool = False) -> list[Frame]:
        frames = []
        base_negated = negated or is_negated(verb, self.lex)
        for conj, after_but in conj_verbs(verb):
            target = xcomp_chain(conj)
            if target.lemma_ == "be" and not passive:
                frames += self._copula(mention, target, negated=base_negated)
                continue
            neg = (base_negated and not after_but) or (
                conj.i != verb.i and is_negated(conj, self.lex))
            neg = neg or (target.i != conj.i and is_negated(target, self.lex))
            part_of = self._part_of_verb(mention, target, neg)
            frames += part_of
            if any(f.mention == mention for f in part_of):
                continue  # 'X falls under Y' says nothing about what X does
            phrases = verb_phrases(target)
            args = arg_tokens(target, set(self.mention_tokens), passive, self.opaque)
            if not args and not passive:
                args = self._tail(target)
            frames.append(Frame(
                mention, target, phrases,
                generic=bool(phrases & self.lex.verbs("handle")) or self._role_object(target),
                args=args,
                negated=neg, role_like=not passive and not relative and self._role_like(target),
            ))
        return frames

    def _role_object(self, verb: Token) -> bool:
        """'has responsibility for X', 'shares responsibility for X', 'plays a role in X'."""
        return any(c.dep_ == "dobj" and c.lemma_.lower() in self.lex.role_nouns
                   for c in verb.children)

    def _tail(self, verb: Token) -> tuple[Token, ...]:
        """The words after a verb up to the end of its clause, for a parse that lost them."""
        out = []
        doc = verb.doc
        end = verb.sent.end
        for token in doc[verb.i + 1 : end]:
            if token.lower_ in _CLAUSE_BREAKS or token.i in self.opaque or token.i in self.labels:
                break
            if token.text == "," and token.i + 2 < end and doc[token.i + 1].lower_ in {
                    "and", "but", "or"} and (token.i + 2 in self.mention_tokens
                                             or doc[token.i + 2].pos_ == "PRON"):
                break  # ', and USCIS deals with ...': the next clause has its own subject
            if not token.is_space:
                out.append(token)
        return tuple(out)

    def _role_like(self, verb: Token) -> bool:
        """Whether a main-clause predicate with no known function still states a role.

        Present tense or a modal ('OPLA employs 1,700 attorneys', 'CBP can run X'), with a
        noun argument; past events ('agents testified on Wednesday') and bare pronoun objects
        ('reviews it first') are not role statements.
        """
        if verb.lemma_.lower() in _NON_ROLE_VERBS:
            return False
        if verb.dep_ not in {"ROOT", "conj", "xcomp"}:
            return False
        present = verb.tag_ in {"VBZ", "VBP"} or any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
        return present and any(
            t.pos_ in {"NOUN", "PROPN"}
            for t in arg_tokens(verb, set(self.mention_tokens), opaque=self.opaque))

    def _part_of_verb(self, mention: Span, verb: Token, negated: bool) -> list[Frame]:
        """'X falls under Y', 'judges work for DHS', 'X reports to Y'; 'Y runs X' (reversed)."""
        if verb.lemma_.lower() in _CONTAINS and not is_negated(verb, self.lex):
            part = self._mention_in(verb)
            if part is not None and part != mention and part.root.head == verb:
                return [Frame(part, verb, frozenset({("part", "of")}), False, (),
                              negated=negated, target=mention)]
        for phrase in verb_phrases(verb):
            if phrase not in self.lex.part_of_verbs:
                continue
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ == phrase[-1]:
                    target = self._mention_in(prep)
                    if target is not None:
                        return [self._part_of(mention, verb, target, negated)]
        return []

    def _part_of(self, mention: Span, head: Token, target: Span, negated: bool) -> Frame:
        return Frame(mention, head, frozenset({("part", "of")}), False, (), negated=negated,
                     target=target)

    def _run_by(self, mention: Span, verb: Token) -> list[Frame]:
        """'It is run by the State Department': the subject is part of the agent."""
        for child in verb.children:
            if child.dep_ == "agent":
                target = self._mention_in(child)
                if target is not None:
                    return [self._part_of(mention, verb, target, is_negated(verb, self.lex))]
        return []

    def _copula(self, mention: Span, be: Token, negated: bool) -> list[Frame]:
        frames: list[Frame] = []
        for child in be.children:
            if child.dep_ == "attr":
                frames += self._attribute(mention, child, be, negated)
            elif child.dep_ == "acomp":
                frames += self._responsible(mention, child, negated)
            elif child.dep_ == "prep" and child.lower_ in _COPULA_PREPS - {"of"}:
                target = self._mention_in(child)
                if target is not None and target != mention:
                    frames.append(self._part_of(mention, be, target, negated))
                elif child.lower_ == "in" and any(t.lower_ == "charge" for t in child.subtree):
                    frames.append(self._generic(mention, be, child.subtree, negated))
        return frames

    def _attribute(self, mention: Span, attr: Token, be: Token, negated: bool) -> list[Frame]:
        """'X is part of Y', 'X is a DHS agency', 'X is the agency that ...', 'X is ICE's arm'."""
        frames: list[Frame] = []
        if attr.lemma_.lower() in self.lex.role_nouns and any(
                c.dep_ == "poss" for c in attr.children):
            return frames
        exclusive = any(c.lower_ in self.lex.exclusives for c in attr.children)
        if attr.lemma_.lower() in self.lex.units or attr.i in self.mention_tokens:
            target = self._unit_target(attr)
            if target is not None and target != mention:
                frames.append(self._part_of(mention, be, target, negated))
        for child in attr.children:
            if child.dep_ in {"relcl", "acl"}:
                passive = any(c.dep_ == "nsubjpass" for c in child.children)
                sub = self._verb(mention, child, passive=passive, negated=negated)
                frames += [replace(f, exclusive=f.exclusive or exclusive) for f in sub]
            elif child.dep_ == "prep" and child.lower_ in {"behind", "for"}:
                frames.append(self._generic(mention, be, child.subtree, negated))
        if not frames and attr.lemma_.lower() in self.lex.units:
            frames.append(self._generic(mention, be, self._noun_args(attr), negated))
        return frames

    def _unit_target(self, unit: Token) -> Span | None:
        """The agency a unit noun belongs to: 'part of Y', 'a Y agency', "Y's arm"."""
        for child in unit.children:
            if child.dep_ in {"compound", "poss", "nmod"} and child.i in self.mention_tokens:
                return self.mention_tokens[child.i]
            if child.dep_ == "prep" and child.lower_ in _COPULA_PREPS:
                target = self._mention_in(child)
                if target is not None:
                    return target
            if child.dep_ == "amod" and child.i in self.mention_tokens:
                return self.mention_tokens[child.i]
        return None

    def _responsible(self, mention: Span, acomp: Token, negated: bool) -> list[Frame]:
        """'X is responsible for issuing visas' / '... for visas' / 'X is able to issue visas'."""
        for child in acomp.children:
            if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:
                return self._verb(mention, child, negated=negated)
        for prep in acomp.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                for obj in prep.children:
                    if obj.dep_ == "pcomp" or obj.tag_ == "VBG":
                        return self._verb(mention, obj, negated=negated)
                return [self._generic(mention, acomp, prep.subtree, negated)]
        return []

    def _role_noun(self, mention: Span, noun: Token) -> list[Frame]:
        """'Deciding who gets deported is ICE's job'; "ICE's job is to deport people"."""
        be = noun
        while be.dep_ in {"attr", "pobj", "prep", "nsubj"} and be.head.i != be.i:
            be = be.head
            if be.lemma_ == "be":
                break
        if be.lemma_ != "be":
            return []
        negated = is_negated(be, self.lex)
        side = [c for c in be.children if c.dep_ in {"csubj", "nsubj", "xcomp", "attr", "ccomp"}
                and noun not in c.subtree]
        frames: list[Frame] = []
        for content in side:
            if content.pos_ in {"VERB", "AUX"}:
                frames += self._verb(mention, content, negated=negated)
            else:
                frames.append(self._generic(mention, noun, content.subtree, negated))
        return [replace(f, role_like=True) for f in frames]

    def _other_subject(self, clause: Token) -> bool:
        """'ICE, whose ERO directorate runs ...': the clause's subject names another agency."""
        for child in clause.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return any(t.i in self.mention_tokens for t in child.subtree)
        return False

    def _loose_apposition(self, mention: Span, anchor: Token) -> Token | None:
        """'USCIS, the agency in charge of X, has ...' parsed as two subjects of one verb."""
        doc = mention.doc
        if mention.end + 1 >= mention.sent.end or doc[mention.end].text != ",":
            return None
        head = doc[mention.end + 1]
        if head.lower_ in {"whose", "which", "who", "that"}:
            return None
        while head.dep_ in {"det", "amod", "compound", "poss", "case"} and head.head.i > head.i:
            head = head.head
        if (head.dep_ == anchor.dep_ and head.head == anchor.head and head.i != anchor.i
                and head.lemma_.lower() in self.lex.units):
            return head
        return None

    def _apposition(self, mention: Span, appos: Token) -> list[Frame]:
        """'HSI, a unit of the FBI, ...'; 'USCIS, the agency behind green cards, ...'."""
        frames: list[Frame] = []
        target = self._unit_target(appos) if appos.lemma_.lower() in self.lex.units else None
        if target is not None and target != mention:
            frames.append(self._part_of(mention, appos, target, False))
        for child in appos.children:
            if child.dep_ in {"relcl", "acl"}:
                frames += self._verb(mention, child)
        if appos.lemma_.lower() in self.lex.units:
            frames.append(self._generic(mention, appos, self._noun_args(appos), False))
        return frames

    def _noun_args(self, noun: Token) -> list[Token]:
        return [t for t in noun.subtree
                if t.i not in self.opaque and t.dep_ not in {"relcl", "acl"}
                and not any(a.dep_ in {"relcl", "acl"} for a in t.ancestors if a in noun.subtree
                            and a.i != noun.i)]

    def _generic(self, mention: Span, head: Token, tokens, negated: bool) -> Frame:
        args = tuple(t for t in tokens if t.i not in self.opaque)
        return Frame(mention, head, frozenset({("handle",)}), True, args, negated=negated)

    # -- fallbacks and modifiers -----------------------------------------------------------

    def _linear(self, mention: Span) -> list[Frame]:
        """Mention followed by a verb-like word the parser took for a noun."""
        doc = mention.doc
        sent_end = mention.sent.end
        i = self._after_parenthesis(mention.end, sent_end)
        negated = False
        while i < sent_end and (
                doc[i].pos_ in {"ADV", "AUX", "PART", "CCONJ", "SPACE"} or doc[i].tag_ == "MD"
                or doc[i].lower_ in {",", "both", "all"} or i in self.mention_tokens
                or doc[i].lemma_.lower() in self.lex.personnel):
            if doc[i].lemma_ == "do" and i + 1 < sent_end and doc[i + 1].pos_ in {
                    "DET", "NOUN", "PROPN", "ADJ", "NUM"}:
                break  # 'HSI does the I-9 audits': 'do' is the verb here
            # 'neither'/'nor' negate the mention they precede: see _contrast.
            negated = negated or (doc[i].lower_ in self.lex.negations - {"neither", "nor"}
                                  or doc[i].dep_ == "neg")
            i += 1
        if i >= sent_end or not doc[i].lower_.isalpha():
            return []
        verb = doc[i]
        if verb.tag_ not in {"VBZ", "VBP", "VBD", "VB"} and verb.lower_ not in self.verb_words:
            return []
        if i + 1 < sent_end and doc[i + 1].tag_ == "VBD":
            return []  # 'ICE raids increased': the word was a noun after all
        verbs = [verb]
        j = i + 1
        # 'arrests, detains and deports noncitizens': a run of coordinated verbs.
        while j + 1 < sent_end and doc[j].lower_ in {",", "and", "or"}:
            k = j + 1 if doc[j + 1].lower_ not in {"and", "or"} else j + 2
            if k < sent_end and doc[k].lower_ in self.verb_words:
                verbs.append(doc[k])
                j = k + 1
            else:
                break
        args = list(self._tail(doc[j - 1]))
        frames = []
        for each in verbs:
            lemma = lemma_of(each)
            phrases = {(lemma,)} | ({(lemma, args[0].lower_)} if args else set())
            frames.append(Frame(
                mention, each, frozenset(phrases),
                generic=bool(phrases & self.lex.verbs("handle")), args=tuple(args),
                negated=negated, role_like=each.tag_ in {"VBZ", "VBP", "NNS"},
                extra={"linear": True}))
        return frames

    def _after_parenthesis(self, i: int, end: int) -> int:
        """Skip ', ICE's investigative arm,' after a mention: the index after the second comma."""
        doc = self.mentions[0].doc if self.mentions else None
        if doc is None or i >= end or doc[i].text != ",":
            return i
        for j in range(i + 1, min(end, i + 12)):
            if doc[j].text == ",":
                inner = doc[i + 1 : j]
                if not any(t.tag_ in {"VBZ", "VBP", "VBD", "MD"} for t in inner):
                    return j + 1
                return i
        return i

    def _mention_in(self, token: Token) -> Span | None:
        """The agency a preposition or verb takes as its object: 'of [the Justice Department]'."""
        for obj in token.children:
            if obj.dep_ not in {"pobj", "dobj", "npadvmod"}:
                continue
            if obj.i in self.mention_tokens:
                return self.mention_tokens[obj.i]
            for child in obj.children:
                if child.dep_ in {"compound", "poss"} and child.i in self.mention_tokens:
                    return self.mention_tokens[child.i]
        return None

    def _contrast(self, mention: Span) -> bool:
        """'not ICE but USCIS', 'ERO, not HSI, ...': the mention itself is negated."""
        doc = mention.doc
        before = [t for t in doc[max(mention.sent.start, mention.start - 3) : mention.start]
                  if t.lower_ not in {"the", "by", ","}]
        return bool(before) and before[-1].lower_ in {"not", "never", "neither", "nor"}

    def _is_exclusive(self, mention: Span) -> bool:
        """'only ICE', 'ICE alone', 'the only agency'."""
        doc = mention.doc
        window = doc[max(mention.sent.start, mention.start - 2) : mention.start]
        if any(t.lower_ in {"only", "solely", "exclusively"} for t in window):
            return True
        nxt = doc[mention.end] if mention.end < len(doc) else None
        return nxt is not None and nxt.lower_ == "alone"


def sentence_frames(sent: Span, mentions: list[Span], lex: Lexicon,
                    verb_words: frozenset[str] = frozenset(),
                    transparent: frozenset[str] = frozenset()) -> list[Frame]:
    """Return the frames of every mention in a sentence, in text order.

    ``verb_words`` are the inflected trigger verbs the linear fallback may take for a verb
    the tagger called a noun ('patrol', 'issues').
    """
    builder = FrameBuilder(lex, mentions, verb_words, transparent)
    out: list[Frame] = []
    for mention in mentions:
        out.extend(builder.frames(mention))
    return out
