"""Load YAML or JSON content into a validated :class:`~briefing.model.Briefing`.

Every problem is reported at once, each with file, line, column, field path
and a plain-words message; nothing raises a traceback for a user's mistake.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import ContentError, Problem, excerpt, format_path
from .model import Briefing, Glossary, IntegrityError, UnitSpec
from .model.articles import EXPECTED_BLOCKS
from .termbase import BUILTIN_PREFIX, SECTIONS, builtin_path, merge_glossaries
from .units import Unit, registry

Loc = tuple[str | int, ...]


# --------------------------------------------------------------------------- positions


@dataclass
class Source:
    """A parsed file: its data and where each field path starts in it."""

    file: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc) -> tuple[Loc, int | None, int | None]:
        """The longest prefix of ``loc`` that exists in the file, with its position."""
        best: Loc = ()
        node = self.data
        for part in loc:
            in_map = isinstance(node, dict) and isinstance(part, str) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if in_map or in_list:
                node = node[part]
            else:
                continue  # a union tag or validator name, not a data key
            best = (*best, part)
        line, col = self.positions.get(best, (None, None))
        return best, line, col


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads floats as Decimal, so 1308.3 stays exact, and refuses
    aliases: content never needs them, and they make recursive or exponentially
    large documents ("billion laughs") out of a few lines."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in content files; write the "
                "value out", event.start_mark)
        return super().compose_node(parent, index)


def _decimal_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        pass
    if _NUMERAL.fullmatch(text):  # an exponent beyond any range (1.0e-99999999999999999999)
        return text  # as written: validation refuses it, naming the field
    return loader.construct_yaml_float(node)  # .inf, .nan, 1:30.5


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:  # more digits than Python converts (4,300)
        return str(loader.construct_scalar(node))  # validation refuses it, naming the field


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):  # 2024-02-30: validation says it is not a date
        return str(loader.construct_scalar(node))


#: A number as written, with an exponent (what a YAML or JSON float may be).
_NUMERAL = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")

_Loader.add_constructor("tag:yaml.org,2002:float", _decimal_float)
_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _json_float(text: str) -> Decimal | str:
    try:
        return Decimal(text)
    except InvalidOperation:  # an exponent beyond any range: validation refuses it
        return text


def _json_int(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:  # more digits than Python converts: validation refuses it
        return text

_CBase: Any = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it
if _CBase is not None:
    class _FastLoader(_CBase):
        """libyaml's parser with the same constructors (Decimal floats). It knows no
        positions of errors worth showing: any failure, and any alias, sends the file
        to the pure loader, whose messages are the ones users see."""

    _FastLoader.add_constructor("tag:yaml.org,2002:float", _decimal_float)


class _Alias(Exception):
    """A node reached twice: the document used an alias."""


def _no_aliases(node: yaml.Node) -> None:
    """Raise _Alias if any node of the tree is reached twice (an alias, or a cycle)."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if id(n) in seen:
            raise _Alias
        seen.add(id(n))
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def _fast_yaml(text: str) -> tuple[yaml.Node | None, Any] | None:
    """(node, data) from libyaml, or None when the pure loader must read the file (no
    libyaml, a syntax error, an alias, a character the pure reader refuses)."""
    if _CBase is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    try:
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _no_aliases(node)
            return node, loader.construct_document(node)
        finally:
            loader.dispose()
    except Exception:  # any failure: the pure loader reads the file and says what it is
        return None


def _pure_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return (node if data is not None else None), data
    finally:
        loader.dispose()


