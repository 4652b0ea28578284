"""Every use of pypdf's internals for reading a filled-in handout: reading a PDF within bounds.

pypdf decodes a stream whole (up to 75 MB) when asked for its data, and
keeps the result; several fields of a hostile file may point at the same
compressed stream, so a 165 KB file could cost gigabytes.  What the summary
reads is tiny (a field's text, the form description), so it never asks
pypdf for a stream's data: ``stream_bytes`` inflates the stream's raw bytes
itself, never more than the caller's limit, and gives up past it.

For whatever pypdf decodes on its own (the cross-reference and object
streams while it finds objects, a page's text when a handout without a
description is looked at), ``bounded_pypdf`` lowers pypdf's own limits for
the time of one read, and ``object_streams`` counts the compressed object
streams a file has, so their total stays bounded too.

The stream's stored bytes and the cross-reference's object streams are
pypdf's internals, read through ``mbcprep.pypdf_compat`` (pinned by
``tests/test_pypdf_compat.py``); the bounds are pinned by
``tests/test_summary_hostile.py``.
"""

from __future__ import annotations

import dataclasses
import zlib
from contextlib import contextmanager

from pypdf import Configuration, apply_configuration
from pypdf.generic import NullObject

from mbcprep.pypdf_compat import decoded_copy, object_stream_places, raw_stream_data

#: pypdf's own limits while a filled-in handout is read, in bytes: a handout's largest stream (a page's
#: drawing, an object stream a viewer wrote) is well under 1 MB.
PYPDF_LIMITS = {
    "maximum_declared_stream_length": 4_000_000,
    "array_based_stream_maximum_output_length": 2_000_000,
    "zlib_maximum_output_length": 2_000_000,
    "zlib_maximum_recovery_input_length": 1_000_000,
    "lzw_maximum_output_length": 2_000_000,
    "run_length_maximum_output_length": 2_000_000,
    "brotli_maximum_output_length": 2_000_000,
    "jbig2_maximum_output_length": 2_000_000,
    "stream_decoding_work_maximum_length": 8_000_000,
    "stream_parsing_work_maximum_count": 200_000,
    "xform_maximum_invocations_per_extraction": 50,
    "form_fields_maximum_entries": 10_000,
    "page_tree_maximum_entries": 10_000,
}
_FLATE = ("/FlateDecode", "/Fl")


class TooMuch(Exception):
    """A stream holds more than the caller's limit."""


class Undecodable(Exception):
    """A stream in a form the reader does not take (a filter no viewer uses for text, bad compressed data)."""


def stream_bytes(stream, limit: int) -> bytes:
    """The stream's data, inflating at most ``limit + 1`` bytes: ``TooMuch`` past ``limit``.

    Takes data stored as it is or with one ``/FlateDecode`` (what viewers
    and ReportLab write), without a predictor; anything else is
    ``Undecodable``.
    """
    filters = _resolved(stream.get("/Filter"))
    filters = [] if filters is None else [_resolved(f) for f in filters] if isinstance(filters, list) else [filters]
    parameters = _resolved(stream.get("/DecodeParms"))
    for each in parameters if isinstance(parameters, list) else [parameters]:
        each = _resolved(each)
        if each is not None and not (hasattr(each, "get") and _resolved(each.get("/Predictor", 1)) == 1):
            raise Undecodable
    decoded = decoded_copy(stream)
    raw = raw_stream_data(decoded if decoded is not None else stream)  # the bytes as the file holds them
    if not filters or decoded is not None:
        data = raw
    elif len(filters) == 1 and str(filters[0]) in _FLATE:
        try:
            data = zlib.decompressobj().decompress(raw, limit + 1)
        except zlib.error:
            raise Undecodable from None
    else:
        raise Undecodable
    if len(data) > limit:
        raise TooMuch
    return bytes(data)


def _resolved(value):
    """An indirect reference's object; None for PDF's null."""
    value = value.get_object() if hasattr(value, "get_object") else value
    return None if isinstance(value, NullObject) else value


def attachment_stream(reader, name: str):
    """The stream of the attached file ``name`` (its data not read), or None."""
    for entry in reader.attachment_list:
        if entry.name == name:
            files = _resolved(entry.pdf_object.get("/EF"))
            for key in ("/UF", "/F"):
                found = _resolved(files.get(key)) if files is not None else None
                if found is not None:
                    return found
    return None


def object_streams(reader) -> int:
    """How many compressed object streams the file's cross-reference names (each is decoded whole when used)."""
    return len({place[0] for place in object_stream_places(reader).values()})


@contextmanager
def bounded_pypdf():
    """pypdf's limits lowered to ``PYPDF_LIMITS`` for this thread's work inside the block.

    pypdf keeps its limits in a context variable, so other threads (the
    web server's other requests) keep theirs (pypdf 6.18 or later: pyproject.toml).
    """
    known = {field.name for field in dataclasses.fields(Configuration)}
    lowered: dict[str, object] = {key: value for key, value in PYPDF_LIMITS.items() if key in known}
    with apply_configuration(None, **lowered):
        yield
