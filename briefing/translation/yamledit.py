"""Change English values in a content file in place, leaving every other byte as it was.

The YAML parser gives each value's exact span in the file; a new value replaces
just that span (as a double-quoted scalar), and a missing ``en`` key is added
beside its ``zh`` in the same style (block or flow). Comments, order, quoting
and layout elsewhere stay untouched, so a merge with no change in it rewrites
nothing, and a merge of one sentence changes one line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import yaml

from ..model.walk import Loc


def _scalar(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _child(node: yaml.Node, key: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key node, value node) of ``key`` in a mapping, or the item of a sequence."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        item = node.value[key]
        return item, item
    return None


def _key(key_node: yaml.Node, key: str) -> str:
    """A new key, written as the mapping's keys are: quoted in JSON ("zh"), bare in YAML."""
    return _scalar(key) if getattr(key_node, "style", None) == '"' else key


def _before_line_end(text: str, at: int) -> int:
    """``at`` moved before the line break that ends at it (LF or CRLF), if one does."""
    if text[at - 2:at] == "\r\n":
        return at - 2
    return at - 1 if at and text[at - 1] == "\n" else at


def apply(text: str, edits: Mapping[Loc, str], name: str) -> str:
    """``text`` (a YAML or JSON content file) with the value at each path replaced; a line
    added ends as the file's lines do (CRLF or LF)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        raise ValueError(f"{name}: empty content file")
    spans: list[tuple[int, int, str]] = []
    for loc, value in edits.items():
        node = root
        for part in loc[:-1]:
            found = _child(node, part)
            if found is None:
                raise ValueError(f"{name}: no field {'.'.join(map(str, loc))}")
            node = found[1]
        last = loc[-1]
        hit = _child(node, last)
        if hit is not None:
            value_node = hit[1]
            start, end = value_node.start_mark.index, value_node.end_mark.index
            if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">"):
                # a block scalar ends after its line break: keep the line break
                while end > start and text[end - 1] in "\r\n":
                    end -= 1
            spans.append((start, end, _scalar(value)))
            continue
        if not isinstance(node, yaml.MappingNode) or not node.value:
            raise ValueError(f"{name}: cannot add {last} at {'.'.join(map(str, loc))}")
        key_node, value_node = node.value[-1]
        key = _key(key_node, str(last))
        if node.flow_style:  # {zh: …}: add ", en: …" after the last value
            at = value_node.end_mark.index
            spans.append((at, at, f", {key}: {_scalar(value)}"))
        else:  # a block mapping: a new line at the indentation of its keys
            indent = " " * key_node.start_mark.column
            at = value_node.end_mark.index
            if at and text[at - 1] == "\n":  # a nested block ends at the next line's start
                at = _before_line_end(text, at)
            else:  # after the value's line, trailing comment included
                line_end = text.find("\n", at)
                at = len(text) if line_end == -1 else _before_line_end(text, line_end + 1)
            spans.append((at, at, f"{newline}{indent}{key}: {_scalar(value)}"))
    out = text
    for start, end, new in sorted(spans, reverse=True):
        out = out[:start] + new + out[end:]
    return out


def add_entries(text: str, loc: Loc, entries: Mapping[str, Mapping[str, str]],
                name: str) -> str:
    """``text`` with ``entries`` added to the mapping at ``loc`` (created, in block style,
    under its parent when missing), each as one flow mapping line: ``key: {zh: …, en: …}``."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    node: yaml.Node | None = root
    parent: yaml.Node | None = None
    for part in loc:
        parent = node
        found = _child(node, part) if node is not None else None
        node = found[1] if found else None
    lines = {k: "{" + ", ".join(f"{f}: {_scalar(v)}" for f, v in e.items()) + "}"
             for k, e in entries.items()}
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        indent = " " * node.value[0][0].start_mark.column
        at = node.end_mark.index
        if at and text[at - 1] == "\n":
            at -= 1
        block = "".join(f"\n{indent}{k}: {v}" for k, v in lines.items())
        return text[:at] + block + text[at:]
    if node is None and isinstance(parent, yaml.MappingNode) and not parent.flow_style \
            and parent.value:
        indent = " " * parent.value[0][0].start_mark.column
        at = parent.end_mark.index
        if at and text[at - 1] == "\n":
            at -= 1
        block = f"\n{indent}{loc[-1]}:" + "".join(f"\n{indent}  {k}: {v}"
                                                 for k, v in lines.items())
        return text[:at] + block + text[at:]
    raise ValueError(f"{name}: cannot add to {'.'.join(map(str, loc))} in place; add the "
                     "terms there by hand")
