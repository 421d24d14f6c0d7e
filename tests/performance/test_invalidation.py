"""A cached public page changes at the very next request after anything it shows changes.

Each test warms a page (proving the second request is served from the cache,
with no query), changes one kind of thing the way editors' tools do, and
checks the next request shows the change. The two-process version, through
real servers sharing Redis, is in test_two_processes.py.
"""

import datetime
import time
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleCause, ArticleReference, Cause, CauseReference, Reference, Status
from articles.page_cache import GENERATION_KEY, current_generation
from tests.articles.factories import make_article, make_cause
from triage import workflow
from triage.models import RuleSet

ARTICLE_URL = "/articles/spotting-between-periods/"
CAUSE_URL = "/causes/endometriosis/"


def warm(client, url):
    """Request `url` twice; the second answer must come from the cache. Returns the page text."""
    first = client.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) == 0, f"{url} was not served from the cache"
    assert second.content == first.content
    return second.content.decode()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def article():
    return Article.objects.get(slug="spotting-between-periods")


@pytest.fixture
def cause():
    return Cause.objects.get(slug="endometriosis")


pytestmark = pytest.mark.usefixtures("deployed_site")


def test_editing_an_article_shows_at_the_next_request(client, article):
    assert "Freshly edited standfirst" not in warm(client, ARTICLE_URL)
    article.standfirst = "Freshly edited standfirst."
    article.save()
    assert "Freshly edited standfirst" in page(client, ARTICLE_URL)


def test_unpublishing_an_article_removes_it_at_the_next_request(client, article):
    warm(client, ARTICLE_URL)
    article.status = Status.DRAFT
    article.save()
    assert client.get(ARTICLE_URL).status_code == 404


def test_publishing_a_new_article_lists_it_on_its_tag_page(client):
    assert "Brand new article" not in warm(client, "/tags/pregnancy/")
    new = make_article(title="Brand new article", status=Status.DRAFT, published_at=None)
    new.tags.add(Tag.objects.get(slug="pregnancy"))
    assert "Brand new article" not in page(client, "/tags/pregnancy/")
    new.status = Status.PUBLISHED
    new.save()
    assert "Brand new article" in page(client, "/tags/pregnancy/")


@pytest.mark.parametrize("url", ["/", "/causes/", CAUSE_URL, ARTICLE_URL, "/tags/structural/"])
def test_renaming_a_cause_shows_everywhere_it_is_listed(client, cause, url):
    assert "Endometriosis, renamed" not in warm(client, url)
    cause.name = "Endometriosis, renamed"
    cause.save()
    assert "Endometriosis, renamed" in page(client, url)


def test_deleting_a_cause_removes_it_from_the_list(client, cause):
    assert CAUSE_URL in warm(client, "/causes/")
    cause.delete()
    assert CAUSE_URL not in page(client, "/causes/")


def test_renaming_a_tag_shows_on_the_pages_that_carry_it(client, cause):
    tag = cause.tags.first()
    assert "Renamed topic" not in warm(client, CAUSE_URL)
    tag.name = "Renamed topic"
    tag.save()
    assert "Renamed topic" in page(client, CAUSE_URL)


def test_tagging_and_untagging_show_at_the_next_request(client, cause):
    Tag.objects.create(name="Newly added topic", slug="newly-added-topic")
    assert "Newly added topic" not in warm(client, CAUSE_URL)
    cause.tags.add("Newly added topic")
    assert "Newly added topic" in warm(client, CAUSE_URL)
    cause.tags.remove("Newly added topic")
    assert "Newly added topic" not in page(client, CAUSE_URL)


def test_editing_a_reference_shows_on_the_pages_that_cite_it(client, article):
    reference = Reference.objects.get(key="heitmann2014")
    assert "A retitled study" not in warm(client, "/references/")
    assert "A retitled study" not in warm(client, ARTICLE_URL)
    reference.title = "A retitled study"
    reference.save()
    assert "A retitled study" in page(client, "/references/")
    assert "A retitled study" in page(client, ARTICLE_URL)


def test_linking_and_unlinking_a_cause_through_the_link_table(client, article):
    extra = make_cause(name="Freshly linked cause")
    assert "Freshly linked cause" not in warm(client, ARTICLE_URL)
    link = ArticleCause.objects.create(article=article, cause=extra, order=99)
    assert "Freshly linked cause" in warm(client, ARTICLE_URL)
    link.delete()
    assert "Freshly linked cause" not in warm(client, ARTICLE_URL)
    # Through the many-to-many manager (m2m_changed, no save signal on the link rows).
    article.causes.add(extra, through_defaults={"order": 99})
    assert "Freshly linked cause" in page(client, ARTICLE_URL)


def test_attaching_references_through_the_link_tables(client, article, cause):
    reference = Reference(key="newref2026", title="A newly attached reference", authors="New A")
    reference.save()
    assert "A newly attached reference" not in warm(client, ARTICLE_URL)
    ArticleReference.objects.create(article=article, reference=reference, order=99)
    assert "A newly attached reference" in page(client, ARTICLE_URL)

    assert "A newly attached reference" not in warm(client, CAUSE_URL)
    CauseReference.objects.create(cause=cause, reference=reference, order=99)
    assert "A newly attached reference" in warm(client, CAUSE_URL)
    cause.references.remove(reference)
    assert "A newly attached reference" not in page(client, CAUSE_URL)


