"""Match a predicate and its arguments against the table's function triggers (pure functions)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from remit.claims.lexicon import Lexicon, phrase, shipped_rewrites, singular
from remit.rules.table import Table

if TYPE_CHECKING:
    from remit.claims.argwords import NestingDepths

# One argument token, as the set of forms a trigger word may match (lemma and lower case).
Forms = frozenset[str]


@dataclass(frozen=True)
class CompiledTrigger:
    """A function trigger with verb classes expanded; ``verbs`` None means generic."""

    function: str
    verbs: frozenset[tuple[str, ...]] | None
    objects: tuple[tuple[str, ...], ...]
    own_object: bool = False  # the predicate's own object only (see argwords.nesting)
    refused: frozenset[tuple[str, ...]] = frozenset()  # verbs a generic trigger leaves alone

    @functools.cached_property
    def first_words(self) -> frozenset[str] | None:
        """The first word of each object: arguments without any of them match none.

        ``None`` when an object is empty (it matches anything).
        """
        if not all(self.objects):
            return None
        return frozenset(o[0] for o in self.objects)


@dataclass(frozen=True)
class Match:
    """A function found in a predicate; ``start``/``end`` index the argument tokens."""

    function: str
    start: int
    end: int
    specific: bool


def compile_triggers(table: Table, lexicon: Lexicon) -> tuple[CompiledTrigger, ...]:
    """Expand the table's triggers: '@class' names become the lexicon's verb phrases.

    Raises :class:`remit.claims.grammar.GrammarError` (``file:line: function ...``) for an
    ``@name`` the lexicon has no class of.
    """
    from remit.claims.checks import check_trigger_words
    from remit.claims.grammar import GrammarError

    errors = check_trigger_words(table, lexicon, shapes=False)
    if errors:
        raise GrammarError(errors)
    out = []
    for function in table.functions.values():
        for trigger in function.triggers:
            refused = _verb_phrases(trigger.not_verbs, lexicon)
            verbs = _verb_phrases(trigger.verbs, lexicon) - refused
            # longest first, then alphabetical: the same order in every process
            objects = tuple(sorted({_object_words(o, lexicon.articles) for o in trigger.objects},
                                   key=lambda o: (-len(o), o)))
            out.append(CompiledTrigger(function.id, frozenset(verbs) or None, objects,
                                       trigger.own_object, frozenset(refused)))
    return tuple(out)


def _verb_phrases(verbs, lexicon: Lexicon) -> set[tuple[str, ...]]:
    """A trigger's verb entries as lemma phrases, '@class' names expanded."""
    out: set[tuple[str, ...]] = set()
    for verb in verbs:
        if verb.startswith("@"):
            out |= {phrase(w) for w in lexicon.word_class(verb[1:])}
        else:
            out.add(phrase(verb))
    return out


def _object_words(text: str, articles: frozenset[str]) -> tuple[str, ...]:
    # Articles are dropped from the arguments (``argwords.arg_forms`` skips determiners), so
    # they are dropped from trigger objects too: 'may enter the country' matches 'may enter
    # country'.
    words = phrase(text)
    return tuple(w for w in words if w not in articles) or words


# In a trigger object, '...' stands for up to GAP_MAX words: 'removed without ... a judge'.
GAP = "..."
GAP_MAX = 5


def find_phrase(words: Sequence[Forms], target: tuple[str, ...]) -> int:
    """Return the index where ``target`` occurs in ``words``, or -1."""
    return find_span(words, target)[0]


def find_span(words: Sequence[Forms], target: tuple[str, ...]) -> tuple[int, int]:
    """Return ``(start, end)`` of the first occurrence of ``target`` in ``words``, or (-1, -1).

    A ``...`` in ``target`` matches up to ``GAP_MAX`` words, as few as possible.
    """
    if GAP not in target:
        n = len(target)
        for start in range(len(words) - n + 1):
            if all(target[k] in words[start + k] for k in range(n)):
                return start, start + n
        return -1, -1
    head, rest = _split_gap(target)
    for start in range(len(words) - len(head) + 1):
        if all(head[k] in words[start + k] for k in range(len(head))):
            after = start + len(head)
            for skip in range(GAP_MAX + 1):
                sub = find_span(words[after + skip :], rest)
                if sub[0] == 0:
                    return start, after + skip + sub[1]
    return -1, -1


