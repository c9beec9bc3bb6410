"""How Word shows a run of text: its properties resolved through the style hierarchy as Word resolves them.

A run's look comes from several levels (ECMA-376 Part 1, 17.7.2): the document defaults, the table's style,
the paragraph's style, the run's character style, and the run's own (direct) formatting. Each style may be
based on another (`basedOn`), whose properties it inherits and may override. A property set directly on the
run wins; otherwise the last level that sets it does. Toggle properties (hidden, bold) combine differently
(17.7.3): each level counts with the first value found up its own `basedOn` chain, and the levels' values
are combined by exclusive or, unless the document defaults switch the property on. So hidden text set by a
paragraph style is hidden, and hidden in a paragraph style and again in a character style is visible.

Only the properties that decide whether a reader can see the text are resolved: hidden, size, colour
(theme colours included), character scale, character spacing, fit-text width, shading and highlight, and
bold (the section finder reads it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from atscheck.model import RGB

Props = dict[str, Any]  # the properties one level states: "hidden", "bold", "size", "color", ...

TOGGLES = ("hidden", "bold")
MAX_BASED_ON = 32  # styles based on styles; a longer chain (or a loop) is cut here

_VAL, _STYLE_ID, _TYPE, _DEFAULT = qn("w:val"), qn("w:styleId"), qn("w:type"), qn("w:default")
_STYLE, _BASED_ON = qn("w:style"), qn("w:basedOn")
_R_PR, _P_PR, _TC_PR = qn("w:rPr"), qn("w:pPr"), qn("w:tcPr")
_SHD, _HIGHLIGHT, _COLOR = qn("w:shd"), qn("w:highlight"), qn("w:color")
_FILL, _THEME_COLOR, _THEME_FILL = qn("w:fill"), qn("w:themeColor"), qn("w:themeFill")
_THEME_TINT, _THEME_SHADE = qn("w:themeTint"), qn("w:themeShade")
_THEME_FILL_TINT, _THEME_FILL_SHADE = qn("w:themeFillTint"), qn("w:themeFillShade")
_DEFAULT_RUN = f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"
_DEFAULT_PARAGRAPH = f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}"
_ON_OFF_FALSE = frozenset({"0", "false", "off"})

# Word's highlight colours by name (ST_HighlightColor).
_HIGHLIGHTS: dict[str, RGB | None] = {
    name: (None if value is None else (value[0] / 255, value[1] / 255, value[2] / 255))
    for name, value in {
        "black": (0, 0, 0),
        "blue": (0, 0, 255),
        "cyan": (0, 255, 255),
        "green": (0, 255, 0),
        "magenta": (255, 0, 255),
        "red": (255, 0, 0),
        "yellow": (255, 255, 0),
        "white": (255, 255, 255),
        "darkBlue": (0, 0, 128),
        "darkCyan": (0, 128, 128),
        "darkGreen": (0, 128, 0),
        "darkMagenta": (128, 0, 128),
        "darkRed": (128, 0, 0),
        "darkYellow": (128, 128, 0),
        "darkGray": (128, 128, 128),
        "lightGray": (192, 192, 192),
        "none": None,
    }.items()
}
_BLACK: RGB = (0.0, 0.0, 0.0)


def is_on(element: etree._Element) -> bool:
    """An on/off property (ST_OnOff): on unless its value says off ("0", "false", "off")."""
    return (element.get(_VAL) or "true").strip().lower() not in _ON_OFF_FALSE


def hex_color(value: str | None) -> RGB | None:
    """An RRGGBB colour; None for "auto" or anything else."""
    if not value or len(value) != 6:
        return None
    try:
        return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255
    except ValueError:
        return None


def _number(element: etree._Element) -> int | None:
    value = (element.get(_VAL) or "").strip().rstrip("%")
    try:
        return int(value)
    except ValueError:
        return None


def _mix(color: RGB, target: float, share: float) -> RGB:
    """`color` with `share` of it kept and the rest moved to `target` (1.0: white, 0.0: black)."""
    rest = target * (1 - share)
    return color[0] * share + rest, color[1] * share + rest, color[2] * share + rest


def _tinted(color: RGB, tint: str | None, shade: str | None) -> RGB:
    """A theme colour lightened toward white (tint) or darkened toward black (shade), each a hex byte."""
    for value, target in ((tint, 1.0), (shade, 0.0)):
        if value:
            try:
                color = _mix(color, target, int(value, 16) / 255)
            except ValueError:
                continue
    return color


_SLOTS = ("dk1", "lt1", "dk2", "lt2", *(f"accent{n}" for n in range(1, 7)), "hlink", "folHlink")
# w:themeColor names -> the colour scheme's slot
_THEME_SLOTS = {
    "dark1": "dk1",
    "light1": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
    **{f"accent{n}": f"accent{n}" for n in range(1, 7)},
}
# The names the settings map to a slot name (w:clrSchemeMapping), and how Word maps them by default.
_MAPPED = {"background1": "bg1", "text1": "t1", "background2": "bg2", "text2": "t2"}
_DEFAULT_MAPPING = {"bg1": "light1", "t1": "dark1", "bg2": "light2", "t2": "dark2"}
# DrawingML scheme colour names (a:schemeClr) -> w:themeColor names
_SCHEME_NAMES = {"bg1": "background1", "tx1": "text1", "bg2": "background2", "tx2": "text2", "phClr": "text1"}


class Theme:
    """The document's theme colours (word/theme/theme1.xml) as the document's settings map them."""

    def __init__(self, theme: etree._Element | None, mapping: Mapping[str, str]) -> None:
        self.colors: dict[str, RGB] = {}
        scheme = next(theme.iter("{*}clrScheme"), None) if theme is not None else None
        if scheme is not None:
            for slot in scheme:
                name = etree.QName(slot).localname
                value = next(iter(slot), None)
                if name in _SLOTS and value is not None:
                    color = hex_color(value.get("val") if value.get("lastClr") is None else value.get("lastClr"))
                    if color is not None:
                        self.colors[name] = color
        self.mapping = {**_DEFAULT_MAPPING, **mapping}

    def named(self, name: str | None) -> RGB | None:
        """The colour of a w:themeColor name ("accent1", "background1"...); None when unknown."""
        if not name:
            return None
        name = _SCHEME_NAMES.get(name, name)
        if name in _MAPPED:
            name = self.mapping.get(_MAPPED[name], "")
        slot = _THEME_SLOTS.get(name, name)
        return self.colors.get(slot)

    def color(self, element: etree._Element) -> RGB | None:
        """A w:color element's colour: its theme colour when it names one (Word then ignores w:val), else its
        w:val; None for automatic."""
        themed = self.named(element.get(_THEME_COLOR))
        if themed is not None:
            return _tinted(themed, element.get(_THEME_TINT), element.get(_THEME_SHADE))
        return hex_color(element.get(_VAL))

    def shading(self, element: etree._Element) -> RGB | None:
        """What a w:shd element paints behind the text; None when it paints nothing (no fill, "nil")."""
        pattern = (element.get(_VAL) or "clear").strip()
        if pattern == "nil":
            return None
        themed = self.named(element.get(_THEME_FILL))
        fill = (
            _tinted(themed, element.get(_THEME_FILL_TINT), element.get(_THEME_FILL_SHADE))
            if themed is not None
            else hex_color(element.get(_FILL))
        )
        ink = self.color(element) or _BLACK  # the pattern's colour; automatic is black
        if pattern == "solid":
            return ink
        if pattern.startswith("pct") and pattern[3:].isdigit():
            share = int(pattern[3:]) / 100 if pattern[3:] != "12" else 0.125  # pct12 is 12.5 %
            red, green, blue = fill or (1.0, 1.0, 1.0)
            return (
                red * (1 - share) + ink[0] * share,
                green * (1 - share) + ink[1] * share,
                blue * (1 - share) + ink[2] * share,
            )
        return fill

    def drawing(self, fill: etree._Element) -> RGB | None:
        """A DrawingML a:solidFill's colour (a:srgbClr or a:schemeClr, with lumMod/lumOff, tint and shade)."""
        value = next(iter(fill), None)
        if value is None:
            return None
        kind = etree.QName(value).localname
        color = (
            hex_color(value.get("val"))
            if kind == "srgbClr"
            else self.named(value.get("val"))
            if kind == "schemeClr"
            else hex_color(value.get("lastClr"))
            if kind == "sysClr"
            else None
        )
        if color is None:
            return None
        for change in value:
            amount = change.get("val", "")
            if not amount.isdigit():
                continue
            share = int(amount) / 100_000
            name = etree.QName(change).localname
            red, green, blue = color
            if name == "lumMod":
                color = (min(red * share, 1.0), min(green * share, 1.0), min(blue * share, 1.0))
            elif name == "lumOff":
                color = (min(red + share, 1.0), min(green + share, 1.0), min(blue + share, 1.0))
            elif name in ("tint", "shade"):
                color = _mix(color, 1.0 if name == "tint" else 0.0, share)
        return color


