"""Public pages. Views parse the request, ask the models, and render."""

from django.shortcuts import render

from articles.models import Article


def home(request):
    flagship = Article.objects.published().filter(is_flagship=True).first()
    return render(request, "articles/home.html", {"flagship": flagship})
