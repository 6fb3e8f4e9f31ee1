"""Copular, nominal and appositive frames: 'X is part of Y', 'X's job is ...', 'X, a unit of Y'.

A mixin of :class:`remit.claims.frames.FrameBuilder`; it reads the builder's mentions and lexicon.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from remit.claims.predicates import Frame, is_negated


class ClauseRules:
    """Frames read off copulas, role nouns and appositions."""

    def _copula(self, mention: Span, be: Token, negated: bool) -> list[Frame]:
        frames: list[Frame] = []
        for child in be.children:
            if child.dep_ == "attr" or (
                    # 'USCIS is the agency responsible for ...', parsed with two subjects
                    child.dep_ == "nsubj" and child.i > mention.end
                    and child.lemma_.lower() in self.lex.units):
                frames += self._attribute(mention, child, be, negated)
            elif child.dep_ == "acomp":  # 'X is responsible for ...' (records at the adjective)
                frames += self._records_at("adjective", mention, child, negated) or []
            elif child.dep_ == "prep" and child.lower_ in self.lex.copula_prepositions - self.lex.unit_prepositions:
                target = self._mention_in(child)
                if target is not None and target != mention:
                    frames.append(self._part_of(mention, be, target, negated))
                else:  # 'X is in charge of ...' (records at the phrase)
                    frames += self._records_at("copula", mention, child, negated) or []
        return frames

    def _attribute(self, mention: Span, attr: Token, be: Token, negated: bool) -> list[Frame]:
        """'X is part of Y', 'X is a DHS agency', 'X is the agency that ...', 'X is ICE's arm'."""
        frames: list[Frame] = []
        if attr.lemma_.lower() in self.lex.role_nouns and any(
                c.dep_ == "poss" for c in attr.children):
            return frames
        exclusive = any(c.lower_ in self.lex.exclusives for c in attr.children)
        if attr.lower_ in self.lex.partitive_words:  # 'one of the offices of USCIS'
            attr = next((p for c in attr.children if c.dep_ == "prep" and c.lower_ in self.lex.unit_prepositions
                         for p in c.children if p.dep_ == "pobj"), attr)
        if attr.lemma_.lower() in self.lex.personnel and not any(
                c.dep_ == "relcl" for c in attr.children):
            # 'Immigration judges are employees of DHS'
            target = self._unit_target(attr)
            if target is not None and target != mention:
                return [self._part_of(mention, be, target, negated)]
        if attr.lemma_.lower() in self.lex.units or attr.i in self.mention_tokens:
            target = self._unit_target(attr)
            if target is not None and target != mention:
                frames.append(self._part_of(mention, be, target, negated))
        for child in attr.children:
            if child.dep_ in {"relcl", "acl"} and not self._someone_else_acts(child):
                passive = any(c.dep_ == "nsubjpass" for c in child.children)
                sub = self._verb(mention, child, passive=passive, negated=negated)
                frames += [replace(f, exclusive=f.exclusive or exclusive) for f in sub]
            elif child.dep_ == "amod" and child.lower_ in self.lex.responsible_adjectives:
                # 'X is the agency responsible for green cards'
                sub = self._records_at("adjective", mention, child, negated) or []
                frames += [replace(f, exclusive=f.exclusive or exclusive) for f in sub]
            elif child.dep_ == "prep" and child.lower_ in self.lex.attribute_prepositions:
                frames.append(self._generic(mention, be, child.subtree, negated))
        if not frames and attr.lemma_.lower() in self.lex.units:
            frames.append(self._generic(mention, be, self._noun_args(attr), negated))
        return frames

    def _unit_target(self, unit: Token) -> Span | None:
        """The agency a unit noun belongs to: 'part of Y', 'a Y agency', "Y's arm".

        None for a peer: 'a sister agency of ICE' is not part of ICE.
        """
        if any(c.dep_ in {"amod", "compound"} and c.lower_ in self.lex.peer_words
               for c in unit.children):
            return None
        own = self.mention_tokens.get(unit.i)  # an agency named as a unit is not its own whole
        for child in unit.children:
            if (child.dep_ in {"compound", "poss", "nmod"} and child.i in self.mention_tokens
                    and self.mention_tokens[child.i] is not own):
                return self.mention_tokens[child.i]
            if child.dep_ == "prep" and child.lower_ in self.lex.copula_prepositions:
                target = self._mention_in(child)
                if target is not None:
                    return target
            if child.dep_ == "amod" and child.i in self.mention_tokens:
                return self.mention_tokens[child.i]
        return None

    def _role_noun(self, mention: Span, noun: Token) -> list[Frame]:
        """'Deciding who gets deported is ICE's job'; "ICE's job is to deport people"."""
        be = noun
        while be.dep_ in {"attr", "pobj", "prep", "nsubj"} and be.head.i != be.i:
            be = be.head
            if be.lemma_ == "be":
                break
        if be.lemma_ != "be":
            return []
        return [replace(f, role_like=True) for f in self._content_of(mention, be, noun)]

    def _content_of(self, mention: Span, verb: Token, own: Token) -> list[Frame]:
        """What a role statement says is done: the side of 'be' (or 'fall to') without ``own``.

        'Deciding who gets deported' in "... is ICE's job"; 'Running the courts' in '... falls
        to EOIR'.
        """
        negated = is_negated(verb, self.lex)
        side = [c for c in verb.children if c.dep_ in {"csubj", "nsubj", "xcomp", "attr", "ccomp"}
                and own not in c.subtree and not self._other_subject(c)]
        frames: list[Frame] = []
        for content in side:
            if content.lower_ in self.lex.demonstratives and content.dep_ == "nsubj":
                # 'ICE does not patrol the border; that is the Border Patrol's job': 'that' is
                # the clause before, whose own subject and negation are not this statement's
                clause = next((c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}
                               and c.i < content.i), None)
                if clause is not None:
                    frames += self._verb(mention, clause, negated=negated, own_negation=False)
                continue
            if content.pos_ in {"VERB", "AUX"}:
                frames += self._verb(mention, content, negated=negated)
            else:
                frames.append(self._generic(mention, own, content.subtree, negated))
        return frames

    def _someone_else_acts(self, clause: Token) -> bool:
        """Whether a relative clause has an actor of its own, not the relative word.

        In 'the body to whom litigants appeal' the litigants act, and Congress in 'ICE, which
        Congress created'. 'ICE, whose officers arrest people' keeps the agency: 'whose' is in
        the subject.
        """
        if self._other_subject(clause):
            return True
        return any(c.dep_ in {"nsubj", "nsubjpass"} and not any(
                       t.lower_ in self.lex.relative_words for t in c.subtree)
                   for c in clause.children)

    def _other_subject(self, clause: Token) -> bool:
        """'ICE, whose ERO directorate runs ...': the clause's subject names another agency."""
        for child in clause.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return any(t.i in self.mention_tokens for t in child.subtree)
        return False

    def _loose_apposition(self, mention: Span, anchor: Token) -> Token | None:
        """'USCIS, the agency in charge of X, has ...' parsed as two subjects of one verb."""
        doc = mention.doc
        if mention.end + 1 >= self.sentence_of(mention.start).end or doc[mention.end].text != ",":
            return None
        head = doc[mention.end + 1]
        if head.lower_ in self.lex.relative_words:
            return None
        while head.dep_ in {"det", "amod", "compound", "poss", "case"} and head.head.i > head.i:
            head = head.head
        if (head.dep_ == anchor.dep_ and head.head == anchor.head and head.i != anchor.i
                and head.lemma_.lower() in self.lex.units):
            return head
        return None

    def _apposition(self, mention: Span, appos: Token) -> list[Frame]:
        """'HSI, a unit of the FBI, ...'; 'USCIS, the agency behind green cards, ...'."""
        frames: list[Frame] = []
        target = self._unit_target(appos) if appos.lemma_.lower() in self.lex.units else None
        if target is not None and target != mention:
            frames.append(self._part_of(mention, appos, target, False))
        for child in appos.children:
            if child.dep_ in {"relcl", "acl"}:
                frames += self._verb(mention, child)
        if appos.lemma_.lower() in self.lex.units:
            frames.append(self._generic(mention, appos, self._noun_args(appos), False))
        return frames

    def _noun_args(self, noun: Token) -> list[Token]:
        """The noun's subtree, less opaque names and what hangs in its relative clauses."""
        subtree = list(noun.subtree)
        clauses = {t.i for t in subtree if t.dep_ in {"relcl", "acl"} and t.i != noun.i}
        inside = {t.i for t in subtree}
        return [t for t in subtree
                if t.i not in self.opaque and t.dep_ not in {"relcl", "acl"}
                and not (clauses and any(a.i in clauses for a in t.ancestors if a.i in inside))]

    def _generic(self, mention: Span, head: Token, tokens, negated: bool) -> Frame:
        args = tuple(t for t in tokens if t.i not in self.opaque)
        # No verb of its own: only the generic triggers (no verbs named) can fire, and those
        # only on the words the statement is about, not on ones nested deeper. A leading
        # gerund the tagger took for a noun ('Issuing passports is ...') is the verb.
        phrases = {("(role)",)}
        if args and args[0].lower_.endswith("ing"):
            verb = self._gerund_verb(args[0].lower_)
            if verb:
                phrases.add((verb,))
                args = args[1:]
        return Frame(mention, head, frozenset(phrases), True, args, negated=negated)

    def _gerund_verb(self, word: str) -> str | None:
        """'issuing' -> 'issue', 'granting' -> 'grant', 'running' -> 'run', if a trigger verb."""
        stem = word[:-3]
        for verb in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2]
                     else None):
            if verb and verb in self.verb_words:
                return verb
        return None

    # -- fallbacks and modifiers -----------------------------------------------------------
