"""What is wrong with a request, said for a program too: a code on every ``RequestError``, and every problem
of a request at once when asked (a web form shows each beside its field)."""

from __future__ import annotations

import pytest

from mbcprep.errors import RequestError, RequestInvalid
from mbcprep.request.checks import check_value
from mbcprep.request.values import request_from_mapping


@pytest.mark.parametrize("field, value, code", [
    ("visit", "2026-02-30", "not_a_real_date"),
    ("visit", "2026-12-03 25:61", "not_a_real_date"),
    ("visit", "next tuesday", "not_a_date"),
    ("name", "x" * 201, "too_long"),
    ("paper", "legal", "not_a_choice"),
    ("large_print", "maybe", "not_yes_or_no"),
    ("font", "no-such-font.ttf", "file"),
])
def test_each_check_says_what_is_wrong_as_a_code(field, value, code):
    with pytest.raises(RequestError) as caught:
        check_value(field, value)
    assert caught.value.code == code and caught.value.field == field


def test_a_code_is_one_of_the_known_codes():
    assert RequestError("is wrong").code == "invalid"
    with pytest.raises(ValueError, match="unknown RequestError code"):
        RequestError("is wrong", code="wrong")


def test_a_request_stops_at_its_first_problem_unless_every_problem_is_asked_for(small_pack):
    form = {"concerns": ["bonez"], "name": "x" * 300, "provider": "Dr. 中", "paper": "legal",
            "visit": "2026-02-30", "her2": "1+"}
    with pytest.raises(RequestError) as first:
        request_from_mapping(form, small_pack)
    assert not isinstance(first.value, RequestInvalid) and first.value.field == "name"
    with pytest.raises(RequestInvalid) as every:
        request_from_mapping(form, small_pack, hints=False, every_problem=True)
    found = {(error.field, error.code) for error in every.value.errors}
    assert found == {("name", "too_long"), ("visit", "not_a_real_date"), ("paper", "not_a_choice"),
                     ("her2", "not_a_choice"), ("concerns", "unknown_concern"), ("provider", "unprintable")}
    assert every.value.problems()[0] == (("name",), "is 300 characters long; the limit is 200 characters")


def test_no_concern_is_a_problem_and_the_rest_are_still_checked(small_pack):
    with pytest.raises(RequestInvalid) as every:
        request_from_mapping({"concerns": [], "name": "中"}, small_pack, every_problem=True)
    assert [(error.field, error.code) for error in every.value.errors] == [("concerns", "no_concern"),
                                                                           ("name", "unprintable")]


def test_a_good_request_is_the_same_either_way(small_pack):
    form = {"concerns": ["bones"], "name": "Ana", "paper": "a4"}
    assert request_from_mapping(form, small_pack) == request_from_mapping(form, small_pack, every_problem=True)
