"""Web: page values -> Plotly figures (plain JSON: data traces and a layout) for plotly.js.

Every label that can come from an article (an unresolved actor's name) is HTML-escaped, since
plotly.js reads a small HTML subset in its labels. Clicking a point opens the page in its
`customdata`, always one of the site's own paths.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .format import money
from .model import AllianceGraph, Currency, LeagueRow, TimelinePoint
from .urls import actor_url, fact_url

Figure = dict[str, Any]
FONT = {"family": "Noto Sans CJK KR, Noto Sans KR, sans-serif", "size": 13}
# amounts as the tables write them (500B, 1.4T), not d3's SI prefixes (500G); the labels make
# room for themselves instead of being cut at the left edge
AMOUNT_AXIS = {"exponentformat": "B", "automargin": True}


def _label(text: str) -> str:
    return html.escape(text, quote=False)


def _layout(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "font": FONT,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
    }
    return base | extra


def _amount(low: Decimal, high: Decimal, currency: Currency) -> str:
    text = money(low, currency)
    return text if high == low else f"{text} – {money(high, currency)}"


def _log_dtick(amounts: Sequence[Decimal | None]) -> str | int:
    """Log-axis ticks: 1, 2 and 5 of each power of ten over a few of them, else the powers only
    (plotly's default labels every digit, too close to read in a short chart)."""
    shown = [a for a in amounts if a is not None and a > 0]
    if not shown or max(shown) / min(shown) <= 1000:
        return "D2"
    return 1


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def league_chart(rows: Sequence[LeagueRow], currency: Currency) -> Figure:
    """Horizontal bars: each actor's distinct figures added up (a range's low end, the rest of
    it as an error bar), the largest on top."""
    ordered = list(reversed(rows))
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [float(r.low) for r in ordered],
                "error_x": {
                    "type": "data",
                    "symmetric": False,
                    "array": [float(r.high - r.low) for r in ordered],
                    "arrayminus": [0 for _ in ordered],
                },
                "y": [_label(r.actor.name) for r in ordered],
                "text": [_amount(r.low, r.high, currency) for r in ordered],
                "textposition": "none",
                "customdata": [actor_url(r.actor.id) for r in ordered],
                "hovertemplate": "%{y}: %{text}<extra></extra>",
                "marker": {"color": "#2f6f9f"},
            }
        ],
        "layout": _layout(
            title={"text": f"Distinct figures added up, {currency}", "x": 0},
            xaxis={"title": {"text": currency}, **AMOUNT_AXIS},
            yaxis={"automargin": True},
            height=max(260, 28 * len(rows) + 90),
        ),
    }


def timeline_chart(points: Sequence[TimelinePoint], currency: Currency) -> Figure:
    """Money facts over time by article date; a log axis, as amounts span orders of magnitude."""
    shown = [p for p in points if (p.usd if currency == "USD" else p.krw) is not None]
    amounts = [p.usd if currency == "USD" else p.krw for p in shown]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "markers",
                "x": [p.date.isoformat() for p in shown],
                "y": [_float(a) for a in amounts],
                "text": [
                    f"{money(a, currency)} ({_label(p.kind or 'other')})"
                    for p, a in zip(shown, amounts, strict=True)
                ],
                "customdata": [fact_url(p.fact) for p in shown],
                "hovertemplate": "%{x}: %{text}<extra></extra>",
                "marker": {"size": 10, "color": "#c0504d"},
            }
        ],
        "layout": _layout(
            title={"text": f"Money facts by article date, {currency}", "x": 0},
            yaxis={"type": "log", "title": {"text": currency}, "dtick": _log_dtick(amounts)}
            | AMOUNT_AXIS,
            xaxis={"type": "date"},
            height=320,
        ),
    }


def alliance_chart(graph: AllianceGraph) -> Figure:
    """The alliance network: edges as lines, actors as labelled points sized by degree."""
    where = {n.actor.id: (n.x, n.y) for n in graph.nodes}
    xs: list[float | None] = []
    ys: list[float | None] = []
    for e in graph.edges:
        (x0, y0), (x1, y1) = where[e.a], where[e.b]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    edges = {
        "type": "scatter",
        "mode": "lines",
        "x": xs,
        "y": ys,
        "hoverinfo": "skip",
        "line": {"width": 1, "color": "#9aa7b1"},
    }
    nodes = {
        "type": "scatter",
        "mode": "markers+text",
        "x": [n.x for n in graph.nodes],
        "y": [n.y for n in graph.nodes],
        "text": [_label(n.actor.name) for n in graph.nodes],
        "textposition": "top center",
        "customdata": [actor_url(n.actor.id) for n in graph.nodes],
        "hovertemplate": "%{text}<extra></extra>",
        "marker": {"size": [8 + 3 * min(n.degree, 8) for n in graph.nodes], "color": "#2f6f9f"},
    }
    hidden = {"visible": False, "range": [-1.2, 1.2]}
    return {
        "data": [edges, nodes],
        "layout": _layout(showlegend=False, xaxis=hidden, yaxis=hidden, height=560),
    }
