"""The texts of the accounts pages (login, password) and of the workspace frame (base.html).

Merged into `dashboard.i18n.TEXT` by the last line of dashboard/i18n.py; same shape: key -> {nl, en}.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # workspace frame (templates/beheer/base.html)
    "ws_title": {"nl": "Beheer", "en": "Workspace"},
    "ws_public_site": {"nl": "Naar de kaart", "en": "To the map"},
    "ws_changelog": {"nl": "Wijzigingen", "en": "Changes"},
    "ws_logout": {"nl": "Uitloggen", "en": "Log out"},
    "role_editor": {"nl": "redacteur", "en": "editor"},
    "role_publisher": {"nl": "publiceerder", "en": "publisher"},
    # login
    "login_title": {"nl": "Inloggen", "en": "Log in"},
    "login_intro": {"nl": "Alleen voor databeheerders met een account. Een account vraagt u aan bij de beheerder.",
                    "en": "For data holders with an account only. Ask the administrator for an account."},
    "login_email": {"nl": "E-mailadres", "en": "Email address"},
    "login_password": {"nl": "Wachtwoord", "en": "Password"},
    "login_submit": {"nl": "Inloggen", "en": "Log in"},
    "login_failed": {"nl": "Onjuist e-mailadres of wachtwoord.", "en": "Wrong email address or password."},
    "login_locked": {"nl": "Dit account is geblokkeerd na te veel mislukte pogingen. Vraag de beheerder het te deblokkeren.",
                     "en": "This account is locked after too many failed attempts. Ask the administrator to unlock it."},
    "login_disabled": {"nl": "Dit account is uitgeschakeld.", "en": "This account is disabled."},
    "login_throttled": {"nl": "Te veel mislukte pogingen vanaf dit adres. Probeer het over {minutes} minuten opnieuw.",
                        "en": "Too many failed attempts from this address. Try again in {minutes} minutes."},
    "login_required": {"nl": "Log in om verder te gaan.", "en": "Log in to continue."},
    "logged_out": {"nl": "U bent uitgelogd.", "en": "You are logged out."},
    # password
    "password_title": {"nl": "Wachtwoord wijzigen", "en": "Change password"},
    "password_must_change": {"nl": "U bent ingelogd met een eenmalig wachtwoord. Kies eerst een eigen wachtwoord.",
                             "en": "You logged in with a one-time password. Choose your own password first."},
    "password_rules": {"nl": "Minstens 12 tekens en anders dan het huidige wachtwoord.",
                       "en": "At least 12 characters and different from the current password."},
    "password_old": {"nl": "Huidig wachtwoord", "en": "Current password"},
    "password_new": {"nl": "Nieuw wachtwoord", "en": "New password"},
    "password_repeat": {"nl": "Herhaal het nieuwe wachtwoord", "en": "Repeat the new password"},
    "password_submit": {"nl": "Wachtwoord opslaan", "en": "Save password"},
    "password_changed": {"nl": "Uw wachtwoord is gewijzigd.", "en": "Your password has been changed."},
    "password_wrong_old": {"nl": "Het huidige wachtwoord klopt niet.", "en": "The current password is wrong."},
    "password_too_short": {"nl": "Het nieuwe wachtwoord moet minstens 12 tekens hebben.",
                           "en": "The new password must have at least 12 characters."},
    "password_too_long": {"nl": "Het nieuwe wachtwoord mag hoogstens 1024 tekens hebben.",
                          "en": "The new password may have at most 1024 characters."},
    "password_same": {"nl": "Het nieuwe wachtwoord moet anders zijn dan het huidige.",
                      "en": "The new password must differ from the current one."},
    "password_mismatch": {"nl": "De twee nieuwe wachtwoorden zijn niet gelijk.",
                          "en": "The two new passwords do not match."},
    # access
    "forbidden_title": {"nl": "Geen toegang", "en": "No access"},
    "forbidden_text": {"nl": "Voor deze pagina heeft u de rol {role} nodig.",
                       "en": "This page needs the {role} role."},
}
