"""Make an SVG fit to be placed inline in a page, among other SVGs.

Graphviz writes a stand-alone document: an XML prolog, fixed sizes in points, ids such as `node1`
that clash when several diagrams share a page, and `<title>`s holding internal node names. This
rewrites it through a real XML parser (so the result is well-formed whatever happened before) into
a scalable, accessible fragment with ids of its own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .text import drawable

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

_S = f"{{{SVG}}}"
_HREF = f"{{{XLINK}}}href"
_XTITLE = f"{{{XLINK}}}title"
_URL_REF = re.compile(r"url\(#([^)]+)\)")
# Ids the diagram modules give (to nodes and to HTML-like table cells) -> a class the site can style.
_ROLE_CLASSES = (
    ("tp-", "jm-d-touchpoint"), ("lane-", "jm-d-lane"), ("legend-", "jm-d-legend"), ("responsible-", "jm-d-support"),
    ("consulted-", "jm-d-support"), ("journey-link-", "jm-d-journey"), ("stage-", "jm-d-stage"),
)  # fmt: skip


READABLE_PX = 11.5
"""The smallest text a diagram may show, in CSS pixels: it shrinks with a narrow page down to the size
at which its smallest text is this big, and past that its frame scrolls (the browser tests measure it)."""
_PX_PER = {"px": 1.0, "pt": 4 / 3}


class SvgError(ValueError):
    """The SVG could not be read; the caller names the diagram."""


def id_prefix(name: str) -> str:
    """'journeys/online-purchase/flow' -> 'jm-journeys-online-purchase-flow-'."""
    return "jm-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + "-"


def finish(svg: str, name: str, title: str, description: str) -> str:
    """The SVG of diagram `name`, ready to go inline: see the module docstring."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as error:
        raise SvgError(f"the SVG is not well-formed XML ({error})") from None
    if root.tag != f"{_S}svg":
        raise SvgError("the document is not an SVG")
    prefix = id_prefix(name)
    kind = name.rsplit("/", 1)[-1]

    _rename_ids(root, prefix)
    _tidy_titles(root)
    for anchor in root.iter(f"{_S}a"):
        # One link attribute, xlink:href: Material's instant navigation rewrites every plain `href` it
        # finds, and assigning to an SVG link's read-only `href` throws (found by the browser tests).
        href = anchor.attrib.pop("href", None) or anchor.get(_HREF)
        if href is not None:
            anchor.set(_HREF, href)
            anchor.set("target", "_top")

    width = root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    if "viewBox" not in root.attrib:
        raise SvgError("the SVG has no viewBox, so it cannot scale")
    root.set("width", "100%")
    if width:
        # Never drawn larger than measured; narrower screens scale it down, but only while its smallest
        # text stays readable: past that, the frame around it scrolls sideways.
        number, unit = float(re.sub(r"[a-z]+$", "", width)), re.sub(r"^[\d.]+", "", width) or "px"
        style = f"max-width: {number:g}{unit}; height: auto;"
        smallest = smallest_font(root)
        if smallest is not None and unit in _PX_PER:
            scale = min(1.0, READABLE_PX / (smallest * _PX_PER[unit]))
            style += f" min-width: {number * scale:.0f}{unit};"
        root.set("style", style)
    root.set("class", f"jm-diagram jm-diagram--{kind}")
    root.set("aria-labelledby", f"{prefix}title {prefix}desc")
    title_element = ET.Element(f"{_S}title", {"id": f"{prefix}title"})
    title_element.text = drawable(title)
    desc_element = ET.Element(f"{_S}desc", {"id": f"{prefix}desc"})
    desc_element.text = drawable(description)
    root.insert(0, desc_element)
    root.insert(0, title_element)
    return serialize(root)


_XML = "http://www.w3.org/XML/1998/namespace"
_PREFIXES = {SVG: "", XLINK: "xlink:", _XML: "xml:"}


