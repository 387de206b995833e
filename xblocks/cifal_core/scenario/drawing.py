"""
The scenario's graph as an SVG drawing, generated from the content: Studio's preview and the trainer's dashboard
(with the number of runs on each edge).

Layout: nodes in columns by the longest way to them from the start (loops left out), in the author's order within a
column; edges as curves from the right of a node to the left of its target (one that skips columns, or a loop back,
curves below the boxes).
Each node is a box with its id and type in words (never a colour alone: the type is written, ends are drawn with a
double border). Text is escaped; numbers in the markup are plain, whatever the reader's language. The drawing has a
``<title>`` and a ``<desc>``, and the dashboard shows the same figures as a table beside it.
"""
from html import escape

from cifal_core.scenario.graph import edges, layers

BOX_WIDTH, BOX_HEIGHT = 150, 48
COLUMN_GAP, ROW_GAP, MARGIN = 70, 22, 16
TYPE_FILL = {'info': '#f2f4f6', 'decision': '#e6f0fa', 'check': '#fdf3e1', 'reflection': '#eef7ee', 'end': '#ffffff'}


def layout(content) -> dict[str, tuple[int, int]]:
    """(column, row) of each node: columns by the longest way from the start (``graph.layers``), nodes no run
    reaches in a last column, rows in the author's order within a column."""
    column = layers(content)
    last = max(column.values(), default=-1) + 1
    rows: dict[int, int] = {}
    placed = {}
    for node in content.nodes:
        col = column.get(node.id, last)
        placed[node.id] = (col, rows.get(col, 0))
        rows[col] = rows.get(col, 0) + 1
    return placed


def scenario_svg(content, title, labels, edge_counts=None, dom_id='cifal-graph') -> str:
    """The SVG text. ``labels``: the node types in the reader's language ({type: word}), ``desc`` (what the drawing
    shows) and ``runs`` (count -> text in the reader's language: "1 250 runs") for the edges' counts;
    ``edge_counts``: {(from, to): runs}, or None for the preview; ``dom_id`` prefixes the drawing's ids (two
    drawings on a page must not share them)."""
    places = layout(content)
    if not places:
        return ''
    columns = max(col for col, _ in places.values()) + 1
    rows = max(row for _, row in places.values()) + 1
    width = 2 * MARGIN + columns * BOX_WIDTH + (columns - 1) * COLUMN_GAP
    height = 2 * MARGIN + rows * BOX_HEIGHT + (rows - 1) * ROW_GAP + 40

    def box(node_id):
        col, row = places[node_id]
        return MARGIN + col * (BOX_WIDTH + COLUMN_GAP), MARGIN + row * (BOX_HEIGHT + ROW_GAP)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="cifal-graph" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-labelledby="{dom_id}-title {dom_id}-desc">',
             f'<title id="{dom_id}-title">{escape(title)}</title>',
             f'<desc id="{dom_id}-desc">{escape(labels.get("desc", ""))}</desc>',
             f'<defs><marker id="{dom_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             'markerHeight="7" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#4a5560"/></marker></defs>']
    graph = edges(content)
    for source, targets in graph.items():
        for target in dict.fromkeys(targets):
            if target not in places:
                continue
            span = places[target][0] - places[source][0]
            parts.append(_edge(box(source), box(target), span,
                               None if edge_counts is None else edge_counts.get((source, target), 0), labels,
                               f'{dom_id}-arrow'))
    for node in content.nodes:
        x, y = box(node.id)
        kind = labels.get(node.type, node.type)
        border = ' stroke-width="3" stroke-dasharray="none" class="cifal-graph__end"' if node.type == 'end' else ''
        start_mark = ' \u25B6' if node.id == content.start_node else ''
        parts.append(
            f'<g class="cifal-graph__node" data-node="{escape(node.id)}">'
            f'<rect x="{x}" y="{y}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="6" fill="{TYPE_FILL[node.type]}" '
            f'stroke="#1f2933"{border}/>'
            f'<text x="{x + 8}" y="{y + 19}" font-size="13" font-weight="700" fill="#1f2933">'
            f'{escape(_short(node.title or node.id, 20))}</text>'
            f'<text x="{x + 8}" y="{y + 37}" font-size="11" fill="#4a5560">{escape(kind)} · {escape(node.id)}'
            f'{start_mark}</text></g>')
    parts.append('</svg>')
    return ''.join(parts)


def _edge(source_box, target_box, span, count, labels, arrow):
    """An arrow from the right of the source to the left of the target, ``span`` columns on: the next column in a
    curve, further ones below the boxes in between (not through them), a loop back (span <= 0) below too."""
    sx, sy = source_box[0] + BOX_WIDTH, source_box[1] + BOX_HEIGHT // 2
    tx, ty = target_box[0], target_box[1] + BOX_HEIGHT // 2
    if span > 1:
        low = max(source_box[1], target_box[1]) + BOX_HEIGHT + 8
        path = f'M {sx} {sy} C {sx + 50} {low + 12}, {tx - 50} {low + 12}, {tx} {ty}'
        label_x, label_y = (sx + tx) // 2, low + 12
    elif span <= 0:  # a loop (or an edge within a column): under the boxes, back to the target's left side
        low = max(source_box[1], target_box[1]) + BOX_HEIGHT + 14
        path = f'M {sx} {sy} C {sx + 40} {low + 20}, {tx - 40} {low + 20}, {tx} {ty}'
        label_x, label_y = (sx + tx) // 2, low + 12
    else:
        middle = (sx + tx) // 2
        path = f'M {sx} {sy} C {middle} {sy}, {middle} {ty}, {tx} {ty}'
        label_x, label_y = middle, (sy + ty) // 2 - 4
    drawn = [f'<path d="{path}" fill="none" stroke="#4a5560" stroke-width="1.5" marker-end="url(#{arrow})"/>']
    if count is not None:
        text = escape(labels['runs'](count) if 'runs' in labels else str(count))
        drawn.append(f'<text x="{label_x}" y="{label_y}" font-size="11" text-anchor="middle" fill="#1f2933" '
                     f'paint-order="stroke" stroke="#fff" stroke-width="3">{text}</text>')
    return ''.join(drawn)


def _short(text, limit):
    return text if len(text) <= limit else text[:limit - 1] + '\u2026'
