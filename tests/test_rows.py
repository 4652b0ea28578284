"""One roster pipeline: the row stream every writer reads (batch's folder, the web page's zip), its one
reason mapping, its pool, and stopping it."""

from __future__ import annotations

import io
import pickle
import re
import zipfile

import pytest
from click.testing import CliRunner
from conftest import roster_finished, web_post

from mbcprep.batch.rows import NOT_MADE, RowStream, failure_reason
from mbcprep.cli import main
from mbcprep.errors import FontCoverageError, OutputError, PackError, PackInvalid, RequestError
from mbcprep.model.request import Request
from mbcprep.model.roster import RowFailure, RowJob, RowMade
from mbcprep.request.packs import PackShelf
from mbcprep.write.files import OutputExists


def jobs(count: int, **request) -> list[RowJob]:
    return [RowJob(row, Request(concerns=("bones",), patient_name=f"Person {row}", **request), f"row-{row}.pdf")
            for row in range(2, 2 + count)]


def test_each_row_comes_out_as_it_is_made_with_its_bytes_and_pages(small_pack_dir):
    stream = RowStream(jobs(3), PackShelf(small_pack_dir))
    seen = []
    for outcome in stream:  # a progress page counts these as they come
        seen.append(outcome)
        assert isinstance(outcome, RowMade) and outcome.data.startswith(b"%PDF") and outcome.pages >= 1
    assert [outcome.row for outcome in seen] == [2, 3, 4] and len(stream) == 3
    assert stream.stop_signal is None and stream.not_made == []


def test_a_row_that_fails_costs_that_row_only_with_its_reason(small_pack_dir):
    first, _, last = jobs(3)
    bad = RowJob(3, Request(concerns=("bones",), patient_name="中"), "row-3.pdf")  # the renderer's font check
    outcomes = list(RowStream([first, bad, last], PackShelf(small_pack_dir)))
    assert [type(outcome) for outcome in outcomes] == [RowMade, RowFailure, RowMade]
    assert outcomes[1] == RowFailure(3, "running head: has characters the font DejaVu Sans cannot print; "
                                        "choose a font that has them with --font", "unprintable", "running head")


def test_a_stop_ends_the_stream_and_says_which_rows_were_not_made(small_pack_dir):
    stops = iter([None, None, 15])
    stream = RowStream(jobs(4), PackShelf(small_pack_dir), should_stop=lambda: next(stops, 15))
    assert [outcome.row for outcome in stream] == [2, 3]
    assert stream.stop_signal == 15 and stream.not_made == [4, 5]


def test_a_pool_without_a_writer_sends_the_bytes_back_the_same_as_in_this_process(small_pack_dir):
    """The web page could use batch's pool: with no place step, each row's bytes come back to the reader."""
    here = {outcome.row: outcome.data for outcome in RowStream(jobs(4), PackShelf(small_pack_dir))}
    pooled = {outcome.row: outcome.data for outcome in RowStream(jobs(4), PackShelf(small_pack_dir), processes=2)}
    assert pooled == here and len(here) == 4


def test_a_shelf_goes_to_a_worker_as_its_settings_only(small_pack_dir):
    shelf = PackShelf(small_pack_dir, beside_builtin=True)
    shelf.pack_for("en")
    copy = pickle.loads(pickle.dumps(shelf))
    assert copy._loaded == {} and copy.pack_dir == small_pack_dir and copy.beside_builtin
    assert len(pickle.dumps(shelf)) < 1000


@pytest.mark.parametrize("error, reason", [
    (RequestError("is not a real date", field="visit", value="Ana's birthday", code="not_a_real_date"),
     "visit: is not a real date"),
    (FontCoverageError("name", "中", "DejaVu Sans"), "name: has characters the font DejaVu Sans cannot print; "
                                                     "choose a font that has them with --font"),
    (OutputExists("/out/Ana Díaz.pdf"), "its file already exists in the output folder; use --force to replace it"),
    (OutputError("cannot write /out/Ana Díaz.pdf", reason="No space left on device"),
     "cannot write its file: No space left on device"),
    (PackInvalid([PackError("concerns/bones.toml", "sections[0]", "is too long for a page")]),
     "its handout could not be made: concerns/bones.toml: sections[0]: is too long for a page"),
    (OSError(5, "Input/output error"), "its handout could not be made: Input/output error"),
    (ValueError("Ana Díaz"), "unexpected error (ValueError); this is a bug in mbcprep, please report it"),
])
def test_one_mapping_says_why_a_row_failed_and_never_quotes_it(error, reason):
    assert failure_reason(error) == reason
    assert "Ana" not in failure_reason(error)


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.get_data(as_text=True)).group(1)


ROSTER = ("name,visit,concerns,file\n"
          "Ana,2026-12-03,bones,\n"
          "Bo,2026-02-30,bones,\n"
          "Cy,2026-12-03,no-such-concern,\n"
          "Di,2026-12-04,pain;bones,row-009\n"
          "Ed,,lungs,ed-sheet\n")


def test_the_web_zip_and_the_batch_folder_are_two_writers_of_the_same_rows(client, tmp_path):
    """The same roster on the nurse page and through ``mbcprep batch``: the same handouts under the same
    names, and the same error report, byte for byte."""
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(out), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    response = roster_finished(client, web_post(client, "/roster?lang=en", {
        "roster": (io.BytesIO(ROSTER.encode()), "r.csv"), "clinic": "none"}, content_type="multipart/form-data"))
    download = web_post(client, "/roster/download", {"token": token_of(response)})
    archive = zipfile.ZipFile(io.BytesIO(download.data))
    folder = {path.name: path.read_bytes() for path in out.iterdir()}
    zipped = {name.removeprefix("handouts/"): archive.read(name) for name in archive.namelist()
              if name.startswith("handouts/")}
    assert sorted(zipped) == sorted(name for name in folder if name.endswith(".pdf")) == [
        "ed-sheet.pdf", "row-002-2026-12-03.pdf"]
    assert zipped == {name: data for name, data in folder.items() if name.endswith(".pdf")}
    assert archive.read("batch-errors.csv") == folder["batch-errors.csv"]
    assert NOT_MADE not in folder["batch-errors.csv"].decode("utf-8-sig")
