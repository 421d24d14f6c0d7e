"""Fast factories for articles, causes, references and tags.

`make_*` build single objects through the normal save path (so Markdown is
rendered); `build_site` bulk-creates a whole site of a given size for the
query-count tests without rendering anything.
"""

import datetime
import itertools

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleCause, ArticleReference, Cause, CauseReference, Reference, Status
from articles.search_index import rebuild_vocabulary

_sequence = itertools.count(1)

REVIEW = {
    "last_reviewed": datetime.date(2026, 11, 1),
    "next_review_due": datetime.date(2027, 11, 1),
    "reviewer_name": "Dr Test Reviewer",
    "reviewer_role": "Consultant gynaecologist",
}


def past():
    return timezone.now() - datetime.timedelta(hours=1)


def make_reference(**fields):
    number = next(_sequence)
    values = {
        "key": f"ref{number}",
        "authors": "Author A, Author B",
        "title": f"A study of spotting number {number}",
        "container": "J Test Med",
        "year": 2020,
        "volume": "1",
        "issue": "2",
        "pages": "3-4",
        **fields,
    }
    reference = Reference(**values)
    reference.save()
    return reference


def make_cause(**fields):
    number = next(_sequence)
    values = {
        "name": f"Cause {number}",
        "slug": f"cause-{number}",
        "summary": "A short summary of this cause.",
        "body": "Some plain words about this cause.",
        "status": Status.PUBLISHED,
        "published_at": past(),
        **REVIEW,
        **fields,
    }
    cause = Cause(**values)
    cause.save()
    return cause


def make_article(**fields):
    number = next(_sequence)
    values = {
        "title": f"Article {number}",
        "slug": f"article-{number}",
        "standfirst": "A short introduction.",
        "body": "Some plain words.",
        "status": Status.PUBLISHED,
        "published_at": past(),
        **REVIEW,
        **fields,
    }
    article = Article(**values)
    article.save()
    return article


def build_site(size):
    """`size` references, tags and causes, and a flagship article linking to all of them.

    Every cause carries the tag "shared" and one tag of its own, and cites its own
    reference; the first cause and the article cite every reference.
    """
    when = past()
    references = Reference.objects.bulk_create(
        Reference(
            key=f"bulk{index}",
            authors="Author A",
            title=f"Bulk reference {index}",
            container="J Test Med",
            year=2020,
            doi=f"10.1000/bulk.{index}",
            pmid=str(100000 + index),
        )
        for index in range(size)
    )
    tags = Tag.objects.bulk_create(
        Tag(name=f"Topic {index:03}", slug=f"topic-{index}") for index in range(size)
    )
    shared = Tag.objects.create(name="Shared", slug="shared")
    causes = Cause.objects.bulk_create(
        Cause(
            name=f"Bulk cause {index}",
            slug=f"bulk-cause-{index}",
            summary="Spotting summary.",
            body="Spotting body text.",
            body_html="<p>Spotting body text.</p>",
            citation_keys=[f"bulk{index}"],
            status=Status.PUBLISHED,
            published_at=when,
            position=index,
            **REVIEW,
        )
        for index in range(size)
    )
    article = Article.objects.create(
        title="Flagship",
        slug="flagship",
        standfirst="Spotting standfirst.",
        body=" ".join(f"[@bulk{index}]" for index in range(min(size, 10))),
        status=Status.PUBLISHED,
        published_at=when,
        is_flagship=True,
        **REVIEW,
    )
    cause_type = ContentType.objects.get_for_model(Cause)
    article_type = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(tag=tags[index], content_type=cause_type, object_id=cause.pk)
            for index, cause in enumerate(causes)
        ]
        + [TaggedItem(tag=shared, content_type=cause_type, object_id=cause.pk) for cause in causes]
        + [TaggedItem(tag=tag, content_type=article_type, object_id=article.pk) for tag in [*tags, shared]]
    )
    CauseReference.objects.bulk_create(
        [
            CauseReference(cause=causes[0], reference=reference, order=index)
            for index, reference in enumerate(references)
        ]
        + [
            CauseReference(cause=cause, reference=references[index])
            for index, cause in enumerate(causes)
            if index
        ]
    )
    ArticleCause.objects.bulk_create(
        ArticleCause(article=article, cause=cause, order=index) for index, cause in enumerate(causes)
    )
    ArticleReference.objects.bulk_create(
        ArticleReference(article=article, reference=reference, order=index)
        for index, reference in enumerate(references)
    )
    return article, causes, references, tags
    # bulk_create sends no post_save, so the search vocabulary is built here as saving would.
    rebuild_vocabulary()
