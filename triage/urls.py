"""Public URLs for the triage form."""

app_name = "triage"

urlpatterns = []
