"""Search on both backends: synonyms, the vocabulary, care-card call-outs searched, typo support.

- `SearchSynonym` (editor-managed lay terms) and `SearchWord` (the vocabulary
  misspelt words are corrected to, filled here from the published content).
- PostgreSQL: the stored `search_document` now also holds the care-card
  call-outs; weights A title or name, B standfirst or summary, C call-outs,
  D body. Rows are kept uncompressed up to a page (`toast_tuple_target`), so
  reading a vector several times per search does not decompress it each time. `pg_trgm` is enabled where the database role may create it (in a
  savepoint, so a refusal leaves the migration going), with a trigram index
  on the vocabulary; search works without it.
- SQLite: an FTS5 table per content table (title, summary, advice, body;
  Porter stemmer, whole words), plus one for each short field (title,
  summary, advice), kept in step by triggers on every insert, update and
  delete, and filled from the existing rows.
"""

import re
import unicodedata

from django.db import DatabaseError, migrations, models, transaction

CONFIG = "english"
ADVICE = ("emergency_advice", "urgent_advice", "soon_advice", "routine_advice")
TABLES = (("articles_article", "title", "standfirst"), ("articles_cause", "name", "summary"))


def _advice_sql(prefix=""):
    return " || ' ' || ".join(f"COALESCE({prefix}{column}, '')" for column in ADVICE)


def _vector_sql(title, summary):
    parts = [
        f"setweight(to_tsvector('{CONFIG}'::regconfig, {expression}), '{weight}')"
        for expression, weight in (
            (f"COALESCE({title}, '')", "A"),
            (f"COALESCE({summary}, '')", "B"),
            (_advice_sql(), "C"),
            ("COALESCE(body, '')", "D"),
        )
    ]
    return " || ".join(parts)


def _old_vector_sql(title, summary):
    parts = [
        f"setweight(to_tsvector('{CONFIG}'::regconfig, COALESCE({column}, '')), '{weight}')"
        for column, weight in ((title, "A"), (summary, "B"), ("body", "C"))
    ]
    return " || ".join(parts)


def _set_postgres_documents(schema_editor, vector_sql, keep_inline=True):
    for table, title, summary in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_document")
        # Search reads each row's vector several times (which fields a word matched in). Rows
        # up to a page are then kept uncompressed, so each read does not decompress it again;
        # adding the column below rewrites the table under this setting.
        if keep_inline:
            schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = 8160)")
        else:
            schema_editor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector "
            f"GENERATED ALWAYS AS ({vector_sql(title, summary)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {table}_search_gin ON {table} USING GIN (search_document)")


def _enable_trigrams(schema_editor):
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        # Not allowed for this role (managed databases): typo correction then uses the plain index.
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS articles_searchword_trgm ON articles_searchword "
        "USING GIN (word gin_trgm_ops)"
    )


def _sqlite_values(prefix, title, summary):
    return f"{prefix}id, {prefix}{title}, {prefix}{summary}, {_advice_sql(prefix)}, {prefix}body"


# The short fields also get a table of their own: finding the pages with a word in their title
# then reads only titles, not every place the word occurs in bodies.
FIELD_TABLES = ("title", "summary", "advice")


def _field_values(prefix, title, summary):
    return {"title": f"{prefix}{title}", "summary": f"{prefix}{summary}", "advice": _advice_sql(prefix)}


def _fts_statements(table, title, summary, prefix):
    fts = f"{table}_search"
    statements = [
        f"INSERT INTO {fts}(rowid, title, summary, advice, body) VALUES ({_sqlite_values(prefix, title, summary)});"
    ]
    for field, value in _field_values(prefix, title, summary).items():
        statements.append(f"INSERT INTO {fts}_{field}(rowid, text) VALUES ({prefix}id, {value});")
    return statements


def _create_fts(schema_editor):
    tokenize = "tokenize = 'porter unicode61 remove_diacritics 2'"
    for table, title, summary in TABLES:
        fts = f"{table}_search"
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(title, summary, advice, body, {tokenize})"
        )
        for field in FIELD_TABLES:
            schema_editor.execute(f"CREATE VIRTUAL TABLE {fts}_{field} USING fts5(text, {tokenize})")
        inserts = " ".join(_fts_statements(table, title, summary, "new."))
        deletes = " ".join(
            f"DELETE FROM {name} WHERE rowid = old.id;"
            for name in (fts, *(f"{fts}_{field}" for field in FIELD_TABLES))
        )
        schema_editor.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {inserts} END")
        schema_editor.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {table} BEGIN {deletes} {inserts} END"
        )
        schema_editor.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {deletes} END")
        schema_editor.execute(
            f"INSERT INTO {fts}(rowid, title, summary, advice, body) "
            f"SELECT {_sqlite_values('', title, summary)} FROM {table}"
        )
        for field, value in _field_values("", title, summary).items():
            schema_editor.execute(f"INSERT INTO {fts}_{field}(rowid, text) SELECT id, {value} FROM {table}")


def _drop_fts(schema_editor):
    for table, *_ in TABLES:
        fts = f"{table}_search"
        for event in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
        for name in (fts, *(f"{fts}_{field}" for field in FIELD_TABLES)):
            schema_editor.execute(f"DROP TABLE IF EXISTS {name}")


def add_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _set_postgres_documents(schema_editor, _vector_sql)
        _enable_trigrams(schema_editor)
    elif vendor == "sqlite":
        _create_fts(schema_editor)


def remove_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS articles_searchword_trgm")
        _set_postgres_documents(schema_editor, _old_vector_sql, keep_inline=False)
    elif vendor == "sqlite":
        _drop_fts(schema_editor)


VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,40}")


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def fill_vocabulary(apps, schema_editor):
    """The words of every published article and cause (as articles.search_index.rebuild_vocabulary)."""
    words = set()
    for model_name, title, summary in (("Article", "title", "standfirst"), ("Cause", "name", "summary")):
        model = apps.get_model("articles", model_name)
        rows = model.objects.filter(status="published", draft_of__isnull=True).values_list(
            title, summary, "body", *ADVICE
        )
        for row in rows:
            words |= {word for text in row for word in VOCABULARY_WORD.findall(_fold(text))}
    search_word = apps.get_model("articles", "SearchWord")
    search_word.objects.bulk_create((search_word(word=word) for word in sorted(words)), ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_history_change_reason_text")]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "term",
                    models.CharField(
                        help_text="What readers type, for example: making love, A&E, pregnant, utrogestan.",
                        max_length=100,
                        unique=True,
                    ),
                ),
                (
                    "meaning",
                    models.CharField(
                        help_text=(
                            "The words the site uses for it, separated by commas; each may be a phrase. "
                            "For example: intercourse, sex."
                        ),
                        max_length=300,
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={"verbose_name": "search synonym", "ordering": ["term"]},
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=40, unique=True)),
            ],
            options={"ordering": ["word"]},
        ),
        migrations.RunPython(add_search_index, remove_search_index),
        migrations.RunPython(fill_vocabulary, migrations.RunPython.noop),
    ]
