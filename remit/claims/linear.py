"""The linear fallback: read 'ICE issues green cards' when the parser took the verb for a noun.

A deliberate kind of rule in code: it reads word order, which no dependency pattern can. Its
words are lexicon classes. Plain functions of a :class:`remit.claims.slots.Sentence` (see
:mod:`remit.claims.frames`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from remit.claims.negation import negation_of
from remit.claims.predicates import EQUATES, Frame, lemma_of
from remit.claims.slots import Sentence


def tail(ctx: Sentence, verb: Token, agency: str | None = None) -> tuple[Token, ...]:
    """The words after a verb up to the end of its clause, for a parse that lost them; with
    ``agency``, up to 'and' before another agency (a gapped clause: 'grants asylum and
    immigration judges withholding of removal')."""
    out = []
    doc = verb.doc
    end = clause_end(ctx.sentence_of(verb.i).end, doc)
    joins = ctx.lex.word_class("clause_conjunctions")
    apart = ctx.lex.word_class("contrast_prepositions")  # 'every benefit except visas'
    for token in doc[verb.i + 1 : end]:
        if (token.lower_ in ctx.lex.clause_breaks or token.i in ctx.opaque
                or token.i in ctx.labels or token.lower_ in apart):
            break
        if token.text == "," and token.i + 2 < end and doc[token.i + 1].lower_ in joins and (
                token.i + 2 in ctx.mention_tokens or doc[token.i + 2].pos_ == "PRON"):
            break  # ', and USCIS deals with ...': the next clause has its own subject
        if agency is not None and token.lower_ in joins and token.i + 1 < end and (
                ctx.mention_tokens.get(token.i + 1) is not None
                and ctx.mention_tokens[token.i + 1].label_ != agency):
            break
        if not token.is_space:
            out.append(token)
    return tuple(out)


def linear(ctx: Sentence, mention: Span) -> list[Frame]:
    """Mention followed by a verb-like word the parser took for a noun."""
    doc = mention.doc
    sent_end = clause_end(ctx.sentence_of(mention.start).end, doc)
    start = ctx.sentence_of(mention.start).start
    if _staff_place(ctx, doc, mention, start):
        return []
    # a bracketed aside is skipped only after a subject that opens the sentence ('The
    # Transportation Security Administration (TSA) screens ...'), not after one in a list
    opens = all(t.is_punct or t.dep_ == "det" for t in doc[start:mention.start])
    after = after_parenthesis(ctx, mention.end, sent_end, brackets=opens)
    i, negated = _skip_to_verb(ctx, doc, after, sent_end)
    j = _past_phrase(ctx, doc, i, sent_end)
    if j != i:
        i, denied = _skip_to_verb(ctx, doc, j, sent_end)
        negated = negated or denied
    if i < sent_end and doc[i].text in EQUATES:
        # shorthand 'USCIS = benefits (green cards, citizenship); ICE = enforcement'
        args = list(tail(ctx, doc[i]))
        return [Frame(mention, doc[i], frozenset({("(role)",)}), True, tuple(args),
                      negated=negated, role_like=True, extra={"linear": True})]
    if i >= sent_end or not doc[i].lower_.isalpha():
        return []
    if doc[i].lemma_.lower() in ctx.lex.units:
        # 'HSI directorate': a longer name, not a verb; its verb may follow ('ICE's ERO branch
        # locates ...')
        i += 1
        if i >= sent_end or not doc[i].lower_.isalpha():
            return []
    verb = doc[i]
    if verb.tag_ not in {"VBZ", "VBP", "VBD", "VB"} and verb.lower_ not in ctx.verb_words:
        return []
    if i + 1 < sent_end and doc[i + 1].tag_ == "VBD":
        return []  # 'ICE raids increased': the word was a noun after all
    relative = mention.start - 1
    while (relative > start and doc[relative].dep_ == "det"  # 'which the State Department'
           and doc[relative].lower_ not in ctx.lex.relative_words):
        relative -= 1
    if relative >= start and doc[relative].lower_ in ctx.lex.relative_words:
        # 'SEVIS, which ICE runs, tracks students': a relative clause's one verb
        verbs, later = [verb], None
        args = _relative_object(doc, relative, start, list(tail(ctx, verb)))
    else:
        verbs = _verb_run(ctx, doc, i, sent_end)
        args, later = split_later_verb(ctx, list(tail(ctx, verbs[-1], mention.label_)))
    # 'CBP issues no visas': the object's 'no' denies the verbs before it (the denial cues)
    denied = negated != negation_of(ctx.lex).denies_in_order(verbs[-1], args)
    frames = [linear_frame(ctx, mention, each, args, denied) for each in verbs]
    if later is not None:
        frames.append(later_frame(ctx, mention, later, negated))
    return frames


def _relative_object(doc, relative: int, start: int, args: list[Token]) -> list[Token]:
    """The object of a relative clause the parser lost ('SEVIS, which ICE runs, tracks
    students'): its words up to the clause's comma, else the noun the clause is about."""
    cut = next((k for k, t in enumerate(args) if t.is_punct), len(args))
    if cut and args[0].pos_ != "ADP":
        return args[:cut]
    # the noun, and a phrase after the verb ('E-Verify, which USCIS runs with SSA')
    k = relative - 1
    while k >= start and doc[k].is_punct:
        k -= 1
    return (noun_phrase(doc[k], start) if k >= start else []) + args[:cut]


def noun_phrase(noun: Token, start: int) -> list[Token]:
    """A noun and the words before it in its phrase ('the visa application form'), from
    ``start`` on; nothing when ``noun`` is no noun."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return []
    return list(noun.doc[max(noun.left_edge.i, start) : noun.i + 1])


def later_frame(ctx: Sentence, mention: Span, later: tuple[Token, list[Token]],
                negated: bool) -> Frame:
    """The frame of a second verb :func:`split_later_verb` found; '... and does not decide
    naturalization cases': an auxiliary 'do' and its negation come before the verb."""
    verb, rest = later
    if verb.lemma_ in ctx.lex.word_class("support_verbs") and rest:
        doc = verb.doc
        i, denied = _skip_to_verb(ctx, doc, verb.i + 1, rest[-1].i + 1)
        if i <= rest[-1].i and doc[i].pos_ == "VERB":
            return linear_frame(ctx, mention, doc[i], [t for t in rest if t.i > i],
                                negated != denied)
    return linear_frame(ctx, mention, verb, rest, negated)


def _past_phrase(ctx: Sentence, doc, i: int, sent_end: int) -> int:
    """Past a short prepositional phrase after the subject when a verb of the lexicon follows
    it, in the number of the subject's last word ('Consular officers at embassies issue
    visas', parsed as a noun phrase); else ``i``."""
    if (i >= sent_end or i == 0 or doc[i].pos_ != "ADP"
            or doc[i].lower_ in ctx.lex.unit_prepositions):
        return i
    plural = doc[i - 1].tag_ in {"NNS", "NNPS"}
    for j in range(i + 2, min(sent_end, i + 2 + _PHRASE_WORDS)):
        word = doc[j].lower_
        if word in ctx.verb_words and plural != _third_person(ctx, word) and (
                doc[j - 1].pos_ in _PHRASE_POS):
            return j
        if doc[j].pos_ not in _PHRASE_POS:
            break
    return i


# A prepositional phrase skipped before the verb: its words and their parts of speech.
_PHRASE_WORDS = 4
_PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})


