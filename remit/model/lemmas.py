"""A faster ``pipe`` for spaCy's rule and lookup lemmatizers, with the same lemmas.

spaCy's ``Lemmatizer`` visits every token in Python: it builds a ``Token``, reads its part of
speech and morphology, checks for a base form and sets ``lemma_`` through the string store. Its
cache covers only part of that. The lemma a rule or lookup lemmatizer gives is a function of the
token's text, part of speech and morphology alone (the tables do not change while it runs), so
here it is remembered per distinct (ORTH, POS, MORPH) and written back as one array. A token
already holding a lemma keeps it, as spaCy's own ``overwrite=False`` does.

A rule lemmatizer also asks ``form in index`` of the table ``lemma_index``, whose entries are
lists (57,528 nouns in English): those lists are given set membership at load time
(:class:`IndexList`: still lists, in order, so saving the pipeline writes the same tables).

Only spaCy's own classes are sped up (``Lemmatizer`` and the English one, in rule or lookup
mode); a subclass that changes how a lemma is found keeps its own code. ``nlp(text)`` still runs
spaCy's ``__call__``; ``nlp.pipe`` uses this ``pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.tokens import Doc

# Distinct tokens remembered before the memo starts again (bounds memory on endless input).
_SEEN_MAX = 50_000
_COLUMNS = [ORTH, POS, MORPH, LEMMA]


def speed_up_lemmatizers(nlp) -> int:
    """Give each plain rule or lookup lemmatizer of ``nlp`` a memoized ``pipe``; return how many."""
    count = 0
    for _, component in nlp.pipeline:
        if _plain(component) and "pipe" not in vars(component):
            component.pipe = MemoLemmatizer(component).pipe
            if component.mode == "rule":
                index_as_sets(component.lookups)
            count += 1
    return count


class IndexList(list):
    """A list that answers ``in`` from a set of its items (it is never changed in place)."""

    __slots__ = ("_members",)

    def __init__(self, items: Iterable):
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item) -> bool:
        return item in self._members


def index_as_sets(lookups) -> None:
    """Give each word list of the ``lemma_index`` table set membership, in place."""
    if not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, IndexList):
            table[key] = IndexList(words)


def _plain(component) -> bool:
    """Whether ``component`` is spaCy's rule or lookup lemmatizer, its lemma code unchanged."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    kind = type(component)
    return (isinstance(component, Lemmatizer) and component.mode in ("rule", "lookup")
            and kind.__call__ is Lemmatizer.__call__
            and kind.rule_lemmatize is Lemmatizer.rule_lemmatize
            and kind.lookup_lemmatize is Lemmatizer.lookup_lemmatize
            and kind.is_base_form in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form))


class MemoLemmatizer:
    """The lemmas of one lemmatizer, remembered per (ORTH, POS, MORPH)."""

    def __init__(self, lemmatizer):
        self._lemmatizer = lemmatizer
        self._seen: dict[tuple[int, int, int], int] = {}

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Lemmatize each document as the lemmatizer's ``__call__`` would, and yield it."""
        for doc in docs:
            yield self(doc)

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemmas of one document (those not yet set, unless the lemmatizer overwrites)."""
        lemmatizer = self._lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        rows = doc.to_array(_COLUMNS)
        overwrite = lemmatizer.overwrite
        seen = self._seen
        strings = doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            new = seen.get(key)
            if new is None:
                if len(seen) >= _SEEN_MAX:
                    seen.clear()
                new = seen[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            rows[i, 3] = new
            changed = True
        if changed:
            doc.from_array([LEMMA], rows[:, 3:4])
        return doc
