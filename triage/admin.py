"""Admin for triage rulesets, rules, scenarios and the anonymous daily counts.

A thin layer over `triage.workflow`: the admin shows a ruleset's scenario
results, the "what changes" table against the live ruleset and the safety
warnings, and offers the transitions as buttons and list actions. Only drafts
can be edited; live and retired rulesets (and their rules and conditions) are
shown read-only.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

import triage.floor_admin  # noqa: F401 (registers the safety floor's admin)
from editorial.admin_mixins import HistoryAdmin
from editorial.locking import LockedModelForm
from triage import contract, engine, services, workflow
from triage.models import (
    DRAFT_ONLY_MESSAGE,
    Condition,
    DailyDispositionCount,
    DailyRuleCount,
    Rule,
    RuleSet,
    Scenario,
    ScenarioLocked,
)
from triage.release_admin import ReleaseAdminMixin, source_url_field

Status = RuleSet.Status
COUNT_DAYS = 30


def _ruleset_url(ruleset):
    return reverse("admin:triage_ruleset_change", args=[ruleset.pk])


# Rulesets --------------------------------------------------------------------


@admin.register(RuleSet)
class RuleSetAdmin(ReleaseAdminMixin, HistoryAdmin):
    list_display = ("__str__", "status", "rule_count", "author", "approver", "went_live_at", "short_note")
    list_filter = ("status",)
    search_fields = ("change_note", "approval_note", "rules__name")
    ordering = ("-version",)
    fields = (
        "version",
        "status",
        "change_note",
        "copied_from",
        "author",
        "submitted_by",
        "approver",
        "approval_note",
        "acknowledged_warnings",
        "created_at",
        "submitted_at",
        "went_live_at",
        "retired_at",
    )
    readonly_fields = tuple(name for name in fields if name != "change_note")
    actions = ["copy_to_new_draft", "submit_selected", "approve_selected", "propose_rollback_selected"]
    revert_refused_message = (
        "Only a draft ruleset can be changed, so only a draft can be reverted. "
        "To bring back an earlier version, copy it to a new draft, or propose a rollback to it."
    )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("author", "approver").annotate(_rules=Count("rules"))
        )

    @admin.display(description="rules", ordering="_rules")
    def rule_count(self, obj):
        return obj._rules

    @admin.display(description="change note")
    def short_note(self, obj):
        return obj.change_note if len(obj.change_note) <= 80 else obj.change_note[:77] + "..."

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Only a draft that never went live can be thrown away; everything else is the record.
        if obj is None or obj.status != Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    # Extra pages and buttons -------------------------------------------------

    release_kind = workflow.RULESET_RELEASE
    release_workflow = workflow
    approve_template = "admin/triage/ruleset/approve.html"
    release_urls = (*ReleaseAdminMixin.release_urls, ("rollback/", "rollback_view", "rollback"))
    copy_message = "Created {item}. Edit its rules, then submit it for approval."
    submit_message = "{item} is waiting for a second person to approve it."

    def check_release_permission(self, request):
        """Nothing before the ruleset is found: `transition_refusal` says no with a message."""

    def transition_refusal(self, request, ruleset):
        if not self.has_view_permission(request, ruleset) or not super().has_change_permission(request):
            messages.error(request, "You do not have permission to change triage rulesets.")
            return HttpResponseRedirect(_ruleset_url(ruleset))
        return None

    def rollback_view(self, request, pk):
        return self.transition(
            request, pk, workflow.propose_rollback, "{item} is proposed to go live again and awaits approval."
        )

    def approval_form(self, request, ruleset):
        warnings = workflow.safety_warnings(ruleset)
        check = workflow.release_check(ruleset)
        form = ApprovalForm(
            request.POST or None,
            warnings=warnings,
            fingerprint=workflow.warnings_fingerprint(warnings),
            lowered=check.lowered,
        )
        return form, {"warnings": warnings, "check": check}

    def approve_with_form(self, ruleset, user, form):
        workflow.approve(
            ruleset,
            user,
            form.cleaned_data["approval_note"],
            form.cleaned_data["fingerprint"] if form.warnings else None,
            form.lowering_reasons(),
        )

    def approval_review_context(self, ruleset, shown):
        return {**shown, **self._review_context(ruleset)}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        ruleset = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if ruleset is not None:
            extra_context.update(self._review_context(ruleset))
            extra_context.update(
                {
                    "warnings": workflow.safety_warnings(ruleset),
                    "check": workflow.release_check(ruleset),
                    "rules": ruleset.rules.prefetch_related("conditions").order_by("order", "pk"),
                    "rule_counts": self._rule_counts(ruleset),
                    "can_approve": request.user.has_perm(workflow.APPROVE_PERMISSION),
                    "add_rule_url": reverse("admin:triage_rule_add") + f"?ruleset={ruleset.pk}",
                    "add_scenario_url": reverse("admin:triage_scenario_add") + f"?ruleset={ruleset.pk}",
                }
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _review_context(self, ruleset):
        outcomes = workflow.scenario_outcomes(ruleset)
        return {
            "scenario_outcomes": outcomes,
            "failing_count": sum(not outcome.passed for outcome in outcomes),
            "changes": workflow.compare_with_live(ruleset),
            "rule_problems": workflow.rule_problems(ruleset),
            "release_diff": workflow.release_diff(ruleset),
        }

    def _rule_counts(self, ruleset):
        since = timezone.localdate() - timedelta(days=COUNT_DAYS)
        by_rule = dict(
            DailyRuleCount.objects.filter(ruleset=ruleset, day__gte=since)
            .values_list("rule")
            .annotate(total=Sum("count"))
        )
        by_disposition = dict(
            DailyDispositionCount.objects.filter(ruleset=ruleset, day__gte=since)
            .values_list("disposition")
            .annotate(total=Sum("count"))
        )
        return {"days": COUNT_DAYS, "by_rule": by_rule, "by_disposition": by_disposition}

    # List actions (one ruleset at a time: each is a reviewed, deliberate step) ---

    def _single(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one ruleset for this action.", messages.WARNING)
            return None
        return queryset.get()

    def _run_action(self, request, queryset, action, success):
        ruleset = self._single(request, queryset)
        if ruleset is None:
            return None
        try:
            result = action(ruleset, request.user)
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        self.message_user(request, success.format(ruleset=result), messages.SUCCESS)
        return HttpResponseRedirect(_ruleset_url(result))

    @admin.action(description="Copy to a new draft", permissions=["change"])
    def copy_to_new_draft(self, request, queryset):
        return self._run_action(request, queryset, workflow.copy_to_draft, "Created {ruleset}.")

    @admin.action(description="Submit for approval", permissions=["change"])
    def submit_selected(self, request, queryset):
        return self._run_action(
            request, queryset, workflow.submit_for_approval, "{ruleset} is waiting for approval."
        )

    @admin.action(description="Approve and make live…", permissions=["change"])
    def approve_selected(self, request, queryset):
        ruleset = self._single(request, queryset)
        if ruleset is not None:
            return HttpResponseRedirect(reverse("admin:triage_ruleset_approve", args=[ruleset.pk]))
        return None

    @admin.action(description="Propose rollback to this version", permissions=["change"])
    def propose_rollback_selected(self, request, queryset):
        return self._run_action(
            request, queryset, workflow.propose_rollback, "{ruleset} is proposed to go live again."
        )


class ApprovalForm(forms.Form):
    approval_note = forms.CharField(
        label="Approval note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you checked, and why this version can go live. Kept with the version.",
    )
    acknowledge = forms.BooleanField(
        label="I have read every safety warning above and accept them for this version.", required=False
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, warnings=(), fingerprint="", lowered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings = warnings
        self.lowered = list(lowered)
        for index, group in enumerate(self.lowered):
            self.fields[f"lowers_{index}"] = forms.CharField(
                label=f"Lowers care ({index + 1} of {len(self.lowered)}): {group.describe()}",
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Why readers with these answers may get less urgent advice. Kept in the history.",
            )
            self.fields[f"lowers_{index}_key"] = forms.CharField(widget=forms.HiddenInput, initial=group.key)
        self.fields["fingerprint"].initial = fingerprint
        if not warnings:
            del self.fields["acknowledge"]

    def lowering_reasons(self):
        """The reason given for each group that lowers care, by the group's key as shown."""
        return {
            self.cleaned_data[f"lowers_{index}_key"]: self.cleaned_data[f"lowers_{index}"]
            for index in range(len(self.lowered))
        }

    def clean(self):
        cleaned = super().clean()
        if self.warnings and not cleaned.get("acknowledge"):
            self.add_error(
                "acknowledge", "Tick the box to confirm you have read and accept the safety warnings."
            )
        return cleaned


