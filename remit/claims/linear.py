"""The linear fallback: read 'ICE issues green cards' when the parser took the verb for a noun.

Plain functions of a :class:`remit.claims.slots.Sentence` (see :mod:`remit.claims.frames`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from remit.claims.predicates import EQUATES, Frame, lemma_of
from remit.claims.slots import Sentence

# Words that narrow an object: 'approves no petitions that lack evidence' is no denial.
_RESTRICTIVE = frozenset({"that", "who", "which", "for", "to", "unless", "without", "if",
                          "when", "whose", "from", "of"})


def _denied_by_object(words: list[str]) -> bool:
    """'issues no visas', 'issues none of the green cards', 'issues visas to no one'.

    Not 'approves no petitions that lack evidence': a restricted object is no denial.
    """
    if words[:1] == ["none"] and (len(words) == 1 or words[1] == "of"):
        return True
    if words[-3:] == ["to", "no", "one"] or words[-2:] == ["to", "nobody"]:
        return True
    return words[:1] == ["no"] and not any(w in _RESTRICTIVE for w in words)


#CLASS class LinearRules:
"""Frames read from word order, for mentions the parse gives no role."""


def tail(ctx: Sentence, verb: Token) -> tuple[Token, ...]:
    """The words after a verb up to the end of its clause, for a parse that lost them."""
    out = []
    doc = verb.doc
    end = clause_end(ctx.sentence_of(verb.i).end, doc)
    for token in doc[verb.i + 1 : end]:
        if (token.lower_ in ctx.lex.clause_breaks or token.i in ctx.opaque
                or token.i in ctx.labels):
            break
        if token.text == "," and token.i + 2 < end and doc[token.i + 1].lower_ in {
                "and", "but", "or"} and (token.i + 2 in ctx.mention_tokens
                                         or doc[token.i + 2].pos_ == "PRON"):
            break  # ', and USCIS deals with ...': the next clause has its own subject
        if not token.is_space:
            out.append(token)
    return tuple(out)


def linear(ctx: Sentence, mention: Span) -> list[Frame]:
    """Mention followed by a verb-like word the parser took for a noun."""
    doc = mention.doc
    sent_end = clause_end(ctx.sentence_of(mention.start).end, doc)
    i = after_parenthesis(ctx, mention.end, sent_end)
    negated = False
    while i < sent_end and (
            doc[i].pos_ in {"ADV", "AUX", "PART", "CCONJ", "SPACE"} or doc[i].tag_ == "MD"
            or doc[i].lower_ in {",", "both", "all"} or i in ctx.mention_tokens
            or doc[i].is_quote
            or (doc[i].lemma_.lower() in ctx.lex.personnel
                and not personnel_verb(ctx, doc, i, sent_end))):
        if doc[i].lemma_ == "do" and i + 1 < sent_end and doc[i + 1].pos_ in {
                "DET", "NOUN", "PROPN", "ADJ", "NUM"}:
            break  # 'HSI does the I-9 audits': 'do' is the verb here
        # 'neither'/'nor' negate the mention they precede: see _contrast.
        negated = negated or (doc[i].lower_ in ctx.lex.negations - {"neither", "nor"}
                              or doc[i].dep_ == "neg")
        i += 1
    if i < sent_end and doc[i].text in EQUATES:
        # shorthand 'USCIS = benefits (green cards, citizenship); ICE = enforcement'
        args = list(tail(ctx, doc[i]))
        return [Frame(mention, doc[i], frozenset({("(role)",)}), True, tuple(args),
                      negated=negated, role_like=True, extra={"linear": True})]
    if i >= sent_end or not doc[i].lower_.isalpha():
        return []
    if doc[i].lemma_.lower() in ctx.lex.units:
        return []  # 'HSI directorate': a longer name, not a verb
    verb = doc[i]
    if verb.tag_ not in {"VBZ", "VBP", "VBD", "VB"} and verb.lower_ not in ctx.verb_words:
        return []
    if i + 1 < sent_end and doc[i + 1].tag_ == "VBD":
        return []  # 'ICE raids increased': the word was a noun after all
    verbs = [verb]
    j = i + 1
    # 'arrests, detains and deports noncitizens': a run of coordinated verbs.
    while j + 1 < sent_end and doc[j].lower_ in {",", "and", "or"}:
        k = j + 1 if doc[j + 1].lower_ not in {"and", "or"} else j + 2
        if k < sent_end and doc[k].lower_ in ctx.verb_words:
            verbs.append(doc[k])
            j = k + 1
        else:
            break
    args, later = split_later_verb(ctx, list(tail(ctx, doc[j - 1])))
    # 'CBP issues no visas': the object's 'no' denies the verbs before it
    denied = negated != _denied_by_object([t.lower_ for t in args if not t.is_punct])
    frames = []
    for each in verbs:
        frames.append(linear_frame(ctx, mention, each, args, denied))
    if later is not None:
        verb, rest = later
        frames.append(linear_frame(ctx, mention, verb, rest, negated))
    return frames


def personnel_verb(ctx: Sentence, doc, i: int, end: int) -> bool:
    """'CBP staffs the ports': a personnel word inflected as a trigger verb, then its object.

    'CBP staff inspect cargo' keeps 'staff' as the people who act.
    """
    word = doc[i].lower_
    return (word in ctx.verb_words and word != doc[i].lemma_.lower() and word.endswith("s")
            and i + 1 < end and doc[i + 1].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"})


def linear_frame(ctx: Sentence, mention: Span, verb: Token, args: list[Token],
                  negated: bool) -> Frame:
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
    for k, token in enumerate(args[:-1]):
        if token.lower_ not in {"and", "but"}:
            continue
        m = k + 1
        while m < len(args) and args[m].pos_ == "ADV":
            m += 1
        if (m < len(args) - 1 and args[m].lower_ in ctx.verb_words
                and args[m].lower_.endswith("s") and args[m].tag_ != "NNPS"):
            return args[:k], (args[m], args[m + 1 :])
    return args, None


def after_parenthesis(ctx: Sentence, i: int, end: int) -> int:
    """Skip ', ICE's investigative arm,' after a mention: the index after the second comma."""
    doc = ctx.mentions[0].doc if ctx.mentions else None
    if doc is None or i >= end or doc[i].text != ",":
        return i
    for j in range(i + 1, min(end, i + 12)):
        if doc[j].text == ",":
            inner = doc[i + 1 : j]
            if not any(t.tag_ in {"VBZ", "VBP", "VBD", "MD"} for t in inner):
                return j + 1
            return i
    return i
