"""Small building blocks every feature's layout uses: labels, dropdown texts, options, the demo mark, source links."""

from __future__ import annotations

from dash import html

from .i18n import t


def demo_banner(data, lang: str):
    if not data.synthetic:
        return None
    return html.Div(t(lang, "demo_mark"), className="demo-banner", role="status")


def label_for(component_id: str, text: str, className: str = "control-label") -> html.Label:
    """A visible label with an id, so widgets that are not native form fields (Dash's radio group,
    dropdown button, slider thumb) can be named by it (aria-labelledby, see assets/dekkingskaart.js)."""
    return html.Label(text, htmlFor=component_id, id=f"{component_id}-label", className=className)


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts Dash's dropdown shows itself (search box, clear button), in the page's language."""
    return {key: t(lang, f"dd_{key}") for key in ("select_all", "deselect_all", "selected_count", "search",
                                                  "clear_search", "clear_selection", "no_options_found")}


def options(names: dict[str, str]) -> list[dict]:
    return [{"label": name, "value": code} for code, name in sorted(names.items(), key=lambda kv: kv[1])]



def source_links(model, source_ids, lang: str) -> list:
    """Each source as a link with title, publisher and date."""
    items = []
    for source in model.sources_for(source_ids):
        date = source.get("date")
        date = date if isinstance(date, str) and date else t(lang, "undated")  # a missing date is NaN, not ''
        items.append(html.Li([html.A(source["title"], href=source["url"], target="_blank", rel="noopener noreferrer"),
                              f" — {source['publisher']}, {date}"]))
    return items