class Styles:
    """The document's styles, each read when first used (a template holds hundreds), and the looks they give."""

    def __init__(self, styles: etree._Element | None, theme: Theme) -> None:
        self.theme = theme
        self._by_id: dict[str, etree._Element] = {}
        self._defaults: dict[str, str] = {}  # style type -> the id of its default style
        if styles is not None:
            for style in styles.iterchildren(_STYLE):
                style_id = style.get(_STYLE_ID)
                if style_id is None:
                    continue
                self._by_id.setdefault(style_id, style)
                if is_on_attribute(style.get(_DEFAULT)):
                    self._defaults.setdefault(style.get(_TYPE) or "paragraph", style_id)
        run_defaults = styles.find(_DEFAULT_RUN) if styles is not None else None
        paragraph_defaults = styles.find(_DEFAULT_PARAGRAPH) if styles is not None else None
        self._document: Props = self.run_properties(run_defaults) if run_defaults is not None else {}
        self._paragraph_default = self._shading_of(paragraph_defaults)
        self._levels: dict[str, Props] = {}
        self._looks: dict[tuple[str | None, str | None, str | None], Props] = {}
        self._shadings: dict[str, dict[str, Props]] = {}  # part -> style id -> its shading, if it sets one

    def default(self, kind: str) -> str | None:
        """The id of the default style of a kind ("paragraph", "table", "character")."""
        return self._defaults.get(kind)

    def run_properties(self, rpr: etree._Element) -> Props:
        """What one w:rPr states (direct formatting, or a style's or the defaults' run properties)."""
        props: Props = {}
        for child in rpr:
            handler = _RUN_PROPERTIES.get(child.tag)
            if handler is not None:
                key, value = handler(child, self.theme)
                if key:
                    props[key] = value
        return props

    def _resolved(self, style_id: str, own: Callable[[etree._Element], Props], memo: dict[str, Props]) -> Props:
        """What a style gives, as `own` reads one style: each property's first value up its basedOn chain.
        Each style is resolved once (through its base's resolution); a loop or a chain over MAX_BASED_ON is
        cut where it turns back or runs too long."""
        chain: list[str] = []
        current: str | None = style_id
        while current is not None and current not in memo and current not in chain and len(chain) < MAX_BASED_ON:
            style = self._by_id.get(current)
            if style is None:
                break
            chain.append(current)
            based_on = style.find(_BASED_ON)
            current = based_on.get(_VAL) if based_on is not None else None
        inherited = memo.get(current, {}) if current is not None else {}
        for name in reversed(chain):  # the base first, so nearer styles override it
            inherited = memo[name] = {**inherited, **own(self._by_id[name])}
        return memo.get(style_id, {})

    def _run_level(self, style: etree._Element) -> Props:
        rpr = style.find(_R_PR)
        return self.run_properties(rpr) if rpr is not None else {}

    def _level(self, style_id: str) -> Props:
        """The run properties one style gives: for each property, the first value found up its basedOn chain."""
        return self._resolved(style_id, self._run_level, self._levels)

    def look(self, table_style: str | None, paragraph_style: str | None, character_style: str | None) -> Props:
        """The run properties the styles give, before the run's direct formatting (which overrides each)."""
        key = (table_style, paragraph_style, character_style)
        if key not in self._looks:
            levels = [self._level(style) for style in key if style]
            props = dict(self._document)
            for level in levels:
                props.update((name, value) for name, value in level.items() if name not in TOGGLES)
            for toggle in TOGGLES:
                combined = False
                for level in levels:
                    combined ^= bool(level.get(toggle, False))
                props[toggle] = bool(self._document.get(toggle, False)) or combined
            self._looks[key] = props
        return self._looks[key]

    def _shading_of(self, properties: etree._Element | None) -> RGB | None:
        shd = properties.find(_SHD) if properties is not None else None
        return self.theme.shading(shd) if shd is not None else None

    def shading(self, style_id: str | None, part: str) -> RGB | None:
        """The shading a style gives its paragraphs (part "pPr") or, for a table style, its cells ("tcPr"):
        the nearest style up the chain that sets one."""
        default = self._paragraph_default if part == "pPr" else None
        if not style_id:
            return default
        tag = _P_PR if part == "pPr" else _TC_PR

        def own(style: etree._Element) -> Props:
            properties = style.find(tag)
            shd = properties.find(_SHD) if properties is not None else None
            return {"shading": self.theme.shading(shd)} if shd is not None else {}

        found = self._resolved(style_id, own, self._shadings.setdefault(part, {}))
        return found.get("shading", default)


