"""The words of a predicate's arguments as trigger phrases read them, and where they sit.

:func:`arg_forms` gives each argument word the forms a trigger word may match;
:func:`under_other_verb` and :func:`nesting` say how far below the predicate a word hangs, so
that a match deep inside a modifier ('petitions necessary to apply for visas') is not what is
done.
"""

from __future__ import annotations

import functools

from remit.claims.lexicon import POSSESSIVE, american_spelling, singular


def arg_forms(tokens, labels: dict[int, str] | None = None, with_tokens: bool = False):
    """The words of the arguments as trigger words may match them: lemma or lower case.

    Determiners, possessive markers and hyphens are dropped and hyphenated tokens split
    ('I-9' -> 'i', '9'), as trigger phrases are written. A token in ``labels`` stands for an
    agency name and matches only the agency's id, lower-cased. With ``with_tokens``, also
    return the token each form comes from.
    """
    labels = labels or {}
    out: list[frozenset[str]] = []
    source: list = []
    for token in tokens:
        if token.i in labels:
            forms = [frozenset({labels[token.i].lower()})]
        elif token.dep_ == "det" or token.text == "-" or token.lower_ in POSSESSIVE:
            forms = []
        elif "-" in token.text:
            forms = [frozenset({part}) for part in token.lower_.split("-") if part]
        elif token.tag_ in {"NNP", "NNPS"} and singular(token.lower_) != token.lower_:
            # the lemmatizer leaves proper-noun plurals alone: 'Notices to Appear'
            forms = [frozenset({token.lemma_.lower(), token.lower_, singular(token.lower_)})]
        else:
            forms = [_word_forms(token.lemma_.lower(), token.lower_)]
        out.extend(forms)
        source.extend([token] * len(forms))
    return (out, source) if with_tokens else out


@functools.lru_cache(maxsize=20_000)
def _word_forms(lemma: str, lower: str) -> frozenset[str]:
    """A word's lemma and lower case, and their American spellings."""
    words = {lemma, lower}
    return frozenset(words | {american_spelling(w) for w in words})


# Clauses that modify a noun or the predicate rather than complete it.
_MODIFIER_CLAUSES = {"amod", "relcl"}
_COMPLEMENTS = {"ccomp", "xcomp", "pcomp", "csubj"}


def under_other_verb(token, head) -> bool:
    """Whether an argument word sits in a clause that modifies a noun, below its predicate.

    'visa' in 'approves petitions necessary to apply for visas' hangs on 'apply', inside the
    modifier 'necessary': the petitions are approved, not the visas. A complement clause of the
    predicate is what is done, modifiers and all: 'certify that there are no workers available
    to accept the job at the prevailing wage' certifies the wage test.
    """
    if _in_glued_clause(token, head):
        return True
    verb = blocked = False
    current = token
    while current.i != head.i:
        if current.head.i == current.i:
            return False  # not below the predicate at all (a borrowed subject or object)
        current = current.head
        if current.i == head.i:
            break
        if current.dep_ in _MODIFIER_CLAUSES and verb:
            blocked = True
        elif current.dep_ in _COMPLEMENTS:
            blocked = False
        # 'including', 'involving' introduce examples, like prepositions
        verb = verb or (current.pos_ in {"VERB", "AUX"} and current.dep_ != "prep")
    return blocked


def for_other_party(token, head, agencies: set[int], recipients: frozenset[str],
                    purposes: frozenset[str]) -> bool:
    """Whether an argument word sits in a phrase of purpose (the lexicon's
    ``purpose_prepositions``) of a predicate that hands something on to another agency (a
    ``recipient_prepositions`` phrase): 'USCIS sends approved petitions to the State
    Department for visa processing' - the processing is the State Department's.
    ``agencies``: the tokens of the other agencies named in the sentence.
    """
    path = []
    current = token
    while current.i != head.i:
        if current.head.i == current.i:
            return False
        path.append(current)
        current = current.head
    for node in path:
        if node.dep_ != "prep" or node.lower_ not in purposes:
            continue
        host = node.head  # the predicate, its object or the agency itself
        if host.i in agencies and host.head.dep_ == "prep" and host.head.lower_ in recipients:
            return True
        # a recipient phrase before it, on the host or below it ('forwards petitions to the
        # State Department for ...', with 'to' on 'petitions' and 'for' on the predicate)
        if any(t.dep_ == "prep" and t.lower_ in recipients and t.i < node.i
               and any(g.i in agencies for g in t.subtree) for t in host.subtree):
            return True
    return False


