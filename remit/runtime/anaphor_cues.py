"""Where an anaphor may start, read from the lower-case token hashes of a text, unparsed.

:class:`remit.runtime.prefilter.Prefilter` parses a sentence that names no agency only when it
holds such a cue near a carrier. A word that :func:`remit.claims.anaphora.resolve_anaphora`
resolves only in some places counts only where it can be resolved:

- an anaphor noun ('the agency', 'this office', 'the board') only right after a definite
  article or a demonstrative (``_described`` there: 'the school board' is not one);
- a role partitive ('One of them is ...') only at the start of its sentence, after one mark
  there (a bullet, a quote) or after a mark that may end a sentence the parser splits off;
- a possessive ('its', 'their') only before a role noun or a personnel noun within a few words
  ('its main job', 'their officers'; not 'its first cookbook'), the heads ``_possessive``
  resolves;
- every other cue word ('it', 'they', 'both', 'officers', 'the latter') anywhere.
"""

from __future__ import annotations

import numpy as np

from remit.claims.anaphora import anaphor_words
from remit.claims.lexicon import Lexicon
from remit.runtime.boundaries import END_PUNCT

# How far after a possessive its head noun may come ('its [long-standing] [and] [most] [important] job').
_OWNED_REACH = 8
# How many marks may come before a sentence-initial word ('- One of them ...').
_LEAD_MARKS = 1


def _plurals(nouns) -> set[str]:
    nouns = set(nouns)
    return (nouns | {n + "s" for n in nouns} | {n + "es" for n in nouns}
            | {n[:-1] + "ies" for n in nouns if n.endswith("y")})


def cue_words(lex: Lexicon) -> frozenset[str]:
    """Lower-case forms that may start an anaphor :func:`resolve_anaphora` resolves.

    Nouns are matched by lemma there, so plural forms are added ('agencies', 'offices').
    """
    return frozenset(_plurals(lex.anaphor_nouns) | set(lex.pronouns) | anaphor_words(lex))


class AnaphorCues:
    """The cue words of a lexicon as sorted hash arrays, by where each counts."""

    def __init__(self, lex: Lexicon, strings):
        def hashes(words) -> np.ndarray:
            return np.array(sorted({strings.add(w) for w in words}), dtype="uint64")

        # an agency noun or a pair numeral after an article ('the agency', 'the two')
        nouns = (_plurals(lex.anaphor_nouns) - anaphor_words(lex)) | set(
            lex.word_class("pair_numerals"))
        partitives = set(lex.word_class("role_partitives"))
        possessives = set(lex.possessive_anaphors)
        self._anywhere = hashes(cue_words(lex) - nouns - partitives - possessives)
        self._nouns = hashes(nouns)
        self._determiners = hashes(lex.definite_articles | lex.demonstratives)
        self._same = hashes(lex.word_class("sameness_adjectives"))
        self._partitives = hashes(partitives)
        self._ends = hashes(END_PUNCT | {":", ";"})
        self._possessives = hashes(possessives)
        self._owned = hashes(_plurals(lex.role_nouns | lex.personnel))

    def positions(self, lower: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Token positions of ``lower`` (a text's lower-case hashes, its sentences starting at
        ``starts``) where an anaphor may start."""
        nouns = hits(lower, self._nouns)
        nouns = nouns[nouns > 0]
        determined = _among(lower[nouns - 1], self._determiners)
        same = _among(lower[nouns - 1], self._same) & (nouns > 1)  # 'the same agency'
        determined[same] = _among(lower[nouns[same] - 2], self._determiners)
        nouns = nouns[determined]
        partitives = hits(lower, self._partitives)
        if len(partitives):
            first = starts[np.searchsorted(starts, partitives, side="right") - 1]
            after_end = _among(lower[np.maximum(partitives - 1, 0)], self._ends)
            partitives = partitives[(partitives - first <= _LEAD_MARKS) | after_end]
        possessives = hits(lower, self._possessives)
        owned = np.zeros(len(possessives), dtype=bool)
        for step in range(1, _OWNED_REACH + 1):
            after = possessives + step
            inside = after < len(lower)
            owned[inside] |= _among(lower[after[inside]], self._owned)
        return np.concatenate([hits(lower, self._anywhere), nouns, partitives,
                               possessives[owned]])


def hits(lower: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """Positions of the tokens whose lower-case hash is among the sorted ``hashes``."""
    if not len(hashes) or not len(lower):
        return np.empty(0, dtype="int64")
    return np.flatnonzero(_among(lower, hashes))


def _among(values: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """Whether each of ``values`` is among the sorted ``hashes`` (a binary search: cheaper
    than ``np.isin`` on short docs)."""
    if not len(hashes) or not len(values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(hashes, values), len(hashes) - 1)
    return hashes[at] == values
