"""'It', 'the agency', 'the latter', 'its agents': mentions resolved from the sentence before.

Pure functions over parsed spans; :class:`remit.claims.extract.Extractor` calls them per
sentence, and only where the token arrays hold one of the words they take. The mentions they
resolve to are those of the sentence before or, further back, the stand-in that
:mod:`remit.runtime.salience` gives for the agency a paragraph or section is about; its
``kb_id`` (:data:`remit.records.FAR_VIAS`) is kept on the anaphor, so the claim says how its
agency was read.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from remit.claims.lexicon import Lexicon, singular
from remit.records import FAR_VIAS, VIA_INFERRED

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


def anaphor_words(lex: Lexicon) -> frozenset[str]:
    """The words resolve_anaphora takes by their lower case; nouns ('the agency') go by lemma."""
    return (lex.possessive_anaphors | lex.singular_anaphors | lex.plural_anaphors
            | lex.anaphor_ordinals | frozenset(lex.word_class("role_anaphors")))


def resolve_anaphora(sent: Span, own: Sequence[Span], previous: Sequence[Span],
                     lex: Lexicon, assume_subject: bool = False,
                     names: dict | None = None) -> list[Span]:
    """Mentions for 'it', 'the agency', 'the latter', 'its agents', resolved one sentence back.

    'It' and 'the agency' take the subject of the previous sentence (else its first mention),
    'the latter' its last mention and 'the former' its first; 'its' before a personnel noun
    takes the nearest earlier mention in the same sentence. A sentence-initial 'they' takes the
    previous sentence's subject only if an agency is that subject ('OPLA attorneys prosecute
    ... They also ...'), never a mention elsewhere ('Migrants were held by CBP. They ...').
    ``assume_subject`` answers, for a stand-in ``previous``, whether anything could resolve.
    ``names`` (agency id -> words of its names and its kind) keeps 'the Board' or 'this
    office' to an agency so named or of that kind; 'the agency' (``generic_anaphor_nouns``)
    takes any.
    """
    out: list[Span] = []
    taken = {i for m in own for i in range(m.start, m.end)}
    for token in sent:
        if token.i in taken:
            continue
        antecedent = _antecedent(token, sent, own, previous, lex, assume_subject)
        noun = token.lemma_.lower()
        if (antecedent is not None and names and not assume_subject
                and noun in lex.anaphor_nouns and noun not in lex.generic_anaphor_nouns
                and noun not in names.get(antecedent.label_, ())):
            # 'Judges decide cases. The Board reviews appeals.': no; 'USCIS ... the
            # department' (a word writers use for any agency): likely, not certain
            antecedent = _loosely(antecedent, noun, previous, lex, names)
        if antecedent is not None:
            lower = token.lower_
            start = token.left_edge.i if lower in lex.anaphor_ordinals else token.i
            if token.lemma_.lower() in lex.anaphor_nouns:
                start = token.left_edge.i
            far = antecedent.kb_id_ if antecedent.kb_id_ in FAR_VIAS else "anaphora"
            out.append(Span(sent.doc, start, token.i + 1, label=antecedent.label_, kb_id=far))
    return out


def _antecedent(token: Token, sent: Span, own: Sequence[Span], previous: Sequence[Span],
                lex: Lexicon, assume_subject: bool) -> Span | None:
    """The mention an anaphor ``token`` stands for (see :func:`resolve_anaphora`), or None."""
    lower = token.lower_
    if lower in lex.possessive_anaphors and token.head.lemma_.lower() in lex.personnel:
        # 'its agents', 'their officers'
        earlier = [m for m in own if m.end <= token.i]
        return _subject_of(earlier) or _subject_of(previous)
    if lower in lex.possessive_anaphors and token.dep_ == "poss" \
            and token.head.dep_ in _SUBJECT_DEPS and token.head.lemma_.lower() in lex.role_nouns:
        # 'its main job is to ...', 'their mission is ...': an agency subject before, in this
        # sentence or the one before (not 'They work for DHS, but their jobs differ')
        earlier = [m for m in own if m.end <= token.i]
        return _subject_of(earlier, strict=True) if earlier else _subject_of(previous)
    if token.dep_ == "attr" and not own and _described(token, lex) and any(
            c.dep_ in _SUBJECT_DEPS and c.lower_ in lex.demonstratives
            for c in token.head.children):
        return _subject_of(previous)  # 'This is the department which grants ...'
    if token.dep_ not in _SUBJECT_DEPS:
        return None
    if lower in lex.word_class("role_anaphors"):
        # 'ICE enforces the law inside the country. This includes arresting ...': the role
        # the sentence before gave its agency subject (never 'This' before another verb)
        sentence_initial = token.i == sent.start and token.pos_ == "PRON" and not own
        if not sentence_initial or token.head.lemma_.lower() not in lex.word_class(
                "role_content_verbs"):
            return None
        # an acronym subject the small model parsed as a noun phrase ('ICE enforces
        # immigration law') is no subject: then the one agency the sentence names
        one = previous[0] if len({m.label_ for m in previous}) == 1 else None
        return _subject_of(previous, strict=True) or (
            one if one is not None and _leads(one.root) else None)
    if lower in lex.singular_anaphors and token.pos_ == "PRON":
        if _names_an_agency(token, own):
            return None  # 'it is OIL that defends it', 'it was CBP': a cleft's 'it', no anaphor
        # '..., and it then issues ...' refers to this sentence's subject, if it has one.
        earlier = [m for m in own if m.end <= token.i]
        return _subject_of(earlier) if earlier else (
            _subject_of(previous) if assume_subject else _it_antecedent(previous, lex))
    plural = lower in lex.plural_anaphors and token.pos_ == "PRON"
    if plural and token.i == sent.start:
        return (previous[0] if assume_subject and previous
                else _subject_of(previous, strict=True) or _staff_of(previous, lex))
    if plural and (
            token.head.dep_ == "conj" or sent.doc[token.i - 1].text in {";", ":"}):
        # 'CBP officers inspect cargo, and they ...', '...; they ...': this sentence's
        # agency subject
        return _subject_of([m for m in own if m.end <= token.i], strict=True)
    if lower in lex.anaphor_ordinals and previous:
        return previous[-1] if lower in lex.last_ordinals else previous[0]
    if _described(token, lex, relative=not own):
        return _subject_of(previous)
    return None


_RELATIVE_DEPS = {"relcl", "acl"}


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
    return Span(antecedent.doc, antecedent.start, antecedent.end, label=antecedent.label_,
                kb_id=VIA_INFERRED)


def _described(token: Token, lex: Lexicon, relative: bool = True) -> bool:
    """'the agency', 'this office'; with ``relative``, also 'the department which certifies
    ...' (in a sentence that names no agency: 'The agency that issues visas is DOS' does)."""
    children = [c for c in token.children if not (relative and c.dep_ in _RELATIVE_DEPS)]
    return token.lemma_.lower() in lex.anaphor_nouns and len(children) == 1 and (
        children[0].lower_ in lex.definite_articles or children[0].lower_ in lex.demonstratives)


