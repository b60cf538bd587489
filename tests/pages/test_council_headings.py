"""The council page's headings are each said once: a section heading and its table's caption never both show."""

from collections import Counter
from html.parser import HTMLParser

from django.urls import reverse

from metrics.models import Reading
from tests.conftest import client_for
from tests.factories import MetricFactory, ReadingFactory

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
HIDDEN = {"app-caption-hidden", "govuk-visually-hidden"}


class _Headings(HTMLParser):
    """Headings and the table captions a sighted reader sees, as (tag, text), in page order."""

    def __init__(self):
        super().__init__()
        self.found, self._open, self._hidden_depth, self._stack = [], None, 0, []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        hidden = bool(classes & HIDDEN)
        if tag not in {"br", "img", "input", "meta", "link", "hr", "col"}:
            self._stack.append(hidden)
            self._hidden_depth += hidden
        if (tag in HEADINGS or tag == "caption") and not self._hidden_depth:
            self._open = [tag, ""]

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self.found.append((tag, " ".join(self._open[1].split())))
            self._open = None
        if self._stack and tag not in {"br", "img", "input", "meta", "link", "hr", "col"}:
            self._hidden_depth -= self._stack.pop()

    def handle_data(self, data):
        if self._open and not self._hidden_depth:
            self._open[1] += data


def _visible_headings(scrutiny, council):
    response = client_for(scrutiny).get(reverse("council-detail", kwargs={"gss_code": council.gss_code}))
    parser = _Headings()
    parser.feed(response.content.decode())
    return parser.found


def test_funding_is_one_heading_with_its_totals_and_awards_beneath(scrutiny, council, lincs_data):
    headings = _visible_headings(scrutiny, council)
    texts = [text for _, text in headings]
    assert texts.count("Funding") == 1
    start = texts.index("Funding")
    # Background (issue 14): after the progress sections, one level down.
    assert headings[start : start + 3] == [
        ("h3", "Funding"),
        ("h4", "Totals by financial year"),
        ("h4", "Each award and its source"),
    ]
    assert texts.index("Background") < start and texts.index("Summary") < texts.index("Background")


def test_no_section_heading_is_repeated_by_a_caption_or_another_heading(scrutiny, council, lincs_data):
    whole_council = MetricFactory(council=council, project=None, name="Children in care")
    ReadingFactory(metric=whole_council, council=council, project=None, status=Reading.Status.APPROVED)
    headings = _visible_headings(scrutiny, council)
    assert "Measures for the whole council" in [text for _, text in headings]
    repeated = {text: n for text, n in Counter(text for tag, text in headings if tag in {"h1", "h2", "caption"}).items()
                if n > 1}
    assert repeated == {}
