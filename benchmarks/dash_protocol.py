"""One client of Dash's callback protocol, built from `GET /_dash-dependencies` through public behaviour only.

Tests, the load test and the benchmarks all talk to `/_dash-update-component` the way the browser's
renderer does. This module holds that knowledge once, without importing any private Dash module:

* `parse(dependencies)` turns the JSON of `GET /_dash-dependencies` (fetched by the caller through any
  transport: Flask's test client, `http.client`, ...) into `Callback` descriptions: the output key exactly
  as Dash sends it as `output` (`a.b` for a single output, `..a.b...c.d..` for a list of outputs; an
  `allow_duplicate` output carries `@<hash>` after its property), its outputs as `{id, property}`, its
  inputs and state, whether it runs clientside, whether it fires on page load;
* `Callback.body(...)` / `Callback.request(...)` build the request body like the renderer:
  `{"output", "outputs", "inputs", "state", "changedPropIds"}`, where `outputs` is a single object for a
  single (non-list) output and a list otherwise, and an input the browser does not hold is sent without
  a `"value"` (it is `undefined` there);
* `Callbacks.with_output("id.prop")` finds the callback that has one output;
* `to_json(value)` serialises a value as Dash does in its responses (plotly's JSON encoder, compact).

Pattern-matching ids arrive in `/_dash-dependencies` as JSON strings (`{"level":["ALL"],"type":"x"}`);
`Dependency.component_id` is the parsed dict. An input with a pattern id is sent as a list of entries,
one per component in the page that matches it (`Callback.request` takes them as `(id, value)` pairs).
Callbacks with pattern-matching outputs are described but no body is built for them (this app has none).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

DEPENDENCIES_URL = "/_dash-dependencies"
LAYOUT_URL = "/_dash-layout"
UPDATE_URL = "/_dash-update-component"


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


#: The value of a prop the browser does not hold (`undefined`): its entry is sent without "value".
MISSING: Any = _Missing()


def stringify_id(component_id: str | dict) -> str:
    """A component id as the renderer names it in prop ids: the id itself, or sorted compact JSON for a dict."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


def prop_id(component_id: str | dict, prop: str) -> str:
    """`"id.prop"` as the renderer writes it in `changedPropIds` (a dict id as sorted JSON)."""
    return f"{stringify_id(component_id)}.{prop}"


def parse_id(raw: str) -> str | dict:
    """A component id as `/_dash-dependencies` writes it: pattern-matching ids are JSON strings."""
    return json.loads(raw) if raw.startswith("{") else raw


def split_output_key(key: str) -> list[dict]:
    """The `{id, property}` outputs named by an output key (`a.b` or `..a.b...c.d..`), ids as written there."""
    parts = key[2:-2].split("...") if is_multi_key(key) else [key]
    outputs = []
    for part in parts:
        component, prop = part.rsplit(".", 1)  # ids may hold dots (JSON), properties never do
        outputs.append({"id": component, "property": prop})
    return outputs


def is_multi_key(key: str) -> bool:
    """A list of outputs (even of one) is keyed `..a.b..`; a single Output is just `a.b`."""
    return key.startswith("..") and key.endswith("..")


def to_json(value: Any) -> str:
    """`value` serialised like Dash serialises callback responses (plotly's encoder, no whitespace)."""
    from plotly.io.json import to_json_plotly

    return to_json_plotly(value)


