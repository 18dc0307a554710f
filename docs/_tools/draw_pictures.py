"""Draw the curriculum's pictures (lessons/<band>/pictures/*.svg): flat shapes, thick outlines.

Original drawings by the lessonkit contributors, under the content's licence (CC BY 4.0).
Run from the repository: python docs/_tools/draw_pictures.py. The SVGs hold only shapes (no
text, script, fonts or outside references), so they print the same everywhere and pass
``lessonkit check``. A few colours, and outlines that carry the shapes in black and white.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

INK = "#222222"
LINE = 5
SKIN = {"deep": "#6b4226", "brown": "#a0673c", "tan": "#d29a6a", "light": "#f2c9a0", "olive": "#c49a6c"}
HAIR = {"black": "#1f1a17", "brown": "#5a3a22", "ginger": "#b5562b", "grey": "#b8b8b8", "blond": "#e3c16f"}
CLOTHES = {"teal": "#2a9d8f", "yellow": "#f4c542", "coral": "#e76f51", "blue": "#5b8fd6", "purple": "#8e6bbf",
           "green": "#7cb35b", "white": "#ffffff"}
NOTICE = "Drawn for lessonkit by the lessonkit contributors. Licence: CC BY 4.0."


def svg(title: str, body: str, width: int = 200, height: int = 200) -> str:
    """A picture drawn in a 200 by 200 box, shown at ``width`` by ``height`` pixels unless told otherwise."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {title}. {NOTICE} -->\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 200 200" stroke-linecap="round" stroke-linejoin="round">\n'
            f'<title>{title}</title>\n{body}</svg>\n')