# Rules and conditions ----------------------------------------------------------


class ConditionFormSet(BaseInlineFormSet):
    """Checks a rule's conditions together: at least one, and no contradictions."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        conditions = [
            engine.Condition(
                form.cleaned_data["field"], form.cleaned_data["operator"], form.cleaned_data["value"]
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problems = engine.validate_rule_conditions(conditions)
        if problems:
            raise ValidationError(problems)


class ConditionInline(admin.TabularInline):
    model = Condition
    formset = ConditionFormSet
    extra = 1
    fields = ("field", "operator", "value", "history_link")
    readonly_fields = ("history_link",)

    @admin.display(description="history")
    def history_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">History</a>', reverse("admin:triage_condition_history", args=[obj.pk])
        )

    def _editable(self, obj):
        return obj is None or obj.ruleset.is_editable

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class CauseChoiceField(forms.ModelMultipleChoiceField):
    """Cause choices that refuse ids no database row can have, before looking them up.

    Django queries `pk__in` with whatever ids were posted; SQLite's driver raises
    OverflowError (a 500) for an integer beyond 64 bits instead of finding nothing.
    """

    LARGEST_ID = 2**63 - 1

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if not (text.isascii() and text.isdigit()) or int(text) > self.LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class RuleForm(LockedModelForm):
    source_url = source_url_field()

    class Meta:
        model = Rule
        fields = (
            "ruleset",
            "order",
            "name",
            "disposition",
            "message",
            "causes",
            "source_citation",
            "source_url",
        )
        widgets = {
            "name": forms.TextInput(attrs={"size": 80}),
            "source_citation": forms.TextInput(attrs={"size": 80}),
        }
        field_classes = {"causes": CauseChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "ruleset" in self.fields:
            self.fields["ruleset"].queryset = RuleSet.objects.filter(status=Status.DRAFT)
            self.fields["ruleset"].help_text = "Only drafts can be changed."
        if "causes" in self.fields:
            # Cause pages themselves, not their unpublished draft revisions.
            self.fields["causes"].queryset = self.fields["causes"].queryset.without_revisions()


class DraftRulesetPartAdminMixin:
    """A rule or scenario is changed or deleted only while its ruleset is a draft, and one at a time."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.ruleset.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.ruleset.is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk delete would bypass the per-ruleset check; delete them one by one from a draft.
        actions.pop("delete_selected", None)
        return actions


