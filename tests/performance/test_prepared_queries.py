"""Prepared queries give what the ORM gives, compile once, and re-run with new values."""

import datetime

import pytest
from django.db.models import Q
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from articles import page_queries
from articles.models import Article, ArticleReference, Cause, Reference
from spotting_site.prepared_queries import STR_LIST, PreparedQuery
from tests.articles.factories import make_article, make_cause, make_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def compilations(monkeypatch):
    """How many times Django compiles a query to SQL."""
    calls = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        calls.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    return calls


def fields_of(instance, names):
    return {name: getattr(instance, name) for name in names}


def test_instances_are_what_the_orm_builds():
    make_reference(key="cited")
    article = make_article(body="A body with a [@cited] reference.", is_flagship=True)
    query = PreparedQuery(
        lambda slug, now: Article.objects.published(now).filter(slug=slug), slug=str, now=datetime.datetime
    )

    [prepared] = query.rows(slug=article.slug, now=timezone.now())
    [expected] = Article.objects.published().filter(slug=article.slug)

    names = [field.attname for field in Article._meta.concrete_fields]
    assert fields_of(prepared, names) == fields_of(expected, names)
    # Converted as the ORM converts them, on every database: JSON, booleans, aware datetimes.
    assert prepared.citation_keys == ["cited"]
    assert prepared.is_flagship is True
    assert timezone.is_aware(prepared.published_at)
    assert prepared._state.adding is False and prepared._state.db == "default"


def test_values_querysets_give_dicts():
    cause = make_cause(name="Polyps")
    query = PreparedQuery(lambda pk: Cause.objects.filter(pk=pk).values("name", "slug"), pk=int)
    assert query.rows(pk=cause.pk) == [{"name": "Polyps", "slug": cause.slug}]
    assert query.rows(pk=-1) == []


def test_compiled_once_then_run_with_new_values(compilations):
    causes = [make_cause() for _ in range(3)]
    query = PreparedQuery(lambda pk: Cause.objects.filter(pk=pk).only("id", "name"), pk=int)
    compilations.clear()

    results = [query.rows(pk=cause.pk) for cause in causes]

    assert [[found.name for found in rows] for rows in results] == [[cause.name] for cause in causes]
    assert compilations == [Cause]


def test_the_publication_time_is_a_value():
    """A scheduled article appears once `now` passes its publication time, with no recompiling."""
    soon = timezone.now() + datetime.timedelta(hours=1)
    article = make_article(published_at=soon)
    query = PreparedQuery(
        lambda slug, now: Article.objects.published(now).filter(slug=slug), slug=str, now=datetime.datetime
    )

    assert query.rows(slug=article.slug, now=timezone.now()) == []
    assert query.rows(slug=article.slug, now=soon + datetime.timedelta(seconds=1)) == [article]


@pytest.mark.parametrize("count", [0, 1, 2, 3, 5, 9])
def test_lists_of_any_length(count):
    references = [make_reference() for _ in range(10)]
    article = make_article()
    ArticleReference.objects.create(article=article, reference=references[-1], order=1)
    keys = [reference.key for reference in references[:count]]

    def build(pk, cited):
        return Reference.objects.filter(Q(articlereference__article=pk) | Q(key__in=cited)).order_by("key")

    query = PreparedQuery(build, pk=int, cited=STR_LIST)
    assert query.rows(pk=article.pk, cited=keys) == list(build(article.pk, keys))


def test_lists_compile_once_per_padded_length(compilations):
    references = [make_reference() for _ in range(8)]
    query = PreparedQuery(lambda keys: Reference.objects.filter(key__in=keys), keys=STR_LIST)
    keys = [reference.key for reference in references]
    compilations.clear()

    for length in (3, 4, 3, 4, 5, 8, 7):
        assert {found.key for found in query.rows(keys=keys[:length])} == set(keys[:length])

    # Lengths 3 and 4 share the compiled SQL for 4 items; 5, 7 and 8 share the one for 8.
    assert len(compilations) == 2


def test_kinds_are_checked():
    with pytest.raises(TypeError, match="kind must be one of"):
        PreparedQuery(lambda day: Article.objects.filter(last_reviewed=day), day=datetime.date)


def test_a_value_the_sql_does_not_pass_as_given_is_refused():
    """`icontains` wraps the value in wildcards: it cannot be swapped in, so it is refused, not guessed."""
    make_cause()
    query = PreparedQuery(lambda word: Cause.objects.filter(name__icontains=word), word=str)
    with pytest.raises(ValueError, match="not filter parameters: word"):
        query.rows(word="polyp")


def test_page_queries_match_the_orm():
    cited, attached, unused = make_reference(key="cited"), make_reference(key="attached"), make_reference()
    cause = make_cause(body="Cites [@cited].")
    article = make_article(body="Also cites [@cited].")
    article.causes.add(cause)
    article.references.add(attached)
    article.tags.add("bleeding", "ivf")

    assert page_queries.published_article(article.slug) == article
    assert page_queries.published_article("missing") is None
    assert page_queries.causes_of(article) == [cause]
    assert page_queries.tags_of(article) == [
        {"name": "bleeding", "slug": "bleeding"},
        {"name": "ivf", "slug": "ivf"},
    ]
    # Cited first, in order of citation, then attached ones.
    assert page_queries.references_of(article) == [cited, attached]
    assert unused not in page_queries.references_of(article)

    found = page_queries.published_cause(cause.slug)
    assert found == cause and found.live_articles == [article]
    assert page_queries.references_of(found) == [cited]
