"""The explanation as text for people, and as JSON."""

from __future__ import annotations

import json

from remit.formats.base import terminal_safe

_INDENT = " " * 13
# Quotes are cut to this many characters in text output (JSON keeps them whole).
_QUOTE = 160


def render_json(explanation: dict, path: str | None = None) -> str:
    """The explanation as one JSON document."""
    return json.dumps({"path": path, **explanation}, indent=2, ensure_ascii=False) + "\n"


def render_text(explanation: dict) -> str:
    """The explanation as indented text, one block per sentence that names an agency."""
    blocks = [_sentence(s) for s in explanation["sentences"]]
    if not blocks:
        return "no sentence names an agency\n"
    return "\n".join(terminal_safe(b) for b in blocks)


def _sentence(sentence: dict) -> str:
    lines = [f"sentence {sentence['number']} ({sentence['line']}:{sentence['column']})  "
             f"{sentence['text'].strip()}"]
    if sentence.get("read_as"):
        lines.append(_row("read as", sentence["read_as"]))
    lines.append(_row("parse", sentence["parse"]))
    mentions = ", ".join(f"{m['text']} = {m['agency']} ({m['how']})"
                         for m in sentence["mentions"])
    lines.append(_row("mentions", mentions or "-"))
    for number, claim in enumerate(sentence["claims"], 1):
        lines += _claim(number, claim)
    if sentence.get("no_claim"):
        lines += _no_claim(sentence["no_claim"])
    return "\n".join(lines) + "\n"


def _row(label: str, text: str, indent: str = "  ") -> str:
    return f"{indent}{label:<11}{text}"


def _claim(number: int, claim: dict) -> list[str]:
    what = claim["function"] or "(no function)"
    if claim["function"] == "part_of":
        what = f"part of {claim['target']}"
    flags = [claim["polarity"]] + [claim["assertion"]] * (not claim["asserted"]) + (
        ["exclusive"] if claim["exclusive"] else []) + (["future"] if claim["future"] else [])
    construction = claim["construction"] or "(a built-in rule)"
    lines = [_row(f"claim {number}", f"{claim['agency']} → {what} ({', '.join(flags)}), "
                  f"construction {construction}")]
    sub = []
    if claim["slots"]:
        sub.append(("slots", ", ".join(f"{k}={v}" for k, v in claim["slots"].items())))
    trigger = claim.get("trigger")
    if trigger:
        verbs = "/".join(trigger["verbs"]) if trigger["verbs"] and not trigger[
            "verbs"][0].startswith("(") else trigger.get("predicate", "")
        sub.append(("trigger", f'"{verbs} … {trigger["object"]}"' if trigger["object"]
                    else f'"{verbs}"'))
    for cue in claim["cues"]:
        words = ", ".join(f'"{w}"' for w in cue["words"]) or "-"
        sub.append(("cue", f"{cue['id']} ({cue['effect']}): {words}"))
    if claim["hierarchy"]:
        sub.append(("hierarchy", claim["hierarchy"]))
    sub.append(("verdict", claim["verdict_reason"]))
    lines += [_row(label, text, "  " + _INDENT) for label, text in sub]
    for fact in claim["facts"]:
        lines += _fact(fact)
    return lines


def _fact(fact: dict) -> list[str]:
    dated = f", as of {fact['as_of']}" if fact["as_of"] else ""
    head = (f"{fact['id']}  {fact['agency']} {fact['stance']}"
            f"{' (exclusive)' if fact['exclusive'] else ''} {fact['function']}{dated}")
    if fact["stance"] == "part_of":
        head = f"{fact['id']}  (a parent link of the table's agencies)"
    lines = [_row("fact", head, "  " + _INDENT)]
    for quote in fact["evidence"]:
        text = quote["quote"]
        text = text if len(text) <= _QUOTE else text[: _QUOTE - 1] + "…"
        kind = quote["kind"] or "unknown source"
        lines.append(f"  {_INDENT}{' ' * 13}\"{text}\" ({quote['source']}, "
                     f"{quote['publisher'][:60]}; {kind})")
    if fact.get("stale"):
        lines.append(f"  {_INDENT}{' ' * 13}note: {fact['stale']}")
    return lines


def _no_claim(reason: dict) -> list[str]:
    lines = [_row("no claim", reason["why"])]
    for near in reason["nearest"]:
        missing = f"; next node not matched: {near['missing']}" if near["missing"] else ""
        lines.append(_row("nearest", f"{near['id']} ({near['matched']}/{near['nodes']} "
                          f"nodes{missing})", "  " + _INDENT))
    if not reason["nearest"]:
        lines.append(_row("nearest", "no construction record matched any part",
                          "  " + _INDENT))
    return lines
