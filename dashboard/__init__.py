"""Dekkingskaart Mensenhandel: the Dash web app."""
