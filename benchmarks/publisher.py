"""Publish a change to the article readers are reading, again and again: `make bench`'s burst case.

Run inside Django (benchmarks/run.py does, as a process of its own beside gunicorn):
    python manage.py shell -c "from benchmarks.publisher import publish_repeatedly; publish_repeatedly(...)"

Each round does what an editor and an approver do in the admin: a draft
revision of the live article with a changed standfirst (links copied, as the
admin copies them), then `articles.publishing.publish`, which copies it onto
the live row and starts a new content generation, so every stored page is
stale at once and the readers' next requests render afresh.
"""

import json
import time

from django.contrib.auth import get_user_model
from django.db import transaction

from articles import publishing, revisions
from articles.models import Article

MARK = " (benchmark change "


def publish_repeatedly(slug, every, duration):
    """Publish a new revision of article `slug` every `every` seconds for `duration` seconds.

    Prints "ready" once set up, then one JSON line: how many were published and the last standfirst.
    """
    approver, _ = get_user_model().objects.get_or_create(
        username="bench-publisher", defaults={"is_staff": True, "is_superuser": True}
    )
    print("ready", flush=True)
    published, standfirst, started = 0, "", time.monotonic()
    while time.monotonic() - started < duration:
        tick = time.monotonic()
        with transaction.atomic():  # as the admin saves a revision: one transaction
            live = Article.objects.without_revisions().get(slug=slug)
            revision = revisions.new_revision(live)
            standfirst = live.standfirst.split(MARK)[0] + f"{MARK}{published + 1})"
            revision.standfirst = standfirst
            revision._history_user = approver
            revision.save()
            revisions.copy_links(live, revision)
        publishing.publish(revision, approver, f"Benchmark change {published + 1}")
        published += 1
        time.sleep(max(0.0, every - (time.monotonic() - tick)))
    print(json.dumps({"published": published, "standfirst": standfirst}), flush=True)
