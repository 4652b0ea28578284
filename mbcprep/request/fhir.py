"""A clinic day from an EHR: a FHIR R4 Bundle of Appointments, with their Patients and Practitioners, as rows.

What an EHR's search or bulk export gives for a day's schedule
(``Appointment?date=2026-12-08&_include=Appointment:patient&_include=Appointment:practitioner``):
a ``Bundle`` whose entries are ``Appointment`` resources and the
``Patient`` and ``Practitioner`` resources they name.  Each Appointment is
one row (row N is the N-th Appointment in the Bundle), made into a
``Request`` through the same checks as a roster row's cells.  docs/fhir.md
says which element fills which value, and the extension that names the
concerns.

Every resource is parsed and checked with ``fhir.resources`` (its R4B
models, which read R4 resources: the two releases do not differ in the
elements read here), one resource at a time, so one broken Patient costs
the appointments that name it and not the day.  Anything that is not a
Bundle of Appointments is refused with one line.  Reasons name the FHIR
element, never its value.
"""

from __future__ import annotations

import datetime as dt
import json

from fhir.resources.R4B.appointment import Appointment
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from pydantic import ValidationError

from mbcprep import limits
from mbcprep.errors import RequestError, RosterError
from mbcprep.model.roster import RowFailure
from mbcprep.request.dates import read_moment

#: The extension on an Appointment that names its concerns: ``valueString`` "bones;tiredness", or one
#: ``valueCode`` per concern (the extension repeated).
CONCERNS_EXTENSION = "urn:mbcprep:fhir:StructureDefinition:concerns"
#: Appointments that get no sheet: they will not happen.
NOT_HAPPENING = ("cancelled", "noshow", "entered-in-error")
#: The identifier type (HL7 v2 table 0203) of a medical record number.
MRN_TYPE = "MR"


def bundle_rows(data: bytes, name: str, allow_blank_names: bool = False
                ) -> tuple[list[tuple[int, dict]], list[RowFailure], str]:
    """Each Appointment's values (row number, values as a roster row's cells hold them), the Appointments
    that cannot be a sheet, and what the file was read as; ``RosterError`` for a file that is not a Bundle
    of Appointments.  ``mbcprep.request.roster`` makes the requests, as for any roster."""
    bundle = _bundle(data, name)
    resources = _entries(bundle, name)
    appointments = [resource for resource in resources if resource.get("resourceType") == "Appointment"]
    if not appointments:
        kinds = sorted({str(resource.get("resourceType")) for resource in resources})
        raise RosterError(name, "the Bundle has no Appointment" + (f" (it has {', '.join(kinds[:5])})" if kinds else
                                                                   " (it is empty)")
                          + "; export the day's Appointments with their Patients")
    if len(appointments) > limits.ROSTER_ROWS:
        raise RosterError(name, f"has more than {limits.describe(limits.ROSTER_ROWS)} Appointments; export one "
                                "day (or one clinic) at a time")
    index = _Index(resources)
    rows: list[tuple[int, dict]] = []
    failures: list[RowFailure] = []
    for number, appointment in enumerate(appointments, 1):
        try:
            cells = _appointment_values(appointment, index)
            if not cells.get("name") and not allow_blank_names:
                raise _NotMade("Patient.name: the Patient has no name; every sheet needs the patient's name "
                               "(--allow-blank-names makes sheets without one)")
            rows.append((number, cells))
        except _NotMade as problem:
            failures.append(RowFailure(number, str(problem)))
    source = f"FHIR R4 Bundle, {len(appointments)} appointment{'s' if len(appointments) != 1 else ''}"
    return rows, failures, source


#: Where each request value comes from, for a row's reason.
FHIR_PLACES = {
    "name": "Patient.name",
    "dob": "Patient.birthDate",
    "mrn": "Patient.identifier",
    "language": "Patient.communication",
    "visit": "Appointment.start",
    "provider": "Practitioner.name",
    "concerns": "Appointment.extension (concerns)",
}


class _NotMade(Exception):
    """An appointment that cannot be a sheet, and why (FHIR element names only)."""
def _bundle(data: bytes, name: str) -> dict:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RosterError(name, "is not UTF-8 JSON; a FHIR Bundle is JSON in UTF-8") from None
    except RecursionError:
        raise RosterError(name, "is JSON nested too deeply to be a FHIR Bundle") from None
    except ValueError as problem:
        line = getattr(problem, "lineno", None)
        raise RosterError(name, "is not valid JSON" + (f" (line {line})" if line else "")
                          + "; a FHIR roster is a Bundle of Appointments in JSON") from None
    if not isinstance(document, dict) or "resourceType" not in document:
        raise RosterError(name, "is JSON but not a FHIR resource; a FHIR roster is a Bundle of Appointments")
    kind = document.get("resourceType")
    if kind != "Bundle":
        raise RosterError(name, f"is a FHIR {_kind(kind)}, not a Bundle; export the day's Appointments as a "
                                "Bundle (a search result) with their Patients")
    return document


def _entries(bundle: dict, name: str) -> list[dict]:
    """The Bundle's resources, the Bundle itself checked against the FHIR model (without its resources)."""
    entries = bundle.get("entry") or []
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise RosterError(name, "is not a valid FHIR Bundle: Bundle.entry must be a list of entries")
    shell = {**bundle, "entry": [{key: value for key, value in entry.items() if key != "resource"}
                                 for entry in entries] or None}
    try:
        Bundle.model_validate({key: value for key, value in shell.items() if value is not None})
    except ValidationError as problem:
        raise RosterError(name, f"is not a valid FHIR R4 Bundle: {_where(problem, 'Bundle')}") from None
    resources = []
    for entry in entries:
        resource = entry.get("resource")
        if isinstance(resource, dict):
            resources.append({**resource, "_fullUrl": entry.get("fullUrl")})
    return resources


