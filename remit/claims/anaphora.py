"""'It', 'they', 'the agency', 'officers', 'both', 'its agents': mentions resolved from before.

Pure functions over parsed spans; :class:`remit.claims.extract.Extractor` calls them per
sentence, and only where the token arrays hold one of the words they take. The mentions they
resolve to are those of the sentence before or, further back, the stand-in that
:mod:`remit.runtime.salience` gives for the agency a paragraph or section is about; its
``kb_id`` (:data:`remit.records.FAR_VIAS`) is kept on the anaphor, so the claim says how its
agency was read.

The reference model, for an anaphor that is a subject (or the possessor of one):

- what is *in focus* in the sentence before is its subject agency: one agency, or a pair
  coordinated as the subject ('ICE and CBP enforce ...'), or the owner of a subject role noun
  ('Their goal is ...'); two subject agencies that are not a pair compete, and then nothing
  is in focus (:mod:`remit.claims.focus` reads it);
- 'it' and 'its' take one agency only, never a pair; 'they' and 'their' take either, a pair
  as a likely reading only (``via: inferred``, never contradicted);
- 'they' resolves as the subject of its sentence's main verb, at its start or after an opening
  phrase or a label ('In most cases, they ...', 'Cargo: they ...'), never as the subject of a
  clause inside ('Before they deport anyone, ...'), nor when the sentence before offers it
  plural people ('USCIS fingerprints applicants. They must ...'), plural things it has ('CBP
  owns helicopters. They belong to ...') or another agency its agency acts on or with ('ICE
  works with CBP. They ...'): :func:`remit.claims.focus.rival_for_they`;
- 'the agency' after a pair coordinated as the subject takes neither; 'One (of them) ...'
  after 'X has many roles' takes X (``role_partitives``);
- a bare noun for people ('Officers inspect ...', 'the officer decides ...':
  ``people_anaphors``) takes the one agency in focus when the sentence before names no other,
  as a likely reading; a noun of the name of an agency of kind personnel ('Judges ...') takes
  that agency alone, and with the verdict it earns;
- 'both' (``pair_anaphors``) takes the two agencies of the sentence before, and only when it
  names exactly two; a likely reading unless they are coordinated there;
- a pronoun after an agency or pair set out before it in its own sentence takes that ('Border
  Patrol and ICE, they both ...');
- 'it' after a placing preposition that opens the sentence ('Under it, you have ...') takes
  the agency 'it' would take as a subject, as a likely reading (the 'it' rules are
  :mod:`remit.claims.it_reference`); a bare 'does' that takes the predicate before is
  :mod:`remit.claims.ellipsis`'.
When the antecedent is ambiguous, nothing is resolved: no claim rather than a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from remit.claims.focus import (
    OWNER_DEPS,
    SUBJECT_DEPS,
    coordinated,
    focus,
    in_focus,
    inferred,
    pair_of,
    rival_for_they,
    sole_object,
    staff_of,
    subject_of,
)
from remit.claims.it_reference import it_antecedent, it_antecedents, placing_opener
from remit.claims.lexicon import Lexicon
from remit.claims.mentions import PERSONNEL_KIND
from remit.claims.role_reference import of_role, one_of_roles, role_antecedent, role_subject
from remit.records import FAR_VIAS

_LOOSE_DEPS = {"npadvmod", "dep", "advmod"}  # how the small model attaches a noun phrase set out first


def anaphor_words(lex: Lexicon) -> frozenset[str]:
    """The words resolve_anaphora takes by their lower case (nouns such as 'the agency' also
    go by lemma)."""
    return (lex.possessive_anaphors | lex.singular_anaphors | lex.plural_anaphors
            | lex.anaphor_ordinals | frozenset(lex.word_class("role_anaphors"))
            | frozenset(lex.word_class("role_partitives"))
            | frozenset(lex.word_class("pair_anaphors"))
            | frozenset(lex.word_class("pair_numerals")) | people_words(lex))


def people_words(lex: Lexicon) -> frozenset[str]:
    """The nouns for an agency's people that stand for it (``people_anaphors``), in the
    singular and in the regular plural ('officers'), as the prefilter matches words."""
    people = lex.word_class("people_anaphors")
    return frozenset(people | {noun + "s" for noun in people})


def resolve_anaphora(sent: Span, own: Sequence[Span], previous: Sequence[Span],
                     lex: Lexicon, names: dict | None = None) -> list[Span]:
    """Mentions for the anaphors of ``sent`` (see the module's doc), one sentence back.

    'It' and 'the agency' take the agency in focus before (else, when nothing before is a
    subject, its first mention), 'the latter' its last mention and 'the former' its first;
    'its' before a personnel noun takes the nearest earlier mention in the same sentence.
    ``names`` (agency id -> words of its names and its kind) keeps 'the Board' or 'this
    office' to an agency so named or of that kind; 'the agency' (``generic_anaphor_nouns``)
    takes any.
    """
    names = names or {}
    out: list[Span] = []
    taken = {i for m in own for i in range(m.start, m.end)}
    for token in sent:
        if token.i in taken:
            continue
        earlier = sorted((m for m in (*own, *out) if m.end <= token.i), key=lambda m: m.start)
        found = _antecedents(token, sent, own, earlier, previous, lex, names)
        for antecedent in found:
            noun = token.lemma_.lower()
            # (a pair taken up is the pair: 'HSI and ERO ... Both offices ...')
            if (names and len(found) == 1 and noun in lex.anaphor_nouns
                    and noun not in lex.generic_anaphor_nouns
                    and noun not in names.get(antecedent.label_, ())):
                # 'Judges decide cases. The Board reviews appeals.': no; 'USCIS ... the
                # department' (a word writers use for any agency): likely, not certain
                antecedent = _loosely(antecedent, noun, previous, lex, names)
            if (antecedent is not None and token.lower_ not in lex.anaphor_ordinals
                    and _rivalled(antecedent, previous)):
                antecedent = inferred(antecedent)
            if antecedent is not None:
                out.append(_anaphor_span(token, antecedent, lex))
    return out


def _rivalled(antecedent: Span, previous: Sequence[Span]) -> bool:
    """Whether an antecedent taken from the sentence before has a rival there: another agency
    named as a noun phrase of its own ('USCIS is part of DHS. It ...': likely USCIS, not
    certain enough to contradict, as further back where the salience reads it so), not as a
    modifier or possessor inside one ('ICE is a DHS agency.', "OPLA is ICE's legal office.")."""
    return any(antecedent is m for m in previous) and any(
        m.label_ != antecedent.label_ and m.root.dep_ not in OWNER_DEPS for m in previous)


def _anaphor_span(token: Token, antecedent: Span, lex: Lexicon) -> Span:
    """The mention an anaphor makes: the word, or the noun phrase of 'the latter', 'the agency'
    and 'the officer', labelled with its antecedent's agency and how it was read."""
    noun = token.lemma_.lower()
    whole = (token.lower_ in lex.anaphor_ordinals or noun in lex.anaphor_nouns
             or noun in lex.word_class("people_anaphors"))
    far = antecedent.kb_id_ if antecedent.kb_id_ in FAR_VIAS else "anaphora"
    return Span(token.doc, token.left_edge.i if whole else token.i, token.i + 1,
                label=antecedent.label_, kb_id=far)


def _antecedents(token: Token, sent: Span, own: Sequence[Span], earlier: Sequence[Span],
                 previous: Sequence[Span], lex: Lexicon, names: dict) -> list[Span]:
    """The mentions an anaphor ``token`` stands for (see the module's doc); none, one or two.
    ``own`` are the sentence's named mentions, ``earlier`` all those before the token."""
    lower = token.lower_
    if lower in lex.possessive_anaphors or (token.dep_ == "poss" and _described(token, lex)):
        return _possessive(token, earlier, previous, lex)  # 'its job', "the agency's job"
    if token.dep_ == "pobj" and not earlier and _described(token, lex) and of_role(token, lex):
        found = in_focus(previous, lex.role_nouns)  # 'The mission of the agency is ...'
        return found if len(found) == 1 else []
    if token.dep_ not in SUBJECT_DEPS:
        if placing_opener(token, sent, lex):
            # 'Under it, you have ...': a whole read from before, so a likely reading only
            found = it_antecedent(previous, lex)
            return [] if found is None else [inferred(found)]
        if not _named_again(token, own, lex):
            return []
        # 'by the agency', 'with the same agency': only an agency that was the subject before
        # ('The officer referred him to ICE. His claim was decided by the agency.': not ICE)
        if token.dep_ in _OBJECT_DEPS and not any(c.lower_ in lex.demonstratives
                                                  for c in token.children):
            return _first(_doer(previous))
        return _first(subject_of(previous))
    if lower in lex.word_class("role_anaphors"):
        return _first(role_antecedent(token, sent, own, previous, lex))
    if lower in lex.word_class("role_partitives"):
        return _first(one_of_roles(token, sent, own, previous, lex))
    if lower in lex.word_class("pair_anaphors") or (
            lower in lex.word_class("pair_numerals")
            and any(c.dep_ == "det" for c in token.children)):  # 'Both are ...', 'The two are'
        return [] if earlier else pair_of(previous)
    if lower in lex.singular_anaphors and token.pos_ == "PRON":
        return it_antecedents(token, own, earlier, previous, lex)
    if lower in lex.plural_anaphors and token.pos_ == "PRON":
        if not earlier and _of_a_pair(token, lex):  # 'They are both part of DHS'
            return pair_of(previous)
        return _they(token, sent, earlier, previous, lex)
    if lower in lex.anaphor_ordinals:
        # of the two agencies named before (not of one: "The former ... The latter ...")
        if len({m.label_ for m in previous}) != 2:
            return []
        return [previous[-1] if lower in lex.last_ordinals else previous[0]]
    if (not earlier and token.tag_ in {"NNS", "NNPS"} and token.lemma_.lower() in (
            lex.anaphor_nouns) and any(c.lower_ in lex.word_class("pair_anaphors")
                                       | lex.word_class("pair_numerals")
                                       for c in token.children)):
        return pair_of(previous)  # 'The two agencies are ...', 'Both agencies are ...'
    if _described(token, lex, relative=not own):
        subject = subject_of(earlier, strict=True)
        if subject is not None:  # '..., but the agency does not ...': this sentence's agency
            return [subject]  # (a subject: not 'Together with SSA, the agency ...')
        # 'USCIS and DOS both handle ... The agency ...': which of the pair is not said
        return [] if len(focus(previous, lex.role_nouns)) > 1 else _first(subject_of(previous))
    return _people(token, own, previous, lex, names)


def _possessive(token: Token, earlier: Sequence[Span], previous: Sequence[Span],
                lex: Lexicon) -> list[Span]:
    """'its agents', 'their officers', "the agency's officers": the nearest agency before, in
    this sentence or the one before; 'its main job is to ...', "the agency's mission is ...":
    an agency subject before, in this sentence or in focus in the one before (not 'They work
    for DHS, but their jobs differ'). Only 'their' takes a pair."""
    head = token.head
    role = token.dep_ == "poss" and role_subject(head, lex)
    before = in_focus(previous, lex.role_nouns)
    if head.lemma_.lower() in lex.personnel:
        found = _with_pair(subject_of(earlier), earlier) or before
    elif role:
        found = _with_pair(subject_of(earlier, strict=True), earlier) if earlier else before
    else:
        return []
    if token.lower_ not in lex.word_class("plural_pronouns"):
        return found if len(found) == 1 else []
    # a role read from the sentence before ('ICE works with CBP. Their job ...') has the rivals
    # of 'they' (not 'their officers': people have no officers)
    before_only = role and found and all(m.doc is not token.doc for m in found)
    return [] if before_only and _rivals_they(previous, found, lex) else found


def _with_pair(mention: Span | None, earlier: Sequence[Span]) -> list[Span]:
    """``mention`` and, when an anaphor stands for it and another, the other too.

    'They ..., but their jobs differ': 'their' takes both of the pair, and 'its' neither.
    """
    if mention is None:
        return []
    return [m for m in earlier if (m.start, m.end) == (mention.start, mention.end)] or [mention]


def _they(token: Token, sent: Span, earlier: Sequence[Span], previous: Sequence[Span],
          lex: Lexicon) -> list[Span]:
    """'They ...', 'In most cases, they ...', 'Cargo: they ...': the agency (or pair) in focus
    before, or the agency whose people were the subject before; 'CBP officers inspect cargo,
    and they ...', '...; they ...': this sentence's agency subject (or pair)."""
    main = token.i == sent.start or token.head.i == sent.root.i
    set_out = _set_out(token, earlier)
    if set_out:
        return set_out
    if earlier:
        joined = token.head.dep_ == "conj" or sent.doc[token.i - 1].text in {";", ":"}
        if not joined:
            return []
        # 'USCIS and ICE differ, but they are both ...': a pair, as a likely reading
        return focus(earlier, lex.role_nouns) or _first(subject_of(earlier, strict=True))
    if not main:
        return []  # 'Before they deport anyone, the judges ...': a clause's subject
    found = (focus(previous, lex.role_nouns) or _first(staff_of(previous, lex.personnel))
             or sole_object(previous, lex.role_nouns, lex.word_class("plural_pronouns")))
    return [] if found and _rivals_they(previous, found, lex) else found


def _rivals_they(previous: Sequence[Span], found: Sequence[Span], lex: Lexicon) -> bool:
    return rival_for_they(previous, found, lex.word_class("referent_people"),
                          lex.word_class("companion_prepositions"),
                          lex.word_class("having_verbs"),
                          lex.units | lex.personnel | lex.anaphor_nouns | lex.role_nouns)


def _set_out(token: Token, earlier: Sequence[Span]) -> list[Span]:
    """'Border Patrol and ICE, they both enforce ...': the agency, or the coordinated pair, set
    out before the comma that opens the pronoun's clause, as a loose part of its verb."""
    if token.i == 0 or not token.doc[token.i - 1].is_punct:
        return []
    firsts: dict[str, Span] = {}
    for mention in earlier:
        root = mention.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if root.head.i == token.head.i and root.dep_ in _LOOSE_DEPS:
            firsts.setdefault(mention.label_, mention)
    pair = list(firsts.values())
    return pair if len(pair) == 1 or (len(pair) == 2 and coordinated(pair)) else []


def _people(token: Token, own: Sequence[Span], previous: Sequence[Span], lex: Lexicon,
            names: dict) -> list[Span]:
    """'Officers inspect ...', 'The officer decides ...', 'Judges there rule ...': the people of the one agency in focus
    before, when the sentence before names no other (a likely reading); 'Judges order ...':
    the agency of kind personnel the noun names, if that agency is in focus."""
    noun = token.lemma_.lower()
    if own or noun not in lex.word_class("people_anaphors") or not all(
            (c.dep_ == "det" and c.lower_ in lex.definite_articles | lex.demonstratives)
            or _in_scene(c) or (c.dep_ == "advmod" and c.i > token.i
                                and c.lower_ in lex.word_class("deictic_places"))
            for c in token.children):
        return []  # 'Police officers ...', 'officers from the city ...', 'ICE's officers'
    subjects = focus(previous, lex.role_nouns)
    if len(subjects) != 1:
        return []
    owners = {a for a, words in names.items() if PERSONNEL_KIND in words and noun in words}
    if owners:
        return subjects if subjects[0].label_ in owners else []
    if len({m.label_ for m in previous}) != 1:
        return []  # 'ICE works with CBP. Agents ...': either one's
    return [inferred(subjects[0])]


def _in_scene(child: Token) -> bool:
    """Whether ``child`` says what the person does in the scene, not whose they are.

    A participle before the noun: 'the interviewing officer'; not 'border officers'.
    """
    return child.dep_ in _SCENE_DEPS and child.tag_ in _PARTICIPLE_TAGS and child.i < child.head.i


_SCENE_DEPS, _PARTICIPLE_TAGS = {"amod", "compound"}, {"VBG", "VBN"}


def _loosely(antecedent: Span, noun: str, previous: Sequence[Span], lex: Lexicon,
             names: dict) -> Span | None:
    """For an anaphor noun that is not a word of the antecedent's name or kind: a mention
    before that it fits ('CBP is part of DHS. The department ...': DHS); else, for a noun
    writers use loosely (``loose_anaphor_nouns``), the antecedent as an inferred reading,
    never contradicted; else none."""
    fitting = [m for m in previous if noun in names.get(m.label_, ())]
    if fitting:
        return fitting[0]
    if noun not in lex.word_class("loose_anaphor_nouns"):
        return None
    return inferred(antecedent)


def _first(mention: Span | None) -> list[Span]:
    return [] if mention is None else [mention]


def _described(token: Token, lex: Lexicon, relative: bool = True) -> bool:
    """'the agency', 'this office'; with ``relative``, also 'the department which certifies
    ...' (in a sentence that names no agency: 'The agency that issues visas is DOS' does)."""
    children = [c for c in token.children if c.dep_ != "case"
                and not (relative and c.dep_ in _RELATIVE_DEPS)]
    return token.lemma_.lower() in lex.anaphor_nouns and len(children) == 1 and (
        children[0].lower_ in lex.definite_articles or children[0].lower_ in lex.demonstratives)


_RELATIVE_DEPS = {"relcl", "acl"}
_OBJECT_DEPS = {"dobj", "pobj"}




def _doer(previous: Sequence[Span]) -> Span | None:
    """The agency that acts in the sentence before: its subject, or a passive's agent ('Work
    permits are issued by USCIS.'); not an agency something is done to or with."""
    subject = subject_of(previous, strict=True)
    if subject is not None:
        return subject
    return next((m for m in previous if m.root.dep_ == "pobj" and m.root.head.dep_ == "agent"),
                None)


def _named_again(token: Token, own: Sequence[Span], lex: Lexicon) -> bool:
    """Whether a description that is no subject stands for the agency of the sentence before,
    in a sentence that names none: the attribute of a 'this' subject ('This is the department
    which grants ...'), or an object after a demonstrative ('sent to this office', 'processed
    by this branch'; not 'by the office', which may be any, but 'reviewed by the agency' and
    'with the same office')."""
    if own:
        return False
    if token.dep_ == "attr":
        return _described(token, lex) and any(
            c.dep_ in SUBJECT_DEPS and c.lower_ in lex.demonstratives
            for c in token.head.children)
    if token.dep_ not in _OBJECT_DEPS or token.lemma_.lower() not in lex.anaphor_nouns:
        return False
    # 'by the agency' as a passive's doer, as a subject would be; 'with the same agency'
    determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
    others = [c.lower_ for c in token.children if c.dep_ != "det"]
    if len(determiners) != 1:
        return False
    if not others:
        return determiners[0] in lex.demonstratives or (
            determiners[0] in lex.definite_articles and token.head.dep_ == "agent"
            and token.lemma_.lower() in lex.generic_anaphor_nouns)
    return (others[0] in lex.word_class("sameness_adjectives") and len(others) == 1
            and determiners[0] in lex.definite_articles)


def _of_a_pair(token: Token, lex: Lexicon) -> bool:
    """Whether a plural pronoun is said with 'both' ('They are both ...', 'They both ...')."""
    pair = lex.word_class("pair_anaphors")
    return any(c.lower_ in pair for c in (*token.children, *token.head.children)
               if c.i != token.i)