@admin.register(Rule)
class RuleAdmin(DraftRulesetPartAdminMixin, HistoryAdmin):
    form = RuleForm
    inlines = [ConditionInline]
    list_display = ("name", "ruleset", "disposition", "conditions_summary", "order", "source_citation")
    list_filter = ("ruleset", "disposition")
    list_select_related = ("ruleset",)
    search_fields = ("name", "message", "source_citation")
    filter_horizontal = ("causes",)
    ordering = ("-ruleset__version", "order", "pk")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("conditions")

    @admin.display(description="conditions (all must hold)")
    def conditions_summary(self, obj):
        return " AND ".join(str(condition) for condition in obj.conditions.all())

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("order", 1000)
        return initial

    def response_post_save_change(self, request, obj):
        return HttpResponseRedirect(_ruleset_url(obj.ruleset))


class ReadOnlyAdminMixin:
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Condition)
class ConditionAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """Conditions are edited on their rule's page; here only their history is shown."""

    list_display = ("__str__", "rule")
    list_select_related = ("rule__ruleset",)
    list_filter = ("rule__ruleset",)
    search_fields = ("rule__name", "field", "value")

    def has_module_permission(self, request):
        return False  # reached from a rule, not the admin index


# Scenarios -----------------------------------------------------------------------