def _split_gap(target: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    at = target.index(GAP)
    return target[:at], target[at + 1 :]


@functools.lru_cache(maxsize=4096)
def object_words(target: tuple[str, ...]) -> frozenset[str]:
    """The words an argument must hold for ``target`` to match (gaps aside)."""
    return frozenset(w for w in target if w != GAP)


class TriggerIndex:
    """Which triggers a predicate can fire, by verb phrase: most name a few verbs only."""

    def __init__(self, triggers: Sequence[CompiledTrigger]):
        self.triggers = tuple(triggers)
        self._generic = [i for i, t in enumerate(self.triggers) if t.verbs is None]
        self._by_verb: dict[tuple[str, ...], list[int]] = {}
        for i, trig in enumerate(self.triggers):
            for verb in trig.verbs or ():
                self._by_verb.setdefault(verb, []).append(i)
        # generic triggers by the first words of their objects (the rest are always tried)
        self._generic_always: list[int] = []
        self._generic_by_word: dict[str, list[int]] = {}
        for i in self._generic:
            trig = self.triggers[i]
            if not trig.objects or trig.first_words is None:
                self._generic_always.append(i)
            for word in (trig.first_words or ()) if trig.objects else ():
                self._generic_by_word.setdefault(word, []).append(i)

    def candidates(self, verb_phrases: set[tuple[str, ...]], generic: bool,
                   present: frozenset[str] | None = None) -> list[CompiledTrigger]:
        """The triggers that the verbs (and, if ``generic``, a role predicate) fire, in order.

        With ``present`` (the argument words), a generic trigger none of whose objects starts
        with one of them is left out: it could not match.
        """
        numbers: set[int] = set()
        if generic and present is None:
            numbers.update(self._generic)
        elif generic:
            numbers.update(self._generic_always)
            for word in present & self._generic_by_word.keys():
                numbers.update(self._generic_by_word[word])
        for verb in verb_phrases:
            numbers.update(self._by_verb.get(verb, ()))
        return [self.triggers[i] for i in sorted(numbers)]


def match_functions(
    triggers: Sequence[CompiledTrigger] | TriggerIndex,
    verb_phrases: set[tuple[str, ...]],
    generic: bool,
    args: Sequence[Forms],
    depths: NestingDepths | None = None,
    embedded: Callable[[int, int], bool] | None = None,
) -> list[Match]:
    """Return the functions a predicate expresses, one per argument region.

    ``verb_phrases`` are the predicate's lemma phrases ("carry out", "carry"); ``generic`` says
    the predicate is a role predicate ("handle", "is responsible for", "X's job"), which fires
    triggers that name no verbs. Where matches overlap, the longer object wins, then the trigger
    that names its verbs. ``depths`` (per argument word, see ``argwords.nesting``) keep a
    generic trigger to the predicate's own objects: 'runs name checks on benefit applicants'
    is about name checks, not benefits. ``embedded(start, end)`` tells whether the argument
    words ``start:end`` hang on a verb inside a modifier: 'approves petitions needed to apply
    for visas' does not approve visas, so no trigger matches such words. A
    :class:`TriggerIndex` spares trying every trigger.
    """
    present = frozenset().union(*args) if args else frozenset()
    if isinstance(triggers, TriggerIndex):
        triggers = triggers.candidates(verb_phrases, generic, present)
    found: list[Match] = []
    for trig in triggers:
        if trig.verbs is None:
            if not generic or (trig.refused and not trig.refused.isdisjoint(verb_phrases)):
                continue
        elif not (trig.verbs & verb_phrases):
            continue
        if trig.objects and trig.first_words is not None and present.isdisjoint(
                trig.first_words):
            continue  # the cheap test first: most triggers end here
        match = _trigger_match(trig, args, present, depths, embedded)
        if match is not None:
            found.append(match)
    return _resolve(found)


def _trigger_match(trig: CompiledTrigger, args: Sequence[Forms], present: frozenset[str],
                   depths: NestingDepths | None,
                   embedded: Callable[[int, int], bool] | None) -> Match | None:
    """The first object of ``trig`` found in the arguments (see :func:`match_functions`)."""
    if not trig.objects:
        return Match(trig.function, -1, -1, trig.verbs is not None)
    if trig.first_words is not None and present.isdisjoint(trig.first_words):
        return None
    for obj in trig.objects:
        if not present.issuperset(obj) and not (GAP in obj
                                                and present.issuperset(object_words(obj))):
            continue  # a word of the object is missing: no need to scan
        at, end = find_span(args, obj)
        if at < 0:
            continue
        if trig.verbs is None and depths is not None and min(depths[at:end]) > 0:
            continue
        if trig.own_object and depths is not None and not depths.own(at, end):
            continue
        if embedded is not None and embedded(at, end):
            continue
        return Match(trig.function, at, end, trig.verbs is not None)
    return None


def _resolve(found: list[Match]) -> list[Match]:
    """Keep the best match per overlapping argument region; one match per function.

    Regions first, then functions: every region a function's words cover keeps other
    functions out of it ('order expedited removal ... without a judge' is expedited removal
    twice, and 'removal' inside it is no removal order of its own).
    """
    ranked = sorted(found, key=lambda m: (-(m.end - m.start), not m.specific, m.function))
    regions: list[Match] = []
    for match in ranked:
        if match.start >= 0 and any(
            k.start >= 0 and k.start < match.end and match.start < k.end for k in regions
        ):
            continue
        regions.append(match)
    kept: list[Match] = []
    for match in regions:
        if not any(k.function == match.function for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: (m.start, m.function))


def function_words(table: Table) -> dict[str, frozenset[str]]:
    """The words each function is described with: id, label, description and trigger objects.

    A word of these in a denial names the role itself, not a narrower case of it.
    """
    out = {}
    for function in table.functions.values():
        text = " ".join([function.id.replace("_", " "), function.label, function.description,
                         *(o for t in function.triggers for o in t.objects)])
        # 'non-citizen' stays whole: its 'citizen' is not a word the function is about
        words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower()))
        words |= {w.replace("-", "") for w in words}
        out[function.id] = frozenset(words | {singular(w, keep=2) for w in words})
    return out


def verb_forms(triggers: Sequence[CompiledTrigger]) -> frozenset[str]:
    """Inflected forms of the trigger verbs' head words ('issue', 'issues', 'issued'), by the
    shipped ``verb_inflections``: every rule whose ending a verb has applies."""
    heads = {verb[0] for trig in triggers if trig.verbs for verb in trig.verbs if verb}
    rules = shipped_rewrites("verb_inflections")
    forms = set(heads)
    for head in heads:
        forms |= {head[: len(head) - len(old)] + new for old, new in rules if head.endswith(old)}
    return frozenset(forms)