_FINITE_TAGS = {"VBZ", "VBP", "VBD", "MD"}


def _in_glued_clause(token, head) -> bool:
    """Whether ``token`` is in the second clause of two that the parser glued into one.

    'USCIS approves the petition and the State Department issues the visa' is parsed with
    'the petition and the State Department' as the subject of 'issues', a finite clause below
    'approves' with no 'that' or 'whether': the first conjunct is the predicate's object, the
    rest is another subject's act.
    """
    current = token
    while current.i != head.i and current.head.i != current.i:
        subject = _coordinated_subject(current)
        if subject is not None:
            return not _in_first_conjunct(token, subject)
        current = current.head
    return False


def _coordinated_subject(clause):
    """The coordinated subject of a finite complement clause with no 'that' or 'whether'."""
    if clause.dep_ != "ccomp" or clause.tag_ not in _FINITE_TAGS or any(
            c.dep_ == "mark" for c in clause.children):
        return None
    return next((s for s in clause.children if s.dep_ in {"nsubj", "nsubjpass"}
                 and any(c.dep_ == "conj" for c in s.children)), None)


def _in_first_conjunct(token, subject) -> bool:
    later = {t.i for c in subject.children if c.dep_ in {"cc", "conj"} for t in c.subtree}
    return subject.left_edge.i <= token.i <= subject.right_edge.i and token.i not in later


def nesting(token, head, prepositions: frozenset[str], on_head: bool = False) -> int:
    """How many nesting ``prepositions`` (the lexicon's ``nesting_prepositions``: 'checks on
    applicants') stand between an argument word and its predicate; with ``on_head``, one
    hung on the predicate itself counts too ('conducts interviews at the border')."""
    depth = 0
    current = token
    while current.i != head.i and current.head.i != current.i:
        parent = current.head
        if current.dep_ == "prep" and current.lower_ in prepositions and (
                on_head or parent.i != head.i):
            depth += 1
        current = parent
    return depth


class NestingDepths:
    """The nesting depth of each argument word (``argwords.nesting``), worked out only for
    the words a generic trigger matched (most frames match none)."""

    def __init__(self, tokens: list, head, prepositions: frozenset[str]) -> None:
        self._tokens, self._head, self._prepositions = tokens, head, prepositions

    def __len__(self) -> int:
        return len(self._tokens)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [nesting(t, self._head, self._prepositions) for t in self._tokens[key]]
        return nesting(self._tokens[key], self._head, self._prepositions)

    def own(self, start: int, end: int) -> bool:
        """Whether some word of ``start:end`` is the predicate's own: no nesting preposition
        between them at all, not even one on the predicate ('handles the border', not
        'conducts interviews at the border')."""
        return any(nesting(t, self._head, self._prepositions, on_head=True) == 0
                   for t in self._tokens[start:end])


class LinearDepths:
    """The depths of the words a linear frame read in word order (no parse to go by): none
    for a generic trigger; for an ``own_object`` one, a word after a nesting preposition is
    not the verb's own ('handles asylum claims made at the border')."""

    def __init__(self, tokens: list, prepositions: frozenset[str]) -> None:
        self._tokens, self._prepositions = tokens, prepositions

    def __len__(self) -> int:
        return len(self._tokens)

    def __getitem__(self, key):
        return [0] * len(self._tokens[key]) if isinstance(key, slice) else 0

    def own(self, start: int, end: int) -> bool:
        """Whether no nesting preposition comes before ``start:end`` among the words."""
        return not any(t.lower_ in self._prepositions and t.pos_ == "ADP"
                       for t in self._tokens[:start])


