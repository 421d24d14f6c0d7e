"""Admin for clinical content: articles, causes and references.

Editors get search, filters (status, tag, review due), prepopulated slugs,
ordered inlines for causes and references, and a preview of the sanitized
HTML exactly as readers will see it. Validation (DOI, PMID, URL, citation keys)
lives on the models, so the admin shows it next to the field at fault.

The editorial rules (`articles.publishing`, `articles.revisions`,
`articles.review_workflow`): status and publication time are never edited in
the form. A writer submits a draft for review; an approver publishes it or
sends it back with a comment. Editing published content saves
a draft revision readers do not see; only approvers publish, with a change
note, and only content with review dates. Every save is checked against the
version the editor opened (`editorial.locking`), and every change is in the
history, where any two versions can be compared.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from taggit.models import Tag

from articles import editing, publishing, review_workflow, revisions
from articles.models import (
    Article,
    ArticleCause,
    ArticleReference,
    Cause,
    CauseReference,
    Redirect,
    Reference,
    SearchSynonym,
    Status,
)
from articles.rendering import find_citation_keys
from editorial.admin_mixins import HistoryAdmin
from editorial.content_checks import PROBLEM, check_content, plain_text
from editorial.diffs import field_word_diffs
from editorial.locking import VERSION_FIELD, LockedModelForm, field_changes
from editorial.models import glossary_pairs
from editorial.queue import display_name
from editorial.review import DUE_SOON_DAYS, due_soon_cutoff
from editorial.usage import uses_of


class ReviewDueFilter(admin.SimpleListFilter):
    """The same "due" as the admin dashboard and `review_report` (editorial.review)."""

    title = "review due"
    parameter_name = "review_due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("soon", f"Within {DUE_SOON_DAYS} days"),
            ("due", f"Overdue or within {DUE_SOON_DAYS} days"),
            ("later", "Later"),
            ("unset", "No date set"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        soon = due_soon_cutoff(today)
        filters = {
            "overdue": {"next_review_due__lt": today},
            "soon": {"next_review_due__gte": today, "next_review_due__lte": soon},
            "due": {"next_review_due__lte": soon},
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
    {
        "fields": [
            "last_reviewed",
            "next_review_due",
            "reviewer_name",
            "reviewer_role",
            "reviewer_registration",
        ],
        "description": (
            "Leave the reviewer empty until a named clinician has checked the page: readers are then "
            "told plainly that it has not yet been checked by a clinician."
        ),
    },
)
ADVICE_FIELDSET = (
    "Advice call-outs (strongest first)",
    {"fields": ["emergency_advice", "urgent_advice", "soon_advice", "routine_advice"]},
)
PREVIEW_FIELDSET = ("Preview (sanitized HTML as readers see it, from the last save)", {"fields": ["preview"]})
CHECKS_FIELDSET = ("Content checks (advice, from the last save)", {"fields": ["content_checks"]})


class ChangeNoteForm(forms.Form):
    change_note = forms.CharField(
        label="Change note",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="What changed and why. Kept in the history with the change.",
    )


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="Comment for the writers",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="What must change before it can be published. Kept in the history; "
        "the e-mail to the writers holds only the title and a link.",
    )


class PublishForm(ChangeNoteForm):
    publish_at = forms.DateTimeField(
        label="Publish at",
        required=False,
        widget=forms.DateTimeInput(attrs={"size": 20}),
        help_text="Leave empty to publish now, or give a later time, like 2026-12-01 09:00.",
    )
    reviewer_name = forms.CharField(
        label="Clinically reviewed by",
        required=False,
        max_length=200,
        help_text="The named clinician who checked this version. Leave empty if nobody has yet: "
        "readers are then told the page has not yet been checked by a clinician.",
    )
    reviewer_role = forms.CharField(
        label="Reviewer's clinical role", required=False, max_length=200, help_text="For example: GP."
    )
    reviewer_registration = forms.CharField(
        label="Registration number",
        required=False,
        max_length=100,
        help_text="Where they have one, with its register: GMC 1234567, NMC 12A3456E.",
    )
    reviewed_on = forms.DateField(
        label="Date of the review", required=False, help_text="Like 2026-12-01. Not in the future."
    )

    REVIEW_FIELDS = ("reviewer_name", "reviewer_role", "reviewer_registration", "reviewed_on")

    @classmethod
    def initial_for(cls, obj):
        """The reviewer already recorded on the content, so re-publishing keeps it unless changed."""
        return {
            "reviewer_name": obj.reviewer_name,
            "reviewer_role": obj.reviewer_role,
            "reviewer_registration": obj.reviewer_registration,
            "reviewed_on": obj.last_reviewed if obj.reviewer_name else None,
        }

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("reviewer_name") or "").strip()
        if not name:
            for field in ("reviewer_role", "reviewer_registration"):
                if (cleaned.get(field) or "").strip():
                    self.add_error("reviewer_name", "Name the clinician who reviewed it.")
                    break
            return cleaned
        if not (cleaned.get("reviewer_role") or "").strip():
            self.add_error("reviewer_role", "Give the reviewer's clinical role.")
        reviewed_on = cleaned.get("reviewed_on")
        if reviewed_on is None:
            if "reviewed_on" not in self.errors:
                self.add_error("reviewed_on", "Give the date of the review.")
        elif reviewed_on > timezone.localdate():
            self.add_error("reviewed_on", "A review date cannot be in the future.")
        return cleaned

    def review(self):
        """The `publishing.Review` entered; `publishing.NOT_REVIEWED` when no reviewer is named."""
        data = self.cleaned_data
        if not (data.get("reviewer_name") or "").strip():
            return publishing.NOT_REVIEWED
        return publishing.Review(
            name=data["reviewer_name"],
            role=data["reviewer_role"],
            registration=data.get("reviewer_registration") or "",
            reviewed_on=data["reviewed_on"],
        )


# Room left in a tag's slug for the "_2" taggit adds when two tags' slugs clash.
TAG_SLUG_SUFFIX_ROOM = 10


# The form field carrying the id of the row the editor opened (a draft revision, or the live row).
OPENED_ROW_FIELD = "opened_row"


class EditorialContentForm(LockedModelForm):
    """The admin form of articles and causes.

    Tags must fit the tag table, or the editor is told. The form also says which row
    the editor opened: a draft revision that was published or discarded meanwhile is
    gone, and its form is then shown on the live row, refused, with the editor's text.
    """

    opened_row = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[OPENED_ROW_FIELD].initial = self.instance.pk

    def clean(self):
        opened = self.cleaned_data.get(OPENED_ROW_FIELD)
        # A form opened before this field existed has none: its version is still checked.
        if opened is not None and self.instance.pk is not None and opened != self.instance.pk:
            raise forms.ValidationError(
                opened_elsewhere_message(type(self.instance), opened), code="edit_conflict"
            )
        return super().clean()

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        # The tag table's name and slug columns (100 characters), less room for a slug suffix.
        limit = Tag._meta.get_field("slug").max_length - TAG_SLUG_SUFFIX_ROOM
        too_long = [tag for tag in tags if max(len(tag), len(Tag().slugify(tag))) > limit]
        if too_long:
            shown = ", ".join(f"“{tag[:40]}…”" if len(tag) > 40 else f"“{tag}”" for tag in too_long)
            raise forms.ValidationError(
                f"A tag can be at most {limit} characters long. Shorten {shown}.", code="tag_too_long"
            )
        return tags


class EditorialAdmin(HistoryAdmin):
    """What articles and causes share: drafts, revisions, publishing, review filters and the preview."""

    form = EditorialContentForm

    list_filter = ["status", ReviewDueFilter, "tags"]
    readonly_fields = [
        "status_label",
        "published_at",
        "authorship",
        "preview",
        "content_checks",
        "citation_order",
        "created_at",
        "updated_at",
    ]
    actions = ["publish", "unpublish"]
    save_on_top = True
    change_form_template = "admin/editorial/content_change_form.html"
    preview_url_name = ""

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

    @admin.display(description="Findings")
    def content_checks(self, obj):
        if not obj or not obj.pk:
            return "Save to see the checks."
        return content_checks_html(page_findings(obj))

    @admin.display(description="Citations, in numbered order")
    def citation_order(self, obj):
        keys = obj.citation_keys if obj else []
        return ", ".join(f"[{number}] {key}" for number, key in enumerate(keys, start=1)) or "None"

    @admin.display(description="next review due", ordering="next_review_due")
    def review_due(self, obj):
        if obj.next_review_due and obj.next_review_due < timezone.localdate():
            return format_html("<strong>{} (overdue)</strong>", obj.next_review_due)
        return obj.next_review_due

    @admin.display(description="version")
    def version_kind(self, obj):
        if obj.draft_of_id:
            if obj.publish_at:
                return f"Draft revision (publishes {timezone.localtime(obj.publish_at):%d %b %Y %H:%M})"
            return "Draft revision"
        return self.publication_label(obj)

    # Honest status labels --------------------------------------------------------

    @staticmethod
    def publication_label(obj, now=None):
        """ "Scheduled for …" while a published page's time has not come; readers see nothing until then."""
        if obj.status != Status.PUBLISHED:
            return "Draft"
        if obj.published_at and obj.published_at > (now or timezone.now()):
            return f"Scheduled for {timezone.localtime(obj.published_at):%d %b %Y %H:%M}"
        return "Published"

    @admin.display(description="written and approved by")
    def authorship(self, obj):
        """Who wrote the version readers see and who approved it (recorded at each publication)."""
        live = obj.draft_of if obj and obj.draft_of_id else obj
        if live is None or live.published_by_id is None and not live.written_by:
            return "Not published yet."
        approver = display_name(live.published_by) if live.published_by else "—"
        return f"Published version written by {live.written_by or '—'}; approved by {approver}."

    @admin.display(description="status")
    def status_label(self, obj):
        return self.publication_label(obj)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path == reverse("admin:autocomplete"):
            # Links (an article's causes) always point at the live row, never at a draft revision.
            queryset = queryset.without_revisions()
        return queryset, may_have_duplicates

    def has_delete_permission(self, request, obj=None):
        # Anyone who may edit may throw away a draft revision; the published version stays.
        if obj is not None and obj.draft_of_id is not None:
            return self.has_change_permission(request, obj)
        return super().has_delete_permission(request, obj)

    # Who may publish ------------------------------------------------------------

    def has_publish_permission(self, request, obj=None):
        return publishing.can_publish(request.user, self.model)

    def _change_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def _publish_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_publish", args=[obj.pk])

    def _workflow_url(self, obj, step):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{step}", args=[obj.pk])

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name=f"{opts.app_label}_{opts.model_name}_publish",
            ),
            path(
                "<int:pk>/submit-for-review/",
                self.admin_site.admin_view(self.submit_for_review_view),
                name=f"{opts.app_label}_{opts.model_name}_submit_for_review",
            ),
            path(
                "<int:pk>/send-back/",
                self.admin_site.admin_view(self.send_back_view),
                name=f"{opts.app_label}_{opts.model_name}_send_back",
            ),
            *super().get_urls(),
        ]

    # The review step ------------------------------------------------------------

    def submit_for_review_view(self, request, pk):
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, obj):
            raise Http404
        try:
            obj = review_workflow.submit_for_review(obj, request.user)
        except review_workflow.ReviewError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request, f"Submitted “{obj}” for review. The approvers have been told.", messages.SUCCESS
            )
        return HttpResponseRedirect(self._change_url(obj))

    def send_back_view(self, request, pk):
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        if request.method != "POST" or not self.has_view_permission(request, obj):
            raise Http404
        form = SendBackForm(request.POST)
        if form.is_valid():
            try:
                obj = review_workflow.send_back(obj, request.user, form.cleaned_data["comment"])
            except review_workflow.ReviewError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request, f"Sent “{obj}” back to its writers with your comment.", messages.SUCCESS
                )
                return HttpResponseRedirect(self._change_url(obj))
        # Shown again on the publish page with the comment kept, and the reason.
        return self.publish_view(request, pk, send_back_form=form)

    def publish_view(self, request, pk, send_back_form=None):
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, obj):
            raise Http404
        if not self.has_publish_permission(request):
            self.message_user(
                request, "Only a Clinical approver can publish. Ask one to check it.", messages.ERROR
            )
            return HttpResponseRedirect(self._change_url(obj))
        if revisions.is_live(obj):
            revision = revisions.revision_of(obj)
            if revision is None:
                self.message_user(request, f"“{obj}” is published and has no draft changes.", messages.INFO)
                return HttpResponseRedirect(self._change_url(obj))
            return HttpResponseRedirect(self._publish_url(revision))
        publishing_now = request.method == "POST" and send_back_form is None
        form = PublishForm(request.POST if publishing_now else None, initial=PublishForm.initial_for(obj))
        errors = []
        if publishing_now and form.is_valid():
            try:
                outcome = publishing.publish(
                    obj,
                    request.user,
                    form.cleaned_data["change_note"],
                    form.cleaned_data["publish_at"],
                    review=form.review(),
                )
            except publishing.PublishError as error:
                errors.append(str(error))
            else:
                self.message_user(request, outcome.message, messages.SUCCESS)
                return HttpResponseRedirect(self._change_url(outcome.obj))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Publish “{obj}”",
            "opts": self.model._meta,
            "original": obj,
            "form": form,
            "errors": errors,
            "changes": field_word_diffs(self._changes_from_live(obj)),
            "content_checks": content_checks_html(page_findings(obj)),
            "preview_url": reverse(self.preview_url_name, args=[obj.pk]),
            "change_url": self._change_url(obj),
            "review_state": review_workflow.state(obj),
            "send_back_form": send_back_form or SendBackForm(),
            # A refused send-back is shown again with its comment, even if the item left review.
            "send_back_url": self._workflow_url(obj, "send_back")
            if review_workflow.in_review(obj) or send_back_form is not None
            else "",
        }
        return TemplateResponse(request, "admin/editorial/publish.html", context)

    def _changes_from_live(self, obj):
        """[(field, published, draft)] for a revision; None for a first publication."""
        if not obj.draft_of_id:
            return None
        history = self.model.history.order_by("-history_date", "-history_id")
        live_record = history.filter(id=obj.draft_of_id).first()
        revision_record = history.filter(id=obj.pk).first()
        if live_record is None or revision_record is None:
            return []
        return field_changes(live_record, revision_record, excluded=self.model.WORKFLOW_FIELDS)

    def _bulk(self, request, queryset, operation, verb):
        form = ChangeNoteForm(request.POST if "change_note" in request.POST else None)
        if form.is_bound and form.is_valid():
            for obj in queryset:
                if verb == "publish" and revisions.is_live(obj):
                    obj = revisions.revision_of(obj) or obj
                try:
                    outcome = operation(obj, request.user, form.cleaned_data["change_note"])
                except publishing.PublishError as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    self.message_user(request, outcome.message, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"{verb.capitalize()} {queryset.count()} {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "action": verb,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/editorial/publish_selected.html", context)

    @admin.action(description="Publish the selected items…", permissions=["publish"])
    def publish(self, request, queryset):
        return self._bulk(request, queryset, publishing.publish, "publish")

    @admin.action(description="Unpublish the selected items (back to draft)…", permissions=["publish"])
    def unpublish(self, request, queryset):
        return self._bulk(request, queryset, publishing.unpublish, "unpublish")

    # Editing published content writes to its draft revision ---------------------

    def get_fieldsets(self, request, obj=None):
        (title, options), *rest = super().get_fieldsets(request, obj)
        if OPENED_ROW_FIELD in options["fields"]:
            return [(title, options), *rest]
        # Hidden, with the opened version: every change and revert form says which row it was opened on.
        return [(title, {**options, "fields": [*options["fields"], OPENED_ROW_FIELD]}), *rest]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None and request.method == "POST":
            removed = revisions.removed_revision(self.model, unquote(object_id))
            if removed is not None:
                # The revision being edited was published or discarded meanwhile: show the
                # editor's text on the live page's form (which refuses it, see
                # EditorialContentForm) rather than dropping it.
                return super().change_view(request, str(removed.draft_of_id), form_url, extra_context)
        if obj is not None and request.method in ("GET", "HEAD") and revisions.is_live(obj):
            revision = revisions.revision_of(obj)
            if revision is not None:
                self.message_user(
                    request,
                    f"“{obj}” already has a draft revision: you are editing that. "
                    "Readers see the published version until an approver publishes it.",
                    messages.INFO,
                )
                return HttpResponseRedirect(self._change_url(revision))
        extra_context = {**(extra_context or {}), "editorial": self._editorial_context(request, obj)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _editorial_context(self, request, obj):
        if obj is None:
            return None
        return {
            "state": "revision" if obj.draft_of_id else ("live" if revisions.is_live(obj) else "draft"),
            "live_url": self._change_url(obj.draft_of) if obj.draft_of_id else "",
            "live": obj.draft_of if obj.draft_of_id else None,
            "preview_url": reverse(self.preview_url_name, args=[obj.pk]),
            "publish_url": self._publish_url(obj),
            "can_publish": self.has_publish_permission(request),
            "review_state": review_workflow.state(obj),
            "submit_url": self._workflow_url(obj, "submit_for_review")
            if not revisions.is_live(obj) and not obj.submitted_at and not obj.publish_at
            else "",
        }

    def save_edit(self, request, obj, form, change):
        """The form's edit, saved by `articles.editing.save_edit` (a revert arrives the same way)."""
        if not change:
            return super().save_edit(request, obj, form, change)
        values = {
            field.name: getattr(obj, field.name)
            for field in editing.edited_fields(self.model)
            if field.name in form.fields
        }
        saved = editing.save_edit(
            obj,
            request.user,
            values,
            form.cleaned_data.get(VERSION_FIELD),
            reason=getattr(obj, "_change_reason", None) or "",
        )
        if saved.approval_withdrawn and not saved.to_revision:
            self.message_user(request, saved.message(), messages.WARNING)
        # Read by save_related and response_change: where this form's edit was written.
        form.saved_edit = saved
        return saved.row

    def save_related(self, request, form, formsets, change):
        saved = getattr(form, "saved_edit", None)
        if saved is None or not saved.to_revision:
            return super().save_related(request, form, formsets, change)
        form.save_m2m()  # form.instance is the revision
        for formset in formsets:
            _copy_formset(formset, saved.row)
        return None

    def response_change(self, request, obj):
        # An edit of published content always goes into its draft revision.
        revision = revisions.revision_of(obj) if revisions.is_live(obj) else None
        if revision is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            editing.Saved(revision, to_revision=True).message(),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._change_url(revision))