def serialize(root: ET.Element) -> str:
    """What `ET.tostring(root, encoding="unicode")` gives, for a tree in the SVG, xlink and xml namespaces.

    ElementTree's own serializer first walks the whole tree to name the namespaces, then writes it
    through a stream one call per piece: most of the time `finish` took. This writes the same text in one
    walk into a list; a tree with any other namespace (or none) is left to ElementTree.
    """
    writer = _Writer()
    try:
        writer.write(root, first=True)
    except LookupError:
        return ET.tostring(root, encoding="unicode")
    declared = sorted((prefix, uri) for uri, prefix in _PREFIXES.items() if uri in writer.used and uri != _XML)
    writer.out[0] = (
        "<"
        + writer.name(root.tag)
        + "".join(
            f' xmlns{":" + prefix.rstrip(":") if prefix else ""}="{_escape_attribute(uri)}"' for prefix, uri in declared
        )
    )
    return "".join(writer.out)


class _Writer:
    """One serialization: the text so far, the namespaces used, the names already worked out."""

    def __init__(self) -> None:
        self.out: list[str] = [""]  # the root's "<svg" and its namespace declarations, known at the end
        self.used: set[str] = set()
        self.names: dict[str, str] = {}

    def name(self, key: str) -> str:
        """'{uri}local' as written: 'local', 'xlink:local' or 'xml:local'; LookupError for anything else."""
        found = self.names.get(key)
        if found is None:
            uri, _, local = key[1:].rpartition("}")
            if not key.startswith("{") or uri not in _PREFIXES:
                raise LookupError(key)
            self.used.add(uri)
            found = self.names[key] = _PREFIXES[uri] + local
        return found

    def write(self, element: ET.Element, first: bool = False) -> None:
        out = self.out
        tag = self.name(element.tag)
        if not first:
            out.append("<" + tag)
        for key, value in element.items():
            shown = self.name(key) if key[:1] == "{" else key
            out.append(f' {shown}="{_escape_attribute(value)}"')
        text = element.text
        if text or len(element):
            out.append(">")
            if text:
                out.append(_escape_text(text))
            for child in element:
                self.write(child)
            out.append("</" + tag + ">")
        else:
            out.append(" />")
        if element.tail:
            out.append(_escape_text(element.tail))


def _escape_text(text: str) -> str:
    """As ElementTree escapes character data."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    """As ElementTree escapes an attribute value."""
    text = _escape_text(text)
    for char, reference in (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if char in text:
            text = text.replace(char, reference)
    return text


def smallest_font(root: ET.Element) -> float | None:
    """The smallest `font-size` of any text in the drawing (in its own units), or None without text."""
    sizes = [
        float(size)
        for element in root.iter(f"{_S}text")
        if (size := element.get("font-size")) and re.fullmatch(r"[\d.]+", size)
    ]
    return min(sizes, default=None)


def _rename_ids(root: ET.Element, prefix: str) -> None:
    """Prefix every id and every internal reference to one (url(#…), href="#…")."""
    renamed: dict[str, str] = {}
    for element in root.iter():
        old = element.get("id")
        if old is not None:
            role = next((c for p, c in _ROLE_CLASSES if old.removeprefix("a_").startswith(p)), None)
            if role and role not in (element.get("class") or "").split():
                element.set("class", f"{element.get('class', '')} {role}".strip())
            new = prefix + re.sub(r"[^A-Za-z0-9_.-]+", "-", old)
            renamed[old] = new
            element.set("id", new)
    for element in root.iter():
        for attribute, value in list(element.attrib.items()):
            if "url(#" in value:
                element.set(
                    attribute, _URL_REF.sub(lambda m: f"url(#{renamed.get(m.group(1), prefix + m.group(1))})", value)
                )
            elif attribute in (_HREF, "href") and value.startswith("#"):
                element.set(attribute, "#" + renamed.get(value[1:], prefix + value[1:]))


def _tidy_titles(root: ET.Element) -> None:
    """Titles that help a reader: a link's tooltip as its `<title>`; Graphviz's internal names dropped.

    Browsers show the innermost `<title>` on hover and ignore `xlink:title`; the `<title>`s
    Graphviz gives the graph, nodes, edges and clusters hold names like 'tp_cart'.
    """
    for group in root.iter(f"{_S}g"):
        for child in list(group):
            if child.tag == f"{_S}title":
                group.remove(child)
    for anchor in root.iter(f"{_S}a"):
        tip = anchor.get(_XTITLE)
        if tip and anchor.find(f"{_S}title") is None:
            element = ET.Element(f"{_S}title")
            element.text = tip
            anchor.insert(0, element)
