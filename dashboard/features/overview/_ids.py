"""Ids of the KPI cards and the composition chart (still `growth`: benchmarks and tests know it)."""

KPIS = "kpis"
GROWTH = "growth"
#: the chart's title and note, and the national statements it cannot draw
GROWTH_CAPTION = "growth-caption"
GROWTH_STATEMENTS = "growth-statements"
