"""A mend of one parse error of the small English models that misleads the reading of roles.

'USCIS is distinct from EOIR, the office that operates the immigration courts': the small
model hangs the apposition ('the office that operates ...') on the clause's subject, or makes
it the copula's attribute, though the noun just before its comma is the object of a
preposition or a verb ('from EOIR'). Read as parsed, USCIS would operate the courts. An
apposition set off by a comma belongs to the noun phrase that ends at the comma;
:func:`mend_appositions` hangs it there. Its label stays (an attribute becomes an
apposition); nothing else in the parse changes.
"""

from __future__ import annotations

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
