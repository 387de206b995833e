"""
Score distributions for the staff dashboard: counts per band of percentage, and the geometry of an SVG chart.

Plain numbers so that the chart and its text alternative (a data table) are built from the same bins.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Bin:
    """Scores from ``low`` (inclusive) to ``high`` (exclusive; the last band includes 100)."""

    low: int
    high: int
    count: int

    @property
    def label(self):
        return f'{self.low}\u2013{self.high}%'


@dataclass(frozen=True)
class Bar:
    """One bar of the chart, in SVG user units."""

    x: float
    y: float
    width: float
    height: float
    bin: Bin


def score_bins(percents, bands=10):
    """Count scores (0..100) into ``bands`` equal bands; out-of-range values are clamped."""
    width = 100 / bands
    counts = [0] * bands
    for percent in percents:
        index = min(int(max(0.0, min(100.0, percent)) // width), bands - 1)
        counts[index] += 1
    return [Bin(low=round(i * width), high=round((i + 1) * width), count=count) for i, count in enumerate(counts)]


def bars(bins, *, width=400.0, height=160.0, gap=4.0):
    """Bars scaled to the tallest bin; an empty distribution gives flat bars."""
    tallest = max((b.count for b in bins), default=0) or 1
    slot = width / len(bins) if bins else width
    return [
        Bar(x=round(i * slot + gap / 2, 2), y=round(height - b.count / tallest * height, 2),
            width=round(slot - gap, 2), height=round(b.count / tallest * height, 2), bin=b)
        for i, b in enumerate(bins)
    ]
