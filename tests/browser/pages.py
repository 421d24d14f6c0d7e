"""The pages the accessibility and phone-layout journeys visit: one of every public page type."""

from tests.browser.support import FLAGSHIP

PUBLIC_PAGES = {
    "home": "/",
    "article": FLAGSHIP,
    "causes list": "/causes/",
    "causes list, page 2": "/causes/?page=2",
    "cause": "/causes/ectopic-pregnancy/",
    "tag": "/tags/fertility-treatment/",
    "references": "/references/",
    "search with results": "/search/?q=spotting",
    "search with no results": "/search/?q=zzzqqqxxx",
    "triage form": "/triage/",
    "page not found": "/no-such-page/",
}

# One default scenario per disposition: the result page for each is scanned and measured.
RESULT_SCENARIOS = {
    "emergency": "Severe pain, not pregnant",
    "urgent": "Moderate pain, not pregnant",
    "appointment": "Spotting for 2 days before periods",
    "self_care": "Nothing worrying: first light spotting",
}