def _skip_to_verb(ctx: Sentence, doc, i: int, sent_end: int) -> tuple[int, bool]:
    """Step over adverbs, auxiliaries, other mentions and personnel words after the mention;
    the index of the word that may be its verb, and whether a negation came before it."""
    words = ctx.lex.word_class
    negated = False
    while i < sent_end and (
            doc[i].pos_ in {"ADV", "AUX", "PART", "CCONJ", "SPACE"} or doc[i].tag_ == "MD"
            or doc[i].lower_ in words("linear_skip_words") or i in ctx.mention_tokens
            or doc[i].is_quote
            or (doc[i].lemma_.lower() in ctx.lex.personnel
                and not personnel_verb(ctx, doc, i, sent_end))):
        if doc[i].lemma_ in words("support_verbs") and i + 1 < sent_end and doc[i + 1].pos_ in {
                "DET", "NOUN", "PROPN", "ADJ", "NUM"}:
            break  # 'HSI does the I-9 audits': 'do' is the verb here
        # 'neither'/'nor' negate the mention they precede: cue contrast-not-agency; so does a
        # 'not' right before another agency ('USCIS and not ICE issues ...')
        before_agency = i + 1 < sent_end and i + 1 in ctx.mention_tokens
        negated = negated or (not before_agency and (
            doc[i].lower_ in ctx.lex.negations - words("mention_negations")
            or doc[i].dep_ == "neg"))
        i += 1
    return i, negated


def _verb_run(ctx: Sentence, doc, i: int, sent_end: int) -> list[Token]:
    """'arrests, detains and deports noncitizens': a run of coordinated verbs from ``i``."""
    joiners, coordinators = (ctx.lex.word_class("verb_run_joiners"),
                             ctx.lex.word_class("coordinators"))
    verbs = [doc[i]]
    j = i + 1
    while j + 1 < sent_end and doc[j].lower_ in joiners:
        k = j + 1 if doc[j + 1].lower_ not in coordinators else j + 2
        if k < sent_end and doc[k].lower_ in ctx.verb_words:
            verbs.append(doc[k])
            j = k + 1
        else:
            break
    return verbs


def _third_person(ctx: Sentence, word: str) -> bool:
    return word.endswith(tuple(ctx.lex.word_class("third_person_endings")))


