"""The public triage form: GET shows the questions, POST shows the result on the same URL.

Answers live only in this request: they are never saved, logged or put in a
URL, and the response is marked `no-store`. Only the anonymous daily counts
(`triage.services.record_result`) are written.

Even when building a result fails, answers stay out of logs and error
reports: every frame's local variables and every POST value are masked in
this request's error report (`AnswersHiddenFilter`), and the error that
reaches the logs says only where it happened, never the original message,
which could quote an answer (`TriageFailed`).
"""

import traceback

from django.core.exceptions import SuspiciousOperation
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.debug import SafeExceptionReporterFilter
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from triage import contract, engine, incomplete, services
from triage.forms import TriageForm, summary_of_answers


class AnswersHiddenFilter(SafeExceptionReporterFilter):
    """Masks the local variables of every frame, not just the decorated ones.

    `sensitive_variables` only covers the function it decorates; answers also
    sit in the engine's, the form's and the template's frames below it.
    """

    def get_traceback_frame_variables(self, request, tb_frame):
        if not self.is_active(request):
            return super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class TriageFailed(RuntimeError):
    """Building a triage result failed. Says where (file, line, function), never the original message."""

    @classmethod
    def from_error(cls, error):
        where = " < ".join(
            f"{frame.name} ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})"
            for frame in reversed(traceback.extract_tb(error.__traceback__))
        )
        return cls(f"{type(error).__name__} in {where}")


@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def triage_form(request):
    request.exception_reporter_filter = AnswersHiddenFilter()
    live = services.live_ruleset()
    if live is None:
        response = render(request, "triage/unavailable.html", status=503)
    elif request.method == "POST":
        response = _answer(request, live)
    else:
        # A GET never computes a result, whatever its query string holds: answers stay out of URLs.
        response = render(request, "triage/form.html", {"form": TriageForm()})
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


@sensitive_variables()
def _answer(request, live):
    # Read the body first, outside the guard: a body over the size limits is a 400, not a failure.
    data = request.POST
    try:
        return _result_page(request, live, data)
    except SuspiciousOperation:
        raise
    except Exception as error:
        failure = TriageFailed.from_error(error)
    # Raised outside the `except` block, so the original error (its message, its frames and
    # their variables) is not chained to the one that reaches the logs and error reports.
    raise failure


@sensitive_variables()
def _result_page(request, live, data):
    form = TriageForm(data)
    if not form.is_valid():
        return render(request, "triage/form.html", {"form": form, **_minimum_advice(form, live)}, status=400)
    result = engine.evaluate(form.answers, live.rules)
    context = {
        "result": result,
        "disposition": result.disposition,
        "action": contract.DISPOSITION_LABELS[result.disposition],
        "ruleset_version": live.version,
        "causes": live.causes_for(result.matched_rules),
        "summary": summary_of_answers(form.answers),
        "is_emergency": result.disposition == contract.EMERGENCY,
    }
    response = render(request, "triage/result.html", context)
    # Counted once the page is built, so a result no reader saw is never counted.
    services.record_result(live.pk, result)
    return response


@sensitive_variables()
def _minimum_advice(form, live):
    """What to do now when the answers given already decide a level of care (contract: incomplete answers).

    Only a level above self-care is advice worth showing before the reader has finished.
    """
    disposition, rules = incomplete.minimum_disposition(form.answers, form.errors, live.rules)
    if disposition == contract.SELF_CARE:
        return {}
    return {
        "minimum": {
            "disposition": disposition,
            "action": contract.DISPOSITION_LABELS[disposition],
            "is_emergency": disposition == contract.EMERGENCY,
            "rules": [rule for rule in rules if rule.disposition == disposition],
        }
    }
