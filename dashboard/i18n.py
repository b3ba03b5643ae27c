"""User-facing text in Dutch (default) and English, and Dutch/English number formatting.

Every string a person reads goes through `t(lang, key)`, so a missing
translation fails loudly in tests instead of showing a key on screen.
"""

from __future__ import annotations

import urllib.parse

LANGUAGES = ("nl", "en")

TEXT: dict[str, dict[str, str]] = {
    "title": {"nl": "Dekkingskaart Mensenhandel", "en": "Human Trafficking Coverage Map"},
    "subtitle": {"nl": "Waar het netwerk tegen mensenhandel dekt en waar de witte en grijze vlekken zitten",
                 "en": "Where the anti-trafficking network covers, and where the gaps and blind spots are"},
    "nav_map": {"nl": "Kaart", "en": "Map"},
    "nav_sources": {"nl": "Bronnen en methode", "en": "Sources and method"},
    "other_language": {"nl": "English", "en": "Nederlands"},
    "level": {"nl": "Niveau", "en": "Level"},
    "indicator": {"nl": "Indicator", "en": "Indicator"},
    "year": {"nl": "Jaar", "en": "Year"},
    "province": {"nl": "Provincie", "en": "Province"},
    "care_region": {"nl": "Zorgregio", "en": "Care region"},
    "police_unit": {"nl": "Politie-eenheid", "en": "Police unit"},
    "status": {"nl": "Status", "en": "Status"},
    "all": {"nl": "Alle", "en": "All"},
    "filters": {"nl": "Filters", "en": "Filters"},
    "level_gemeente": {"nl": "Gemeenten (342)", "en": "Municipalities (342)"},
    "level_zorgregio": {"nl": "Zorgregio's (35)", "en": "Care regions (35)"},
    "level_politie": {"nl": "Politie-eenheden (10)", "en": "Police units (10)"},
    "level_provincie": {"nl": "Provincies (12)", "en": "Provinces (12)"},
    "ind_zorgcoordinator": {"nl": "Zorgcoördinator", "en": "Care coordinator"},
    "ind_rtm": {"nl": "Regionaal verband (tafel of ander)", "en": "Regional arrangement (table or other)"},
    "ind_beleid": {"nl": "Beleid", "en": "Policy"},
    "ind_signalen": {"nl": "Signalen", "en": "Signals"},
    "ind_dekking": {"nl": "Dekking (3 pijlers)", "en": "Coverage (3 pillars)"},
    "ind_datakwaliteit": {"nl": "Datakwaliteit", "en": "Data quality"},
    "pillar_coordinator": {"nl": "zorgcoördinator", "en": "care coordinator"},
    "pillar_rtm": {"nl": "regionaal verband", "en": "regional arrangement"},
    "pillar_policy": {"nl": "beleid", "en": "policy"},
    # map classes
    "cls_ja": {"nl": "Ja", "en": "Yes"},
    "cls_ja_eerder": {"nl": "Ja, laatst bekend eerder jaar", "en": "Yes, last known in an earlier year"},
    "cls_ja_eigen": {"nl": "Ja, eigen beleid", "en": "Yes, own policy"},
    "cls_ja_regionaal": {"nl": "Ja, via regionaal beleid", "en": "Yes, through regional policy"},
    "cls_in_ontwikkeling": {"nl": "In ontwikkeling", "en": "In development"},
    "cls_nee": {"nl": "Nee (een bron zegt: afwezig)", "en": "No (a source says: absent)"},
    "cls_nee_eerder": {"nl": "Nee, laatst bekend eerder jaar", "en": "No, last known in an earlier year"},
    "cls_onbekend": {"nl": "Onbekend (geen bron)", "en": "Unknown (no source)"},
    "cls_volledig": {"nl": "Volledig: alle 3 pijlers", "en": "Complete: all 3 pillars"},
    "cls_deels": {"nl": "Deels: pijler in ontwikkeling", "en": "Partial: a pillar in development"},
    "cls_grijze_vlek": {"nl": "Grijze vlek: iets onbekend, geen gat bekend", "en": "Blind spot: something unknown, no known gap"},
    "cls_witte_vlek": {"nl": "Witte vlek: minstens één pijler ontbreekt", "en": "Gap: at least one pillar missing"},
    "cls_agg_alle": {"nl": "Alle gemeenten ja", "en": "All municipalities yes"},
    "cls_agg_deels": {"nl": "Deel van de gemeenten ja", "en": "Some municipalities yes"},
    "cls_agg_nee": {"nl": "Minstens één gemeente nee", "en": "At least one municipality no"},
    "cls_q0": {"nl": "0 van 3 pijlers bekend", "en": "0 of 3 pillars known"},
    "cls_q1": {"nl": "1 van 3 pijlers bekend", "en": "1 of 3 pillars known"},
    "cls_q2": {"nl": "2 van 3 pijlers bekend", "en": "2 of 3 pillars known"},
    "cls_q3": {"nl": "Alle 3 pijlers bekend", "en": "All 3 pillars known"},
    "cls_sig_lt5": {"nl": "<5 (klein aantal)", "en": "<5 (small number)"},
    "cls_sig_1": {"nl": "5–24", "en": "5–24"},
    "cls_sig_2": {"nl": "25–49", "en": "25–49"},
    "cls_sig_3": {"nl": "50–99", "en": "50–99"},
    "cls_sig_4": {"nl": "100 of meer", "en": "100 or more"},
    "filtered_out": {"nl": "buiten het filter (lichter)", "en": "outside the filter (faded)"},
    "not_at_level": {"nl": "Deze indicator bestaat niet op dit niveau.", "en": "This indicator is not defined at this level."},
    "go_to_level": {"nl": "Bekijk op niveau: {level}", "en": "Show at level: {level}"},
    "signals_national_only": {
        "nl": "Signalen zijn alleen landelijk openbaar; per gebied zijn er (nog) geen cijfers. Zie de landelijke reeksen hieronder.",
        "en": "Signals are public only at national level; there are no per-area figures (yet). See the national series below."},
    "legend": {"nl": "Legenda", "en": "Legend"},
    "aanname": {"nl": "aanname", "en": "inferred"},
    "confidence_note": {"nl": "Zekerheid A: gezaghebbende lijst, B: expliciete bron, C: aanname (afgeleid).",
                        "en": "Confidence A: authoritative list, B: explicit source, C: inferred."},
    # KPIs
    "kpi_coordinator": {"nl": "Zorgregio's met zorgcoördinator", "en": "Care regions with a coordinator"},
    "kpi_rtm": {"nl": "Gemeenten in een regionaal verband", "en": "Municipalities in a regional arrangement"},
    "kpi_policy": {"nl": "Gemeenten met beleid", "en": "Municipalities with a policy"},
    "kpi_signals": {"nl": "Signalen (landelijk)", "en": "Signals (national)"},
    "kpi_derived": {"nl": "afgeleid uit de gegevens per gebied", "en": "derived from per-area data"},
    "kpi_unknown": {"nl": "onbekend: {share}", "en": "unknown: {share}"},
    "kpi_national": {"nl": "Landelijke bron: {value} ({year})", "en": "National source: {value} ({year})"},
    "kpi_no_national": {"nl": "Geen landelijk cijfer voor dit jaar", "en": "No national figure for this year"},
    "kpi_gap": {"nl": "verschil met de afgeleide telling: {diff}", "en": "difference with the derived count: {diff}"},
    "kpi_target": {"nl": "Doel: elke gemeente beleid in 2022", "en": "Target: every municipality a policy by 2022"},
    "series_nrm_slachtoffers": {"nl": "Nationaal Rapporteur: slachtoffers gemeld bij CoMensha",
                                "en": "National Rapporteur: victims reported to CoMensha"},
    "series_comensha_aanmeldingen": {"nl": "CoMensha: eigen aanmeldingen", "en": "CoMensha: own registrations"},
    "no_figure": {"nl": "geen cijfer voor dit jaar", "en": "no figure for this year"},
    "source": {"nl": "Bron", "en": "Source"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "derived": {"nl": "afgeleid", "en": "derived"},
    # detail
    "detail_hint": {"nl": "Klik op een gebied op de kaart, of kies het hierboven, voor het verhaal van dat gebied.",
                    "en": "Click an area on the map, or choose it above, to read its story."},
    "centrumgemeente": {"nl": "Centrumgemeente", "en": "Central municipality"},
    "members": {"nl": "Gemeenten", "en": "Municipalities"},
    "history": {"nl": "Verloop per jaar", "en": "History by year"},
    "evidence_undated": {"nl": "Bronnen zonder jaar (tellen niet mee in de kaart)",
                         "en": "Undated evidence (not counted on the map)"},
    "membership_confidence": {"nl": "zekerheid lidmaatschap", "en": "membership confidence"},
    "close": {"nl": "Sluiten", "en": "Close"},
    # gaps table
    "gaps_title": {"nl": "Witte en grijze vlekken in {year}", "en": "Gaps and blind spots in {year}"},
    "gaps_intro": {"nl": "Gebieden waar niet alle drie de pijlers bekend aanwezig zijn, en waarom.",
                   "en": "Areas where not all three pillars are known to be in place, and why."},
    "download_csv": {"nl": "Download CSV", "en": "Download CSV"},
    "download_xlsx": {"nl": "Download Excel", "en": "Download Excel"},
    "search": {"nl": "Zoeken in de tabel…", "en": "Search the table…"},
    "col_name": {"nl": "Naam", "en": "Name"},
    "col_code": {"nl": "Code", "en": "Code"},
    "col_kind": {"nl": "Soort", "en": "Kind"},
    "col_missing": {"nl": "Ontbreekt", "en": "Missing"},
    "col_unknown": {"nl": "Onbekend", "en": "Unknown"},
    "col_why": {"nl": "Waarom", "en": "Why"},
    "col_region": {"nl": "Zorgregio", "en": "Care region"},
    "col_counts": {"nl": "Gemeenten (volledig / witte vlek / grijze vlek)", "en": "Municipalities (complete / gap / blind spot)"},
    # notices
    "notice_invalid": {"nl": "De waarde '{value}' voor '{param}' in de link is ongeldig; de standaardwaarde wordt getoond.",
                       "en": "The value '{value}' for '{param}' in the link is invalid; the default is shown."},
    "demo_mark": {"nl": "VOORBEELDDATA — geen echte gegevens", "en": "VOORBEELDDATA (sample data) — not real figures"},
    "data_version": {"nl": "Gegevensversie {version}", "en": "Data version {version}"},
    "map_alt": {"nl": "Kaart: {indicator}, {year}, niveau {level}. {summary}",
                "en": "Map: {indicator}, {year}, level {level}. {summary}"},
    "map_table": {"nl": "Tabel bij de kaart", "en": "Table of the map"},
    "map_table_intro": {"nl": "Dezelfde waarden als op de kaart, één rij per gebied.",
                        "en": "The same values as on the map, one row per area."},
    "col_area": {"nl": "Gebied", "en": "Area"},
    "col_value": {"nl": "Waarde op de kaart", "en": "Value on the map"},
    "col_detail": {"nl": "Toelichting", "en": "Details"},
    "col_in_filter": {"nl": "Binnen het filter", "en": "Inside the filter"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "map_label": {"nl": "Kaart", "en": "Map"},
    "nav_label": {"nl": "Navigatie", "en": "Navigation"},
    "area_picker": {"nl": "Gebied kiezen", "en": "Choose an area"},
    "area_picker_placeholder": {"nl": "Typ of kies een naam", "en": "Type or choose a name"},
    # texts inside Dash dropdowns (dcc.Dropdown labels)
    "dd_select_all": {"nl": "Alles kiezen", "en": "Select all"},
    "dd_deselect_all": {"nl": "Niets kiezen", "en": "Deselect all"},
    "dd_selected_count": {"nl": "{num_selected} gekozen", "en": "{num_selected} selected"},
    "dd_search": {"nl": "Zoeken", "en": "Search"},
    "dd_clear_search": {"nl": "Zoekterm wissen", "en": "Clear search"},
    "dd_clear_selection": {"nl": "Keuze wissen", "en": "Clear selection"},
    "dd_no_options_found": {"nl": "Niets gevonden", "en": "No options found"},
    "error_short": {"nl": "Er ging iets mis bij het bijwerken. Probeer het opnieuw.",
                    "en": "Something went wrong while updating. Please try again."},
    # share, export, embed
    "share_title": {"nl": "Delen en downloaden", "en": "Share and download"},
    "export_image": {"nl": "Kaart als afbeelding", "en": "Map as image"},
    "exports_unavailable": {"nl": "Afbeeldingen exporteren is op deze server nu niet beschikbaar.",
                            "en": "Image export is not available on this server right now."},
    "embed": {"nl": "Insluiten", "en": "Embed"},
    "embed_current": {"nl": "Actueel (volgt de gegevens)", "en": "Current (follows the data)"},
    "embed_frozen": {"nl": "Bevroren (blijft zoals nu)", "en": "Frozen (stays as it is now)"},
    "embed_code": {"nl": "Code voor een iframe", "en": "Code for an iframe"},
    "share_link": {"nl": "Link naar deze weergave", "en": "Link to this view"},
    # sources page
    "method_title": {"nl": "Methode", "en": "Method"},
    "sources_title": {"nl": "Alle bronnen", "en": "All sources"},
    "col_title": {"nl": "Titel", "en": "Title"},
    "col_publisher": {"nl": "Uitgever", "en": "Publisher"},
    "col_date": {"nl": "Datum", "en": "Date"},
    "col_url": {"nl": "Adres", "en": "Address"},
    "undated": {"nl": "z.d.", "en": "n.d."},
    "footer": {"nl": "Gegevens: zie Bronnen en methode. Grenzen: CBS, Kadaster (CBS Gebiedsindelingen 2025 via PDOK); vereenvoudigd door cartomap/nl.",
               "en": "Data: see Sources and method. Boundaries: CBS, Kadaster (CBS Gebiedsindelingen 2025 via PDOK); simplified by cartomap/nl."},
    # area levels, one area (filters, detail)
    "area_gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "area_zorgregio": {"nl": "Zorgregio", "en": "Care region"},
    "area_politie": {"nl": "Politie-eenheid", "en": "Police unit"},
    "area_provincie": {"nl": "Provincie", "en": "Province"},
    # hover lines on the map
    "hover_region_coverage": {"nl": "{complete} van {total} gemeenten volledig, {gaps} witte vlek, {blind} grijze vlek",
                              "en": "{complete} of {total} municipalities complete, {gaps} gap, {blind} blind spot"},
    "hover_pillars_known": {"nl": "{known}/3 pijlers bekend; zekerheid lidmaatschap: {confidence}",
                            "en": "{known}/3 pillars known; membership confidence: {confidence}"},
    "hover_share_known": {"nl": "{share} van de waarden bekend", "en": "{share} of values known"},
    "hover_region_pillar": {"nl": "{yes} van {total} gemeenten ja, {no} nee, {unknown} onbekend",
                            "en": "{yes} of {total} municipalities yes, {no} no, {unknown} unknown"},
    "hover_pillars_yes": {"nl": "{yes}/3 pijlers", "en": "{yes}/3 pillars"},
    "last_known": {"nl": "laatst bekend {year}", "en": "last known {year}"},
    "since": {"nl": "sinds {year}", "en": "since {year}"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    # detail panel
    "organisation": {"nl": "Organisatie", "en": "Organisation"},
    "history_yes_unknown": {"nl": "Verloop per jaar (ja / onbekend)", "en": "History by year (yes / unknown)"},
    # gap table reasons and downloads
    "why_members_no": {"nl": "{pillar}: {count} gemeenten nee", "en": "{pillar}: {count} municipalities no"},
    "why_members_unknown": {"nl": "{pillar}: {count} gemeenten onbekend", "en": "{pillar}: {count} municipalities unknown"},
    "why_absent": {"nl": "{pillar}: een bron zegt: afwezig", "en": "{pillar}: a source says: absent"},
    "why_no_source": {"nl": "{pillar}: geen (recente) bron", "en": "{pillar}: no (recent) source"},
    "sheet_gaps": {"nl": "vlekken", "en": "gaps"},
    "sheet_source": {"nl": "bron", "en": "source"},
    "sheet_notes_column": {"nl": "toelichting", "en": "notes"},
    "downloaded": {"nl": "gedownload {date}", "en": "downloaded {date}"},
    "view_query": {"nl": "Weergave: {query}", "en": "View: {query}"},
    # growth chart
    "growth_national_coordinator": {"nl": "Landelijke bron: zorgregio's met zorgcoördinator",
                                    "en": "National source: care regions with a coordinator"},
    #: plotly's decimal and thousands separators for the page's language
    "plotly_separators": {"nl": ",.", "en": ".,"},
    # images and snapshots
    "export_unknown_format": {"nl": "Onbekend formaat '{fmt}'; kies png, svg of pdf.",
                              "en": "Unknown format '{fmt}'; choose png, svg or pdf."},
    "export_unknown_preset": {"nl": "onbekend formaat '{preset}': {presets}", "en": "unknown preset '{preset}': {presets}"},
    "export_bad_size": {"nl": "{name} moet een geheel getal zijn van {low} tot en met {high}",
                        "en": "{name} must be a whole number from {low} to {high}"},
    "export_busy": {"nl": "Er worden nu veel nieuwe afbeeldingen gemaakt; probeer het over een paar seconden opnieuw.",
                    "en": "Many new images are being made right now; please try again in a few seconds."},
    "export_unavailable": {
        "nl": "Afbeeldingen exporteren kan nu niet ({reason}). De interactieve kaart en de downloads van de gegevens werken wel.",
        "en": "Image export is unavailable right now ({reason}). The interactive map and the data downloads still work."},
    "data_as_of": {"nl": "Stand van de gegevens: {date}", "en": "Data as of: {date}"},
    "made_on": {"nl": "gemaakt {date}", "en": "made {date}"},
    "and_others": {"nl": "en {count} andere", "en": "and {count} others"},
    "source_line": {"nl": "Bron: {sources}; grenzen: {boundaries}", "en": "Source: {sources}; boundaries: {boundaries}"},
    "no_sources_this_year": {"nl": "geen bronnen voor dit jaar", "en": "no sources for this year"},
    "snapshot_of": {"nl": "Momentopname van {date}", "en": "Snapshot of {date}"},
    "see_current_map": {"nl": "Bekijk de actuele kaart", "en": "See the current map"},
    "snapshot_missing": {"nl": "Deze momentopname bestaat niet.", "en": "This snapshot does not exist."},
    # unknown addresses
    "not_found_title": {"nl": "Pagina niet gevonden", "en": "Page not found"},
    "not_found_text": {"nl": "Op dit adres staat niets. Misschien is de link verouderd of verkeerd overgenomen.",
                       "en": "There is nothing at this address. The link may be outdated or mistyped."},
    "not_found_link": {"nl": "Naar de kaart", "en": "Go to the map"},
    # changes between data versions (workspace preview, public changelog) and the static SVG map
    "change_line": {"nl": "{area} {when} {what}: {before} → {after}", "en": "{area} {when} {what}: {before} → {after}"},
    "change_from_year": {"nl": "vanaf {year}", "en": "from {year}"},
    "change_year_range": {"nl": "{first}–{last}", "en": "{first}–{last}"},
    "change_new": {"nl": "nieuw", "en": "new"},
    "change_removed": {"nl": "vervallen", "en": "removed"},
    "change_no_count": {"nl": "geen cijfer", "en": "no figure"},
    "change_signals": {"nl": "signalen ({series})", "en": "signals ({series})"},
    "change_national": {"nl": "Nederland", "en": "The Netherlands"},
    "change_source": {"nl": "bron {title} ({publisher}, {date})", "en": "source {title} ({publisher}, {date})"},
    "change_confidence": {"nl": "zekerheid {confidence}", "en": "confidence {confidence}"},
    "svg_title": {"nl": "{indicator}, {year}, {level}", "en": "{indicator}, {year}, {level}"},
}

METHOD_NOTES = {
    "nl": [
        ("Wat 'onbekend' betekent",
         "Onbekend betekent: geen enkele bron zegt iets over dit gebied in dit jaar (of de laatste bron is meer dan drie jaar oud). "
         "Onbekend is iets anders dan 'nee': 'nee' toont de kaart alleen als een bron zegt dat iets ontbreekt. Niet gevonden is niet afwezig."),
        ("Eerder jaar doorgetrokken",
         "Zegt een bron iets voor een eerder jaar en spreekt niets later het tegen, dan tonen we die stand hooguit drie jaar lang, lichter gekleurd en met het jaar erbij. "
         "Vastgesteld beleid blijft gelden tot een bron iets anders zegt."),
        ("Zekerheid van het lidmaatschap (A/B/C)",
         "A: het gebied staat in een gezaghebbende lijst (bijvoorbeeld de wettelijke lijst van 35 centrumgemeenten). B: een andere expliciete bron noemt de gemeente. "
         "C: afgeleid uit de regionale structuur; we tonen dit als 'aanname'."),
        ("Dekking, witte en grijze vlekken",
         "Per gemeente en jaar tellen we hoeveel van de drie pijlers (zorgcoördinator in de zorgregio, regionaal verband, beleid) 'ja' zijn. "
         "Een witte vlek heeft minstens één pijler 'nee'. Een grijze vlek heeft geen 'nee' maar wel iets onbekends; die kleuren we nooit als gat."),
        ("Twee reeksen signalen",
         "CoMensha telt eigen aanmeldingen; de Nationaal Rapporteur publiceert opgeschoonde aantallen slachtoffers die bij CoMensha zijn gemeld. "
         "De reeksen verschillen en worden nooit opgeteld of gemengd. Aantallen per gebied onder de 5 tonen we als '<5'."),
        ("Landelijke cijfers naast eigen telling",
         "Landelijke uitspraken (zoals '19 van de 35 regio's in 2017') tonen we zoals gepubliceerd, naast de telling die uit de gegevens per gebied volgt. "
         "Het verschil laat zien hoeveel er per gebied nog onbekend is."),
        ("Uitzonderingen binnen een regio",
         "Een bron over een zorgregio kan gemeenten noemen die zij niet (of juist wel) dekt, zoals 'het enige district waar deze coördinatietaak nog niet is gerealiseerd'. "
         "Zo'n gemeente krijgt dan haar eigen stand uit die uitzondering, niet die van de regio; het detailpaneel noemt haar met de bron ('behalve: …')."),
        ("Soorten regionaal verband",
         "Niet elk regionaal verband tegen mensenhandel heet een Regionale Tafel. We tonen de soort zoals de bron hem noemt: een Regionale Tafel, "
         "of een ander regionaal verband (voor een hele politie-eenheid onder een andere naam, of voor een deel ervan), steeds met de zekerheid (A/B/C)."),
        ("Perioden zoals gepubliceerd",
         "Noemt een bron een periode ('2021–2022', 'uiterlijk 2019') in plaats van één jaar, dan rekenen we vanaf het eerste jaar dat zeker is en tonen we de periode zoals gepubliceerd naast het jaar. "
         "De stand vóór het eerste zekere jaar blijft onbekend; we maken een bereik nooit preciezer dan de bron."),
        ("Verouderd bewijs is geen achteruitgang",
         "Bewijs dat ouder is dan drie jaar telt niet meer: de stand wordt dan onbekend. Een lijn die daalt omdat bronnen verouderen, betekent dus niet dat er iets is verdwenen; "
         "alleen een bron die zegt dat iets ontbreekt of gestopt is, maakt een stand 'nee'."),
        ("Twee jaren vergelijken",
         "Met 'Vergelijk met een ander jaar' (of ?vergelijk= in het adres) toont de kaart per gebied: beter, gelijk, slechter, nieuw bekend of niet meer bekend. "
         "Beter of slechter alleen als beide jaren bekend zijn; wat in één van de twee jaren onbekend is, heet nieuw bekend of niet meer bekend, nooit winst of verlies. "
         "Een grijze vlek en 'geen bekend' regionaal verband tellen als onbekend; een doorgetrokken stand telt als die stand; eigen en regionaal beleid, "
         "en een Regionale Tafel en een ander regionaal verband, staan gelijk. Signalen worden meer of minder per klasse (onder 5 is één klasse, dus een verschil "
         "verraadt geen klein aantal) en twee verschillende reeksen worden niet vergeleken. Een verschil met 'onbekend' wordt nooit uitgerekend."),
    ],
    "en": [
        ("What 'unknown' means",
         "Unknown means: no source says anything about this area in this year (or the last source is more than three years old). "
         "Unknown differs from 'no': the map shows 'no' only when a source says something is absent. Not found is not absent."),
        ("Earlier year carried forward",
         "When a source speaks of an earlier year and nothing later contradicts it, we show that state for at most three years, lighter and labelled with the year. "
         "An adopted policy stays in force until a source says otherwise."),
        ("Membership confidence (A/B/C)",
         "A: the area is in an authoritative list (such as the legal list of 35 central municipalities). B: another explicit source names the municipality. "
         "C: inferred from the regional structure; shown as 'inferred'."),
        ("Coverage, gaps and blind spots",
         "For each municipality and year we count how many of the three pillars (coordinator in the care region, regional arrangement, policy) are 'yes'. "
         "A gap has at least one pillar 'no'. A blind spot has no 'no' but something unknown; it is never coloured as a gap."),
        ("Two series of signals",
         "CoMensha counts its own registrations; the National Rapporteur publishes cleaned counts of victims reported to CoMensha. "
         "They differ and are never summed or mixed. Per-area counts below 5 are shown as '<5'."),
        ("National figures beside our own count",
         "National statements (such as '19 of 35 regions in 2017') are shown as published, beside the count derived from per-area data. "
         "The difference shows how much is still unknown per area."),
        ("Exceptions inside a region",
         "A source about a care region can name municipalities it does not (or only) cover, such as 'the only district where this coordination task has not yet been realised'. "
         "Such a municipality then takes its own state from that exception, not the region's; the detail panel names it with the source ('except: …')."),
        ("Kinds of regional arrangement",
         "Not every regional arrangement against trafficking is called a Regional Table. We show the kind the source gives: a Regional Table, "
         "or another regional arrangement (for a whole police unit under another name, or for part of one), always with its confidence (A/B/C)."),
        ("Periods as published",
         "When a source gives a period ('2021–2022', 'no later than 2019') rather than one year, we count from the first year that is certain and show the period as published beside the year. "
         "The state before the first certain year stays unknown; a range is never made more precise than its source."),
        ("Ageing evidence is not a decline",
         "Evidence older than three years no longer counts: the state becomes unknown. A line that falls because sources age does not mean that anything has gone; "
         "only a source saying something is absent or has stopped makes a state 'no'."),
        ("Comparing two years",
         "With 'Compare with another year' (or ?vergelijk= in the address) the map shows per area: better, unchanged, worse, newly known or no longer known. "
         "Better or worse only when both years are known; what is unknown in one of the two years is newly known or no longer known, never a gain or a loss. "
         "A blind spot and a 'none known' regional arrangement count as unknown; a carried-forward state counts as that state; own and regional policy, "
         "and a Regional Table and another regional arrangement, rank the same. Signals become more or fewer by class (below 5 is one class, so a difference "
         "never reveals a small count) and two different series are not compared. A difference with 'unknown' is never computed."),
    ],
}


def t(lang: str, key: str, **values) -> str:
    text = TEXT[key][lang if lang in LANGUAGES else "nl"]
    return text.format(**values) if values else text


def number(value: float | int | None, lang: str = "nl", decimals: int = 0) -> str:
    """1.234,5 in Dutch, 1,234.5 in English."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(share: float | None, lang: str = "nl") -> str:
    if share is None:
        return "–"
    return number(100 * share, lang, 0) + ("%" if lang == "en" else "%")


def language_of(query: str | None) -> str:
    """The language a query string asks for ('taal=en' -> 'en'); Dutch otherwise."""
    values = urllib.parse.parse_qs((query or "").lstrip("?")).get("taal", [])
    return "en" if values[:1] == ["en"] else "nl"
from .accounts.texts import TEXT as _ACCOUNT_TEXT; TEXT.update(_ACCOUNT_TEXT)  # noqa: E402
from .features.beheer.texts import TEXT as _WORKSPACE_TEXT; TEXT.update(_WORKSPACE_TEXT)  # noqa: E402
from .features.overview.texts import TEXT as _OVERVIEW_TEXT; TEXT.update(_OVERVIEW_TEXT)  # noqa: E402
from .features.download.texts import TEXT as _DOWNLOAD_TEXT; TEXT.update(_DOWNLOAD_TEXT)  # noqa: E402
from .features.detail.texts import TEXT as _DETAIL_TEXT; TEXT.update(_DETAIL_TEXT)  # noqa: E402
from .texts_truth import TEXT as _TRUTH_TEXT; TEXT.update(_TRUTH_TEXT)  # noqa: E402
from .features.gaps.texts import TEXT as _GAPS_TEXT; TEXT.update(_GAPS_TEXT)  # noqa: E402
from .features.share.texts import TEXT as _SHARE_TEXT; TEXT.update(_SHARE_TEXT)  # noqa: E402
from .features.embed.texts import TEXT as _EMBED_TEXT; TEXT.update(_EMBED_TEXT)  # noqa: E402
from .features.map.texts import TEXT as _MAP_TEXT; TEXT.update(_MAP_TEXT)  # noqa: E402
from .features.about.texts import TEXT as _ABOUT_TEXT; TEXT.update(_ABOUT_TEXT)  # noqa: E402
from .features.corrections.texts import TEXT as _CORRECTIONS_TEXT; TEXT.update(_CORRECTIONS_TEXT)  # noqa: E402
from .features.region.texts import TEXT as _REGION_TEXT; TEXT.update(_REGION_TEXT)  # noqa: E402
