"""The stable list of SARIF rules: one per verdict and table function, the same every run.

Code scanning keys alerts on ``ruleId``, so a rule list that depended on what one run happened
to find would reopen and close alerts between runs. The list comes from the table (through
:class:`FunctionInfo` records in :class:`~remit.formats.base.RenderOptions`), never from the
findings; each rule carries help text (what the function is, who performs it, the sources).
"""

from __future__ import annotations

from dataclasses import dataclass

# Verdict order in the list, and what each verdict's rule says about a claim.
RULE_VERDICTS: dict[str, str] = {
    "contradicted": "the table's sources say otherwise",
    "unknown": "the table does not settle it",
    "supported": "the table's sources agree",
}
# Pseudo-functions every table has: "part of" comes from agency parents; "unlisted" is a role
# the table has no function for.
PART_OF = "part_of"
UNLISTED = "unlisted"
EXTRA_DESCRIPTIONS = {
    PART_OF: "Be part of another agency, judged on the parent chain of the table's agencies.",
    UNLISTED: "A role the table has no function for.",
}


@dataclass(frozen=True)
class FunctionInfo:
    """What a rule's help says about one function: label, description, performers, sources."""

    id: str
    label: str
    description: str = ""
    performers: tuple[str, ...] = ()
    sources: tuple[tuple[str, str | None], ...] = ()  # (title, url)


def function_infos(table, names: dict[str, str]) -> tuple[FunctionInfo, ...]:
    """Return a :class:`FunctionInfo` per table function, sorted by id (duck-typed table)."""
    infos = []
    for fid in sorted(table.functions):
        fn = table.functions[fid]
        facts = [f for f in table.facts.values() if f.function == fid]
        performers = sorted({names.get(f.agency, f.agency) for f in facts
                             if f.stance in ("performs", "shares")})
        seen: dict[str, tuple[str, str | None]] = {}
        first: set[str] = set()  # the sources of the facts of who performs it lead
        for fact in facts:
            for ev in fact.evidence:
                source = table.sources.get(ev.source)
                if source is not None and source.id not in seen:
                    seen[source.id] = (source.title, ev.url or source.url)
                if source is not None and fact.stance in ("performs", "shares"):
                    first.add(source.id)
        infos.append(FunctionInfo(fid, fn.label, fn.description, tuple(performers),
                                  tuple(seen[k] for k in sorted(seen, key=lambda k: (
                                      k not in first, k)))))
    return tuple(infos)


def catalogue(infos: tuple[FunctionInfo, ...], labels: dict[str, str]) -> list[FunctionInfo]:
    """Return the functions rules are made for: ``infos``, else the labels, plus the extras."""
    if not infos:
        infos = tuple(FunctionInfo(fid, label) for fid, label in sorted(labels.items()))
    known = {i.id for i in infos}
    extra = [FunctionInfo(fid, labels.get(fid, fid.replace("_", " ")), text)
             for fid, text in EXTRA_DESCRIPTIONS.items() if fid not in known]
    return sorted([*infos, *extra], key=lambda i: i.id)


def rule_id(verdict: str, function: str) -> str:
    """Return the hierarchical rule id ``verdict/function`` (``contradicted/green_card``)."""
    return f"{verdict}/{function}"


def _help_text(info: FunctionInfo, verdict: str) -> tuple[str, str]:
    who = ", ".join(info.performers) or "no agency recorded"
    text = [f"A claim that an agency does or does not {info.label}: {RULE_VERDICTS[verdict]}.",
            info.description, f"Performed by (per the table): {who}."]
    markdown = [f"A claim that an agency does or does not **{info.label}**: "
                f"{RULE_VERDICTS[verdict]}.", "", info.description, "",
                f"**Performed by** (per the table): {who}."]
    if info.sources:
        text.append("Sources: " + "; ".join(t for t, _ in info.sources) + ".")
        markdown += ["", "**Sources:**", ""]
        markdown += [f"- [{_md(t)}]({u})" if u else f"- {_md(t)}" for t, u in info.sources]
    return " ".join(x for x in text if x), "\n".join(markdown).replace("\n\n\n", "\n\n")


def _md(text: str) -> str:
    # A bracket in a source title would end the link text early.
    return text.replace("[", "\\[").replace("]", "\\]")


def rule(info: FunctionInfo, verdict: str, level: str, information_uri: str) -> dict:
    """Return the SARIF ``reportingDescriptor`` of one (verdict, function) pair."""
    text, markdown = _help_text(info, verdict)
    out = {
        "id": rule_id(verdict, info.id),
        "name": f"{verdict.capitalize()}{''.join(p.capitalize() for p in info.id.split('_'))}",
        "shortDescription": {"text": f"{verdict}: {info.label}"},
        "fullDescription": {"text": f"A claim about which agency does or does not {info.label} "
                                    f"(function '{info.id}'): {RULE_VERDICTS[verdict]}."},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": level},
        "properties": {"verdict": verdict, "function": info.id, "tags": ["remit", verdict]},
    }
    uri = next((u for _, u in info.sources if u), None) or information_uri
    if uri:
        out["helpUri"] = uri
    return out
