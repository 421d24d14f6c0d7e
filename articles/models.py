"""Clinical content: articles, causes of spotting, and the references they cite.

Markdown fields are rendered to sanitized HTML once, on save (see
`articles.rendering`); requests only read the stored HTML.
"""

import hashlib
import re
from html import escape

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import Tag

from articles import rendering
from articles.redirects import REDIRECTED_PREFIXES
from editorial.fields import recorded_user
from editorial.locking import LockVersioned
from editorial.review import ReviewedContent, require_review_dates
from spotting_site import dispositions
from spotting_site.reversing import cached_reverse

doi_validator = RegexValidator(
    r"^10\.\d{4,9}/\S+$",
    "Enter a DOI like 10.1016/j.ajog.2014.04.041 (starting 10., no https://doi.org/ prefix).",
)
pmid_validator = RegexValidator(r"^\d{1,9}$", "A PubMed ID (PMID) is digits only, like 19879521.")
citation_key_validator = RegexValidator(
    r"^[a-z][a-z0-9_-]*$",
    "A citation key is lower-case letters, digits, - or _, starting with a letter (e.g. heitmann2014).",
)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def detail_url(view_name, slug):
    """The public URL of a page by its slug (lists build one per card, so it is memoized)."""
    return cached_reverse(view_name, slug)


def published_q(prefix="", now=None):
    """What readers may see: published, publication time reached (by `now`), and not a draft revision.

    `prefix` applies the same test across a relation (e.g. "cause__"), as a join
    rather than a subquery.
    """
    return models.Q(
        **{
            f"{prefix}status": Status.PUBLISHED,
            f"{prefix}published_at__lte": now or timezone.now(),
            f"{prefix}draft_of__isnull": True,
        }
    )


class PublishedQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers see now (or at `now`): the public rows."""
        return self.filter(published_q(now=now))

    def without_revisions(self):
        """Every row with its own address (draft or published), never a draft revision of one."""
        return self.filter(draft_of__isnull=True)


class CareAdvice(models.Model):
    """Urgent advice call-outs, shown strongest first (Markdown, rendered on save)."""

    emergency_advice = models.TextField(
        blank=True, help_text='Shown under "Go to the emergency department now if...".'
    )
    urgent_advice = models.TextField(blank=True, help_text='Shown under "Call your doctor today if...".')
    soon_advice = models.TextField(blank=True, help_text='Shown under "See a doctor soon if...".')
    routine_advice = models.TextField(blank=True, help_text="Non-urgent advice, shown last.")
    emergency_advice_html = models.TextField(blank=True, editable=False)
    urgent_advice_html = models.TextField(blank=True, editable=False)
    soon_advice_html = models.TextField(blank=True, editable=False)
    routine_advice_html = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True


CARE_CARD_HEADINGS = {
    dispositions.EMERGENCY: "Go to the emergency department now if...",
    dispositions.URGENT: "Call your doctor today if...",
    dispositions.APPOINTMENT: "See a doctor soon if...",
    dispositions.SELF_CARE: "Things you can do yourself",
}
# What the strongest call-out tells readers to do, as the first words of a sentence.
FIRST_SCREEN_ACTIONS = {
    dispositions.EMERGENCY: "Go to the emergency department now",
    dispositions.URGENT: "Call your doctor today",
    dispositions.APPOINTMENT: "See a doctor soon",
}
CARE_CARD_FIELDS = (
    (dispositions.EMERGENCY, "emergency_advice_html"),
    (dispositions.URGENT, "urgent_advice_html"),
    (dispositions.APPOINTMENT, "soon_advice_html"),
    (dispositions.SELF_CARE, "routine_advice_html"),
)


class EditorialContent(ReviewedContent, CareAdvice, LockVersioned):
    """Shared shape of articles and causes: status, Markdown body, citations, locking."""

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When readers first see it. A time in the future schedules publication.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    body = models.TextField(
        blank=True,
        help_text="Markdown. Cite a reference with its key in brackets, for example [@heitmann2014].",
    )
    body_html = models.TextField(blank=True, editable=False)
    # Citation keys in order of first use across the body and the advice call-outs.
    citation_keys = models.JSONField(default=list, blank=True, editable=False)
    # A draft revision of published content points at the live row it will replace.
    draft_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="draft_revisions",
        editable=False,
    )
    # A revision an approver has published for a later time (applied by `publish_scheduled`).
    publish_at = models.DateTimeField(null=True, blank=True, editable=False)
    publish_note = models.TextField(blank=True, editable=False)
    publish_approved_by = recorded_user()
    # Authorship of what readers see, set on the live row at each publication: who wrote the
    # published content (every saver of the draft or revision) and who approved it.
    written_by = models.TextField(blank=True, editable=False)
    published_by = recorded_user()
    # The review step (`articles.review_workflow`): submitted for an approver's review, or sent
    # back to its writers with a comment saying what must change.
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = recorded_user()
    sent_back_comment = models.TextField(blank=True, editable=False)

    objects = PublishedQuerySet.as_manager()

    # Set by drafts, review and publication, never typed by an editor: a draft revision
    # differs from its live row in these without anyone having changed them.
    WORKFLOW_FIELDS = frozenset(
        {
            "id",
            "status",
            "published_at",
            "draft_of",
            "publish_at",
            "publish_note",
            "publish_approved_by",
            "submitted_at",
            "submitted_by",
            "sent_back_comment",
        }
    )

    class Meta:
        abstract = True
        # The public row of a slug is the one that is not a draft revision (`draft_of` empty);
        # each has at most one draft revision. Names are per model: "%(class)s" is "article" or "cause".
        indexes = [models.Index(fields=["status", "published_at"], name="%(class)s_status_published")]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(draft_of__isnull=True), name="unique_live_%(class)s_slug"
            ),
            models.UniqueConstraint(
                fields=["draft_of"],
                condition=models.Q(draft_of__isnull=False),
                name="one_revision_per_%(class)s",
            ),
        ]

    # (Markdown field, HTML field) in display order: citations are numbered in this order.
    RENDERED_FIELDS = (
        ("body", "body_html"),
        ("emergency_advice", "emergency_advice_html"),
        ("urgent_advice", "urgent_advice_html"),
        ("soon_advice", "soon_advice_html"),
        ("routine_advice", "routine_advice_html"),
    )

    def save(self, *args, **kwargs):
        # Browsers submit text areas with CRLF line endings; store one form, so an
        # unchanged text never shows up as a change in the history or a conflict.
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, models.TextField) and isinstance(value, str) and "\r" in value:
                setattr(self, field.attname, value.replace("\r\n", "\n"))
        # Rendering once here means requests only ever read stored, sanitized HTML.
        self.render()
        if self.status == Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
        moved_from = self._published_address_before_save()
        super().save(*args, **kwargs)
        if moved_from and moved_from != self.get_absolute_url():
            Redirect.record_move(moved_from, self.get_absolute_url())

    def _published_address_before_save(self):
        """The public address this live row had before this save, if readers could reach it there."""
        if self.pk is None or self.draft_of_id is not None:
            return None
        before = (
            type(self)
            ._default_manager.filter(pk=self.pk, status=Status.PUBLISHED)
            .values_list("slug")
            .first()
        )
        if before is None or before[0] == self.slug:
            return None
        return detail_url(self.DETAIL_VIEW, before[0])

    @classmethod
    def edit_target(cls, pk):
        """Edits of a published row are saved in its draft revision, when it has one."""
        return cls._default_manager.filter(draft_of_id=pk).first() or super().edit_target(pk)

    @classmethod
    def rows_to_review(cls):
        """Live rows only: a draft revision is reviewed when it is published."""
        return cls._default_manager.without_revisions()

    # The last rendering and what it was made from: `clean()` and `save()` of one edit
    # render the same texts, so Markdown is rendered once per save.
    _last_render = None

    def _render(self):
        # Browsers send CRLF; `save()` stores LF. Both render (and match) as LF.
        texts = tuple(
            (source, (getattr(self, source) or "").replace("\r\n", "\n"))
            for source, _ in self.RENDERED_FIELDS
        )
        cited = {key for _, text in texts for key in rendering.find_citation_keys(text)}
        known = (
            frozenset(Reference.objects.filter(key__in=cited).values_list("key", flat=True))
            if cited
            else frozenset()
        )
        made_from = (texts, known)
        if self._last_render is not None and self._last_render[0] == made_from:
            return self._last_render[1]
        result = rendering.render_fields(list(texts), set(known))
        self._last_render = (made_from, result)
        return result

    def reuse_rendering_of(self, other):
        """Take `other`'s last rendering (an edit validated on one instance, saved on another).

        Safe whatever the texts: a rendering is used only for the texts and references it was made from.
        """
        if other._last_render is not None:
            self._last_render = other._last_render

    def render(self):
        """Render every Markdown field to sanitized HTML and record the citation order."""
        result = self._render()
        for source, target in self.RENDERED_FIELDS:
            setattr(self, target, result.html[source])
        self.citation_keys = list(result.citation_keys)
        return result

    def address_taken_by(self):
        """Another row (never a draft revision) at this slug, or None; a revision's own live row is not."""
        return (
            type(self)
            ._default_manager.without_revisions()
            .filter(slug=self.slug)
            .exclude(pk=self.draft_of_id or self.pk)
            .first()
        )

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED and self.draft_of_id is None:
            require_review_dates(self)
        # The database refuses two rows with one address (`unique_live_*_slug`); the form
        # cannot check that partial constraint itself, so say it here, not with a 500.
        # A draft revision keeps its live row's address; a clash is checked when it is published.
        taken = self.address_taken_by() if self.draft_of_id is None and self.slug else None
        if taken is not None:
            raise ValidationError(
                {"slug": f"The web address “{self.slug}” is already used by “{taken}”. Choose another slug."}
            )
        unknown = self._render().unknown_keys
        if unknown:
            errors = {}
            for source, _ in self.RENDERED_FIELDS:
                missing = [
                    key for key in rendering.find_citation_keys(getattr(self, source)) if key in unknown
                ]
                if missing:
                    listed = ", ".join(f"[@{key}]" for key in missing)
                    errors[source] = (
                        f"No reference has the citation key {listed}. Add the reference first, "
                        "or correct the key."
                    )
            raise ValidationError(errors)

    @property
    def care_cards(self):
        """The advice call-outs that have content, strongest first, for templates."""
        cards = []
        for disposition, field_name in CARE_CARD_FIELDS:
            html = getattr(self, field_name)
            if html:
                cards.append(
                    {"disposition": disposition, "heading": CARE_CARD_HEADINGS[disposition], "html": html}
                )
        return cards

    @property
    def first_screen_care(self):
        """The strongest call-out that applies, said in one sentence, for the top of the page.

        {"disposition", "action", "sign"}: "Go to the emergency department now"
        and the call-out's first sign ("you have severe pain..."), or no sign
        when the call-out has no list. None when the page has no urgent call-out
        (the top card then gives only the emergency number and the triage link).
        """
        for disposition, field_name in CARE_CARD_FIELDS:
            html = getattr(self, field_name)
            if html and disposition in FIRST_SCREEN_ACTIONS:
                return {
                    "disposition": disposition,
                    "action": FIRST_SCREEN_ACTIONS[disposition],
                    "sign": rendering.first_list_item_text(html),
                }
        return None

    @property
    def visible_to_readers(self):
        """Readers see this row now: published, its time reached, and not a draft revision.

        (`revisions.is_live` is wider: a published row, even one scheduled for later.)
        """
        return bool(
            self.status == Status.PUBLISHED
            and self.draft_of_id is None
            and self.published_at
            and self.published_at <= timezone.now()
        )