def personnel_verb(ctx: Sentence, doc, i: int, end: int) -> bool:
    """'CBP staffs the ports': a personnel word inflected as a trigger verb, then its object.

    'CBP staff inspect cargo' keeps 'staff' as the people who act.
    """
    word = doc[i].lower_
    return (word in ctx.verb_words and word != doc[i].lemma_.lower() and _third_person(ctx, word)
            and i + 1 < end and doc[i + 1].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"})


def _staff_place(ctx: Sentence, doc, mention: Span, start: int) -> bool:
    """'ICE officers at the consulate review ...': the place where another agency's people
    work, not the one that acts (their agency named right before them)."""
    i = mention.start - 1
    while i > start and doc[i].pos_ == "DET":
        i -= 1
    if i <= start or doc[i].lower_ not in ctx.lex.personnel_prepositions:
        return False
    staff = doc[i - 1]
    owner = staff.i - 1  # 'ICE officers at ...', "ICE's attachés at ..."
    if owner > start and doc[owner].lower_ in ctx.lex.word_class("possessive_endings"):
        owner -= 1
    return (staff.lemma_.lower() in ctx.lex.personnel and owner >= start
            and owner in ctx.mention_tokens and staff.i not in ctx.mention_tokens
            and ctx.mention_tokens[owner].label_ != mention.label_)


def linear_frame(ctx: Sentence, mention: Span, verb: Token, args: list[Token],
                 negated: bool) -> Frame:
    """The frame of a verb read in word order, with the words after it as its arguments."""
    lemma = lemma_of(verb)
    phrases = {(lemma,)} | ({(lemma, args[0].lower_)} if args else set())
    return Frame(mention, verb, frozenset(phrases),
                 generic=bool(phrases & ctx.lex.verbs("handle")), args=tuple(args),
                 negated=negated, role_like=verb.tag_ in {"VBZ", "VBP", "NNS"},
                 extra={"linear": True})


def clause_end(end: int, doc) -> int:
    """Extend a parser sentence across its breaks before a lower-case word ('dept. runs')."""
    while end < len(doc) and doc[end].is_lower:
        end = doc[end].sent.end
    return end


def split_later_verb(ctx: Sentence, args: list[Token]):
    """'... trafficking and smuggling and also approves student visas': a second verb."""
    joiners = ctx.lex.word_class("later_verb_joiners")
    for k, token in enumerate(args[:-1]):
        if token.lower_ not in joiners:
            continue
        m = k + 1
        while m < len(args) and args[m].pos_ == "ADV":
            m += 1
        if (m < len(args) - 1 and args[m].lower_ in ctx.verb_words
                and _third_person(ctx, args[m].lower_) and args[m].tag_ not in _NAME_TAGS
                and args[m].i not in ctx.mention_tokens):
            # ('petitions and DOS issues visas': 'DOS', a name, is no form of 'do')
            return args[:k], (args[m], args[m + 1 :])
    return args, None


def split_other_clause(ctx: Sentence, args: list[Token]) -> list[Token]:
    """'USCIS approves the petition, a State consulate issues the visa': after a clause mark
    (the lexicon's ``clause_splice_marks``), a noun phrase that opens with an article or a
    proper noun, then a verb of the lexicon in the third person with its object: another
    subject's clause that the parser glued onto the arguments (often as an apposition, which
    the arguments leave out). They end at the mark."""
    marks = ctx.lex.word_class("clause_splice_marks")
    for k, token in enumerate(args):
        if token.text in marks and _opens_clause(ctx, token.doc, token.i + 1):
            return args[:k]
    return args


def _opens_clause(ctx: Sentence, doc, start: int) -> bool:
    """Whether ``doc[start:]`` opens with a noun phrase (an article or a proper noun first)
    and a third-person verb of the lexicon followed by its object."""
    if start >= len(doc):
        return False
    m = start + (doc[start].lower_ in ctx.lex.word_class("articles"))
    if (m == start and doc[start].pos_ != "PROPN") or m >= len(doc) or (
            doc[m].pos_ not in _NOUN_PHRASE):
        return False
    for n in range(m + 1, min(len(doc) - 1, m + 5)):
        word = doc[n].lower_
        if word in ctx.verb_words and _third_person(ctx, word) and (
                doc[n + 1].pos_ in _OBJECT_START):
            return True
        if doc[n].pos_ not in _NOUN_PHRASE:
            return False
    return False


_NOUN_PHRASE = frozenset({"PROPN", "NOUN", "ADJ", "VERB"})
_NAME_TAGS = frozenset({"NNP", "NNPS"})
_OBJECT_START = frozenset({"DET", "NOUN", "PROPN", "ADJ", "NUM"})


def after_parenthesis(ctx: Sentence, i: int, end: int, brackets: bool = False) -> int:
    """Skip ', ICE's investigative arm,' (or, with ``brackets``, ' (CBP)') after a mention:
    the index after the closing comma or bracket, when no finite verb stands between."""
    doc = ctx.mentions[0].doc if ctx.mentions else None
    if doc is None or i >= end or doc[i].text not in _ASIDE or (
            doc[i].text != "," and not brackets):
        return i
    close, reach = _ASIDE[doc[i].text]
    for j in range(i + 1, min(end, i + reach)):
        if doc[j].text == close:
            inner = doc[i + 1 : j]
            if not any(t.tag_ in {"VBZ", "VBP", "VBD", "MD"} for t in inner):
                return j + 1
            return i
    return i


# An aside after a mention: its opening mark, its closing mark and how far it may reach.
_ASIDE = {",": (",", 12), "(": (")", 8)}
