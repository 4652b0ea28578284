"""The Jinja2 environment the HTML and text renderers share: one folder, one base template.

``templates/base.j2`` owns the loop over ``plan.parts`` and sends each part
to the block named after its kind; ``handout.html.j2`` and
``handout.txt.j2`` extend it and fill in those blocks.  A part kind that
no block knows stops the render instead of vanishing from the sheet.
"""

from __future__ import annotations

from typing import Callable, Mapping

import jinja2

from mbcprep.model.content import BulletList
from mbcprep.resources import template_dir


class UnknownKind(TypeError):
    """A plan part (or drawing) of a kind the templates cannot draw: a bug, never a request problem."""


def unknown_kind(kind: str) -> str:
    raise UnknownKind(f"the handout templates have nothing to draw {kind!r} with")


def environment(*, autoescape: bool, filters: Mapping[str, Callable]) -> jinja2.Environment:
    """An environment on the template folder, with the format's layout filters; the caller keeps it."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir()),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    env.tests.update(bullet_list=lambda block: isinstance(block, BulletList))
    env.globals.update(unknown_kind=unknown_kind)
    return env