class Reference(LockVersioned):
    """A source cited by articles and causes, rendered in Vancouver style."""

    key = models.CharField(
        "citation key",
        max_length=60,
        unique=True,
        validators=[citation_key_validator],
        help_text="Used in text as [@key], for example heitmann2014.",
    )
    authors = models.CharField(
        max_length=500, blank=True, help_text="Vancouver style: Heitmann RJ, Langan KL, Huang RR."
    )
    title = models.CharField(max_length=500)
    container = models.CharField(
        "journal or publisher", max_length=300, blank=True, help_text="Abbreviated journal name or publisher."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date_detail = models.CharField(
        "month and day", max_length=40, blank=True, help_text="For example: Oct, Oct 20, Nov-Dec."
    )
    volume = models.CharField(max_length=40, blank=True)
    issue = models.CharField(max_length=40, blank=True)
    pages = models.CharField(max_length=60, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[doi_validator])
    pmid = models.CharField("PMID", max_length=12, blank=True, validators=[pmid_validator])
    url = models.URLField("URL", max_length=500, blank=True, help_text="Web pages only; http or https.")
    accessed = models.DateField("accessed on", null=True, blank=True, help_text="For web pages.")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return f"{self.key}: {self.title}"

    def save(self, *args, **kwargs):
        # Validated on every save, not only in the admin, so no bad DOI or URL reaches a page.
        self.full_clean()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("articles:references") + f"#ref-{self.key}"

    def clean(self):
        super().clean()
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValidationError({"url": "Only http and https web addresses are allowed."})
        if self.accessed and not self.url:
            raise ValidationError({"accessed": "An accessed date only makes sense with a URL."})

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    def vancouver_html(self):
        """This reference in Vancouver style, as escaped HTML with DOI, PubMed and web links.

        Each field is escaped once with `html.escape` (what Django's `escape` does, without
        its lazy-string check) and the parts joined with f-strings: an uncached article page
        builds every reference's citation, and `format_html` per part was most of it.
        """
        rel = rendering.OUTBOUND_LINK_REL
        is_web_page = bool(self.url) and not self.doi and not self.pmid
        parts = []
        if self.authors:
            parts.append(f"{escape(self.authors.rstrip('.'))}.")
        elif self.container and is_web_page:
            parts.append(f"{escape(self.container.rstrip('.'))}.")
        title = escape(self.title.rstrip("."))
        parts.append(f"{title} [Internet]." if is_web_page else f"{title}.")
        if self.container and not (is_web_page and not self.authors):
            parts.append(f"{escape(self.container.rstrip('.'))}{';' if is_web_page else '.'}")
        parts.extend(self._vancouver_date_and_source(is_web_page))
        if self.doi:
            parts.append(f'doi:<a href="{escape(self.doi_url)}" rel="{rel}">{escape(self.doi)}</a>.')
        if self.pmid:
            parts.append(f'PMID: <a href="{escape(self.pubmed_url)}" rel="{rel}">{escape(self.pmid)}</a>.')
        if self.url and not self.doi:
            # The link text is the address itself, so print styles need not repeat it.
            url = escape(self.url)
            parts.append(f'Available from: <a class="url-as-text" href="{url}" rel="{rel}">{url}</a>')
        # Every part is already escaped: joined as they are, not escaped again.
        return mark_safe(" ".join(parts))

    def _vancouver_date_and_source(self, is_web_page):
        """The date (and for a journal its volume, issue and pages) part, escaped, if there is one."""
        when = " ".join(str(bit) for bit in (self.year, self.date_detail) if bit)
        if is_web_page:
            cited = f"[cited {self.accessed:%Y %b %d}]" if self.accessed else ""
            if when or cited:
                return [f"{escape(' '.join(bit for bit in (when, cited) if bit))}."]
            return []
        source = when
        if self.volume:
            source += f";{self.volume}"
        if self.issue:
            source += f"({self.issue})"
        if self.pages:
            source += f":{self.pages}"
        return [f"{escape(source)}."] if source else []


class Cause(EditorialContent):
    """One reason for spotting, with its own page."""

    review_title_field = "name"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    summary = models.TextField(help_text="One or two plain sentences, shown in lists and search results.")
    urgency_hint = models.CharField(
        max_length=20,
        choices=dispositions.DISPOSITION_CHOICES,
        default=dispositions.APPOINTMENT,
        help_text="How urgent this cause usually is (a triage disposition).",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists of causes.")
    tags = TaggableManager(blank=True)
    references = models.ManyToManyField(
        Reference, through="CauseReference", blank=True, related_name="causes"
    )

    history = HistoricalRecords(excluded_fields=["body_html", "citation_keys"])

    class Meta(EditorialContent.Meta):
        ordering = ["position", "name"]
        permissions = [("publish_cause", "Can publish causes")]

    def __str__(self):
        return self.name

    DETAIL_VIEW = "articles:cause_detail"

    def get_absolute_url(self):
        return detail_url(self.DETAIL_VIEW, self.slug)

    @property
    def urgency_label(self):
        """What readers with this cause are usually told to do, in plain words."""
        return dispositions.DISPOSITION_LABELS[self.urgency_hint]

    @property
    def urgency_badge(self):
        """The short label of its usual urgency, as on its badge (the field's display value)."""
        return dispositions.DISPOSITION_SHORT_LABELS[self.urgency_hint]


class Article(EditorialContent):
    """A long-form article, such as the flagship piece on spotting between periods."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    standfirst = models.TextField(help_text="The short introduction shown under the title and in lists.")
    is_flagship = models.BooleanField(
        default=False, help_text="The flagship article is featured on the home page."
    )
    tags = TaggableManager(blank=True)
    causes = models.ManyToManyField(Cause, through="ArticleCause", blank=True, related_name="articles")
    references = models.ManyToManyField(
        Reference, through="ArticleReference", blank=True, related_name="articles"
    )

    history = HistoricalRecords(excluded_fields=["body_html", "citation_keys"])

    class Meta(EditorialContent.Meta):
        ordering = ["-is_flagship", "title"]
        permissions = [("publish_article", "Can publish articles")]

    def __str__(self):
        return self.title

    DETAIL_VIEW = "articles:article_detail"

    def get_absolute_url(self):
        return detail_url(self.DETAIL_VIEW, self.slug)


class ArticleCause(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    cause = models.ForeignKey(Cause, on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "cause"], name="unique_article_cause")]

    def __str__(self):
        return f"{self.article} → {self.cause}"


class ArticleReference(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    reference = models.ForeignKey(Reference, on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "reference"], name="unique_article_reference")
        ]

    def __str__(self):
        return f"{self.article} cites {self.reference.key}"


class CauseReference(models.Model):
    cause = models.ForeignKey(Cause, on_delete=models.CASCADE)
    reference = models.ForeignKey(Reference, on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["cause", "reference"], name="unique_cause_reference")]

    def __str__(self):
        return f"{self.cause} cites {self.reference.key}"


class Redirect(models.Model):
    """An old public address that answers 301 with the new one (a renamed article or cause).

    Made automatically when a published page's slug changes; editors can also
    add, change or remove them in the admin. Chains never form: renaming A to
    B and then B to C leaves A → C and B → C (see `record_move`).
    """

    old_path = models.CharField(
        "old address",
        max_length=300,
        unique=True,
        help_text="A path on this site, starting and ending with /, for example /causes/old-name/.",
    )
    new_path = models.CharField(
        "new address",
        max_length=300,
        help_text="Where readers are sent: a path on this site, for example /causes/new-name/.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def clean(self):
        super().clean()
        errors = {}
        for name in ("old_path", "new_path"):
            value = getattr(self, name) or ""
            if not value.startswith("/") or value.startswith("//") or any(c.isspace() for c in value):
                errors[name] = "Enter a path on this site, starting with / (no spaces, no other site)."
        if not errors and not self.old_path.startswith(REDIRECTED_PREFIXES):
            errors["old_path"] = (
                "Only old addresses of articles and causes (/articles/..., /causes/...) redirect."
            )
        if not errors and self.old_path == self.new_path:
            errors["new_path"] = "The new address must differ from the old one."
        if not errors and Redirect.objects.filter(old_path=self.new_path).exclude(pk=self.pk).exists():
            errors["new_path"] = "That address itself redirects; point to where it leads instead."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def record_move(cls, old_path, new_path):
        """Send `old_path` (and every address that led to it) to `new_path`, with no chains or loops."""
        with transaction.atomic():
            # The new address is a live page again: nothing may redirect away from it.
            cls.objects.filter(old_path=new_path).delete()
            # Collapse chains: whatever led to the old address now leads straight to the new one.
            for redirect in cls.objects.filter(new_path=old_path):
                redirect.new_path = new_path
                redirect.save()
            redirect, created = cls.objects.get_or_create(old_path=old_path, defaults={"new_path": new_path})
            if not created and redirect.new_path != new_path:
                redirect.new_path = new_path
                redirect.save()


def _tag_slug(name, slug, max_length):
    """A slug the tag page's URL accepts: taggit's (any script's letters), never empty, never too long."""
    if not TAG_SLUG.fullmatch(slug or ""):
        slug = slugify(name, allow_unicode=True)
    if not slug:
        # Punctuation only ("?", ">"): nothing a slug can keep.
        slug = "tag-" + hashlib.sha256((name or "").encode()).hexdigest()[:8]
    if len(slug) > max_length:
        # Taggit adds "_1", "_2" to a taken slug: the digest keeps those apart.
        slug = f"{slug[: max_length - 9].rstrip('-_')}-{hashlib.sha256(slug.encode()).hexdigest()[:8]}"
    return slug


TAG_SLUG = re.compile(r"[-\w]+")


@receiver(pre_save, sender=Tag)
def give_every_tag_a_working_slug(sender, instance, **kwargs):
    """Every tag gets a slug its public page can be reached at (see articles/urls.py's `tagslug`)."""
    instance.slug = _tag_slug(instance.name, instance.slug, Tag._meta.get_field("slug").max_length)


class SearchSynonym(models.Model):
    """A word or phrase readers type, and what it means in the site's own words (see docs/search.md).

    Search adds the meanings to the reader's words, so "making love" also finds
    pages about intercourse. Editors manage the list in the admin; a change
    applies to the very next search (cached searches are invalidated).
    """

    term = models.CharField(
        max_length=100,
        unique=True,
        help_text="What readers type, for example: making love, A&E, pregnant, utrogestan.",
    )
    meaning = models.CharField(
        max_length=300,
        help_text=(
            "The words the site uses for it, separated by commas; each may be a phrase. "
            "For example: intercourse, sex."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]
        verbose_name = "search synonym"

    def __str__(self):
        return f"{self.term} → {self.meaning}"

    def save(self, *args, **kwargs):
        from articles.search import normalise

        # Stored as the search compares it, so "A&E" and "a&e" are one term.
        self.term = normalise(self.term)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        from articles.search import normalise, synonym_meanings

        self.term = normalise(self.term)
        if not self.term:
            raise ValidationError({"term": "Enter a word or phrase that has letters or digits."})
        if not synonym_meanings(self.meaning):
            raise ValidationError(
                {"meaning": "Enter at least one word the site uses, such as “intercourse”."}
            )


class SearchWord(models.Model):
    """One word of the published content: the vocabulary that misspelt searches are corrected to.

    Kept up to date as content is saved (`articles.search_index`); the
    `rebuild_search_vocabulary` command rebuilds it from scratch.
    """

    word = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word
