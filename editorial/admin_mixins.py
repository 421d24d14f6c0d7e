"""The admin base for every edited clinical model: history, version diff, safe revert, locking.

`HistoryAdmin` extends django-simple-history's admin (history list and
revert-to-version, each revert saved as a new history record) with:

- a field-by-field comparison of any two versions, chosen on the history page;
- optimistic locking (`editorial.locking`) on the change form and on reverts;
- reverts that restore only the fields the form edits (never workflow state
  such as status or approval), that need change permission, and that run in
  one transaction.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import construct_instance
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import is_historic

from editorial.diffs import field_word_diffs
from editorial.locking import (
    VERSION_FIELD,
    EditConflict,
    LockedModelForm,
    claim,
    field_changes,
    has_conflict,
    is_locked,
)


class HistoryAdmin(SimpleHistoryAdmin):
    form = LockedModelForm
    object_history_template = "admin/editorial/object_history.html"
    object_history_list_template = "admin/editorial/object_history_list.html"
    revert_refused_message = "You do not have permission to change this, so you cannot revert it."

    # Locking ---------------------------------------------------------------------

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not issubclass(form, LockedModelForm):
            raise TypeError(f"{type(self).__name__}.form must subclass editorial.locking.LockedModelForm.")
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not is_locked(self.model):
            return [
                (title, {**options, "fields": [name for name in options["fields"] if name != VERSION_FIELD]})
                for title, options in fieldsets
            ]
        names = {name for _, options in fieldsets for name in options["fields"]}
        if VERSION_FIELD in names:
            return fieldsets
        (title, options), *rest = fieldsets
        # The hidden version goes with the first fieldset, so every change and revert form carries it.
        return [(title, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Another save committed between this form's check and its save (the save's
            # transaction was rolled back). Rendering again, the form sees the newer
            # version and shows the editor who changed what, with their text intact.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(request, context, add, change, form_url, obj)
        form = context["adminform"].form
        if form.is_bound and has_conflict(form):
            response.status_code = 409
        return response

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if change and is_locked(type(obj)):
                claim(type(obj), obj.pk, form.cleaned_data.get(VERSION_FIELD))
            if change and is_historic(obj):
                # A revert: the form's instance was built from a history record.
                # Restore only what the form edits; status, approval and links stay as they are.
                current = type(obj)._default_manager.get(pk=obj.pk)
                self.restore_from_form(form, current)
                obj = current
                obj._change_reason = "Reverted to an earlier version"
            saved = self.save_edit(request, obj, form, change)
        # Many-to-many fields (tags) are saved next, onto the row actually written.
        form.instance = saved

    def restore_from_form(self, form, current):
        """On revert, copy what the form edits from the chosen version onto the current row."""
        construct_instance(form, current)

    def save_edit(self, request, obj, form, change):
        """Write the edit (inside the locked transaction). Returns the row written."""
        super().save_model(request, obj, form, change)
        return obj

    # Revert ----------------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        if not self.has_change_permission(request, current):
            self.message_user(request, self.revert_refused_message, messages.ERROR)
            return HttpResponseRedirect(self._history_url(current.pk))
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except EditConflict:
            return super().history_form_view(request, object_id, version_id, extra_context)

    # Comparing versions ------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.history_compare_view),
                name=f"{opts.app_label}_{opts.model_name}_history_compare",
            ),
            *super().get_urls(),
        ]

    def _history_url(self, pk):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])

    def history_compare_view(self, request, object_id):
        """Field-by-field differences between two versions chosen on the history page."""
        object_id = unquote(object_id)
        history = self.model.history.filter(id=object_id).select_related("history_user")
        latest = history.order_by("-history_date", "-history_id").first()
        if latest is None:
            raise Http404
        if not self.has_view_history_or_change_history_permission(request, latest.instance):
            raise PermissionDenied
        chosen = [request.GET.get("old"), request.GET.get("new")]
        if not all(value and value.isdigit() for value in chosen) or chosen[0] == chosen[1]:
            self.message_user(request, "Choose two different versions to compare.", messages.WARNING)
            return HttpResponseRedirect(self._history_url(object_id))
        records = sorted(history.filter(history_id__in=chosen), key=lambda r: (r.history_date, r.history_id))
        if len(records) != 2:
            raise Http404
        older, newer = records
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions of {latest.instance}",
            "opts": self.model._meta,
            "object": latest.instance,
            "object_id": object_id,
            "older": older,
            "newer": newer,
            "changes": field_word_diffs(field_changes(older, newer)),
            "history_url": self._history_url(object_id),
        }
        return TemplateResponse(request, "admin/editorial/history_compare.html", context)