def opened_elsewhere_message(model, opened):
    """Why a form opened on row `opened` is refused on another row (the live one)."""
    record = revisions.removed_revision(model, opened)
    if record is None:
        return (
            "This form was opened on another version of this page. Your text is still in the form "
            "below: copy what you need, reload, and apply it again."
        )
    who = record.history_user or "another editor"
    when = timezone.localtime(record.history_date).strftime("%d %b %Y %H:%M")
    return (
        f"Someone else published or discarded the draft revision you were editing: {who} at {when}. "
        "This is the published version now. Your text is still in the form below: copy what you need, "
        "reload, and apply it again."
    )


def _copy_formset(formset, revision):
    """Write an inline formset's rows (cause or reference order) to the revision, as new rows."""
    own_field = formset.fk.name
    formset.model.objects.filter(**{own_field: revision}).delete()
    rows = []
    for inline_form in formset.forms:
        data = getattr(inline_form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        values = {
            name: value
            for name, value in data.items()
            if name not in ("id", "DELETE", own_field) and name in inline_form._meta.fields
        }
        rows.append(formset.model(**{own_field: revision}, **values))
    formset.model.objects.bulk_create(rows)
    # What the admin's change message reads from a saved formset.
    formset.new_objects, formset.changed_objects, formset.deleted_objects = rows, [], []


@admin.register(Article)
class ArticleAdmin(EditorialAdmin):
    list_display = ["title", "version_kind", "published_at", "review_due", "is_flagship"]
    search_fields = ["title", "slug", "standfirst", "body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ArticleCauseInline, ArticleReferenceInline]
    preview_url_name = "preview:article_preview"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "standfirst",
                    "is_flagship",
                    "tags",
                    "status_label",
                    "published_at",
                    "authorship",
                ]
            },
        ),
        ("Body", {"fields": ["body", "citation_order"]}),
        ADVICE_FIELDSET,
        REVIEW_FIELDSET,
        PREVIEW_FIELDSET,
        CHECKS_FIELDSET,
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(Cause)
class CauseAdmin(EditorialAdmin):
    # Position is edited in the form, not the list, so it goes through drafts and locking too.
    list_display = ["name", "position", "urgency_hint", "version_kind", "review_due"]
    list_filter = ["status", "urgency_hint", ReviewDueFilter, "tags"]
    search_fields = ["name", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CauseReferenceInline]
    preview_url_name = "preview:cause_preview"
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
                    "status_label",
                    "published_at",
                    "authorship",
                ]
            },
        ),
        ("Body", {"fields": ["body", "citation_order"]}),
        ADVICE_FIELDSET,
        REVIEW_FIELDSET,
        PREVIEW_FIELDSET,
        CHECKS_FIELDSET,
        ("Where is this used", {"fields": ["where_used"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    readonly_fields = [*EditorialAdmin.readonly_fields, "where_used"]

    @admin.display(description="Listed or linked by")
    def where_used(self, obj):

        target = obj.draft_of if obj and obj.draft_of_id else obj
        return usage_list(uses_of(target), "No article or triage rule links this cause.")


def page_findings(page):
    """The content checks of an article or cause as readers would read it (editorial.content_checks)."""
    summary_field = "standfirst" if isinstance(page, Article) else "summary"
    texts = [(page._meta.get_field(summary_field).verbose_name.capitalize(), getattr(page, summary_field))]
    html = [
        page.body_html,
        *(getattr(page, target) for source, target in page.RENDERED_FIELDS if source != "body"),
    ]
    texts += [("Body", plain_text(page.body_html))]
    texts += [
        (page._meta.get_field(source).verbose_name.capitalize(), plain_text(getattr(page, target)))
        for source, target in page.RENDERED_FIELDS
        if source != "body" and getattr(page, target)
    ]
    cited = {key for source, _ in page.RENDERED_FIELDS for key in find_citation_keys(getattr(page, source))}
    unknown = sorted(cited - set(Reference.objects.filter(key__in=cited).values_list("key", flat=True)))
    return check_content(texts, "\n".join(html), glossary_pairs(), unknown)


def _severity_label(finding):
    return "Fix before publishing" if finding.severity == PROBLEM else "Advice"


def content_checks_html(findings):
    if not findings:
        return "No findings: plain language, headings, links and images look right."
    return format_html(
        '<ul class="content-checks">{}</ul>',
        format_html_join(
            "",
            '<li class="content-check content-check--{}"><strong>{}:</strong> {}</li>',
            (
                (
                    finding.severity,
                    "Fix before publishing" if finding.severity == PROBLEM else "Advice",
                    finding.message,
                )
                for finding in findings
            ),
        ),
    )


def usage_list(uses, empty):
    """An HTML list of editorial.usage.Use entries, each linked to its admin page."""
    if not uses:
        return empty
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "", '<li>{}: <a href="{}">{}</a></li>', ((u.kind, u.admin_url, u.title) for u in uses)
        ),
    )


@admin.register(Reference)
class ReferenceAdmin(HistoryAdmin):
    list_display = ["key", "authors", "title", "year", "doi", "pmid"]
    list_filter = ["year"]
    search_fields = ["key", "authors", "title", "container", "doi", "pmid", "url"]
    readonly_fields = ["vancouver_preview", "where_used"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["key", "authors", "title", "container"]}),
        ("Journal details", {"fields": ["year", "date_detail", "volume", "issue", "pages", "doi", "pmid"]}),
        ("Web page", {"fields": ["url", "accessed"]}),
        ("Preview", {"fields": ["vancouver_preview"]}),
        ("Where is this used", {"fields": ["where_used"]}),
    ]

    # Where is this used, and refusing to delete what is cited ---------------------

    @admin.display(description="Cited by")
    def where_used(self, obj):

        return usage_list(uses_of(obj), "Nothing cites this reference.")

    def delete_view(self, request, object_id, extra_context=None):

        reference = self.get_object(request, unquote(object_id))
        if reference is not None:
            uses = uses_of(reference)
            if uses:
                self.message_user(
                    request,
                    format_html(
                        "{} cannot be deleted while it is cited. Remove it from these first: {}",
                        reference.key,
                        usage_list(uses, ""),
                    ),
                    messages.ERROR,
                )
                return HttpResponseRedirect(reverse("admin:articles_reference_change", args=[reference.pk]))
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk delete would skip the "is it cited?" check; delete references one by one.
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="As readers see it (Vancouver style)")
    def vancouver_preview(self, obj):
        return obj.vancouver_html() if obj and obj.pk else "Save to see a preview."


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Lay terms and synonyms for site search: a change applies to the very next search."""

    list_display = ["term", "meaning", "updated_at"]
    search_fields = ["term", "meaning"]
    ordering = ["term"]
    fields = ["term", "meaning"]


@admin.register(Redirect)
class RedirectAdmin(HistoryAdmin):
    """Old addresses of renamed pages. Made automatically when a published slug changes."""

    list_display = ["old_path", "new_path", "updated_at"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["created_at", "updated_at"]
    fields = ["old_path", "new_path", "created_at", "updated_at"]