def _answer_field(spec):
    """The scenario form's field for one answer: named as rules and scenario files name it,
    with the reader's question (and, for a choice, each value's words for readers) beside it."""
    words = {"label": spec.name, "help_text": spec.label}
    if spec.kind == contract.CHOICE:
        choices = [(value, f"{value} — {label}") for value, label in spec.choice_labels]
        return forms.ChoiceField(choices=choices, **words)
    if spec.kind == contract.BOOLEAN:
        return forms.BooleanField(required=False, **words)
    return forms.IntegerField(min_value=spec.minimum, max_value=spec.maximum, required=spec.required, **words)


class BaseScenarioForm(LockedModelForm):
    """One form field per contract field, so editors pick values instead of typing JSON."""

    class Meta:
        model = Scenario
        fields = ("ruleset", "name", "expected")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "ruleset" in self.fields:
            self.fields["ruleset"].queryset = RuleSet.objects.filter(status=Status.DRAFT)
            self.fields["ruleset"].help_text = "Scenarios belong to one version; only drafts can be changed."
        stored = self.instance.answers if isinstance(self.instance.answers, dict) else {}
        defaults = contract.default_answers()
        for spec in contract.FIELDS:
            self.initial.setdefault(spec.name, stored.get(spec.name, defaults[spec.name]))

    def clean(self):
        cleaned = super().clean()
        raw = {spec.name: cleaned.get(spec.name) for spec in contract.FIELDS}
        answers, errors = contract.parse_answers(raw)
        for name, message in errors.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        self.instance.answers = contract.answers_to_json(answers) if not errors else raw
        self._check_name_is_free(cleaned)
        return cleaned

    def _check_name_is_free(self, cleaned):
        """A name is unique within its version. The model form checks that only while the version
        is on the form; once saved, a scenario's version is read-only, so it is checked here."""
        ruleset = cleaned.get("ruleset") or (self.instance.ruleset if self.instance.ruleset_id else None)
        name = cleaned.get("name")
        if ruleset is None or not name or "name" in self.errors:
            return
        taken = Scenario.objects.filter(ruleset=ruleset, name=name).exclude(pk=self.instance.pk)
        if taken.exists():
            self.add_error("name", f"Version {ruleset.version} already has a scenario named “{name}”.")

    def _update_errors(self, errors):
        # The model names problems with its `answers` field; here each answer is its own field.
        if hasattr(errors, "error_dict") and "answers" in errors.error_dict:
            errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(errors.error_dict.pop("answers"))
        super()._update_errors(errors)


# The answer fields are declared from the contract, so a new contract field appears here by itself.
ScenarioForm = type(
    "ScenarioForm", (BaseScenarioForm,), {spec.name: _answer_field(spec) for spec in contract.FIELDS}
)


