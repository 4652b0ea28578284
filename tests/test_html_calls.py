"""The HTML handout to a screen reader and a phone (issue 28, item 4's web parts): numbers to call are
``tel:`` links, the four actions of "Get help now" are headings, a sign and its reason are two sentences;
and the patient page says the PDF is tagged."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from mbcprep.model.request import Request
from mbcprep.plan import plan_handout
from mbcprep.render.html import render_html, tel_links


@pytest.fixture(scope="module")
def page(builtin_pack, clinic_profile):
    request = Request(concerns=("bones", "brain", "side-effects"), clinic=clinic_profile)
    plan = plan_handout(request, builtin_pack)
    return plan, render_html(plan).data.decode("utf-8")


def test_911_988_and_the_clinic_numbers_are_tel_links(page, clinic_profile):
    _, html = page
    links = set(re.findall(r'<a href="tel:([\d+]+)">([^<]+)</a>', html))
    assert ("911", "911") in links and ("988", "988") in links
    assert ("5550104477", clinic_profile.phone) in links and ("5550104400", clinic_profile.after_hours_phone) in links


def test_tel_links_escape_the_words_around_them():
    assert tel_links("Call 911 <now> & 2026 or (555) 010-4477.") == (
        'Call <a href="tel:911">911</a> &lt;now&gt; &amp; 2026 or <a href="tel:5550104477">(555) 010-4477</a>.')


class Headings(HTMLParser):
    """The h3 elements of the panel, each with the ids its drawing is named by."""

    def __init__(self):
        super().__init__()
        self.badges: list[str] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h3" and attrs.get("class") == "badge":
            self.inside = True
        elif self.inside and tag == "svg":
            self.badges.append(attrs["aria-labelledby"])

    def handle_endtag(self, tag):
        if tag == "h3":
            self.inside = False


def test_the_four_actions_are_headings_named_by_their_captions(page):
    plan, html = page
    parser = Headings()
    parser.feed(html)
    groups = plan.part("get_help_now").groups
    assert len(parser.badges) == len(groups) == 4
    for label, group in zip(parser.badges, groups):
        assert f'id="{label}" aria-hidden="true">{group.caption}</span>' in html


def test_a_sign_and_its_reason_are_two_sentences_to_a_screen_reader(page):
    plan, html = page
    sign = next(sign for group in plan.part("get_help_now").groups for sign in group.signs if sign.why)
    assert re.search(re.escape(f'<span class="sign">{sign.text}</span>') + r'\s*<span class="reader-only">\. </span>'
                     r'<span class="why">', html)
    css = re.search(r"\.reader-only \{([^}]*)\}", html).group(1)
    assert "position: absolute" in css and "clip" in css


def test_the_patient_page_says_the_pdf_is_tagged(client):
    for path, words in (("/", "It is tagged: a screen reader reads its headings"), ("/?lang=es", "Está etiquetado")):
        response = client.get(path)
        assert words in response.get_data(as_text=True), path
