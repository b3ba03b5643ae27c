"""Accounts of the data holders: passwords, API tokens, login throttling, the audit log (`service`),
the /beheer login pages and decorators (`web`) and the command line (`python -m dashboard.accounts`).

Kept free of imports: `dashboard.i18n` imports `texts` from here.
"""
