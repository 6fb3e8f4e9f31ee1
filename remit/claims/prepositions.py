"""Frames where the agency is reached through a preposition or a passive.

'issued by ICE', 'a task for ICE', 'falls to EOIR', 'apply through ICE', 'judges work for DOJ',
'run by the State Department'.

A mixin of :class:`remit.claims.frames.FrameBuilder`; it reads the builder's mentions and lexicon.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from remit.claims.predicates import Frame, is_negated, verb_phrases

# 'apply for X with/through/to the agency', 'file the petition with USCIS'
_FILING = {"apply", "file", "submit", "send", "mail", "petition", "register"}


# Who heads an agency: 'reports to the director of USCIS' reports to USCIS.
_LEADERS = frozenset({"director", "head", "chief", "secretary", "commissioner", "administrator",
                      "leadership", "leader"})


class PrepositionRules:
    """Frames read off prepositional objects, passive subjects and part-of verbs."""

    def _passive_subject(self, mention: Span, verb: Token) -> list[Frame]:
        """The agency as the subject of a passive: acted on, or doing what follows."""
        purpose = [c for c in verb.children if c.dep_ == "xcomp" or (
            c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children))]
        if purpose:
            # 'USCIS is expected to process ...', 'agents are posted at consulates to vet ...':
            # the subject does what the complement says.
            return self._verb(mention, purpose[0])
        if verb.lemma_.lower() in self.lex.owner_verbs:
            return self._run_by(mention, verb)
        # 'SEVP is housed within ICE', 'X is placed under Y'
        return self._part_of_verb(mention, verb, is_negated(verb, self.lex))

    def _object_of(self, mention: Span, prep: Token) -> list[Frame]:
        """The agency as the object of a preposition: 'by ICE', 'a task for ICE', 'to ICE'."""
        if prep.lower_ == "by" and prep.dep_ in {"agent", "conj"}:
            # 'issued not by ICE but by USCIS': the second 'by' is a conjunct of the first.
            agent = prep
            while agent.dep_ == "conj":
                agent = agent.head
            if agent.dep_ == "agent":
                return self._verb(mention, agent.head, passive=True)
        if prep.lower_ == "like" and prep.head.lemma_ == "be":
            return self._copula(mention, prep.head, negated=is_negated(prep.head, self.lex))
        if prep.lower_ in {"for", "of"} and prep.head.lemma_.lower() in self.lex.role_nouns:
            # '... is a task for immigration judges', 'the job of ICE'
            return self._role_noun(mention, prep.head)
        if prep.dep_ == "prep" and prep.head.pos_ in {"VERB", "AUX"}:
            return self._verb_preposition(mention, prep.head, prep)
        return []

    def _verb_preposition(self, mention: Span, verb: Token, prep: Token) -> list[Frame]:
        """'come from USCIS', 'falls to EOIR', 'work for ICE', 'apply through ICE'."""
        if prep.lower_ == "from" and verb.lemma_.lower() in {"come", "originate"}:
            # 'Green cards come from USCIS': the subject is what the agency issues ('Deportation
            # orders come from judges' is about issuing the orders, not carrying them out).
            return [replace(self._generic(mention, verb, c.subtree, is_negated(verb, self.lex)),
                            verb_phrases=frozenset({("issue",)}), generic=False)
                    for c in verb.children if c.dep_ == "nsubj"]
        agency_subject = any(c.dep_ == "nsubj" and c.i in self.mention_tokens
                             for c in verb.children)
        if (prep.lower_ in {"to", "under", "within"}
                and verb.lemma_.lower() in {"fall", "go", "belong"} and not agency_subject):
            # 'Running the courts falls to EOIR', 'Green-card processing falls under ICE'
            # (with an agency as subject, 'falls under' is part-of instead)
            return [replace(f, role_like=True) for f in self._content_of(mention, verb, prep)]
        if (verb.lemma_.lower(), prep.lower_) in self.lex.part_of_verbs:
            return self._staff_of(mention, verb)
        if prep.lower_ in {"with", "through", "to"} and verb.lemma_.lower() in _FILING:
            return self._filed_with(mention, verb, prep)
        if prep.lower_ == "with" and verb.lemma_ == "do":
            return self._nothing_to_do_with(mention, verb)
        return []

    def _nothing_to_do_with(self, mention: Span, do: Token) -> list[Frame]:
        """'Credible fear screenings have nothing to do with USCIS': the subject, denied.

        Present tense and a general subject only: 'my arrest had nothing to do with ICE' tells
        of one event, not of a role.
        """
        nothing = do.head
        have = nothing.head
        if not (do.dep_ in {"relcl", "acl"} and nothing.lower_ == "nothing"
                and nothing.dep_ == "dobj" and have.lemma_ == "have"
                and have.tag_ in {"VBZ", "VBP"}):
            return []
        return [replace(self._generic(mention, have, subject.subtree, True), role_like=True)
                for subject in have.children
                if subject.dep_ == "nsubj" and subject.pos_ in {"NOUN", "PROPN"}
                and subject.i not in self.mention_tokens
                and subject.tag_ in {"NNS", "NNPS", "NN"}
                and not any(c.dep_ in {"det", "poss"} for c in subject.children)]

    def _filed_with(self, mention: Span, verb: Token, own: Token) -> list[Frame]:
        """'You apply for citizenship through ICE': the agency handles what is applied for."""
        negated = is_negated(verb, self.lex)
        return [replace(self._generic(mention, verb, part.subtree, negated), role_like=True)
                for part in verb.children if part is not own and (
                    part.dep_ == "dobj" or (part.dep_ == "prep" and part.lower_ == "for"))]

    def _staff_of(self, mention: Span, verb: Token) -> list[Frame]:
        """'The officers who inspect travelers work for ICE': their clause says what ICE does."""
        frames: list[Frame] = []
        for subject in verb.children:
            if (subject.dep_ == "nsubj" and subject.i not in self.mention_tokens
                    and subject.lemma_.lower() in self.lex.personnel):
                for clause in subject.children:
                    if clause.dep_ == "relcl":
                        frames += self._verb(mention, clause)
        return frames

    def _part_of_verb(self, mention: Span, verb: Token, negated: bool) -> list[Frame]:
        """'X falls under Y', 'judges work for DHS', 'X reports to Y'; 'Y runs X' (reversed)."""
        if verb.lemma_.lower() in self.lex.contains_verbs and not is_negated(verb, self.lex):
            part = self._mention_in(verb)
            if part is not None and part != mention and part.root.head == verb:
                return [Frame(part, verb, frozenset({("part", "of")}), False, (),
                              negated=negated, target=mention)]
        anchor = self.anchor(mention)
        if anchor.i != mention.root.i and anchor.lemma_.lower() in self.lex.personnel:
            return []  # 'ICE attorneys report to the director of OPLA': staff, not ICE itself
        for phrase in verb_phrases(verb):
            if phrase not in self.lex.part_of_verbs:
                continue
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ == phrase[-1]:
                    target = self._mention_in(prep)
                    if target is not None:
                        return [self._part_of(mention, verb, target, negated)]
        return []

    def _part_of(self, mention: Span, head: Token, target: Span, negated: bool) -> Frame:
        return Frame(mention, head, frozenset({("part", "of")}), False, (), negated=negated,
                     target=target)

    def _run_by(self, mention: Span, verb: Token) -> list[Frame]:
        """'It is run by the State Department': the subject is part of the agent."""
        for child in verb.children:
            if child.dep_ == "agent":
                target = self._mention_in(child)
                if target is not None:
                    return [self._part_of(mention, verb, target, is_negated(verb, self.lex))]
        return []

    def _mention_in(self, token: Token) -> Span | None:
        """The agency a preposition or verb takes as its object: 'of [the Justice Department]'."""
        for obj in token.children:
            if obj.dep_ not in {"pobj", "dobj", "npadvmod"}:
                continue
            if obj.i in self.mention_tokens:
                return self.mention_tokens[obj.i]
            for child in obj.children:
                if child.dep_ in {"compound", "poss"} and child.i in self.mention_tokens:
                    return self.mention_tokens[child.i]
                if (child.dep_ == "prep" and child.lower_ == "of"
                        and obj.lemma_.lower() in _LEADERS):
                    # 'reports to the director of USCIS'
                    return next((self.mention_tokens[g.i] for g in child.children
                                 if g.dep_ == "pobj" and g.i in self.mention_tokens), None)
        return None
