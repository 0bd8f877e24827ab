"""Small, XML-safe building blocks for the report's SVG drawings (standard library only).

Every drawing is a string of SVG 1.1 / 2 that parses as XML on its own: text is escaped
with html.escape (quotes included), numbers are printed with a fixed precision so the
same design gives byte-identical drawings, and every label is real `<text>`.
"""

from __future__ import annotations

from html import escape

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "font-family:sans-serif"

# Device kinds: a fill colour and a pattern, so kinds stay apart in greyscale too.
KINDS: dict[str, tuple[str, str]] = {
    "server": ("#4e79a7", "diag"),
    "tray": ("#76b7b2", "cross"),
    "switch": ("#f28e2b", "dots"),
    "storage": ("#59a14f", "hlines"),
    "power-shelf": ("#edc948", "vlines"),
    "cdu": ("#b07aa1", "waves"),
    "rack-system": ("#9c755f", "diag"),
}
OTHER = ("#bab0ac", "none")


def esc(text: object) -> str:
    """Text or attribute value, escaped for XML and HTML alike."""
    return escape(str(text), quote=True)


def num(x: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros (deterministic)."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def fig(x: float | None, unit: str = "", digits: int = 1) -> str:
    """A figure for people: thousands separated, its unit after a space."""
    if x is None:
        return "n/a"
    text = f"{x:,.{digits}f}" if isinstance(x, float) else f"{x:,}"
    return f"{text} {unit}".strip()


def attrs(**kw: object) -> str:
    """` name="value"` pairs; trailing underscores dropped, other underscores become
    dashes (class_ -> class, font_size -> font-size); None values left out."""
    parts = []
    for key, value in kw.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(
            f' {name}="{esc(num(value) if isinstance(value, float) else value)}"'
        )
    return "".join(parts)


def rect(x: float, y: float, w: float, h: float, **kw: object) -> str:
    return (
        f"<rect{attrs(x=float(x), y=float(y), width=float(w), height=float(h), **kw)}/>"
    )


def line(x1: float, y1: float, x2: float, y2: float, **kw: object) -> str:
    return (
        f"<line{attrs(x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **kw)}/>"
    )


def text(x: float, y: float, body: str, **kw: object) -> str:
    return f"<text{attrs(x=float(x), y=float(y), **kw)}>{esc(body)}</text>"


def title(body: str) -> str:
    """A tooltip and accessible name."""
    return f"<title>{esc(body)}</title>"


def open_svg(width: float, height: float, label: str, **kw: object) -> str:
    return (
        f'<svg xmlns="{SVG_NS}"'
        f"{attrs(width=float(width), height=float(height))}"
        f' viewBox="0 0 {num(width)} {num(height)}" role="img"'
        f'{attrs(aria_label=label, **kw)} style="{FONT}">'
    )


def patterns(prefix: str = "p") -> str:
    """<defs> with one hatch pattern per device kind (ids `{prefix}-{pattern}`) and one
    for overloaded bars (`{prefix}-over`)."""
    shapes = {
        "diag": '<path d="M0,6 L6,0" stroke="#000" stroke-opacity=".35"/>',
        "cross": '<path d="M0,0 L6,6 M0,6 L6,0" stroke="#000" stroke-opacity=".3"/>',
        "dots": '<circle cx="3" cy="3" r="1.2" fill="#000" fill-opacity=".4"/>',
        "hlines": '<path d="M0,3 L6,3" stroke="#000" stroke-opacity=".35"/>',
        "vlines": '<path d="M3,0 L3,6" stroke="#000" stroke-opacity=".35"/>',
        "waves": '<path d="M0,4 Q1.5,1 3,4 T6,4" fill="none" stroke="#000" '
        'stroke-opacity=".35"/>',
        "over": '<path d="M0,0 L6,6 M0,6 L6,0" stroke="#fff" stroke-width="1.5"/>',
    }
    body = "".join(
        f'<pattern id="{prefix}-{name}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse">{shape}</pattern>'
        for name, shape in shapes.items()
    )
    return f"<defs>{body}</defs>"