def is_on_attribute(value: str | None) -> bool:
    return value is not None and value.strip().lower() not in _ON_OFF_FALSE


def _toggle(name: str) -> Any:
    return lambda element, theme: (name, is_on(element))


def _half_points(element: etree._Element, theme: Theme) -> tuple[str, float | None]:
    number = _number(element)
    return ("size", number / 2) if number is not None and number >= 0 else ("", None)


def _twentieths(name: str) -> Any:
    def read(element: etree._Element, theme: Theme) -> tuple[str, float | None]:
        number = _number(element)
        return (name, number / 20) if number is not None else ("", None)

    return read


def _scale(element: etree._Element, theme: Theme) -> tuple[str, float | None]:
    number = _number(element)
    return ("scale", number / 100) if number is not None and number >= 0 else ("", None)


def _color(element: etree._Element, theme: Theme) -> tuple[str, RGB | None]:
    return "color", theme.color(element)


def _shading(element: etree._Element, theme: Theme) -> tuple[str, RGB | None]:
    return "shading", theme.shading(element)


def _highlight(element: etree._Element, theme: Theme) -> tuple[str, RGB | None]:
    return "highlight", _HIGHLIGHTS.get((element.get(_VAL) or "none").strip())


# w:rPr children -> how each is read, as (property, value); an empty property name means "not understood".
_RUN_PROPERTIES: dict[str, Any] = {
    qn("w:vanish"): _toggle("hidden"),
    qn("w:b"): _toggle("bold"),
    qn("w:sz"): _half_points,
    qn("w:color"): _color,
    qn("w:w"): _scale,
    qn("w:spacing"): _twentieths("spacing"),
    qn("w:fitText"): _twentieths("fit"),
    qn("w:shd"): _shading,
    qn("w:highlight"): _highlight,
}
