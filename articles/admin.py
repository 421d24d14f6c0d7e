"""Admin for clinical content: articles, causes and references.

Editors get search, filters (status, tag, review due), prepopulated slugs,
ordered inlines for causes and references, and a preview of the sanitized
HTML exactly as readers will see it. Validation (DOI, PMID, URL, citation keys)
lives on the models, so the admin shows it next to the field at fault.
"""

import datetime

from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from articles.models import (
    Article,
    ArticleCause,
    ArticleReference,
    Cause,
    CauseReference,
    Reference,
    Status,
)

REVIEW_SOON_DAYS = 30


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review due"
    parameter_name = "review_due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("soon", f"Within {REVIEW_SOON_DAYS} days"),
            ("later", "Later"),
            ("unset", "No date set"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=REVIEW_SOON_DAYS)
        filters = {
            "overdue": {"next_review_due__lt": today},
            "soon": {"next_review_due__gte": today, "next_review_due__lte": soon},
            "later": {"next_review_due__gt": soon},
            "unset": {"next_review_due__isnull": True},
        }
        if self.value() in filters:
            return queryset.filter(**filters[self.value()])
        return queryset


class ArticleCauseInline(admin.TabularInline):
    model = ArticleCause
    extra = 0
    fields = ["order", "cause"]
    autocomplete_fields = ["cause"]
    verbose_name = "cause"
    verbose_name_plural = "causes (in display order)"


class ArticleReferenceInline(admin.TabularInline):
    model = ArticleReference
    extra = 0
    fields = ["order", "reference"]
    autocomplete_fields = ["reference"]
    verbose_name = "reference"
    verbose_name_plural = "references (listed after the cited ones, in this order)"


class CauseReferenceInline(ArticleReferenceInline):
    model = CauseReference


REVIEW_FIELDSET = (
    "Review",
    {"fields": ["last_reviewed", "next_review_due", "reviewer_name", "reviewer_role"]},
)
ADVICE_FIELDSET = (
    "Advice call-outs (strongest first)",
    {"fields": ["emergency_advice", "urgent_advice", "soon_advice", "routine_advice"]},
)
PREVIEW_FIELDSET = ("Preview (sanitized HTML as readers see it, from the last save)", {"fields": ["preview"]})


class EditorialAdmin(SimpleHistoryAdmin):
    """What articles and causes share: status actions, review filters and the preview."""

    list_filter = ["status", ReviewDueFilter, "tags"]
    readonly_fields = ["preview", "citation_order", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    save_on_top = True

    @admin.display(description="Preview")
    def preview(self, obj):
        if not obj or not obj.pk:
            return "Save to see a preview."
        cards = format_html_join(
            "",
            '<section class="care-card care-card--{}"><h3>{}</h3>{}</section>',
            # The stored HTML was sanitized by articles.rendering when it was saved.
            ((card["disposition"], card["heading"], mark_safe(card["html"])) for card in obj.care_cards),
        )
        return format_html('<div class="rendered-preview">{}{}</div>', mark_safe(obj.body_html), cards)

    @admin.display(description="Citations, in numbered order")
    def citation_order(self, obj):
        keys = obj.citation_keys if obj else []
        return ", ".join(f"[{number}] {key}" for number, key in enumerate(keys, start=1)) or "None"

    @admin.display(description="next review due", ordering="next_review_due")
    def review_due(self, obj):
        if obj.next_review_due and obj.next_review_due < timezone.localdate():
            return format_html("<strong>{} (overdue)</strong>", obj.next_review_due)
        return obj.next_review_due

    @admin.action(description="Publish the selected items now")
    def publish(self, request, queryset):
        count = 0
        for obj in queryset.filter(status=Status.DRAFT):
            obj.status = Status.PUBLISHED
            obj.published_at = obj.published_at or timezone.now()
            obj.save()
            count += 1
        self.message_user(request, f"Published {count} item(s).", messages.SUCCESS)

    @admin.action(description="Return the selected items to draft")
    def unpublish(self, request, queryset):
        count = 0
        for obj in queryset.filter(status=Status.PUBLISHED):
            obj.status = Status.DRAFT
            obj.save()
            count += 1
        self.message_user(request, f"Returned {count} item(s) to draft.", messages.SUCCESS)


@admin.register(Article)
class ArticleAdmin(EditorialAdmin):
    list_display = ["title", "status", "published_at", "review_due", "is_flagship"]
    search_fields = ["title", "slug", "standfirst", "body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ArticleCauseInline, ArticleReferenceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "is_flagship", "tags", "status", "published_at"]}),
        ("Body", {"fields": ["body", "citation_order"]}),
        ADVICE_FIELDSET,
        REVIEW_FIELDSET,
        PREVIEW_FIELDSET,
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")


@admin.register(Cause)
class CauseAdmin(EditorialAdmin):
    list_display = ["name", "position", "urgency_hint", "status", "review_due"]
    list_editable = ["position"]
    list_filter = ["status", "urgency_hint", ReviewDueFilter, "tags"]
    search_fields = ["name", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CauseReferenceInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "summary",
                    "urgency_hint",
                    "position",
                    "tags",
                    "status",
                    "published_at",
                ]
            },
        ),
        ("Body", {"fields": ["body", "citation_order"]}),
        ADVICE_FIELDSET,
        REVIEW_FIELDSET,
        PREVIEW_FIELDSET,
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(Reference)
class ReferenceAdmin(SimpleHistoryAdmin):
    list_display = ["key", "authors", "title", "year", "doi", "pmid"]
    list_filter = ["year"]
    search_fields = ["key", "authors", "title", "container", "doi", "pmid", "url"]
    readonly_fields = ["vancouver_preview"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["key", "authors", "title", "container"]}),
        ("Journal details", {"fields": ["year", "date_detail", "volume", "issue", "pages", "doi", "pmid"]}),
        ("Web page", {"fields": ["url", "accessed"]}),
        ("Preview", {"fields": ["vancouver_preview"]}),
    ]

    @admin.display(description="As readers see it (Vancouver style)")
    def vancouver_preview(self, obj):
        return obj.vancouver_html() if obj and obj.pk else "Save to see a preview."
