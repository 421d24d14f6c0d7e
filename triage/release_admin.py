"""The admin pages of a two-person release (`triage.release`): its buttons, approve page and URLs.

`RuleSetAdmin` and `SafetyFloorAdmin` both use `ReleaseAdminMixin`. Each says
who may press the buttons, in two methods the mixin has no default for (so
no admin is left open by forgetting one):

- `check_release_permission(request)`, before the version is even looked
  up: raises PermissionDenied (a 403) for someone who may not;
- `transition_refusal(request, row)`, once it is found: a redirect with an
  error message for someone who may not, None for someone who may.

Every button is a POST (a GET is a 405); the workflow then checks again
(the approver's permission, two different people) and its error is shown
on the version's page. Sending back and approving are refused by the
workflow itself to anyone who may not approve.
"""

from django import forms
from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from editorial.forms import SendBackForm


class ReleaseAdminMixin:
    release_kind = None  # the `release.ReleaseKind` of the model
    # The kind's workflow module: copy_to_draft, submit_for_approval, return_to_draft,
    # check_can_approve, approve and send_back, each taking (row, user, ...).
    release_workflow = None
    approve_template = None
    # The success messages of the buttons, with `{item}` for the version.
    copy_message = submit_message = None
    return_message = "{item}: request for approval withdrawn."
    # (URL part, view method name, URL name suffix) of every button; a kind may add its own.
    release_urls = (
        ("copy/", "copy_view", "copy"),
        ("submit/", "submit_view", "submit"),
        ("return-to-draft/", "return_view", "return"),
        ("approve/", "approve_view", "approve"),
        ("send-back/", "send_back_view", "send_back"),
    )

    def check_release_permission(self, request):
        raise NotImplementedError("Say who may use the release buttons.")

    def transition_refusal(self, request, row):
        raise NotImplementedError("Say who may use the release buttons.")

    def approval_form(self, request, row):
        """(the approve page's form, what it shows) for this row."""
        raise NotImplementedError

    def approve_with_form(self, row, user, form):
        raise NotImplementedError

    def approval_review_context(self, row, shown):
        """The rest of the approve page's context, beside what `approval_form` showed."""
        raise NotImplementedError

    def release_url(self, row):
        return self.release_kind.change_path(row)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        name = self.release_kind.admin_name
        return [
            *(
                path(f"<int:pk>/{part}", wrap(getattr(self, view)), name=f"triage_{name}_{suffix}")
                for part, view, suffix in self.release_urls
            ),
            *super().get_urls(),
        ]

    def transition(self, request, pk, action, success):
        """Run `action(row, user)` for a POST; `success` is a message with `{item}` for the result."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self.check_release_permission(request)
        row = get_object_or_404(self.model, pk=pk)
        refused = self.transition_refusal(request, row)
        if refused is not None:
            return refused
        try:
            result = action(row, request.user)
        except self.release_kind.error as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(self.release_url(row))
        messages.success(request, success.format(item=result))
        return HttpResponseRedirect(self.release_url(result))

    def copy_view(self, request, pk):
        return self.transition(request, pk, self.release_workflow.copy_to_draft, self.copy_message)

    def submit_view(self, request, pk):
        return self.transition(request, pk, self.release_workflow.submit_for_approval, self.submit_message)

    def return_view(self, request, pk):
        return self.transition(request, pk, self.release_workflow.return_to_draft, self.return_message)

    def send_back_view(self, request, pk):
        """Return a submitted version to its author with a comment (from the approve page)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        item = get_object_or_404(self.model, pk=pk)
        form = SendBackForm(request.POST)
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        try:
            result = self.release_workflow.send_back(item, request.user, comment)
        except self.release_kind.error as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(self.release_kind.approve_path(item))
        messages.success(request, f"{result}: sent back to its author with your comment.")
        return HttpResponseRedirect(self.release_url(result))

    def approve_view(self, request, pk):
        """The approve page: what the approver must read and accept, then approve or send back."""
        self.check_release_permission(request)
        row = get_object_or_404(self.model, pk=pk)
        try:
            self.release_workflow.check_can_approve(row, request.user)
        except self.release_kind.error as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(self.release_url(row))
        form, shown = self.approval_form(request, row)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                self.approve_with_form(row, request.user, form)
            except self.release_kind.error as error:
                errors.append(str(error))
            else:
                messages.success(request, f"{row.version_label} {row.version} is now live.")
                return HttpResponseRedirect(self.release_url(row))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Approve {row.version_label.lower()} {row.version} and make it live",
            "opts": self.model._meta,
            "original": row,
            "form": form,
            "errors": errors,
            **self.approval_review_context(row, shown),
        }
        return TemplateResponse(request, self.approve_template, context)


def source_url_field():
    """The form field for the source URL a part of a version (a rule, a floor statement) cites."""
    return forms.URLField(
        label="Source URL",
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"size": 80}),
    )
