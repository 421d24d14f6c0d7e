"""Admin for the safety floor: versions, their statements, and the officers' two-person approval.

A thin layer over `triage.floor_workflow`. Everyone with a role sees the
floor; only clinical safety officers (`triage.change_safety_floor`) copy it
to a draft, edit a draft's statements, submit it and approve another
officer's draft. Every write path (add, change, delete, list actions,
history revert, the workflow buttons) asks the same question,
`_officer_may_edit`, so none is left open. The floor's page shows, before it
goes live, which current rulesets it would break and every way it asks for
less than the live floor.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse

from editorial.admin_mixins import HistoryAdmin
from editorial.locking import LockedModelForm
from triage import contract, floor_workflow
from triage.floor_models import FloorStatement, SafetyFloor, condition_problems
from triage.release_admin import ReleaseAdminMixin, source_url_field

Status = SafetyFloor.Status
CONDITION_SLOTS = 4
FIELD_CHOICES = [("", "—"), *((spec.name, f"{spec.name} ({spec.kind})") for spec in contract.FIELDS)]
OPERATOR_CHOICES = [("", "—"), *((name, name) for name in contract.OPERATORS)]


def _floor_url(floor):
    return reverse("admin:triage_safetyfloor_change", args=[floor.pk])


def _is_officer(request):
    return request.user.has_perm(floor_workflow.FLOOR_PERMISSION)


class FloorPermissionsMixin:
    """Viewing needs the view permission or the officer's; every change needs the officer's."""

    def _floor_of(self, obj):
        return obj

    def _officer_may_edit(self, request, obj=None):
        floor = self._floor_of(obj) if obj is not None else None
        return _is_officer(request) and (floor is None or floor.is_editable)

    def has_view_permission(self, request, obj=None):
        return _is_officer(request) or super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._officer_may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and self._officer_may_edit(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk delete would skip the per-floor check; statements are deleted one by one from a draft.
        actions.pop("delete_selected", None)
        return actions


# Floor versions ------------------------------------------------------------------


class SafetyFloorForm(LockedModelForm):
    class Meta:
        model = SafetyFloor
        fields = ("note",)


@admin.register(SafetyFloor)
class SafetyFloorAdmin(ReleaseAdminMixin, FloorPermissionsMixin, HistoryAdmin):
    form = SafetyFloorForm
    change_form_template = "admin/triage/safetyfloor/change_form.html"
    list_display = ("__str__", "status", "statement_count", "author", "approved_by", "approved_at")
    list_filter = ("status",)
    ordering = ("-version",)
    fields = (
        "version",
        "status",
        "note",
        "copied_from",
        "author",
        "submitted_by",
        "approved_by",
        "approved_at",
        "approval_note",
        "acknowledged_lowerings",
        "created_at",
        "submitted_at",
        "retired_at",
    )
    readonly_fields = tuple(name for name in fields if name != "note")
    actions = ["copy_to_new_draft"]
    revert_refused_message = (
        "Only a clinical safety officer can change the safety floor, and only a draft floor can be "
        "reverted. To bring back an earlier floor, copy it to a new draft."
    )

    def has_add_permission(self, request):
        return False  # a floor starts as a copy of another, never empty

    @admin.display(description="statements")
    def statement_count(self, obj):
        return obj.statements.count()

    release_kind = floor_workflow.FLOOR_RELEASE
    release_workflow = floor_workflow
    approve_template = "admin/triage/safetyfloor/approve.html"
    copy_message = "Created {item}. Edit its statements, then submit it for a second officer's approval."
    submit_message = "{item} is waiting for a second clinical safety officer to approve it."

    def check_release_permission(self, request):
        """Every button and the approve page are for clinical safety officers only: a 403 for others."""
        if not _is_officer(request):
            raise PermissionDenied

    def transition_refusal(self, request, floor):
        return None  # an officer: the workflow checks the rest

    def approval_form(self, request, floor):
        lowered, raised = floor_workflow.lowerings(floor)
        return FloorApprovalForm(request.POST or None, lowered=lowered), (lowered, raised)

    def approve_with_form(self, floor, user, form):
        floor_workflow.approve(floor, user, form.cleaned_data["approval_note"], form.accepted_keys())

    def approval_review_context(self, floor, shown):
        return self._review_context(floor, *shown)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        floor = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if floor is not None:
            extra_context.update(self._review_context(floor, *floor_workflow.lowerings(floor)))
            extra_context.update(
                {
                    "is_officer": _is_officer(request),
                    "add_statement_url": reverse("admin:triage_floorstatement_add") + f"?floor={floor.pk}",
                }
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _review_context(self, floor, lowered, raised):
        impact = floor_workflow.ruleset_impact(floor)
        return {
            "statements": floor.statements.order_by("order", "pk"),
            "statement_problems": floor_workflow.statement_problems(floor),
            "impact": impact,
            "live_ruleset_breaks": any(i.breaks and i.ruleset.status == "live" for i in impact),
            "lowered": lowered,
            "raised": raised,
            "statement_changes": floor_workflow.statement_changes(floor),
        }

    def has_officer_permission(self, request):
        return _is_officer(request)

    @admin.action(description="Copy to a new draft floor", permissions=["officer"])
    def copy_to_new_draft(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one floor version to copy.", messages.WARNING)
            return None
        draft = floor_workflow.copy_to_draft(queryset.get(), request.user)
        self.message_user(request, f"Created {draft}.", messages.SUCCESS)
        return HttpResponseRedirect(_floor_url(draft))


class FloorApprovalForm(forms.Form):
    approval_note = forms.CharField(
        label="Approval note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you checked, and why this floor can go live. Kept in the floor's history.",
    )

    def __init__(self, *args, lowered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lowered = list(lowered)
        for index, lowering in enumerate(self.lowered):
            self.fields[f"accept_{index}"] = forms.BooleanField(
                label=f"I accept that the floor asks for less here: {lowering.describe()}",
                error_messages={"required": "Read this lowering and tick the box to accept it."},
            )
            self.fields[f"accept_{index}_key"] = forms.CharField(
                widget=forms.HiddenInput, initial=lowering.key
            )

    def accepted_keys(self):
        return [
            self.cleaned_data[f"accept_{index}_key"]
            for index in range(len(self.lowered))
            if self.cleaned_data.get(f"accept_{index}")
        ]


# Statements ---------------------------------------------------------------------


def _condition_fields():
    """Form fields for the condition rows: field, operator and value for each slot."""
    fields = {}
    for slot in range(1, CONDITION_SLOTS + 1):
        fields[f"condition_{slot}_field"] = forms.ChoiceField(
            label=f"Condition {slot}: field", choices=FIELD_CHOICES, required=False
        )
        fields[f"condition_{slot}_operator"] = forms.ChoiceField(
            label=f"Condition {slot}: operator", choices=OPERATOR_CHOICES, required=False
        )
        fields[f"condition_{slot}_value"] = forms.CharField(
            label=f"Condition {slot}: value",
            required=False,
            max_length=200,
            help_text="A number, one choice, or for 'in' several choices separated by commas. "
            "Empty for is_true and is_false.",
        )
    return fields


class BaseFloorStatementForm(LockedModelForm):
    """A statement with its conditions as rows of field, operator and value, checked against the contract."""

    source_url = source_url_field()

    class Meta:
        model = FloorStatement
        fields = ("floor", "order", "name", "minimum", "source_citation", "source_url", "source_passage")
        widgets = {
            "name": forms.TextInput(attrs={"size": 80}),
            "source_citation": forms.TextInput(attrs={"size": 80}),
            "source_passage": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "floor" in self.fields:
            self.fields["floor"].queryset = SafetyFloor.objects.filter(status=Status.DRAFT)
            self.fields["floor"].help_text = "Only a draft floor can be changed."
        stored = self.instance.conditions if isinstance(self.instance.conditions, list) else []
        for slot, triple in enumerate(stored[:CONDITION_SLOTS], start=1):
            if isinstance(triple, list | tuple) and len(triple) == 3:
                for part, value in zip(("field", "operator", "value"), triple, strict=True):
                    self.initial.setdefault(f"condition_{slot}_{part}", value)

    def clean(self):
        cleaned = super().clean()
        conditions = []
        for slot in range(1, CONDITION_SLOTS + 1):
            field = cleaned.get(f"condition_{slot}_field") or ""
            operator = cleaned.get(f"condition_{slot}_operator") or ""
            value = (cleaned.get(f"condition_{slot}_value") or "").strip()
            if not (field or operator or value):
                continue
            if not (field and operator):
                self.add_error(f"condition_{slot}_field", "Choose both a field and an operator.")
                continue
            conditions.append([field, operator, value])
        if not self.errors:
            problems = condition_problems(conditions)
            if problems:
                raise forms.ValidationError(problems)
        self.instance.conditions = conditions
        return cleaned

    def _update_errors(self, errors):
        # The model names problems with its `conditions` field; here they are the rows above,
        # already reported by clean() when it found them.
        if hasattr(errors, "error_dict") and "conditions" in errors.error_dict:
            found = errors.error_dict.pop("conditions")
            if not self.non_field_errors():
                errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(found)
        super()._update_errors(errors)


# The condition rows are declared fields, so the admin's form factory and the history revert know them.
FloorStatementForm = type("FloorStatementForm", (BaseFloorStatementForm,), _condition_fields())


@admin.register(FloorStatement)
class FloorStatementAdmin(FloorPermissionsMixin, HistoryAdmin):
    form = FloorStatementForm
    list_display = ("name", "floor", "minimum", "conditions_text", "order", "source_citation")
    list_filter = ("floor", "minimum")
    list_select_related = ("floor",)
    search_fields = ("name", "source_citation")
    ordering = ("-floor__version", "order", "pk")
    revert_refused_message = SafetyFloorAdmin.revert_refused_message
    fieldsets = (
        (None, {"fields": ("floor", "order", "name", "minimum")}),
        (
            "Whenever all of these hold",
            {
                "fields": [
                    f"condition_{slot}_{part}"
                    for slot in range(1, CONDITION_SLOTS + 1)
                    for part in ("field", "operator", "value")
                ]
            },
        ),
        ("Source", {"fields": ("source_citation", "source_url", "source_passage")}),
    )

    def _floor_of(self, obj):
        return obj.floor

    def has_add_permission(self, request):
        return _is_officer(request)

    def get_readonly_fields(self, request, obj=None):
        # A statement stays on the floor version it was written for.
        return ("floor",) if obj is not None else ()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.has_change_permission(request, obj) and obj is not None:
            # Read-only: show the conditions as text instead of empty rows.
            return [
                (None, {"fields": ["floor", "order", "name", "minimum", "conditions_text"]}),
                ("Source", {"fields": ["source_citation", "source_url", "source_passage"]}),
            ]
        return fieldsets

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("order", 1000)
        return initial

    @admin.display(description="conditions (all must hold)")
    def conditions_text(self, obj):
        return obj.describe_conditions()

    def restore_from_form(self, form, current):
        super().restore_from_form(form, current)
        # The conditions are separate form fields, gathered onto the form's instance by its clean().
        current.conditions = form.instance.conditions

    def response_post_save_change(self, request, obj):
        return HttpResponseRedirect(_floor_url(obj.floor))

    def response_post_save_add(self, request, obj):
        return HttpResponseRedirect(_floor_url(obj.floor))
