"""What a browser page reports while it loads: CSP violations, requests elsewhere, failed loads."""

from triage import contract


class Watcher:
    """Collects CSP violations and requests to other origins for one browser page."""

    def __init__(self, page, origin):
        self.violations = []
        self.foreign_requests = []
        self.failed_loads = []
        page.on("console", self.on_console)
        page.on("request", lambda request: self.on_request(request, origin))
        page.on("response", self.on_response)

    def on_console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)

    def on_request(self, request, origin):
        if not request.url.startswith((origin, "data:")):
            self.foreign_requests.append(request.url)

    def on_response(self, response):
        # Pages may answer 404 on purpose; the files they load may not.
        if response.request.resource_type != "document" and response.status >= 400:
            self.failed_loads.append(f"{response.status} {response.url}")


def visit(page, url):
    # goto waits for the load event: every script, style and image has loaded or been blocked.
    return page.goto(url)


def answer_lowest(page):
    """Answer every required triage question on the open form with its first choice or lowest number."""
    for field in contract.FIELDS:
        if field.kind == contract.CHOICE:
            page.check(f"input[name={field.name}][value={field.choices[0]}]")
        elif field.kind == contract.INTEGER and field.required:
            page.fill(f"input[name={field.name}]", str(field.minimum))
