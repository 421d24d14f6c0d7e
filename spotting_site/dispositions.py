"""The four dispositions: how urgently to see a doctor, most urgent first.

The site's one set of urgency words. A triage result ends in one of them
(`triage.contract` re-exports them as part of the form's public contract,
`docs/triage-contract.md`), and each cause page names the one its cause
usually needs (`articles.models.Cause.urgency_hint`). They live here, in the
site package that every app may import, so that neither content app has to
import the other for them. Plain Python: no Django imports.
"""

EMERGENCY = "emergency"
URGENT = "urgent"
APPOINTMENT = "appointment"
SELF_CARE = "self_care"

DISPOSITIONS = (EMERGENCY, URGENT, APPOINTMENT, SELF_CARE)

DISPOSITION_LABELS = {
    EMERGENCY: "Go to the emergency department or call the emergency number now",
    URGENT: "Contact a doctor or early pregnancy unit today",
    APPOINTMENT: "Book an appointment with a doctor within about two weeks",
    SELF_CARE: "Likely harmless: keep an eye on it and mention it at a routine visit",
}

DISPOSITION_SHORT_LABELS = {
    EMERGENCY: "Emergency",
    URGENT: "Urgent: today",
    APPOINTMENT: "Appointment: within two weeks",
    SELF_CARE: "Self-care",
}

# The one list of disposition choices, most urgent first, for every model and form field.
DISPOSITION_CHOICES = [(name, DISPOSITION_SHORT_LABELS[name]) for name in DISPOSITIONS]

# Higher number = more urgent; used to pick the winning rule and compare outcomes.
URGENCY_RANK = {name: len(DISPOSITIONS) - index for index, name in enumerate(DISPOSITIONS)}


def most_urgent(dispositions):
    """The most urgent of some dispositions; `self_care` when there are none."""
    return max(dispositions, key=URGENCY_RANK.__getitem__, default=SELF_CARE)
