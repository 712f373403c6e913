"""Render stage for charts: figures as inline SVG, drawn at build time.

No charting library and no script: a chart is a few rectangles and labels, so it shows
with JavaScript off, prints, and loads nothing from outside (foreign CDNs are blocked in
mainland China). Positions across the chart are percentages of its width, so one SVG
fits a phone and a desktop while its text keeps the page's size; heights are pixels.

Every chart is a ``Chart``: the SVG, named by its title and a one-sentence summary for
screen readers, and the same numbers as a table, which the page shows beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Any, Callable

from markupsafe import Markup

from .model import Directory


@dataclass(frozen=True)
class Row:
    """One row of a chart's data table: a label (linked where it has a page) and values."""

    label: str
    values: tuple[str, ...]
    href: str | None = None  # relative to the site root, e.g. ``fields/vr.md``


@dataclass(frozen=True)
class Chart:
    id: str  # unique on its page: the SVG's title and summary are named from it
    title: str
    summary: str  # the chart in one sentence, read out in place of the picture
    svg: Markup
    head: tuple[str, ...]  # the data table's column headings
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class YearBar:
    """A year's column: points in operation at its end, those delisted by then, the target."""

    year: int
    in_operation: int
    delisted: int
    target: int | None = None  # a plan's figure for the end of this year
    future: bool = False  # the year has not begun: nothing to draw yet

    @property
    def total(self) -> int:
        return self.in_operation + self.delisted


ROW_HEIGHT = 34  # px: a label line above a bar
BAR_SHARE = 84.0  # % of the width the longest bar takes; the rest holds its number


def bar_chart(id_: str, title: str, summary: str, bars: list[tuple[str, int]]) -> Markup:
    """Horizontal bars, one labelled row each, the label above its bar.

    Labels above the bars rather than beside them: a district's or field's name in
    Chinese is up to ten characters, too wide for a column beside a bar on a phone.
    """
    top = max((value for _, value in bars), default=0) or 1
    parts = []
    for i, (label, value) in enumerate(bars):
        y = i * ROW_HEIGHT
        width = round(value / top * BAR_SHARE, 2)
        parts.append(f'<text class="sc-chart__label" x="0" y="{y + 13}">{escape(label)}</text>')
        if value:
            parts.append(f'<rect class="sc-chart__bar" x="0" y="{y + 18}" width="{width}%" '
                         f'height="12" rx="2"/>')
        parts.append(f'<text class="sc-chart__value" x="{width}%" dx="{6 if value else 0}" '
                     f'y="{y + 29}">{value}</text>')
    return _svg(id_, title, summary, len(bars) * ROW_HEIGHT, parts)


PLOT_TOP, PLOT_HEIGHT = 22, 170  # px: room for the numbers above the tallest bar
# What fits a phone's width: a chart 330 px wide holds eight four-digit labels, a year or
# a total, side by side (each about 32 px in the page's Noto Sans CJK at .7rem, 41 px
# apart). So up to 8 years every column has its year and number; beyond, every second
# (third …) column, the last one always. Years stay whole: '’25' would save little, and
# in a CJK font its apostrophe is a full em wide. The table beside has every year.
LABELLED = 8