def _leads(token: Token) -> bool:
    """Whether ``token`` opens its sentence's root phrase through compounds only (the parse
    the small model gives 'ICE enforces immigration law'), not a thing's modifier ('toured
    an ICE facility')."""
    while token.dep_ == "compound":
        token = token.head
    return token.dep_ == "ROOT"


def _staff_of(previous: Sequence[Span], lex: Lexicon) -> Span | None:
    """'Its agents patrol ... They ...': the agency whose people were the subject before."""
    for mention in previous:
        head = mention.root.head
        if (mention.root.dep_ == "poss" and head.dep_ in _SUBJECT_DEPS
                and head.lemma_.lower() in lex.personnel):
            return mention
    return None


def _names_an_agency(token: Token, own: Sequence[Span]) -> bool:
    """Whether subject ``token`` is said to be an agency of its own sentence ('it is ICE')."""
    head = token.head
    if head.lemma_ != "be":
        return False
    inside = {m.root.i for m in own}
    return any(c.dep_ == "attr" and c.i in inside for c in head.children)


def _it_antecedent(previous: Sequence[Span], lex: Lexicon) -> Span | None:
    """What 'it' takes from the sentence before: its agency subject, else its first mention.

    Not the first mention when the sentence's main subject is another thing 'it' can name:
    in 'E-Verify compares records with DHS. It is run by USCIS.' 'it' is E-Verify, not DHS;
    but a subject that is the agency's role or a noun for an agency points at the agency
    ("The TSA's mission is security. It ...", 'One such agency is USCIS. It ...').
    """
    subject = _subject_of(previous, strict=True)
    if subject is not None or not previous:
        return subject
    sent = previous[0].sent
    inside = {i for m in previous for i in range(m.start, m.end)}
    others = [t for t in sent if t.dep_ in _SUBJECT_DEPS and t.head.i == sent.root.i
              and t.i not in inside and t.tag_ in {"NN", "NNP"}]
    if not others:
        return previous[0]
    pointers = lex.role_nouns | lex.anaphor_nouns
    if len({m.label_ for m in previous}) == 1 and all(
            t.lemma_.lower() in pointers for t in others):
        return previous[0]
    return None


def _subject_of(mentions: Sequence[Span], strict: bool = False) -> Span | None:
    for mention in mentions:
        root = mention.root
        if root.dep_ in _SUBJECT_DEPS or (
                root.dep_ in {"compound", "amod", "nmod"} and root.head.dep_ in _SUBJECT_DEPS):
            return mention
    return mentions[0] if mentions and not strict else None


def name_words(table) -> dict[str, frozenset[str]]:
    """Agency id -> the lower-case words of its name and aliases (and their singulars), and its
    kind ('office' for the National Visa Center: 'this office')."""
    out = {}
    for agency in table.agencies.values():
        words = {w.lower().strip(".,()") for name in (agency.name, *agency.aliases)
                 for w in name.split()}
        out[agency.id] = frozenset(words | {singular(w) for w in words} | {agency.kind})
    return out
