"""Optimistic locking for admin edits: no editor silently overwrites another.

Every locked model is built on `LockVersioned`: a `lock_version` that its
`save()` increments. The
change form carries the version the editor opened (a hidden field). Two checks
refuse a stale save:

- `LockedModelForm.clean()` compares it with the stored version, so a stale
  form comes back with the editor's text intact and a message saying who
  changed what;
- `claim()`, called inside the save transaction, reads the row with
  `SELECT ... FOR UPDATE` and compares again. Two saves racing past the form
  check are serialized on the row lock (PostgreSQL), or by the write lock
  SQLite takes when the transaction begins (`transaction_mode` IMMEDIATE), so
  the second one sees the first one's version and is refused.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import format_html, format_html_join

LOCK_FIELD = "lock_version"
# The form field carrying the version the editor opened (a model field of that name is not editable).
VERSION_FIELD = "opened_version"
VALUE_PREVIEW_CHARS = 300


class LockVersioned(models.Model):
    """The one optimistic-locking field: every save moves the version on."""

    lock_version = models.PositiveIntegerField(default=0, editable=False)

    # Fields set by a workflow, never typed by editors: left out of "who changed what".
    # A model with more workflow fields (drafts, review, publication) names them all.
    WORKFLOW_FIELDS = frozenset({"id", "status"})

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.lock_version += 1
        super().save(*args, **kwargs)

    @classmethod
    def edit_target(cls, pk):
        """Where edits of row `pk` are saved now: the row itself, unless a model says otherwise."""
        return cls._default_manager.filter(pk=pk).first()


class EditConflict(Exception):
    """Someone else saved the object after this editor opened it."""


def is_locked(model):
    return any(field.name == LOCK_FIELD for field in model._meta.concrete_fields)


def stored_version(model, pk):
    return model._default_manager.filter(pk=pk).values_list(LOCK_FIELD, flat=True).first()


def claim(model, pk, expected):
    """Lock the row for this transaction and refuse if its version is not `expected`.

    Must run inside `transaction.atomic()`; the lock is held until it commits.
    """
    current = (
        model._default_manager.select_for_update().filter(pk=pk).values_list(LOCK_FIELD, flat=True).first()
    )
    if current is None or expected is None or int(expected) != current:
        raise EditConflict(f"{model._meta.verbose_name} {pk} is at version {current}, not {expected}.")
    return current


class LockedModelForm(forms.ModelForm):
    """A model form that refuses to save over a version the editor never saw."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_locked(type(self.instance)):
            # Conditions, for one, are locked through their rule's form.
            self.fields.pop(VERSION_FIELD, None)
        elif self.instance.pk is not None:
            # The stored version, not the instance's: a revert form's instance is an old version.
            self.fields[VERSION_FIELD].initial = stored_version(type(self.instance), self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or VERSION_FIELD not in self.fields:
            return cleaned
        opened = cleaned.get(VERSION_FIELD)
        model = type(self.instance)
        if opened is None:
            raise ValidationError(
                "This form does not say which version of the page you opened, so saving it could undo "
                "someone else's changes. Your text is still in the form below: copy what you need, "
                "reload, and apply it again.",
                code="edit_conflict",
            )
        if opened != stored_version(model, self.instance.pk):
            raise ValidationError(conflict_message(model, self.instance.pk, opened), code="edit_conflict")
        return cleaned


def has_conflict(form):
    return any(error.code == "edit_conflict" for error in form.errors.as_data().get("__all__", []))


# Who changed what ---------------------------------------------------------------


def _shorten(value, limit=None):
    text = "—" if value in (None, "") else str(value)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _same_text(old, new):
    """Equal but for line endings and surrounding blank space (browsers send CRLF, forms strip)."""

    def norm(text):
        return text.replace("\r\n", "\n").strip()

    return isinstance(old, str) and isinstance(new, str) and norm(old) == norm(new)


def field_changes(old_record, new_record, limit=None, excluded=()):
    """[(field label, old, new)] between two historical records of the same model."""
    delta = new_record.diff_against(old_record, excluded_fields=set(excluded))
    model = old_record.instance_type
    rows = []
    for change in delta.changes:
        if _same_text(change.old, change.new):
            continue
        try:
            label = model._meta.get_field(change.field).verbose_name
        except Exception:  # a field removed since that version was recorded
            label = change.field
        rows.append((str(label).capitalize(), _shorten(change.old, limit), _shorten(change.new, limit)))
    return rows


def conflict_changes(model, pk, opened_version):
    """(latest historical record or None, [(field, old, new)]) since `opened_version`."""
    target = model.edit_target(pk)
    if target is None:
        return None, []
    latest = target.history.order_by("-history_date", "-history_id").first()
    opened = (
        model.history.filter(id=pk, lock_version=opened_version).order_by("-history_id").first()
        if opened_version is not None
        else None
    )
    if latest is None or opened is None:
        return latest, []
    return latest, field_changes(opened, latest, limit=VALUE_PREVIEW_CHARS, excluded=model.WORKFLOW_FIELDS)


def conflict_message(model, pk, opened_version):
    """The message an editor sees when their save is refused: who, when, what, and what to do."""
    thing = model._meta.verbose_name
    latest, changes = conflict_changes(model, pk, opened_version)
    who = str(latest.history_user) if latest is not None and latest.history_user else "another editor"
    when = (
        timezone.localtime(latest.history_date).strftime("%d %b %Y %H:%M")
        if latest is not None
        else "a moment ago"
    )
    if changes:
        listed = format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><strong>{}</strong>: {} → {}</li>", changes),
        )
    else:
        listed = format_html("<p>{}</p>", "(The history does not say which fields changed.)")
    return format_html(
        "Someone else changed this {} while you were editing: {} at {}. Their changes: {}"
        "Your text is still in the form below: copy what you need, reload, and apply it again.",
        thing,
        who,
        when,
        listed,
    )