def qualifies_head(token, heads: frozenset[str], of_words: frozenset[str]) -> bool:
    """Whether an argument word only qualifies a noun of ``heads`` (the lexicon's
    ``aim_person_nouns`` and ``outcome_nouns``), as a compound on it or the object of its
    'of': 'processes asylum seekers' handles people and decides no asylum claim; 'I-130
    denials go to the BIA', 'appeals of visa refusals' are about the decision, not the
    petition or the visa."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in of_words:
        head = head.head
    elif token.dep_ != "compound":
        return False
    return head.i != token.i and head.lemma_.lower() in heads and not _owner(head, of_words)


def names_case_kind(token, kinds: frozenset[str]) -> bool:
    """Whether an argument word only names the kind of a court case (the lexicon's
    ``court_case_kinds``: 'removal' in 'handles removal cases')."""
    return token.dep_ == "compound" and (
        f"{token.lemma_.lower()} {token.head.lemma_.lower()}" in kinds)


def _owner(noun, of_words: frozenset[str]) -> bool:
    """Whether a noun only owns another ('asylum seekers' claims', 'the claims of asylum
    seekers'): then what is handled is the owned thing, read as it is."""
    return noun.dep_ == "poss" or (noun.dep_ == "pobj" and noun.head.dep_ == "prep"
                                   and noun.head.lower_ in of_words
                                   and noun.head.head.pos_ in {"NOUN", "PROPN"})


def embedded_test(tokens: list, head, others: set[int], lex, subjects: set[int] = frozenset()):
    """The test ``embedded(start, end)`` of :func:`remit.claims.triggers.match_functions` for
    the argument words ``tokens`` of predicate ``head``: whether all of ``tokens[start:end]``
    hang on another verb, only qualify a person or a decision (:func:`qualifies_head`), or
    are another party's purpose (:func:`for_other_party`; ``others``: the other agencies'
    tokens), or lie in a gapped clause (:func:`gapped_from`; ``subjects``: the tokens of any
    other agency named, courts and personnel too)."""
    to, purpose, people, outcomes, kinds, of = (lex.word_class(c) for c in (
        "recipient_prepositions", "purpose_prepositions", "aim_person_nouns", "outcome_nouns",
        "court_case_kinds", "unit_prepositions"))
    heads = people | outcomes

    gap = gapped_from(tokens, others | subjects)

    def embedded(start: int, end: int) -> bool:
        return all(t.i >= gap or under_other_verb(t, head) or qualifies_head(t, heads, of)
                   or names_case_kind(t, kinds) or for_other_party(t, head, others, to, purpose)
                   or owned_by_other(t, others)
                   for t in tokens[start:end])
    return embedded


def owned_by_other(token, others: set[int]) -> bool:
    """Whether another agency's name qualifies the word ('bond hearings for people in ICE
    detention': the detention is ICE's, not the judges' act; not 'runs ICE detention
    centers', where the name qualifies the centers). ``others``: the tokens of agencies
    other than the predicate's and its parts and wholes. A word compounded with such a
    noun inside a phrase goes with it ('gives numbers to people with DHS work
    authorization': 'work' too; not the object itself: 'runs ICE detention centers')."""
    if any(c.dep_ in _GAPPED_SUBJECT_DEPS and c.i in others for c in token.children):
        return True
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and any(c.dep_ in _GAPPED_SUBJECT_DEPS and c.i in others
                                        for c in token.children)


# How the parser hangs a gapped clause's subject on its object: 'USCIS green cards'.
_GAPPED_SUBJECT_DEPS = frozenset({"amod", "compound", "nmod", "nsubj", "poss"})


def gapped_from(tokens: list, others: set[int]) -> int:
    """Where a gapped clause's object starts among the argument words: at a conjunct that
    opens with another agency ('The State Department issues visas and USCIS green cards'),
    or right after a conjunct that is another agency when more words follow it ('USCIS
    grants asylum and immigration judges withholding of removal'; not 'DHS runs CBP and the
    immigration courts', where the courts are the object). The words from there on are that
    agency's, its verb left out. Past the last word when there is none. ``others``: the
    other agencies' tokens."""
    last = max((t.i for t in tokens if not t.is_punct), default=-1)
    starts = []
    for t in tokens:
        if t.dep_ != "conj":
            continue
        if t.i in others and t.right_edge.i < last:
            starts.append(t.right_edge.i + 1)
        elif t.i not in others and t.left_edge.i in others and any(
                c.dep_ in _GAPPED_SUBJECT_DEPS and c.left_edge.i == t.left_edge.i
                for c in t.children):
            starts.append(t.left_edge.i)
    return min(starts, default=1 << 30)