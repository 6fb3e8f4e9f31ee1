"""The building blocks of predicate frames: the Frame record and verb-level helpers.

Pure functions over one parsed sentence: a verb's lemma phrases ('carry out'), its negation,
its argument tokens, its coordinated verbs and its complement chain.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from remit.claims.lexicon import (
    Lexicon,
    american_spelling,
    load_lexicon,
    rewrite_ending,
    shipped_rewrites,
    singular,
)
from remit.claims.negation import negation_of

NOT_ARGS = {"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "cc", "conj",
             "mark", "advcl", "relcl", "appos", "agent", "det", "expl", "discourse", "parataxis"}
# Shorthand for 'is the one for': 'USCIS = benefits', 'CBP -> the border'.
EQUATES = {"=", "->", "→", "⇒"}
# Roles in which a mention is what is acted on, never the actor.
OBJECT_DEPS = {"pobj", "dobj", "poss", "attr", "agent", "dative", "iobj"}


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
    # The id of the construction record that read the frame, if one did.
    construction: str | None = None
    # The records that reached ``construction``'s (content_as 'adjective', 'unit'), outermost
    # first.
    through: tuple[str, ...] = ()
    # The construction's predicate, when it is not ``head`` ('should be the one doing it'):
    # its modality, tense and the cues above it count too.
    outer: Token | None = field(default=None, compare=False)
    # Says the agency takes part in the role ('plays a role in'), not that it performs it.
    partial: bool = False


def lemma_of(token: Token) -> str:
    """The token's lemma, mended where the small model gets it wrong ('certifies' -> 'certifie').

    The endings are the shipped ``mended_endings`` and ``plural_endings``.
    """
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma == lower or lemma == lower[:-1]:
        mended = rewrite_ending(lower, shipped_rewrites("mended_endings"))
        if mended is not None:
            return mended
    if lemma == lower and token.tag_ in {"NNS", "NNPS", "NNP"}:
        # A verb the tagger took for a plural or proper noun: 'issues', 'processes'.
        return singular(lower)
    return lemma


def verb_phrases(verb: Token) -> frozenset[tuple[str, ...]]:
    """Return the lemma phrases of a verb: 'carry', 'carry out', 'deal with', 'make decision on'.

    The shapes are (lemma), (lemma, particle or preposition), (lemma, object noun), (lemma,
    object noun, preposition), (lemma, particle, preposition): 'crack down on', and (lemma,
    preposition, its object): 'take into custody'. A word class
    of verb phrases is checked against these shapes (``checks.phrase_shape_problem``).
    """
    if verb.text in EQUATES:
        return frozenset({("(role)",)})  # 'ICE = enforcement': a role, in shorthand
    lemma = lemma_of(verb)
    out = {(lemma,)}
    particle = None
    for child in verb.children:
        if child.dep_ in {"prt", "prep"} and child.i > verb.i:
            out.add((lemma, child.lower_))
            if child.dep_ == "prt":
                particle = child.lower_
            elif particle is not None:  # 'cracks down on', 'signs off on'
                out.add((lemma, particle, child.lower_))
            if child.dep_ == "prep":  # 'takes people into custody'
                out.update((lemma, child.lower_, g.lemma_.lower()) for g in child.children
                           if g.dep_ == "pobj")
        elif child.dep_ in {"dobj", "nsubjpass"}:
            # light verbs: 'makes the final decision on', 'takes care of', 'has jurisdiction over';
            # passive: 'the decision on X is made by'
            noun = child.lemma_.lower()
            out.add((lemma, noun))
            out.update((lemma, noun, p.lower_) for p in child.children if p.dep_ == "prep")
    american = american_spelling(lemma)
    if american != lemma:  # 'authorises' is read as 'authorize' too
        out |= {(american, *phrase[1:]) for phrase in out}
    return frozenset(out)


def is_negated(token: Token, lex: Lexicon) -> bool:
    """Whether a predicate carries its own negation ('not', "n't", 'never', 'no longer').

    The cue records of category ``negation`` (``data/cues/negation.yaml``) say which words.
    """
    return negation_of(lex).negated(token)


def denied_by_no(child: Token, passive: bool = False, lex: Lexicon | None = None) -> bool:
    """Whether a predicate's ``child`` denies what is done by 'no' and a noun alone.

    'provides no medical care', 'No visas are issued by CBP', 'gives no one a visa'; not
    'approves no petitions that lack evidence'. The cue records of category ``denial`` say
    which words and shapes; without ``lex``, the shipped ones.
    """
    return negation_of(lex if lex is not None else load_lexicon()).denies(child, passive)


def arg_tokens(verb: Token, mentions: set[int], passive: bool = False,
               opaque: set[int] | None = None, lex: Lexicon | None = None) -> tuple[Token, ...]:
    """Return the tokens that say what is done, in text order.

    Relative and adverbial clauses are left out (they are predicates of their own), as are
    clausal modifiers that contain another agency mention ("orders issued by judges"), and the
    names of agencies in ``opaque`` (token indices). ``lex`` (the shipped lexicon if not
    given) says which words are relative and back-referring pronouns.
    """
    lex = lex if lex is not None else load_lexicon()
    # Agency names are who, not what: 'works with U.S. Citizenship and Immigration Services'
    # must not read as 'citizenship'.
    opaque = mentions if opaque is None else opaque
    if passive and verb.dep_ == "relcl" and any(
            c.dep_ == "nsubjpass" and c.lower_ in lex.relative_words for c in verb.children):
        # 'I-9 audits, which are carried out by HSI': the object is what the clause modifies.
        out = _pruned_subtree(verb.head, mentions)
    else:
        children = _arg_children(verb, mentions, passive, lex.back_objects,
                                 lex.word_class("contrast_prepositions"))
        if passive:  # 'they do not issue work permits; those are issued by USCIS'
            children = [_antecedent(c, mentions, lex.personnel
                                    | lex.word_class("referent_people"))
                        if c.dep_ == "nsubjpass" and c.n_lefts == 0 and c.n_rights == 0
                        and c.lower_ in lex.word_class("back_subjects") else c
                        for c in children]
        apart = lex.word_class("contrast_prepositions")
        out = [t for child in children for t in _pruned_subtree(child, mentions, apart)]
    return tuple(sorted((t for t in out if t.i not in opaque), key=lambda t: t.i))


def _arg_children(verb: Token, mentions: set[int], passive: bool,
                  back: frozenset[str], contrast: frozenset[str] = frozenset()) -> list[Token]:
    """The children of ``verb`` (and those it borrows) whose subtrees are its arguments; not a
    phrase of ``contrast`` ('Unlike SEVIS, the DS-160 is run by ...': SEVIS is not run)."""
    children = list(verb.children)
    borrowed = []
    if passive and verb.dep_ in {"conj", "xcomp"} and not any(
            c.dep_ == "nsubjpass" for c in children):
        # 'issued by judges and carried out by ICE': the object is the first conjunct's
        # subject ('claims raised as a defense are decided by judges', parsed with 'raised'
        # as the main verb, shares its subject the same way); 'a school has to be certified
        # by SEVP': the subject of the verb it completes
        borrowed = [c for c in verb.head.children if c.dep_ in {"nsubjpass", "nsubj"}]
        children += borrowed
    if verb.dep_ == "conj" and any(c.dep_ == "dobj" and c.lower_ in back for c in children):
        # 'prosecutes removal cases and also decides them': 'them' is the first verb's object
        children = [c for c in children if not (c.dep_ == "dobj" and c.lower_ in back)]
        children += [c for c in verb.head.children if c.dep_ == "dobj"]
    out = []
    for child in children:
        if child.dep_ == "ccomp" and (child.i < verb.i or _has_agency_subject(child, mentions)):
            continue  # a clause before the verb, or with an agency of its own, is not its object
        if child.dep_ == "dep" and child.i < verb.i and any(t.i in mentions
                                                             for t in child.subtree):
            continue  # 'SEVP certifies schools, the State Department manages ...' glued on
        if child.dep_ in {"prep", "advmod"} and child.lower_ in contrast:
            continue
        complement = child.dep_ == "relcl" and verb.pos_ == "VERB"
        if child.dep_ in NOT_ARGS and not (passive and child.dep_ == "nsubjpass") and not (
                complement) and child not in borrowed:
            continue
        out.append(child)
    return out


def _antecedent(pronoun: Token, mentions: set[int], people: frozenset[str]) -> Token:
    """What a plural demonstrative subject stands for: the nearest plural noun before it in
    its sentence that is a subject or object, else the nearest object ('does not grant
    employment permits; those come from ...'); never people ('interview visa applicants; these
    are then admitted by ...': who is admitted is no act); the pronoun itself when there is
    none."""
    before = [t for t in reversed(pronoun.sent[: pronoun.i - pronoun.sent.start])
              if t.pos_ in {"NOUN", "PROPN"} and t.i not in mentions
              and t.lemma_.lower() not in people]
    for wanted in (lambda t: t.tag_ in {"NNS", "NNPS"} and t.dep_ in _CLAUSE_ARGS,
                   lambda t: t.dep_ == "dobj"):
        found = next((t for t in before if wanted(t)), None)
        if found is not None:
            return found
    return pronoun


# A finite verb with parts of a clause of its own, though the parser made it a conjunct of a noun.
_FINITE = frozenset({"VBZ", "VBP", "VBD"})
_CLAUSE_PARTS = frozenset({"dobj", "conj", "prep", "aux", "neg", "advmod"})

# The places of a clause's participants, where a demonstrative's antecedent stands.
_CLAUSE_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _has_agency_subject(clause: Token, mentions: set[int]) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} and any(t.i in mentions for t in c.subtree)
               for c in clause.children)


def _pruned_subtree(token: Token, mentions: set[int],
                    apart: frozenset[str] = frozenset()) -> list[Token]:
    """A word and what hangs on it, less clauses of their own and phrases set ``apart``
    ('every benefit except visas')."""
    out = [token]
    for child in token.children:
        if child.dep_ in {"relcl", "advcl", "appos"}:
            continue
        if child.dep_ in {"prep", "advmod"} and child.lower_ in apart:
            continue
        if child.dep_ == "acl" and any(t.i in mentions for t in child.subtree):
            continue
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and token.pos_ in {"VERB", "AUX"}:
            continue
        if child.dep_ == "conj" and child.tag_ in _FINITE and token.pos_ in {"NOUN", "PROPN"} and any(
                c.dep_ in _CLAUSE_PARTS for c in child.children):
            continue  # 'issues green cards, arrests and removes people' glued on the object
        out.extend(_pruned_subtree(child, mentions, apart))
    return out


def conj_verbs(verb: Token) -> list[tuple[Token, bool]]:
    """Return ``verb`` and the verbs coordinated with it that share its subject.

    The flag says whether the verb follows a contrastive 'but' (negation is not shared then).
    """
    out = [(verb, False)]
    for child in verb.children:
        if child.dep_ == "conj" and (
            child.pos_ in {"VERB", "AUX"} or child.tag_.startswith("VB")
            # 'decides applications and issues green cards': 'issues' tagged a noun, but
            # the parser gave it an object
            or any(c.dep_ == "dobj" for c in child.children)
        ):
            if any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in child.children):
                continue
            doc = verb.doc
            if any(doc[i].dep_ in {"nsubj", "nsubjpass"} for i in range(verb.i + 1, child.i)):
                # 'HSI conducts X while ERO conducts Y, operates Z': a mis-attached conjunct.
                continue
            if _glued_subject(verb, child):
                continue
            but = any(c.lower_ in _contrast_conjunctions() for c in verb.children
                      if c.dep_ == "cc")
            out.extend((v, b or but) for v, b in conj_verbs(child))
    return out


def _glued_subject(verb: Token, conj: Token) -> bool:
    """Whether a noun the parser took as a second object is the subject of ``conj``.

    'USCIS approves the petition and the consulate issues the visa' is parsed with 'the
    consulate' as a conjunct of 'petition' and 'issues' as a conjunct of 'approves' with no
    subject: the noun right before the verb is that verb's subject.
    """
    for obj in verb.children:
        if obj.dep_ in {"dobj", "attr"}:
            for noun in obj.children:
                if noun.dep_ == "conj" and noun.right_edge.i + 1 == conj.i and (
                        conj.tag_ not in {"VBG", "VBN", "VB"}):
                    return True
    return False


@functools.cache
def _contrast_conjunctions() -> frozenset[str]:
    return load_lexicon().contrast_conjunctions


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
