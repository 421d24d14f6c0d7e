""" "Where is this used": every page and rule that cites or links a piece of content.

The shared part knows no content model. Each app says, in its `AppConfig.ready`,
how to find the uses of a model it can point at (`register`): articles lists
the pages citing a reference or listing a cause, triage the rules whose source
is that reference or whose result links that cause. `uses_of(obj)` asks every
registered finder, in the order the apps are installed. Plain queries,
callable without a request.
"""

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Use:
    kind: str
    title: str
    admin_url: str


_finders = defaultdict(list)


def register(model_label, finder):
    """`finder(obj)` returns the `Use` entries of one app for an instance of `model_label`."""
    if finder not in _finders[model_label]:
        _finders[model_label].append(finder)


def uses_of(obj):
    """Every use of `obj` that any app knows of; an unsaved object has none."""
    if obj is None or obj.pk is None:
        return []
    return [use for finder in _finders[obj._meta.label] for use in finder(obj)]
