"""Forms shared by the editorial workflow of every content app."""

from django import forms


class SendBackForm(forms.Form):
    """An approver's reason for returning a submitted item to its author."""

    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What must change before it can be approved. Kept in the history; the author is "
        "e-mailed that it came back (the comment itself is not in the e-mail).",
    )
