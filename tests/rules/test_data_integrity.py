"""Integrity of the shipped responsibilities table (bioregistry-style data tests).

Fast: no spaCy. The quote test reads the reference pack in ``../shared`` next to the checkout
and is skipped (alone) when that folder is absent.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from remit.rules.loader import load_table, shipped_files
from remit.rules.schema import ID_PATTERN


def _find_pack() -> Path:
    """The reference pack: $REMIT_REFERENCE_PACK, else ``shared`` beside the checkout."""
    candidates = [os.environ.get("REMIT_REFERENCE_PACK", ""),
                  Path(__file__).parents[2].parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "sources").is_dir():
            return Path(candidate)
    return Path(__file__).parents[2].parent / "shared"


SHARED = _find_pack()

# Agencies that sit at the top of the hierarchy although their kind is not department/former:
# SSA is an independent agency; the FBI, the Attorney General and the U.S. Attorneys are in DOJ,
# but no source in the pack says so. FPS has moved between parents (ICE 2003-2009, then NPPD);
# a parent cannot carry dates, so none is recorded.
NO_PARENT_NEEDED = {"SSA", "FBI", "AG", "USAO", "FPS"}

FACT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FUNCTION_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
MAX_QUOTE_WORDS = 30


@pytest.fixture(scope="module")
def table():
    return load_table()


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _evidence(table):
    """Yield (record kind, record id, evidence) for every quote in the table."""
    for agency in table.agencies.values():
        for ev in agency.parent_evidence:
            yield "agency", agency.id, ev
        for former in agency.former_parents:
            for ev in former.evidence:
                yield "agency", agency.id, ev
    for fact in table.facts.values():
        for ev in fact.evidence:
            yield "fact", fact.id, ev


# -- loading and ids ---------------------------------------------------------------------------


def test_shipped_table_loads(table):
    assert table.sources and table.agencies and table.functions and table.facts


def test_every_shipped_file_is_a_table_file():
    names = {path.rsplit("/", 1)[-1] for path, _ in shipped_files()}
    assert {"sources.yaml", "agencies.yaml", "functions.yaml", "facts.yaml"} <= names


@pytest.mark.parametrize("section", ["sources", "agencies", "functions", "facts"])
def test_ids_unique_across_files(section):
    ids = []
    for _, text in shipped_files():
        data = yaml.safe_load(text) or {}
        ids += [item["id"] for item in data.get(section, [])]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate {section} ids: {duplicates}"


def test_agency_ids_canonical(table):
    bad = [a for a in table.agencies if not re.match(ID_PATTERN, a)]
    assert not bad


def test_fact_ids_kebab_case(table):
    bad = [f for f in table.facts if not FACT_ID.match(f)]
    assert not bad, f"fact ids must be kebab-case: {bad}"


def test_function_ids_snake_case(table):
    bad = [f for f in table.functions if not FUNCTION_ID.match(f)]
    assert not bad, f"function ids must be snake_case: {bad}"


def test_source_ids_kebab_case(table):
    bad = [s for s in table.sources if not FACT_ID.match(s)]
    assert not bad, f"source ids must be kebab-case: {bad}"


# -- evidence and sources ----------------------------------------------------------------------


def test_every_fact_has_evidence(table):
    assert all(fact.evidence for fact in table.facts.values())


def test_every_source_is_used(table):
    used = {ev.source for _, _, ev in _evidence(table)}
    assert set(table.sources) - used == set()


def test_every_source_names_its_file(table):
    assert all(source.file for source in table.sources.values())


def test_seed_sources_have_no_invented_url(table):
    seeds = [s for s in table.sources.values() if s.file and s.file.startswith("seeds/")]
    assert seeds
    assert all(s.url is None for s in seeds)


def test_quotes_are_short(table):
    long = [(kind, rid, len(ev.quote.split())) for kind, rid, ev in _evidence(table)
            if len(ev.quote.split()) > MAX_QUOTE_WORDS]
    assert not long, f"quotes over {MAX_QUOTE_WORDS} words: {long}"


def test_quotes_appear_verbatim_in_source_files(table):
    if not SHARED.is_dir():
        pytest.skip(f"reference pack not found at {SHARED}")
    texts = {}
    for source in table.sources.values():
        path = SHARED / source.file
        assert path.is_file(), f"source '{source.id}': no file {path}"
        texts[source.id] = _normalise(path.read_text(encoding="utf-8"))
    missing = [f"{kind} '{rid}' <- {ev.source}: {ev.quote!r}"
               for kind, rid, ev in _evidence(table)
               if _normalise(ev.quote) not in texts[ev.source]]
    assert not missing, "quotes not found verbatim:\n" + "\n".join(missing)


def test_source_urls_come_from_file_headers(table):
    if not SHARED.is_dir():
        pytest.skip(f"reference pack not found at {SHARED}")
    for source in table.sources.values():
        if source.url is None:
            continue
        header = (SHARED / source.file).read_text(encoding="utf-8").split("\n\n", 1)[0]
        assert source.url in header, f"source '{source.id}': url not in its file's header"



def test_evidence_urls_appear_in_source_files(table):
    """An evidence `url` names the page of one passage of a bundled source file; it must be
    copied from that file (a passage header or the URL lists at the top), never made up."""
    if not SHARED.is_dir():
        pytest.skip(f"reference pack not found at {SHARED}")
    texts = {}
    bad = []
    for kind, rid, ev in _evidence(table):
        if ev.url is None:
            continue
        source = table.sources[ev.source]
        if source.id not in texts:
            texts[source.id] = (SHARED / source.file).read_text(encoding="utf-8")
        if ev.url not in texts[source.id]:
            bad.append(f"{kind} '{rid}' <- {ev.source}: {ev.url}")
    assert not bad, "evidence urls not found in the source's file:\n" + "\n".join(bad)


def test_evidence_urls_differ_from_source_url(table):
    same = [(kind, rid, ev.source) for kind, rid, ev in _evidence(table)
            if ev.url is not None and ev.url == table.sources[ev.source].url]
    assert not same, f"evidence url repeats its source's url (leave it out): {same}"

# -- functions and facts -----------------------------------------------------------------------


def test_every_function_has_a_fact(table):
    covered = {fact.function for fact in table.facts.values()}
    assert set(table.functions) - covered == set()


def test_every_function_has_a_performer(table):
    """... or, for a programme that ended, only facts true of the past (CBP One appointments)."""
    def past_only(fact) -> bool:
        return fact.stance == "contested" and (fact.note or "").startswith("True of the past only")

    performed = {f.function for f in table.facts.values() if f.stance == "performs"}
    current = {f.function for f in table.facts.values() if not past_only(f)}
    ended = {f.function for f in table.facts.values()} - current
    assert set(table.functions) - performed - ended == set()


def test_at_most_one_exclusive_fact_per_function(table):
    owners = Counter(f.function for f in table.facts.values() if f.exclusive)
    assert [fn for fn, n in owners.items() if n > 1] == []


def test_exclusive_facts_perform(table):
    assert all(f.stance == "performs" for f in table.facts.values() if f.exclusive)


def test_one_fact_per_agency_and_function(table):
    pairs = Counter((f.agency, f.function) for f in table.facts.values())
    assert [p for p, n in pairs.items() if n > 1] == []


def test_contested_and_partial_facts_explain_themselves(table):
    silent = [f.id for f in table.facts.values()
              if f.stance in {"contested", "shares"} and not f.note]
    assert not silent, f"contested/shares facts need a note: {silent}"


def test_trigger_words_are_lower_case(table):
    bad = [(fn.id, word) for fn in table.functions.values() for trig in fn.triggers
           for word in trig.verbs + trig.objects if word != word.lower()]
    assert not bad


def test_every_trigger_has_words(table):
    empty = [fn.id for fn in table.functions.values() for trig in fn.triggers
             if not trig.verbs and not trig.objects]
    assert not empty, f"a trigger needs verbs or objects: {empty}"


# -- agencies ----------------------------------------------------------------------------------


def test_no_alias_claimed_by_two_agencies(table):
    owners: dict[str, set[str]] = defaultdict(set)
    for agency in table.agencies.values():
        for name in [agency.name, *agency.aliases]:
            owners[name.casefold()].add(agency.id)
    clashes = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert not clashes


def test_every_agency_has_a_parent_with_evidence(table):
    orphans = [a.id for a in table.agencies.values()
               if a.kind not in {"branch", "department", "former"} and a.id not in NO_PARENT_NEEDED
               and not (a.parent and a.parent_evidence)]
    assert not orphans


def test_departments_and_former_agencies_have_no_parent(table):
    """A department's parent, if any, is a branch of government; a branch and a former
    agency have none."""
    bad = [a.id for a in table.agencies.values()
           if (a.kind in {"branch", "former"} and a.parent is not None)
           or (a.kind == "department" and a.parent is not None
               and table.agencies[a.parent].kind != "branch")]
    assert not bad


def test_every_agency_has_a_description(table):
    assert all(a.description for a in table.agencies.values())


# -- the division of labour the checker relies on ----------------------------------------------

OWNERS = {
    "green_card": "USCIS", "naturalization": "USCIS", "work_permit": "USCIS", "daca": "USCIS",
    "visa_issuance": "CA", "passport_issuance": "CA", "immigration_court_operation": "EOIR",
    "removal_decision": "IJ", "removal": "ERO", "detention": "ERO", "sevp_sevis": "SEVP",
    "border_patrol": "USBP", "port_of_entry_inspection": "OFO",
    "government_representation_immigration_court": "OPLA",
}


@pytest.mark.parametrize(("function", "agency"), sorted(OWNERS.items()))
def test_exclusive_owner(table, function, agency):
    owner = table.owner(function)
    assert owner is not None and owner.agency == agency


@pytest.mark.parametrize(("agency", "function", "stance"), [
    ("ICE", "green_card", "does_not_perform"),
    ("ICE", "visa_issuance", "does_not_perform"),
    ("ICE", "naturalization", "does_not_perform"),
    ("ICE", "border_patrol", "does_not_perform"),
    ("ICE", "removal_decision", "does_not_perform"),
    ("ICE", "expedited_removal", "performs"),
    ("CBP", "removal_decision", "contested"),
    ("USCIS", "arrest", "contested"),
    ("USCIS", "visa_issuance", "does_not_perform"),
    ("SEVP", "visa_issuance", "does_not_perform"),
    ("FBI", "benefit_adjudication", "does_not_perform"),
    ("DOL", "worker_qualification_review", "does_not_perform"),
    ("EOIR", "immigration_enforcement", "does_not_perform"),
    ("OPLA", "removal_decision", "does_not_perform"),
    ("BIA", "removal_decision", "shares"),
    ("SSA", "e_verify", "shares"),
])
def test_known_stances(table, agency, function, stance):
    facts = table.facts_for(agency, function)
    assert [f.stance for f in facts] == [stance]


@pytest.mark.parametrize(("agency", "ancestor"), [
    ("USBP", "CBP"), ("OFO", "CBP"), ("ERO", "ICE"), ("IHSC", "ICE"), ("SEVP", "ICE"),
    ("IJ", "DOJ"), ("BIA", "EOIR"), ("OPLA", "DHS"), ("CA", "DOS"), ("OFLC", "DOL"),
])
def test_hierarchy(table, agency, ancestor):
    assert ancestor in table.ancestors(agency)


def test_border_patrol_not_in_ice(table):
    assert "ICE" not in table.ancestors("USBP")


def test_immigration_courts_not_in_dhs(table):
    assert "DHS" not in table.ancestors("IJ")


# -- the loader reports bad data with file:line ------------------------------------------------
