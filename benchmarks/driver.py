"""A minimal stand-in for the Dash renderer: drives an app through real `/_dash-update-component` POSTs.

The driver keeps the browser-side value of every component prop it has seen,
and for one user action (a control changing value) it fires every server
callback the renderer would fire, in the renderer's order:

* the callbacks that have one of the changed props as an `Input`;
* a callback waits while one of its inputs is an output of a callback still
  pending in the same action (the renderer defers it the same way);
* the outputs a response sets (anything but `no_update`) become changed props
  themselves, so chained callbacks fire too (e.g. a level change resets the
  selection store, which fires the detail panel).

The callbacks come from `GET /_dash-dependencies` (what the renderer reads) and
requests are built by `benchmarks.dash_protocol`, like the renderer builds them:
`output` is the callback's key, `outputs` its `{id, property}` list (a single
object for a single output), `inputs` / `state` the `{id, property, value}`
triples with the current values, and `changedPropIds` the triggering props.
Clientside callbacks are skipped (they never reach the server) and so are
pattern-matching inputs (no action in the benchmark touches one). One clientside step is played here:
the page's `pageQuery` gate (assets/dekkingskaart.js), which hands the first query to the page callback
(`PAGE_QUERY_PROP`); after that it lets no query the controls wrote through, so the driver does not either.

Each POST goes through Flask's test client: the full Dash dispatch, callback,
serialisation and response run as in production, without network noise.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from . import dash_protocol
from .dash_protocol import LAYOUT_URL, UPDATE_URL, to_json

#: the store the page's clientside gate sets to the address's query when the page must render it
PAGE_QUERY_PROP = "store-page-query.data"

__all__ = ["ActionRecord", "CallRecord", "Driver", "LAYOUT_URL", "UPDATE_URL", "prop_id"]


@dataclass
class CallRecord:
    """One POST to `/_dash-update-component`."""

    key: str                      # the callback's output key as in /_dash-dependencies (its outputs)
    status: int
    body_bytes: int               # the response body as sent
    seconds: float                # wall time of the POST (Dash dispatch + callback + serialisation)
    body: bytes = field(repr=False, default=b"")
    #: bytes of each output's JSON value in the response, "id.prop" -> bytes
    outputs: dict[str, int] = field(default_factory=dict)

    @property
    def response(self) -> dict:
        return json.loads(self.body) if self.body else {}


@dataclass
class ActionRecord:
    """All callbacks one user action fired."""

    changes: dict[str, Any]
    calls: list[CallRecord]

    def call(self, key: str) -> CallRecord:
        for record in self.calls:
            if record.key == key:
                return record
        raise KeyError(f"callback {key!r} did not fire for {self.changes}")

    @property
    def body_bytes(self) -> int:
        return sum(c.body_bytes for c in self.calls)

    @property
    def seconds(self) -> float:
        return sum(c.seconds for c in self.calls)


def prop_id(component_id: str, prop: str) -> str:
    return dash_protocol.prop_id(component_id, prop)


class Driver:
    """Browser-side state of one app plus the logic that decides which callbacks to POST."""

    def __init__(self, app, before_call: Callable[[], None] | None = None):
        self.app = app
        self.client = app.server.test_client()
        self.before_call = before_call
        #: "id.prop" -> value as the browser holds it
        self.props: dict[str, Any] = {}
        self.callbacks: dict[str, dict] = {}
        #: the server callbacks the driver fires, parsed from /_dash-dependencies
        self.protocol: dict[str, dash_protocol.Callback] = {}
        for cb in dash_protocol.fetch(self.client):
            if cb.clientside or any(d.pattern for d in cb.inputs):
                continue  # clientside (never reaches the server) or pattern-matching
            self.protocol[cb.output] = cb
            self.callbacks[cb.output] = {
                "outputs": list(cb.outputs),
                "multi": cb.multi,
                "inputs": cb.input_ids,
                "state": cb.state_ids,
                "initial": cb.fires_on_load,
            }

    # ------------------------------------------------------------------ page load

    def load(self, pathname: str = "/", search: str = "") -> list[CallRecord]:
        """GET the layout, set the location like dcc.Location does on mount, run the initial callbacks."""
        response = self.client.get(LAYOUT_URL)
        if response.status_code != 200:
            raise RuntimeError(f"{LAYOUT_URL} returned {response.status_code}")
        layout = response.get_json()
        self._harvest(layout)
        for location_id in self._location_ids(layout):
            self.props[prop_id(location_id, "pathname")] = pathname
            self.props[prop_id(location_id, "search")] = search
        if any(PAGE_QUERY_PROP in cb["inputs"] for cb in self.callbacks.values()):
            self.props[PAGE_QUERY_PROP] = search  # what the browser's pageQuery gate does at the start
        calls, done = [], set()
        while True:
            ready = [k for k, cb in self.callbacks.items()
                     if cb["initial"] and k not in done and all(i in self.props for i in cb["inputs"])]
            if not ready:
                return calls
            for key in ready:
                done.add(key)
                record, _ = self._post(key, changed=[])
                calls.append(record)

    # ------------------------------------------------------------------ one user action

    def act(self, changes: dict[str, Any]) -> ActionRecord:
        """Set control values ("id.prop" -> value) and run every callback that fires, as the renderer would."""
        for pid, value in changes.items():
            self.props[pid] = value
        triggered = set(changes)
        pending: dict[str, set[str]] = {}   # callback key -> its changed inputs
        self._add_triggered(pending, triggered, done=set())
        done: set[str] = set()
        calls: list[CallRecord] = []
        while pending:
            blocking = {out for k in pending for out in self._output_ids(k)}
            ready = [k for k in pending
                     if not any(i in blocking and i not in self._output_ids(k) for i in self.callbacks[k]["inputs"])]
            if not ready:  # a cycle; the renderer would break it too
                ready = list(pending)
            ready.sort(key=list(self.callbacks).index)
            newly_changed: set[str] = set()
            for key in ready:
                changed = sorted(pending.pop(key))
                done.add(key)
                record, set_props = self._post(key, changed)
                calls.append(record)
                newly_changed |= set_props
            self._add_triggered(pending, newly_changed, done)
        return ActionRecord(dict(changes), calls)

    # ------------------------------------------------------------------ internals

    def _add_triggered(self, pending: dict[str, set[str]], changed: set[str], done: set[str]) -> None:
        for key, cb in self.callbacks.items():
            hit = changed.intersection(cb["inputs"])
            if hit and key not in done:
                pending.setdefault(key, set()).update(hit)

    def _output_ids(self, key: str) -> list[str]:
        return [prop_id(o["id"], o["property"]) for o in self.callbacks[key]["outputs"]]

    def request_body(self, key: str, changed: list[str]) -> dict:
        body = self.protocol[key].body(self.props, changed)
        body["parsedChangedPropsIds"] = changed
        if not body["state"]:
            del body["state"]  # the renderer leaves out an empty state
        return body

    def _post(self, key: str, changed: list[str]) -> tuple[CallRecord, set[str]]:
        body = self.request_body(key, changed)
        if self.before_call is not None:
            self.before_call()
        start = time.perf_counter()
        response = self.client.post(UPDATE_URL, json=body)
        data = response.get_data()
        seconds = time.perf_counter() - start
        if response.status_code not in (200, 204):
            raise RuntimeError(f"callback {key} failed with HTTP {response.status_code}: {data[:500]!r}")
        record = CallRecord(key, response.status_code, len(data), seconds, data)
        set_props: set[str] = set()
        if response.status_code == 200:
            for pid, value in dash_protocol.updates(response.get_json()).items():
                record.outputs[pid] = len(to_json(value).encode())
                self._apply(pid, value)
                set_props.add(pid)
        return record, set_props

    def _apply(self, pid: str, value: Any) -> None:
        if isinstance(value, dict) and "__dash_patch_update" in value:
            self.props[pid] = _apply_patch(self.props.get(pid), value["operations"])
        else:
            self.props[pid] = value
        self._harvest(value)

    def _harvest(self, node: Any) -> None:
        """Record the props of every component with a string id found in a layout tree."""
        if isinstance(node, list):
            for item in node:
                self._harvest(item)
        elif isinstance(node, dict):
            if "namespace" in node and "type" in node and isinstance(node.get("props"), dict):
                props = node["props"]
                if isinstance(props.get("id"), str):
                    for prop, value in props.items():
                        if prop != "children":
                            self.props[prop_id(props["id"], prop)] = value
                for value in props.values():
                    self._harvest(value)

    def _location_ids(self, node: Any) -> list[str]:
        found = []
        if isinstance(node, list):
            for item in node:
                found += self._location_ids(item)
        elif isinstance(node, dict):
            if node.get("type") == "Location" and isinstance(node.get("props", {}).get("id"), str):
                found.append(node["props"]["id"])
            for value in (node.get("props") or {}).values():
                found += self._location_ids(value)
        return found


def _apply_patch(target: Any, operations: list[dict]) -> Any:
    """Enough of Dash's patch semantics for the benchmark: Assign; anything else leaves the value as it is.

    Mutates `target` in place: it was parsed from a response and belongs to the driver alone.
    """
    target = target if target is not None else {}
    for op in operations:
        if op["operation"] != "Assign" or not op["location"]:
            continue
        node = target
        try:
            for step in op["location"][:-1]:
                node = node[step]
            node[op["location"][-1]] = op["params"]["value"]
        except (KeyError, IndexError, TypeError):
            continue
    return target
