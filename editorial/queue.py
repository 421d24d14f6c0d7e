"""The review queue on the admin home: what waits for whom.

The shared part knows no content model. Each content app registers, in its
`AppConfig.ready`, a finder (`register_queue`): `finder(user)` returns the
`QueueItem`s that user should see, those waiting for their approval and
their own items with their state. `queue_for(user)` asks every finder and
sorts the result oldest first, so what has waited longest comes first.
Plain queries, callable without a request.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.timesince import timesince

WAITING_FOR_YOU = "waiting for you"
YOURS = "yours"


@dataclass(frozen=True)
class QueueItem:
    kind: str  # "Article", "Draft revision of article", "Triage ruleset"...
    title: str
    author: str  # who wrote it ("" when nobody is recorded)
    state: str  # in words, e.g. "Awaiting approval"
    since: object  # an aware datetime: when it started waiting
    admin_url: str
    relation: str = WAITING_FOR_YOU  # or YOURS

    @property
    def age(self):
        """ "3 days", "2 hours": how long it has waited."""
        if not self.since:
            return ""
        return timesince(self.since, timezone.now()).split(",")[0].replace("\xa0", " ")


_finders = []


def register_queue(finder):
    """`finder(user)` returns the `QueueItem`s of one app for `user`."""
    if finder not in _finders:
        _finders.append(finder)


def queue_for(user):
    """Everything waiting for `user`, then their own items, oldest first within each."""
    if user is None or not user.is_authenticated:
        return []
    items = [item for finder in _finders for item in finder(user)]
    return sorted(items, key=lambda item: (item.relation != WAITING_FOR_YOU, item.since or timezone.now()))


def display_name(user):
    """How a person is named in the queue and in e-mails: full name, else username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
