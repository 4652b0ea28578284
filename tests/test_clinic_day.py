"""A clinic day end to end (issue 26, items 4 and 5): the summaries of a day's filled sheets, named apart
and back into the chart as FHIR; the nurse page's background rosters, their reasons in the page's
language, and stopping them."""

from __future__ import annotations

import io
import json
import threading
import time

import pytest
from click.testing import CliRunner
from conftest import fill_form, handout_bytes, pdf_reader, pdf_text

from mbcprep.cli import main
from mbcprep.model.request import Request
from mbcprep.model.roster import RowFailure
from mbcprep.web.words import all_words

EN, ES = all_words()["en"], all_words()["es"]
VISIT = "2026-12-08 09:30"


@pytest.fixture(scope="module")
def handout(builtin_pack):
    import datetime as dt

    return handout_bytes(Request(concerns=("bones", "pain"), patient_name="Ana Díaz",
                                 visit=dt.datetime(2026, 12, 8, 9, 30)), builtin_pack)


def every_answer(handout: bytes) -> dict:
    """A value in every field of the handout: text in each text field, a tick in each box."""
    from mbcprep.summary.read import read_filled_form

    fields = read_filled_form(handout).description["fields"]
    return {field["name"]: "/Yes" if field["kind"] == "question_tick" else f"{field['name']} typed\nsecond line"
            for field in fields}


# --------------------------------------------------------------------------
# Summaries for a day
# --------------------------------------------------------------------------


def test_a_folder_of_ten_filled_sheets_gives_ten_summaries_with_distinct_names(handout, tmp_path, monkeypatch):
    returned = tmp_path / "returned"
    returned.mkdir()
    for number in range(10):
        (returned / f"patient-{number}.pdf").write_bytes(fill_form(handout, {"notes": f"Note {number}"}))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["summary", str(returned), "--out-dir", "day", "--format", "txt"])
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in (tmp_path / "day").iterdir())
    assert len(names) == len(set(names)) == 10
    assert all(name.startswith("visit-summary-2026-12-08-0930-") and name.endswith(".txt") for name in names)
    assert not any("Ana" in name or "patient" in name for name in names)
    notes = {(tmp_path / "day" / name).read_text(encoding="utf-8").split("NOTES\n")[1].split("\n")[0]
             for name in names}
    assert notes == {f"Note {number}" for number in range(10)}
    again = runner.invoke(main, ["summary", str(returned / "patient-0.pdf"), "--format", "txt"])
    assert again.exit_code == 0 and "visit-summary-2026-12-08-0930-1.txt" in again.output
    second = runner.invoke(main, ["summary", str(returned / "patient-1.pdf"), "--format", "txt"])
    assert second.exit_code == 0 and "visit-summary-2026-12-08-0930-2.txt" in second.output


def test_the_combined_print_file_of_summaries_is_said_to_be_one(handout, tmp_path):
    filled = tmp_path / "a.pdf"
    filled.write_bytes(fill_form(handout, {"notes": "x"}))
    result = CliRunner().invoke(main, ["summary", str(filled), str(filled), "--out-dir", str(tmp_path / "out"),
                                       "--combined", str(tmp_path / "all.pdf")])
    assert result.exit_code == 0, result.output
    assert "Combined print file" in result.output
    again = CliRunner().invoke(main, ["summary", str(tmp_path / "all.pdf")])
    assert again.exit_code == 1 and "this is a print file of several sheets" in again.output
    assert "older" not in again.output and "new handout" not in again.output


