"""Texts of the data-truth work (issue 10): exceptions inside a care region, arrangements by kind, capacity.

Merged into `dashboard.i18n.TEXT` at the end of that module; read them through `t(lang, key)`.
"""

TEXT: dict[str, dict[str, str]] = {
    # the regional arrangement against trafficking, by kind (the URL value stays `indicator=rtm`;
    # its label `ind_rtm` lives in dashboard/i18n.py)
    "cls_rtm_tafel": {"nl": "Regionale Tafel", "en": "Regional Table (Regionale Tafel)"},
    "cls_rtm_tafel_eerder": {"nl": "Regionale Tafel, laatst bekend eerder jaar",
                             "en": "Regional Table, last known in an earlier year"},
    "cls_rtm_ander": {"nl": "Ander regionaal verband", "en": "Other regional arrangement"},
    "cls_rtm_ander_eerder": {"nl": "Ander regionaal verband, laatst bekend eerder jaar",
                             "en": "Other regional arrangement, last known in an earlier year"},
    "cls_rtm_geen_bekend": {"nl": "Geen bekend (geen bron noemt een verband)",
                            "en": "None known (no source names an arrangement)"},
    "kind_tafel": {"nl": "Regionale Tafel", "en": "Regional Table"},
    "kind_ander": {"nl": "Ander regionaal verband", "en": "Other regional arrangement"},
    "kind_geen_bekend": {"nl": "Geen bekend", "en": "None known"},
    "kind_onbekend": {"nl": "Onbekend", "en": "Unknown"},
    # legend note above gemeente level: the kinds over every gemeente of the map
    "legend_kinds": {"nl": "Gemeenten: {kinds}", "en": "Municipalities: {kinds}"},
    "hover_region_kinds": {"nl": "{total} gemeenten: {kinds}", "en": "{total} municipalities: {kinds}"},
    "col_arrangement": {"nl": "Regionaal verband", "en": "Regional arrangement"},
    # exceptions inside a care region
    "exception_in_region": {"nl": "uitzondering binnen de zorgregio", "en": "exception within the care region"},
    "hover_exceptions": {"nl": "uitzonderingen: {gemeenten}", "en": "exceptions: {gemeenten}"},
    "legend_exceptions": {
        "nl": "Zorgregio's met uitzonderingen voor enkele gemeenten: {count} (zie de kaart per gemeente).",
        "en": "Care regions with exceptions for some municipalities: {count} (see the map by municipality)."},
    # the legend counts how many areas of a class rest on an inference
    "legend_assumed": {"nl": "waarvan {count} aanname", "en": "{count} inferred"},
    # coordinator capacity
    "ind_capaciteit": {"nl": "Capaciteit zorgcoördinator (fte)", "en": "Care coordinator capacity (FTE)"},
    "cls_cap_lt05": {"nl": "< 0,5 fte", "en": "< 0.5 FTE"},
    "cls_cap_05_1": {"nl": "0,5–1 fte", "en": "0.5–1 FTE"},
    "cls_cap_ge1": {"nl": "≥ 1 fte", "en": "≥ 1 FTE"},
    "capacity_unknown": {"nl": "Capaciteit niet gepubliceerd; zorgcoördinator: {state}",
                         "en": "Capacity not published; care coordinator: {state}"},
    "capacity_exception": {"nl": "Uitzondering binnen de zorgregio: de capaciteit van de regio geldt hier niet",
                           "en": "Exception within the care region: the region's capacity does not apply here"},
}
