"""Project configuration: ``[tool.remit]`` in ``pyproject.toml``, or a ``.remit.toml``.

The nearest configuration wins, found by walking up from the checked file's folder (the current
folder for stdin); in one folder ``.remit.toml`` beats ``pyproject.toml``, as ``.ruff.toml``
beats ``pyproject.toml`` for ruff. Settings are not merged across folders: one file is the
project's whole configuration. Command-line values override it, and it overrides the defaults;
:func:`resolve` records where each effective value came from, for ``remit config``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    field_validator,
)

from remit.errors import ConfigError as ConfigError
from remit.formats import FORMATS, RenderOptions
from remit.formats.base import DEFAULT_SEVERITY
from remit.markup.source import DEFAULT_MAX_BYTES, parse_size

# The limits' defaults, kept here so reading the configuration never imports spaCy: the
# modules that apply them (remit.runtime.prefilter, remit.markup.markdown) hold the same
# numbers, and a test checks that they agree.
MAX_SENTENCE_TOKENS = 250
MAX_MARKDOWN_DEPTH = 50

SECTION = "tool.remit"
FailOn = Literal["contradicted", "unknown", "never"]
LevelName = Literal["error", "warning", "note", "none"]
FormatName = Literal[tuple(FORMATS)]  # type: ignore[valid-type]
DEFAULTS: dict[str, Any] = {
    "fail_on": "contradicted",
    "rules": [],
    "exclude": [],
    "severity": dict(DEFAULT_SEVERITY),
    "format": "text",
    "no_fail": False,
    "claimreview": {},
    "information_uri": None,
    "max_fact_age": None,
    "max_bytes": DEFAULT_MAX_BYTES,
    "max_sentence_tokens": MAX_SENTENCE_TOKENS,
    "max_depth": MAX_MARKDOWN_DEPTH,
}
# Keys whose command-line value is merged over the configured table, not put in its place.
MERGED = ("severity", "claimreview")
COMMAND_LINE = "command line"
_SECTION_RE = re.compile(r"^\s*\[\s*tool\s*\.\s*remit\s*[\].]|^\s*tool\s*\.\s*remit\s*[.=]", re.M)
DEFAULT = "default"


class Severity(BaseModel):
    """The level of each verdict in sarif, github and line output; unset verdicts keep theirs."""

    model_config = ConfigDict(extra="forbid")
    contradicted: LevelName | None = None
    unknown: LevelName | None = None
    supported: LevelName | None = None


class ClaimReviewConfig(BaseModel):
    """``[tool.remit.claimreview]``: what ``--format claimreview`` says about the publisher."""

    model_config = ConfigDict(extra="forbid")
    url_base: str | None = Field(None, description="URL the checked files are published under")
    author: str | None = Field(None, description="organisation that wrote the reviews")
    publisher: str | None = Field(None, description="organisation that publishes them")
    date_published: str | None = Field(
        None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD; default: today")


class ConfigModel(BaseModel):
    """The keys of ``[tool.remit]`` / ``.remit.toml``; ``-`` and ``_`` are interchangeable."""

    model_config = ConfigDict(extra="forbid")
    fail_on: FailOn | None = Field(None, description="lowest verdict that makes the exit code 1")
    rules: list[str] | None = Field(None, description="extra table files, relative to the file")
    exclude: list[str] | None = Field(None, description="glob patterns of paths to skip")
    severity: Severity | None = Field(None, description="level per verdict")
    format: FormatName | None = Field(None, description="output format")
    no_fail: bool | None = Field(None, description="always exit 0 on findings (rollout)")
    claimreview: ClaimReviewConfig | None = Field(None, description="ClaimReview publisher")
    information_uri: str | None = Field(
        None, pattern=r"^https?://\S+$",
        description="an http(s) page about remit for this project's readers: SARIF's "
                    "informationUri and the link of rules without a source link")
    max_fact_age: float | None = Field(None, ge=0, description=(
        "years: a finding whose deciding fact is older carries a note"))
    max_bytes: StrictInt | None = Field(None, description=(
        "largest input checked: bytes, or a size such as 20MB or 512KB"))
    max_sentence_tokens: StrictInt | None = Field(None, ge=1, description=(
        "longest sentence parsed whole, in tokens; a longer one is cut at clause punctuation"))
    max_depth: StrictInt | None = Field(None, ge=2, description=(
        "deepest Markdown nesting read; deeper lines are read plain, with a notice"))

    @field_validator("max_bytes", mode="before")
    @classmethod
    def _size(cls, value: Any) -> int | None:
        return None if value is None else parse_size(value)


@dataclass(frozen=True)
class ConfigFile:
    """A found configuration: where it is, how to name it, and its validated values."""

    path: Path
    origin: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Setting:
    """One effective value and where it came from (``default``, a file, or ``command line``)."""

    value: Any
    origin: str


@dataclass(frozen=True)
class Effective:
    """The configuration in effect for one input."""

    fail_on: Setting
    rules: Setting
    exclude: Setting
    severity: Setting
    format: Setting
    no_fail: Setting
    claimreview: Setting
    information_uri: Setting
    max_fact_age: Setting = Setting(None, DEFAULT)
    max_bytes: Setting = Setting(DEFAULT_MAX_BYTES, DEFAULT)
    max_sentence_tokens: Setting = Setting(MAX_SENTENCE_TOKENS, DEFAULT)
    max_depth: Setting = Setting(MAX_MARKDOWN_DEPTH, DEFAULT)
    config_path: Path | None = None

    def items(self) -> list[tuple[str, Setting]]:
        """Return (key, setting) pairs in a stable order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self) if f.name != "config_path"]

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Return ``{key: {"value": ..., "origin": ...}}`` for JSON output."""
        return {k: {"value": s.value, "origin": s.origin} for k, s in self.items()}

    def render_options(self, **kw: Any) -> RenderOptions:
        """Return renderer options with this severity map, ClaimReview and information URI.

        ``kw`` sets the other fields; its ``information_uri`` is used when none is configured.
        """
        review = self.claimreview.value
        information_uri = self.information_uri.value or kw.pop("information_uri", None) or ""
        kw.pop("information_uri", None)
        return RenderOptions(severity=self.severity.value, url_base=review.get("url_base"),
                             information_uri=information_uri,
                             author=review.get("author") or "remit",
                             publisher=review.get("publisher"),
                             date_published=review.get("date_published")
                             or kw.pop("date_published", None), **kw)


def find_config(start: Path) -> Path | None:
    """Return the nearest ``.remit.toml``, or ``pyproject.toml`` with ``[tool.remit]``.

    ``start`` is a file or a folder; the search begins in the folder and goes up to the root.
    """
    start = Path(start).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        dotfile = candidate / ".remit.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_section(pyproject):
            return pyproject
    return None


def _has_section(pyproject: Path) -> bool:
    # A cheap text test first: most pyproject.toml files have no [tool.remit] at all, and a
    # broken one that is not ours must not stop a run.
    text = pyproject.read_text(encoding="utf-8", errors="replace")
    if not _SECTION_RE.search(text):
        return False
    return "remit" in _parse(pyproject, text).get("tool", {})


def _parse(path: Path, text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        where = f"{path}:{match.group(1)}" if match else str(path)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(f"{where}: invalid TOML: {reason}") from None


def load_config(path: Path) -> ConfigFile:
    """Read and validate one configuration file; raise :class:`ConfigError` on any problem."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    return _load(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _load(path: Path, mtime: int, size: int) -> ConfigFile:
    # Keyed on time and size too, so an edited file is never served stale.
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    data = _parse(path, text)
    is_pyproject = path.name == "pyproject.toml"
    raw = data.get("tool", {}).get("remit", {}) if is_pyproject else data
    section = SECTION if is_pyproject else ""
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: {SECTION}: must be a table")
    origin = f"{path}:[{SECTION}]" if is_pyproject else str(path)
    return ConfigFile(path=path, origin=origin, values=_validate(path, text, section, raw))


