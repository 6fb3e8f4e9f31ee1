"""What is in focus in a sentence: its subject agency, a coordinated pair, a heading's agency.

The part of the reference model (:mod:`remit.claims.anaphora`) that reads the sentence an
anaphor looks back to: which of its mentions is the subject, whether two are coordinated,
and the readings marked as likely only (``via: inferred``).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from remit.records import VIA_INFERRED

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
MODIFIER_DEPS = {"compound", "amod", "nmod"}
_VERB_POS = {"VERB", "AUX"}
_CORE_DEPS = {"appos", "conj", "compound"}  # a name's parts around a verbless root


def focus(mentions: Sequence[Span], roles: frozenset[str] = frozenset()) -> list[Span]:
    """The subject agency of ``mentions`` (one sentence's), or its coordinated pair of subject
    agencies (as a likely reading); none when there is no subject agency or two compete.
    The owner of a subject that is one of its ``roles`` ('Their goal is ...') is a subject."""
    subjects = [m for m in mentions if is_subject(m.root, roles) or verbless(m)]
    firsts: dict[str, Span] = {}
    for mention in subjects:
        firsts.setdefault(mention.label_, mention)
    if len(firsts) == 1:
        return subjects[:1]
    pair = list(firsts.values())
    return [inferred(m) for m in pair] if len(pair) == 2 and coordinated(pair) else []


def verbless(mention: Span) -> bool:
    """Whether a mention is the core of a sentence without a verb: a heading or a label that
    is the agency's name ('## Transportation Security Administration') puts it in focus as a
    subject does (not 'under CBP.', where it hangs on a word)."""
    root = mention.root
    core = root.dep_ == "ROOT" or (root.dep_ in _CORE_DEPS and root.head.dep_ == "ROOT")
    return core and not any(t.pos_ in _VERB_POS for t in mention.sent)


def in_focus(mentions: Sequence[Span], roles: frozenset[str] = frozenset()) -> list[Span]:
    """The agency in focus, or the first mention when no agency is a subject.

    When that first one is coordinated with another agency ('People mix up ICE and CBP.'),
    the pair, as a likely reading (which 'its' never takes).
    """
    if any(is_subject(m.root, roles) or verbless(m) for m in mentions):
        return focus(mentions, roles)
    first = list(mentions[:1])
    partners = [m for m in mentions[1:] if m.label_ != first[0].label_
                and coordinated([first[0], m])] if first else []
    return [inferred(first[0]), inferred(partners[0])] if partners else first


def coordinated(pair: Sequence[Span]) -> bool:
    """Whether one mention of ``pair`` is a conjunct of the other ('ICE and CBP')."""
    for mention, other in (pair, pair[::-1]):
        token = mention.root
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        if token.i != mention.root.i and other.start <= token.i < other.end:
            return True
    return False


def is_subject(token: Token, roles: frozenset[str] = frozenset()) -> bool:
    """Whether a mention's root is a subject, a modifier of one ('ICE agents') or a conjunct of
    either ('ICE and CBP'); or the owner of a subject that is one of ``roles`` ("Their goal is
    ...", "CBP's mission is ...": the sentence is about the owner, not about a thing it has)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in MODIFIER_DEPS or (
            token.dep_ == "poss" and token.head.lemma_.lower() in roles):
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def in_main_clause(mention: Span) -> bool:
    """Whether a subject mention (see :func:`is_subject`) is its sentence's main subject.

    Not the subject of a clause inside ('The rule changes how USCIS works.'); the label a
    verbless line opens with counts ('Enforcement: USCIS enforces the laws.').
    """
    token = mention.root
    while token.dep_ in _CLIMB_DEPS and token.head.i != token.i:
        token = token.head
    return token.head.i == mention.sent.root.i or leads(token.head)


_CLIMB_DEPS = {"conj", "poss", *MODIFIER_DEPS}


def inferred(mention: Span) -> Span:
    """``mention`` as a likely reading only (a claim on it is never contradicted)."""
    return Span(mention.doc, mention.start, mention.end, label=mention.label_,
                kb_id=VIA_INFERRED)


def leads(token: Token) -> bool:
    """Whether ``token`` opens its sentence's root phrase through modifiers only (the parses
    the small model gives 'ICE enforces immigration law': 'ICE' a compound or an adjective),
    or the apposition of a label's ('Enforcement: USCIS enforces the laws'); not a thing's
    modifier ('toured an ICE facility')."""
    while token.dep_ in {"compound", "amod"} and token.head.i != token.i:
        token = token.head
    return token.dep_ == "ROOT" or (token.dep_ == "appos" and token.head.dep_ == "ROOT"
                                    and any(t.is_punct for t in token.doc[token.head.i:token.i]))


def subject_of(mentions: Sequence[Span], strict: bool = False) -> Span | None:
    """The first mention that is a subject or a subject's modifier; else, unless ``strict``,
    the first mention."""
    for mention in mentions:
        root = mention.root
        if root.dep_ in SUBJECT_DEPS or (
                root.dep_ in MODIFIER_DEPS and root.head.dep_ in SUBJECT_DEPS):
            return mention
    return mentions[0] if mentions and not strict else None


def sole_object(previous: Sequence[Span], roles: frozenset[str],
                plural: frozenset[str]) -> list[Span]:
    """The one agency the sentence before names, none as a subject, for 'they'.

    'Understanding this unlocks the world of HSI. They ...': a likely reading, when no people
    are that sentence's main subject ('Travellers ask about HSI.', ``plural`` pronouns) and,
    if it was read from further back, no other agency was named since.
    """
    if len({m.label_ for m in previous}) != 1 or previous[0].kb_id_ == VIA_INFERRED or any(
            is_subject(m.root, roles) for m in previous):
        return []
    sent = previous[0].sent
    if sent.root.pos_ not in _VERB_POS:
        return []  # 'under CBP.': a fragment, not a sentence about the agency
    people = [t for t in sent.root.children if t.dep_ in SUBJECT_DEPS and (
        t.tag_ in _PLURAL_TAGS or t.lower_ in plural)]
    return [] if people else [inferred(previous[0])]


_PLURAL_TAGS = {"NNS", "NNPS"}


def pair_of(previous: Sequence[Span]) -> list[Span]:
    """'Both': the two agencies the sentence before names, if it names exactly two; a likely
    reading unless they are coordinated there ('ICE and CBP')."""
    firsts: dict[str, Span] = {}
    for mention in previous:
        firsts.setdefault(mention.label_, mention)
    if len(firsts) != 2:
        return []
    pair = list(firsts.values())
    return pair if coordinated(pair) else [inferred(m) for m in pair]


def staff_of(previous: Sequence[Span], personnel: frozenset[str]) -> Span | None:
    """'Its agents patrol ... They ...': the agency whose people were the subject before."""
    for mention in previous:
        head = mention.root.head
        if (mention.root.dep_ == "poss" and head.dep_ in SUBJECT_DEPS
                and head.lemma_.lower() in personnel):
            return mention
    return None


def rival_for_they(previous: Sequence[Span], taken: Sequence[Span], people: frozenset[str],
                   companions: frozenset[str], having: frozenset[str] = frozenset(),
                   parts: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence of ``previous`` offers 'they' another referent than ``taken``:
    plural people as an argument ('USCIS interviews applicants. They must bring ...'), plural
    things the main verb says it has (``having``: 'CBP owns helicopters. They belong to ...';
    not its own ``parts``, offices or officers, whose acts are the agency's: 'USCIS has field
    offices. They interview applicants.'), or another agency the one taken acts on or with
    ('ICE works with CBP. They ...': one, or both?). Then 'they' is left unresolved: no claim
    rather than a guess."""
    if not previous:
        return False
    inside = {i for m in previous for i in range(m.start, m.end)}
    # 'CBP officers inspect travelers. They ...': a plural subject of the agency's own is it
    staff = any(m.root.dep_ in OWNER_DEPS and m.root.head.tag_ in _PLURAL_TAGS for m in taken)
    if not staff and any(t.tag_ in _PLURAL_TAGS and _argument(t) and t.i not in inside
                         and (_only_people(t, people) or _had(t, having, parts))
                         for t in previous[0].sent):
        return True
    labels = {m.label_ for m in taken}
    for mention in previous:
        root = mention.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if mention.label_ not in labels and (root.dep_ == "dobj" or (
                root.dep_ == "pobj" and root.head.lower_ in companions)):
            return True
    return False


def _had(token: Token, having: frozenset[str], parts: frozenset[str]) -> bool:
    """Whether ``token`` (or the noun it is a conjunct of) is the object of a verb of having,
    and no part of an agency (``parts``)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return (token.dep_ == "dobj" and token.head.lemma_.lower() in having
            and token.lemma_.lower() not in parts)


def _only_people(token: Token, people: frozenset[str]) -> bool:
    """Whether ``token`` and the nouns coordinated with it are all ``people`` ('applicants
    and their families'; not 'admits people and goods', a list of what passes)."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    group = [first, *(t for t in first.subtree if t.dep_ == "conj" and t.pos_ in _NOUN_POS)]
    return all(t.lemma_.lower() in people for t in group)


_NOUN_POS = {"NOUN", "PROPN"}
# Where a mention sits inside another noun phrase: a modifier or a possessor of it.
OWNER_DEPS = MODIFIER_DEPS | {"poss"}


def _argument(token: Token) -> bool:
    """Whether ``token`` (or the noun it is a conjunct of) is a subject or a direct object of
    its sentence's main verb: not a noun inside a phrase ('the bags of travelers') or a clause
    ('..., affecting visitors')."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return token.dep_ in _ARGUMENT_DEPS and verb.i == token.sent.root.i


_ARGUMENT_DEPS = SUBJECT_DEPS | {"dobj"}


def owner_of_roles(previous: Sequence[Span], roles: frozenset[str]) -> Span | None:
    """The one agency subject of the main clause before whose verb has plural ``roles`` as
    its object ('ICE has many roles.'), for the 'One ...' that picks one of them."""
    subjects = focus(previous, roles)
    if len(subjects) != 1 or not in_main_clause(subjects[0]):
        return None
    token = subjects[0].root
    while token.dep_ not in SUBJECT_DEPS and token.head.i != token.i:
        token = token.head
    held = [c for c in token.head.children if c.dep_ == "dobj" and c.tag_ in _PLURAL_TAGS
            and c.lemma_.lower() in roles]
    return subjects[0] if held else None
