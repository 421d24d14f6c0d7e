"""Bulk published causes and articles for the benchmark, so search and lists run at scale.

Run inside Django (benchmarks/run.py does):
    python manage.py shell -c "from benchmarks.bulk_content import create; create(500)"

Texts are assembled from a fixed vocabulary with a fixed seed, so every run
searches the same content. Markdown is rendered once per distinct text
through the site's renderer, as saving would, then rows are bulk-created.
"""

import random

from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Cause, Status
from articles.rendering import render_markdown

TOPIC_WORDS = [
    "spotting", "bleeding", "period", "cycle", "pregnancy", "hormone", "ovulation", "cervix", "womb",
    "lining", "doctor", "nurse", "pain", "cramps", "fever", "scan", "test", "smear", "contraception",
    "pill", "coil", "implant", "stress", "weight", "thyroid", "polyp", "fibroid", "infection",
    "endometriosis", "menopause", "treatment", "fertility", "ultrasound", "clinic", "discharge",
]  # fmt: skip
# Everyday words make up most of the text, so each topic word appears in some documents, not all.
COMMON_TEXT = (
    "about after again also always because before being between body both can change check come could "
    "day does each early even every feel find first follow from give good have help here home how just "
    "keep know last later less life like little long look make many may mean more most much need never "
    "next normal often only other over part people place plan question quite really right same see "
    "should show since small some sometimes still such sure take talk tell than that their them then "
    "there these they thing think this those through time today together usually very want watch way "
    "week well what when where which while with without work worry would year young"
)
COMMON_WORDS = COMMON_TEXT.split()


def _word(rng):
    return rng.choice(TOPIC_WORDS) if rng.random() < 0.12 else rng.choice(COMMON_WORDS)


def _paragraph(rng, words=60):
    return " ".join(_word(rng) for _ in range(words)).capitalize() + "."


def _body(rng):
    return "\n\n".join(["## About this", _paragraph(rng), _paragraph(rng), "## What to do", _paragraph(rng)])


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
                        title_field: f"{rng.choice(TOPIC_WORDS).capitalize()} and {_word(rng)} {index}",
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
    with transaction.atomic():
        Cause.objects.bulk_create(causes, batch_size=200)
        Article.objects.bulk_create(articles, batch_size=200)
    # Fresh planner statistics, as a live database has: without them PostgreSQL
    # guesses the new tables are nearly empty and picks poor plans.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Bulk content: created {count} causes and {count} articles.")
