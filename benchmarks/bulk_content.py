"""Bulk published causes and articles for the benchmark, so search and lists run at scale.

Run inside Django (benchmarks/run.py does):
    python manage.py shell -c "from benchmarks.bulk_content import create; create(500)"

Texts are assembled from a fixed vocabulary with a fixed seed, so every run
searches the same content. Markdown is rendered once per distinct text
through the site's renderer, as saving would, then rows are bulk-created.
"""

import random

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Cause, Status
from articles.rendering import render_markdown

WORDS = (
    "spotting bleeding period cycle pregnancy hormone ovulation cervix womb lining doctor nurse "
    "pain cramps fever scan test smear contraception pill coil implant stress weight thyroid "
    "polyp fibroid infection endometriosis menopause treatment fertility ultrasound clinic "
    "days weeks light heavy brown pink red discharge symptoms advice urgent appointment"
).split()


def _paragraph(rng, words=60):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _body(rng):
    return "\n\n".join(["## About this", _paragraph(rng), _paragraph(rng), "## What to do", _paragraph(rng)])


@transaction.atomic
def create(count, seed=500):
    """`count` published causes and `count` published articles, unless they exist already."""
    if Cause.objects.filter(slug="bulk-cause-0").exists():
        return
    rng = random.Random(seed)
    when = timezone.now()
    causes, articles = [], []
    for index in range(count):
        for model, rows, title_field, summary_field, prefix in (
            (Cause, causes, "name", "summary", "bulk-cause"),
            (Article, articles, "title", "standfirst", "bulk-article"),
        ):
            body = _body(rng)
            rows.append(
                model(
                    **{
                        title_field: f"{rng.choice(WORDS).capitalize()} and {rng.choice(WORDS)} {index}",
                        summary_field: _paragraph(rng, 20),
                    },
                    slug=f"{prefix}-{index}",
                    body=body,
                    body_html=render_markdown(body),
                    status=Status.PUBLISHED,
                    published_at=when,
                )
            )
    for position, cause in enumerate(causes, start=1000):
        cause.position = position  # after the starter causes in lists
    Cause.objects.bulk_create(causes, batch_size=200)
    Article.objects.bulk_create(articles, batch_size=200)
    print(f"Bulk content: created {count} causes and {count} articles.")
