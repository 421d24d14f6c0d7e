"""The smallest valid triage submission, as a reader's browser posts it (unticked boxes absent)."""

VALID_FORM = {
    "pregnancy": "no",
    "bleeding_amount": "spotting",
    "pain": "none",
    "premenstrual_spotting_days": "0",
    "frequency": "first_time",
    "age": "30",
}


def form_data(**changes):
    """VALID_FORM with `changes` applied; a change to None leaves that field out."""
    data = {**VALID_FORM, **changes}
    return {name: value for name, value in data.items() if value is not None}