def test_a_bad_file_among_several_is_reported_and_the_rest_summarised(handout, tmp_path):
    (tmp_path / "good.pdf").write_bytes(fill_form(handout, {"notes": "x"}))
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    result = CliRunner().invoke(main, ["summary", str(tmp_path), "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "bad.pdf: this file is not a PDF" in result.output and "1 summarised, 1 could not be read" in result.output


def test_phone_numbers_come_back_whole_in_every_format(builtin_pack):
    plain = handout_bytes(Request(concerns=("bones",)), builtin_pack)  # no clinic: the phone lines are fillable
    filled = fill_form(plain, {"phone_care_team": "(555) 010-4477 ext. 12", "phone_after_hours": "+44 20 7946 0958"})
    from mbcprep.summary import summarise

    data = json.loads(summarise(filled, "json").data)
    assert [phone["number"] for phone in data["phones"]] == ["(555) 010-4477 ext. 12", "+44 20 7946 0958"]
    text = summarise(filled, "txt").data.decode("utf-8")
    assert "(555) 010-4477 ext. 12" in text and "+44 20 7946 0958" in text
    assert "+44 20 7946 0958" in pdf_text(summarise(filled, "pdf").data)


def test_the_pdf_keeps_long_notes_whole_when_the_page_has_room_and_puts_each_phone_on_its_line(builtin_pack):
    """Fifteen lines of notes and two phone lines, and little else: the one page holds them all, uncut."""
    from mbcprep.summary import summarise

    plain = handout_bytes(Request(concerns=("bones",)), builtin_pack)
    notes = "\n".join(f"Line {number}: hip pain worse at night, better by morning." for number in range(1, 16))
    filled = fill_form(plain, {"notes": notes, "phone_care_team": "(555) 010-4477 ext. 12",
                               "phone_after_hours": "+44 20 7946 0958"})
    data = summarise(filled, "pdf").data
    text = pdf_text(data)
    assert all(f"Line {number}: hip pain worse at night, better by morning." in text for number in range(1, 16))
    assert "Shortened" not in text and "the rest is whole" not in text
    lines = [line.strip() for line in pdf_reader(data).pages[0].extract_text().splitlines()]
    assert any(line.endswith("(555) 010-4477 ext. 12") for line in lines)
    assert any(line.endswith("+44 20 7946 0958") and "(555)" not in line for line in lines)


# --------------------------------------------------------------------------
# Back to the chart: FHIR R4
# --------------------------------------------------------------------------


def test_the_fhir_response_validates_and_gives_back_every_answer(handout, tmp_path):
    from fhir.resources.R4B.questionnaire import Questionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    from mbcprep.summary.read import read_filled_form

    answers = every_answer(handout)
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(fill_form(handout, answers))
    result = CliRunner().invoke(main, ["summary", str(filled), "--format", "fhir", "-o", "-"])
    assert result.exit_code == 0, result.output
    response = QuestionnaireResponse.model_validate_json(result.output)
    form = CliRunner().invoke(main, ["content", "questionnaire", str(filled)])
    questionnaire = Questionnaire.model_validate_json(form.output)
    assert response.questionnaire == questionnaire.url
    read = read_filled_form(filled)
    given = {item.linkId: (item.answer[0].valueBoolean if item.answer[0].valueBoolean is not None
                           else item.answer[0].valueString) for item in response.item}
    expected = {**dict(read.text), **{name: True for name in read.ticked}}
    assert given == expected and len(given) == len(answers)
    assert given["notes"] == "notes typed\nsecond line"
    assert response.authored is None  # when the answers were typed is not known; the summary's day is not it
    assert {item.linkId for item in questionnaire.item} == set(answers)
    types = {item.linkId: item.type for item in questionnaire.item}
    assert types["ask_1"] == "boolean" and types["notes"] == "text" and types["symptom_1_1"] == "string"


def test_fhir_is_a_summary_format_of_the_one_format_table():
    from mbcprep.formats import SUMMARY_FORMATS
    from mbcprep.write.handout import format_for_output

    assert SUMMARY_FORMATS["fhir"].media_type == "application/fhir+json"
    assert format_for_output("ana.fhir.json", "summary") == "fhir" and format_for_output("a.json", "summary") == "json"


# --------------------------------------------------------------------------
# The nurse page's rosters in the background
# --------------------------------------------------------------------------


def test_a_stop_ends_the_background_roster_at_its_next_row_with_nothing_kept():
    from mbcprep.web.downloads import Downloads
    from mbcprep.web.jobs import RosterJobs

    started = threading.Event()
    rows_done = []

    def work(on_row, should_stop):
        started.set()
        for _ in range(1000):
            if should_stop():
                return None
            time.sleep(0.01)
            rows_done.append(1)
            on_row()
        raise AssertionError("never stopped")

    def roster_threads() -> set:
        return {thread for thread in threading.enumerate() if thread.name == "mbcprep-rosters"}

    others = roster_threads()  # the threads of other tests' servers, left running
    downloads = Downloads()
    jobs = RosterJobs(downloads)
    job_id = jobs.start(1000, work)
    waiting = jobs.start(5, work)
    assert started.wait(30)
    jobs.stop()
    assert jobs.view(job_id).state == "stopped" and jobs.view(waiting).state == "stopped"
    assert jobs.view(job_id).token is None and len(downloads) == 0 and len(rows_done) < 1000
    assert roster_threads() <= others  # this one's thread has ended


def test_jobs_are_capped_and_forgotten_with_their_download():
    from mbcprep.web.downloads import Downloads
    from mbcprep.web.jobs import RosterJobs, TooBusy

    class Made:
        zip_data, filename, made, failures = b"zip", "x.zip", 1, ()

    jobs = RosterJobs(Downloads(), max_jobs=2, lifetime=0.2)
    first = jobs.start(1, lambda on_row, should_stop: Made())
    jobs.start(1, lambda on_row, should_stop: Made())
    with pytest.raises(TooBusy):
        jobs.start(1, lambda on_row, should_stop: Made())
    jobs.wait(first, 10)
    assert jobs.view(first).state == "finished" and jobs.view(first).token
    time.sleep(0.5)
    assert jobs.view(first) is None and len(jobs) == 0
    jobs.stop()


def test_row_reasons_are_in_the_pages_language_and_name_the_wrong_id():
    from mbcprep.web.rosters import row_reasons

    failures = [RowFailure(3, "concerns: the 2nd id is not a known concern; see 'mbcprep concerns' for the list",
                           "unknown_concern", "concerns", 2),
                RowFailure(4, "visit: is not a real date", "not_a_real_date", "visit"),
                RowFailure(5, "name: is empty; every sheet needs the patient's name", "invalid", "name")]
    spanish = row_reasons(failures, "es")
    assert spanish[0].words == ES["reason_unknown_concern_nth"].format(ordinal="2.º")
    assert spanish[1].words == ES["reason_not_a_real_date"] and spanish[1].column == "visit"
    assert spanish[2].words == ES["reason_general"] and spanish[2].english.startswith("name: is empty")
    assert all("mbcprep concerns" not in reason.words for reason in row_reasons(failures, "en"))


def test_the_zip_is_named_for_the_clinic_day():
    import datetime as dt

    from mbcprep.model.roster import RowJob
    from mbcprep.web.rosters import clinic_day_name

    def job(visit):
        return RowJob(2, Request(concerns=("bones",), visit=visit), "row-002.pdf")

    assert clinic_day_name([job(dt.datetime(2026, 12, 8, 9, 0)), job(dt.date(2026, 12, 8))]) == \
        "mbcprep-sheets-2026-12-08.zip"
    assert clinic_day_name([job(dt.date(2026, 12, 8)), job(dt.date(2026, 12, 9))]) == \
        "mbcprep-sheets-2026-12-08-to-2026-12-09.zip"
    assert clinic_day_name([job(None)]) == "mbcprep-sheets.zip"


@pytest.fixture
def served_fresh(tmp_path):
    """A server of its own, for a test that stops it."""
    from conftest import start_server

    server = start_server(tmp_path / "stderr.log")
    yield server
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait(30)
    server.process.stdout.close()


def test_the_server_stops_its_background_roster_on_sigterm(served_fresh):
    """A stop signal while a roster is made: the server exits, its workers with it, and says nothing was kept."""
    import signal
    import urllib.request

    boundary = "b"
    roster = ("name,visit,concerns\n" + "".join(f"P{n},2026-12-08,bones;pain;lungs\n" for n in range(60))).encode()
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"r.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode() + roster + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(served_fresh.url + "roster", data=body, headers={
        "Origin": served_fresh.url.rstrip("/"), "Content-Type": f"multipart/form-data; boundary={boundary}"})
    answer = urllib.request.urlopen(request)
    page, status_url = answer.read().decode("utf-8"), answer.geturl()
    deadline = time.monotonic() + 120  # a deadline, not a timing: until the first rows are done
    while "Done: 0 of" in page and time.monotonic() < deadline:
        time.sleep(0.2)
        page = urllib.request.urlopen(status_url).read().decode("utf-8")
    assert "data-job-state" in page  # still being made
    served_fresh.process.send_signal(signal.SIGTERM)
    served_fresh.process.wait(120)
    assert "Stopped. Nothing typed was kept." in served_fresh.process.stdout.read()
    assert "Traceback" not in served_fresh.log(), served_fresh.log()


