"""The logical structure of a PDF (its tagged structure tree), built with the story, before anything is drawn.

A ``Node`` is one structure element, of the PDF standard's own types
(ISO 32000-1 14.8.4: ``Document``, ``Sect``, ``H1``..``H6``, ``P``, ``L``,
``LI``, ``Lbl``, ``LBody``, ``Table``, ``TR``, ``TH``, ``TD``, ``Figure``,
``Form``), so no role map is needed.  The story makes the nodes in the
plan's order, so the tree's order is the reading order, whatever page each
piece lands on.  Drawing only adds content items to nodes (marked content
on a page, a form field's widget); it never makes nodes.

No ReportLab and no PDF library here: ``tagging`` marks the drawing,
``finish`` writes the tree into the saved file.
"""

from __future__ import annotations

from typing import Iterator

#: Roles whose element is kept even when nothing was drawn in it (a blank cell keeps the table's grid).
KEEP_EMPTY = frozenset({"TD", "TH", "TR"})


class Node:
    """One structure element: its role, attributes, children (story order) and content items (drawing order).

    ``items`` are ``(page, MCID)`` pairs, ``widgets`` ``(page, field name)``
    pairs; ``alt`` is what a figure says to a reader who cannot see it,
    ``scope`` a table header's (``Column`` or ``Row``), ``lang`` a language
    other than the document's.
    """

    __slots__ = ("role", "parent", "children", "items", "widgets", "alt", "scope", "lang")

    def __init__(self, role: str, parent: Node | None = None, *, alt: str | None = None, scope: str | None = None,
                 lang: str | None = None):
        self.role = role
        self.parent = parent
        self.children: list[Node] = []
        self.items: list[tuple[int, int]] = []
        self.widgets: list[tuple[int, str]] = []
        self.alt = alt
        self.scope = scope
        self.lang = lang
        if parent is not None:
            parent.children.append(self)

    def add(self, role: str, **attrs) -> Node:
        """A new last child."""
        return Node(role, self, **attrs)

    def list_item(self) -> Node:
        """A new ``LI`` in this ``L``, with its label and body (``LI`` > ``Lbl``, ``LBody``)."""
        item = self.add("LI")
        item.add("Lbl")
        item.add("LBody")
        return item

    def has_content(self) -> bool:
        return bool(self.items or self.widgets) or any(child.has_content() for child in self.children)

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Node]]:
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)

    def __repr__(self) -> str:
        return f"<{self.role}: {len(self.children)} children, {len(self.items)} items, {len(self.widgets)} widgets>"


class ArtifactNode:
    """What a flowable is when it is not part of the reading: a "(continued)" label, a repeated head.

    ``kind`` is the artifact's ``/Type`` (``Pagination``, ``Layout``), ``subtype`` its ``/Subtype``.
    """

    __slots__ = ("kind", "subtype")
    role = "Artifact"

    def __init__(self, kind: str = "Pagination", subtype: str | None = None):
        self.kind = kind
        self.subtype = subtype


#: A label that repeats a heading on the next page ("Questions (continued)"): read once, at the heading.
CONTINUED = ArtifactNode("Pagination")