def _positions(node: yaml.Node, loc: Loc, out: dict[Loc, tuple[int, int]],
               dups: list[tuple[Loc, int, int]]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            sub = (*loc, k)
            if k in seen:
                dups.append((sub, key.start_mark.line + 1, key.start_mark.column + 1))
            seen.add(k)
            out[sub] = (key.start_mark.line + 1, key.start_mark.column + 1)
            _positions(value, sub, out, dups)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = (*loc, i)
            out[sub] = (item.start_mark.line + 1, item.start_mark.column + 1)
            _positions(item, sub, out, dups)


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ContentError([Problem(name, line, col, "", (
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot start a "
            "character); save it as UTF-8"))]) from None
    return text.removeprefix("\ufeff")


#: Limits a content file must keep, checked before it is parsed.
MAX_CONTENT_BYTES = 20 * 1024 * 1024
MAX_NESTING = 64


def _nesting(text: str) -> tuple[int, int]:
    """The deepest nesting of the text's flow brackets and block indentation (a lexical
    count, quotes skipped), and the line where it is reached."""
    deepest, where, depth, quote = 0, 1, 0, ""
    line = 1
    for ch in text:
        if ch == "\n":
            line += 1
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, line
        elif ch in "]}":
            depth = max(0, depth - 1)
    for n, row in enumerate(text.splitlines(), start=1):
        indent = (len(row) - len(row.lstrip(" "))) // 2
        if row.strip() and indent > deepest:
            deepest, where = indent, n
    return deepest, where


def _data_depth(data: Any) -> int:
    """How deep lists and mappings nest inside the top one (without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node \
            if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                deepest = max(deepest, depth + 1)
                stack.append((child, depth + 1))
    return deepest


def parse(raw: bytes, name: str, *, kind: str | None = None) -> Source:
    """Parse YAML or JSON bytes into data with field positions."""
    try:
        return _parse(raw, name, kind)
    except RecursionError:  # nesting the lexical count could not see (odd quoting)
        raise ContentError([Problem(name, None, None, "", (
            f"the content nests too deep to read; a content file may nest at most "
            f"{MAX_NESTING} levels"))]) from None


def _parse(raw: bytes, name: str, kind: str | None) -> Source:
    if len(raw) > MAX_CONTENT_BYTES:
        raise ContentError([Problem(name, None, None, "", (
            f"the file is {len(raw) // (1024 * 1024)} MB; a content file may hold at most "
            f"{MAX_CONTENT_BYTES // (1024 * 1024)} MB"))])
    text = _decode(raw, name)
    depth, line = _nesting(text)
    if depth > MAX_NESTING:
        raise ContentError([Problem(name, line, None, "", (
            f"the content nests {depth} levels deep here; a content file may nest at most "
            f"{MAX_NESTING}"))])
    if not text.strip():
        raise ContentError([Problem(name, None, None, "", "the file is empty; "
                                    "expected a briefing (at least a title)")])
    kind = kind or ("json" if name.lower().endswith(".json") else "yaml")
    positions: dict[Loc, tuple[int, int]] = {(): (1, 1)}
    dups: list[tuple[Loc, int, int]] = []
    if kind == "json":
        try:
            data = json.loads(text, parse_float=_json_float, parse_int=_json_int)
        except json.JSONDecodeError as exc:
            raise ContentError([Problem(name, exc.lineno, exc.colno, "",
                                        f"JSON syntax error: {exc.msg}")]) from None
        try:  # JSON is YAML for positions; best effort (tabs may defeat it)
            node = yaml.compose(text, Loader=_Loader)
            if node is not None:
                _positions(node, (), positions, dups)
        except yaml.YAMLError:
            pass
    else:
        fast = _fast_yaml(text)
        try:
            if fast is not None:
                node, data = fast
                if data is None:
                    node = None
            else:
                node, data = _pure_yaml(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            what = exc.problem or exc.context or "syntax error"
            ctx = f" ({exc.context})" if exc.context and exc.problem else ""
            raise ContentError([Problem(name, mark.line + 1 if mark else None,
                                        mark.column + 1 if mark else None, "",
                                        f"YAML syntax error: {what}{ctx}")]) from None
        except yaml.reader.ReaderError as exc:
            before = text[: exc.position]
            line = before.count("\n") + 1
            col = exc.position - (before.rfind("\n") + 1) + 1
            ch = exc.character if isinstance(exc.character, str) else chr(exc.character)
            raise ContentError([Problem(name, line, col, "", (
                f"the character U+{ord(ch):04X} is not allowed in a YAML file; "
                "remove it (write it as an escape only if it must be in the text)"))]) from None
        except yaml.YAMLError as exc:  # pragma: no cover - other parser failures
            raise ContentError([Problem(name, None, None, "", f"YAML error: {exc}")]) from None
        if node is None:
            raise ContentError([Problem(name, None, None, "", "the file is empty (it holds "
                                        "no document); expected a briefing (at least a title)")])
        _positions(node, (), positions, dups)
    depth = _data_depth(data)
    if depth > MAX_NESTING:  # nesting the lexical count could not see (compact "- - -")
        raise ContentError([Problem(name, None, None, "", (
            f"the content nests {depth} levels deep; a content file may nest at most "
            f"{MAX_NESTING}"))])
    src = Source(name, data, positions)
    if dups:
        raise ContentError([Problem(name, line, col, format_path(loc),
                                    "this key appears twice in the same mapping")
                            for loc, line, col in dups])
    return src


# --------------------------------------------------------------------------- messages

_ALL_FIELDS: set[str] = set()


def _collect_fields(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        if name in _ALL_FIELDS:
            continue
        _ALL_FIELDS.add(name)
        for arg in _model_types(info.annotation):
            _collect_fields(arg)


def _model_types(tp: Any) -> Iterator[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        yield tp
    for arg in getattr(tp, "__args__", ()) or ():
        yield from _model_types(arg)
    origin = getattr(tp, "__origin__", None)
    if origin is not None and origin is not tp:
        yield from _model_types(origin)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float | Decimal):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ('{excerpt(value)}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_EXPECT = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of names to values",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "decimal_type": "a number",
    "decimal_parsing": "a number",
}


def _message(err: ErrorDetails) -> str:
    typ = err["type"]
    loc = err["loc"]
    if typ == "missing":
        return f"missing required field '{loc[-1]}'"
    if typ == "extra_forbidden":
        if not _ALL_FIELDS:
            _collect_fields(Briefing)
        near = difflib.get_close_matches(str(loc[-1]), sorted(_ALL_FIELDS), n=1)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        return f"unknown field '{loc[-1]}'{hint}"
    if typ in _EXPECT:
        return f"expected {_EXPECT[typ]}, got {_describe(err.get('input'))}"
    if typ == "literal_error":
        return f"expected {err['ctx']['expected']}, got {_describe(err.get('input'))}"
    if typ == "enum":
        return f"expected {err['ctx']['expected']}, got {_describe(err.get('input'))}"
    if typ == "string_pattern_mismatch":
        return (f"{_describe(err.get('input'))} is not a valid id: use lower-case letters, "
                "digits and _ and start with a letter")
    if typ in ("too_short", "too_long"):
        return err["msg"].replace("List", "the list").replace("Dictionary", "the mapping")
    if typ in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{err['msg'].lower()}, got {err.get('input')}"
    if typ == "unknown_block":
        given = err.get("input")
        kind = given.get("type") if isinstance(given, dict) else None
        return (f"unknown block type {kind!r}; expected {EXPECTED_BLOCKS}" if kind else
                f"expected a block (a mapping with a type), got {_describe(given)}")
    if typ == "value_error":
        return str(err["ctx"]["error"])
    return err["msg"]


def _problems(src: Source, exc: ValidationError, prefix: Loc = ()) -> list[Problem]:
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        ctx_err = (err.get("ctx") or {}).get("error")
        if isinstance(ctx_err, IntegrityError):
            for loc, msg in ctx_err.problems:
                best, line, col = src.where((*prefix, *err["loc"], *loc))
                out.append(Problem(src.file, line, col, format_path((*prefix, *err["loc"],
                                                                      *loc)), msg))
            continue
        full = (*prefix, *err["loc"])
        best, line, col = src.where(full)
        # show the data path, plus a final key that is missing or unknown
        shown = best + full[-1:] if full and full[-1] not in best[-1:] else best
        if err["type"] not in ("missing", "extra_forbidden"):
            shown = best
        out.append(Problem(src.file, line, col, format_path(shown), _message(err)))
    out.sort(key=lambda p: (p.line or 0, p.column or 0))
    # one problem once: a union's branches (a chart's figures as one list or another) may
    # each report the same mistake at the same place
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------- load


def _read(path: Path, *, term_base: bool = False) -> bytes:
    """The file's bytes, at most :data:`MAX_CONTENT_BYTES` of them (``/dev/zero`` cannot
    fill the memory). A term base must be a regular file: a FIFO or a device is refused
    without waiting for a writer."""
    what = "term base" if term_base else "content file"
    try:
        fd = os.open(path, os.O_RDONLY | (os.O_NONBLOCK if term_base else 0))
    except FileNotFoundError:
        raise ContentError([Problem(str(path), None, None, "", "no such file")]) from None
    except IsADirectoryError:
        raise ContentError([Problem(str(path), None, None, "",
                                    f"is a folder, expected a {what}")]) from None
    except OSError as exc:
        raise ContentError([Problem(str(path), None, None, "",
                                    f"cannot read: {exc.strerror}")]) from None
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):  # before fdopen, which refuses a folder naming only the fd
        os.close(fd)
        raise ContentError([Problem(str(path), None, None, "",
                                    f"is a folder, expected a {what}")])
    with os.fdopen(fd, "rb") as fh:
        if term_base and not stat.S_ISREG(mode):
            raise ContentError([Problem(str(path), None, None, "", (
                "is not a regular file (a pipe, socket or device); a term base must be a "
                "file"))])
        try:
            raw = fh.read(MAX_CONTENT_BYTES + 1)
        except OSError as exc:
            raise ContentError([Problem(str(path), None, None, "",
                                        f"cannot read: {exc.strerror}")]) from None
    if len(raw) > MAX_CONTENT_BYTES:
        raise ContentError([Problem(str(path), None, None, "", (
            f"the file is larger than {MAX_CONTENT_BYTES // (1024 * 1024)} MB; a {what} may "
            f"hold at most {MAX_CONTENT_BYTES // (1024 * 1024)} MB"))])
    return raw


def _include_path(entry: str, base_dir: Path) -> Path:
    """The file an ``include`` entry names: a shipped term base, or a file inside the
    content's folder (as images must be); ValueError says why not."""
    if entry.startswith(BUILTIN_PREFIX):
        return builtin_path(entry.removeprefix(BUILTIN_PREFIX))
    base = base_dir.resolve()
    path = (base / entry).resolve()
    if not path.is_relative_to(base):
        raise ValueError(f"the term base {entry!r} lies outside the content's folder {base}; "
                         "an included file must lie inside it (or be a shipped "
                         f"{BUILTIN_PREFIX}NAME)")
    return path


