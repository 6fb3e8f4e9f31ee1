"""Safe YAML for data files (the table, the grammar): lines kept, bombs and duplicates refused.

:func:`load_yaml_with_lines` is the one way remit reads a YAML data file. On top of PyYAML's
safe loader it

- records the line of every mapping as ``"__line__"`` (see :func:`strip_lines`), so errors can
  name ``file:line``;
- refuses a duplicate key in a mapping, which PyYAML would let silently override the first;
- refuses more than ``max_aliases`` alias uses, or aliases that would expand the document by
  more than ``max_expansion`` nodes (a "billion laughs" file of 9 aliases of 9 aliases is ten
  lines, yet walking its records would touch 10^9 nodes), and recursive aliases;
- refuses nesting deeper than Python can walk.

Every refusal is a :class:`YamlError` whose ``str()`` is ``path:line: problem``.

What a file gave is kept in a cache (:mod:`remit.rules.yaml_cache`), keyed by a hash of its
text and the limits: the next start reads it back instead of parsing the YAML again.
"""

from __future__ import annotations

from typing import Any

import yaml

LINE_KEY = "__line__"
MAX_ALIASES = 100
MAX_EXPANSION = 10_000

# libyaml's parser, where PyYAML was built with it, reads the table about 5 times faster; the
# records are built by the same safe constructor either way.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlError(ValueError):
    """A YAML data file that cannot or may not be loaded, with the 1-based line of the problem."""

    def __init__(self, path: str, line: int, problem: str):
        super().__init__(f"{path}:{line}: {problem}")
        self.path, self.line, self.problem = path, line, problem


class _LineLoader(_SafeLoader):
    """A safe loader that remembers the line of every mapping and refuses duplicate keys."""

    path = "<yaml>"


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    first_seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        # A merge key ("<<: *base") may be overridden by the keys beside it: that is its purpose.
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
            continue
        key = loader.construct_object(key_node)
        line = key_node.start_mark.line + 1
        if key in first_seen:
            raise YamlError(loader.path, line,
                            f"duplicate key {key!r} (first at line {first_seen[key]})")
        first_seen[key] = line
    mapping = _SafeLoader.construct_mapping(loader, node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml_with_lines(text: str, path: str, *, max_aliases: int = MAX_ALIASES,
                         max_expansion: int = MAX_EXPANSION) -> Any:
    """Return the data of one YAML document, every mapping holding its line as ``__line__``.

    ``path`` is only used in messages. Raises :class:`YamlError` (``path:line: problem``) for
    invalid YAML, a duplicate key, too many or too expansive aliases, and too deep nesting.
    """
    from remit.rules import yaml_cache

    key = yaml_cache.key(text, max_aliases, max_expansion)
    found = yaml_cache.read(key)
    if found is not yaml_cache.MISSING:
        return found
    loader = _LineLoader(text)
    loader.path = path
    try:
        _check_aliases(text, path, max_aliases, max_expansion)
        data = loader.get_single_data()
        yaml_cache.write(key, data)
        return data
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlError(path, mark.line + 1 if mark else 1, f"not valid YAML: {problem}") from None
    except RecursionError:
        raise YamlError(path, 1, "nested too deeply to read") from None
    finally:
        loader.dispose()


def _check_aliases(text: str, path: str, max_aliases: int, max_expansion: int) -> None:
    """Raise YamlError at the first alias over budget, reading the parser's events only.

    An alias adds the expanded size of its anchor (in nodes, its own aliases expanded), so a
    bomb is refused at its first big alias without ever being built.
    """
    sizes: dict[str, int] = {}  # anchor -> expanded size of its node
    open_nodes: list[list] = []  # [anchor, size so far] of each collection being read
    aliases = added = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([event.anchor, 1])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, size = open_nodes.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, sizes.get(event.anchor, 1)
            aliases, added = aliases + 1, added + size
            problem = _over_budget(event.anchor, open_nodes, aliases, added,
                                   max_aliases, max_expansion)
            if problem:
                raise YamlError(path, event.start_mark.line + 1, problem)
        else:
            continue
        if anchor is not None:
            sizes[anchor] = size
        if open_nodes:
            open_nodes[-1][1] += size


def _over_budget(anchor: str, open_nodes: list[list], aliases: int, added: int,
                 max_aliases: int, max_expansion: int) -> str | None:
    if any(anchor == name for name, _ in open_nodes):
        return f"recursive YAML alias *{anchor}"
    if aliases > max_aliases:
        return f"more than {max_aliases} YAML aliases; write the values out"
    if added > max_expansion:
        return (f"YAML aliases (here *{anchor}) expand to more than {max_expansion:,} values; "
                "write the values out")
    return None


def strip_lines(value: Any) -> Any:
    """Return a copy of loaded data without the ``__line__`` entries."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
