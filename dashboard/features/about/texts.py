"""Dutch and English texts of the about feature, merged into dashboard.i18n.TEXT.

The accessibility statement (/toegankelijkheid) follows the sections of the Dutch government's model
statement (digitoegankelijk.nl): statement and scope, compliance status, how it was tested, known
shortcomings with their alternatives, feedback and contact, date. The privacy statement (/privacy) says
what the site keeps about whom and for how long. Every claim here is checked by a test or read from the
code (cookie name and lifetime in dashboard/accounts/web.py, log format in dashboard/gunicorn_conf.py).
"""

TEXT: dict[str, dict[str, str]] = {
    # ---- shared -----------------------------------------------------------------------------------------
    "ab_not_set": {"nl": "niet ingesteld", "en": "not set"},
    "ab_unknown": {"nl": "onbekend", "en": "unknown"},
    "ab_footer_label": {"nl": "Over deze site", "en": "About this site"},
    "ab_link_about": {"nl": "Over deze kaart", "en": "About this map"},
    "ab_link_accessibility": {"nl": "Toegankelijkheid", "en": "Accessibility"},
    "ab_link_privacy": {"nl": "Privacy", "en": "Privacy"},
    "ab_link_map": {"nl": "Naar de kaart", "en": "To the map"},
    "ab_link_sources": {"nl": "Bronnen en methode", "en": "Sources and method"},
    "ab_link_changelog": {"nl": "Wijzigingen", "en": "Changes"},
    "ab_nav_label": {"nl": "Hoofdmenu", "en": "Main menu"},
    "ab_facts_label": {"nl": "Kerngegevens", "en": "Key facts"},
    "ab_organisation": {"nl": "Organisatie", "en": "Organisation"},
    "ab_contact": {"nl": "Contact", "en": "Contact"},
    "ab_site_licence": {"nl": "Licentie van de site (teksten en code)", "en": "Licence of the site (texts and code)"},
    "ab_data_licence": {"nl": "Licentie van de gegevens", "en": "Licence of the data"},
    "ab_data_version": {"nl": "Gegevensversie", "en": "Data version"},
    "ab_website": {"nl": "Website", "en": "Website"},
    "ab_days": {"nl": "{days} dagen", "en": "{days} days"},
    "ab_one_day": {"nl": "1 dag", "en": "1 day"},

    # ---- about this map (/over) ----------------------------------------------------------------------------
    "ab_about_title": {"nl": "Over deze kaart", "en": "About this map"},
    "ab_about_what_title": {"nl": "Wat de kaart laat zien", "en": "What the map shows"},
    "ab_about_what": {
        "nl": "De Dekkingskaart Mensenhandel laat op de echte gemeentegrenzen van het CBS zien waar het netwerk "
              "tegen mensenhandel dekt en waar de witte en grijze vlekken zitten: een zorgcoördinator in elk van "
              "de 35 zorgregio's, elke gemeente in een Regionale Tafel Mensenhandel, anti-mensenhandelbeleid in "
              "elke gemeente, en de signalen (registraties) in beeld. Elk cijfer is herleidbaar tot een bron. "
              "'Onbekend' is een eigen toestand en wordt nooit geraden.",
        "en": "The Human Trafficking Coverage Map shows, on the real CBS municipality boundaries, where the Dutch "
              "network against human trafficking covers and where the gaps are: a care coordinator in each of the "
              "35 care regions, every municipality in a Regional Table on Human Trafficking, an anti-trafficking "
              "policy in every municipality, and the signals (registrations) in view. Every figure traces to a "
              "source. 'Unknown' is a state of its own and is never guessed."},
    "ab_about_who_title": {"nl": "Wie de gegevens bijhoudt", "en": "Who keeps the data current"},
    "ab_about_who": {
        "nl": "De gegevens worden bijgehouden door de organisatie hieronder. Gegevensbeheerders werken ze bij in "
              "een eigen werkomgeving; een nieuwe versie komt pas op de kaart als ze gecontroleerd en gepubliceerd "
              "is. Elke gepubliceerde versie staat, met wat ze veranderde, onder Wijzigingen.",
        "en": "The data is kept current by the organisation below. Data holders update it in a workspace of their "
              "own; a new version reaches the map only once it has been checked and published. Every published "
              "version, with what it changed, is listed under Changes."},
    "ab_about_demo": {
        "nl": "Deze site toont nu voorbeelddata: een verzonnen scenario, geen echte gegevens.",
        "en": "This site now shows example data: a made-up scenario, not real data."},
    "ab_about_method_title": {"nl": "Methode en bronnen", "en": "Method and sources"},
    "ab_about_method": {
        "nl": "Hoe dekking, witte vlekken en onbekend worden berekend, en elke bron, staat op de pagina Bronnen "
              "en methode. Daar kunt u ook alle gegevens downloaden.",
        "en": "How coverage, gaps and unknowns are computed, and every source, is on the Sources and method page. "
              "All data can be downloaded there too."},
    "ab_about_facts_title": {"nl": "Versie, licentie en contact", "en": "Version, licence and contact"},
    "ab_statements_title": {"nl": "Verklaringen", "en": "Statements"},

    # ---- accessibility statement (/toegankelijkheid) -----------------------------------------------------
    "ab_a11y_title": {"nl": "Toegankelijkheidsverklaring", "en": "Accessibility statement"},
    "ab_a11y_intro": {
        "nl": "Iedereen moet de Dekkingskaart Mensenhandel kunnen gebruiken, ook wie slecht ziet, kleuren niet "
              "goed onderscheidt, geen muis gebruikt of een schermlezer gebruikt. Deze verklaring zegt hoe ver de "
              "site daarmee is, hoe dat is getest en wat nog niet goed werkt.",
        "en": "Everyone should be able to use the Human Trafficking Coverage Map, including people with low "
              "vision or colour blindness, people who do not use a mouse and people who use a screen reader. "
              "This statement says how far the site has come, how that was tested and what does not work well yet."},
    "ab_a11y_status": {"nl": "Nalevingsstatus", "en": "Compliance status"},
    "ab_a11y_status_value": {"nl": "voldoet gedeeltelijk", "en": "partially compliant"},
    "ab_a11y_standard": {"nl": "Norm", "en": "Standard"},
    "ab_a11y_standard_value": {"nl": "WCAG 2.1 niveau AA (EN 301 549)", "en": "WCAG 2.1 level AA (EN 301 549)"},
    "ab_a11y_date": {"nl": "Datum van deze verklaring", "en": "Date of this statement"},
    "ab_a11y_scope_title": {"nl": "Verklaring", "en": "Statement"},
    "ab_a11y_scope": {
        "nl": "We streven ernaar dat deze site voldoet aan de Web Content Accessibility Guidelines (WCAG) 2.1 op "
              "niveau AA, de eisen die de Europese norm EN 301 549 en het Besluit digitale toegankelijkheid "
              "overheid stellen. De verklaring geldt voor de kaart, de pagina Bronnen en methode, de kaart om in "
              "te sluiten (/embed), de pagina Wijzigingen, deze verklaringen en de werkomgeving voor "
              "gegevensbeheerders (/beheer). Het is een eigen verklaring: er is geen onderzoek door een externe "
              "deskundige gedaan.",
        "en": "We aim for this site to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, the "
              "requirements of the European standard EN 301 549 and of the Dutch accessibility decree for public "
              "bodies. The statement covers the map, the Sources and method page, the map for embedding (/embed), "
              "the Changes page, these statements and the workspace for data holders (/beheer). It is a "
              "self-assessment: no external expert has audited the site."},
    "ab_a11y_status_title": {"nl": "Nalevingsstatus: voldoet gedeeltelijk", "en": "Compliance status: partially compliant"},
    "ab_a11y_status_text": {
        "nl": "Automatische controles vinden geen ernstige of kritieke fouten, en de belangrijkste handelingen "
              "werken met alleen het toetsenbord. Maar niet elk WCAG-succescriterium is met de hand onderzocht, "
              "de site is niet met een schermlezer getest en een paar onderdelen werken niet voor iedereen even "
              "goed (zie Bekende beperkingen). Daarom verklaren we niet dat de site volledig voldoet.",
        "en": "Automated checks find no serious or critical errors, and the main actions work with the keyboard "
              "alone. But not every WCAG success criterion has been examined by hand, the site has not been "
              "tested with a screen reader and a few parts do not work equally well for everyone (see Known "
              "shortcomings). So we do not declare the site fully compliant."},
    "ab_a11y_tested_title": {"nl": "Hoe is getest", "en": "How it was tested"},
    "ab_a11y_tested_axe": {
        "nl": "Automatisch: axe-core (de regels voor WCAG 2.0 en 2.1, niveau A en AA) controleert bij elke "
              "wijziging in de testsuite, in een echte Chromium-browser, de kaart (Nederlands en Engels, ook met "
              "alle uitklapblokken en een keuzelijst open), de pagina Bronnen en methode, de kaart om in te sluiten "
              "en deze verklaringen. De eis: 0 ernstige of kritieke meldingen.",
        "en": "Automated: axe-core (the rules for WCAG 2.0 and 2.1, levels A and AA) checks, on every change in the "
              "test suite and in a real Chromium browser, the map (Dutch and English, also with every expandable "
              "block and a dropdown open), the Sources and method page, the map for embedding and these statements. "
              "The requirement: 0 serious or critical findings."},
    "ab_a11y_tested_keyboard": {
        "nl": "Toetsenbord: browsertests lopen de kaart en de kaart om in te sluiten door met alleen het "
              "toetsenbord. Elke knop en elk veld van de kaart is met Tab bereikbaar en heeft een zichtbare "
              "focusrand; niveau, indicator, jaar, filters en het kiezen van een gebied werken met toetsen alleen. "
              "In de kaart om in te sluiten gaat u met Tab en de pijltjestoetsen langs de gebieden.",
        "en": "Keyboard: browser tests walk through the map and the map for embedding with the keyboard alone. "
              "Every button and field of the map can be reached with Tab and has a visible focus ring; level, "
              "indicator, year, filters and choosing an area work with keys alone. In the map for embedding, Tab "
              "and the arrow keys go through the areas."},
    "ab_a11y_tested_alternative": {
        "nl": "Tekstalternatief: tests controleren dat de tabel bij de kaart dezelfde waarden toont als de kaart, "
              "en dat een zin de kaart samenvat.",
        "en": "Text alternative: tests check that the table beside the map shows the same values as the map, and "
              "that a sentence sums the map up."},
    "ab_a11y_tested_screen_reader": {
        "nl": "Schermlezer: nog niet getest. Er is nog niet geprobeerd de site met een schermlezer (zoals NVDA, "
              "JAWS of VoiceOver) te gebruiken.",
        "en": "Screen reader: not tested yet. Nobody has yet tried to use the site with a screen reader (such as "
              "NVDA, JAWS or VoiceOver)."},
    "ab_a11y_tested_workspace": {
        "nl": "De werkomgeving voor gegevensbeheerders wordt in browsertests bediend, maar niet met axe-core "
              "gecontroleerd.",
        "en": "The workspace for data holders is operated in browser tests, but not checked with axe-core."},
    "ab_a11y_limits_title": {"nl": "Bekende beperkingen", "en": "Known shortcomings"},
    "ab_a11y_limits_intro": {
        "nl": "Deze onderdelen voldoen niet of niet aantoonbaar. Bij elk staat wat u in plaats daarvan kunt "
              "gebruiken. Een datum waarop ze zijn opgelost, is nog niet vastgesteld.",
        "en": "These parts do not comply, or not demonstrably. Each says what you can use instead. No date by "
              "which they will be solved has been set yet."},
    "ab_a11y_limit_map": {
        "nl": "De kaart zelf is een afbeelding: de toestand van een gebied is alleen aan de kleur te zien. "
              "Alternatief: een zin voor schermlezers vat de kaart samen, de 'Tabel bij de kaart' geeft elk "
              "gebied met zijn waarde, en met 'Gebied kiezen' opent u elk gebied zonder op de kaart te klikken.",
        "en": "The map itself is a picture: an area's state shows only in its colour. Instead: a sentence for "
              "screen readers sums it up, the 'Table of the map' lists every area with its value, and 'Choose an "
              "area' opens any area without clicking the map."},
    "ab_a11y_limit_hover": {
        "nl": "De labels die verschijnen als u met de muis een gebied of een punt in een grafiek aanwijst, zijn "
              "alleen met de muis te zien, niet met het toetsenbord. Alternatief: dezelfde gegevens staan in de "
              "tabel bij de kaart en in het detailpaneel van het gekozen gebied.",
        "en": "The labels that appear when you point at an area or at a point of a chart with the mouse show only "
              "for the mouse, not for the keyboard. Instead: the same data is in the table beside the map and in "
              "the detail panel of the chosen area."},
    "ab_a11y_limit_chart": {
        "nl": "De grafiek met de verdeling van de toestanden per jaar is een afbeelding. Alternatief: het "
              "bijschrift en de landelijke uitspraken ernaast zeggen in woorden wat ze laat zien.",
        "en": "The chart of how the states are divided per year is a picture. Instead: its caption and the "
              "national statements beside it say in words what it shows."},
    "ab_a11y_limit_images": {
        "nl": "Gedownloade afbeeldingen van de kaart (PNG en SVG) hebben buiten de site geen tekstalternatief. "
              "Wie ze plaatst, moet er zelf een bij schrijven; de kaart om in te sluiten heeft er wel een.",
        "en": "Downloaded images of the map (PNG and SVG) carry no text alternative outside the site. Whoever "
              "publishes one has to add it; the map for embedding does carry one."},
    "ab_a11y_limit_screen_reader": {
        "nl": "Omdat er niet met een schermlezer is getest, kunnen er problemen zijn die we nog niet kennen.",
        "en": "As nobody has tested with a screen reader, there may be problems we do not know of yet."},
    "ab_a11y_contact_title": {"nl": "Feedback en contact", "en": "Feedback and contact"},
    "ab_a11y_contact": {
        "nl": "Loopt u tegen een probleem aan, of wilt u de gegevens in een andere vorm? Laat het ons weten; "
              "we antwoorden zo snel mogelijk.",
        "en": "Do you run into a problem, or would you like the data in another form? Let us know; we answer as "
              "soon as we can."},
    "ab_a11y_contact_data": {
        "nl": "Alle gegevens van de kaart zijn ook als tabellen te downloaden op de pagina Bronnen en methode.",
        "en": "All data of the map can also be downloaded as tables on the Sources and method page."},
    "ab_a11y_dated": {
        "nl": "Deze verklaring is opgesteld en voor het laatst bijgewerkt op {date}.",
        "en": "This statement was drawn up and last updated on {date}."},

    # ---- privacy statement (/privacy) -----------------------------------------------------------------------
    "ab_privacy_title": {"nl": "Privacyverklaring", "en": "Privacy statement"},
    "ab_privacy_intro": {
        "nl": "Wie de kaart bekijkt, hoeft niets over zichzelf te vertellen. Deze verklaring zegt welke gegevens "
              "over personen de site toch bewaart, waarvoor en hoe lang.",
        "en": "Looking at the map asks nothing about you. This statement says which personal data the site does "
              "keep, what for and for how long."},
    "ab_privacy_cookies_title": {"nl": "Geen cookies op de openbare site", "en": "No cookies on the public site"},
    "ab_privacy_cookies": {
        "nl": "De kaart, de pagina's per gebied, de pagina Bronnen en methode, de kaart om in te sluiten, het "
              "formulier 'Klopt er iets niet?', de pagina Wijzigingen en deze verklaringen zetten geen cookies. Er is geen bezoekersstatistiek, geen advertentie en niets dat u "
              "volgt; de pagina's laden niets van andere servers.",
        "en": "The map, the pages per area, the Sources and method page, the map for embedding, the form "
              "'Something wrong?', the Changes page and these statements set no cookies. There are no visitor statistics, no advertising and nothing that tracks you; the "
              "pages load nothing from other servers."},
    "ab_privacy_session_title": {"nl": "De cookie van de werkomgeving", "en": "The workspace's cookie"},
    "ab_privacy_session": {
        "nl": "Alleen wie als gegevensbeheerder inlogt in de werkomgeving (/beheer) krijgt één cookie: {cookie}. "
              "Die onthoudt dat u bent ingelogd en beschermt de formulieren tegen vervalsing. De cookie geldt "
              "alleen onder /beheer, is niet voor scripts leesbaar (HttpOnly) en gaat niet mee met verzoeken "
              "vanaf andere sites (SameSite=Strict).",
        "en": "Only a data holder who logs in to the workspace (/beheer) gets one cookie: {cookie}. It remembers "
              "that you are logged in and protects the forms against forgery. The cookie applies only under "
              "/beheer, cannot be read by scripts (HttpOnly) and is not sent with requests from other sites "
              "(SameSite=Strict)."},
    "ab_privacy_session_secure": {
        "nl": "Hij wordt alleen over een versleutelde verbinding (HTTPS) verstuurd.",
        "en": "It is sent over an encrypted connection (HTTPS) only."},
    "ab_privacy_session_insecure": {
        "nl": "Let op: deze installatie staat ook verzending over onversleuteld HTTP toe "
              "(DEKKINGSKAART_COOKIE_SECURE=0, alleen bedoeld voor ontwikkeling).",
        "en": "Note: this installation also allows sending it over unencrypted HTTP "
              "(DEKKINGSKAART_COOKIE_SECURE=0, meant for development only)."},
    "ab_privacy_session_kept": {
        "nl": "tot u uitlogt, en uiterlijk {hours} uur na het inloggen",
        "en": "until you log out, and at most {hours} hours after logging in"},
    "ab_privacy_audit_title": {"nl": "Het logboek van de werkomgeving", "en": "The workspace's audit log"},
    "ab_privacy_audit": {
        "nl": "De werkomgeving en de API houden een logboek bij van wie wat deed: inloggen (ook mislukte pogingen, "
              "met het ingevoerde e-mailadres), uitloggen, wachtwoordwijzigingen, uploads, publicaties en het "
              "terugzetten van versies, en het beheer van accounts en API-sleutels. Per gebeurtenis: het tijdstip, "
              "het e-mailadres van wie het deed, wat en waarop, het IP-adres en een korte toelichting. Daarnaast "
              "worden inlogpogingen (e-mailadres, IP-adres, tijdstip) kort bewaard om het raden van wachtwoorden "
              "af te remmen.",
        "en": "The workspace and the API keep a log of who did what: logins (failed attempts too, with the e-mail "
              "address entered), logouts, password changes, uploads, publications and restored versions, and the "
              "management of accounts and API keys. For each event: the time, the e-mail address of who did it, "
              "what and on what, the IP address and a short note. Login attempts (e-mail address, IP address, "
              "time) are also kept briefly to slow down password guessing."},
    "ab_privacy_suggestions_title": {"nl": "Suggesties van lezers", "en": "Suggestions from readers"},
    "ab_privacy_suggestions": {
        "nl": "Met het formulier 'Klopt er iets niet?' kunt u een correctie voorstellen. Een e-mailadres is niet "
              "verplicht; vult u er een in, dan gebruiken de redacteuren het alleen om u over uw suggestie te "
              "benaderen. Suggesties worden nooit openbaar getoond; alleen redacteuren lezen ze in de werkomgeving. "
              "Om misbruik te beperken, telt de site per IP-adres hoeveel suggesties er binnenkomen; daarvoor "
              "bewaart ze een onomkeerbare afgeleide (een sleutel-hash) van het adres, nooit het adres zelf.",
        "en": "With the form 'Something wrong?' you can suggest a correction. An e-mail address is optional; if "
              "you give one, the editors use it only to contact you about your suggestion. Suggestions are never "
              "shown publicly; only editors read them in the workspace. To limit abuse, the site counts how many "
              "suggestions arrive per IP address; for that it keeps an irreversible derivative (a keyed hash) of "
              "the address, never the address itself."},
    "ab_privacy_logs_title": {"nl": "Logboek van de webserver", "en": "The web server's log"},
    "ab_privacy_logs": {
        "nl": "Zoals elke webserver schrijft deze site per verzoek een regel in zijn toegangslogboek: het IP-adres, "
              "het tijdstip, het opgevraagde adres (met de keuzes op de kaart), de statuscode, de grootte van het "
              "antwoord, de verwijzende pagina en de browser (User-Agent). Het logboek is nodig om storingen en "
              "misbruik op te sporen. De site schrijft het naar de standaarduitvoer van de server; hoe lang het "
              "bewaard wordt, bepaalt de hosting: de site stelt daar zelf geen termijn voor in.",
        "en": "Like any web server, this site writes a line per request to its access log: the IP address, the "
              "time, the address requested (with the choices on the map), the status code, the size of the "
              "answer, the referring page and the browser (User-Agent). The log is needed to trace faults and "
              "abuse. The site writes it to the server's standard output; how long it is kept is decided by the "
              "hosting: the site itself sets no period for it."},
    "ab_privacy_kept_title": {"nl": "Wat wordt hoe lang bewaard", "en": "What is kept for how long"},
    "ab_privacy_col_what": {"nl": "Gegevens", "en": "Data"},
    "ab_privacy_col_who": {"nl": "Van wie", "en": "About whom"},
    "ab_privacy_col_kept": {"nl": "Bewaartermijn", "en": "Kept for"},
    "ab_privacy_row_cookie": {"nl": "Sessiecookie {cookie}", "en": "Session cookie {cookie}"},
    "ab_privacy_row_audit": {"nl": "Logboek van de werkomgeving", "en": "Workspace audit log"},
    "ab_privacy_row_attempts": {"nl": "Inlogpogingen", "en": "Login attempts"},
    "ab_privacy_row_suggestions": {"nl": "Suggesties met e-mailadres", "en": "Suggestions with e-mail address"},
    "ab_privacy_row_throttle": {"nl": "Tellingen tegen misbruik van het formulier (hash van het IP-adres)",
                                "en": "Counts against abuse of the form (hash of the IP address)"},
    "ab_privacy_row_logs": {"nl": "Toegangslogboek van de webserver", "en": "Web server access log"},
    "ab_privacy_who_holders": {"nl": "gegevensbeheerders", "en": "data holders"},
    "ab_privacy_who_login": {"nl": "wie inlogt of dat probeert", "en": "whoever logs in or tries to"},
    "ab_privacy_who_readers": {"nl": "lezers die een suggestie sturen", "en": "readers who send a suggestion"},
    "ab_privacy_who_everyone": {"nl": "elke bezoeker", "en": "every visitor"},
    "ab_privacy_kept_logs": {"nl": "bepaald door de hosting (niet door de site)",
                             "en": "decided by the hosting (not by the site)"},
    "ab_privacy_setting": {"nl": "instelling {name}", "en": "setting {name}"},
    "ab_privacy_contact_title": {"nl": "Vragen, inzage en verwijdering", "en": "Questions, access and removal"},
    "ab_privacy_contact": {
        "nl": "Wilt u weten welke gegevens over u bewaard worden, of wilt u ze laten verbeteren of verwijderen? "
              "Neem contact op met de organisatie die de site beheert.",
        "en": "Would you like to know which data about you is kept, or have it corrected or removed? Contact the "
              "organisation that runs the site."},
}
