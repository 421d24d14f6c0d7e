"""The starter list of search synonyms (articles/starter/synonyms.json) and its loader.

The list is data a clinician or editor can review outside the code: each
entry is a term readers type and what it means in the site's words. It is
loaded once, into an empty synonym list, so editors' later deletions and
changes are never undone by the next deploy.
"""

import json
from pathlib import Path

from articles.models import SearchSynonym

STARTER_SYNONYMS = Path(__file__).resolve().parent / "starter" / "synonyms.json"


def starter_synonyms():
    """[{"term": ..., "meaning": ...}] as shipped."""
    return json.loads(STARTER_SYNONYMS.read_text(encoding="utf-8"))


def load_starter_synonyms():
    """Add the starter list when no synonym exists yet. Returns how many were created."""
    if SearchSynonym.objects.exists():
        return 0
    synonyms = [SearchSynonym(term=entry["term"], meaning=entry["meaning"]) for entry in starter_synonyms()]
    for synonym in synonyms:
        # bulk_create skips save(), where terms are normalised.
        synonym.term = _normalised(synonym.term)
    SearchSynonym.objects.bulk_create(synonyms, ignore_conflicts=True)
    return len(synonyms)


def _normalised(term):
    from articles.search import normalise

    return normalise(term)
