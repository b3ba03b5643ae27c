"""What the share feature makes: publication figures (a pure builder), their cache keys and sizes,
source lines, and frozen snapshots (rendered by the context's renderer, kept by its snapshot store)."""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass

import plotly.graph_objects as go

from ...data_source import DashboardData
from ...i18n import t
from ...registry import INDICATORS
from ...state import ViewState, to_query
from ..map import figures
from ..map._view_model import view_heading, view_map, view_years

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

#: What the renderer makes of a format, versioned: bump a format's entry when its images change for the
#: same view, so image caches (30 days in Redis or on disk) and browsers holding the older ones miss.
#: png 2: palette PNGs (dashboard/renderer.py palette_png). A format without an entry keeps its keys.
IMAGE_VERSIONS = {"png": "2"}


#: Named sizes (width, height) in CSS pixels; PNG is rendered at scale 2 for sharp print.
PRESETS = {"artikel": (1000, 1100), "vierkant": (1080, 1080), "breed": (1600, 1000)}


MIN_SIZE, MAX_SIZE = 300, 3000


class ExportRequestError(ValueError):
    """The request asks for something we will not render (bad size, unknown format): answer 400."""


@dataclass(frozen=True)
class ExportRequest:
    state: ViewState
    fmt: str
    width: int
    height: int

    def key(self, data_version: str, printed_address: str | None) -> str:
        """The image's content address (cache key, ETag, snapshot id). The address printed on the image is
        part of it, and that is only ever the setting (`image_address`), never the request's host: one
        view has one key on every instance, whatever Host header a request came with."""
        text = f"{to_query(self.state)}|{self.fmt}|{self.width}x{self.height}|{data_version}|{printed_address or ''}"
        if self.fmt in IMAGE_VERSIONS:
            text += f"|v{IMAGE_VERSIONS[self.fmt]}"
        return hashlib.sha256(text.encode()).hexdigest()[:24]


def parse_size(preset: str | None, width: str | None, height: str | None, lang: str) -> tuple[int, int]:
    base = PRESETS.get(preset or "artikel")
    if base is None:
        raise ExportRequestError(t(lang, "export_unknown_preset", preset=preset[:30], presets=", ".join(PRESETS)))
    sizes = []
    for name, value, default in (("breedte", width, base[0]), ("hoogte", height, base[1])):
        if value in (None, ""):
            sizes.append(default)
            continue
        if not value.isdigit() or not MIN_SIZE <= int(value) <= MAX_SIZE:
            raise ExportRequestError(t(lang, "export_bad_size", name=name, low=MIN_SIZE, high=MAX_SIZE))
        sizes.append(int(value))
    return sizes[0], sizes[1]


def image_address(context) -> str | None:
    """The address printed on images: DEKKINGSKAART_PUBLIC_URL only. Without it images print none, since
    the request's host would make the image (and its cache key) depend on who asked."""
    return context.settings.public_url


def export_figure(data: DashboardData, state: ViewState, width: int, height: int,
                  public_url: str | None) -> go.Figure:
    """The publication figure: title, map, legend in words, sources, data date, and the address when
    given (`image_address`: the setting or nothing)."""
    lang = state.taal
    values, selected, figure = view_map(data, state)
    for key, colour, label in figures.legend_entries(values, lang):
        figure.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", name=label,
                                       marker={"symbol": "square", "size": 14, "color": colour,
                                               "line": {"color": figures.AREA_BORDER, "width": 1}},
                                       showlegend=True, hoverinfo="skip"))
    title = f"{view_heading(state)} — {t(lang, 'level_' + state.niveau).split(' (')[0]}"
    if not values.defined:
        title += f" ({t(lang, 'not_at_level').rstrip('.').lower()})"
    sources = " ".join((*values.notes, source_line(data, state)))
    latest = data_date(data, state)
    date_line = (f"{t(lang, 'data_as_of', date=latest or t(lang, 'unknown'))} "
                 f"({t(lang, 'data_version', version=data.model.version).lower()}) · "
                 f"{t(lang, 'made_on', date=_dt.date.today().isoformat())}")
    if public_url:
        date_line += f" · {t(lang, 'title')}: {public_url}"
    figure.update_layout(
        width=width, height=height, paper_bgcolor="white",
        title={"text": f"<b>{title}</b><br><span style='font-size:14px'>{t(lang, 'title')}</span>",
               "x": 0.02, "xanchor": "left", "y": 0.98, "yanchor": "top", "font": {"size": 22}},
        margin={"l": 20, "r": 20, "t": 90, "b": 110},
        showlegend=True,
        legend={"orientation": "v", "x": 0.0, "y": 0.02, "xanchor": "left", "yanchor": "bottom",
                "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 13},
                "title": {"text": f"<b>{t(lang, 'legend')}</b>"}},
        annotations=[
            {"text": wrap(sources, 150), "x": 0, "y": -0.02, "xref": "paper", "yref": "paper",
             "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left", "font": {"size": 11}},
            {"text": date_line, "x": 0, "y": -0.1, "xref": "paper", "yref": "paper", "xanchor": "left",
             "yanchor": "top", "showarrow": False, "align": "left", "font": {"size": 11, "color": "#444"}},
        ],
    )
    if data.synthetic:
        figure.add_annotation(text="VOORBEELDDATA", x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                              textangle=-30, font={"size": 90, "color": "rgba(180,0,0,0.25)"})
    return figure


