"""Dutch and English texts of the corrections feature, merged into dashboard.i18n.TEXT.

`sg_` keys: the public form "Klopt er iets niet?" (/suggestie); `wk_sg_` keys: the workspace's list of
suggestions (/beheer/suggesties)."""

TEXT: dict[str, dict[str, str]] = {
    # the link in the detail panel (and on the area pages)
    "sg_link": {"nl": "Klopt er iets niet?", "en": "Something wrong?"},
    # the form
    "sg_title": {"nl": "Klopt er iets niet?", "en": "Something wrong?"},
    "sg_about": {"nl": "Over: {area} ({code}, {level})", "en": "About: {area} ({code}, {level})"},
    "sg_intro": {
        "nl": "Ziet u een fout, of mist er iets voor dit gebied? Meld het hier. De beheerders van de kaart bekijken "
              "elke melding; meldingen worden niet gepubliceerd.",
        "en": "Do you see a mistake, or is something missing for this area? Report it here. The map's administrators "
              "review every report; reports are not published."},
    "sg_pillar": {"nl": "Onderwerp", "en": "Topic"},
    "sg_pillar_zorgcoordinator": {"nl": "Zorgcoördinator", "en": "Care coordinator"},
    "sg_pillar_rtm": {"nl": "Regionale tafel of regionaal verband", "en": "Regional table or arrangement"},
    "sg_pillar_beleid": {"nl": "Beleid", "en": "Policy"},
    "sg_pillar_signalen": {"nl": "Signalen", "en": "Signals"},
    "sg_pillar_anders": {"nl": "Anders", "en": "Other"},
    "sg_year": {"nl": "Jaar", "en": "Year"},
    "sg_text": {"nl": "Wat klopt er niet?", "en": "What is wrong?"},
    "sg_text_help": {"nl": "Verplicht; hoogstens {max} tekens.", "en": "Required; at most {max} characters."},
    "sg_source": {"nl": "Bron (webadres, optioneel)", "en": "Source (web address, optional)"},
    "sg_source_help": {"nl": "Een adres dat begint met http:// of https://, hoogstens {max} tekens.",
                       "en": "An address starting with http:// or https://, at most {max} characters."},
    "sg_email": {"nl": "Uw e-mailadres (optioneel)", "en": "Your e-mail address (optional)"},
    "sg_email_help": {
        "nl": "Alleen om u iets terug te kunnen vragen. Het wordt niet gepubliceerd en na {days} dagen verwijderd, "
              "met de melding.",
        "en": "Only so we can ask you something back. It is not published and is deleted after {days} days, "
              "with the report."},
    "sg_honeypot": {"nl": "Laat dit veld leeg", "en": "Leave this field empty"},
    "sg_submit": {"nl": "Melding versturen", "en": "Send report"},
    "sg_errors": {"nl": "De melding is niet verstuurd:", "en": "The report was not sent:"},
    # problems
    "sg_bad_request_title": {"nl": "Dit formulier kan niet worden gebruikt", "en": "This form cannot be used"},
    "sg_unknown_level": {
        "nl": "Dit niveau bestaat niet op de kaart (gemeente, zorgregio, politie of provincie).",
        "en": "This level does not exist on the map (gemeente, zorgregio, politie or provincie)."},
    "sg_unknown_area": {
        "nl": "Dit gebied staat niet op de kaart. Open het formulier via 'Klopt er iets niet?' bij een gebied.",
        "en": "This area is not on the map. Open the form through 'Something wrong?' beside an area."},
    "sg_bad_pillar": {"nl": "Kies een onderwerp uit de lijst.", "en": "Choose a topic from the list."},
    "sg_bad_year": {"nl": "Kies een jaar dat op de kaart staat.", "en": "Choose a year the map shows."},
    "sg_text_missing": {"nl": "Beschrijf wat er niet klopt.", "en": "Describe what is wrong."},
    "sg_text_too_long": {"nl": "De beschrijving is langer dan 2000 tekens.",
                         "en": "The description is longer than 2000 characters."},
    "sg_bad_url": {
        "nl": "Het webadres van de bron moet met http:// of https:// beginnen en hoogstens 500 tekens hebben.",
        "en": "The source's web address must start with http:// or https:// and have at most 500 characters."},
    "sg_bad_email": {"nl": "Dit is geen e-mailadres (hoogstens 200 tekens).",
                     "en": "This is not an e-mail address (at most 200 characters)."},
    "sg_token_invalid": {"nl": "Het formulier is niet geldig. Laad de pagina opnieuw en verstuur het nog eens.",
                         "en": "The form is not valid. Reload the page and send it again."},
    "sg_too_fast": {"nl": "Het formulier is te snel verstuurd. Wacht een paar seconden en verstuur het opnieuw.",
                    "en": "The form was sent too quickly. Wait a few seconds and send it again."},
    "sg_token_expired": {"nl": "Het formulier is verlopen. Verstuur het opnieuw.",
                         "en": "The form has expired. Send it again."},
    "sg_too_large": {"nl": "Het formulier is te groot.", "en": "The form is too large."},
    "sg_throttled_title": {"nl": "Te veel meldingen", "en": "Too many reports"},
    "sg_throttled": {
        "nl": "Vanaf uw adres zijn het afgelopen uur al {count} meldingen verstuurd. Probeer het over {minutes} "
              "minuten opnieuw.",
        "en": "{count} reports have already been sent from your address in the past hour. Try again in {minutes} "
              "minutes."},
    "sg_unavailable": {
        "nl": "Hier kunnen geen meldingen worden verstuurd: deze omgeving heeft geen database (voorbeeldgegevens).",
        "en": "Reports cannot be sent here: this environment has no database (example data)."},
    # after sending
    "sg_thanks_title": {"nl": "Bedankt", "en": "Thank you"},
    "sg_thanks": {"nl": "Bedankt; de beheerders bekijken uw melding.",
                  "en": "Thank you; the administrators will review your report."},
    "sg_back_to_map": {"nl": "Terug naar de kaart", "en": "Back to the map"},
    # the workspace
    "wk_sg_nav": {"nl": "Meldingen", "en": "Suggestions"},
    "wk_sg_title": {"nl": "Meldingen van lezers", "en": "Readers' suggestions"},
    "wk_sg_intro": {
        "nl": "Wat lezers via 'Klopt er iets niet?' meldden. Alleen zichtbaar in de beheeromgeving; meldingen en "
              "hun e-mailadressen worden na {days} dagen verwijderd.",
        "en": "What readers reported through 'Something wrong?'. Only shown in the workspace; reports and their "
              "e-mail addresses are deleted after {days} days."},
    "wk_sg_status_new": {"nl": "Nieuw", "en": "New"},
    "wk_sg_status_handled": {"nl": "Afgehandeld", "en": "Handled"},
    "wk_sg_status_rejected": {"nl": "Afgewezen", "en": "Rejected"},
    "wk_sg_none": {"nl": "Geen meldingen.", "en": "No suggestions."},
    "wk_sg_area": {"nl": "Gebied", "en": "Area"},
    "wk_sg_pillar": {"nl": "Onderwerp", "en": "Topic"},
    "wk_sg_year": {"nl": "Jaar", "en": "Year"},
    "wk_sg_text": {"nl": "Melding", "en": "Report"},
    "wk_sg_source": {"nl": "Bron", "en": "Source"},
    "wk_sg_email": {"nl": "E-mail", "en": "E-mail"},
    "wk_sg_date": {"nl": "Ontvangen", "en": "Received"},
    "wk_sg_actions": {"nl": "Actie", "en": "Action"},
    "wk_sg_mark_handled": {"nl": "Afgehandeld", "en": "Handled"},
    "wk_sg_mark_rejected": {"nl": "Afwijzen", "en": "Reject"},
    "wk_sg_mark_new": {"nl": "Terug naar nieuw", "en": "Back to new"},
    "wk_sg_mark_label": {"nl": "Melding {id}", "en": "Suggestion {id}"},
    "wk_sg_updated": {"nl": "Melding {id}: {status}.", "en": "Suggestion {id}: {status}."},
    "wk_sg_not_found": {"nl": "Deze melding bestaat niet (meer).", "en": "This suggestion does not exist (any more)."},
    "wk_sg_bad_status": {"nl": "Onbekende status.", "en": "Unknown status."},
    "wk_sg_handled_by": {"nl": "{status} door {who}, {date}", "en": "{status} by {who}, {date}"},
    "wk_sg_export": {"nl": "Download als CSV", "en": "Download as CSV"},
    "wk_sg_tabs": {"nl": "Meldingen per status", "en": "Suggestions by status"},
}