def years_chart(id_: str, title: str, summary: str, years: list[YearBar]) -> Markup:
    """A column per year: points in operation, those delisted stacked on them, so the
    column's height is every point awarded so far; a plan's target as a dashed line
    across its year (the legend beside the chart says so: a label on the line would
    cover the column when the target is below it)."""
    top = max([y.total for y in years if not y.future] + [y.target or 0 for y in years]) or 1
    column = 100 / max(len(years), 1)
    base = PLOT_TOP + PLOT_HEIGHT

    def height(value: int) -> float:
        return round(value / top * PLOT_HEIGHT, 1)

    # every column labelled, or every second, third …, counted from the last year
    step = max(1, -(-len(years) // LABELLED))
    labelled = set(range(len(years) - 1, -1, -step))
    if column < 10:
        # the columns at the edges are so narrow that their labels are held inside the
        # chart (place), up to half a label nearer their neighbours: those give way
        labelled.discard(len(years) - 1 - step)
        if 0 in labelled:
            labelled.discard(step)

    def place(i: int) -> str:
        """A label's x and anchor: centred on its column, or, for a narrow column at the
        chart's edge, held to its bar's outer edge so it stays inside the chart."""
        left, middle = i * column + column * .25, i * column + column / 2
        if middle < 5:
            return f'x="{round(left, 2)}%" text-anchor="start"'
        if middle > 95:
            return f'x="{round(left + column / 2, 2)}%" text-anchor="end"'
        return f'x="{round(middle, 2)}%" text-anchor="middle"'

    parts = [f'<line class="sc-chart__axis" x1="0" x2="100%" y1="{base}" y2="{base}"/>']
    for i, year in enumerate(years):
        left, width = round(i * column + column * .25, 2), round(column / 2, 2)
        if not year.future:
            operating, delisted = height(year.in_operation), height(year.delisted)
            if operating:
                parts.append(f'<rect class="sc-chart__bar" x="{left}%" y="{base - operating}" '
                             f'width="{width}%" height="{operating}"/>')
            if delisted:
                parts.append(f'<rect class="sc-chart__bar sc-chart__bar--delisted" x="{left}%" '
                             f'y="{base - operating - delisted}" width="{width}%" '
                             f'height="{delisted}"/>')
            if i in labelled:
                parts.append(f'<text class="sc-chart__value" {place(i)} '
                             f'y="{base - height(year.total) - 6}">{year.total}</text>')
        if year.target is not None:
            line = base - height(year.target)
            parts.append(f'<line class="sc-chart__target" x1="{round(i * column + column * .1, 2)}%" '
                         f'x2="{round(i * column + column * .9, 2)}%" y1="{line}" y2="{line}"/>')
        if i in labelled:
            parts.append(f'<text class="sc-chart__label" {place(i)} y="{base + 18}">'
                         f'{year.year}</text>')
    return _svg(id_, title, summary, base + 24, parts)


def _svg(id_: str, title: str, summary: str, height: int, parts: list[str]) -> Markup:
    """The SVG, an image named by its title and summary (its text is not read twice)."""
    return Markup(
        f'<svg class="sc-chart__svg" width="100%" height="{height}" role="img" '
        f'aria-labelledby="{id_}-title {id_}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{id_}-title">{escape(title)}</title>'
        f'<desc id="{id_}-desc">{escape(summary)}</desc>' + "".join(parts) + "</svg>")


def directory_charts(directory: Directory, strings: dict[str, Any], today: dt.date) -> list[Chart]:
    """The statistics page's charts: points in operation by field and by district, and
    every year's points against the plan's targets."""
    t = strings["charts"]
    return [_by_term(directory, t["fields"], t["separator"], "fields", directory.awarded_in_field),
            _by_term(directory, t["districts"], t["separator"], "districts",
                     lambda id_: directory.awarded_where("location.district", id_)),
            _by_year(directory, t["years"], today)]


def _by_term(directory: Directory, words: dict[str, str], separator: str, taxonomy: str,
             points_of: Callable[[str], list[Any]]) -> Chart:
    """Awarded points per term, most first (the taxonomy's order among equals), terms
    without a point left out. Each term has its page in the folder of its name, listing
    as many points as its bar: a point of several fields counts in each of them."""
    counts = [(term, len(points_of(term.id)))
              for term in directory.taxonomies[taxonomy].values()]
    counts = sorted((pair for pair in counts if pair[1]), key=lambda pair: -pair[1])
    bars = [(term.name, count) for term, count in counts]
    summary = words["summary"].format(
        points=len(directory.awarded), terms=len(bars),
        top=separator.join(f"{name} {count}" for name, count in bars[:3]))
    id_ = f"chart-{taxonomy}"
    return Chart(id_, words["title"], summary, bar_chart(id_, words["title"], summary, bars),
                 (words["term"], words["points"]),
                 tuple(Row(term.name, (str(count),), f"{taxonomy}/{term.id}.md")
                       for term, count in counts))


def _by_year(directory: Directory, words: dict[str, str], today: dt.date) -> Chart:
    """Each year from the first to the last with a page or a target."""
    numbers = directory.year_numbers()
    targets = {t.year: t.points for t in directory.site.targets if t.points is not None}
    first = min(numbers, default=today.year)
    last = max([*numbers, *(year for year in targets if year >= first)], default=first)
    columns = []
    for year in range(first, last + 1):
        figures = directory.figures_of(year)
        columns.append(YearBar(year, figures.in_operation, figures.total - figures.in_operation,
                               targets.get(year), future=year > today.year))
    done = [c for c in columns if not c.future]
    summary = words["summary"].format(first=first, last=done[-1].year if done else first,
                                      total=done[-1].total if done else 0,
                                      operating=done[-1].in_operation if done else 0)
    summary += "".join(words["target_note"].format(year=year, points=points)
                       for year, points in sorted(targets.items()))
    rows = tuple(Row(str(c.year), (
        "—" if c.future else str(c.total), "—" if c.future else str(c.in_operation),
        "—" if c.target is None else str(c.target)),
        f"years/{c.year}.md" if c.year in numbers else None) for c in columns)
    return Chart("chart-years", words["title"], summary,
                 years_chart("chart-years", words["title"], summary, columns),
                 (words["year"], words["total"], words["operating"], words["target"]), rows)