def view_source_ids(data: DashboardData, state: ViewState) -> list[str]:
    """The ids of the sources behind this view's values (of both years when it compares)."""
    years = list(view_years(state))
    states = data.model.pillar_states
    rows = states[states["year"].isin(years)]
    pillar = INDICATORS[state.indicator].pillar
    if pillar:
        rows = rows[rows["pillar"] == pillar]
    if state.indicator == "signalen":
        signals = data.model.tables["signals"]
        return [i for ids_ in signals[signals["year"].isin(years)]["source_id"] for i in ids_]
    return [i for ids_ in rows["source_ids"] for i in ids_]


def data_date(data: DashboardData, state: ViewState) -> str | None:
    """The newest publication date among the view's sources: how recent the picture is."""
    dates = [s["date"] for s in data.model.sources_for(view_source_ids(data, state)) if isinstance(s.get("date"), str)]
    return max(dates) if dates else None


def source_line(data: DashboardData, state: ViewState) -> str:
    """'Bron: …' with the publishers of the sources behind this view's values."""
    lang = state.taal
    publishers = list(dict.fromkeys(s["publisher"] for s in data.model.sources_for(view_source_ids(data, state))))
    shown = ", ".join(publishers[:8])
    if len(publishers) > 8:
        shown += " " + t(lang, "and_others", count=len(publishers) - 8)
    return t(lang, "source_line", sources=shown or t(lang, "no_sources_this_year"),
             boundaries="CBS, Kadaster (CBS Gebiedsindelingen 2025 via PDOK)")


def wrap(text: str, width: int) -> str:
    words, lines, line = text.split(" "), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)



def render_export(context, data: DashboardData, request: ExportRequest) -> tuple[bytes, str, bool]:
    """(content, etag, from_cache) for one export request, rendered by the context's renderer; the
    address on it comes from the settings alone (no request can put its host on a shared image)."""
    address = image_address(context)
    key = request.key(data.version, address)

    def build():
        figure = export_figure(data, request.state, request.width, request.height, address)
        return figure, request.fmt, 2 if request.fmt == "png" else 1

    content, hit = context.renderer.render(key, build)
    return content, key, hit


def create_snapshot(context, data: DashboardData, state: ViewState) -> str:
    """Render (or reuse) the PNG and the SVG of this view at the article size and store them with their
    provenance; returns the id. The id derives from view, data version and the printed address (the
    setting), so the same snapshot made twice, through any host or instance, is one."""
    width, height = PRESETS["artikel"]
    request = ExportRequest(state, "png", width, height)
    snapshot_id = request.key(data.version, image_address(context))
    if context.snapshots.exists(snapshot_id):
        return snapshot_id
    content, _, _ = render_export(context, data, request)
    svg, _, _ = render_export(context, data, ExportRequest(state, "svg", width, height))
    meta = {"id": snapshot_id, "query": to_query(state), "data_version": data.version,
            "synthetic": data.synthetic, "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "width": width, "height": height, "lang": state.taal}
    context.snapshots.put(snapshot_id, meta, content, svg=svg)
    return snapshot_id