def _not_a_term_base(inc: Source) -> Problem | None:
    """A file with none of a glossary's sections is not a term base: say so without
    echoing what it holds (it may be a secrets file named by mistake)."""
    data = inc.data
    if isinstance(data, dict) and (not data or any(k in SECTIONS for k in data)):
        return None
    got = "a mapping without any of them" if isinstance(data, dict) else "no mapping"
    return Problem(inc.file, None, None, "", (
        f"is not a term base: expected a mapping of {', '.join(SECTIONS)}, found {got}"))


def _includes(src: Source, base_dir: Path) -> tuple[Any, list[Problem]]:
    """Merge the term bases ``include`` names into the glossary, in order: shipped
    ones (``briefing:NAME``) and files inside the content's folder. The content's
    own glossary entries win over included ones with the same id."""
    data = src.data
    includes = data.get("include")
    if not isinstance(includes, list):
        return data, []
    problems: list[Problem] = []
    merged: dict[str, Any] = {}
    for i, entry in enumerate(includes):
        if not isinstance(entry, str):
            continue  # validation reports it
        try:
            path = _include_path(entry, base_dir)
        except ValueError as exc:
            _, line, col = src.where(("include", i))
            problems.append(Problem(src.file, line, col, format_path(("include", i)),
                                    str(exc)))
            continue
        try:
            inc = parse(_read(path, term_base=True), str(path))
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        wrong = _not_a_term_base(inc)
        if wrong is not None:
            problems.append(wrong)
            continue
        try:
            Glossary.model_validate(inc.data)
        except ValidationError as exc:
            problems.extend(_problems(inc, exc))
            continue
        if not isinstance(inc.data, dict):  # pragma: no cover - Glossary rejects it
            continue
        merged = merge_glossaries(merged, inc.data)
    if merged:
        data["glossary"] = merge_glossaries(merged, data.get("glossary"))
    return data, problems