def test_reordering_references_changes_their_order_on_the_page(client):
    article = make_article(slug="reordered")
    first, second = (Reference(key=key, title=f"Reference {key}") for key in ("alpha", "beta"))
    first.save()
    second.save()
    link = ArticleReference.objects.create(article=article, reference=first, order=1)
    ArticleReference.objects.create(article=article, reference=second, order=2)
    before = warm(client, "/articles/reordered/")
    assert before.index("ref-alpha") < before.index("ref-beta")
    link.order = 3
    link.save()
    after = page(client, "/articles/reordered/")
    assert after.index("ref-alpha") > after.index("ref-beta")


def test_new_search_results_appear_at_the_next_request(client):
    url = "/search/?q=zebrafinch"
    assert "Zebrafinch cause" not in warm(client, url)
    make_cause(name="Zebrafinch cause", summary="About the zebrafinch.")
    assert "Zebrafinch cause" in page(client, url)


def test_a_new_cause_appears_in_the_sitemap(client):
    assert "/causes/cause-sitemap-check/" not in warm(client, "/sitemap.xml")
    make_cause(slug="cause-sitemap-check")
    assert "/causes/cause-sitemap-check/" in page(client, "/sitemap.xml")


def test_scheduled_content_appears_when_its_time_comes_with_no_worker(client):
    """Published for a future moment: hidden until then, shown at the first request after it."""
    start = timezone.now()
    make_cause(name="Scheduled cause", published_at=start + datetime.timedelta(hours=1))
    assert "Scheduled cause" not in warm(client, "/causes/")
    with mock.patch("django.utils.timezone.now", return_value=start + datetime.timedelta(minutes=59)):
        assert "Scheduled cause" not in warm(client, "/causes/")
    with mock.patch("django.utils.timezone.now", return_value=start + datetime.timedelta(hours=1, seconds=1)):
        assert "Scheduled cause" in warm(client, "/causes/")


def _person(username, *, approve):
    user = get_user_model().objects.create_user(username=username, is_staff=True)
    permissions = Permission.objects.filter(content_type__app_label="triage")
    if not approve:
        permissions = permissions.exclude(codename="approve_ruleset")
    user.user_permissions.set(permissions)
    return get_user_model().objects.get(pk=user.pk)


def test_a_live_ruleset_switch_leaves_the_pages_alone(client):
    """No public page shows the rules: a switch keeps every stored page (triage has its own key)."""
    warm(client, "/")
    before = current_generation()
    author, approver = _person("author", approve=False), _person("approver", approve=True)
    live = RuleSet.objects.get(status=RuleSet.Status.LIVE)
    draft = workflow.copy_to_draft(live, author, change_note="Same rules, new version.")
    workflow.submit_for_approval(draft, author)
    assert current_generation() == before  # drafts are not public
    warnings = workflow.safety_warnings(draft)
    workflow.approve(draft, approver, "Checked.", workflow.warnings_fingerprint(warnings))
    assert current_generation() == before
    with CaptureQueriesContext(connection) as queries:
        page(client, "/")
    assert len(queries) == 0, "the home page was rendered again after a ruleset switch"


def test_a_page_rendered_before_a_commit_is_never_served_after_it(django_capture_on_commit_callbacks, cause):
    """Another process may start a generation between the save and the commit; the commit ends it."""
    with django_capture_on_commit_callbacks(execute=True):
        cause.name = "Renamed in a transaction"
        cause.save()
        # A reader elsewhere, still seeing the old row, starts a generation and stores the old page.
        seen_before_commit = current_generation()
    assert current_generation() != seen_before_commit


def test_a_lost_generation_only_costs_a_re_render(client):
    """If the cache loses the generation (restart, eviction), pages are rendered again, never stale."""
    from django.core.cache import cache

    warm(client, CAUSE_URL)
    cache.delete(GENERATION_KEY)
    with CaptureQueriesContext(connection) as queries:
        page(client, CAUSE_URL)
    assert len(queries) > 0


@override_settings(PAGE_CACHE_LOCAL_GENERATION_SECONDS=1)
def test_without_a_shared_cache_other_processes_catch_up_within_seconds(client):
    """Per-process memory cannot hear of another process's edit; its generation lasts only seconds."""
    if not isinstance(caches["default"], LocMemCache):
        pytest.skip("only applies to the per-process memory cache (REDIS_URL is set)")
    warm(client, CAUSE_URL)
    # QuerySet.update sends no signal: as if another process had made the change.
    Cause.objects.filter(slug="endometriosis").update(name="Changed elsewhere")
    assert "Changed elsewhere" not in page(client, CAUSE_URL)
    time.sleep(1.1)
    assert "Changed elsewhere" in page(client, CAUSE_URL)
