"""The starter plain-language glossary (editorial/starter_glossary.json), loaded into an empty list only."""

import json
from pathlib import Path

from simple_history.utils import bulk_create_with_history

from editorial.models import GlossaryTerm

STARTER_FILE = Path(__file__).with_name("starter_glossary.json")


def load_starter_glossary():
    """Add the starter terms when the glossary is empty (so editors' deletions stick); how many were added."""
    if GlossaryTerm.objects.exists():
        return 0
    pairs = json.loads(STARTER_FILE.read_text(encoding="utf-8"))
    bulk_create_with_history([GlossaryTerm(term=term, plain=plain) for term, plain in pairs], GlossaryTerm)
    return len(pairs)