class _Index:
    """The Bundle's Patients and Practitioners, found by the references an Appointment makes."""
    def __init__(self, resources: list[dict]):
        self.by_reference: dict[str, dict] = {}
        for resource in resources:
            kind, ident = resource.get("resourceType"), resource.get("id")
            if kind not in ("Patient", "Practitioner"):
                continue
            if ident:
                self.by_reference[f"{kind}/{ident}"] = resource
            if resource.get("_fullUrl"):
                self.by_reference[str(resource["_fullUrl"])] = resource

    def find(self, reference: str) -> dict | None:
        """The resource a reference names: ``Patient/1``, a full URL ending so, or an entry's ``fullUrl``."""
        if reference in self.by_reference:
            return self.by_reference[reference]
        tail = "/".join(reference.rstrip("/").split("/")[-2:])
        return self.by_reference.get(tail)


def _appointment_values(raw: dict, index: _Index) -> dict:
    """One Appointment's request values, as a roster row's cells would hold them."""
    appointment = _model(Appointment, raw, "Appointment")
    if appointment.status in NOT_HAPPENING:
        raise _NotMade(f"not made: the appointment's status is {appointment.status}")
    patient_raw = practitioner_raw = None
    provider_display = ""
    for participant in appointment.participant or ():
        reference = participant.actor.reference if participant.actor is not None else None
        if not reference:
            continue
        found = index.find(reference)
        kind = found["resourceType"] if found is not None else reference.rstrip("/").split("/")[-2:][0]
        if kind == "Patient":
            if found is None:
                raise _NotMade("Appointment.participant: its Patient is not in the Bundle (export the "
                               "Appointments with _include=Appointment:patient)")
            patient_raw = found
        elif kind == "Practitioner":
            practitioner_raw = found
            provider_display = participant.actor.display or provider_display
    if patient_raw is None:
        raise _NotMade("Appointment.participant: names no Patient")
    patient = _model(Patient, patient_raw, "Patient")
    values = {
        "name": _human_name(patient.name),
        "dob": _birth_date(patient.birthDate),
        "mrn": _record_number(patient.identifier),
        "language": _language(patient.communication),
        "visit": appointment.start,
        "concerns": _concerns(appointment.extension),
    }
    if practitioner_raw is not None:
        values["provider"] = _human_name(_model(Practitioner, practitioner_raw, "Practitioner").name, prefix=True)
    elif provider_display:
        values["provider"] = provider_display
    return {key: value for key, value in values.items() if value is not None}


def _model(model, raw: dict, kind: str):

    try:
        return model.model_validate({key: value for key, value in raw.items() if key != "_fullUrl"})
    except ValidationError as problem:
        raise _NotMade(f"not a valid FHIR R4 {kind}: {_where(problem, kind, raw)}") from None


#: Date elements whose problem mbcprep words itself ("February has no day 30"), and whether each is a birth date.
_DATE_ELEMENTS = {"birthDate": True, "start": False}


def _where(problem, kind: str, raw: dict | None = None) -> str:
    """The first problem the FHIR model found: the element and what is wrong, never the value."""
    first = problem.errors()[0]
    loc = [str(part) for part in first.get("loc", ()) if not isinstance(part, int)]
    place = ".".join(loc)
    message = " ".join(str(first.get("msg", "is not valid")).split(", input_value")[0].split())[:160]
    if raw is not None and len(loc) == 1 and loc[0] in _DATE_ELEMENTS and isinstance(raw.get(loc[0]), str):
        try:
            read_moment(raw[loc[0]], loc[0], birth=_DATE_ELEMENTS[loc[0]])
        except RequestError as error:
            message = error.problem
    return f"{kind}.{place}: {message}" if place else message


def _human_name(names, prefix: bool = False) -> str | None:
    """The name to print: the ``official`` or ``usual`` one, its text, or its parts (given names, family)."""
    if not names:
        return None
    chosen = next((n for use in ("usual", "official") for n in names if n.use == use), names[0])
    if chosen.text and chosen.text.strip():
        return chosen.text
    parts = [*(chosen.prefix or () if prefix else ()), *(chosen.given or ()), chosen.family or ""]
    return " ".join(part.strip() for part in parts if part and part.strip()) or None


def _birth_date(birth_date) -> str | None:
    """The date of birth when it is a whole date; a year or a month alone does not tell two people apart."""
    if isinstance(birth_date, dt.date):
        return birth_date.isoformat()
    text = str(birth_date or "")
    return text if len(text) == 10 else None


def _record_number(identifiers) -> str | None:
    for identifier in identifiers or ():
        codes = [coding.code for coding in (identifier.type.coding or ())] if identifier.type else []
        if MRN_TYPE in codes and identifier.value:
            return identifier.value
    return None


def _language(communication) -> str | None:
    """The preferred language (or the first given): its code ("es", "es-MX", "spa") or its text ("Spanish")."""
    if not communication:
        return None
    chosen = next((c for c in communication if c.preferred), communication[0])
    language = chosen.language
    for coding in language.coding or ():
        if coding.code:
            return coding.code
    return language.text or None


def _concerns(extensions) -> str | None:
    ids = [value for extension in extensions or () if extension.url == CONCERNS_EXTENSION
           for value in (extension.valueString, extension.valueCode) if value]
    return ";".join(ids) or None


def _kind(kind) -> str:
    return kind if isinstance(kind, str) and kind.isalpha() and len(kind) < 40 else "resource"
