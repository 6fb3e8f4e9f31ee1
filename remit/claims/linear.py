"""The linear fallback: read 'ICE issues green cards' when the parser took the verb for a noun.

A mixin of :class:`remit.claims.frames.FrameBuilder`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from remit.claims.predicates import CLAUSE_BREAKS, Frame, lemma_of


class LinearRules:
    """Frames read from word order, for mentions the parse gives no role."""

    def _tail(self, verb: Token) -> tuple[Token, ...]:
        """The words after a verb up to the end of its clause, for a parse that lost them."""
        out = []
        doc = verb.doc
        end = verb.sent.end
        for token in doc[verb.i + 1 : end]:
            if token.lower_ in CLAUSE_BREAKS or token.i in self.opaque or token.i in self.labels:
                break
            if token.text == "," and token.i + 2 < end and doc[token.i + 1].lower_ in {
                    "and", "but", "or"} and (token.i + 2 in self.mention_tokens
                                             or doc[token.i + 2].pos_ == "PRON"):
                break  # ', and USCIS deals with ...': the next clause has its own subject
            if not token.is_space:
                out.append(token)
        return tuple(out)

    def _linear(self, mention: Span) -> list[Frame]:
        """Mention followed by a verb-like word the parser took for a noun."""
        doc = mention.doc
        sent_end = mention.sent.end
        i = self._after_parenthesis(mention.end, sent_end)
        negated = False
        while i < sent_end and (
                doc[i].pos_ in {"ADV", "AUX", "PART", "CCONJ", "SPACE"} or doc[i].tag_ == "MD"
                or doc[i].lower_ in {",", "both", "all"} or i in self.mention_tokens
                or doc[i].lemma_.lower() in self.lex.personnel):
            if doc[i].lemma_ == "do" and i + 1 < sent_end and doc[i + 1].pos_ in {
                    "DET", "NOUN", "PROPN", "ADJ", "NUM"}:
                break  # 'HSI does the I-9 audits': 'do' is the verb here
            # 'neither'/'nor' negate the mention they precede: see _contrast.
            negated = negated or (doc[i].lower_ in self.lex.negations - {"neither", "nor"}
                                  or doc[i].dep_ == "neg")
            i += 1
        if i >= sent_end or not doc[i].lower_.isalpha():
            return []
        verb = doc[i]
        if verb.tag_ not in {"VBZ", "VBP", "VBD", "VB"} and verb.lower_ not in self.verb_words:
            return []
        if i + 1 < sent_end and doc[i + 1].tag_ == "VBD":
            return []  # 'ICE raids increased': the word was a noun after all
        verbs = [verb]
        j = i + 1
        # 'arrests, detains and deports noncitizens': a run of coordinated verbs.
        while j + 1 < sent_end and doc[j].lower_ in {",", "and", "or"}:
            k = j + 1 if doc[j + 1].lower_ not in {"and", "or"} else j + 2
            if k < sent_end and doc[k].lower_ in self.verb_words:
                verbs.append(doc[k])
                j = k + 1
            else:
                break
        args = list(self._tail(doc[j - 1]))
        frames = []
        for each in verbs:
            lemma = lemma_of(each)
            phrases = {(lemma,)} | ({(lemma, args[0].lower_)} if args else set())
            frames.append(Frame(
                mention, each, frozenset(phrases),
                generic=bool(phrases & self.lex.verbs("handle")), args=tuple(args),
                negated=negated, role_like=each.tag_ in {"VBZ", "VBP", "NNS"},
                extra={"linear": True}))
        return frames

    def _after_parenthesis(self, i: int, end: int) -> int:
        """Skip ', ICE's investigative arm,' after a mention: the index after the second comma."""
        doc = self.mentions[0].doc if self.mentions else None
        if doc is None or i >= end or doc[i].text != ",":
            return i
        for j in range(i + 1, min(end, i + 12)):
            if doc[j].text == ",":
                inner = doc[i + 1 : j]
                if not any(t.tag_ in {"VBZ", "VBP", "VBD", "MD"} for t in inner):
                    return j + 1
                return i
        return i
