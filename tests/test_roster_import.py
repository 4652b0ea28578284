"""A clinic day as schedules and EHRs export it: CSV in the encodings Excel saves, workbooks, FHIR Bundles.

Every file here is made the way the program that writes it would: the
``csv`` module with Excel's dialect and a US locale's dates, openpyxl for
a workbook with typed cells, JSON for a FHIR search result.  Each patient's
sheet is read back (pypdf) and must hold their own name and date of birth,
on every page, and nobody else's.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import page_texts, squash

from mbcprep.cli import main

#: Four made-up patients: name, date of birth as the sheet prints it (en-US pack), and an MRN.
PATIENTS = (
    ("Ana Díaz", dt.date(1960, 3, 4), "March 4, 1960", "MRN0001"),
    ("Lucía Peña Núñez", dt.date(1971, 11, 23), "23 de noviembre de 1971", "MRN0002"),
    ("Bo Li", dt.date(1958, 12, 8), "December 8, 1958", "MRN0003"),
    ("Kim O'Neill", dt.date(1985, 1, 2), "January 2, 1985", "MRN0004"),
)
US_HEADER = ["Patient Name", "DOB", "MRN", "Appt Date", "Appt Time", "Provider Name", "Preferred Language",
             "Room", "concerns"]


def us_rows():
    """The rows as Excel shows them in a US locale: M/D/YYYY, 12-hour times with AM/PM."""
    languages = ("English", "Spanish", "", "eng")
    return [[name, f"{born.month}/{born.day}/{born.year}", mrn, "12/8/2026", f"{9 + i}:00 AM" if i < 3 else "1:30 PM",
             "Dr. Okafor", language, f"Room {i}", "bones;tiredness"]
            for i, ((name, born, _, mrn), language) in enumerate(zip(PATIENTS, languages))]


def excel_csv(rows, header=US_HEADER, delimiter=",") -> str:
    """Text as Excel's "Save as CSV" writes it: CRLF line ends, quotes only where needed."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def run(*args):
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def sheets(out: Path) -> dict[str, list[str]]:
    """Each PDF's pages as text, by file name."""
    return {path.name: [squash(text) for text in page_texts(path.read_bytes())] for path in sorted(out.glob("*.pdf"))}


def assert_each_sheet_is_its_own_patients(out: Path, patients=PATIENTS):
    """Every sheet names one patient and their date of birth on every page, and nobody else's name or date."""
    made = sheets(out)
    assert made, "no sheet was made"
    for pages in made.values():
        whole = " ".join(pages)
        own = [patient for patient in patients if patient[0] in whole]
        assert len(own) == 1, [patient[0] for patient in own]
        name, _, printed_birth, _ = own[0]
        for page in pages:
            assert name in page and (printed_birth or name) in page, page[:200]
        for other in patients:
            if other is not own[0]:
                assert (other[2] or other[0]) not in whole and other[3] not in whole
    return made


def test_a_csv_as_excel_saves_it_in_a_us_locale_makes_each_patients_own_sheet(tmp_path):
    roster = tmp_path / "schedule.csv"
    roster.write_bytes(codecs.BOM_UTF8 + excel_csv(us_rows()).encode("utf-8"))  # Excel's "CSV UTF-8"
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--jobs", 1)
    assert result.exit_code == 0, result.output
    assert "Columns not read: 'Room'" in result.output
    made = assert_each_sheet_is_its_own_patients(tmp_path / "out")
    assert sorted(made) == ["row-002-2026-12-08.pdf", "row-003-2026-12-08.pdf", "row-004-2026-12-08.pdf",
                            "row-005-2026-12-08.pdf"]
    first, spanish, _, afternoon = made.values()
    assert "Tuesday, December 8, 2026, 9:00 AM" in first[0]
    assert "Preparación para mi cita" in spanish[0]
    assert "1:30 PM" in afternoon[0]
    assert not any("MRN000" in " ".join(pages) for pages in made.values())  # off unless --print-mrn


