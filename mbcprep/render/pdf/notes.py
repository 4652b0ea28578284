"""The concern notes of the PDF: each concern's key points, its sections, and a section's picture.

Part of ``SheetStory`` (``mbcprep.render.pdf.story``), kept apart because
the notes are the longest part of a sheet and have page-break rules of
their own: a concern's title stays with its first section, a paragraph that
introduces a list never ends a page, and a section's opening flows round
its picture and never splits, so the picture is drawn once.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from mbcprep.model.content import BulletList
from mbcprep.model.plan import ConcernNotes, ConcernNotesPart, PlannedPicture, PlannedSection
from mbcprep.render.pdf.base import BULLET, StoryBase
from mbcprep.render.pdf.flowables import SheetParagraph, para
from mbcprep.render.pdf.icons import SECTION_PICTURES
from mbcprep.render.pdf.kit import ACCENT, TINT
from mbcprep.render.pdf.layout import Around, Beside, Box, Items, from_pack, lead_in
from mbcprep.render.pdf.structure import CONTINUED, Node
from mbcprep.render.pdf.tagging import Figure

#: A section's picture beside its opening: ways to draw it, best first, as (height of the drawing in points, width
#: of its caption in caption sizes), for normal and large print; the one that makes the opening least tall is used.
PICTURE_SIZES = {False: ((60, 9.5), (46, 11), (46, 14), (44, 16)),
                 True: ((66, 10), (56, 12), (50, 16))}
#: Between the drawing and its caption, and between the picture and the words flowing round it.
PICTURE_GAP = 6
PICTURE_GUTTER = 14


def _concern_file(concern: ConcernNotes) -> str:
    """The pack file a concern's words come from (its id is its file's name)."""
    return f"concerns/{concern.id}.toml"


class _Fixed(Flowable):
    """A flowable at a width of its own, whatever width it is offered."""

    def __init__(self, inner: Flowable, width: float):
        super().__init__()
        self.inner, self.width = inner, width

    def wrap(self, avail_width, avail_height):
        self.height = self.inner.wrap(self.width, avail_height)[1]
        return self.width, self.height

    def draw(self):
        self.inner.drawOn(self.canv, 0, 0)


class NotesStory(StoryBase):
    """The concern notes' methods of ``SheetStory``."""

    def concern_notes(self, part: ConcernNotesPart) -> list[Flowable]:
        flows: list[Flowable] = []
        part_heading = self.heading(part.heading)
        for index, concern in enumerate(part.concerns):
            sect = self.section.add("Sect")
            lead = [para(concern.title, self.styles.h2, outline=self.outline(concern.title, 1), tag=sect.add("H3"))]
            if index == 0:
                lead = [*part_heading, *lead]
            flows += from_pack(lead_in(lead, self._concern(concern, part, sect)), _concern_file(concern), "title")
        return flows

    def _concern(self, concern: ConcernNotes, part: ConcernNotesPart, sect: Node) -> list[Flowable]:
        styles = self.styles
        chunks: list[Flowable] = []
        file = _concern_file(concern)
        if concern.key_points:
            label = para(part.key_points_heading, styles.box_label, tag=sect.add("H4"))
            continued = para(f"{part.key_points_heading} {self.continued}", styles.box_label, tag=CONTINUED)
            listed = sect.add("L")
            box = Items([para(point, styles.bullet, bulletText=BULLET, tag=listed.list_item())
                         for point in concern.key_points], label,
                        continued, box=Box(background=TINT, bar=ACCENT, bar_width=4, pad_x=9, pad_top=4,
                                           pad_bottom=5), least=2)
            box.space_after = 5
            chunks += from_pack([box], file, "key_points")
        for index, section in enumerate(concern.sections):
            chunks += from_pack(self._section(section, part, sect.add("Sect")), file, f"sections[{index}]")
        return chunks

    def _section(self, section: PlannedSection, part: ConcernNotesPart, sect: Node) -> list[Flowable]:
        styles = self.styles
        heading = para(section.heading, styles.h3, tag=sect.add("H4"))
        chunks: list[Flowable] = [para(section.summary, styles.body, tag=sect.add("P"))] if section.summary else []
        chunks += self._blocks(section.body, sect)
        if section.report_signs:
            chunks += lead_in([para(part.report_intro, styles.body, tag=sect.add("P"))],
                              [self.bullets(section.report_signs, parent=sect)])
        if section.subtype:
            label = para(part.subtype_heading, styles.box_label, tag=sect.add("H5"))
            continued = para(f"{part.subtype_heading} {self.continued}", styles.box_label, tag=CONTINUED)
            box = Items(self._blocks(section.subtype, sect, columns=False), label, continued,
                        box=Box(background=TINT, bar=ACCENT, bar_width=4, pad_x=9, pad_top=6, pad_bottom=2))
            box.space_before, box.space_after = 2, 8
            chunks.append(box)
        if section.picture is not None and section.summary:
            return self._with_picture(section.picture, heading, chunks, sect)
        return lead_in([heading], chunks)

    def _with_picture(self, picture: PlannedPicture, heading: Flowable, chunks: list[Flowable],
                      sect: Node) -> list[Flowable]:
        """The section's heading, summary and (on a full sheet) the paragraph after it flowing round the
        picture and its caption on the right.  They never split, so the picture is drawn once.

        The picture is read after the words that flow round it, named by its caption.
        """
        opening = 2 if len(chunks) > 1 and isinstance(chunks[1], SheetParagraph) else 1
        after = sect.children.index(chunks[opening - 1].tag) + 1
        figure = Node("Figure", alt=picture.caption)
        figure.parent = sect
        sect.children.insert(after, figure)
        figures = []
        for height, ems in PICTURE_SIZES[self.plan.large_print]:
            drawing = SECTION_PICTURES[picture.name](height)
            caption = para(picture.caption, self.styles.picture_caption, tag=figure)
            figures.append(_Fixed(Beside(Figure(drawing, figure), caption, drawing.width, PICTURE_GAP),
                                  drawing.width + PICTURE_GAP + self.measures.small * ems))
        return [Around(figures, [heading, *chunks[:opening]], PICTURE_GUTTER), *chunks[opening:]]

    def _blocks(self, body, sect: Node, columns: bool = True) -> list[Flowable]:
        """Paragraphs and lists; a paragraph just before a list is its intro and never ends a page.

        ``columns=False`` keeps every list in one column (inside a box, whose padding the columns do not know).
        """
        chunks: list[Flowable] = []
        index = 0
        while index < len(body):
            block = body[index]
            following = body[index + 1] if index + 1 < len(body) else None
            if isinstance(block, BulletList):
                chunks.append(self.bullets(block.items, columns=columns, parent=sect))
            elif isinstance(following, BulletList):
                chunks += lead_in([para(block.text, self.styles.body, tag=sect.add("P"))],
                                  [self.bullets(following.items, columns=columns, parent=sect)])
                index += 1
            else:
                chunks.append(para(block.text, self.styles.body, tag=sect.add("P")))
            index += 1
        return chunks
