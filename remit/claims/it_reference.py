"""'It' and what it stands for: the part of the reference model (:mod:`remit.claims.anaphora`)
for the singular pronoun.

'It' takes its own sentence's subject agency when one comes before it (as a likely reading
when another agency took that subject's act in between: 'USCIS forwards the petition to a
consular officer, and it issues the visa'), else the agency in focus in the sentence before;
never people ('immigration judges', 'a consular officer'), never the 'it' of a cleft ('it is
OIL that ...'); after a placing preposition that opens the sentence ('Under it, ...') it is the
whole the sentence before was about.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from remit.claims.focus import OWNER_DEPS, SUBJECT_DEPS, focus, inferred, is_subject, subject_of
from remit.claims.lexicon import Lexicon


def it_antecedents(token: Token, own: Sequence[Span], earlier: Sequence[Span],
                   previous: Sequence[Span], lex: Lexicon) -> list[Span]:
    """The mention subject 'it' (``token``) stands for, as a list of none or one. ``own``
    are its sentence's named mentions, ``earlier`` those before it, ``previous`` the sentence
    before's."""
    if _names_an_agency(token, own):
        return []  # 'it is OIL that defends it', 'it was CBP': a cleft's 'it', no anaphor
    # '..., and it then issues ...' refers to this sentence's subject, if it has one;
    # never to people in the plural ('Consular officers work for DOS. It ...': DOS)
    agencies = [m for m in earlier if not _personnel_mention(m, lex)]
    if agencies and all(_names_a_kind(m, lex) for m in agencies):
        # 'Many assume Global Entry is a TSA program, but it belongs to CBP': 'it' is the
        # thing the agency's name qualifies, or what the sentence is about, not the agency
        return []
    if not agencies:
        # not an agency that only names a kind of thing ('PreCheck is a CBP program. It ...')
        found = it_antecedent([m for m in previous if not _personnel_mention(m, lex)
                               and not _names_a_kind(m, lex)], lex)
        return [] if found is None else [found]
    found = subject_of(agencies)
    if found is None:
        return []
    if any(m.label_ != found.label_ and m.root.dep_ not in OWNER_DEPS
           and _verb_between(found, m) for m in earlier):
        # 'USCIS sends the petition to a consular officer, and it issues the visa': the
        # subject, or what the other party stands for: a likely reading only
        found = inferred(found)
    return [found]


# How a mention qualifies another noun: 'a TSA program', 'an ICE office' (not a possessor:
# 'ICE's budget grew, and it hired more officers' is ICE).
_KIND_DEPS = frozenset({"compound", "amod", "nmod"})


def _names_a_kind(mention: Span, lex: Lexicon) -> bool:
    """Whether a mention only qualifies a noun that is not an agency ('a TSA program'), nor
    one of its units that act for it ('the CBP office in Laredo ... It processes ...')."""
    root = mention.root
    head = root.head
    # with its article before the name: 'ICE arrests, detains ...' may be parsed the same way
    return (root.dep_ in _KIND_DEPS and head.i >= mention.end and head.pos_ in {"NOUN", "PROPN"}
            and head.lemma_.lower() not in lex.acting_units
            and any(c.dep_ == "det" and c.i < mention.start for c in head.children))


def _verb_between(first: Span, later: Span) -> bool:
    """Whether a verb stands between two mentions: the later is a party of an act of the first,
    not a part of its name ("The Department of Labor's Office of ...")."""
    return any(t.pos_ in {"VERB", "AUX"} or t.tag_.startswith("VB")
               for t in first.doc[first.end : later.start])


def placing_opener(token: Token, sent: Span, lex: Lexicon) -> bool:
    """Whether ``token`` is 'it' after a placing preposition opening the main clause.

    'Under it, you have several agencies ...', 'Within it, ...': the agency the sentence
    before is about, as the whole what follows sits in.
    """
    head = token.head
    return (token.lower_ in lex.singular_anaphors and token.pos_ == "PRON"
            and token.dep_ == "pobj" and head.i == sent.start and head.head.i == sent.root.i
            and head.lower_ in lex.word_class("placing_prepositions"))


def _names_an_agency(token: Token, own: Sequence[Span]) -> bool:
    """Whether subject ``token`` is said to be an agency of its own sentence ('it is ICE')."""
    head = token.head
    if head.lemma_ != "be":
        return False
    inside = {i for m in own for i in range(m.start, m.end)}
    # 'it is ICE', 'it's CBP officers ... who look at your passport': the name in the
    # attribute or on it
    return any(c.dep_ == "attr" and (c.i in inside or (
        any(k.i in inside and k.dep_ in _KIND_DEPS for k in c.children)
        and any(k.dep_ == "relcl" for k in c.subtree))) for c in head.children)


def _personnel_mention(mention: Span, lex: Lexicon) -> bool:
    """'immigration judges', 'a consular officer': people, never what 'it' names ('The Board
    hears appeals from immigration judges. It also reviews ...': the Board; 'A consular
    officer issues the visa; USCIS's part was over once it approved the petition': USCIS),
    in the plural or the singular."""
    return mention.root.lemma_.lower() in lex.personnel


def it_antecedent(previous: Sequence[Span], lex: Lexicon) -> Span | None:
    """What 'it' takes from the sentence before: its agency in focus (never a pair), else its
    first mention.

    Not the first mention when the sentence's main subject is another thing 'it' can name:
    in 'E-Verify compares records with DHS. It is run by USCIS.' 'it' is E-Verify, not DHS;
    but a subject that is the agency's role or a noun for an agency points at the agency
    ("The TSA's mission is security. It ...", 'One such agency is USCIS. It ...').
    """
    if any(is_subject(m.root, lex.role_nouns) for m in previous):
        subjects = focus(previous, lex.role_nouns)
        return subjects[0] if len(subjects) == 1 else None
    if not previous:
        return None
    sent = previous[0].sent
    inside = {i for m in previous for i in range(m.start, m.end)}
    others = [t for t in sent if t.dep_ in SUBJECT_DEPS and t.head.i == sent.root.i
              and t.i not in inside and t.tag_ in {"NN", "NNP"}]
    if not others:
        return previous[0]
    pointers = lex.role_nouns | lex.anaphor_nouns
    if len({m.label_ for m in previous}) == 1 and all(
            t.lemma_.lower() in pointers for t in others):
        return previous[0]
    return None
