"""The public triage form: GET shows the questions, POST shows the result on the same URL.

Answers live only in this request: they are never saved, logged or put in a
URL, and the response is marked `no-store`. Only the anonymous daily counts
(`triage.services.record_result`) are written.
"""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from triage import contract, engine, services
from triage.forms import TriageForm, summary_of_answers


@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def triage_form(request):
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
    form = TriageForm(request.POST)
    if not form.is_valid():
        return render(request, "triage/form.html", {"form": form}, status=400)
    result = engine.evaluate(form.answers, live.rules)
    services.record_result(live.pk, result)
    context = {
        "result": result,
        "disposition": result.disposition,
        "action": contract.DISPOSITION_LABELS[result.disposition],
        "ruleset_version": live.version,
        "causes": live.causes_for(result.matched_rules),
        "summary": summary_of_answers(form.answers),
        "is_emergency": result.disposition == contract.EMERGENCY,
    }
    return render(request, "triage/result.html", context)
