"""Ids of the KPI cards and the composition chart (still `growth`: benchmarks and tests know it)."""

KPIS = "kpis"
GROWTH = "growth"
#: the chart's title and note, and the national statements it cannot draw
GROWTH_CAPTION = "growth-caption"
GROWTH_STATEMENTS = "growth-statements"
#: the KPI cards, always these four
KPI_KEYS = ("kpi_coordinator", "kpi_rtm", "kpi_policy", "kpi_signals")


def kpi_sources_summary(key: str) -> str:
    """The 'Bronnen (n)' summary of one card: opening it the first time asks for its list."""
    return f"kpi-sources-summary-{key}"


def kpi_sources_list(key: str) -> str:
    return f"kpi-sources-list-{key}"
#: the national statements' list under the chart: its summary (count), filled when first opened
STATEMENTS_SUMMARY = "growth-statements-summary"
STATEMENTS_LIST = "growth-statements-list"