def _validate(path: Path, text: str, section: str, raw: dict) -> dict[str, Any]:
    normal: dict[str, Any] = {}
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name in normal:
            line = _key_line(text, section, key)
            raise ConfigError(f"{_where(path, line)}: {key}: given twice (as - and _)")
        normal[name] = value
    try:
        model = ConfigModel.model_validate(normal)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(p) for p in err["loc"]]
        key = next((k for k in raw if k.replace("-", "_") == loc[0]), loc[0])
        line = _key_line(text, section, key, loc[1:])
        raise ConfigError(f"{_where(path, line)}: {'.'.join([key, *loc[1:]])}: "
                          f"{_problem(err)}") from None
    values = model.model_dump(exclude_none=True)
    if "rules" in values:
        # Rule paths are relative to the file that names them, not to the current folder.
        values["rules"] = [str((path.parent / r).resolve()) for r in values["rules"]]
    if "severity" in values:
        values["severity"] = {**DEFAULT_SEVERITY, **values["severity"]}
    return values


def _problem(err: dict) -> str:
    if err["type"] == "extra_forbidden":
        known = ", ".join(ConfigModel.model_fields)
        return f"unknown key (known: {known})"
    return err["msg"].removeprefix("Value error, ")


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _key_line(text: str, section: str, key: str, sub: list[str] | tuple = ()) -> int | None:
    """Return the line of ``key`` (or of ``key.sub[0]``) in table ``section``, if found.

    tomllib keeps no positions, so this scans the text: good enough to point a writer at the
    line, and the message still names the key when the scan finds nothing.
    """
    lines: dict[tuple[str, str], int] = {}
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = re.sub(r"\s*\.\s*", ".", header.group(1))
            lines.setdefault((current, ""), number)
            continue
        assign = re.match(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*=", line)
        if assign:
            lines.setdefault((current, assign.group(1)), number)
    subtable = f"{section}.{key}".lstrip(".")
    candidates = [(subtable, sub[0])] if sub else []
    candidates += [(section, key), (subtable, "")]
    return next((lines[c] for c in candidates if c in lines), None)


def resolve(cli_values: dict[str, Any], start: Path | str,
            config_file: Path | str | None = None) -> Effective:
    """Return the effective configuration for an input at (or folder) ``start``.

    ``cli_values`` holds command-line values by key (``fail_on``, ``rules``, ...); ``None``,
    an empty sequence and ``False`` mean "not given", so a click default never hides the
    configuration. A given ``severity`` map is merged over the configured one. ``config_file``
    (``--config``) is read instead of the nearest configuration.
    """
    path = Path(config_file) if config_file else find_config(Path(start))
    config = load_config(path) if path else None
    settings = {}
    for key, default in DEFAULTS.items():
        setting = Setting(default, DEFAULT)
        if config and key in config.values:
            setting = Setting(config.values[key], config.origin)
        given = cli_values.get(key)
        if _given(given):
            if key in MERGED:
                given = {**setting.value, **dict(given)}
            elif isinstance(given, tuple):
                given = list(given)
            setting = Setting(given, COMMAND_LINE)
        settings[key] = setting
    return Effective(**settings, config_path=path)


def _given(value: Any) -> bool:
    return value is not None and value is not False and value not in ((), [], {})


__all__ = ["ConfigError", "Effective", "Setting", "find_config", "load_config", "resolve"]