def test_the_upload_is_answered_before_its_rows_are_made(client, monkeypatch):
    """No request waits for a roster (so no proxy needs a long wait): the upload is answered with its status
    page while the rows are still being made (every row counted, the one refused as it was read done
    already), and the same address gives the result once they are."""
    from conftest import WEB_ORIGIN, page_text, roster_finished

    from mbcprep.web import rosters

    release = threading.Event()
    make = rosters.make_roster_zip

    def held(*args, **kwargs):
        assert release.wait(60)
        return make(*args, **kwargs)

    monkeypatch.setattr(rosters, "make_roster_zip", held)
    roster = "name,visit,concerns\nAna,2026-12-08 09:00,bones\nBo,2026-12-08 09:30,nothing-of-that-name\n"
    answer = client.post("/roster?lang=es", content_type="multipart/form-data", headers={"Origin": WEB_ORIGIN},
                         data={"roster": (io.BytesIO(roster.encode()), "day.csv"), "clinic": "none"})
    assert answer.status_code == 303 and "/roster/job/" in answer.headers["Location"]
    status = client.get(answer.headers["Location"])
    text = page_text(status)
    assert b"data-job-state" in status.data and ES["roster_progress"].format(done=1, total=2) in text
    assert b'http-equiv="refresh"' in status.data  # it updates itself without a script
    release.set()
    result = roster_finished(client, answer)
    text = page_text(result)
    assert b"data-job-state" not in result.data
    assert ES["roster_result_heading"].format(made=1, failed=1) in text
    assert ES["reason_unknown_concern"] in text and "nothing-of-that-name" not in text