def dumps(body: Any) -> bytes:
    """A request body as compact JSON bytes (what a browser sends)."""
    return json.dumps(body, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Dependency:
    """One input or state of a callback, as declared in `/_dash-dependencies`."""

    id: str          # exactly as Dash sends it (a JSON string for a pattern-matching id)
    property: str

    @property
    def component_id(self) -> str | dict:
        return parse_id(self.id)

    @property
    def pattern(self) -> bool:
        return isinstance(self.component_id, dict)

    @property
    def prop_id(self) -> str:
        """`"id.prop"`; for a pattern the id as written in the dependencies (the template, not a component)."""
        return f"{self.id}.{self.property}"

    def entry(self, value: Any = MISSING) -> dict:
        """The `{id, property[, value]}` entry of a plain dependency."""
        out = {"id": self.component_id, "property": self.property}
        if value is not MISSING:
            out["value"] = value
        return out

    def entries(self, matches: Iterable[tuple[Mapping, Any]]) -> list[dict]:
        """The entries of a pattern dependency: one per matching component, given as (wildcard values, value).

        The wildcard values name only the keys the pattern leaves open, e.g. `{"level": "zorgregio"}` for
        `{"level": ["ALL"], "type": "go-to-level"}`; the fixed keys are filled in here.
        """
        template = self.component_id
        fixed = {k: v for k, v in template.items() if not isinstance(v, list)}
        out = []
        for wildcards, value in matches:
            entry = {"id": {**fixed, **dict(wildcards)}, "property": self.property}
            if value is not MISSING:
                entry["value"] = value
            out.append(entry)
        return out


@dataclass(frozen=True, eq=False)
class Callback:
    """One callback of `/_dash-dependencies`."""

    output: str                        # the key, exactly as Dash sends it as `output`
    outputs: tuple[dict, ...]          # {id, property} per output (ids and properties as in the key)
    inputs: tuple[Dependency, ...]
    state: tuple[Dependency, ...]
    clientside: bool
    prevent_initial_call: bool
    raw: Mapping | None = field(default=None, repr=False)  # the entry of /_dash-dependencies as read

    @classmethod
    def parse(cls, spec: Mapping) -> "Callback":
        return cls(
            output=spec["output"],
            outputs=tuple(split_output_key(spec["output"])),
            inputs=tuple(Dependency(d["id"], d["property"]) for d in spec.get("inputs", [])),
            state=tuple(Dependency(d["id"], d["property"]) for d in spec.get("state", [])),
            clientside=bool(spec.get("clientside_function")),
            prevent_initial_call=bool(spec.get("prevent_initial_call")),
            raw=spec,
        )

    @property
    def multi(self) -> bool:
        return is_multi_key(self.output)

    @property
    def fires_on_load(self) -> bool:
        return not self.prevent_initial_call

    @property
    def output_ids(self) -> list[str]:
        """`"id.prop"` of each output, properties as in the key (an allow_duplicate one keeps its `@hash`)."""
        return [f"{o['id']}.{o['property']}" for o in self.outputs]

    @property
    def input_ids(self) -> list[str]:
        return [d.prop_id for d in self.inputs]

    @property
    def state_ids(self) -> list[str]:
        return [d.prop_id for d in self.state]

    @property
    def has_pattern_inputs(self) -> bool:
        return any(d.pattern for d in self.inputs + self.state)

    def outputs_field(self) -> dict | list[dict]:
        """The `outputs` of a request: one object for a single Output, a list for a list of Outputs."""
        if any(o["id"].startswith("{") for o in self.outputs):
            raise NotImplementedError(f"pattern-matching outputs are not supported: {self.output}")
        outputs = [dict(o) for o in self.outputs]
        return outputs if self.multi else outputs[0]

    def request(self, inputs: Sequence = (), state: Sequence = (), changed: Sequence[str] = ()) -> dict:
        """A request body from values given by position, one per declared input / state.

        For a plain dependency the item is its value (`MISSING`: sent without a value; items left off at
        the end count as `MISSING`); for a pattern dependency it is the list of (wildcard values, value)
        pairs of the matching components (left off: no component matches). `changed` are the prop ids
        of the triggering inputs (see `prop_id`).
        """

        def build(deps: tuple[Dependency, ...], values: Sequence) -> list:
            if len(values) > len(deps):
                raise ValueError(f"{self.output}: {len(values)} values for {len(deps)} dependencies")
            out = []
            for i, dep in enumerate(deps):
                value = values[i] if i < len(values) else MISSING
                if dep.pattern:
                    out.append(dep.entries([] if value is MISSING or value is None else value))
                else:
                    out.append(dep.entry(value))
            return out

        return {"output": self.output, "outputs": self.outputs_field(), "inputs": build(self.inputs, inputs),
                "state": build(self.state, state), "changedPropIds": list(changed)}

    def body(self, values: Mapping[str, Any] | None = None, changed: Sequence[str] = ()) -> dict:
        """A request body with the values the browser holds, by prop id (`"id.prop"` -> value).

        A prop missing from `values` is sent without a value; a pattern dependency is looked up by its
        template prop id (`Dependency.prop_id`) and takes a list of (wildcard values, value) pairs.
        """
        values = values or {}
        return self.request([values.get(d.prop_id, MISSING) for d in self.inputs],
                            [values.get(d.prop_id, MISSING) for d in self.state], changed)


class Callbacks(Sequence[Callback]):
    """Every callback of an app, in the order of `/_dash-dependencies`."""

    def __init__(self, callbacks: Iterable[Callback]):
        self._list = list(callbacks)
        self._by_key = {cb.output: cb for cb in self._list}

    @classmethod
    def parse(cls, dependencies: Iterable[Mapping]) -> "Callbacks":
        """From the parsed JSON of `GET /_dash-dependencies`."""
        return cls(Callback.parse(spec) for spec in dependencies)

    @classmethod
    def from_json(cls, raw: str | bytes) -> "Callbacks":
        return cls.parse(json.loads(raw))

    def __len__(self) -> int:
        return len(self._list)

    def __getitem__(self, index):  # by position, or by output key
        if isinstance(index, str):
            return self._by_key[index]
        return self._list[index]

    def __iter__(self) -> Iterator[Callback]:
        return iter(self._list)

    def __contains__(self, item) -> bool:
        if isinstance(item, str):
            return item in self._by_key
        return item in self._list

    def keys(self) -> list[str]:
        return list(self._by_key)

    @property
    def server(self) -> list[Callback]:
        """The callbacks that run on the server (the only ones `/_dash-update-component` answers)."""
        return [cb for cb in self._list if not cb.clientside]

    @property
    def clientside(self) -> list[Callback]:
        return [cb for cb in self._list if cb.clientside]

    def with_output(self, output_id: str, *, clientside: bool | None = False) -> Callback:
        """The one callback with `output_id` ("id.prop", as in `Callback.output_ids`) among its outputs.

        By default only server callbacks are searched (`clientside=True`: only clientside ones,
        `None`: all). Raises LookupError unless exactly one matches.
        """
        found = [cb for cb in self._list
                 if output_id in cb.output_ids and (clientside is None or cb.clientside == clientside)]
        if len(found) != 1:
            raise LookupError(f"expected one callback with output {output_id}, found {[cb.output for cb in found]}")
        return found[0]


def parse(dependencies: Iterable[Mapping]) -> Callbacks:
    """The callbacks of the parsed JSON of `GET /_dash-dependencies`."""
    return Callbacks.parse(dependencies)


def fetch(client) -> Callbacks:
    """The callbacks of an app through a Flask test client (or anything with a Flask-like `get`)."""
    response = client.get(DEPENDENCIES_URL)
    if response.status_code != 200:
        raise RuntimeError(f"{DEPENDENCIES_URL} returned HTTP {response.status_code}")
    return Callbacks.from_json(response.get_data())


def updates(payload: Mapping) -> dict[str, Any]:
    """`"id.prop"` -> value of every output a callback response sets (its "response" part)."""
    found = {}
    for component_id, props in (payload.get("response") or {}).items():
        for prop, value in props.items():
            found[prop_id(component_id, prop)] = value
    return found