def test_the_record_number_is_printed_only_when_asked(tmp_path):
    roster = tmp_path / "schedule.csv"
    roster.write_text(excel_csv(us_rows()[:1]), encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--print-mrn")
    assert result.exit_code == 0, result.output
    pages = sheets(tmp_path / "out")["row-002-2026-12-08.pdf"]
    assert all("Record number: MRN0001" in page for page in pages[1:]) and "Record number MRN0001" in pages[0]


def test_a_workbook_with_typed_cells_makes_each_patients_own_sheet(tmp_path):
    """Dates, times and a serial number as Excel stores them; the sheet chosen by name."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["This sheet is not the roster"])
    day = book.create_sheet("Tuesday")
    day.append(["Patient Name", "Date of Birth", "Appointment", "Appt Time", "Provider", "Language", "Concerns"])
    for i, (name, born, _, _) in enumerate(PATIENTS):
        birth_cell = born if i != 2 else (born - dt.date(1899, 12, 30)).days  # a date typed as its serial number
        day.append([name, birth_cell, dt.datetime(2026, 12, 8), dt.time(9 + i, 15), "Dr. Chen",
                    ("English", "Español", "en", None)[i], "bones"])
        day.cell(day.max_row, 2).number_format = "m/d/yyyy"
    path = tmp_path / "schedule.xlsx"
    book.save(path)
    checked = run("batch", path, "--sheet", "Tuesday", "--check")
    assert checked.exit_code == 0, checked.output
    assert 'Excel workbook, sheet "Tuesday"' in checked.output and "4 rows: 4 ready, 0 failed" in checked.output
    assert not (tmp_path / "out").exists()
    result = run("batch", path, "--sheet", "Tuesday", "--out-dir", tmp_path / "out", "--jobs", 1)
    assert result.exit_code == 0, result.output
    made = assert_each_sheet_is_its_own_patients(tmp_path / "out")
    assert "Tuesday, December 8, 2026, 11:15 AM" in list(made.values())[2][0]
    missing = run("batch", path, "--sheet", "Friday", "--check")
    assert missing.exit_code == 1 and 'has no sheet "Friday"; its sheets are "Notes", "Tuesday"' in missing.output


def test_a_windows_1252_csv_keeps_its_accents(tmp_path):
    roster = tmp_path / "cp1252.csv"
    roster.write_bytes(excel_csv(us_rows()[1:2]).encode("cp1252"))  # Excel's plain "CSV" on US Windows
    assert "Peña".encode("cp1252") in roster.read_bytes()
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--format", "txt")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "row-002-2026-12-08.txt").read_text(encoding="utf-8")
    assert "Lucía Peña Núñez" in text and "23 de noviembre de 1971" in text
    assert "CSV, Windows-1252" in run("batch", roster, "--check").output


def test_a_utf16_tab_separated_file_as_excel_saves_unicode_text(tmp_path):
    roster = tmp_path / "unicode.txt"
    roster.write_bytes(codecs.BOM_UTF16_LE + excel_csv(us_rows()[:2], delimiter="\t").encode("utf-16-le"))
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--format", "txt")
    assert result.exit_code == 0, result.output
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "out").glob("*.txt"))]
    assert "Ana Díaz" in texts[0] and "March 4, 1960" in texts[0] and "Peña" in texts[1]


def test_a_file_in_no_encoding_mbcprep_reads_is_refused_in_one_line(tmp_path):
    roster = tmp_path / "bad.csv"
    roster.write_bytes(b"name,concerns\r\nAna \x81\x8d\x8f,bones\r\n")  # bytes Windows-1252 leaves undefined
    result = run("batch", roster, "--check")
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "is not text in UTF-8, UTF-16 or Windows-1252" in result.output and "Ana" not in result.output
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert "Excel 97-2003 workbook (.xls)" in run("batch", old, "--check").output


def test_title_rows_above_the_header_are_left_out_and_rows_keep_their_spreadsheet_numbers(tmp_path):
    roster = tmp_path / "export.csv"
    rows = [["Oncology clinic schedule", "", "", "", "", "", "", "", ""], ["Printed 12/7/2026 4:55 PM"], [],
            *[US_HEADER, *us_rows()[:2]]]
    rows[5][1] = "2/30/1971"
    roster.write_text(excel_csv(rows[1:], header=rows[0]), encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--format", "txt")
    assert result.exit_code == 1, result.output
    assert "its header is row 4 (the rows above it are left out)" in run("batch", roster, "--check").output
    assert "row 6: dob (DOB): is not a real date: February has no day 30" in result.output
    assert "1 written, 1 failed" in result.output and (tmp_path / "out" / "row-005-2026-12-08.txt").exists()

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Schedule for Dr. Okafor"])
    book.active.append(["Tuesday", dt.datetime(2026, 12, 8)])
    book.active.append(US_HEADER)
    for row in us_rows()[:2]:
        book.active.append(row)
    path = tmp_path / "export.xlsx"
    book.save(path)
    checked = run("batch", path, "--check")
    assert checked.exit_code == 0, checked.output
    assert "its header is row 3" in checked.output and "2 rows: 2 ready, 0 failed" in checked.output
    untitled = tmp_path / "untitled.csv"
    untitled.write_text("Clinic schedule\nAna Díaz,3/4/1960,bones\n", encoding="utf-8")
    refused = run("batch", untitled, "--check")
    assert "row 1 does not name the columns (is the header row missing?)" in refused.output
    assert "Ana" not in refused.output


def test_a_header_without_rows_is_refused_as_the_wrong_export(tmp_path):
    roster = tmp_path / "friday.csv"
    roster.write_text("Patient Name,DOB,Appt Date,concerns\r\n,,,\r\n\r\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert "has a header row but no patients after it; check that it is the right day's export" in result.output


def test_an_empty_name_fails_its_row_unless_the_row_says_anonymous_or_blank_names_are_allowed(tmp_path):
    roster = tmp_path / "names.csv"
    roster.write_text("name,concerns\nAna Díaz,bones\n,bones\nAnonymous,bones\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--format", "txt")
    assert result.exit_code == 1
    assert ("row 3: name: is empty; every sheet needs the patient's name (write anonymous in the cell for a "
            "sheet without one)") in result.output
    assert "2 written, 1 failed" in result.output
    report = (tmp_path / "out" / "batch-errors.csv").read_text(encoding="utf-8-sig")
    assert "3,name: is empty" in report
    assert "Anonymous" not in (tmp_path / "out" / "row-004.txt").read_text(encoding="utf-8")
    allowed = run("batch", roster, "--out-dir", tmp_path / "all", "--format", "txt", "--allow-blank-names")
    assert allowed.exit_code == 0 and "3 written, 0 failed" in allowed.output


def test_header_names_from_exports_map_and_day_first_dates(tmp_path):
    roster = tmp_path / "export.csv"
    roster.write_text("Patient_Name,Appointment Date/Time,Clinician,Topics,Visit Type\n"
                      "Ana Díaz,08/12/2026 14:05,Dr. Lee,bones,Follow up\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--format", "txt", "--date-order", "dmy",
                 "--map", "Appointment Date/Time=visit", "--map", "Visit Type=")
    assert result.exit_code == 0, result.output
    assert "Columns not read" not in result.output
    text = (tmp_path / "out" / "row-002-2026-12-08.txt").read_text(encoding="utf-8")
    assert "Tuesday, December 8, 2026, 2:05 PM" in text and "Dr. Lee" in text
    bad_map = run("batch", roster, "--check", "--map", "Topics=concern")
    assert bad_map.exit_code == 1 and "concern is not a roster column (did you mean concerns?)" in bad_map.output


def test_concerns_for_rows_that_name_none(tmp_path):
    roster = tmp_path / "day.csv"
    roster.write_text("name,concerns\nAna,bones\nBo,\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--format", "txt", "--concerns",
                 "treatment-options,tiredness")
    assert result.exit_code == 0, result.output
    ana, bo = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "out").glob("*.txt"))]
    assert "bone" in ana.lower() and "Tiredness" not in ana.split("Questions")[0]
    assert "Tiredness, appetite and weight" in bo
    without = run("batch", roster, "--check")
    assert "row 3: concerns: no concern chosen; write concern ids in the cell (see 'mbcprep concerns'), or give " \
           "--concerns for every row without" in without.output and "interactive" not in without.output
    no_column = tmp_path / "names.csv"
    no_column.write_text("name\nAna\n", encoding="utf-8")
    assert run("batch", no_column, "--check", "--concerns", "bones").exit_code == 0
    typo = run("batch", no_column, "--check", "--concerns", "bonse")
    assert typo.exit_code == 1 and "did you mean" in typo.output


@pytest.mark.parametrize("cell, read", [
    ("12/8/2026 9:00", dt.datetime(2026, 12, 8, 9, 0)),
    ("12/8/2026 9:00 AM", dt.datetime(2026, 12, 8, 9, 0)),
    ("12/8/2026 12:30:00 PM", dt.datetime(2026, 12, 8, 12, 30)),
    ("12/8/2026 12:05 AM", dt.datetime(2026, 12, 8, 0, 5)),
    ("12/8/26", dt.date(2026, 12, 8)),
    ("2026-12-08T14:30:00-05:00", dt.datetime(2026, 12, 8, 14, 30)),  # the clinic's own clock time
    ("2026-12-08 2:30pm", dt.datetime(2026, 12, 8, 14, 30)),
])
def test_visit_dates_and_times_as_exports_write_them(cell, read):
    from mbcprep.request.dates import read_moment

    assert read_moment(cell, "visit") == read


def test_a_two_digit_birth_year_is_never_in_the_future():
    from mbcprep.request.dates import read_moment

    assert read_moment("3/4/60", "dob", birth=True) == dt.date(1960, 3, 4)
    this_year = dt.date.today().year % 100
    later = f"1/1/{(this_year + 1) % 100:02d}"
    assert read_moment(later, "dob", birth=True) < dt.date.today()


@pytest.mark.parametrize("cell, reason", [
    ("2/30/2026 9:00 AM", "visit: is not a real date: February has no day 30"),
    ("4/31/2026", "visit: is not a real date: April has no day 31"),
    ("13/8/2026", "visit: is not a real date: there is no month 13"),
    ("12/8/2026 13:00 PM", "visit: is not a real time: with AM or PM the hour goes from 1 to 12, not 13"),
])
def test_every_date_error_says_what_is_wrong(tmp_path, cell, reason):
    roster = tmp_path / "dates.csv"
    roster.write_text(f"name,visit,dob,concerns\nAna,{cell},2/29/1961,bones\nBo,{cell},,bones\n", encoding="utf-8")
    result = run("batch", roster, "--check")
    assert "row 2: dob: is not a real date: February has no day 29 in that year (it is not a leap year)" \
        in result.output
    assert f"row 3: {reason}" in result.output and "1961" not in result.output


@pytest.mark.parametrize("word", ["es", "Spanish", "Español", "spa", "ES-mx"])
def test_a_preferred_language_as_exports_write_it(word):
    from mbcprep.request.checks import check_value

    assert check_value("language", word) == "es"


def test_the_template_has_every_column_and_reads_without_a_problem(tmp_path):
    from mbcprep.request.fields import ROSTER_COLUMNS

    result = CliRunner().invoke(main, ["batch", "--template"])
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert data.startswith(codecs.BOM_UTF8) and b"\r\n" in data
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert sorted(header) == sorted(ROSTER_COLUMNS)
    roster = tmp_path / "template.csv"
    roster.write_bytes(data)
    checked = run("batch", roster, "--check")
    assert checked.exit_code == 0 and "2 rows: 2 ready, 0 failed" in checked.output


# --- FHIR R4 ------------------------------------------------------------------------------------

CONCERNS_URL = "urn:mbcprep:fhir:StructureDefinition:concerns"
FHIR_PATIENTS = (*PATIENTS, ("Zoë Nguyễn", None, None, "MRN0005"))


def fhir_bundle(patients=FHIR_PATIENTS, languages=("en", "es-MX", None, "eng", None)) -> dict:
    """A searchset as ``Appointment?date=...&_include=Appointment:patient&_include=Appointment:practitioner``."""
    entries = []
    for i, (name, born, _, mrn) in enumerate(patients, 1):
        given, family = name.rsplit(" ", 1)
        appointment = {"resourceType": "Appointment", "id": f"a{i}", "status": "booked",
                       "start": f"2026-12-08T{8 + i:02d}:30:00-05:00",
                       "participant": [{"actor": {"reference": f"Patient/p{i}"}, "status": "accepted"},
                                       {"actor": {"reference": "Practitioner/d1"}, "status": "accepted"}]}
        if i != 3:
            appointment["extension"] = [{"url": CONCERNS_URL, "valueString": "bones;tiredness"}]
        patient = {"resourceType": "Patient", "id": f"p{i}", "name": [{"use": "official", "family": family,
                                                                       "given": given.split()}],
                   "identifier": [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                                                        "code": "MR"}]}, "value": mrn}]}
        if born is not None:
            patient["birthDate"] = born.isoformat()
        if languages[i - 1]:
            patient["communication"] = [{"language": {"coding": [{"system": "urn:ietf:bcp:47",
                                                                   "code": languages[i - 1]}]}, "preferred": True}]
        entries += [{"fullUrl": f"https://ehr.example.org/fhir/Appointment/a{i}", "resource": appointment},
                    {"fullUrl": f"https://ehr.example.org/fhir/Patient/p{i}", "resource": patient,
                     "search": {"mode": "include"}}]
    entries.append({"resource": {"resourceType": "Practitioner", "id": "d1",
                                 "name": [{"prefix": ["Dr."], "given": ["Sam"], "family": "Okafor"}]}})
    return {"resourceType": "Bundle", "type": "searchset", "total": len(patients), "entry": entries}


def test_a_fhir_bundle_of_five_appointments_makes_five_sheets(tmp_path):
    day = tmp_path / "day.json"
    day.write_text(json.dumps(fhir_bundle(), ensure_ascii=False), encoding="utf-8")
    result = run("batch", day, "--out-dir", tmp_path / "out", "--concerns", "treatment-options", "--jobs", 1)
    assert result.exit_code == 0, result.output
    made = assert_each_sheet_is_its_own_patients(tmp_path / "out", FHIR_PATIENTS)
    assert sorted(made) == [f"row-00{i}-2026-12-08.pdf" for i in range(1, 6)]
    pages = list(made.values())
    assert "Tuesday, December 8, 2026, 9:30 AM" in pages[0][0] and "Seeing Dr. Sam Okafor" in pages[0][0]
    assert "Preparación para mi cita" in pages[1][0] and "Getting Ready for My Visit" in pages[3][0]
    assert "My treatment choices" in pages[2][0] or "treatment" in " ".join(pages[2]).lower()  # --concerns
    no_birth = " ".join(pages[4])
    assert "Zoë Nguyễn" in no_birth and "Date of birth" not in no_birth


def test_a_fhir_appointment_that_cannot_be_made_costs_its_row_only(tmp_path):
    bundle = fhir_bundle()
    bundle["entry"][1]["resource"]["birthDate"] = "1960-02-30"
    bundle["entry"][2]["resource"]["status"] = "cancelled"
    bundle["entry"][4]["resource"]["participant"][0]["actor"]["reference"] = "Patient/not-in-the-bundle"
    day = tmp_path / "day.json"
    day.write_text(json.dumps(bundle), encoding="utf-8")
    result = run("batch", day, "--check", "--concerns", "bones")
    assert result.exit_code == 1
    assert "row 1: not a valid FHIR R4 Patient: Patient.birthDate: is not a real date: February has no day 30" \
        in result.output
    assert "row 2: not made: the appointment's status is cancelled" in result.output
    assert "row 3: Appointment.participant: its Patient is not in the Bundle" in result.output
    assert "5 rows: 2 ready, 3 failed" in result.output and "1960" not in result.output
    day.write_text(json.dumps(fhir_bundle()), encoding="utf-8")
    without = run("batch", day, "--check")
    assert ("row 3: Appointment.extension (concerns): no concern chosen; give --concerns for the appointments "
            "without") in without.output  # the 3rd names no concern


@pytest.mark.parametrize("document, message", [
    ({"resourceType": "Patient", "id": "p1"}, "is a FHIR Patient, not a Bundle"),
    ({"resourceType": "Bundle", "type": "searchset"}, "the Bundle has no Appointment (it is empty)"),
    ({"resourceType": "Bundle", "type": "searchset", "total": "many", "entry": []},
     "is not a valid FHIR R4 Bundle: Bundle.total"),
    ({"patients": []}, "is JSON but not a FHIR resource"),
    ("{not json", "is not valid JSON (line 1)"),
])
def test_anything_but_a_bundle_of_appointments_is_refused_in_one_line(tmp_path, document, message):
    day = tmp_path / "day.json"
    day.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    result = run("batch", day, "--check")
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert message in result.output


# --- the two identifiers, read back -------------------------------------------------------------

def test_the_summary_reads_the_date_of_birth_back_and_nothing_else_holds_it(tmp_path):
    from pypdf import PdfReader

    output = tmp_path / "sheet.pdf"
    made = run("generate", "-c", "bones", "--name", "Ana Díaz", "--dob", "3/4/1960", "--mrn", "A-778",
               "--visit", "12/8/2026 9:00 AM", "-o", output)
    assert made.exit_code == 0 and "1960" not in made.output and output.name == "sheet.pdf"
    metadata = " ".join(str(value) for value in (PdfReader(output).metadata or {}).values())
    assert "1960" not in metadata and "Díaz" not in metadata
    default = run("generate", "-c", "bones", "--dob", "1960-03-04", "--visit", "2026-12-08",
                  "--format", "txt", "-o", tmp_path / "no-name.txt")
    assert default.exit_code == 0 and "visit-prep" not in default.output
    summary = run("summary", output, "--format", "txt", "-o", "-")
    assert summary.exit_code == 0, summary.output
    assert "Name: Ana Díaz" in summary.output and "Date of birth: March 4, 1960" in summary.output
    assert "A-778" not in summary.output  # the record number is on neither without --print-mrn


from hypothesis import HealthCheck, example, given, settings, strategies as st  # noqa: E402

#: Text that starts with a marker, so a reason quoting it is found whatever hypothesis makes.
MARKED = st.text(st.characters(blacklist_categories=("Cs",)), max_size=24).map(lambda text: "Qx" + text)
#: What an element may hold: marked text, or a value that is valid or nearly so.
ELEMENT = st.one_of(MARKED, st.sampled_from(["1960-02-30", "1960-13-01", "1960", "2026-12-08T25:00:00Z", "es-XX",
                                             "unknownConcern", ""]), st.integers(), st.none(), st.just([]),
                  st.just(...), st.just(...))  # ...: the element keeps its valid value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(birth=ELEMENT, family=ELEMENT, mrn=ELEMENT, language=ELEMENT, start=ELEMENT, status=ELEMENT,
       concerns=st.one_of(ELEMENT, st.just("bones")))
@example(birth=..., family=..., mrn=..., language=..., start=..., status=..., concerns="bones")
@example(birth="Qx1960-02-30", family=..., mrn=..., language=..., start=..., status=..., concerns="bones")
def test_a_fhir_bundle_with_any_values_gives_rows_or_reasons_that_quote_none_of_them(
        small_pack, birth, family, mrn, language, start, concerns, status):
    from mbcprep.errors import RosterError
    from mbcprep.request.packs import PackShelf
    from mbcprep.request.roster import roster_from_bytes

    bundle = fhir_bundle(FHIR_PATIENTS[:1], ("en",))
    appointment, patient = bundle["entry"][0]["resource"], bundle["entry"][1]["resource"]
    for place, key, value in ((appointment, "start", start), (appointment, "status", status),
                              (appointment["extension"][0], "valueString", concerns), (patient, "birthDate", birth),
                              (patient["name"][0], "family", family), (patient["identifier"][0], "value", mrn),
                              (patient["communication"][0]["language"]["coding"][0], "code", language)):
        if value is not ...:
            place[key] = value
    data = json.dumps(bundle, ensure_ascii=False).encode("utf-8")
    try:
        roster = roster_from_bytes(data, "day.json", PackShelf(small_pack.root), {"format": "txt"})
    except RosterError as error:
        reasons = [str(error)]
    else:
        assert len(roster.rows) + len(roster.failures) == 1
        if all(value is ... for value in (birth, family, mrn, language, start, status)) and concerns == "bones":
            assert len(roster.rows) == 1, roster.failures
        reasons = [failure.reason for failure in roster.failures]
    for reason in reasons:
        assert "qx" not in reason.lower() and "\n" not in reason, reason


@pytest.mark.parametrize("language, birth, record", [
    ("en", "Date of birth: November 2, 1958", "Record number: B99-4417"),
    ("es", "Fecha de nacimiento: 2 de noviembre de 1958", "N.º de expediente: B99-4417"),
])
def test_a_loose_pages_date_of_birth_and_record_number_are_never_split_over_two_lines(tmp_path, language, birth,
                                                                                       record):
    """The running head wraps between its parts: "November 2," on one line and "1958" on the next is misread."""
    from pypdf import PdfReader

    output = tmp_path / "sheet.pdf"
    made = run("generate", "-c", "bones,treatment-options", "--language", language, "--name",
               "Margaret Josephine Smith-Okonkwo de la Cruz", "--dob", "11/2/1958", "--mrn", "B99-4417", "--print-mrn",
               "-o", output)
    assert made.exit_code == 0, made.output
    pages = PdfReader(output).pages
    assert len(pages) > 2
    for page in pages[1:]:
        head = page.extract_text().split("\n")[:3]  # the running head wraps onto a second line here
        assert any(birth in line for line in head) and any(record in line for line in head), head
        assert not any(line.rstrip().endswith((birth.split()[-2], "1958")) and birth not in line for line in head)
