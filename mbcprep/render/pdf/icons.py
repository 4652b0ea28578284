"""Simple drawings where a picture says it faster, as vectors (ReportLab graphics).

Each is black on white (or white on black: the action drawings take their
two colours, for a reversed badge) so it survives a photocopy, and
each has words beside it on the sheet (its caption comes from the plan):

- the three actions of "Get help now", told apart by shape, not colour:
  an emergency light (call 911), a speech bubble with a heart (call or
  text 988), a telephone (call your care team);
- a thermometer marked at 100.4°F / 38°C, beside the fever sign;
- a 0 to 10 scale between a smiling and a frowning face, above the symptom log;
- pictures beside a concern section's opening (``SECTION_PICTURES``): the
  backbone from the side, the spinal cord inside it and a bone pressing on it.

Shapes are drawn on a 32-unit grid and scaled to the size asked for.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, Polygon, Rect, String, Wedge
from reportlab.pdfbase.pdfmetrics import stringWidth

from mbcprep.render.pdf.styles import ALERT_INK, INK, PAPER, RULE

GRID = 32.0


def _scaled(size: float, *shapes, height_units: float = GRID) -> Drawing:
    scale = size / GRID
    drawing = Drawing(size, height_units * scale)
    group = Group(*shapes)
    group.scale(scale, scale)
    drawing.add(group)
    return drawing


def emergency_light(size: float, ink=ALERT_INK, paper=PAPER) -> Drawing:
    """Call 911: a flashing emergency light (a dome on a base, with rays)."""
    rays = []
    for x1, y1, x2, y2 in ((16, 26.5, 16, 31), (8.5, 23.5, 5.5, 26.5), (23.5, 23.5, 26.5, 26.5),
                           (5.5, 17.5, 1.5, 18.5), (26.5, 17.5, 30.5, 18.5)):
        rays.append(Line(x1, y1, x2, y2, strokeColor=ink, strokeWidth=2.6, strokeLineCap=1))
    return _scaled(
        size,
        Rect(4, 1, 24, 5.5, rx=1.2, ry=1.2, fillColor=ink, strokeColor=None),
        Rect(8, 6.5, 16, 9, fillColor=ink, strokeColor=None),
        Wedge(16, 15, 8, 0, 180, fillColor=ink, strokeColor=None),
        Rect(11, 9, 2.6, 9, rx=1.3, ry=1.3, fillColor=paper, strokeColor=None),  # a glint on the glass
        *rays,
    )


def crisis_bubble(size: float, ink=ALERT_INK, paper=PAPER) -> Drawing:
    """Call or text 988: a speech bubble holding a heart (talk or text to someone who helps)."""
    heart = [
        Circle(12.6, 19.6, 3.7, fillColor=paper, strokeColor=None),
        Circle(19.4, 19.6, 3.7, fillColor=paper, strokeColor=None),
        Polygon([9.1, 18.4, 22.9, 18.4, 16, 11.2], fillColor=paper, strokeColor=None),
    ]
    return _scaled(
        size,
        Rect(2, 8, 28, 22, rx=6, ry=6, fillColor=ink, strokeColor=None),
        Polygon([7, 9, 5, 1.5, 15, 9], fillColor=ink, strokeColor=None),
        *heart,
    )


def telephone(size: float, ink=ALERT_INK, paper=PAPER) -> Drawing:
    """Call your care team: a desk telephone with its handset on top."""
    handset = Path(strokeColor=ink, strokeWidth=4.2, fillColor=None, strokeLineCap=1)
    handset.moveTo(6, 24.5)
    handset.curveTo(10, 31, 22, 31, 26, 24.5)
    return _scaled(
        size,
        handset,
        Rect(1.5, 19.5, 9.5, 6, rx=2, ry=2, fillColor=ink, strokeColor=None),
        Rect(21, 19.5, 9.5, 6, rx=2, ry=2, fillColor=ink, strokeColor=None),
        Polygon([5, 1, 27, 1, 23.5, 16.5, 8.5, 16.5], fillColor=ink, strokeColor=None),
        Circle(16, 8.7, 4.6, fillColor=paper, strokeColor=None),
        Circle(16, 8.7, 1.5, fillColor=ink, strokeColor=None),
    )


#: The drawing for each ``SignGroup.icon``.
ACTION_ICONS = {"emergency": emergency_light, "crisis": crisis_bubble, "call": telephone}


def thermometer(height: float) -> Drawing:
    """A thermometer filled to a heavy mark: the fever line (100.4°F, 38°C)."""
    mark = 33.0
    ticks = [Line(5.2, y, 7.2, y, strokeColor=INK, strokeWidth=0.9) for y in (16, 21, 26, 38, 43)]
    shapes = [
        Rect(7, 7, 8, 40, rx=4, ry=4, fillColor=PAPER, strokeColor=INK, strokeWidth=1.6),
        Circle(11, 7, 6.5, fillColor=ALERT_INK, strokeColor=None),
        Rect(9.2, 7, 3.6, mark - 7, fillColor=ALERT_INK, strokeColor=None),
        *ticks,
        Line(3, mark, 21, mark, strokeColor=ALERT_INK, strokeWidth=2.6),
        Polygon([21, mark, 25, mark + 3, 25, mark - 3], fillColor=ALERT_INK, strokeColor=None),
    ]
    scale = height / 48.0
    drawing = Drawing(26 * scale, height)
    group = Group(*shapes)
    group.scale(scale, scale)
    group.translate(0, 0.5)
    drawing.add(group)
    return drawing


def _face(cx: float, cy: float, r: float, mood: float, stroke: float) -> list:
    """A round face; ``mood`` from 1 (smiling) through 0 (straight mouth) to -1 (frowning)."""
    mouth = Path(strokeColor=INK, strokeWidth=stroke, fillColor=None, strokeLineCap=1)
    y = cy - r * 0.38
    mouth.moveTo(cx - r * 0.45, y + mood * r * 0.12)
    mouth.curveTo(cx - r * 0.15, y - mood * r * 0.28, cx + r * 0.15, y - mood * r * 0.28,
                  cx + r * 0.45, y + mood * r * 0.12)
    return [
        Circle(cx, cy, r, fillColor=PAPER, strokeColor=INK, strokeWidth=stroke),
        Circle(cx - r * 0.35, cy + r * 0.25, r * 0.12, fillColor=INK, strokeColor=None),
        Circle(cx + r * 0.35, cy + r * 0.25, r * 0.12, fillColor=INK, strokeColor=None),
        mouth,
    ]


def rating_scale(width: float, size: float, font: str, bold: str, low: str, high: str,
                 number_size: float | None = None) -> Drawing:
    """One row: a smiling face and ``low`` ("0 = none"), 0 to 10 in boxes, ``high`` ("10 = worst") and a frown."""
    number_size = number_size or size
    box_h = size * 1.4
    face_r = box_h * 0.42
    gap = size * 0.4
    low_w, high_w = stringWidth(low, font, size), stringWidth(high, font, size)
    left = 2 * face_r + gap + low_w + gap
    right = gap + high_w + gap + 2 * face_r
    cell = (width - left - right) / 11
    baseline = box_h / 2 - size * 0.35
    stroke = max(1.0, size / 12)
    shapes: list = [*_face(face_r + 0.5, box_h / 2, face_r, 1, stroke),
                    String(2 * face_r + gap, baseline, low, fontName=font, fontSize=size, fillColor=INK)]
    for n in range(11):
        x = left + n * cell
        shapes.append(Rect(x + 1, 0.5, cell - 2, box_h - 1, rx=3, ry=3, fillColor=PAPER, strokeColor=RULE,
                           strokeWidth=1))
        shapes.append(String(x + cell / 2, box_h / 2 - number_size * 0.35, str(n), fontName=bold,
                             fontSize=number_size, fillColor=INK, textAnchor="middle"))
    shapes.append(String(width - 2 * face_r - gap, baseline, high, fontName=font, fontSize=size, fillColor=INK,
                         textAnchor="end"))
    shapes += _face(width - face_r - 0.5, box_h / 2, face_r, -1, stroke)
    drawing = Drawing(width, box_h)
    for shape in shapes:
        drawing.add(shape)
    return drawing


def spine(height: float) -> Drawing:
    """The backbone from the side: five vertebrae, the spinal cord in the canal behind them, and
    the middle vertebra (dark: cancer in the bone) bulging back into the cord, which bends
    round it; a ring marks where it presses.

    Front is on the left.  Each vertebra is a block (its body) and, behind the cord, a spur
    (its arch), so the cord is seen running inside the bones.
    """
    stroke = 1.6
    tops = (62, 49.5, 37, 24.5, 12)  # each vertebra's top; blocks 10 high, a 2.5 disc between
    shapes: list = []
    for n, top in enumerate(tops):
        shapes.append(Rect(2, top - 10, 16, 10, rx=2.2, ry=2.2, fillColor=INK if n == 2 else PAPER,
                           strokeColor=INK, strokeWidth=stroke))
        # The arch: a spur behind the cord, pointing back and down.
        shapes.append(Polygon([27, top - 0.8, 31.5, top - 1.8, 37, top - 7.5, 35, top - 9.8, 27, top - 8],
                              fillColor=PAPER, strokeColor=INK, strokeWidth=stroke, strokeLineJoin=1))
    middle = tops[2] - 5
    # The bulge: the sick vertebra pushes back into the canal.
    shapes.append(Polygon([17.5, middle + 4.5, 22.3, middle + 1.2, 22.3, middle - 1.2, 17.5, middle - 4.5],
                          fillColor=INK, strokeColor=INK, strokeWidth=stroke, strokeLineJoin=1))
    # The cord: straight down the canal, bent back where the bone presses on it.
    cord = Path(strokeColor=INK, strokeWidth=3.2, fillColor=None, strokeLineCap=1, strokeLineJoin=1)
    x = 22.5
    cord.moveTo(x, 64)
    cord.lineTo(x, middle + 7)
    cord.curveTo(x, middle + 4, x + 2.4, middle + 3, x + 2.4, middle)
    cord.curveTo(x + 2.4, middle - 3, x, middle - 4, x, middle - 7)
    cord.lineTo(x, 0)
    shapes.append(cord)
    # The marker: a ring round the place where bone meets cord, a white edge keeping it apart.
    shapes.append(Circle(22, middle, 10.5, fillColor=None, strokeColor=PAPER, strokeWidth=4))
    shapes.append(Circle(22, middle, 10.5, fillColor=None, strokeColor=INK, strokeWidth=2))
    width_units, height_units = 38.5, 64.0
    scale = height / height_units
    drawing = Drawing(width_units * scale, height)
    group = Group(*shapes)
    group.scale(scale, scale)
    drawing.add(group)
    return drawing


#: The drawing for each ``PlannedPicture.name`` (``constants.SECTION_PICTURES``).
SECTION_PICTURES = {"spine": spine}
