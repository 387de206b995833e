"""
The dashboard's diverging stacked bars: one bar per scaled statement, the unfavourable points to the left of a
centre line, the favourable ones to the right, the neutral middle point (on an odd scale) split across it.

Drawn as SVG on the server, with coordinates written the plain way ("12.5"), never in the reader's number format
(a browser reads "12,5" as two numbers and draws nothing). Colour is never the only carrier: each segment has a
text title, the legend names each point, and the data table beside the chart holds every count.
"""
from dataclasses import dataclass

from cifal_core.blocks.numbers import percent

WIDTH, HEIGHT, HALF = 600, 28, 300
# A colour-blind-safe diverging palette (ColorBrewer RdBu), from most unfavourable to most favourable.
PALETTES = {
    4: ('#ca0020', '#f4a582', '#92c5de', '#0571b0'),
    5: ('#ca0020', '#f4a582', '#d9d9d9', '#92c5de', '#0571b0'),
    7: ('#b2182b', '#ef8a62', '#fddbc7', '#d9d9d9', '#d1e5f0', '#67a9cf', '#2166ac'),
}


@dataclass(frozen=True)
class Segment:
    x: str
    width: str
    colour: str
    title: str


def _palette(size):
    if size in PALETTES:
        return PALETTES[size]
    greys = ['#6f6f6f', '#8a8a8a', '#a5a5a5', '#c0c0c0', '#dbdbdb', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd',
             '#08519c']
    return tuple(greys[:size])


def _coordinate(value):
    return f'{value:.2f}'  # markup: always a dot, whatever the reader's language


def diverging_bar(statement, label, point_labels, translator, dom_id):
    """The chart context of one statement: segments (SVG), a legend, and the data table's row."""
    size = statement.size
    n = statement.n
    shares = [statement.counts.get(point, 0) / n if n else 0 for point in range(1, size + 1)]
    middle = size // 2 if size % 2 else None
    left = sum(shares[:size // 2]) + (shares[middle] / 2 if middle is not None else 0)
    x = HALF - left * HALF
    segments = []
    for index, share in enumerate(shares):
        width = share * HALF
        if width > 0:
            segments.append(Segment(_coordinate(x), _coordinate(width), _palette(size)[index],
                                    f'{point_labels[index]}: {percent(100 * share)}'))
        x += width
    return {
        'dom_id': dom_id, 'label': label, 'n': n, 'segments': segments, 'width': WIDTH, 'height': HEIGHT,
        'half': HALF,
        'legend': [{'label': text, 'colour': _palette(size)[index]} for index, text in enumerate(point_labels)],
        'cells': [{'count': statement.counts.get(point, 0), 'share': percent(100 * shares[point - 1]) if n else ''}
                  for point in range(1, size + 1)],
        'not_applicable': statement.not_applicable,
        'favourable': percent(statement.favourable_percent()) if n else '',
        'summary': translator.gettext('{percent} favourable, {count} answers').format(
            percent=percent(statement.favourable_percent()), count=n) if n else translator.gettext('no answers yet'),
    }
