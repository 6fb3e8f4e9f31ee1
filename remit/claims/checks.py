"""Cross-checks of merged grammar records, and of the table's references into the grammar.

Run after merging, by :func:`remit.claims.lexicon.load_lexicon` and ``remit rules validate``:
classes the extractor reads must exist, ``disjoint_with`` classes must not share a word, an
``@name`` must name a class, and a verb phrase must have a shape the extractor builds (data it
can never match is an error, not a silent no-op).
"""

from __future__ import annotations

from remit.claims.lexicon import Lexicon, build_lexicon, lexicon_fields, phrase
from remit.rules.loader import Located
from remit.rules.table import Table

KIND = "word class"
# The class whose words may end a three-word verb phrase (see ``phrase_shape_problem``).
PREPOSITIONS = "prepositions"
COPULA = "be"


def phrase_shape_problem(words: tuple[str, ...], prepositions: frozenset[str]) -> str | None:
    """Why the extractor can never build the verb phrase ``words``, or None if it can.

    ``predicates.verb_phrases`` builds (lemma), (lemma, particle, preposition or object noun),
    (lemma, object noun, preposition), (lemma, particle, preposition) and (lemma, preposition,
    its object): 'issue', 'hand out', 'make decision on', 'crack down on', 'take into custody'.
    A copula never gets a verb phrase of three words: 'is responsible for' and 'is in charge of'
    are read by the copula rules, whatever a class says.
    """
    if len(words) <= 2:
        return None
    if len(words) > 3:
        return "a verb phrase has at most three words (verb, object or particle, preposition)"
    if words[0] == COPULA:
        return "'be' phrases of three words are never built (the copula rules read them)"
    if words[2] not in prepositions and words[1] not in prepositions:
        return (f"neither '{words[1]}' nor '{words[2]}' is in @{PREPOSITIONS}: a three-word "
                "phrase has a preposition second or last ('take into custody', 'crack down on')")
    return None


def grammar_errors(paths=(), *, shipped: bool = True, table: Table | None = None) -> list[str]:
    """Every problem in the grammar records of ``paths`` (over the shipped ones, if ``shipped``).

    With a ``table``, its triggers' ``@name`` references and verb phrases are checked too.
    """
    from remit.claims.constructions import construction_errors
    from remit.claims.cuecompile import cue_errors
    from remit.claims.grammar import constructions, cues, load_grammar, word_classes

    merged, errors = load_grammar(paths, shipped=shipped)
    located = word_classes(merged)
    errors += check_word_classes(located, complete=shipped)
    if shipped and not errors:
        lexicon = build_lexicon({rid: loc.record for rid, loc in located.items()})
        errors += construction_errors(constructions(merged), lexicon.word_class)
        errors += cue_errors(cues(merged), lexicon.word_class)
        if table is not None:
            errors += check_trigger_words(table, lexicon)
    return errors


def check_word_classes(located: dict[str, Located], *, complete: bool = True) -> list[str]:
    """Errors in merged word classes (``id -> Located``), as ``file:line: word class ...``.

    ``complete``: every class the extractor reads must be there (not so for a user's file
    checked alone).
    """
    errors: list[str] = []

    def err(loc: Located, message: str) -> None:
        errors.append(f"{loc.path}:{loc.line}: {KIND} '{loc.record.id}': {message}")

    for name in lexicon_fields() if complete else ():
        if name not in located:
            errors.append(f"remit/claims/data/lexicon.yaml:1: {KIND} '{name}': missing "
                          "(the extractor reads it)")
    known = ", ".join(sorted(located))
    for loc in located.values():
        words = set(loc.record.words)
        for other in loc.record.disjoint_with:
            if other not in located:
                err(loc, f"disjoint_with: unknown class '{other}' (known: {known})")
                continue
            shared = sorted(words & set(located[other].record.words))
            if shared:
                err(loc, f"shares {', '.join(map(repr, shared))} with '{other}', "
                    "which it is disjoint with")
        acronym = loc.record.acronym
        if acronym and "ambiguous_acronyms" in located and (
                acronym not in located["ambiguous_acronyms"].record.words):
            err(loc, f"acronym '{acronym}' is not in @ambiguous_acronyms")
    errors += _dead_phrases(located)
    return errors


def _dead_phrases(located: dict[str, Located]) -> list[str]:
    prepositions = frozenset(located[PREPOSITIONS].record.words) if (
        PREPOSITIONS in located) else frozenset()
    errors = []
    for loc in located.values():
        if loc.record.shape != "verb_phrases":
            continue
        for word in loc.record.words:
            problem = phrase_shape_problem(phrase(word), prepositions)
            if problem:
                errors.append(f"{loc.path}:{loc.line}: {KIND} '{loc.record.id}': "
                              f"'{word}' can never match: {problem}")
    return errors


def check_trigger_words(table: Table, lexicon: Lexicon, *, shapes: bool = True) -> list[str]:
    """Errors in the table's trigger verbs: an ``@name`` no class answers, a dead phrase."""
    errors = []
    names = lexicon.class_names()
    prepositions = lexicon.word_class(PREPOSITIONS) if PREPOSITIONS in names else frozenset()
    for function in table.functions.values():
        path, line = table.locations.get(("functions", function.id), ("?", 0))
        where = f"{path}:{line}: function '{function.id}'"
        for verb in (v for t in function.triggers for v in (*t.verbs, *t.not_verbs)):
            if verb.startswith("@"):
                if verb[1:] not in names:
                    errors.append(f"{where}: '{verb}' names no word class "
                                  f"(known: {', '.join(sorted(names))})")
                continue
            problem = shapes and phrase_shape_problem(phrase(verb), prepositions)
            if problem:
                errors.append(f"{where}: verb '{verb}' can never match: {problem}")
    return errors
