"""Import one page from the legacy site as a draft article.

    python manage.py import_legacy_article PATH [--publish]

Prints what it removed (scripts, iframes, styles, images, event handlers,
unsafe links). Never publishes unless --publish is given. Idempotent by slug:
if an article with the slug exists, nothing is written. A malformed file stops
with a one-line reason, a non-zero exit status, and nothing written.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.legacy_import import LegacyPageError, import_legacy_page, parse_legacy_page, read_legacy_file


class Command(BaseCommand):
    help = "Import a legacy page (front matter + HTML) as a draft article, removing unsafe content."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The legacy file: a --- front matter header, then the HTML body.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish at once instead of saving a draft."
        )

    def handle(self, *args, path, publish, **options):
        try:
            page = parse_legacy_page(read_legacy_file(path))
        except LegacyPageError as error:
            raise CommandError(f"Not imported: {error}.") from None
        for line in page.removed:
            self.stdout.write(f"Removed: {line}")
        for line in page.ignored_fields:
            self.stdout.write(f"Ignored: {line}")
        article, created = import_legacy_page(page, publish=publish)
        if not created:
            self.stdout.write(f"Unchanged: an article with the slug '{article.slug}' already exists.")
            return
        state = "published" if publish else "draft"
        self.stdout.write(
            self.style.SUCCESS(f"Imported '{article.title}' as a {state} at /articles/{article.slug}/.")
        )