def pts(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def limb(points: list[tuple[float, float]], colour: str, width: float = 13) -> str:
    """An arm or a leg: a thick outlined line (ink underneath, colour on top)."""
    p = pts(points)
    return (f'<polyline points="{p}" fill="none" stroke="{INK}" stroke-width="{width + 2 * LINE - 1}"/>\n'
            f'<polyline points="{p}" fill="none" stroke="{colour}" stroke-width="{width}"/>\n')


def circle(x: float, y: float, r: float, fill: str, stroke: str = INK, width: float = LINE) -> str:
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>\n'


def path(d: str, fill: str = "none", width: float = LINE) -> str:
    return f'<path d="{d}" fill="{fill}" stroke="{INK}" stroke-width="{width}"/>\n'


def face(x: float, y: float, r: float, mood: str = "smile", look: float = 0) -> str:
    ex = r * 0.38
    out = (circle(x - ex + look, y - r * 0.05, r * 0.09, INK, width=0)
           + circle(x + ex + look, y - r * 0.05, r * 0.09, INK, width=0))
    if mood == "smile":
        out += path(f"M{x - r * 0.35 + look:.1f},{y + r * 0.3:.1f} Q{x + look:.1f},{y + r * 0.62:.1f} "
                    f"{x + r * 0.35 + look:.1f},{y + r * 0.3:.1f}", width=3.5)
    elif mood == "big":
        out += path(f"M{x - r * 0.42 + look:.1f},{y + r * 0.25:.1f} Q{x + look:.1f},{y + r * 0.85:.1f} "
                    f"{x + r * 0.42 + look:.1f},{y + r * 0.25:.1f} Z", fill="#ffffff", width=3.5)
    elif mood == "talk":
        out += f'<ellipse cx="{x + look:.1f}" cy="{y + r * 0.42:.1f}" rx="{r * 0.16:.1f}" ry="{r * 0.2:.1f}" ' \
               f'fill="{INK}"/>\n'
    elif mood == "calm":
        out += path(f"M{x - r * 0.25 + look:.1f},{y + r * 0.38:.1f} L{x + r * 0.25 + look:.1f},{y + r * 0.38:.1f}",
                    width=3.5)
    return out


def hair(x: float, y: float, r: float, style: str, colour: str) -> str:
    """Hair drawn before the head (behind it) and a fringe after: returns (behind, front)."""
    if style == "short":
        return path(f"M{x - r * 1.02:.1f},{y + r * 0.1:.1f} A{r * 1.05:.1f},{r * 1.05:.1f} 0 0 1 "
                    f"{x + r * 1.02:.1f},{y + r * 0.1:.1f} Q{x + r * 0.6:.1f},{y - r * 0.2:.1f} "
                    f"{x - r * 0.1:.1f},{y - r * 0.3:.1f} Q{x - r * 0.7:.1f},{y - r * 0.3:.1f} "
                    f"{x - r * 1.02:.1f},{y + r * 0.1:.1f} Z", fill=colour)
    if style == "curly":
        out = ""
        for angle in range(180, 361, 30):
            a = math.radians(angle)
            out += circle(x + math.cos(a) * r * 0.95, y + math.sin(a) * r * 0.95, r * 0.36, colour)
        return out
    if style == "bun":
        return circle(x, y - r * 1.05, r * 0.42, colour) + path(
            f"M{x - r * 1.02:.1f},{y:.1f} A{r * 1.05:.1f},{r * 1.05:.1f} 0 0 1 {x + r * 1.02:.1f},{y:.1f} "
            f"Q{x:.1f},{y - r * 0.6:.1f} {x - r * 1.02:.1f},{y:.1f} Z", fill=colour)
    if style == "long":
        return path(f"M{x - r * 1.1:.1f},{y + r * 1.3:.1f} L{x - r * 1.1:.1f},{y - r * 0.1:.1f} "
                    f"A{r * 1.1:.1f},{r * 1.1:.1f} 0 0 1 {x + r * 1.1:.1f},{y - r * 0.1:.1f} "
                    f"L{x + r * 1.1:.1f},{y + r * 1.3:.1f} Z", fill=colour)
    if style == "hijab":
        return path(f"M{x - r * 1.25:.1f},{y + r * 1.7:.1f} L{x - r * 1.25:.1f},{y - r * 0.1:.1f} "
                    f"A{r * 1.25:.1f},{r * 1.25:.1f} 0 0 1 {x + r * 1.25:.1f},{y - r * 0.1:.1f} "
                    f"L{x + r * 1.25:.1f},{y + r * 1.7:.1f} Z", fill=colour)
    if style == "puffs":
        return (circle(x - r * 1.05, y - r * 0.55, r * 0.5, colour) + circle(x + r * 1.05, y - r * 0.55, r * 0.5, colour)
                + path(f"M{x - r * 1.02:.1f},{y:.1f} A{r * 1.05:.1f},{r * 1.05:.1f} 0 0 1 {x + r * 1.02:.1f},{y:.1f} "
                       f"Q{x:.1f},{y - r * 0.5:.1f} {x - r * 1.02:.1f},{y:.1f} Z", fill=colour))
    return ""


def head(x: float, y: float, r: float, skin: str, style: str, colour: str, mood: str = "smile",
         look: float = 0) -> str:
    behind = hair(x, y, r, style, colour) if style in ("long", "hijab", "puffs", "bun") else ""
    front = hair(x, y, r, style, colour) if style in ("short", "curly") else ""
    if style == "hijab":  # the face shows inside the scarf
        return behind + circle(x, y, r, skin) + face(x, y, r, mood, look)
    return behind + circle(x, y, r, skin) + front + face(x, y + r * 0.05, r, mood, look)


def body(x: float, top: float, bottom: float, width: float, colour: str, dress: bool = False) -> str:
    """A torso: a rounded shirt (or a dress, wider at the hem)."""
    w, h = width / 2, bottom - top
    if dress:
        return path(f"M{x - w * 0.8:.1f},{top:.1f} L{x + w * 0.8:.1f},{top:.1f} L{x + w * 1.3:.1f},{bottom:.1f} "
                    f"L{x - w * 1.3:.1f},{bottom:.1f} Z", fill=colour)
    return (f'<rect x="{x - w:.1f}" y="{top:.1f}" width="{width:.1f}" height="{h:.1f}" rx="{w * 0.55:.1f}" '
            f'fill="{colour}" stroke="{INK}" stroke-width="{LINE}"/>\n')


def hand(x: float, y: float, skin: str, r: float = 8) -> str:
    return circle(x, y, r, skin)


def shoe(x: float, y: float, toward: float = 1) -> str:
    return (f'<ellipse cx="{x + 5 * toward:.1f}" cy="{y:.1f}" rx="12" ry="6.5" fill="{INK}" '
            f'stroke="{INK}" stroke-width="2"/>\n')


def child(x: float, y: float, skin: str, hair_style: str, hair_colour: str, shirt: str, trousers: str, *,
          left_arm: list[tuple[float, float]] | None = None, right_arm: list[tuple[float, float]] | None = None,
          legs: tuple[list[tuple[float, float]], list[tuple[float, float]]] | None = None, mood: str = "smile",
          scale: float = 1.0, dress: bool = False, look: float = 0, hands: bool = True) -> str:
    """A standing child whose head is centred at (x, y); arms and legs are lists of points from the shoulder/hip.

    Points are relative to (x, y), in units of the default size; ``scale`` makes a taller or smaller person.
    """
    s = scale

    def at(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(x + px * s, y + py * s) for px, py in points]

    left_arm = left_arm or [(-18, 36), (-26, 60), (-28, 82)]
    right_arm = right_arm or [(18, 36), (26, 60), (28, 82)]
    left_leg, right_leg = legs or ([(-9, 88), (-11, 118), (-12, 132)], [(9, 88), (11, 118), (12, 132)])
    out = limb(at(left_leg), trousers, 14 * s) + limb(at(right_leg), trousers, 14 * s)
    out += shoe(*at(left_leg)[-1], toward=-1) + shoe(*at(right_leg)[-1])
    out += limb(at(left_arm), skin, 11 * s) + limb(at(right_arm), skin, 11 * s)
    out += body(x, y + 26 * s, y + 94 * s, 42 * s, shirt, dress)
    # sleeves over the shoulders
    out += limb(at(left_arm[:2]), shirt, 12 * s)[: 0] + limb(at([left_arm[0], _mid(left_arm[0], left_arm[1])]),
                                                               shirt, 12 * s)
    out += limb(at([right_arm[0], _mid(right_arm[0], right_arm[1])]), shirt, 12 * s)
    if hands:
        out += hand(*at(left_arm)[-1], skin, 7.5 * s) + hand(*at(right_arm)[-1], skin, 7.5 * s)
    out += head(x, y, 24 * s, skin, hair_style, hair_colour, mood, look)
    return out


def _mid(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def palm(x: float, y: float, size: float, skin: str, rotate: float = 0) -> str:
    """An open hand, fingers up, palm to the viewer (a stop hand, or the helping hand's outline).

    Drawn twice: every part in thick ink, then every part in skin on top, so that the outline
    goes round the whole hand and no line crosses where a finger joins the palm.
    """
    s = size / 100
    parts = [f'<rect x="{fx - half:.1f}" y="{top:.1f}" width="{2 * half:.1f}" height="{-top + 20:.1f}" rx="{half:.1f}"'
             for fx, top, half in [(-28.5, -52, 8), (-9.5, -62, 8), (9.5, -60, 8), (28.5, -46, 8)]]
    parts.append('<rect x="-11" y="-46" width="22" height="56" rx="11" transform="translate(-36,26) rotate(-40)"')
    parts.append('<path d="M-38,-6 L38,-6 Q40,-6 40,0 L38,42 Q34,66 10,68 L-12,68 Q-36,66 -38,42 Z"')
    out = f'<g transform="translate({x:.1f},{y:.1f}) rotate({rotate}) scale({s:.3f})">\n'
    out += "".join(f'{part} fill="{INK}" stroke="{INK}" stroke-width="{2 * LINE / s:.1f}"/>\n' for part in parts)
    out += "".join(f'{part} fill="{skin}" stroke="none"/>\n' for part in parts)
    return out + "</g>\n"


def stop_hand() -> str:
    body_ = circle(100, 100, 92, "#ffffff", width=0)
    body_ += (f'<polygon points="{pts(_octagon(100, 100, 90))}" fill="{CLOTHES["coral"]}" stroke="{INK}" '
              f'stroke-width="{LINE}"/>\n')
    body_ += palm(100, 108, 108, SKIN["tan"])
    return svg("A hand held up to say stop", body_)


def _octagon(x: float, y: float, r: float) -> list[tuple[float, float]]:
    return [(x + r * math.cos(math.radians(22.5 + 45 * i)), y + r * math.sin(math.radians(22.5 + 45 * i)))
            for i in range(8)]


def party_hat() -> str:
    out = ""
    confetti = [(30, 40, "teal"), (165, 50, "coral"), (40, 150, "blue"), (170, 140, "purple"), (25, 95, "yellow"),
                (175, 95, "green"), (60, 25, "purple"), (145, 170, "teal")]
    for cx, cy, colour in confetti:
        out += (f'<rect x="{cx - 6}" y="{cy - 3}" width="12" height="6" rx="2" fill="{CLOTHES[colour]}" '
                f'stroke="{INK}" stroke-width="2.5" transform="rotate({(cx * 7) % 90 - 45} {cx} {cy})"/>\n')
    out += path("M100,28 L150,168 Q100,186 50,168 Z", fill=CLOTHES["yellow"])
    # stripes, clipped by hand to the cone
    out += path("M84,73 Q100,80 117,73", width=LINE)
    out += path("M68,118 Q100,130 133,118", width=LINE)
    for dx, dy, colour in [(-5, 98, "coral"), (16, 100, "teal"), (-20, 146, "blue"), (2, 152, "coral"),
                           (24, 146, "purple")]:
        out += circle(100 + dx, dy, 6, CLOTHES[colour], width=3)
    out += path("M50,168 Q100,186 150,168", width=LINE)
    out += circle(100, 24, 13, CLOTHES["coral"])
    return svg("A party hat with stripes and confetti", out)


def hug() -> str:
    """Side by side, one arm over the other's shoulders, the other's hand round the first one's waist."""
    right = child(124, 54, SKIN["light"], "short", HAIR["ginger"], CLOTHES["teal"], CLOTHES["purple"],
                  left_arm=[(-18, 36), (-26, 56), (-30, 62)], look=-3, hands=False)
    left = child(76, 54, SKIN["brown"], "puffs", HAIR["black"], CLOTHES["yellow"], CLOTHES["blue"],
                 right_arm=[(18, 36), (36, 22), (62, 30)], look=3)
    # the right child's arm goes behind the left child: only its hand shows, at the left child's waist
    waist = hand(76 - 19, 54 + 60, SKIN["light"])
    heart = path("M100,22 C92,10 76,16 84,30 L100,44 L116,30 C124,16 108,10 100,22 Z", fill=CLOTHES["coral"], width=4)
    return svg("Two children giving each other a hug", heart + right + left + waist)


def high_five() -> str:
    left = child(58, 70, SKIN["deep"], "short", HAIR["black"], CLOTHES["coral"], CLOTHES["blue"],
                 right_arm=[(18, 36), (34, 10), (40, -16)], scale=0.9, look=3)
    right = child(142, 70, SKIN["olive"], "long", HAIR["brown"], CLOTHES["green"], CLOTHES["teal"],
                  left_arm=[(-18, 36), (-34, 10), (-40, -16)], scale=0.9, look=-3, dress=True)
    spark = "".join(path(f"M{100 + dx},{26 + dy} L{100 + dx * 1.8},{26 + dy * 1.8}", width=4)
                    for dx, dy in [(-8, -12), (0, -15), (8, -12)])
    return svg("Two children giving each other a high five", left + right + spark)


def wheelchair_child(x: float, y: float, skin: str, hair_style: str, hair_colour: str, shirt: str, trousers: str,
                     right_arm: list[tuple[float, float]], mood: str = "smile") -> str:
    """A child sitting in a wheelchair, facing the viewer a little to the right; head at (x, y)."""
    out = ""
    # chair: big wheel behind, seat, back, footrest, small caster
    out += circle(x - 4, y + 104, 46, "#ffffff")
    out += circle(x - 4, y + 104, 36, "none", width=3)
    out += circle(x - 4, y + 104, 6, INK, width=0)
    out += path(f"M{x - 30},{y + 30} L{x - 26},{y + 82} L{x + 30},{y + 82}", width=LINE + 2)
    out += path(f"M{x + 30},{y + 82} L{x + 40},{y + 128} L{x + 56},{y + 128}", width=LINE)
    out += circle(x + 40, y + 142, 8, "#ffffff")
    # legs: thighs forward on the seat, shins down to the footrest
    out += limb([(x - 6, y + 80), (x + 32, y + 80), (x + 40, y + 120)], trousers, 14)
    out += f'<ellipse cx="{x + 50}" cy="{y + 122}" rx="12" ry="6.5" fill="{INK}"/>\n'
    out += body(x, y + 26, y + 86, 40, shirt)
    out += limb([(x - 16, y + 36), (x - 10, y + 62), (x + 8, y + 72)], skin, 11)
    out += limb([(x + 16, y + 36)] + [(x + px, y + py) for px, py in right_arm], skin, 11)
    out += limb([(x + 16, y + 36), (x + 16 + (right_arm[0][0] - 16) / 2, y + 36 + (right_arm[0][1] - 36) / 2)],
                shirt, 12)
    out += hand(x + 8, y + 72, skin) + hand(x + right_arm[-1][0], y + right_arm[-1][1], skin)
    out += head(x, y, 24, skin, hair_style, hair_colour, mood)
    return out


def wave() -> str:
    out = wheelchair_child(88, 40, SKIN["light"], "bun", HAIR["brown"], CLOTHES["purple"], CLOTHES["blue"],
                           right_arm=[(34, 22), (48, -4)])
    out += "".join(path(f"M{x},{y} Q{x + 8},{y - 6} {x + 4},{y - 16}", width=4)
                   for x, y in [(150, 40), (160, 30)])
    return svg("A child in a wheelchair waving hello", out)


def fist_bump() -> str:
    left = child(55, 70, SKIN["tan"], "curly", HAIR["black"], CLOTHES["blue"], CLOTHES["coral"],
                 right_arm=[(18, 36), (32, 44), (42, 40)], scale=0.9, hands=False, look=3)
    right = child(145, 70, SKIN["brown"], "hijab", CLOTHES["teal"], CLOTHES["yellow"], CLOTHES["purple"],
                  left_arm=[(-18, 36), (-32, 44), (-42, 40)], scale=0.9, hands=False, look=-3)
    fists = (f'<rect x="80" y="96" width="19" height="19" rx="6" fill="{SKIN["tan"]}" stroke="{INK}" '
             f'stroke-width="{LINE}"/>\n<rect x="101" y="96" width="19" height="19" rx="6" fill="{SKIN["brown"]}" '
             f'stroke="{INK}" stroke-width="{LINE}"/>\n')
    # the other hands at their sides
    others = hand(55 - 28 * 0.9, 70 + 82 * 0.9, SKIN["tan"], 7) + hand(145 + 28 * 0.9, 70 + 82 * 0.9, SKIN["brown"], 7)
    spark = "".join(path(f"M{100 + dx},{90 + dy} L{100 + dx * 1.7},{90 + dy * 1.7}", width=4)
                    for dx, dy in [(-6, -10), (0, -13), (6, -10)])
    return svg("Two children bumping fists", left + right + fists + others + spark)


def smile() -> str:
    out = head(100, 100, 60, SKIN["olive"], "curly", HAIR["brown"], "big")
    out += (f'<ellipse cx="62" cy="112" rx="10" ry="6" fill="{CLOTHES["coral"]}" opacity="0.6"/>\n'
            f'<ellipse cx="138" cy="112" rx="10" ry="6" fill="{CLOTHES["coral"]}" opacity="0.6"/>\n')
    out += path("M72,168 Q100,194 128,168", width=0) if False else ""
    return svg("A child's face with a big smile", out)


def go_walk() -> str:
    out = child(82, 40, SKIN["deep"], "puffs", HAIR["black"], CLOTHES["teal"], CLOTHES["blue"],
                left_arm=[(-18, 36), (-30, 56), (-40, 72)], right_arm=[(18, 36), (30, 56), (38, 74)],
                legs=([(-9, 88), (-24, 114), (-30, 132)], [(9, 88), (20, 112), (30, 130)]), look=5)
    # walking away to the right: an arrow and motion lines
    out += path("M150,150 L184,150 M172,138 L186,150 L172,162", width=LINE + 1)
    out += "".join(path(f"M{x},{y} L{x - 16},{y}", width=4) for x, y in [(30, 90), (26, 110), (30, 130)])
    return svg("A child walking away", out)


def tell_adult(question: bool = False) -> str:
    adult = child(62, 44, SKIN["brown"], "bun", HAIR["grey"], CLOTHES["green"], CLOTHES["blue"], scale=1.15,
                  right_arm=[(18, 36), (30, 56), (44, 66)], mood="calm", look=4, dress=True)
    glasses = (circle(62 - 9 * 1.15 + 4, 44, 7, "none", width=2.5) + circle(62 + 9 * 1.15 + 4, 44, 7, "none", width=2.5)
               + path(f"M{62 - 2 + 4},{44} L{62 + 2 + 4},{44}", width=2.5))
    kid = child(148, 94, SKIN["light"], "short", HAIR["blond"], CLOTHES["yellow"], CLOTHES["coral"], scale=0.72,
                mood="talk", look=-4, left_arm=[(-18, 36), (-30, 30), (-32, 12)])
    bubble = path("M120,14 L180,14 Q190,14 190,24 L190,48 Q190,58 180,58 L150,58 L140,70 L140,58 L120,58 "
                  "Q110,58 110,48 L110,24 Q110,14 120,14 Z", fill="#ffffff")
    if question:
        bubble += path("M142,28 Q142,20 150,20 Q158,20 158,28 Q158,34 150,37 L150,42", width=4.5)
        bubble += circle(150, 50, 3, INK, width=0)
        return svg("A child asking a grown-up a question", adult + glasses + kid + bubble)
    bubble += "".join(circle(x, 36, 4.5, INK, width=0) for x in (134, 150, 166))
    return svg("A child telling a grown-up something", adult + glasses + kid + bubble)


def helping_hand() -> str:
    out = palm(100, 112, 124, "#ffffff")
    return svg("The outline of a hand with five fingers, one for each trusted adult", out, 240, 240)


def swimsuit() -> str:
    skin, suit = SKIN["tan"], CLOTHES["blue"]
    x, y = 100, 42
    out = limb([(x - 10, y + 98), (x - 12, y + 150)], skin, 16) + limb([(x + 10, y + 98), (x + 12, y + 150)], skin, 16)
    out += limb([(x - 20, y + 40), (x - 32, y + 72), (x - 36, y + 100)], skin, 13)
    out += limb([(x + 20, y + 40), (x + 32, y + 72), (x + 36, y + 100)], skin, 13)
    out += hand(x - 36, y + 102, skin, 8) + hand(x + 36, y + 102, skin, 8)
    out += (f'<ellipse cx="{x - 14}" cy="{y + 152}" rx="11" ry="5.5" fill="{skin}" stroke="{INK}" '
            f'stroke-width="{LINE}"/>\n<ellipse cx="{x + 14}" cy="{y + 152}" rx="11" ry="5.5" fill="{skin}" '
            f'stroke="{INK}" stroke-width="{LINE}"/>\n')
    # torso in skin, then a one-piece bathing suit from the chest to the tops of the legs
    out += path(f"M{x - 22},{y + 30} Q{x},{y + 24} {x + 22},{y + 30} L{x + 24},{y + 104} L{x - 24},{y + 104} Z",
                fill=skin)
    out += path(f"M{x - 14},{y + 32} L{x - 12},{y + 46} L{x + 12},{y + 46} L{x + 14},{y + 32} L{x + 22},{y + 34} "
                f"L{x + 24},{y + 100} Q{x + 14},{y + 112} {x},{y + 110} Q{x - 14},{y + 112} {x - 24},{y + 100} "
                f"L{x - 22},{y + 34} Z", fill=suit)
    out += head(x, y, 26, skin, "short", HAIR["brown"], "smile")
    return svg("A child in a one-piece bathing suit", out)


# -- icons for the 8-10 signs and sorting cards -------------------------------------------


def bubble(x: float, y: float, w: float, h: float, fill: str, tail: str = "left") -> str:
    """A speech bubble whose top left corner is (x, y), its tail below on the left or the right."""
    r = 12
    tx = x + w * 0.25 if tail == "left" else x + w * 0.75
    d = (f"M{x + r},{y} L{x + w - r},{y} Q{x + w},{y} {x + w},{y + r} L{x + w},{y + h - r} "
         f"Q{x + w},{y + h} {x + w - r},{y + h} ")
    if tail == "left":
        d += f"L{tx + 10},{y + h} L{tx - 8},{y + h + 18} L{tx - 2},{y + h} "
    else:
        d += f"L{tx + 2},{y + h} L{tx + 8},{y + h + 18} L{tx - 10},{y + h} "
    d += f"L{x + r},{y + h} Q{x},{y + h} {x},{y + h - r} L{x},{y + r} Q{x},{y} {x + r},{y} Z"
    return path(d, fill=fill)


def heart(x: float, y: float, size: float, fill: str) -> str:
    s = size / 30
    return path(f"M{x},{y - 8 * s} C{x - 8 * s},{y - 22 * s} {x - 30 * s},{y - 14 * s} {x - 20 * s},{y + 2 * s} "
                f"L{x},{y + 20 * s} L{x + 20 * s},{y + 2 * s} C{x + 30 * s},{y - 14 * s} {x + 8 * s},{y - 22 * s} "
                f"{x},{y - 8 * s} Z", fill=fill, width=4.5)


def friendly() -> str:
    out = bubble(22, 30, 110, 76, CLOTHES["yellow"]) + face(77, 66, 30, "smile")
    out += bubble(78, 96, 100, 68, CLOTHES["teal"], tail="right") + heart(128, 132, 30, CLOTHES["coral"])
    return svg("Two friendly speech bubbles, a smile and a heart", out)


def padlock() -> str:
    out = path("M68,96 L68,66 Q68,30 100,30 Q132,30 132,66 L132,96", width=LINE + 9)
    out += path("M68,96 L68,66 Q68,30 100,30 Q132,30 132,66 L132,96", width=0)
    out += (f'<path d="M68,96 L68,66 Q68,30 100,30 Q132,30 132,66 L132,96" fill="none" stroke="#d9d9d9" '
            f'stroke-width="{LINE + 1}"/>\n')
    out += f'<rect x="48" y="90" width="104" height="86" rx="14" fill="{CLOTHES["yellow"]}" stroke="{INK}" ' \
           f'stroke-width="{LINE}"/>\n'
    out += circle(100, 124, 11, INK, width=0) + path("M100,128 L100,152", width=9)
    return svg("A closed padlock", out)


def okay_to_share() -> str:
    out = bubble(30, 34, 140, 104, CLOTHES["green"])
    out += path("M66,86 L92,110 L136,62", width=LINE + 7)
    out += f'<path d="M66,86 L92,110 L136,62" fill="none" stroke="#ffffff" stroke-width="{LINE + 1}"/>\n'
    return svg("A speech bubble with a check mark", out)


def no_sign(x: float, y: float, r: float) -> str:
    """A red circle with a slash over what is drawn before it."""
    return (circle(x, y, r, "none", stroke=CLOTHES["coral"], width=12)
            + path(f"M{x - r * 0.7:.1f},{y - r * 0.7:.1f} L{x + r * 0.7:.1f},{y + r * 0.7:.1f}", width=0)
            + f'<path d="M{x - r * 0.7:.1f},{y - r * 0.7:.1f} L{x + r * 0.7:.1f},{y + r * 0.7:.1f}" '
              f'stroke="{CLOTHES["coral"]}" stroke-width="12"/>\n')


def dont_forward() -> str:
    out = heart(72, 96, 44, "#ffffff")
    out += path("M104,118 Q112,78 150,78 L150,64 L174,90 L150,116 L150,102 Q122,102 104,118 Z", fill="#ffffff")
    out += no_sign(100, 100, 84)
    return svg("A heart and a forward arrow, crossed out", out)


def phone(x: float, y: float, w: float, h: float, colour: str = "#ffffff") -> str:
    return (f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="14" fill="{INK}" stroke="{INK}" '
            f'stroke-width="{LINE}"/>\n<rect x="{x + 8}" y="{y + 18}" width="{w - 16}" height="{h - 36}" rx="4" '
            f'fill="{colour}"/>\n' + circle(x + w / 2, y + h - 9, 4, "#ffffff", width=0))


def check_in_privately() -> str:
    out = phone(60, 20, 80, 160)
    out += bubble(72, 48, 56, 40, CLOTHES["teal"]) + heart(100, 68, 18, CLOTHES["coral"])
    out += bubble(76, 112, 48, 30, CLOTHES["yellow"], tail="right")
    out += "".join(circle(x, 127, 3.5, INK, width=0) for x in (88, 100, 112))
    return svg("A phone with a kind private message", out)


def save_words() -> str:
    out = phone(30, 14, 84, 164)
    for y, w in ((40, 50), (74, 40), (108, 54)):
        out += f'<rect x="42" y="{y}" width="{w}" height="24" rx="8" fill="#e8e8e8" stroke="{INK}" stroke-width="3"/>\n'
        out += path(f"M50,{y + 9} L{34 + w},{y + 9} M50,{y + 16} L{26 + w},{y + 16}", width=2.5)
    out += path("M140,60 L140,120 M122,104 L140,122 L158,104", width=LINE + 2)
    out += path("M118,140 L118,170 L164,170 L164,140", fill="none", width=LINE + 1)
    return svg("A phone's messages, saved as words", out)


def name_tag() -> str:
    out = f'<rect x="26" y="50" width="148" height="108" rx="12" fill="#ffffff" stroke="{INK}" stroke-width="{LINE}"/>\n'
    out += f'<rect x="26" y="50" width="148" height="34" rx="12" fill="{CLOTHES["blue"]}" stroke="{INK}" ' \
           f'stroke-width="{LINE}"/>\n'
    out += f'<rect x="84" y="36" width="32" height="22" rx="5" fill="#d9d9d9" stroke="{INK}" stroke-width="4"/>\n'
    out += path("M48,112 L152,112 M48,136 L124,136", width=LINE + 2)
    return svg("A name tag", out)


def house() -> str:
    out = f'<rect x="46" y="92" width="108" height="84" fill="{CLOTHES["yellow"]}" stroke="{INK}" stroke-width="{LINE}"/>\n'
    out += path("M30,98 L100,34 L170,98 Z", fill=CLOTHES["coral"])
    out += f'<rect x="86" y="124" width="30" height="52" rx="3" fill="{CLOTHES["blue"]}" stroke="{INK}" ' \
           f'stroke-width="{LINE}"/>\n'
    out += f'<rect x="56" y="108" width="22" height="22" fill="#ffffff" stroke="{INK}" stroke-width="4"/>\n'
    out += f'<rect x="124" y="108" width="22" height="22" fill="#ffffff" stroke="{INK}" stroke-width="4"/>\n'
    return svg("A house", out)


def key() -> str:
    out = circle(62, 100, 34, CLOTHES["yellow"]) + circle(62, 100, 11, "#ffffff", width=4)
    out += path("M96,94 L170,94 L170,120 L156,120 L156,106 L142,106 L142,118 L128,118 L128,106 L96,106 Z",
                fill=CLOTHES["yellow"])
    return svg("A key", out)


def phone_number() -> str:
    out = phone(58, 16, 84, 168, "#ffffff")
    for row in range(4):
        for column in range(3):
            out += circle(82 + column * 18, 62 + row * 22, 6.5, CLOTHES["teal"], width=3)
    return svg("A phone with its number pad", out)


def paper_phone() -> str:
    """A phone whose screen is left blank to draw a chat on, with a bar for the username and the
    menu's three dots (where most apps keep block and report)."""
    out = phone(50, 8, 100, 184, "#ffffff")
    out += path("M60,50 L140,50", width=3)
    out += "".join(circle(x, 38, 3, INK, width=0) for x in (124, 131, 138))
    return svg("The outline of a phone to draw a chat on", out)


def school() -> str:
    out = f'<rect x="34" y="86" width="132" height="90" fill="{CLOTHES["coral"]}" stroke="{INK}" stroke-width="{LINE}"/>\n'
    out += path("M24,90 L100,46 L176,90 Z", fill=CLOTHES["blue"])
    out += path("M100,46 L100,14", width=4) + path("M100,16 L126,24 L100,32 Z", fill=CLOTHES["yellow"], width=4)
    out += circle(100, 72, 10, "#ffffff", width=4)
    out += f'<rect x="86" y="132" width="28" height="44" fill="{CLOTHES["yellow"]}" stroke="{INK}" stroke-width="{LINE}"/>\n'
    for x in (48, 126):
        for y in (100, 136):
            out += f'<rect x="{x}" y="{y}" width="26" height="22" fill="#ffffff" stroke="{INK}" stroke-width="4"/>\n'
    return svg("A school", out)


def map_pin() -> str:
    out = f'<ellipse cx="100" cy="172" rx="44" ry="12" fill="#d9d9d9" stroke="{INK}" stroke-width="4"/>\n'
    out += path("M100,170 Q46,108 46,76 A54,54 0 1 1 154,76 Q154,108 100,170 Z", fill=CLOTHES["coral"])
    out += circle(100, 76, 20, "#ffffff")
    return svg("A map pin showing a place", out)


def jersey_photo() -> str:
    out = f'<rect x="22" y="26" width="156" height="148" rx="8" fill="#ffffff" stroke="{INK}" stroke-width="{LINE}"/>\n'
    out += path("M70,52 L88,46 Q100,58 112,46 L130,52 L156,76 L140,96 L128,86 L128,156 L72,156 L72,86 L60,96 "
                "L44,76 Z", fill=CLOTHES["blue"])
    out += path("M72,104 L128,104", width=LINE + 4)
    out += f'<path d="M72,104 L128,104" stroke="{CLOTHES["yellow"]}" stroke-width="{LINE}"/>\n'
    return svg("A photo of a team jersey", out)


def palette_icon() -> str:
    out = path("M100,26 C150,26 182,60 176,102 C172,126 150,124 138,120 C122,116 112,130 124,146 C134,160 120,176 "
               "98,176 C54,176 24,142 24,100 C24,58 56,26 100,26 Z", fill="#f1dcb5")
    for x, y, colour in [(62, 70, "coral"), (98, 52, "yellow"), (138, 66, "teal"), (56, 112, "blue"),
                         (78, 148, "purple")]:
        out += circle(x, y, 13, CLOTHES[colour])
    return svg("A paint palette with colours", out)


def portrait(name: str, skin: str, hair_style: str, hair_colour: str, shirt: str) -> Callable[[], str]:
    """A story character's head and shoulders, for a scenario card that names them."""
    def draw() -> str:
        out = path("M34,196 Q34,138 100,136 Q166,138 166,196 Z", fill=CLOTHES[shirt])
        out += f'<rect x="88" y="116" width="24" height="26" fill="{SKIN[skin]}" stroke="{INK}" stroke-width="{LINE}"/>\n'
        out += head(100, 78, 46, SKIN[skin], hair_style, HAIR.get(hair_colour, CLOTHES.get(hair_colour, INK)))
        return svg(f"Portrait of {name}", out)
    return draw


PICTURES = {
    "ages-5-7/pictures/party-hat.svg": party_hat,
    "ages-5-7/pictures/stop-hand.svg": stop_hand,
    "ages-5-7/pictures/hug.svg": hug,
    "ages-5-7/pictures/high-five.svg": high_five,
    "ages-5-7/pictures/wave.svg": wave,
    "ages-5-7/pictures/fist-bump.svg": fist_bump,
    "ages-5-7/pictures/smile.svg": smile,
    "ages-5-7/pictures/go.svg": go_walk,
    "ages-5-7/pictures/tell.svg": tell_adult,
    "ages-5-7/pictures/helping-hand.svg": helping_hand,
    "ages-5-7/pictures/bathing-suit.svg": swimsuit,
    "ages-8-10/pictures/friendly.svg": friendly,
    "ages-8-10/pictures/stop-hand.svg": stop_hand,
    "ages-8-10/pictures/padlock.svg": padlock,
    "ages-8-10/pictures/okay-to-share.svg": okay_to_share,
    "ages-8-10/pictures/ask.svg": lambda: tell_adult(question=True),
    "ages-8-10/pictures/dont-forward.svg": dont_forward,
    "ages-8-10/pictures/check-in.svg": check_in_privately,
    "ages-8-10/pictures/save-words.svg": save_words,
    "ages-8-10/pictures/tell.svg": tell_adult,
    "ages-8-10/pictures/name-tag.svg": name_tag,
    "ages-8-10/pictures/house.svg": house,
    "ages-8-10/pictures/key.svg": key,
    "ages-8-10/pictures/phone.svg": phone_number,
    "ages-8-10/pictures/paper-phone.svg": paper_phone,
    "ages-8-10/pictures/school.svg": school,
    "ages-8-10/pictures/map-pin.svg": map_pin,
    "ages-8-10/pictures/jersey-photo.svg": jersey_photo,
    "ages-8-10/pictures/palette.svg": palette_icon,
    "ages-8-10/pictures/sami.svg": portrait("Sami", "brown", "short", "black", "blue"),
    "ages-8-10/pictures/mei.svg": portrait("Mei", "light", "long", "black", "coral"),
    "ages-8-10/pictures/kai.svg": portrait("Kai", "tan", "curly", "brown", "green"),
    "ages-8-10/pictures/liam.svg": portrait("Liam", "light", "short", "ginger", "purple"),
    "ages-8-10/pictures/maya.svg": portrait("Maya", "olive", "bun", "brown", "yellow"),
    "ages-8-10/pictures/priya.svg": portrait("Priya", "tan", "long", "black", "teal"),
    "ages-8-10/pictures/lucas.svg": portrait("Lucas", "deep", "curly", "black", "coral"),
    "ages-8-10/pictures/amira.svg": portrait("Amira", "brown", "hijab", "purple", "blue"),
}


def main() -> None:
    lessons = Path(__file__).resolve().parents[2] / "lessons"
    for name, draw in PICTURES.items():
        target = lessons / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(draw(), encoding="utf-8")


if __name__ == "__main__":
    main()
