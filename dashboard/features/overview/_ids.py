"""Ids of the KPI cards and the growth chart."""

KPIS = "kpis"
GROWTH = "growth"
