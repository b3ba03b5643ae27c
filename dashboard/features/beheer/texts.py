"""The texts of the workspace pages (/beheer, except login and password) and of the public changelog
(/wijzigingen). Merged into `dashboard.i18n.TEXT` by the last line of dashboard/i18n.py; same shape:
key -> {nl, en}. Workspace keys start with `wk_`, changelog keys with `cl_`.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # home
    "wk_home_title": {"nl": "Gegevens bijhouden", "en": "Keep the data current"},
    "wk_head_title": {"nl": "Gepubliceerde versie", "en": "Published version"},
    "wk_no_head": {"nl": "Er is nog geen versie gepubliceerd.", "en": "No version has been published yet."},
    "wk_version": {"nl": "Versie", "en": "Version"},
    "wk_published_at": {"nl": "Gepubliceerd", "en": "Published"},
    "wk_published_by": {"nl": "Door", "en": "By"},
    "wk_created_at": {"nl": "Gemaakt", "en": "Created"},
    "wk_author": {"nl": "Door", "en": "By"},
    "wk_note": {"nl": "Toelichting", "en": "Note"},
    "wk_download": {"nl": "Download de huidige gegevens (Excel)", "en": "Download the current data (Excel)"},
    "wk_download_help": {
        "nl": "Pas het werkboek aan (elk tabblad is een tabel; het tabblad 'Lees mij' legt de kolommen uit) "
              "en upload het hieronder.",
        "en": "Edit the workbook (each sheet is a table; the 'Lees mij' sheet explains the columns) and "
              "upload it below."},
    "wk_upload_title": {"nl": "Nieuwe gegevens uploaden", "en": "Upload new data"},
    "wk_upload_help": {
        "nl": "Een Excel-werkboek (.xlsx) of een .zip met CSV-bestanden, hoogstens {mb} MB. Tabellen die u "
              "niet meestuurt blijven zoals ze zijn. Er wordt niets gepubliceerd: u ziet eerst wat er verandert.",
        "en": "An Excel workbook (.xlsx) or a .zip of CSV files, at most {mb} MB. Tables you leave out stay as "
              "they are. Nothing is published: you first see what changes."},
    "wk_upload_file": {"nl": "Bestand", "en": "File"},
    "wk_upload_note": {"nl": "Toelichting (optioneel)", "en": "Note (optional)"},
    "wk_upload_submit": {"nl": "Controleren en voorbeeld tonen", "en": "Check and preview"},
    "wk_upload_no_file": {"nl": "Kies een bestand om te uploaden.", "en": "Choose a file to upload."},
    "wk_upload_wrong_kind": {"nl": "Upload een Excel-werkboek (.xlsx), een .zip met CSV-bestanden of één CSV-bestand.",
                             "en": "Upload an Excel workbook (.xlsx), a .zip of CSV files or one CSV file."},
    "wk_upload_too_large": {"nl": "Het bestand is groter dan {mb} MB.", "en": "The file is larger than {mb} MB."},
    "wk_quick_link": {"nl": "Of werk één gegeven bij met het korte formulier (zorgcoördinator of beleid)",
                      "en": "Or update one fact with the short form (care coordinator or policy)"},
    "wk_drafts_title": {"nl": "Open concepten", "en": "Open drafts"},
    "wk_no_drafts": {"nl": "Geen open concepten.", "en": "No open drafts."},
    "wk_stale": {"nl": "gemaakt op een oudere versie", "en": "made on an older version"},
    "wk_review": {"nl": "Bekijken", "en": "Review"},
    "wk_history_title": {"nl": "Geschiedenis", "en": "History"},
    "wk_restored_from": {"nl": "Teruggezet van", "en": "Restored from"},
    "wk_live": {"nl": "op de site", "en": "live"},
    "wk_restore": {"nl": "Terugzetten", "en": "Restore"},
    "wk_restore_note": {"nl": "waarom terugzetten?", "en": "why restore?"},
    "wk_restore_submit": {"nl": "Deze versie terugzetten", "en": "Restore this version"},
    "wk_restored": {"nl": "Versie {old} is teruggezet als nieuwe versie {version}; de site toont hem binnen enkele seconden.",
                    "en": "Version {old} is restored as new version {version}; the site shows it within seconds."},
    "wk_restore_conflict": {
        "nl": "Versie {old} is niet teruggezet: iemand anders heeft in de tussentijd een versie gepubliceerd. "
              "Bekijk de geschiedenis en probeer het zo nodig opnieuw.",
        "en": "Version {old} was not restored: someone else published a version in the meantime. Look at the "
              "history and try again if needed."},
    "wk_restore_refused": {"nl": "Terugzetten is geweigerd: {reason}", "en": "Restore refused: {reason}"},
    "wk_audit_title": {"nl": "Logboek", "en": "Audit log"},
    "wk_audit_none": {"nl": "Nog geen gebeurtenissen.", "en": "No events yet."},
    "wk_audit_at": {"nl": "Tijd", "en": "Time"},
    "wk_audit_actor": {"nl": "Wie", "en": "Who"},
    "wk_audit_action": {"nl": "Wat", "en": "What"},
    "wk_audit_target": {"nl": "Waarop", "en": "On"},
    "wk_audit_address": {"nl": "Adres", "en": "Address"},
    "wk_audit_detail": {"nl": "Details", "en": "Details"},
    # the validation report
    "wk_report_title": {"nl": "Het bestand is niet opgeslagen", "en": "The file was not stored"},
    "wk_report_intro": {"nl": "{count} probleem/problemen gevonden. Verbeter ze en upload opnieuw; er is niets veranderd.",
                        "en": "{count} problem(s) found. Fix them and upload again; nothing has changed."},
    "wk_report_file": {"nl": "Bestand of tabblad", "en": "File or sheet"},
    "wk_report_row": {"nl": "Rij", "en": "Row"},
    "wk_report_column": {"nl": "Kolom", "en": "Column"},
    "wk_report_value": {"nl": "Waarde", "en": "Value"},
    "wk_report_problem": {"nl": "Probleem", "en": "Problem"},
    # the preview of a draft
    "wk_draft_title": {"nl": "Concept {version}", "en": "Draft {version}"},
    "wk_back_home": {"nl": "← Terug naar beheer", "en": "← Back to the workspace"},
    "wk_compared_with": {"nl": "Vergeleken met de gepubliceerde versie", "en": "Compared with the published version"},
    "wk_already_published": {"nl": "Deze versie is al gepubliceerd.", "en": "This version is already published."},
    "wk_stale_help": {"nl": "Dit concept is gemaakt op een oudere versie dan die nu gepubliceerd is. Publiceren wordt "
                            "geweigerd: upload de gegevens opnieuw.",
                      "en": "This draft was made on an older version than the one published now. Publishing will be "
                            "refused: upload the data again."},
    "wk_changes_title": {"nl": "Wat verandert", "en": "What changes"},
    "wk_no_changes": {"nl": "Geen veranderingen ten opzichte van de gepubliceerde versie.",
                      "en": "No changes against the published version."},
    "wk_no_state_changes": {"nl": "Geen enkele status op de kaart verandert.", "en": "No state on the map changes."},
    "wk_table": {"nl": "Tabel", "en": "Table"},
    "wk_rows_added": {"nl": "Rijen toegevoegd", "en": "Rows added"},
    "wk_rows_removed": {"nl": "Rijen verwijderd", "en": "Rows removed"},
    "wk_rows_changed": {"nl": "Rijen gewijzigd", "en": "Rows changed"},
    "wk_changed_states": {"nl": "Gewijzigde statussen ({count})", "en": "Changed states ({count})"},
    "wk_and_more": {"nl": "… en nog {count}", "en": "… and {count} more"},
    "wk_maps_title": {"nl": "Kaart: concept naast de site", "en": "Map: draft beside the site"},
    "wk_map_show": {"nl": "Toon", "en": "Show"},
    "wk_map_draft": {"nl": "Concept", "en": "Draft"},
    "wk_map_live": {"nl": "Nu op de site", "en": "On the site now"},
    "wk_map_unavailable": {"nl": "De kaart kan hier niet getekend worden.", "en": "The map cannot be drawn here."},
    "wk_publish_title": {"nl": "Publiceren", "en": "Publish"},
    "wk_publish_note": {"nl": "Toelichting bij de publicatie (openbaar in de wijzigingen)",
                        "en": "Note with the publication (public in the changelog)"},
    "wk_publish_submit": {"nl": "Publiceren", "en": "Publish"},
    "wk_publisher_publishes": {"nl": "Een publiceerder bekijkt dit concept en publiceert het.",
                               "en": "A publisher reviews this draft and publishes it."},
    "wk_four_eyes": {"nl": "Vier ogen: een andere publiceerder dan de maker van dit concept publiceert het.",
                     "en": "Four eyes: a publisher other than the author of this draft publishes it."},
    "wk_published": {"nl": "Versie {version} is gepubliceerd; de site toont hem binnen enkele seconden.",
                     "en": "Version {version} is published; the site shows it within seconds."},
    "wk_publish_conflict": {
        "nl": "Iemand anders heeft in de tussentijd een versie gepubliceerd. Hieronder staat wat dit concept nu "
              "verandert ten opzichte van die versie; upload de gegevens opnieuw om ze te publiceren.",
        "en": "Someone else published a version in the meantime. Below is what this draft changes against that "
              "version now; upload the data again to publish them."},
    "wk_publish_refused": {"nl": "Publiceren is geweigerd: {reason}", "en": "Publishing refused: {reason}"},
    # the short form
    "wk_quick_title": {"nl": "Kort formulier: één gegeven bijwerken", "en": "Short form: update one fact"},
    "wk_quick_intro": {
        "nl": "Voor de meest voorkomende update: de status van één pijler voor één gebied en jaar, met de bron. "
              "U ziet eerst een voorbeeld; er wordt niets gepubliceerd.",
        "en": "For the commonest update: one pillar's status for one area and year, with its source. You first "
              "see a preview; nothing is published."},
    "wk_quick_no_rtm": {
        "nl": "Het regionaal verband (RTM) staat niet in dit formulier: een verband met zijn gemeenten en jaren is te "
              "complex. Werk die bij in het Excel-werkboek.",
        "en": "The regional arrangement (RTM) is not in this form: an arrangement with its municipalities and years is too "
              "complex. Update it in the Excel workbook."},
    "wk_quick_pillar": {"nl": "Pijler", "en": "Pillar"},
    "wk_quick_choose": {"nl": "Kies", "en": "Choose"},
    "wk_quick_pillar_zorgcoordinator": {"nl": "Zorgcoördinator (per zorgregio)", "en": "Care coordinator (per care region)"},
    "wk_quick_pillar_beleid": {"nl": "Beleid (per gemeente)", "en": "Policy (per municipality)"},
    "wk_quick_area_zorgcoordinator": {"nl": "Zorgregio", "en": "Care region"},
    "wk_quick_area_beleid": {"nl": "Gemeente", "en": "Municipality"},
    "wk_quick_detail_zorgcoordinator": {"nl": "Aanbieder (optioneel)", "en": "Provider (optional)"},
    "wk_quick_detail_beleid": {"nl": "Titel van het beleid (optioneel)", "en": "Title of the policy (optional)"},
    "wk_quick_confidence": {"nl": "Zekerheid", "en": "Confidence"},
    "wk_confidence_A": {"nl": "A: gezaghebbende lijst of expliciet", "en": "A: authoritative list or explicit"},
    "wk_confidence_B": {"nl": "B: andere expliciete bron", "en": "B: other explicit source"},
    "wk_confidence_C": {"nl": "C: afgeleid", "en": "C: inferred"},
    "wk_quick_source": {"nl": "Bron", "en": "Source"},
    "wk_quick_source_help": {
        "nl": "Staat het adres al bij de bronnen, dan wordt die bron gebruikt; anders wordt een nieuwe bron "
              "toegevoegd (titel en uitgever zijn dan nodig).",
        "en": "When the address is already a source, that source is used; otherwise a new source is added "
              "(then title and publisher are needed)."},
    "wk_quick_url": {"nl": "Webadres", "en": "Web address"},
    "wk_quick_source_title": {"nl": "Titel", "en": "Title"},
    "wk_quick_publisher": {"nl": "Uitgever", "en": "Publisher"},
    "wk_quick_date": {"nl": "Datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)", "en": "Date (YYYY, YYYY-MM or YYYY-MM-DD)"},
    "wk_quick_quote": {"nl": "Citaat of toelichting", "en": "Quote or note"},
    "wk_quick_submit": {"nl": "Controleren en voorbeeld tonen", "en": "Check and preview"},
    "wk_quick_errors": {"nl": "Het formulier is nog niet goed:", "en": "The form is not right yet:"},
    "wk_quick_err_pillar": {"nl": "Kies een pijler.", "en": "Choose a pillar."},
    "wk_quick_err_area": {"nl": "Kies een gebied uit de lijst.", "en": "Choose an area from the list."},
    "wk_quick_err_year": {"nl": "Kies een jaar uit de lijst.", "en": "Choose a year from the list."},
    "wk_quick_err_status": {"nl": "Kies een status uit de lijst.", "en": "Choose a status from the list."},
    "wk_quick_err_url": {"nl": "Het webadres moet met http:// of https:// beginnen en geen spaties bevatten.",
                         "en": "The web address must start with http:// or https:// and contain no spaces."},
    "wk_quick_err_confidence": {"nl": "Kies een zekerheid (A, B of C).", "en": "Choose a confidence (A, B or C)."},
    "wk_quick_err_date": {"nl": "De datum is JJJJ, JJJJ-MM of JJJJ-MM-DD.", "en": "The date is YYYY, YYYY-MM or YYYY-MM-DD."},
    "wk_quick_err_source": {"nl": "Een nieuwe bron heeft een titel en een uitgever.",
                            "en": "A new source needs a title and a publisher."},
    "wk_status_aanwezig": {"nl": "aanwezig", "en": "present (aanwezig)"},
    "wk_status_geen": {"nl": "geen", "en": "none (geen)"},
    "wk_status_onbekend": {"nl": "onbekend (een bron zegt: onbekend)", "en": "unknown (a source says so)"},
    "wk_status_vastgesteld": {"nl": "vastgesteld", "en": "adopted (vastgesteld)"},
    "wk_status_in_ontwikkeling": {"nl": "in ontwikkeling", "en": "in development (in_ontwikkeling)"},
    "wk_status_regionaal": {"nl": "regionaal beleid", "en": "regional policy (regionaal)"},
    # demo mode
    "wk_unavailable_title": {"nl": "Niet beschikbaar", "en": "Not available"},
    "wk_unavailable_text": {"nl": "Deze site toont voorbeelddata (demomodus): er zijn geen versies om te beheren.",
                            "en": "This site shows example data (demo mode): there are no versions to manage."},
    # the public changelog
    "cl_title": {"nl": "Wijzigingen in de gegevens", "en": "Changes to the data"},
    "cl_intro": {
        "nl": "Elke gepubliceerde versie van de gegevens achter de kaart, de nieuwste eerst, met wat er veranderde.",
        "en": "Every published version of the data behind the map, newest first, with what changed."},
    "cl_version": {"nl": "Versie {version}", "en": "Version {version}"},
    "cl_published": {"nl": "Gepubliceerd {date}", "en": "Published {date}"},
    "cl_first": {"nl": "Eerste versie.", "en": "First version."},
    "cl_restored": {"nl": "Teruggezet van versie {version}.", "en": "Restored from version {version}."},
    "cl_see_map": {"nl": "bekijk de kaart zoals die was", "en": "see the map as it was"},
    "cl_back": {"nl": "← Alle wijzigingen", "en": "← All changes"},
    "cl_map_title": {"nl": "De kaart in versie {version}", "en": "The map in version {version}"},
    "cl_none": {"nl": "Er is nog niets gepubliceerd.", "en": "Nothing has been published yet."},
    "cl_to_map": {"nl": "Naar de kaart", "en": "To the map"},
    "cl_unavailable": {"nl": "Deze site toont voorbeelddata (demomodus): er is geen geschiedenis van wijzigingen.",
                       "en": "This site shows example data (demo mode): there is no history of changes."},
    "cl_sources_link": {"nl": "Wat er in de gegevens veranderde, per versie: Wijzigingen",
                        "en": "What changed in the data, version by version: Changes"},
    "cl_not_found": {"nl": "Deze versie bestaat niet of is niet gepubliceerd.",
                     "en": "This version does not exist or was not published."},
}