@admin.register(Scenario)
class ScenarioAdmin(DraftRulesetPartAdminMixin, HistoryAdmin):
    """Scenarios of one ruleset version; added, changed and deleted only while it is a draft.

    The model refuses the save or delete too (`Scenario.check_editable`); here
    the refusal is a message on the scenario's read-only page, not an error page.
    """

    form = ScenarioForm
    # Outcomes for every scenario at once are on each ruleset's page; here, per scenario.
    list_display = ("name", "ruleset", "expected", "updated_at")
    list_filter = ("ruleset", "expected")
    list_select_related = ("ruleset",)
    search_fields = ("name",)
    ordering = ("-ruleset__version", "name")
    readonly_fields = ("own_outcome", "live_outcome")
    fieldsets = (
        (None, {"fields": ("ruleset", "name", "expected", "own_outcome", "live_outcome")}),
        ("Answers", {"fields": contract.FIELD_NAMES}),
    )
    revert_refused_message = (
        "Only a draft's scenarios can be changed, so only they can be reverted. "
        "Copy the ruleset to a new draft and change the scenario there."
    )

    def get_readonly_fields(self, request, obj=None):
        # A scenario stays with the version it was written for.
        return ("ruleset", *self.readonly_fields) if obj is not None else self.readonly_fields

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "ruleset" not in initial:
            draft = RuleSet.objects.filter(status=Status.DRAFT).first()
            if draft is not None:
                initial["ruleset"] = draft.pk
        return initial

    def _refusal(self, request, scenario):
        """A clear message, not a 403, for someone allowed to edit scenarios in general."""
        if scenario is None or scenario.ruleset.is_editable:
            return None
        if not super().has_change_permission(request):
            return None
        self.message_user(
            request,
            f"“{scenario}” belongs to version {scenario.ruleset.version}, which is "
            f"{scenario.ruleset.get_status_display().lower()}: its scenarios cannot be changed or deleted. "
            f"{DRAFT_ONLY_MESSAGE}",
            messages.ERROR,
        )
        return HttpResponseRedirect(reverse("admin:triage_scenario_change", args=[scenario.pk]))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None:
            scenario = self.get_object(request, object_id)
            if request.method == "POST":
                refused = self._refusal(request, scenario)
                if refused is not None:
                    return refused
            elif scenario is not None and not scenario.ruleset.is_editable:
                self.message_user(
                    request,
                    f"Read only: version {scenario.ruleset.version} is not a draft. {DRAFT_ONLY_MESSAGE}",
                    messages.INFO,
                )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        refused = self._refusal(request, self.get_object(request, object_id))
        return refused or super().delete_view(request, object_id, extra_context)

    def restore_from_form(self, form, current):
        super().restore_from_form(form, current)
        # The answers are separate form fields, parsed onto the form's instance by its clean().
        current.answers = form.instance.answers

    def save_edit(self, request, obj, form, change):
        try:
            return super().save_edit(request, obj, form, change)
        except ScenarioLocked:
            # The ruleset left draft between the form's check and the save: nothing was written.
            raise PermissionDenied(DRAFT_ONLY_MESSAGE) from None

    @admin.display(description="its version gives")
    def own_outcome(self, obj):
        if obj.pk is None:
            return "—"
        actual = engine.evaluate(obj.parsed_answers(), workflow.load_engine_ruleset(obj.ruleset)).disposition
        mark = "✓" if actual == obj.expected else "✗ differs"
        return f"{actual} {mark}"

    @admin.display(description="live ruleset gives")
    def live_outcome(self, obj):
        live = services.live_ruleset()
        if live is None or obj.pk is None:
            return "—"
        actual = engine.evaluate(obj.parsed_answers(), live.rules).disposition
        mark = "✓" if actual == obj.expected else "✗ differs"
        return f"{actual} {mark}"


# Anonymous counts ------------------------------------------------------------------


class ReadOnlyCountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    date_hierarchy = "day"
    list_select_related = ("ruleset",)


@admin.register(DailyDispositionCount)
class DailyDispositionCountAdmin(ReadOnlyCountAdmin):
    list_display = ("day", "ruleset", "disposition", "count")
    list_filter = ("ruleset", "disposition")


@admin.register(DailyRuleCount)
class DailyRuleCountAdmin(ReadOnlyCountAdmin):
    list_display = ("day", "ruleset", "rule_name", "rule_conditions", "count")
    list_filter = ("ruleset",)
    list_select_related = ("ruleset", "rule")
    search_fields = ("rule__name",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("rule__conditions")

    @admin.display(description="rule", ordering="rule__name")
    def rule_name(self, obj):
        return obj.rule.name

    @admin.display(description="thresholds")
    def rule_conditions(self, obj):
        return format_html_join(
            ", ", "<code>{}</code>", ((str(condition),) for condition in obj.rule.conditions.all())
        ) or format_html("—")
