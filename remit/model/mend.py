"""Mends of parse errors of the small English models that mislead the reading of roles.

'USCIS is distinct from EOIR, the office that operates the immigration courts': the small
model hangs the apposition ('the office that operates ...') on the clause's subject, or makes
it the copula's attribute, though the noun just before its comma is the object of a
preposition or a verb ('from EOIR'). Read as parsed, USCIS would operate the courts. An
apposition set off by a comma belongs to the noun phrase that ends at the comma;
:func:`mend_appositions` hangs it there. Its label stays (an attribute becomes an
apposition); nothing else in the parse changes.

'ICE serves a Notice to Appear on him': the model reads 'to Appear' as a clause of the
verb, so the object is 'a Notice'. :func:`mend_infinitive_names` hangs the infinitive of a name
the lexicon lists (``infinitive_names``) back on the name's noun, and what hung on the
infinitive on the word the infinitive hung on.
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

_NOUNS = frozenset({"NOUN", "PROPN"})
_OBJECTS = frozenset({"pobj", "dobj"})
# On the way up from the noun before the comma: its phrase, not the clause it sits in.
_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADP", "NUM", "ADJ", "DET", "PART"})


def mend_appositions(doc: Doc) -> int:
    """Re-hang each misplaced apposition of ``doc`` on the object before its comma; return
    how many were moved."""
    moved = 0
    for token in doc:
        if token.dep_ not in {"appos", "attr"} or token.pos_ not in _NOUNS:
            continue
        owner = _owner(doc, token)
        if owner is not None:
            token.head = owner
            token.dep_ = "appos"
            moved += 1
    return moved


def _owner(doc: Doc, token: Token) -> Token | None:
    """The object a misplaced apposition belongs to, or ``None`` if it is where it belongs."""
    left = token.left_edge.i
    head = token.head
    if left < 2 or doc[left - 1].text != "," or head.i >= left or head.i == token.i:
        return None
    if token.dep_ == "attr" and not any(c.dep_ == "acomp" and c.i < left
                                        for c in head.children):
        return None  # an attribute is moved only from 'is separate from Y, the ...'
    owner, step = None, doc[left - 2]
    # up from the word before the comma while the phrase goes on (to the right of the head)
    while step.i > head.i and step.pos_ in _PHRASE_POS:
        if step.pos_ in _NOUNS and step.dep_ in _OBJECTS:
            owner = step
        if step.head.i == step.i:
            break
        step = step.head
    if owner is None or any(a.i == token.i for a in owner.ancestors):
        return None
    return owner


def mend_infinitive_names(doc: Doc, names: frozenset[str]) -> int:
    """Hang the infinitive of each name of ``names`` ('notice to appear', lower case, three
    words) on the name's first word, where the parser hung it elsewhere; return how many."""
    moved = 0
    middles = {name.split()[1] for name in names if len(name.split()) == 3}
    if not middles or len(doc) < 3:
        return 0
    lower = doc.to_array(LOWER).tolist()  # most docs hold no middle word: no Token is built
    wanted = {doc.vocab.strings.add(w) for w in middles}
    for at in [k for k in range(1, len(doc) - 1) if lower[k] in wanted]:
        token, to, verb = doc[at - 1], doc[at], doc[at + 1]
        if (f"{token.lower_} {to.lower_} {verb.lower_}" not in names
                and f"{token.lemma_.lower()} {to.lower_} {verb.lower_}" not in names):
            continue
        if verb.head.i == token.i:  # the name's already; a relative clause is none
            if verb.dep_ != "acl":
                verb.dep_ = "acl"
                moved += 1
            continue
        if any(a.i == verb.i for a in token.ancestors):
            continue  # above the name: left alone
        # what hung on the infinitive ('... with the immigration court') goes to its old head
        old = verb.head
        for child in list(verb.children):
            if child.i != to.i and old.i != verb.i:
                child.head = old
        verb.head, verb.dep_ = token, "acl"
        if to.head.i != verb.i:
            to.head, to.dep_ = verb, "aux"
        moved += 1
    return moved
