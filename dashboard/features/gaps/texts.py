"""Dutch and English texts of the gaps feature, merged into dashboard.i18n.TEXT."""

TEXT: dict[str, dict[str, str]] = {
    "gaps_status": {"nl": "Rij {first}–{last} van {total}", "en": "Rows {first}–{last} of {total}"},
    "gaps_status_none": {"nl": "Geen gebieden gevonden", "en": "No areas found"},
    "gaps_previous": {"nl": "Vorige", "en": "Previous"},
    "gaps_next": {"nl": "Volgende", "en": "Next"},
    "gaps_pager": {"nl": "Pagina's van de tabel", "en": "Pages of the table"},
    "gaps_sort_hint": {"nl": "Kies een kolomkop om op die kolom te sorteren; nog eens kiezen keert de volgorde om.",
                       "en": "Choose a column header to sort by that column; choose it again to reverse the order."},
    # comparing two years (ViewState.vergelijk): the title and the comparison's columns
    "gaps_title_compare": {"nl": "Witte en grijze vlekken in {year}, vergeleken met {before}",
                           "en": "Gaps and blind spots in {year}, compared with {before}"},
    "col_kind_in": {"nl": "Soort in {year}", "en": "Kind in {year}"},
    "col_kind_compared": {"nl": "Soort in het vergelijkingsjaar", "en": "Kind in the comparison year"},
    "col_change": {"nl": "Verandering", "en": "Change"},
}
