"""``remit explain``: why a sentence was read as it was, and which facts decided its verdict.

An explanation is plain data (dicts of strings, numbers, lists), the same for the text, JSON
and HTML renderings. It is built from the same run as ``remit check`` (the same runner, the
same component, the same :func:`remit.checker.judge_all`), so its verdicts are check's
verdicts; what it adds is read back from that run, never decided again: the parse, the
mentions, the construction and cue records, the function trigger, and the checker's
:func:`remit.checker.decide` for the facts and the hierarchy path.
"""

from __future__ import annotations

from remit.explain.collect import explain_text

__all__ = ["explain_text"]
