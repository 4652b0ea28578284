"""Every use of pypdf's undocumented attributes, in one place (as ``render/pdf/compat.py`` is for ReportLab).

Checked with the pypdf versions in ``CHECKED_WITH``; ``tests/test_pypdf_compat.py``
pins them and shows each assumption still holds, so an upgrade that breaks
one fails there, not as a damaged print file or a summary that reads too much.

- ``raw_stream_data``: a stream's bytes as the file holds them (still
  compressed).  pypdf keeps them in the private ``_data``; its public
  ``get_data()`` decodes them.  The combined print file copies them as they
  are (``write.print_file``), and the summary inflates them within bounds
  (``summary.bounded``).
- ``decoded_copy``: the decoded copy pypdf caches on an encoded stream
  (``decoded_self``) once something asked for its data.
- ``object_stream_places``: where the cross-reference puts each object kept
  in a compressed object stream (``xref_objStm``): each such stream is
  decoded whole when one of its objects is read.
"""

from __future__ import annotations

#: pypdf versions this module was checked with.
CHECKED_WITH = ("7.1.1",)


def raw_stream_data(stream) -> bytes:
    """The stream's bytes as stored in the file, its filters not applied."""
    return stream._data


def decoded_copy(stream):
    """The decoded stream pypdf keeps once the data of an encoded one was read, or None."""
    return getattr(stream, "decoded_self", None)


def object_stream_places(reader) -> dict[int, tuple[int, int]]:
    """Object number -> (the object stream's number, the object's index in it), from the cross-reference."""
    return dict(getattr(reader, "xref_objStm", {}))
