"""What the grammar did with a sentence: how each mention was found, which construction record
bound which slots, which cue records applied, which function trigger matched; and, for a
sentence with no claim, the construction records that came nearest.

Each answer asks the engine's own compiled records (the matcher, the cue set, the triggers);
nothing here decides a claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from remit.claims.cuetrace import cue_words, future_cues
from remit.explain.nearest import NearestConstructions
from remit.records import FAR_VIAS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from remit.claims.extract import Extractor
    from remit.records import Claim

# Parts of speech a claim's predicate is looked for at, walking up from its mention.
_PREDICATES = {"VERB", "AUX"}


class GrammarTrace:
    """Read back, for one sentence doc, what the engine's records did."""

    def __init__(self, extractor: Extractor, vocab, table):
        self.extractor = extractor
        self.table = table
        self.nearest = NearestConstructions(extractor.constructions, vocab, extractor.lex)

    def mention(self, span: Span) -> dict:
        """A mention and how it was recognised (alias, case, spelling, typo, reference back)."""
        return {"text": span.text, "agency": span.label_, "start": span.start_char,
                "end": span.end_char, "how": self._how(span)}

    def _how(self, span: Span) -> str:
        if span.kb_id_ == "anaphora":
            return "refers back to the agency named in the sentence before"
        if span.kb_id_ in FAR_VIAS:
            return f"refers back to the agency the text is about ({span.kb_id_})"
        agency = self.table.agencies.get(span.label_)
        if agency is None:
            return "name"
        names = [agency.name, *agency.aliases]
        text = span.text
        if text in names:
            return "name" if text == agency.name else f'alias "{text}"'
        folded = {n.lower(): n for n in names}
        if text.lower() in folded:
            return f'alias "{folded[text.lower()]}", case folded'
        if text.replace(".", "") in names:
            return f'alias "{text.replace(".", "")}", with full stops'
        words = text.split()
        for k in range(1, len(words)):  # two names side by side: 'USCIS asylum officer'
            first, second = " ".join(words[:k]).lower(), " ".join(words[k:]).lower()
            if first in folded and second in folded:
                return f'aliases "{folded[first]}" and "{folded[second]}" side by side'
        return "spelling variant or one-letter typo of " + " / ".join(
            f'"{n}"' for n in names if len(n.split()) == len(text.split()))[:200]

    def claim(self, claim: Claim, span: Span | None, doc: Doc | None) -> dict:
        """The construction (and its bound slots), cues and trigger of one claim."""
        out = {"construction": claim.construction, "through": list(claim.through),
               "construction_description": None,
               "slots": {}, "cues": [], "trigger": None}
        matcher = self.extractor.constructions
        if claim.construction and matcher and claim.construction in matcher.constructions:
            out["construction_description"] = matcher.constructions[
                claim.construction].description
        if doc is None or span is None:
            return out
        out["slots"] = self._slots(claim, span, doc)
        head = _predicate(span)
        out["cues"] = self._cues(claim, head, span.sent) + self._mention_cues(claim, span)
        out["trigger"] = self._trigger(claim, span.sent)
        if out["trigger"] is not None:
            out["trigger"]["predicate"] = head.lemma_
        return out

    def _slots(self, claim: Claim, span: Span, doc: Doc) -> dict:
        matcher = self.extractor.constructions
        if not claim.construction or not matcher:
            return {}
        bindings = [b for b in matcher(doc) if b.construction.id == claim.construction]
        near = [b for b in bindings if b.slots.get("agency") is not None
                and span.start <= b.slots["agency"] < span.end]
        chosen = (near or bindings)[:1]
        return {name: doc[i].text for b in chosen for name, i in sorted(b.slots.items())}

    def _cues(self, claim: Claim, head: Token, sent: Span) -> list[dict]:
        cues = self.extractor.cues
        state = cues.state(sent)
        found = []
        deciding = cues.deciding(head, state)
        if claim.assertion != "asserted":
            if deciding is None or deciding.record.effect != claim.assertion:
                deciding = next((c for t in sent if (c := cues.deciding(t, state)) is not None
                                 and c.record.effect == claim.assertion), deciding)
            if deciding is not None:
                found.append(deciding)
        if claim.future:
            kind = self.extractor.aliases.kinds.get(claim.agency)
            place = claim.target is not None
            found += future_cues(cues, head, state, kind, place) or [
                c for t in sent for c in future_cues(cues, t, state, kind, place)][:1]
        if claim.polarity == "negated":
            found += [c for c in cues.negating if cue_words(c, sent)]
        out, seen = [], set()
        for cue in found:
            if cue.record.id in seen:
                continue
            seen.add(cue.record.id)
            out.append({"id": cue.record.id, "effect": cue.record.effect,
                        "category": cue.record.category,
                        "words": cue_words(cue, sent, head)})
        return out

    def _mention_cues(self, claim: Claim, span: Span) -> list[dict]:
        """The cues of the claim's agency mention ('not ICE', 'only ICE') that it shows."""
        from remit.claims.around import CONTRAST, EXCLUSIVE, trigger_of

        shown = {CONTRAST} if claim.via == CONTRAST else set()
        shown |= {EXCLUSIVE} if claim.exclusive else set()
        out = []
        for cue in self.extractor.cues.mention:
            found = trigger_of(cue, span, span.sent) if cue.record.effect in shown else None
            if found is not None:
                out.append({"id": cue.record.id, "effect": cue.record.effect,
                            "category": cue.record.category, "words": [found.text]})
        return out

    def _trigger(self, claim: Claim, sent: Span) -> dict | None:
        """The first of the function's triggers whose words the sentence holds."""
        if not claim.function or claim.function == "part_of":
            return None
        forms = {f for t in sent for f in (t.lower_, t.lemma_.lower())}
        for trigger in self.extractor.triggers:
            if trigger.function != claim.function:
                continue
            verbs = sorted(" ".join(v) for v in trigger.verbs or () if set(v) <= forms)
            if trigger.verbs is not None and not verbs:
                continue
            objects = [" ".join(o) for o in trigger.objects if set(o) <= forms]
            if trigger.objects and not objects:
                continue
            return {"function": claim.function, "verbs": verbs or ["(a role predicate)"],
                    "object": objects[0] if objects else None}
        return {"function": claim.function, "verbs": [], "object": None}

    def no_claim(self, doc: Doc, mentions: list[Span]) -> dict:
        """Why a sentence that names an agency gave no claim, and the records nearest to it."""
        names = ", ".join(dict.fromkeys(m.label_ for m in mentions)) or "the agency"
        return {"why": f"no construction record or built-in rule read a role of {names} "
                       "in this sentence",
                "nearest": self.nearest(doc)}


def _predicate(span: Span) -> Token:
    """The claim's predicate: a verb above the mention (or the sentence's root)."""
    token = span.root
    while token.head.i != token.i and token.pos_ not in _PREDICATES:
        token = token.head
    return token
