"""Summary -> FHIR R4: the patient's answers as a ``QuestionnaireResponse``, and the handout's form as its
``Questionnaire``, so an EHR can file the answers in the chart.

The form is the handout's own (its description, ``mbcprep.model.form``): one
``Questionnaire`` item per field, its ``linkId`` the field's name
(``top_question_1``, ``ask_3``, ``symptom_2_5``, ``notes``...), its text the
words the sheet printed there, its type ``boolean`` for a question's tick
box, ``text`` for the answer lines and the notes, ``string`` for the rest.
Its ``url`` is a ``urn:uuid:`` made from the fields themselves, so the same
form always has the same canonical and two forms never share one
(``mbcprep content questionnaire HANDOUT.pdf`` writes it).  The response
names that canonical and has one item for every field with an entry: the
text as typed (``valueString``) or a tick (``valueBoolean``); nothing is
shortened.  It carries no patient identity: the EHR files it against the
patient and encounter it is imported for.

Both are checked with ``fhir.resources`` (its R4B models, whose
``Questionnaire`` and ``QuestionnaireResponse`` are R4's) before they are
written: a resource that does not validate is a bug, never a file.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Mapping

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from mbcprep.formats import SUMMARY_FORMATS, Document
from mbcprep.summary.model import Summary

#: The namespace of the forms' canonical ``urn:uuid:`` (uuid5 of the form's fields).
FORM_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mbcprep.invalid/fhir/Questionnaire")
#: Each field kind's ``Questionnaire.item.type``.
ITEM_TYPES = {"question_tick": "boolean", "question_answer": "text", "notes": "text"}


def form_url(fields: tuple[Mapping, ...] | list[Mapping]) -> str:
    """The form's canonical: the same fields, the same ``urn:uuid:``."""
    key = json.dumps([[field["name"], field["kind"], item_text(field)] for field in fields], ensure_ascii=False)
    return f"urn:uuid:{uuid.uuid5(FORM_NAMESPACE, key)}"


def item_text(field: Mapping) -> str:
    """What the sheet printed at the field: the question, the symptom and day, the column and row...
    (FHIR has no empty strings: the field's name when there are no words.)"""
    return " ".join(_words(field).split()) or str(field["name"])


def _words(field: Mapping) -> str:
    kind = field["kind"]
    if kind in ("question_tick", "question_answer"):
        return str(field.get("question", ""))
    if kind == "symptom":
        return f"{field.get('symptom', '')}, {field.get('day_label', '')}"
    if kind == "medicine":
        return f"{field.get('column_label', '')} {field['row']}"
    if kind == "phone":
        return str(field.get("label", ""))
    if kind in ("top_question", "own_question"):
        return f"{kind.replace('_', ' ')} {field['number']}"
    return kind


def questionnaire(description: Mapping) -> dict:
    """The handout's form as a FHIR R4 ``Questionnaire`` (validated)."""
    fields = list(description.get("fields") or [])
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "url": form_url(fields),
        "name": "MbcprepHandoutForm",
        "title": "mbcprep handout: the patient's questions, symptom log, medicines and notes",
        "status": "draft",  # its words have not been reviewed by a clinician (see the handout's footer)
        "subjectType": ["Patient"],
    }
    if fields:  # FHIR has no empty lists
        resource["item"] = [{"linkId": field["name"], "text": item_text(field),
                             "type": ITEM_TYPES.get(field["kind"], "string")} for field in fields]
    if description.get("language"):
        resource["language"] = description["language"]
    return validated(resource)


def questionnaire_response(summary: Summary) -> dict:
    """Every answer of the summary's form as a FHIR R4 ``QuestionnaireResponse`` (validated)."""
    items = []
    for field in summary.fields:
        value = summary.answers.get(field["name"])
        if value is None or value == "":
            continue
        answer = {"valueBoolean": True} if value is True else {"valueString": value}
        items.append({"linkId": field["name"], "text": item_text(field), "answer": [answer]})
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": form_url(summary.fields),
        "status": "completed",
        # No "authored": when the patient typed the answers is not known (the day of the summary is not it).
    }
    if items:  # FHIR has no empty lists
        resource["item"] = items
    if summary.language:
        resource["language"] = summary.language
    return validated(resource)


def validated(resource: dict) -> dict:
    """The resource, checked against FHIR R4 by ``fhir.resources``; ``ValueError`` (a bug) when it is not valid."""
    if resource["resourceType"] == "Questionnaire":
        Questionnaire.model_validate(resource)
    else:
        QuestionnaireResponse.model_validate(resource)
    return resource


def render_fhir(summary: Summary) -> Document:
    text = json.dumps(questionnaire_response(summary), ensure_ascii=False, indent=2)
    return Document((text + "\n").encode("utf-8"), SUMMARY_FORMATS["fhir"])