def load(path: str | Path) -> Briefing:
    """Load and validate a YAML or JSON content file.

    Raises :class:`~briefing.errors.ContentError` listing every problem, each
    with file, line, column and field path.
    """
    path = Path(path)
    src = parse(_read(path), str(path))
    if not isinstance(src.data, dict):
        raise ContentError([Problem(src.file, 1, 1, "",
                                    f"expected a mapping of fields at the top, got "
                                    f"{_describe(src.data)}")])
    briefing = _validate(src, path.parent)
    briefing._origin = path.resolve()
    briefing._positions = src.positions
    return briefing


def load_text(text: str, name: str, base_dir: str | Path) -> Briefing:
    """Validate content given as YAML or JSON text, as :func:`load` does a file."""
    return _validate(parse(text.encode("utf-8"), name), Path(base_dir))


def load_data(data: Mapping[str, Any], base_dir: str | Path | None = None) -> Briefing:
    """Validate content given as Python data (dicts, lists and model objects), merging
    the term bases its ``include`` names, as :func:`load` does for a file.

    ``base_dir`` resolves file includes (default: the current folder). Use this
    rather than ``Briefing(...)`` when the content includes term bases:
    ``load_data({"title": ..., "include": ["briefing:officials"], "glossary": g})``
    keeps ``g``'s entries and adds the shipped ones.
    """
    if not isinstance(data, Mapping):
        raise ContentError([Problem("<data>", None, None, "",
                                    f"expected a mapping of fields at the top, got "
                                    f"{_describe(data)}")])
    plain = {k: v.model_dump(mode="python", exclude_defaults=True)
             if isinstance(v, BaseModel) else v for k, v in data.items()}
    src = Source("<data>", plain)
    return _validate(src, Path(base_dir) if base_dir is not None else Path.cwd())


def _validate(src: Source, base_dir: Path) -> Briefing:
    data, problems = _includes(src, base_dir)
    units = _declared_units(data)
    try:
        briefing = Briefing.model_validate(
            data, context={"includes_merged": True, "units": units})
    except ValidationError as exc:
        problems.extend(_problems(src, exc))
        raise ContentError(problems) from None
    if problems:
        raise ContentError(problems)
    return briefing


def _declared_units(data: Any) -> Mapping[str, Unit]:
    """The unit registry a statistic's value is read with: built in, plus the glossary's
    own units where they are valid (a bad one is reported by validation)."""
    declared = (data.get("glossary") or {}).get("units") if isinstance(data, dict) else None
    extra = {}
    if isinstance(declared, dict):
        for key, spec in declared.items():
            try:
                extra[str(key)] = UnitSpec.model_validate(spec).unit(str(key))
            except ValidationError:
                continue
    return registry(extra)
