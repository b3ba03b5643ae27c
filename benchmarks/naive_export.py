"""The naive cold export, run as its own process: `python -m benchmarks.naive_export QUERY OUT`.

What a one-off export script does: import plotly and kaleido, load the data, build the
same publication figure the app renders (`dashboard.features.share._view_model.export_figure`), start its own
browser, render, write the file, exit. Nothing is shared with the benchmark process.

Prints one JSON object on stdout: the phases in ms (from the first line of this module,
so interpreter start-up is not in them; the parent measures the whole process) and
`browser_to_bytes_ms`, the time from starting the browser to having the bytes.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def main(argv: list[str]) -> int:
    query, out, fmt, width, height, public_url = argv[0], argv[1], argv[2], int(argv[3]), int(argv[4]), argv[5]
    phases = {}
    t = time.perf_counter()
    import kaleido
    import plotly.graph_objects  # noqa: F401

    from dashboard.context import TOPOJSON_DIR, Settings, context_from_files
    from dashboard.features.share._view_model import export_figure
    from dashboard.state import parse_query
    phases["import"] = time.perf_counter() - t

    t = time.perf_counter()
    context = context_from_files(Settings.from_env())
    data = context.data.current()
    state, notices = parse_query(query, data.choices)
    if notices:
        print(json.dumps({"error": f"bad query {query!r}: {notices}"}))
        return 1
    phases["data"] = time.perf_counter() - t

    t = time.perf_counter()
    figure = export_figure(data, state, width, height, public_url)
    phases["figure"] = time.perf_counter() - t

    path = context.renderer.browser_path
    if path is None:
        print(json.dumps({"error": "Chromium is not installed here"}))
        return 3
    os.environ["BROWSER_PATH"] = path  # the naive script starts kaleido's own sync server, which reads it
    browser_started = time.perf_counter()
    kaleido.start_sync_server(n=1, timeout=60, silence_warnings=True)
    # returns at once: kaleido launches Chromium in a background thread, the first render waits for it
    phases["start_server_call"] = time.perf_counter() - browser_started

    t = time.perf_counter()
    content = kaleido.calc_fig_sync(figure, opts={"format": fmt, "scale": 2 if fmt == "png" else 1},
                                    topojson=TOPOJSON_DIR.as_uri() + "/")
    bytes_ready = time.perf_counter()
    phases["first_render_incl_browser_launch"] = bytes_ready - t

    t = time.perf_counter()
    with open(out, "wb") as handle:
        handle.write(content)
    phases["write"] = time.perf_counter() - t

    print(json.dumps({"bytes": len(content), "browser_to_bytes_ms": _ms(bytes_ready - browser_started),
                      "in_process_ms": _ms(time.perf_counter() - T0),
                      "phases_ms": {k: _ms(v) for k, v in phases.items()}}), flush=True)
    # exit as such a script does: kaleido closes its browser at interpreter exit (the parent times that too)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
